"""The combined emulator app: every platform mounted side by side, plus control routes.

Control routes (JSON), under ``/_emulator``:

- ``GET  /_emulator/requests``            counts per platform and endpoint, and totals
- ``POST /_emulator/requests/reset``      zero the counts
- ``GET  /_emulator/faults``              armed faults
- ``POST /_emulator/faults``              arm one: ``{"platform", "kind", "endpoint"?, "count"?,
                                          "latency_ms"?, "status"?, "body"?, "hang_seconds"?,
                                          "match"?, "rate"?, "seed"?}``;
                                          kind is latency, status, malformed, hang, late or
                                          reset; count null means until cleared. reset: the
                                          connection is cut with a TCP reset, no answer, the
                                          request not handled (served over HTTP only).
                                          late: the request is handled (a write is applied),
                                          then its answer is
                                          held for latency_ms if given, else until the faults
                                          are cleared or hang_seconds pass (past a client's
                                          timeout: a write whose outcome it cannot know).
                                          match: only requests whose query string or body
                                          holds that text, as sent or percent-decoded
                                          (e.g. ``"accountName=lund_tech&"``).
                                          rate: the fraction (0..1, default 1) of matching
                                          requests that take the fault, drawn from a
                                          generator seeded with seed (default 0); the
                                          answer shows each fault's injected count
- ``DELETE /_emulator/faults``            disarm all and release hung requests
- ``POST /_emulator/reset``               reseed every platform, zero counts, disarm faults
- ``POST /_emulator/<platform>/<action>`` platform-specific controls (e.g. Oempro session expiry;
                                          ``advance-campaign`` on Maxmailer and Oempro moves a
                                          sending campaign forward: ``{"id", "recipients"?,
                                          "finish"?}``)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, get_args

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from mailgql.emulators.faults import Fault, FaultKind
from mailgql.emulators.store import ControlAction, EmulatorHub, PlatformEmulator, Size

__all__ = ["Emulators", "build_emulators"]


class Emulators:
    """The emulators of one process and the ASGI app that serves them."""

    def __init__(self, hub: EmulatorHub, platforms: list[PlatformEmulator]) -> None:
        self.hub = hub
        self.platforms = {p.name: p for p in platforms}
        self.controls: dict[tuple[str, str], ControlAction] = {}
        for platform in platforms:
            for action, handler in getattr(platform, "controls", dict)().items():
                self.controls[(platform.name, action)] = handler
        self.app = self._build_app()

    def reset(self) -> None:
        """Reseed every platform, zero the counters and disarm every fault."""
        self.hub.faults.clear()
        self.hub.counter.reset()
        for platform in self.platforms.values():
            platform.reset()

    def gateway_env(self, base_url: str) -> dict[str, str]:
        """``MAILGQL_*`` settings that point a gateway at these emulators served at ``base_url``."""
        env: dict[str, str] = {}
        for platform in self.platforms.values():
            env.update(platform.gateway_env(base_url.rstrip("/")))
        return env

    def _build_app(self) -> Starlette:
        routes: list[Any] = [
            Route("/_emulator/requests", self._requests, methods=["GET"]),
            Route("/_emulator/requests/reset", self._requests_reset, methods=["POST"]),
            Route("/_emulator/faults", self._faults, methods=["GET", "POST", "DELETE"]),
            Route("/_emulator/reset", self._reset, methods=["POST"]),
            Route("/_emulator/{platform}/{action}", self._control, methods=["POST"]),
            Route("/_emulator", self._index, methods=["GET"]),
        ]
        late, texts = self.hub.faults.late_answers, self.hub.faults.request_texts
        routes += [Mount(p.mount, app=late(texts(p.app))) for p in self.platforms.values()]
        return Starlette(routes=routes)

    async def _index(self, request: Request) -> JSONResponse:
        base = str(request.base_url).rstrip("/")
        return JSONResponse(
            {
                "seed": self.hub.seed,
                "size": self.hub.size,
                "platforms": {name: base + p.mount for name, p in self.platforms.items()},
                "gateway_env": self.gateway_env(base),
            }
        )

    async def _requests(self, request: Request) -> JSONResponse:
        counts = self.hub.counter.snapshot()
        totals = {name: sum(counts.get(name, {}).values()) for name in self.platforms}
        return JSONResponse({"counts": counts, "totals": totals, "total": sum(totals.values())})

    async def _requests_reset(self, request: Request) -> JSONResponse:
        self.hub.counter.reset()
        return JSONResponse({"ok": True})

    async def _faults(self, request: Request) -> JSONResponse:
        if request.method == "DELETE":
            self.hub.faults.clear()
            return JSONResponse({"ok": True})
        if request.method == "POST":
            try:
                spec = json.loads(await request.body())
                fault = _fault_from_json(spec, known=set(self.platforms))
            except (ValueError, TypeError, KeyError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            self.hub.faults.arm(fault)
        return JSONResponse(
            {
                "faults": [
                    {
                        "platform": f.platform,
                        "kind": f.kind,
                        "endpoint": f.endpoint,
                        "remaining": f.remaining,
                        "match": f.match,
                        "rate": f.rate,
                        "injected": f.injected,
                    }
                    for f in self.hub.faults.armed()
                ]
            }
        )

    async def _reset(self, request: Request) -> JSONResponse:
        self.reset()
        return JSONResponse({"ok": True})

    async def _control(self, request: Request) -> JSONResponse:
        key = (request.path_params["platform"], request.path_params["action"])
        handler = self.controls.get(key)
        if handler is None:
            known = sorted(f"{p}/{a}" for p, a in self.controls)
            return JSONResponse({"error": f"unknown control {key}", "known": known}, 404)
        raw = await request.body()
        try:
            params = json.loads(raw) if raw else {}
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(await handler(params))


def _fault_from_json(spec: Any, *, known: set[str]) -> Fault:
    if not isinstance(spec, dict):
        raise ValueError("a fault is a JSON object")
    platform = spec["platform"]
    if platform not in known:
        raise ValueError(f"unknown platform {platform!r}; known: {sorted(known)}")
    kind = spec["kind"]
    if kind not in get_args(FaultKind):
        raise ValueError(f"unknown fault kind {kind!r}; known: {list(get_args(FaultKind))}")
    count = spec.get("count", 1)
    if count is not None and (not isinstance(count, int) or count < 1):
        raise ValueError("count is a positive integer, or null for until cleared")
    match = spec.get("match")
    if match is not None and (not isinstance(match, str) or not match):
        raise ValueError("match is a non-empty string, or null for every request")
    rate = spec.get("rate", 1.0)
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise ValueError("rate is a number between 0 and 1")
    seed = spec.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError("seed is an integer")
    status = int(spec.get("status", 503))
    if not 100 <= status <= 599:
        raise ValueError("status is an HTTP status code")
    return Fault(
        platform=platform,
        kind=kind,
        endpoint=spec.get("endpoint"),
        remaining=count,
        latency_ms=int(spec.get("latency_ms", 0)),
        status=status,
        body=spec.get("body"),
        hang_seconds=float(spec.get("hang_seconds", 30.0)),
        match=match,
        rate=float(rate),
        seed=seed,
    )


def build_emulators(*, seed: int = 1, size: Size = "small") -> Emulators:
    """Build every platform emulator over one hub, seeded deterministically."""
    if size not in get_args(Size):
        raise ValueError(f"size must be one of {get_args(Size)}")
    hub = EmulatorHub(seed=seed, size=size)
    platforms: list[PlatformEmulator] = []
    for factory in _platform_factories():
        platforms.append(factory(hub))
    # Each platform is seeded as it is built; a reset here would only seed it a second time.
    return Emulators(hub, platforms)


def _platform_factories() -> list[Callable[[EmulatorHub], PlatformEmulator]]:
    from mailgql.emulators.maxmailer import MaxmailerEmulator
    from mailgql.emulators.oempro import OemproEmulator
    from mailgql.emulators.v2rest import V2RestEmulator

    return [V2RestEmulator, MaxmailerEmulator, OemproEmulator]
