"""Seeded states are built once per process and copied: each copy is the seed, and its own.

Every emulator's ``reset()`` (and so ``build_emulators``, ``mailgql demo``, ``emulate`` and
``POST /_emulator/reset``) takes a copy of a state built once per key. These tests show the
copy is exactly what the seed builder builds, that the builder is deterministic (which is all
that makes a copy as good as a rebuild), and that no write to one copy, over the wire or in
place, reaches another.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from mailgql.emulators import Emulators, build_emulators
from mailgql.emulators.maxmailer import MAXMAILER_ADMIN_LOGIN_ID, MaxmailerEmulator
from mailgql.emulators.maxmailer.seed import build_state as build_maxmailer
from mailgql.emulators.oempro import OEMPRO_USER_API_KEY, OemproEmulator
from mailgql.emulators.oempro.seed import seed_state as seed_oempro
from mailgql.emulators.store import SeedCache, Size
from mailgql.emulators.v2rest import V2REST_ADMIN_TOKEN, V2REST_ADMIN_USERNAME, V2RestEmulator
from mailgql.emulators.v2rest.seed import build_state as build_v2rest

PLATFORMS = ["v2rest", "maxmailer", "oempro"]
_IMMUTABLE = (str, bytes, int, float, bool, type(None), tuple, frozenset)


# what a state is made of ---------------------------------------------------------------------
def attributes(obj: object) -> dict[str, Any]:
    """An object's own attributes: every slot along its classes, then its ``__dict__``."""
    names = [n for cls in type(obj).__mro__ for n in getattr(cls, "__slots__", ())]
    found = {n: getattr(obj, n) for n in names if n != "__dict__" and hasattr(obj, n)}
    found.update(getattr(obj, "__dict__", {}))
    return found


def plain(obj: object) -> Any:
    """The object graph as nested comparable values: types, attributes, order of dicts kept."""
    if isinstance(obj, str | bytes | int | float | bool | type(None)):
        return obj
    if isinstance(obj, dict):
        return ("dict", [(plain(k), plain(v)) for k, v in obj.items()])
    if isinstance(obj, list | tuple):
        return (type(obj).__name__, [plain(v) for v in obj])
    if isinstance(obj, set | frozenset):
        return (type(obj).__name__, sorted((plain(v) for v in obj), key=repr))
    return (type(obj).__qualname__, {k: plain(v) for k, v in attributes(obj).items()})


def _frozen(obj: object) -> bool:
    params = getattr(type(obj), "__dataclass_params__", None)
    return params is not None and bool(params.frozen)


def mutable_objects(root: object) -> dict[int, object]:
    """Every object reachable from ``root`` that could be changed in place, by id."""
    found: dict[int, object] = {}
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if not isinstance(obj, _IMMUTABLE) and not _frozen(obj):
            found[id(obj)] = obj
        if isinstance(obj, str | bytes):
            continue
        if isinstance(obj, dict):
            stack += [*obj.keys(), *obj.values()]
        elif isinstance(obj, list | tuple | set | frozenset):
            stack += list(obj)
        else:
            stack += list(attributes(obj).values())
    return found


def vandalise(root: object) -> int:
    """Change every field and empty every container reachable from ``root``; how many objects."""
    victims = mutable_objects(root)
    for obj in victims.values():
        if isinstance(obj, dict | list | set):
            continue
        for name, value in attributes(obj).items():
            if isinstance(value, bool):
                setattr(obj, name, not value)
            elif isinstance(value, int):
                setattr(obj, name, -1)
            elif isinstance(value, str):
                setattr(obj, name, "vandalised")
    for obj in victims.values():
        if isinstance(obj, dict | list | set):
            obj.clear()
    return len(victims)


# the platforms -----------------------------------------------------------------------------
Platform = V2RestEmulator | MaxmailerEmulator | OemproEmulator


def platform_of(emulators: Emulators, name: str) -> Platform:
    """One platform emulator, typed."""
    platform = emulators.platforms[name]
    assert isinstance(platform, V2RestEmulator | MaxmailerEmulator | OemproEmulator)
    return platform


def state_of(emulators: Emulators, name: str) -> object:
    """The live state of one platform emulator."""
    return platform_of(emulators, name).state


def built_directly(emulators: Emulators, platform: str) -> object:
    """What the platform's seed builder builds for these emulators, bypassing any cache."""
    seed, size = emulators.hub.seed, emulators.hub.size
    if platform == "v2rest":
        return build_v2rest(seed, size)
    if platform == "maxmailer":
        maxmailer = platform_of(emulators, "maxmailer")
        assert isinstance(maxmailer, MaxmailerEmulator)
        return build_maxmailer(seed=seed, size=size, anchor=maxmailer.anchor)
    return seed_oempro(seed, size).state


# the copies --------------------------------------------------------------------------------
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("seed", [1, 2])
def test_a_copy_is_exactly_what_the_seed_builder_builds(platform: str, seed: int) -> None:
    emulators = build_emulators(seed=seed, size="small")
    assert plain(state_of(emulators, platform)) == plain(built_directly(emulators, platform))


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_seed_builder_is_deterministic(platform: str) -> None:
    # A copy stands in for a rebuild only because two builds of one key are the same.
    emulators = build_emulators(seed=5, size="small")
    first = built_directly(emulators, platform)
    assert plain(first) == plain(built_directly(emulators, platform))
    assert first is not built_directly(emulators, platform)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_two_copies_share_no_object_that_can_change(platform: str) -> None:
    one, two = build_emulators(seed=1), build_emulators(seed=1)
    ours = mutable_objects(state_of(one, platform))
    theirs = mutable_objects(state_of(two, platform))
    assert len(ours) > 50
    assert ours.keys() & theirs.keys() == set()


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_vandalising_a_copy_leaves_the_next_build_and_a_reset_untouched(
    platform: str,
) -> None:
    pristine = build_emulators(seed=1)
    expected = plain(state_of(pristine, platform))
    secrets = platform_of(pristine, platform).secrets()
    assert vandalise(state_of(pristine, platform)) > 50
    assert plain(state_of(pristine, platform)) != expected

    assert plain(state_of(build_emulators(seed=1), platform)) == expected
    assert platform_of(build_emulators(seed=1), platform).secrets() == secrets
    async with emulator_client(pristine) as http:
        assert (await http.post("/_emulator/reset")).json() == {"ok": True}
    assert plain(state_of(pristine, platform)) == expected


# the same, as a client of the legacy APIs sees it ------------------------------------------
@asynccontextmanager
async def emulator_client(emulators: Emulators) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as http:
        yield http


V2 = {"Apiusername": V2REST_ADMIN_USERNAME, "Apitoken": V2REST_ADMIN_TOKEN}


async def v2rest_read(http: httpx.AsyncClient) -> Any:
    accounts = await http.get("/v2rest/v2.0/Users/SubAccounts?limit=1000", headers=V2)
    first = accounts.json()["data"][0]["username"]
    lists = await http.get(f"/v2rest/v2.0/Users/InheritLists?accountName={first}", headers=V2)
    return accounts.json(), lists.json()


async def v2rest_write(http: httpx.AsyncClient) -> None:
    accounts = (await http.get("/v2rest/v2.0/Users/SubAccounts", headers=V2)).json()["data"]
    first = accounts[0]["username"]
    catalogue = (await http.post("/_emulator/v2rest/catalogue")).json()
    new = {
        "accountName": "copy_check",
        "accountPassword": "Copy-check-pw-1",
        "ownerEmail": "copy.check@example.com",
        "allowedDomains": ["@example.com"],
    }
    inherit = {"accountName": first, "inheritLists": catalogue["lists"]}
    writes = [
        ("POST", "/Users/SubAccounts", new, 201),
        ("PUT", "/Users/SubAccounts", {"accountName": first, "status": False}, 200),
        ("PUT", "/Users/InheritLists", inherit, 200),
    ]
    for method, path, body, status in writes:
        response = await http.request(method, "/v2rest/v2.0" + path, json=body, headers=V2)
        assert response.status_code == status, response.text


MAXMAILER_API = "/maxmailer/app/api.php"


async def maxmailer_read(http: httpx.AsyncClient) -> Any:
    params = {"login_id": MAXMAILER_ADMIN_LOGIN_ID, "function": "ListUsers"}
    return (await http.get(MAXMAILER_API, params=params)).json()


async def maxmailer_write(http: httpx.AsyncClient) -> None:
    users = await maxmailer_read(http)
    victim = next(i for i, u in users.items() if u["usertType"] == "user")
    new = {
        "username": "copy.check",
        "password": "S3cret$@-_",
        "name": "Copy",
        "lastname": "Check",
        "email": "copy.check@example.com",
        "max_sends": "1000",
        "max_list": "2",
        "max_suscribers": "500",
        "max_message_size": "1024",
        "allow_api": "1",
    }
    for function, params in (("CreateUser", new), ("DeleteUser", {"id": victim})):
        sent = {"login_id": MAXMAILER_ADMIN_LOGIN_ID, "function": function, **params}
        answer = (await http.post(MAXMAILER_API, data=sent)).json()
        assert "errno" not in answer, answer


async def oempro_call(http: httpx.AsyncClient, command: str, **params: str) -> Any:
    sent = {"Command": command, "ResponseFormat": "JSON", "APIKey": OEMPRO_USER_API_KEY, **params}
    return (await http.post("/oempro/api.php", data=sent)).json()


async def oempro_read(http: httpx.AsyncClient) -> Any:
    lists = await oempro_call(http, "Lists.Get")
    campaigns = await oempro_call(http, "Campaigns.Get")
    return lists, campaigns


async def oempro_write(http: httpx.AsyncClient) -> None:
    campaigns = (await oempro_call(http, "Campaigns.Get"))["Campaigns"]
    for command, params in (
        ("Lists.Delete", {"Lists": "1,2"}),
        ("List.Create", {"SubscriberListName": "Copy check"}),
        ("Campaigns.Delete", {"Campaigns": campaigns[0]["CampaignID"]}),
    ):
        answer = await oempro_call(http, command, **params)
        assert answer["Success"] is True, answer


Scenario = tuple[Callable[[httpx.AsyncClient], Any], Callable[[httpx.AsyncClient], Any]]
SCENARIOS: dict[str, Scenario] = {
    "v2rest": (v2rest_read, v2rest_write),
    "maxmailer": (maxmailer_read, maxmailer_write),
    "oempro": (oempro_read, oempro_write),
}


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_writes_over_the_api_never_reach_emulators_built_after(platform: str) -> None:
    read, write = SCENARIOS[platform]
    async with emulator_client(build_emulators(seed=1)) as first:
        before = await read(first)
        await write(first)
        assert await read(first) != before
    async with emulator_client(build_emulators(seed=1)) as second:
        assert await read(second) == before


# the cache itself --------------------------------------------------------------------------
def test_a_key_is_built_once_and_every_caller_gets_its_own_copy() -> None:
    built: list[str] = []

    def build(key: str) -> dict[str, list[str]]:
        built.append(key)
        return {"rows": [key]}

    cache: SeedCache[str, dict[str, list[str]]] = SeedCache(build, keep=2)
    one, two = cache.fresh("a"), cache.fresh("a")
    one["rows"].append("changed")
    assert two == {"rows": ["a"]}
    assert cache.fresh("a") == {"rows": ["a"]}
    assert built == ["a"]


def test_only_the_last_keys_are_kept() -> None:
    built: list[int] = []

    def build(key: int) -> int:
        built.append(key)
        return key

    cache: SeedCache[int, int] = SeedCache(build, keep=2)
    for key in (1, 2, 3, 3, 2, 1):
        assert cache.fresh(key) == key
    # 1 was dropped when 3 came in; 2 and 3 were still kept.
    assert built == [1, 2, 3, 1]


def test_a_copy_is_made_when_first_read_and_belongs_to_its_reader() -> None:
    cache: SeedCache[str, dict[str, list[str]]] = SeedCache(lambda key: {"rows": [key]})
    first, second = cache.copy("a"), cache.copy("a")
    assert not first.made
    assert not second.made
    first.get()["rows"].append("changed")
    assert first.made
    assert not second.made
    assert first.get() == {"rows": ["a", "changed"]}
    assert second.get() == {"rows": ["a"]}


def test_seeded_secrets_are_named_once_per_key_from_the_build() -> None:
    built: list[str] = []

    def build(key: str) -> dict[str, str]:
        built.append(key)
        return {"password": f"secret-{key}"}

    cache: SeedCache[str, dict[str, str]] = SeedCache(
        build, secrets=lambda state: {state["password"]}
    )
    assert cache.secrets("a") == {"secret-a"}
    assert cache.fresh("a") == {"password": "secret-a"}
    assert built == ["a"]


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("size", ["small", "large"])
def test_an_emulator_names_the_same_secrets_before_and_after_its_state_is_read(
    platform: str, size: Size
) -> None:
    emulator = build_emulators(seed=1, size=size).platforms[platform]
    before = emulator.secrets()
    assert before
    # One copy per reset: every read is of the same state, so no write is lost to a new copy.
    state = emulator.state
    assert state is emulator.state
    assert emulator.secrets() == before
