"""The server's licence and a user-manager's own limits: what CreateUser may hand out.

The seed lists errnos 2009-2025 without saying when each applies. Our reading, followed by the
emulator and stated here once:

- subscribers past the licence's per-user cap (unlimited included): an admin gets 2009 for
  unlimited and 2012 for a number (X = asked); a user-manager 2019 and 2020;
- subscribers past what the licence's total has left: an admin gets 2011 when nothing is left,
  else 2010; a user-manager drawing on the licence (no limit of its own) 2023 (X = asked);
- an admin asking lists or sends past the licence's per-user cap, unlimited included: 2015 and
  2017 (X = the cap);
- a user-manager with limits of its own asking unlimited sends, lists or subscribers: 2016
  ("not enough sends"), 2013, 2019; asking more than it has left: 2016 (the seed's second
  2016 message), 2014, 2022 (X = left); a larger message size than its own: 2024;
- a user-manager's non-numeric subscriber count: 2021 (an admin's: 2012), X = the value.

A field the request leaves out takes the licence's default before any check (0 is unlimited).
Subscribers allocated to the users of a limited user-manager come out of its own allocation,
so the licence total counts every other account's ``max_suscribers``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from mailgql.emulators.maxmailer.errors import MaxmailerError, fail, fail_variant
from mailgql.emulators.maxmailer.records import Licence, MaxmailerState, User

__all__ = ["Allocation", "check_allocation", "licence_from_json", "licensed_subscribers"]


@dataclass(frozen=True, slots=True)
class Allocation:
    """The limits one CreateUser asks for (defaults applied; 0 is unlimited)."""

    max_sends: int
    max_list: int
    max_subscribers: int
    max_message_size: int


def check_allocation(state: MaxmailerState, creator: User, asked: Allocation) -> None:
    """Raise the errno that refuses ``asked`` from ``creator``, or return when it fits."""
    if creator.user_type == "reseller":
        _check_pool(creator, state.children(creator.id), asked)
    _check_licence(state, creator, asked)


_POOLS: tuple[tuple[str, int, Callable[[int], MaxmailerError]], ...] = (
    ("max_sends", 2016, partial(fail_variant, 2016)),
    ("max_list", 2013, partial(fail, 2014)),
    ("max_subscribers", 2019, partial(fail, 2022)),
)
"""``(limit, errno for unlimited, error for more than is left)`` of a user-manager's pools."""


def _check_pool(reseller: User, children: list[User], asked: Allocation) -> None:
    """A limited user-manager hands out only what its own limits have left."""
    for limit, unlimited, too_many in _POOLS:
        own: int = getattr(reseller, limit)
        if not own:
            continue
        left = _left(own, (getattr(child, limit) for child in children))
        wanted: int = getattr(asked, limit)
        if wanted == 0:
            raise fail(unlimited)
        if wanted > left:
            raise too_many(left)
    if reseller.max_message_size and (
        asked.max_message_size == 0 or asked.max_message_size > reseller.max_message_size
    ):
        raise fail(2024, reseller.max_message_size)


def _check_licence(state: MaxmailerState, creator: User, asked: Allocation) -> None:
    licence = state.licence
    reseller = creator.user_type == "reseller"
    cap = licence.subscribers_per_user
    if cap and asked.max_subscribers == 0:
        raise fail(2019 if reseller else 2009)
    if cap and asked.max_subscribers > cap:
        raise fail(2020 if reseller else 2012, asked.max_subscribers)
    limited_pool = reseller and creator.max_subscribers != 0
    if licence.subscribers_total and not limited_pool:
        if asked.max_subscribers == 0:
            raise fail(2019 if reseller else 2009)
        left = max(0, licence.subscribers_total - licensed_subscribers(state))
        if asked.max_subscribers > left:
            if reseller:
                raise fail(2023, asked.max_subscribers)
            raise fail(2011) if left == 0 else fail(2010)
    if reseller:
        return
    if licence.lists_per_user and not 0 < asked.max_list <= licence.lists_per_user:
        raise fail(2015, licence.lists_per_user)
    if licence.sends_per_user and not 0 < asked.max_sends <= licence.sends_per_user:
        raise fail(2017, licence.sends_per_user)


def licensed_subscribers(state: MaxmailerState) -> int:
    """Subscribers the licence total covers (a limited user-manager's users are inside its own)."""
    total = 0
    for user in state.users.values():
        parent = state.users.get(user.parent_id)
        pooled = parent is not None and parent.user_type == "reseller" and parent.max_subscribers
        if user.user_type != "admin" and not pooled:
            total += user.max_subscribers
    return total


def _left(total: int, used: Iterable[int]) -> int:
    return max(0, total - sum(used))


_FIELDS = {
    "subscribers_per_user",
    "subscribers_total",
    "lists_per_user",
    "sends_per_user",
    "default_sends",
    "default_lists",
    "default_subscribers",
    "default_message_size",
}


def licence_from_json(current: Licence, params: object) -> Licence | str:
    """``current`` with the fields ``params`` sets, or a message saying what is wrong."""
    if not isinstance(params, dict) or not params:
        return f"send a JSON object with some of: {', '.join(sorted(_FIELDS))}"
    unknown = sorted(set(params) - _FIELDS)
    if unknown:
        return f"unknown licence fields {unknown}; known: {', '.join(sorted(_FIELDS))}"
    values = {name: getattr(current, name) for name in _FIELDS}
    for name, value in params.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**12:
            return f"{name} must be a whole number from 0 (no cap) to 10**12"
        values[name] = value
    return Licence(**values)
