"""The ten admin functions, called with a Login ID: users, credits and campaigns."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mailgql.emulators.maxmailer.checks import (
    is_email,
    is_password,
    is_username,
    parse_count,
    parse_id,
)
from mailgql.emulators.maxmailer.errors import fail
from mailgql.emulators.maxmailer.licence import Allocation, check_allocation
from mailgql.emulators.maxmailer.records import PERIODS, MaxmailerState, User, UserType
from mailgql.emulators.maxmailer.render import (
    available_sends,
    campaign_stats,
    campaign_summary,
    user_record,
    user_with_usage,
)

__all__ = ["FUNCTIONS", "AdminCall", "Payload", "canonical_function", "run_admin"]

Payload = dict[str, Any] | list[dict[str, str]]


@dataclass(frozen=True, slots=True)
class AdminCall:
    """One admin API request: who calls, with what, and when."""

    state: MaxmailerState
    caller: User
    params: Mapping[str, str]
    now: int

    def manages(self, target: User) -> bool:
        """Admins manage everyone; a user-manager only the users whose parent it is."""
        if self.caller.user_type == "admin":
            return True
        return self.caller.user_type == "reseller" and target.parent_id == self.caller.id

    def managed_user(self, unknown_errno: int) -> User:
        """The user named by ``id``; one outside the caller's scope is unknown to it."""
        user_id = parse_id(self.params.get("id"))
        user = self.state.users.get(user_id) if user_id is not None else None
        if user is None or not self.manages(user):
            raise fail(unknown_errno)
        return user

    def target(self, denied_errno: int, unknown_errno: int, *, not_self: bool = False) -> User:
        """The user a user function acts on: ``denied_errno`` when the caller manages no users
        (or, with ``not_self``, names itself), ``unknown_errno`` when it does not know it."""
        if not self.caller.manages_users:
            raise fail(denied_errno)
        user = self.managed_user(unknown_errno)
        if not_self and user.id == self.caller.id:
            raise fail(denied_errno)
        return user


def run_admin(state: MaxmailerState, params: Mapping[str, str], now: int) -> Payload:
    """Answer an admin API request, or raise the error the legacy server prints."""
    caller = state.user_by_login(params.get("login_id", ""))
    # A suspended account is barred from the system: its Login ID stops working.
    if caller is None or caller.suspended:
        raise fail(1001)
    function = canonical_function(params.get("function", ""))
    if function is None:
        raise fail(1002)
    return FUNCTIONS[function](AdminCall(state, caller, params, now))


def canonical_function(name: str) -> str | None:
    """The wire name of a function given in any letter case, or None when there is none."""
    return _BY_LOWER.get(name.lower())


def _list_users(call: AdminCall) -> Payload:
    if not call.caller.manages_users:
        raise fail(9001)
    return {
        str(user.id): user_record(user)
        for user in sorted(call.state.users.values(), key=lambda u: u.id)
        if call.manages(user)
    }


def _get_user(call: AdminCall) -> Payload:
    return user_with_usage(call.target(4001, 4002), call.state, call.now)


def _create_user(call: AdminCall) -> Payload:
    caller, state, params = call.caller, call.state, call.params
    if not caller.manages_users:
        raise fail(2001)
    reseller = caller.user_type == "reseller"
    children = state.children(caller.id)
    if reseller and caller.max_users and len(children) >= caller.max_users:
        raise fail(2025)
    username = params.get("username", "")
    if not is_username(username):
        raise fail(2002)
    password = params.get("password", "")
    if not is_password(password):
        raise fail(2003)
    licence = state.licence
    max_sends = _limit(params, "max_sends", licence.default_sends)
    if max_sends is None:
        raise fail(2004)
    max_message_size = _limit(params, "max_message_size", licence.default_message_size)
    if max_message_size is None:
        raise fail(2005)
    max_list = _limit(params, "max_list", licence.default_lists)
    if max_list is None:
        raise fail(2006)
    max_subscribers = _limit(params, "max_suscribers", licence.default_subscribers)
    if max_subscribers is None:
        raise fail(2021 if reseller else 2012, params.get("max_suscribers"))
    email = params.get("email", "")
    if not is_email(email):
        raise fail(2007)
    if any(u.uname.lower() == username.lower() for u in state.users.values()):
        raise fail(2008)
    check_allocation(
        state, caller, Allocation(max_sends, max_list, max_subscribers, max_message_size)
    )
    if reseller:
        # A user-manager's users share its own period: max_sends_type is for admins only.
        period = caller.period
    else:
        send_type = parse_count(params.get("max_sends_type"))
        if send_type is None or send_type >= len(PERIODS):
            raise fail(2004)
        period = PERIODS[send_type]
    user_type: UserType = "demo" if params.get("is_demo") == "1" else "user"
    user = User(
        id=state.next_user_id,
        login_id=secrets.token_hex(16),
        uname=username,
        password=password,
        # The legacy columns hold 40 characters; longer values are cut, not refused.
        name=params.get("name", "")[:40],
        lastname=params.get("lastname", "")[:40],
        email=email,
        user_type=user_type,
        parent_id=caller.id,
        max_sends=max_sends,
        period=period,
        sent_in_period=0,
        max_list=max_list,
        max_subscribers=max_subscribers,
        other_subscribers=0,
        date_created=call.now,
        period_start=call.now,
        allow_attach=_flag(params, "allow_attach"),
        attach_max_size=_intval(params.get("attach_max_size")),
        max_message_size=max_message_size,
        allow_bounce=_flag(params, "allow_bounce"),
        allow_forms=_flag(params, "allow_forms"),
        allow_api=_flag(params, "allow_api"),
        allow_embedded=_flag(params, "allow_embedded"),
        trial=_intval(params.get("trial")),
    )
    state.users[user.id] = user
    state.next_user_id += 1
    return {"status": "User created", "user_ID": str(user.id)}


def _add_credit(call: AdminCall) -> Payload:
    user = call.target(3001, 3002)
    if user.period != "one_time" or user.max_sends == 0:
        raise fail(3003)
    credits = parse_id(call.params.get("credits"))
    if credits is None or credits <= 0:
        raise fail(3004)
    user.max_sends += credits
    user.period_start = call.now
    return {"status": "Credit added", "available_sends": str(available_sends(user))}


def _delete_user(call: AdminCall) -> Payload:
    user = call.target(8001, 8002, not_self=True)
    state = call.state
    # A deleted user-manager's users move up to its own parent rather than vanish with it.
    for child in state.children(user.id):
        child.parent_id = user.parent_id
    for message_id in [c.message_id for c in state.campaigns.values() if c.owner_id == user.id]:
        del state.campaigns[message_id]
    for api_key in [k for k, lst in state.lists.items() if lst.owner_id == user.id]:
        del state.lists[api_key]
    del state.users[user.id]
    return {"status": "User deleted"}


def _change_password(call: AdminCall) -> Payload:
    user = call.target(7001, 7002)
    password = call.params.get("password", "")
    if len(password) < 5:
        raise fail(7004)
    if len(password) > 15:
        raise fail(7005)
    if not is_password(password):
        raise fail(7006)
    user.password = password
    return {"status": "Password changed"}


def _suspend_user(call: AdminCall) -> Payload:
    user = call.target(5001, 5002, not_self=True)
    if not user.suspended:
        user.susp_date = call.now
    return {"status": "User suspended"}


def _unsuspend_user(call: AdminCall) -> Payload:
    call.target(6001, 6002).susp_date = 0
    return {"status": "User unsuspended"}


def _list_camps(call: AdminCall) -> Payload:
    owner = call.caller
    if call.params.get("id", "") != "":
        if not call.caller.manages_users:
            raise fail(4001)
        if parse_id(call.params.get("id")) != call.caller.id:
            owner = call.managed_user(4002)
    campaigns = sorted(
        (c for c in call.state.campaigns.values() if c.owner_id == owner.id),
        key=lambda c: c.message_id,
    )
    return [campaign_summary(c) for c in campaigns]


def _get_camp(call: AdminCall) -> Payload:
    message_id = parse_id(call.params.get("MessageID"))
    campaign = call.state.campaigns.get(message_id) if message_id is not None else None
    if campaign is None:
        raise fail(1201)
    owner = call.state.users.get(campaign.owner_id)
    if campaign.owner_id != call.caller.id and (owner is None or not call.manages(owner)):
        raise fail(1201)
    return campaign_stats(campaign)


def _limit(params: Mapping[str, str], name: str, default: int) -> int | None:
    """A limit as sent (blank is 0, unlimited), the licence's default when left out, or None."""
    if name not in params:
        return default
    return parse_count(params[name])


def _flag(params: Mapping[str, str], name: str) -> int:
    return 1 if params.get(name) == "1" else 0


def _intval(value: str | None) -> int:
    """PHP's ``intval`` for fields the vendor does not validate: leading digits, else 0."""
    digits = ""
    for char in value or "":
        if not char.isdigit() or not char.isascii():
            break
        digits += char
    return int(digits[:18]) if digits else 0


FUNCTIONS: dict[str, Callable[[AdminCall], Payload]] = {
    "ListUsers": _list_users,
    "GetUser": _get_user,
    "CreateUser": _create_user,
    "AddCredit": _add_credit,
    "DeleteUser": _delete_user,
    "ChangePassword": _change_password,
    "SuspendUser": _suspend_user,
    "UnsuspendUser": _unsuspend_user,
    "ListCamps": _list_camps,
    "GetCamp": _get_camp,
}
"""Handlers by wire name."""

_BY_LOWER = {name.lower(): name for name in FUNCTIONS}
