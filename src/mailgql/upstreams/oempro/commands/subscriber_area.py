"""The subscriber area (contract §2.1, §7): logging in as a subscriber, and the lists it is
subscribed to.

``Subscriber.Login`` takes no credential of anyone's: the MD5 of the subscriber's id and of its
address, which the list's owner can read, and the address itself. Its session is good for the
subscriber's own reads only, and both commands are sent without the gateway's credentials.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.commands._base import Command, Form
from mailgql.upstreams.oempro.records import MailingList, Page
from mailgql.upstreams.oempro.wire.envelope import unreadable

__all__ = ["subscriber_lists", "subscriber_login"]


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _session(data: dict[str, Any]) -> str:
    value = data.get("SessionID")
    if not isinstance(value, str) or not value.strip():
        raise unreadable("Subscriber.Login", "no SessionID")
    return value.strip()


def subscriber_login(list_id: int, subscriber_id: int, email: str) -> Command[str]:
    """``Subscriber.Login`` (public) as a subscriber of a list; the subscriber's session id."""
    form: Form = [
        ("ListID", str(list_id)),
        ("MSubscriberID", _md5(str(subscriber_id))),
        ("MEmailAddress", _md5(email)),
        ("EmailAddress", email),
    ]
    return Command("Subscriber.Login", form, decode=_session, read=False, public=True)


def subscriber_lists(session_id: str) -> Command[Page[MailingList]]:
    """``Subscriber.GetLists`` in a subscriber's session: the lists it is subscribed to (their
    rows lose their sync settings like every list row)."""
    command = "Subscriber.GetLists"
    form: Form = [("SessionID", session_id)]
    return Command(
        command,
        form,
        decode=lambda data: wire.decode_listing(
            data, "SubscribedLists", parse=wire.parse_list, command=command
        ),
        read=True,
        public=True,
    )
