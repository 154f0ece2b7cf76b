"""Writes that land once: a mutation sent with ``Idempotency-Key: <key>`` executes once, and a
repeat of it gets the first answer without reaching any platform again.

At the door of ``/graphql``, after the gate and before Strawberry:

- The header counts on a ``POST`` of a mutation only: on a query, or on a request the ordinary
  path refuses anyway, it is ignored. A key is 1 to 255 printable ASCII characters (else 400).
- A request's *fingerprint* is its document (by SHA-256: a persisted query's hash and its text
  name the same document), its operation name and its variables. Its key is *scoped* by who
  asked: the API key's id and tenant, or the client's address when the gateway is open. Two
  callers never share a record.
- The first request claims the key atomically in the store the caches use (this process's
  memory, or Redis for every process): a *pending* record held for a lease that the request
  renews while it runs. Once it has executed, its answer (status, media type, bytes) replaces
  the claim for ``MAILGQL_IDEMPOTENCY_TTL`` seconds. Every answer of an executed request is kept,
  errors and unknown outcomes included; a request refused before execution (malformed, not
  valid) gives its key back.
- A repeat with the same fingerprint gets the kept answer, marked ``Idempotent-Replayed: true``;
  with another fingerprint, a 422 ``BAD_USER_INPUT``. A repeat that finds the claim pending waits
  for the answer, up to ``MAILGQL_IDEMPOTENCY_WAIT`` seconds, then gets a 409
  ``IDEMPOTENCY_KEY_IN_USE``. A claim whose process died is no longer renewed and expires with
  its lease; a repeat after that executes.
- When the store cannot be reached, the mutation is not executed: 503
  ``IDEMPOTENCY_UNAVAILABLE``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import secrets
import weakref
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, TypeVar

from cross_web import HTTPException
from graphql import OperationType
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from mailgql.auth.principal import principal_of
from mailgql.cache.backend import CacheBackend
from mailgql.cache.persisted import PersistedQueries, PersistedQueryError, PersistedQueryRequest
from mailgql.cache.responses import document_hash
from mailgql.graph.errors import ErrorCode
from mailgql.graphql_http.errors import RequestError
from mailgql.graphql_http.negotiation import JSON
from mailgql.graphql_http.params import json_body_object, operation_type

__all__ = [
    "HEADER",
    "KEY_IN_USE",
    "LEASE",
    "REPLAYED",
    "STORE_UNAVAILABLE",
    "Idempotency",
]

logger = logging.getLogger("mailgql.idempotency")

HEADER = "Idempotency-Key"
"""The request header that names a mutation's key."""
REPLAYED = "Idempotent-Replayed"
"""The response header (``true``) of an answer kept from an earlier request."""
KEY_IN_USE = "IDEMPOTENCY_KEY_IN_USE"
"""``extensions.code`` of a repeat that waited for the first request as long as it may (409)."""
STORE_UNAVAILABLE = "IDEMPOTENCY_UNAVAILABLE"
"""``extensions.code`` of a mutation not executed because the store did not answer (503)."""
LEASE = 10.0
"""Seconds a pending claim is held without renewal; its request renews it every third of it."""

_KEY = re.compile(r"[\x20-\x7e]{1,255}")
_FIRST_POLL = 0.01
_LAST_POLL = 0.25
_UNKNOWN_ANSWER = {
    "errors": [
        {
            "message": "the request ended without an answer; whether its writes were applied "
            "is unknown: look before sending them again, under a new Idempotency-Key",
            "extensions": {"code": ErrorCode.INTERNAL_SERVER_ERROR, "outcome": "UNKNOWN"},
        }
    ]
}

Run = Callable[[Request], Awaitable[Response]]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Record:
    """What a claim holds: the fingerprint, and the answer once there is one."""

    fingerprint: str
    status: int | None = None
    media_type: str | None = None
    body: bytes = b""

    @classmethod
    def pending(cls, fingerprint: str) -> bytes:
        """A pending claim, unique to the request that makes it."""
        return _encode({"f": fingerprint, "p": secrets.token_hex(8)}, b"")

    @classmethod
    def answer(cls, fingerprint: str, status: int, media_type: str | None, body: bytes) -> bytes:
        """A settled claim: the answer a request got."""
        return _encode({"f": fingerprint, "s": status, "m": media_type}, body)

    @classmethod
    def read(cls, record: bytes) -> _Record:
        """A record as :meth:`pending` or :meth:`answer` wrote it."""
        head, _, body = record.partition(b"\n")
        meta: dict[str, Any] = json.loads(head)
        return cls(meta["f"], meta.get("s"), meta.get("m"), body)

    def replay(self) -> Response:
        """The kept answer, as it was sent the first time."""
        assert self.status is not None
        headers = {REPLAYED: "true"}
        if self.media_type is not None:
            headers["content-type"] = self.media_type
        return Response(self.body, status_code=self.status, headers=headers)


def _encode(meta: dict[str, Any], body: bytes) -> bytes:
    return json.dumps(meta, separators=(",", ":")).encode() + b"\n" + body


@dataclass(eq=False)
class Idempotency:
    """Mutations with an ``Idempotency-Key``, executed once per key, fingerprint and caller."""

    backend: CacheBackend
    """Holds the claims and the kept answers."""
    _: KW_ONLY
    ttl: float
    """Seconds an answer is kept."""
    wait: float
    """Seconds a repeat waits for a pending claim."""
    persisted: PersistedQueries | None = None
    """Finds a persisted query's text by its hash."""
    lease: float = LEASE
    """Seconds a claim outlives its request's last renewal."""
    _settled: weakref.WeakValueDictionary[str, asyncio.Event] = field(
        default_factory=weakref.WeakValueDictionary, init=False, repr=False
    )

    async def serve(self, request: Request, run: Run) -> Response:
        """Answer ``request`` with ``run``, once per key: a repeat gets the kept answer."""
        keys = request.headers.getlist(HEADER)
        if not keys or request.method != "POST":
            return await run(request)
        fingerprint = await self._mutation(request)
        if fingerprint is None:
            return await run(request)
        name = _name(_scope(request), _checked(keys))
        pending = _Record.pending(fingerprint)
        kept = await self._claim(name, pending, fingerprint)
        if kept is not None:
            return kept
        return await self._execute(request, run, name, pending, fingerprint)

    async def _claim(self, name: str, pending: bytes, fingerprint: str) -> Response | None:
        """None once ``pending`` holds the key; else the kept answer (after waiting for it)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait
        poll = _FIRST_POLL
        while True:
            held = await _reached(self.backend.claim(name, pending, self.lease))
            if held is None:
                return None
            found = _Record.read(held)
            if found.fingerprint != fingerprint:
                raise RequestError(
                    422,
                    f"this {HEADER} was used with another request (document, operation "
                    "name or variables); send a new request under a new key",
                )
            if found.status is not None:
                return found.replay()
            left = deadline - loop.time()
            if left <= 0:
                raise RequestError(
                    409,
                    f"a request with this {HEADER} is still running; try again later",
                    code=KEY_IN_USE,
                    headers={"Retry-After": "1"},
                )
            await self._until_settled(name, min(poll, left))
            poll = min(poll * 2, _LAST_POLL)

    async def _execute(
        self, request: Request, run: Run, name: str, pending: bytes, fingerprint: str
    ) -> Response:
        """Run the request that holds the claim, renewing it meanwhile; then keep its answer,
        or give the key back when it was refused before execution."""
        renewing = asyncio.create_task(self._renew(name, pending))
        try:
            response, body = await _whole(await run(request))
        except HTTPException:
            await _stop(renewing)
            await self._settle(name, pending, None)
            raise
        except BaseException:
            # Cancelled, or a fault of the gateway: what was sent is not known, so the
            # key stays spent on an answer that says so.
            await _stop(renewing)
            unknown = _Record.answer(
                fingerprint, 500, f"{JSON}; charset=utf-8", json.dumps(_UNKNOWN_ANSWER).encode()
            )
            await asyncio.shield(self._settle(name, pending, unknown))
            raise
        await _stop(renewing)
        record = None
        if _executed(response, body):
            record = _Record.answer(
                fingerprint, response.status_code, response.headers.get("content-type"), body
            )
        await self._settle(name, pending, record)
        return response

    async def _renew(self, name: str, pending: bytes) -> None:
        """Hold the claim for another lease, every third of one, until cancelled."""
        while True:
            await asyncio.sleep(self.lease / 3)
            try:
                held = await self.backend.settle(name, pending, pending, self.lease)
            except Exception:
                logger.warning("could not renew an idempotency claim; trying again", exc_info=True)
                continue
            if not held:
                logger.warning("an idempotency claim expired while its request was running")
                return

    async def _settle(self, name: str, pending: bytes, record: bytes | None) -> None:
        """Replace the claim with ``record`` (None: give the key back); wake local waiters."""
        try:
            if not await self.backend.settle(name, pending, record, self.ttl):
                logger.warning("an idempotency claim expired before its answer was kept")
        except Exception:
            logger.exception("could not keep an idempotent answer; its claim expires")
        finally:
            event = self._settled.pop(name, None)
            if event is not None:
                event.set()

    async def _until_settled(self, name: str, seconds: float) -> None:
        """Wait for a claim of this process to settle, or ``seconds`` (another process's claim
        is polled)."""
        event = self._settled.get(name)
        if event is None:
            event = asyncio.Event()
            self._settled[name] = event
        with suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), seconds)

    async def _mutation(self, request: Request) -> str | None:
        """The fingerprint of the mutation ``request`` asks for; None for anything else (a
        query, or a request the ordinary path refuses)."""
        raw = await json_body_object(request)
        if raw is None:
            return None
        query, name = raw.get("query"), raw.get("operationName")
        variables, extensions = raw.get("variables"), raw.get("extensions")
        if not (
            isinstance(query, str | None)
            and isinstance(name, str | None)
            and isinstance(variables, dict | None)
            and isinstance(extensions, dict | None)
        ):
            return None
        text = query if query is not None else await self._persisted(extensions)
        if text is None:
            return None
        if operation_type(text, name) is not OperationType.MUTATION:
            return None
        canonical = json.dumps(
            [document_hash(text), name, variables or {}],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()

    async def _persisted(self, extensions: dict[str, Any] | None) -> str | None:
        """The text of the persisted query the extensions name, when it is known."""
        wanted = (extensions or {}).get("persistedQuery")
        if self.persisted is None or wanted is None:
            return None
        try:
            return await self.persisted.text(PersistedQueryRequest.parse(wanted))
        except PersistedQueryError:
            return None


def _checked(keys: list[str]) -> str:
    """The one key sent; a 400 for several, or for one that is not 1 to 255 printable ASCII."""
    if len(keys) > 1:
        raise RequestError(400, f"send one {HEADER} header, not {len(keys)}")
    if _KEY.fullmatch(keys[0]) is None:
        raise RequestError(400, f"{HEADER} must be 1 to 255 printable ASCII characters")
    return keys[0]


def _scope(request: Request) -> str:
    """Who asked: the API key (and its tenant), or the client's address on an open gateway."""
    principal = principal_of(request)
    if principal is not None and principal.key_id is not None:
        return f"key={principal.key_id};tenant={principal.tenant or ''}"
    client = request.client
    return f"address={client.host if client is not None else 'unknown'}"


def _name(scope: str, key: str) -> str:
    """The claim's name in the store: neither the key nor the caller in the clear."""
    return hashlib.sha256(f"{scope}\n{key}".encode()).hexdigest()


async def _reached(call: Awaitable[T]) -> T:
    """A store call; a 503 when the store does not answer (the mutation is not executed)."""
    try:
        return await call
    except Exception:
        logger.exception("the idempotency store did not answer; the mutation is not executed")
        raise RequestError(
            503,
            f"the store of {HEADER} claims does not answer; the mutation was not executed: "
            "send it again later",
            code=STORE_UNAVAILABLE,
            headers={"Retry-After": "1"},
        ) from None


async def _stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.wait([task])


async def _whole(response: Response) -> tuple[Response, bytes]:
    """A response and its bytes; a streamed one (Server-Sent Events) is read to its end and
    given back as a plain response of the same bytes."""
    if not isinstance(response, StreamingResponse):
        return response, bytes(response.body)
    chunks = [
        chunk.encode() if isinstance(chunk, str) else bytes(chunk)
        async for chunk in response.body_iterator
    ]
    body = b"".join(chunks)
    whole = Response(body, status_code=response.status_code, background=response.background)
    whole.raw_headers = [
        *((k, v) for k, v in response.raw_headers if k != b"content-length"),
        (b"content-length", str(len(body)).encode()),
    ]
    return whole, body


def _executed(response: Response, body: bytes) -> bool:
    """Whether the answer is one of an executed request (it has ``data``, or is a stream), not
    a refusal before execution."""
    if "json" not in (response.headers.get("content-type") or ""):
        return True
    try:
        answer = json.loads(body)
    except ValueError:
        return True
    return not isinstance(answer, dict) or "data" in answer
