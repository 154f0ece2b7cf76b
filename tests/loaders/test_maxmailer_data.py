"""The Maxmailer data facade against the emulator: which call answers, what each write forgets.

Every count is read from the emulator's request counter; nothing is patched.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from mailgql.data.maxmailer import MaxmailerData, UserView
from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamError, UpstreamInvalidInput, UpstreamNotFound
from mailgql.upstreams.maxmailer import NewUserOptions
from tests.graph.maxmailer_helpers import (
    PLAIN_USER_ID,
    mm_state,
    one_time_user,
    open_client,
    subscriber,
)

FRESH = "fresh@example.com"
"""An address no seeded list holds."""


def calls(emulators: Emulators) -> dict[str, int]:
    """Maxmailer requests per function or action since the last reset."""
    return emulators.hub.counter.snapshot().get("maxmailer", {})


@pytest.fixture
async def data(emulators: Emulators) -> AsyncIterator[MaxmailerData]:
    """The admin Login ID's facade for one request."""
    client = open_client(emulators)
    yield MaxmailerData(client, in_flight=8)
    await client.aclose()


# -- which call answers -------------------------------------------------------------------------


async def test_without_usage_a_user_comes_from_the_listing(data, emulators):
    view = await data.user(PLAIN_USER_ID, with_usage=False)
    assert view is not None
    assert view.usage is None
    assert await data.usage(view, with_usage=False) is None
    assert calls(emulators) == {"ListUsers": 1}
    usage = await data.usage(view, with_usage=True)
    assert usage is not None
    assert calls(emulators) == {"ListUsers": 1, "GetUser": 1}


async def test_with_usage_a_user_comes_from_get_user_alone(data, emulators):
    view = await data.user(PLAIN_USER_ID, with_usage=True)
    assert view is not None
    assert view.user.user_id == PLAIN_USER_ID
    assert view.usage is not None
    assert await data.usage(view, with_usage=True) == view.usage
    assert calls(emulators) == {"GetUser": 1}


async def test_me_and_parent_follow_the_same_flag(data, emulators):
    me = await data.me(with_usage=True)
    child = await data.user(PLAIN_USER_ID)
    assert child is not None
    parent = await data.parent(child.user, with_usage=False)
    assert isinstance(me, UserView)
    assert me.usage is not None
    assert isinstance(parent, UserView)
    assert parent.usage is None
    assert calls(emulators) == {"ListUsers": 1, "GetUser": 1}


async def test_campaigns_across_users_stop_once_the_window_is_full(emulators):
    client = open_client(emulators)
    try:
        data = MaxmailerData(client, in_flight=2)
        first = await data.campaign_window(offset=0, count=3)
        assert calls(emulators) == {"ListUsers": 1, "ListCamps": 2}
        every = await data.campaign_window(offset=0, count=1000)
    finally:
        await client.aclose()
    owned = mm_state(emulators).campaigns.values()
    assert first.total is None
    assert first.items == every.items[:3]
    assert every.total == len(owned) == len(every.items)
    assert calls(emulators) == {"ListUsers": 1, "ListCamps": len(mm_state(emulators).users)}


# -- what each write makes stale ----------------------------------------------------------------


async def read_everything(
    data: MaxmailerData, owned: dict[int, int], target: int, active: str
) -> None:
    """Every read the facade offers, on the write's target and on something else; ``owned``
    is a campaign of each user."""
    reads: list[Callable[[], Awaitable[object]]] = [
        data.listing,
        lambda: data.user(target, with_usage=True),
        lambda: data.user(PLAIN_USER_ID, with_usage=True),
        lambda: data.campaigns_of(target),
        lambda: data.campaigns_of(PLAIN_USER_ID),
        lambda: data.campaign(owned[target]),
        lambda: data.campaign(owned[PLAIN_USER_ID]),
        lambda: data.subscription("newsletter", active),
        lambda: data.subscription("newsletter", FRESH),
    ]
    for read in reads:
        try:
            await read()
        except UpstreamError:
            pass  # a deleted user's campaigns: the call is made and counted all the same


Write = Callable[[MaxmailerData, int, str], Awaitable[object]]

WRITES: list[tuple[str, Write, dict[str, int]]] = [
    (
        "suspend",
        lambda d, user, _: d.set_user_status(str(user), active=False),
        {"ListUsers": 1, "GetUser": 1},
    ),
    (
        "change-password",
        lambda d, user, _: d.change_password(str(user), SecretStr("N3w-Pass$")),
        {"ListUsers": 1, "GetUser": 1},
    ),
    (
        "add-credit",
        lambda d, user, _: d.add_credit(str(user), 10),
        {"ListUsers": 1, "GetUser": 1},
    ),
    (
        "create",
        lambda d, _, __: d.create_user(
            username="nuevo_01",
            password=SecretStr("abcde"),
            email="n@example.com",
            options=NewUserOptions(),
        ),
        {"ListUsers": 1, "GetUser": 2},
    ),
    (
        "delete",
        lambda d, user, _: d.delete_user(str(user)),
        # Its lists go with it: every address's status is read again.
        {"ListUsers": 1, "GetUser": 2, "ListCamps": 1, "GetCamp": 2, "status": 2},
    ),
    # The list owner's usage counts its subscribers: every GetUser is read again.
    (
        "subscribe",
        lambda d, _, __: d.subscribe("newsletter", email=FRESH.upper(), name=None, expires_at=None),
        {"status": 1, "GetUser": 2},
    ),
    (
        "unsubscribe",
        lambda d, _, active: d.unsubscribe("newsletter", email=active.upper()),
        {"status": 1, "GetUser": 2},
    ),
]


@pytest.mark.parametrize(("write", "again"), [w[1:] for w in WRITES], ids=[w[0] for w in WRITES])
async def test_each_write_forgets_exactly_what_it_declares(data, emulators, write, again):
    target = one_time_user(emulators).id
    active = subscriber(emulators, "newsletter").email
    owned = {c.owner_id: c.message_id for c in mm_state(emulators).campaigns.values()}
    await read_everything(data, owned, target, active)
    await write(data, target, active)
    emulators.hub.counter.reset()
    await read_everything(data, owned, target, active)
    assert calls(emulators) == again


async def test_a_refused_write_still_forgets(data, emulators):
    await data.listing()
    assert await data.user(999_999, with_usage=True) is None
    with pytest.raises(UpstreamNotFound):
        await data.set_user_status("999999", active=False)
    await data.listing()
    assert await data.user(999_999, with_usage=True) is None
    assert calls(emulators) == {"ListUsers": 2, "GetUser": 2, "SuspendUser": 1}


# -- Maxmailer's input rules ----------------------------------------------------------------------

PAST = datetime.now(UTC) - timedelta(minutes=5)
GOOD = {"username": "nuevo_01", "password": "abcde", "email": "n@example.com"}


def create(options: NewUserOptions | None = None, **patch: str) -> Write:
    """A CreateUser of good values but ``patch`` and ``options``."""
    values = {**GOOD, **patch}
    return lambda d, _, __: d.create_user(
        username=values["username"],
        password=SecretStr(values["password"]),
        email=values["email"],
        options=options or NewUserOptions(),
    )


RULES: list[tuple[str, Write, str]] = [
    ("short-username", create(username="ab"), "username"),
    ("spaced-username", create(username="has space"), "username"),
    ("short-password", create(password="abcd"), "password"),
    ("password-characters", create(password="bad pass!"), "password"),
    ("long-name", create(NewUserOptions(first_name="n" * 41)), "first_name"),
    ("long-last-name", create(NewUserOptions(last_name="n" * 41)), "last_name"),
    ("zero-limit", create(replace(NewUserOptions(), send_limit=0)), "send_limit"),
    ("zero-trial", create(replace(NewUserOptions(), trial_days=0)), "trial_days"),
    ("own-account", lambda d, _, __: d.set_user_status("me", active=False), "user_id"),
    ("not-a-user-id", lambda d, _, __: d.delete_user("abc"), "user_id"),
    (
        "new-password",
        lambda d, user, _: d.change_password(str(user), SecretStr("no spaces")),
        "password",
    ),
    (
        "past-end",
        lambda d, _, __: d.subscribe("newsletter", email=FRESH, name=None, expires_at=PAST),
        "expires_at",
    ),
]


@pytest.mark.parametrize(("write", "field"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
async def test_a_broken_rule_sends_nothing_and_forgets_nothing(data, emulators, write, field):
    await data.listing()
    with pytest.raises(UpstreamInvalidInput) as refused:
        await write(data, PLAIN_USER_ID, FRESH)
    assert (refused.value.field, refused.value.platform) == (field, Platform.MAXMAILER)
    assert refused.value.legacy_code is None
    await data.listing()
    assert calls(emulators) == {"ListUsers": 1}
