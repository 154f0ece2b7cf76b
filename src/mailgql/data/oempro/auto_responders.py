"""Oempro auto responders: read per list, and created, changed, deleted and copied.

What costs calls: a list's auto responders, one ``AutoResponders.Get`` per list per request
(rows carry their counters); one by id, one ``AutoResponder.Get``; an auto responder's email,
the email look-up campaigns use (``Email.Get``, or one ``Emails.Get`` for two or more).

A delete reads the list's auto responders first: ``AutoResponders.Delete`` says nothing about
ids it did not find, so an id the list lacks is NOT_FOUND (``AutoResponders``) before any write.
"""

from __future__ import annotations

from mailgql.data._facade import Stale
from mailgql.data.oempro._base import not_shown
from mailgql.data.oempro.lists import ListReads
from mailgql.loaders.oempro_keys import ScopedId
from mailgql.upstreams.oempro.commands.auto_responders import (
    ResponderSpec,
    copy_auto_responders,
    create_auto_responder,
    delete_auto_responders,
    update_auto_responder,
)
from mailgql.upstreams.oempro.list_records import AutoResponder

__all__ = ["AutoResponderWrites", "ResponderSpec", "stale_auto_responders"]


def stale_auto_responders(list_id: int, responder_id: int | None = None) -> list[Stale]:
    """A list's auto responders changed: its listing, and the one by id (None: none known)."""
    out = [Stale("auto_responders", (list_id,))]
    if responder_id is not None:
        out.append(Stale("auto_responder_by_id", (responder_id,)))
    return out


class AutoResponderWrites(ListReads):
    """Auto responders of lists, read and written."""

    async def auto_responders(
        self, list_id: int, *, as_user: int | None = None
    ) -> tuple[AutoResponder, ...]:
        """Every auto responder of a list (read once per request)."""
        return await self._list_side.auto_responders.get(ScopedId(list_id, as_user))

    async def auto_responder(
        self, responder_id: int, *, as_user: int | None = None
    ) -> AutoResponder | None:
        """One auto responder by id with its statistics (None when the scope has none such)."""
        return await self._list_side.auto_responder_by_id.get(ScopedId(responder_id, as_user))

    async def create_auto_responder(self, list_id: int, spec: ResponderSpec) -> int:
        """``AutoResponder.Create`` in a list; the new id."""
        return await self._write(
            self._client.send(create_auto_responder(list_id, spec)),
            stale=stale_auto_responders(list_id),
        )

    async def update_auto_responder(
        self, list_id: int, responder_id: int, spec: ResponderSpec
    ) -> None:
        """``AutoResponder.Update`` with the given settings only."""
        await self._write(
            self._client.send(update_auto_responder(responder_id, spec)),
            stale=stale_auto_responders(list_id, responder_id),
        )

    async def delete_auto_responder(self, list_id: int, responder_id: int) -> None:
        """``AutoResponders.Delete`` of an auto responder of the list."""
        found = await self.auto_responders(list_id)
        if not any(r.auto_responder_id == responder_id for r in found):
            raise not_shown("auto responder", responder_id, field="AutoResponders")
        await self._write(
            self._client.send(delete_auto_responders([responder_id])),
            stale=stale_auto_responders(list_id, responder_id),
        )

    async def copy_auto_responders(self, source_list_id: int, target_list_id: int) -> None:
        """``AutoResponders.Copy``: the source list's auto responders added to the target."""
        await self._write(
            self._client.send(copy_auto_responders(source_list_id, target_list_id)),
            stale=stale_auto_responders(target_list_id),
        )
