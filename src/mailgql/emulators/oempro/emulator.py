"""The Oempro emulator: one ``api.php`` endpoint over a seeded in-memory install."""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from mailgql.emulators.oempro.campaign_progress import advance_campaign
from mailgql.emulators.oempro.commands import Call, Command, find_command
from mailgql.emulators.oempro.commands._base import Principal, Refused
from mailgql.emulators.oempro.credentials import OEMPRO_USER_PASSWORD, OEMPRO_USER_USERNAME
from mailgql.emulators.oempro.envelope import (
    AUTH_FAILED,
    NO_PRIVILEGES,
    Outcome,
    denied,
    fatal_page,
    render,
)
from mailgql.emulators.oempro.params import Params
from mailgql.emulators.oempro.records import Session
from mailgql.emulators.oempro.seed import Seeded, seed_state
from mailgql.emulators.oempro.state import OemproState, now_text
from mailgql.emulators.sending import AdvanceRequest, AdvancesCampaigns
from mailgql.emulators.store import ControlAction, EmulatorHub, SeedCache, Size

__all__ = ["OemproEmulator"]

_NOT_FOUND = (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n'
    "<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n"
    "<p>The requested URL was not found on this server.</p>\n</body></html>\n"
)

_SEEDED: SeedCache[tuple[int, Size], Seeded] = SeedCache(
    lambda key: seed_state(*key), secrets=lambda seeded: set(seeded.secrets)
)
"""Seeded installs of this process by (seed, size): every reset copies one instead of reseeding."""


class OemproEmulator(AdvancesCampaigns):
    """Oempro 4.x ``api.php``: sessions, API keys, JSON/XML envelopes and per-command codes."""

    name: ClassVar[str] = "oempro"
    mount: ClassVar[str] = "/oempro"

    def __init__(self, hub: EmulatorHub) -> None:
        self.hub = hub
        self._lock = threading.Lock()
        self._key = (hub.seed, hub.size)
        self._seeded = _SEEDED.copy(self._key)
        self._app = Starlette(
            routes=[
                Route("/api.php", self._api, methods=["GET", "POST"]),
                Route("/{path:path}", self._not_found, methods=["GET", "POST", "PUT", "DELETE"]),
            ]
        )

    @property
    def app(self) -> ASGIApp:
        """The ASGI app serving ``api.php``."""
        return self._app

    @property
    def state(self) -> OemproState:
        """The install as it is now (its copy of the seeded one is made on first use)."""
        return self._seeded.get().state

    def reset(self) -> None:
        """Put back the seeded install of the hub's seed and size; every session is forgotten."""
        key = (self.hub.seed, self.hub.size)
        seeded = _SEEDED.copy(key)
        with self._lock:
            self._key, self._seeded = key, seeded

    def gateway_env(self, base_url: str) -> dict[str, str]:
        """The endpoint and the demo user's credentials."""
        return {
            "MAILGQL_OEMPRO_URL": base_url.rstrip("/") + self.mount + "/api.php",
            "MAILGQL_OEMPRO_USERNAME": OEMPRO_USER_USERNAME,
            "MAILGQL_OEMPRO_PASSWORD": OEMPRO_USER_PASSWORD,
        }

    def secrets(self) -> set[str]:
        """Every seeded password, password hash, API key, SMTP and sync password."""
        return set(_SEEDED.secrets(self._key))

    def controls(self) -> dict[str, ControlAction]:
        """``POST /_emulator/oempro/expire-sessions``: end every session (the PHP GC ran);
        ``advance-campaign`` with ``{"id": N, "recipients"?: N, "finish"?: true}``."""
        return {
            "expire-sessions": self._expire_sessions,
            "advance-campaign": self.advance_campaign_control,
        }

    def advance(self, request: AdvanceRequest) -> dict[str, Any]:
        """One step of sending, under the install's lock; a ``Sending`` campaign is ``Sent``
        once no recipient is left."""
        with self._lock:
            return advance_campaign(self.state, request, now_text())

    async def _expire_sessions(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            return {"expired": self.state.expire_sessions()}

    # requests ----------------------------------------------------------------------------
    async def _not_found(self, request: Request) -> Response:
        blocked = await self.hub.enter(self.name, "/" + request.path_params["path"])
        if blocked is not None:
            return blocked
        return Response(_NOT_FOUND, status_code=404, media_type="text/html")

    async def _api(self, request: Request) -> Response:
        params = await _read_params(request)
        given = params.text("Command") or ""
        command = find_command(given)
        blocked = await self.hub.enter(self.name, command.name if command else given)
        if blocked is not None:
            return blocked
        if command is None:
            return fatal_page(given)
        with self._lock:
            outcome = self._run(command, params)
        return render(
            outcome,
            style=command.error_text,
            xml=params.text("ResponseFormat") == "XML",
            jsonp_callback=params.filled("JSONPCallBack"),
        )

    def _run(self, command: Command, params: Params) -> Outcome:
        state = self.state
        call = Call(state, params, None, None, now_text())
        if command.scopes:
            session = self._authenticate(params)
            if session is None:
                return denied(AUTH_FAILED)
            if session.kind not in command.scopes:
                return denied(NO_PRIVILEGES)
            principal = self._principal(session)
            if principal is None:
                return denied(AUTH_FAILED)
            call.session, call.principal = session, principal
        try:
            return command.handler(call)
        except Refused as refused:
            return refused.outcome

    def _authenticate(self, params: Params) -> Session | None:
        """The caller's session: an ``APIKey`` (a user, no login) or a ``SessionID``."""
        key = params.filled("APIKey")
        if key is not None:
            user = self.state.user_by_api_key(key)
            if user is None or not user.enabled:
                return None
            return Session("", "user", user.id)
        session_id = params.filled("SessionID")
        return self.state.sessions.get(session_id) if session_id else None

    def _principal(self, session: Session) -> Principal | None:
        """The account behind a session, unless it was deleted or disabled meanwhile."""
        if session.kind == "admin":
            return self.state.admin
        if session.kind == "user":
            user = self.state.users.get(session.principal_id)
            return user if user is not None and user.enabled else None
        client = self.state.clients.get(session.principal_id)
        return client if client is not None and client["ClientAccountStatus"] == "Enabled" else None


async def _read_params(request: Request) -> Params:
    """``$_REQUEST``: the query string, then a URL-encoded body; other bodies add nothing."""
    query = request.url.query
    body = ""
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type in {"", "application/x-www-form-urlencoded"}:
            body = (await request.body()).decode("utf-8", errors="replace")
    return Params.from_query(query, body)
