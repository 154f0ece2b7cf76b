"""Oempro writes of users, subscriptions, lists, subscribers and segments.

Each is one client call, sent once (the adapter's replay after 99998 aside: the server refused
the command before running it), then the loader entries it made stale are forgotten, whether
it succeeded or not. What Oempro cannot keep or would silently ignore is refused here, before
any call, with the refusal's ``field`` naming the value at fault: an Oempro parameter name
(``UserID``, ``ListID``, ``SubscriberID``, ``Lists``) or, for a value Oempro has no parameter
for, this facade's own argument name (``name``, ``expires_at``, ``fields[<index>]``).

Deletes of lists first read the list, because Oempro's bulk deletes say nothing about ids they
did not find; a subscriber update first finds the subscriber by address, since the update
needs its id. Campaign writes live in ``campaign_writes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mailgql.data._facade import Stale
from mailgql.data.oempro._base import PLATFORM, invalid, shown
from mailgql.data.oempro.lists import custom_field_id
from mailgql.data.oempro.segments import SegmentReads
from mailgql.data.oempro.stale import stale_lists, stale_segments, stale_subscribers, stale_users
from mailgql.upstreams.changes import Changes
from mailgql.upstreams.errors import UpstreamForbidden
from mailgql.upstreams.oempro import SegmentRule

__all__ = ["ListSettings", "ListWrites", "NewSegment"]


@dataclass(frozen=True, slots=True)
class ListSettings(Changes):
    """What ``List.Update`` may change; None leaves a setting as it is."""

    name: str | None = None
    double_opt_in: bool | None = None
    opt_in_confirmation_email_id: int | None = None
    unsubscribe_from_all_lists: bool | None = None
    suppress_unsubscribed: bool | None = None
    hide_in_subscriber_area: bool | None = None
    subscription_pending_page_url: str | None = None
    subscription_confirmed_page_url: str | None = None


@dataclass(frozen=True, slots=True)
class NewSegment:
    """A segment to create in a list: its name, and its rules joined by or (``match_any``) or
    by and."""

    name: str
    match_any: bool
    rules: Sequence[SegmentRule]


def _choice(value: bool | None, yes: str, no: str) -> str | None:
    return None if value is None else (yes if value else no)


class ListWrites(SegmentReads):
    """Writes of users, subscriptions, lists, subscribers and segments."""

    # -- users ------------------------------------------------------------------------------------

    async def set_user_status(self, user_id: int, *, active: bool) -> None:
        """``User.Update`` with ``AccountStatus``.

        Only an admin login may change a user's status: a user login (or an API key) is
        FORBIDDEN before any call, since Oempro would take the update and keep the status.
        """
        if (await self.caller()).kind != "admin":
            raise UpstreamForbidden(
                "only an Oempro administrator may enable or disable users; set "
                "MAILGQL_OEMPRO_LOGIN_AS=admin with the administrator's credentials",
                platform=PLATFORM,
                field="UserID",
            )
        await self._write(
            self._client.update_user(user_id, enabled=active), stale=stale_users(user_id)
        )

    # -- subscriptions ----------------------------------------------------------------------------

    async def subscribe(
        self,
        list_id: int,
        email: str,
        *,
        name: str | None = None,
        expires_at: datetime | None = None,
    ) -> None:
        """``Subscriber.Subscribe``, the name into the list's name field.

        Refused before any call: an end date (Oempro subscriptions do not expire), and a name
        without MAILGQL_OEMPRO_NAME_FIELD or without that field in the list.
        """
        if expires_at is not None:
            raise invalid(
                "Oempro subscriptions do not expire; leave expiresAt out", field="expires_at"
            )
        values: dict[int, str] = {}
        if name is not None:
            if self._name_field is None:
                raise invalid(
                    "Oempro keeps no name of its own; set MAILGQL_OEMPRO_NAME_FIELD to the "
                    "custom field that holds names, or leave name out",
                    field="name",
                )
            field_id = await self.name_field_id(list_id)
            if field_id is None:
                raise invalid(
                    f"Oempro list {list_id} has no custom field named in MAILGQL_OEMPRO_NAME_FIELD",
                    field="name",
                )
            values[field_id] = name
        await self._write(
            self._client.subscribe(list_id, email, custom_fields=values),
            stale=stale_subscribers(list_id),
        )

    async def unsubscribe(self, list_id: int, email: str) -> None:
        """``Subscriber.Unsubscribe`` by address.

        The subscribers of every list are stale after it, not only this list's: a list whose
        opt-out scope is all lists unsubscribes the address from its owner's other lists too,
        and one that adds unsubscribed addresses to the owner's suppression list changes who
        is suppressed in each of them. Which the list does is not read before the call.
        """
        await self._write(
            self._client.unsubscribe(list_id, email=email), stale=stale_subscribers(None)
        )

    # -- lists ------------------------------------------------------------------------------------

    async def create_list(self, name: str) -> int:
        """``List.Create``; the new list's id.

        Every look-up of a list by id is forgotten: the new id was not known before.
        """
        return await self._write(self._client.create_list(name), stale=stale_lists(None))

    async def update_list(self, list_id: int, settings: ListSettings) -> None:
        """``List.Update`` with the given settings only."""
        await self._write(
            self._client.update_list(
                list_id,
                name=settings.name,
                opt_in_mode=_choice(settings.double_opt_in, "Double", "Single"),
                opt_in_confirmation_email_id=settings.opt_in_confirmation_email_id,
                opt_out_scope=_choice(
                    settings.unsubscribe_from_all_lists, "All lists", "This list"
                ),
                opt_out_add_to_suppression_list=settings.suppress_unsubscribed,
                hide_in_subscriber_area=settings.hide_in_subscriber_area,
                subscription_confirmation_pending_page_url=settings.subscription_pending_page_url,
                subscription_confirmed_page_url=settings.subscription_confirmed_page_url,
            ),
            stale=stale_lists(list_id),
        )

    async def delete_list(self, list_id: int) -> None:
        """``Lists.Delete`` of a list the login has (its subscribers, fields and segments go with
        it); NOT_FOUND (``Lists``) when the login has no such list."""
        shown(await self.list(list_id), "list", list_id, field="Lists")
        await self._write(
            self._client.delete_lists([list_id]),
            stale=[
                *stale_lists(list_id),
                *stale_subscribers(list_id),
                *stale_segments(list_id),
                Stale("custom_fields", (list_id,)),
            ],
        )

    # -- subscribers ------------------------------------------------------------------------------

    async def update_subscriber(
        self,
        list_id: int,
        email: str,
        *,
        new_email: str | None,
        fields: Sequence[tuple[str, str]],
    ) -> None:
        """``Subscriber.Update``: a new address and custom field values by field name or id.

        The subscriber is found by its current address first (``Subscriber.Get``, with the
        list's ``List.Get`` beside it), since the update needs its id; an unknown list is
        NOT_FOUND (``ListID``), an unknown address NOT_FOUND (``SubscriberID``), an unknown
        field BAD_USER_INPUT (``fields[<index>]``), all before the update.
        """
        found = await self.subscription(list_id, email)
        if found is None:
            raise await self._missing_subscriber(
                list_id, email, list_field="ListID", field="SubscriberID"
            )
        record, _ = found
        known = await self.custom_fields(list_id)
        values: dict[int, str] = {}
        for index, (name, value) in enumerate(fields):
            field_id = custom_field_id(name, known)
            if field_id is None:
                raise invalid(
                    f"Oempro list {list_id} has no custom field {name!r}", field=f"fields[{index}]"
                )
            values[field_id] = value
        await self._write(
            self._client.update_subscriber(
                list_id, record.subscriber_id, email=new_email or record.email, custom_fields=values
            ),
            stale=stale_subscribers(list_id),
        )

    # -- segments ---------------------------------------------------------------------------------

    async def create_segment(self, list_id: int, new: NewSegment) -> int:
        """``Segment.Create`` with its rules; the new segment's id."""
        return await self._write(
            self._client.create_segment(
                list_id, new.name, operator="or" if new.match_any else "and", rules=new.rules
            ),
            stale=stale_segments(list_id),
        )

    async def delete_segment(self, list_id: int, segment_id: int) -> None:
        """``Segments.Delete`` of a segment of a list.

        Subscriber windows of the segment (and campaigns aimed at it) are stale too.
        """
        await self._write(
            self._client.delete_segments([segment_id]),
            stale=[*stale_segments(list_id), *stale_subscribers(list_id)],
        )
