"""The v2 REST API emulator: 12 endpoints under ``/Users``, header auth and the JSON envelope.

Every request is counted and may be faulted by the hub first; then come the credentials, the
path (with or without a trailing slash) and the method. Answers are
``{"status": true, "code": N, "data": ...}`` or ``{"status": false, "code": N, "message": ...}``
with the HTTP status equal to ``code``.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar, Protocol

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from mailgql.emulators.store import ControlAction, EmulatorHub, SeedCache, Size
from mailgql.emulators.v2rest.inputs import (
    MISSING_PARAMETER,
    id_array,
    id_value,
    json_object,
    json_pairs,
    page,
    text_value,
)
from mailgql.emulators.v2rest.records import RecipientsType
from mailgql.emulators.v2rest.seed import build_state
from mailgql.emulators.v2rest.state import V2RestError, V2RestState

__all__ = ["CREDENTIALS_MESSAGE", "V2REST_ADMIN_TOKEN", "V2REST_ADMIN_USERNAME", "V2RestEmulator"]

V2REST_ADMIN_USERNAME = "demo-admin"
V2REST_ADMIN_TOKEN = "v2tok-3f9c1a7e5b2d48c6a0e1f7b9"
CREDENTIALS_MESSAGE = (
    "You have attempted to execute a API call with incorrect credentials! Access denied!"
)

_SEEDED: SeedCache[tuple[int, Size], V2RestState] = SeedCache(
    lambda key: build_state(*key), secrets=lambda state: state.passwords()
)
"""Seeded states of this process by (seed, size): every reset copies one instead of rebuilding."""

_ACCOUNT_EMPTY = "Parameter accountName is empty."
_INHERITED = "Inherit successful."


@dataclass(frozen=True, slots=True)
class _Call:
    query: Mapping[str, str]
    body: bytes


_Answer = tuple[int, Any]
_Handler = Callable[[_Call], _Answer]


class _Wire(Protocol):
    def to_wire(self) -> dict[str, str]: ...


_Read = Callable[[V2RestState, str], Sequence[_Wire]]
"""A state read of what an account inherits."""
_Inherit = Callable[[V2RestState, str, list[int]], None]
"""A state write that lets an account inherit ids."""
_Remove = Callable[[V2RestState, str, int], None]
"""A state write that stops an account inheriting one id."""


class _Endpoint:
    """An ASGI endpoint around a request handler, so its route accepts any method."""

    def __init__(self, handle: Callable[[Request], Awaitable[Response]]) -> None:
        self._handle = handle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self._handle(Request(scope, receive))
        await response(scope, receive, send)


def _envelope(code: int, data: Any) -> JSONResponse:
    return JSONResponse({"status": True, "code": code, "data": data}, status_code=code)


def _failure(code: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = {"status": False, "code": code, "message": message}
    return JSONResponse(body, status_code=code, headers=headers)


def _message(code: int, text: str) -> _Answer:
    return code, {"message": text}


def _field(body: Mapping[str, object], key: str, empty_message: str | None = None) -> str:
    message = empty_message if empty_message is not None else f"Parameter {key} is empty."
    return text_value(body.get(key), key=key, empty_message=message)


def _account_page(call: _Call) -> tuple[str, slice]:
    """The ``accountName`` a GET of inherited items names, and the page of them it asks for."""
    limit, offset = page(call.query)
    return _field(call.query, "accountName", _ACCOUNT_EMPTY), slice(offset, offset + limit)


def _domains(value: object) -> tuple[str, ...]:
    if value is None or value == []:
        raise V2RestError(400, "Parameter allowedDomains is empty.")
    if not isinstance(value, list) or not all(isinstance(d, str) and d.strip() for d in value):
        raise V2RestError(400, "Parameter allowedDomains must be an array of strings.")
    return tuple(value)


def _recipients_type(value: object) -> RecipientsType:
    if value is None:
        raise V2RestError(400, MISSING_PARAMETER)
    if value == "list":
        return "list"
    if value == "segment":
        return "segment"
    raise V2RestError(400, 'Parameter recipientsType must be "list" or "segment".')


class V2RestEmulator:
    """The v2 REST ("MarketingPlatform" API v2.0) emulator, acting for one admin account."""

    name: ClassVar[str] = "v2rest"
    mount: ClassVar[str] = "/v2rest/v2.0"

    def __init__(self, hub: EmulatorHub) -> None:
        self.hub = hub
        self._key = (hub.seed, hub.size)
        self._seeded = _SEEDED.copy(self._key)
        self._routes: dict[str, dict[str, _Handler]] = {
            "/Users/SubAccounts": {
                "GET": self._get_sub_accounts,
                "POST": self._create_sub_account,
                "PUT": self._set_sub_account_status,
            },
            # The vendor answers an inheriting PUT with 200 for lists but 201 for the others.
            "/Users/InheritLists": {
                "GET": partial(self._get_inherited, V2RestState.inherited_lists),
                "PUT": partial(
                    self._inherit, V2RestState.inherit_lists, key="inheritLists", code=200
                ),
                "DELETE": partial(
                    self._remove, V2RestState.remove_inherited_list, key="listid", thing="list"
                ),
            },
            "/Users/InheritSegments": {
                "GET": partial(self._get_inherited, V2RestState.inherited_segments),
                "PUT": partial(
                    self._inherit, V2RestState.inherit_segments, key="inheritSegments", code=201
                ),
                "DELETE": partial(
                    self._remove,
                    V2RestState.remove_inherited_segment,
                    key="segmentid",
                    thing="segment",
                ),
            },
            "/Users/InheritNewsletters": {
                "GET": self._get_inherited_newsletters,
                "PUT": self._inherit_newsletter,
                "DELETE": partial(
                    self._remove,
                    V2RestState.remove_inherited_newsletter,
                    key="newsletterid",
                    thing="campaign",
                ),
            },
        }
        # One catch-all route for every method (an ASGI endpoint, since a function endpoint
        # defaults to GET), so unknown paths and methods get the API's envelope.
        self._app = Starlette(routes=[Route("/{path:path}", _Endpoint(self._dispatch))])

    @property
    def app(self) -> Starlette:
        """The ASGI app serving the API (paths relative to the vendor's ``/v2.0``)."""
        return self._app

    @property
    def state(self) -> V2RestState:
        """The current in-memory state (for tests and tools that need the admin's catalogue)."""
        return self._seeded.get()

    def reset(self) -> None:
        """Put back the seeded state of the hub's seed and size (a copy of it, built once)."""
        self._key = (self.hub.seed, self.hub.size)
        self._seeded = _SEEDED.copy(self._key)

    def gateway_env(self, base_url: str) -> dict[str, str]:
        """Settings that point a gateway at this emulator served at ``base_url``."""
        return {
            "MAILGQL_V2REST_URL": base_url.rstrip("/") + self.mount,
            "MAILGQL_V2REST_USERNAME": V2REST_ADMIN_USERNAME,
            "MAILGQL_V2REST_TOKEN": V2REST_ADMIN_TOKEN,
        }

    def secrets(self) -> set[str]:
        """The admin token and every sub-account password stored."""
        if not self._seeded.made:
            return {V2REST_ADMIN_TOKEN} | _SEEDED.secrets(self._key)
        return {V2REST_ADMIN_TOKEN} | self.state.passwords()

    def controls(self) -> dict[str, ControlAction]:
        """Control actions: ``catalogue`` lists the admin's ids, which the API never lists."""
        return {"catalogue": self._catalogue}

    async def _catalogue(self, params: dict[str, Any]) -> dict[str, Any]:
        state = self.state
        return {
            "lists": sorted(state.lists),
            "segments": sorted(state.segments),
            "newsletters": sorted(state.newsletters),
            "dynamicNewsletters": sorted(i for i, n in state.newsletters.items() if n.dynamic),
        }

    @staticmethod
    def _authorised(headers: Headers) -> bool:
        username = headers.get("apiusername", "").encode()
        token = headers.get("apitoken", "").encode()
        # Compare both in constant time, and both always, so timing tells nothing.
        good_user = hmac.compare_digest(username, V2REST_ADMIN_USERNAME.encode())
        good_token = hmac.compare_digest(token, V2REST_ADMIN_TOKEN.encode())
        return good_user and good_token

    async def _dispatch(self, request: Request) -> Response:
        path = "/" + str(request.path_params.get("path", "")).strip("/")
        method = request.method
        interrupted = await self.hub.enter(self.name, f"{method} {path}")
        if interrupted is not None:
            return interrupted
        if not self._authorised(request.headers):
            return _failure(401, CREDENTIALS_MESSAGE)
        methods = self._routes.get(path)
        if methods is None:
            return _failure(404, "Endpoint not found.")
        handler = methods.get(method)
        if handler is None:
            allowed = ", ".join(methods)
            return _failure(
                405,
                f"Method {method} is not allowed on {path}; use {allowed}.",
                headers={"Allow": allowed},
            )
        call = _Call(query=request.query_params, body=await request.body())
        try:
            code, data = handler(call)
        except V2RestError as exc:
            return _failure(exc.code, exc.message)
        return _envelope(code, data)

    # --- /Users/SubAccounts

    def _get_sub_accounts(self, call: _Call) -> _Answer:
        limit, offset = page(call.query)
        accounts = self.state.sub_accounts()[offset : offset + limit]
        return 200, [account.to_wire() for account in accounts]

    def _create_sub_account(self, call: _Call) -> _Answer:
        body = json_object(call.body)
        name = _field(body, "accountName")
        password = _field(body, "accountPassword")
        owner_email = _field(body, "ownerEmail")
        domains = _domains(body.get("allowedDomains"))
        self.state.create_sub_account(
            name=name,
            password=password,
            owner_email=owner_email,
            allowed_domains=domains,
            now=int(time.time()),
        )
        return _message(201, "New sub account created successfully.")

    def _set_sub_account_status(self, call: _Call) -> _Answer:
        body = json_object(call.body)
        # The vendor's message for this endpoint has no final period.
        name = _field(body, "accountName", "Parameter accountName is empty")
        status = body.get("status")
        if status is None:
            raise V2RestError(400, "Parameter status is empty.")
        if not isinstance(status, bool):
            raise V2RestError(
                400, "Parameter status must be a boolean (true active, false disabled)."
            )
        self.state.set_status(name, active=status)
        return _message(200, "Sub account has been updated")

    # --- /Users/Inherit{Lists,Segments,Newsletters}: one reading of the request for all three

    def _get_inherited(self, read: _Read, call: _Call) -> _Answer:
        name, window = _account_page(call)
        return 200, [item.to_wire() for item in read(self.state, name)[window]]

    def _inherit(self, write: _Inherit, call: _Call, *, key: str, code: int) -> _Answer:
        body = json_object(call.body)
        name = _field(body, "accountName", _ACCOUNT_EMPTY)
        ids = id_array(body.get(key), key=key, missing_message=f"Parameter {key} is empty.")
        write(self.state, name, ids)
        return _message(code, _INHERITED)

    def _remove(self, write: _Remove, call: _Call, *, key: str, thing: str) -> _Answer:
        pairs = json_pairs(call.body)
        name = _field(pairs, "accountName", MISSING_PARAMETER)
        write(self.state, name, id_value(pairs.get(key), key=key))
        return _message(200, f"Inherited {thing} has been deleted.")

    def _get_inherited_newsletters(self, call: _Call) -> _Answer:
        name, window = _account_page(call)
        base = self.state.newsletter_base
        rows = self.state.inherited_newsletters(name)[window]
        return 200, [newsletter.to_wire(base=base, recipients=r) for newsletter, r in rows]

    def _inherit_newsletter(self, call: _Call) -> _Answer:
        body = json_object(call.body)
        name = _field(body, "accountName", _ACCOUNT_EMPTY)
        newsletterid = id_value(body.get("newsletterid"), key="newsletterid")
        kind = _recipients_type(body.get("recipientsType"))
        # "recipeintsid" is the vendor's spelling on the wire.
        ids = id_array(
            body.get("recipeintsid"), key="recipeintsid", missing_message=MISSING_PARAMETER
        )
        self.state.inherit_newsletter(name, newsletterid, kind=kind, ids=ids)
        return _message(201, _INHERITED)
