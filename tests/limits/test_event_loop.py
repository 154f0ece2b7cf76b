"""The event loop keeps serving while a large request runs: answers completed in turns, long
documents parsed and validated in a worker thread."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest

import mailgql.limits.extension as extension
from mailgql.graph import build_schema
from mailgql.limits import PacedExecutionContext, Pacer
from mailgql.limits.pacing import FULL_COLLECTIONS, FullCollections
from tests.conftest import open_gateway

# -- turns ------------------------------------------------------------------------------------


async def test_a_request_within_its_slice_never_waits():
    pacer = Pacer(asyncio.get_running_loop(), slice_seconds=60.0)
    for _ in range(100):
        await pacer.turn()
    assert pacer.queued == 0


async def test_past_its_slice_a_request_goes_on_one_batch_per_pass_of_the_loop():
    loop = asyncio.get_running_loop()
    pacer = Pacer(loop, slice_seconds=0.0)
    events: list[str] = []

    async def field(name: str) -> None:
        await pacer.turn()
        events.append(name)

    async def other_request() -> None:
        for _ in range(8):
            events.append("other")
            await asyncio.sleep(0)

    await asyncio.gather(*(field(f"f{i}") for i in range(4)), other_request())
    assert pacer.queued == 3  # the first opened the slice; a slice of 0 s is spent at once
    fields = [i for i, event in enumerate(events) if event != "other"]
    assert [events[i] for i in fields] == ["f0", "f1", "f2", "f3"]  # in order
    # Nothing takes under half of a 0 s slice: one field per pass, other work in between.
    assert all("other" in events[a:b] for a, b in zip(fields, fields[1:], strict=False)), events


async def test_a_cancelled_request_leaves_no_turn_behind():
    pacer = Pacer(asyncio.get_running_loop(), slice_seconds=0.0)
    first, cancelled, last = (asyncio.ensure_future(pacer.turn()) for _ in range(3))
    await asyncio.sleep(0)  # the three ran: the first opened the slice, the others queued
    assert [first.done(), cancelled.done(), last.done()] == [True, False, False]
    loop = asyncio.get_running_loop()
    failures: list[dict[str, Any]] = []
    settled = asyncio.Event()  # the last turn came, or the pump failed

    def failed(_: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        failures.append(context)
        settled.set()

    last.add_done_callback(lambda _: settled.set())
    loop.set_exception_handler(failed)
    try:
        cancelled.cancel()
        await settled.wait()
    finally:
        loop.set_exception_handler(None)
    assert failures == []
    assert cancelled.cancelled()
    assert last.done()
    assert pacer.queued == 2


def spent_at_once(monkeypatch: pytest.MonkeyPatch) -> list[Pacer]:
    """Make every request's slice 0 s long (each turn but the first waits); the pacers made."""
    pacers: list[Pacer] = []
    created = Pacer.__init__

    def every_turn_waits(
        self: Pacer, loop: Any, *, slice_seconds: float = 0.0, scope: Any = None
    ) -> None:
        created(self, loop, slice_seconds=0.0, scope=scope)
        pacers.append(self)

    monkeypatch.setattr(Pacer, "__init__", every_turn_waits)
    return pacers


def test_the_schema_completes_values_on_turns():
    assert build_schema().execution_context_class is PacedExecutionContext


async def test_a_paced_answer_is_the_same_answer(emulators, monkeypatch):
    query = (
        "{ accounts(platform: V2REST, first: 20) { nodes { username "
        "inheritedLists(first: 3) { totalCount nodes { name } } "
        "inheritedNewsletters { totalCount } } } }"
    )
    async with open_gateway(emulators) as gateway:
        whole = await gateway.query(query)
    turns = spent_at_once(monkeypatch)
    async with open_gateway(emulators) as gateway:
        paced = await gateway.query(query)
    assert paced == whole
    assert sum(p.queued for p in turns) > 20


async def test_past_its_slice_each_item_of_a_list_is_completed_on_a_turn(emulators, monkeypatch):
    query = "{ accounts(platform: V2REST, first: 30) { nodes { username name email } } }"
    async with open_gateway(emulators) as gateway:
        whole = await gateway.query(query)
    pacers = spent_at_once(monkeypatch)
    async with open_gateway(emulators) as gateway:
        paced = await gateway.query(query)
    assert paced == whole
    # The page came on the first turn; its accounts were completed on turns of their own (the
    # first of them opening the next slice, the others waiting).
    accounts = len(whole["accounts"]["nodes"])
    assert accounts > 5
    assert sum(p.queued for p in pacers) >= accounts - 1


# -- full collections -------------------------------------------------------------------------


def test_full_collections_wait_while_held_and_come_back_with_the_last_release():
    saved = gc.get_threshold()
    collections = FullCollections()
    try:
        collections.hold()
        collections.hold()
        young, middle, oldest = gc.get_threshold()
        assert (young, middle) == saved[:2]
        assert oldest > 10**6  # out of the collector's reach
        collections.release()
        assert collections.held
        collections.release()
        assert not collections.held
        assert gc.get_threshold() == saved
    finally:
        gc.set_threshold(*saved)


def test_full_collections_wait_no_longer_than_the_longest_hold():
    saved = gc.get_threshold()
    now = [100.0]
    collections = FullCollections(max_hold_seconds=10, clock=lambda: now[0])
    try:
        collections.hold()
        now[0] += 11
        collections.hold()  # a second large request, past the longest hold
        assert not collections.held
        assert gc.get_threshold() == saved
        collections.release()
        collections.release()
        assert gc.get_threshold() == saved
    finally:
        gc.set_threshold(*saved)


async def test_a_request_past_its_slice_holds_full_collections_until_its_execution_ends(
    emulators, monkeypatch
):
    saved = gc.get_threshold()
    seen: list[bool] = []
    hold = FULL_COLLECTIONS.hold

    def holding() -> None:
        hold()
        seen.append(FULL_COLLECTIONS.held)

    monkeypatch.setattr(FULL_COLLECTIONS, "hold", holding)
    spent_at_once(monkeypatch)
    async with open_gateway(emulators) as gateway:
        answer = await gateway.query(
            "{ accounts(platform: V2REST, first: 30) { nodes { username name } } }"
        )
    assert len(answer["accounts"]["nodes"]) > 5
    assert seen == [True]  # taken once, by the one request
    assert not FULL_COLLECTIONS.held
    assert gc.get_threshold() == saved


async def test_a_request_within_its_slice_never_holds_full_collections(emulators, monkeypatch):
    taken: list[None] = []
    monkeypatch.setattr(FULL_COLLECTIONS, "hold", lambda: taken.append(None))
    async with open_gateway(emulators) as gateway:
        await gateway.query("{ me(platform: V2REST) { username } }")
    assert taken == []


# -- long documents ---------------------------------------------------------------------------


@pytest.fixture
def threads(monkeypatch) -> list[str]:
    """The names of the functions the limits extension ran in a worker thread."""
    ran: list[str] = []
    to_thread = asyncio.to_thread

    async def recording(function: Any, *args: Any, **kwargs: Any) -> Any:
        ran.append(getattr(function, "__name__", repr(function)))
        return await to_thread(function, *args, **kwargs)

    monkeypatch.setattr(extension.asyncio, "to_thread", recording)
    return ran


def long_document(field: str = "username", tail: str = "") -> str:
    """A document longer than the limits extension parses on the loop (a long comment)."""
    comment = "# " + "x" * extension.OFFLOAD_CHARS
    return f"{{ me(platform: V2REST) {{ {field} }} }}{tail}\n{comment}\n"


async def test_a_long_document_is_parsed_validated_and_measured_in_a_thread(gateway, threads):
    data = await gateway.query(long_document())
    assert data["me"]["username"]
    assert threads == ["parse", "validate_document", "_refusals"]


async def test_a_long_document_seen_before_is_not_parsed_again(gateway, threads):
    await gateway.query(long_document())
    threads.clear()
    await gateway.query(long_document())
    assert threads == ["_refusals"]


async def test_a_long_document_that_does_not_validate_is_refused_as_any(gateway, threads):
    response = await gateway.post(long_document("nosuchfield"))
    assert response.status_code == 400
    codes = {e["extensions"]["code"] for e in response.json()["errors"]}
    assert codes == {"GRAPHQL_VALIDATION_FAILED"}
    assert threads == ["parse", "validate_document"]


async def test_a_long_document_that_does_not_parse_is_refused_as_any(gateway, threads):
    response = await gateway.post(long_document(tail=" }"))
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert error["message"].startswith("Syntax Error")
    assert threads == ["parse"]


async def test_a_short_document_stays_on_the_loop(gateway, threads):
    await gateway.query("{ me(platform: V2REST) { username } }")
    assert threads == []
