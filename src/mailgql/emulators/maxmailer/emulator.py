"""The Maxmailer emulator: one PHP-style endpoint serving the admin and subscription APIs."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any, ClassVar, Literal
from urllib.parse import parse_qsl, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from mailgql.emulators.maxmailer.admin import Payload, canonical_function, run_admin
from mailgql.emulators.maxmailer.clock import Clock
from mailgql.emulators.maxmailer.errors import MaxmailerError
from mailgql.emulators.maxmailer.licence import licence_from_json
from mailgql.emulators.maxmailer.progress import advance_campaign
from mailgql.emulators.maxmailer.records import MaxmailerState
from mailgql.emulators.maxmailer.seed import (
    MAXMAILER_ADMIN_LOGIN_ID,
    MAXMAILER_LIST_KEYS,
    build_state,
)
from mailgql.emulators.maxmailer.subscription import canonical_action, run_subscription
from mailgql.emulators.sending import AdvanceRequest, AdvancesCampaigns
from mailgql.emulators.store import ControlAction, EmulatorHub, SeedCache, SeededCopy, Size

__all__ = ["ENDPOINT_PATH", "MaxmailerEmulator"]

ENDPOINT_PATH = "/app/api.php"
"""The one endpoint, below the emulator's mount path."""

_DAY = 86_400
_MAX_INPUT_VARS = 1000

Family = Literal["admin", "subscription"]

_SEEDED: SeedCache[tuple[int, Size, int], MaxmailerState] = SeedCache(
    lambda key: build_state(seed=key[0], size=key[1], anchor=key[2]),
    secrets=lambda state: _secrets_of(state),
)
"""Seeded states of this process by (seed, size, anchor day): a reset copies one."""


class MaxmailerEmulator(AdvancesCampaigns):
    """Maxmailer's ``app/api.php``: admin functions by Login ID, list actions by API key."""

    name: ClassVar[str] = "maxmailer"
    mount: ClassVar[str] = "/maxmailer"

    def __init__(self, hub: EmulatorHub) -> None:
        self.hub = hub
        self.clock = Clock()
        self.anchor = 0
        """Start of the UTC day the seeded timestamps hang off (set by :meth:`reset`)."""
        self._key: tuple[int, Size, int]
        self._seeded: SeededCopy[MaxmailerState]
        self._app = Starlette(routes=[Route(ENDPOINT_PATH, self._api, methods=["GET", "POST"])])
        self.reset()

    @property
    def app(self) -> ASGIApp:
        """The ASGI app serving ``/app/api.php``."""
        return self._app

    @property
    def state(self) -> MaxmailerState:
        """The state as it is now (its copy of the seeded one is made on first use)."""
        return self._seeded.get()

    def reset(self) -> None:
        """Rebuild the seeded state from the hub's seed and size, and put the clock back."""
        self.clock.reset()
        # Seed timestamps hang off the start of today (UTC), so the same seed gives the same data
        # all day while "future" and "past" keep their meaning.
        self.anchor = self.clock.now() // _DAY * _DAY
        self._key = (self.hub.seed, self.hub.size, self.anchor)
        self._seeded = _SEEDED.copy(self._key)

    def gateway_env(self, base_url: str) -> dict[str, str]:
        """The endpoint URL, the admin's Login ID and the list API keys by list name."""
        return {
            "MAILGQL_MAXMAILER_URL": base_url.rstrip("/") + self.mount + ENDPOINT_PATH,
            "MAILGQL_MAXMAILER_LOGIN_ID": MAXMAILER_ADMIN_LOGIN_ID,
            "MAILGQL_MAXMAILER_LIST_KEYS": json.dumps(MAXMAILER_LIST_KEYS),
        }

    def secrets(self) -> set[str]:
        """Every seeded credential: Login IDs, passwords, SMTP users and passwords, list keys."""
        return set(_SEEDED.secrets(self._key))

    def controls(self) -> dict[str, ControlAction]:
        """Control actions: ``advance-clock`` with ``{"seconds": N}``; ``licence`` with caps;
        ``advance-campaign`` with ``{"id": N, "recipients"?: N, "finish"?: true}``."""
        return {
            "advance-clock": self._advance_clock,
            "licence": self._set_licence,
            "advance-campaign": self.advance_campaign_control,
        }

    def advance(self, request: AdvanceRequest) -> dict[str, Any]:
        """One step of sending at the emulator's clock; a campaign is ``completed`` once no
        recipient is left."""
        return advance_campaign(self.state, request, self.clock.now())

    async def _set_licence(self, params: dict[str, Any]) -> dict[str, Any]:
        licence = licence_from_json(self.state.licence, params)
        if isinstance(licence, str):
            return {"error": licence}
        self.state.licence = licence
        return {"licence": asdict(licence)}

    async def _advance_clock(self, params: dict[str, Any]) -> dict[str, Any]:
        seconds = params.get("seconds") if isinstance(params, dict) else None
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not math.isfinite(seconds)
        ):
            return {"error": 'send {"seconds": N} with N a finite number of seconds'}
        now = self.clock.advance(int(seconds))
        return {"now": now, "offset": self.clock.offset}

    async def _api(self, request: Request) -> Response:
        params = await _read_params(request)
        family, endpoint = _route(params)
        faulted = await self.hub.enter(self.name, endpoint)
        if faulted is not None:
            return faulted
        now = self.clock.now()
        if family == "admin":
            try:
                return _php_json(run_admin(self.state, params, now))
            except MaxmailerError as exc:
                return _php_json(exc.body())
        try:
            answer = run_subscription(self.state, params, now)
        except MaxmailerError as exc:
            error_url = params.get("error_url", "")
            if error_url:
                query = urlencode({"error": exc.message, "errno": str(exc.errno)})
                return RedirectResponse(
                    error_url + ("&" if "?" in error_url else "?") + query, status_code=302
                )
            return _php_json(exc.body())
        success_url = params.get("success_url", "")
        if success_url:
            return RedirectResponse(success_url, status_code=302)
        return _php_json(answer)


def _route(params: Mapping[str, str]) -> tuple[Family, str]:
    """Which API a request is for, and the endpoint key it is counted under."""
    if "login_id" not in params and ("apikey" in params or "action" in params):
        action = params.get("action", "")
        return "subscription", canonical_action(action) or action
    function = params.get("function", "")
    return "admin", canonical_function(function) or function


async def _read_params(request: Request) -> dict[str, str]:
    """Query string and form body merged as PHP's ``$_REQUEST``: the body wins, then the last value.

    Like PHP (``max_input_vars``), only the first 1000 variables of each part are read.
    """
    params = dict(_form_pairs(request.url.query))
    if request.method == "POST":
        params |= _form_pairs((await request.body()).decode("utf-8", errors="replace"))
    return params


def _form_pairs(encoded: str) -> list[tuple[str, str]]:
    return parse_qsl(encoded, keep_blank_values=True, errors="replace")[:_MAX_INPUT_VARS]


def _php_json(payload: Payload | dict[str, object]) -> Response:
    """JSON as PHP's ``json_encode`` prints it: compact, ASCII-only, slashes escaped."""
    text = json.dumps(payload, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    return Response(text, media_type="application/json")


def _secrets_of(state: MaxmailerState) -> set[str]:
    found: set[str] = set()
    for user in state.users.values():
        found |= {user.login_id, user.password, user.smtp_user, user.smtp_pass}
    found |= {lst.api_key for lst in state.lists.values()}
    found.discard("")
    return found
