"""The subscriber area (contract §2.1, §7): a subscriber logs in with the MD5 of its id and of
its address, and reads the lists it is subscribed to.

Subscriber sessions are kept apart from the user, admin and client sessions (``list_side``):
they open nothing but ``Subscriber.GetLists``.
"""

from __future__ import annotations

import secrets

from mailgql.emulators.oempro.commands._base import (
    PUBLIC,
    Call,
    CommandTable,
    found,
    public_list,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import md5_hex

__all__ = ["COMMANDS"]

COMMANDS = CommandTable()


@COMMANDS.register("Subscriber.Login", PUBLIC)
@requires(
    ("ListID", 1, "Subscriber list id is missing"),
    ("MSubscriberID", 2, "Subscriber id is missing"),
    ("MEmailAddress", 3, "Subscriber email address is missing"),
    ("EmailAddress", 4, "Validation email address is missing"),
)
def subscriber_login(call: Call) -> Outcome:
    """``Subscriber.Login``: codes 1-8; a session of the subscriber on success."""
    p = call.params
    lst = public_list(call, 5, 6)
    email = call.address("EmailAddress", (7, "Invalid validation email address"))
    wanted_id = (p.filled("MSubscriberID") or "").lower()
    wanted_email = (p.filled("MEmailAddress") or "").lower()
    for sub in call.state.subscribers.get(lst.id, {}).values():
        address = sub["EmailAddress"]
        if (
            md5_hex(str(sub.id)) == wanted_id
            and md5_hex(address) == wanted_email
            and address.lower() == email.lower()
        ):
            session_id = secrets.token_hex(16)
            call.state.list_side.subscriber_sessions[session_id] = (lst.id, sub.id)
            return ok(SessionID=session_id)
    return fail((8, "Invalid login information"))


@COMMANDS.register("Subscriber.GetLists", PUBLIC)
def subscriber_get_lists(call: Call) -> Outcome:
    """``Subscriber.GetLists``: the owner's lists holding the address (not unsubscribed, not
    hidden from the subscriber area); 1 no session, 2 unknown session, 3 subscriber gone."""
    session_id = found(call.params.filled("SessionID"), (1, "Invalid authentication"))
    sessions = call.state.list_side.subscriber_sessions
    list_id, subscriber_id = found(sessions.get(session_id), (2, "Invalid authentication"))
    lst = call.state.lists.get(list_id)
    sub = call.state.subscribers.get(list_id, {}).get(subscriber_id)
    if lst is None or sub is None:
        return fail((3, "Invalid subscriber"))
    rows = []
    for other in call.state.lists_of(lst.owner_id):
        held = call.state.subscriber_by_email(other.id, sub["EmailAddress"])
        hidden = other["HideInSubscriberArea"] == "true"
        if held is not None and held["SubscriptionStatus"] != "Unsubscribed" and not hidden:
            rows.append(other.row())
    return ok(SubscribedLists=rows)
