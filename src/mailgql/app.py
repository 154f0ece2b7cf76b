"""The FastAPI app: ``/graphql`` (HTTP, SSE and WebSocket; GraphiQL on GET from a browser),
``/healthz``, ``/readyz``, ``/metrics``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager

import strawberry
from fastapi import FastAPI
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from mailgql.auth.authorization import MutationAuthorization
from mailgql.auth.gate import Gate
from mailgql.auth.keys import KeyRing
from mailgql.auth.principal import principal_of
from mailgql.auth.rate import MemoryRateLimiter, RateLimiter, RedisRateLimiter
from mailgql.auth.tenants import check_key_tenants, load_tenants
from mailgql.cache import (
    CacheBackend,
    Caches,
    ResponseCache,
    StoreUnfit,
    cache_control,
    open_caches,
)
from mailgql.data import Data, build_data
from mailgql.graph import Context, build_context, build_schema
from mailgql.graph.progress import PROGRESS_STATE, ProgressHub, campaign_reader
from mailgql.graphiql import STATIC_DIR, render_graphiql_page
from mailgql.graphql_http import GraphQLView
from mailgql.graphql_http.caching import AnswerCache
from mailgql.graphql_http.idempotency import Idempotency
from mailgql.graphql_http.params import BODY_LIMIT_STATE
from mailgql.limits import ResponseSizeLimit, with_cors
from mailgql.platforms import Platform
from mailgql.settings import Settings, SettingsError, env_name
from mailgql.telemetry import RequestIdMiddleware, gateway_metrics
from mailgql.telemetry.endpoint import metrics_endpoint
from mailgql.telemetry.setup import Telemetry
from mailgql.upstreams.clients import Transports, UpstreamClients, credential_fingerprints

__all__ = ["ASSETS_URL", "DEFAULT_QUERY", "app_from_environment", "create_app"]

logger = logging.getLogger("mailgql")

ASSETS_URL = "/graphiql-assets"

DEFAULT_QUERY = """\
# Welcome to mailgql: one graph over Oempro, v2 REST and Maxmailer.
# Press the run button (or Ctrl-Enter) to see the v2 admin's sub-accounts
# and what each inherits. Open "Docs" for every type and field.
query SubAccountsAndInheritance {
  me(platform: V2REST) {
    username
    subAccounts(first: 5) {
      totalCount
      nodes {
        id
        username
        name
        status
        timezone
        createdAt
        inheritedLists(first: 5) { totalCount nodes { name subscriberCount } }
        inheritedSegments(first: 5) { nodes { name lists { name } } }
        inheritedNewsletters(first: 5) { nodes { name subject active } }
      }
    }
  }
}
"""


def create_app(
    settings: Settings,
    *,
    transports: Transports | None = None,
    schema: strawberry.Schema | None = None,
    cache_backend: CacheBackend | None = None,
    rate_limiter: RateLimiter | None = None,
    clock: Callable[[], float] | None = None,
    progress_wait: Callable[[float], Awaitable[None]] | None = None,
) -> FastAPI:
    """The gateway app; one pooled upstream client per configured platform (and per tenant)
    lives in its lifespan.

    ``transports`` replaces the network for the platforms it names (tests, the demo); ``schema``
    replaces the one :func:`~mailgql.graph.build_schema` would build (a test reading its
    document cache, say); ``cache_backend`` replaces the store the settings name;
    ``rate_limiter`` replaces the rate limits the settings ask for; ``clock`` replaces the
    monotonic clock of the platforms' circuit breakers (a test's); ``progress_wait`` replaces
    the wait between two readings of a watched campaign (a test's hand-given ticks). With no
    API keys in
    ``settings`` the app is open (its start-up log line says so). Raises SettingsError for an
    unusable tenants file or a key naming an unknown tenant.
    """
    tenants = load_tenants(settings)
    check_key_tenants(settings.api_keys, tenants)
    # The platforms of keys without a tenant (None), and of each tenant.
    sites: dict[str | None, Settings] = {None: settings}
    sites.update(tenants)
    state: dict[str, Mapping[str | None, UpstreamClients]] = {}
    caches = open_caches(settings, cache_backend)
    own_limiter = rate_limiter is None
    limiter = rate_limiter if rate_limiter is not None else _rate_limiter(settings)
    gate = Gate(KeyRing(settings.api_keys) if settings.api_keys else None, limiter)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await _check_store(caches)
        opened: dict[str | None, UpstreamClients] = {}
        for name, site in sites.items():
            opened[name] = UpstreamClients.open(site, transports, clock=clock)
            _check_kinds(site, build_data(opened[name], site).kinds())
        state["clients"] = opened
        (logger.warning if gate.open else logger.info)(
            "mailgql ready; platforms: %s; cache: %s; access: %s; rate limit: %s",
            ", ".join(p.name for p in settings.configured()) or "none configured",
            _describe(settings, caches),
            _describe_access(settings, tenants),
            _describe_limit(settings, limiter, open_=gate.open),
        )
        telemetry = Telemetry(settings).start()
        try:
            yield
        finally:
            telemetry.close()
            await progress.aclose()
            state.pop("clients", None)
            for clients in opened.values():
                await clients.aclose()
            if own_limiter and limiter is not None:
                await limiter.aclose()
            if cache_backend is None:  # a store handed in belongs to whoever opened it
                await caches.aclose()

    async def context(request: HTTPConnection, response: Response | None) -> Context:
        clients = state.get("clients")
        if clients is None:
            raise RuntimeError("the app's lifespan has not started")
        # The tenant of the key the gate admitted (None before a WebSocket's connection_init).
        principal = principal_of(request)
        tenant = principal.tenant if principal is not None else None
        site = sites[tenant]
        use, keep = cache_control(request.headers.get("cache-control"))
        reads = caches.reads.request(read=use, store=keep)
        data = build_data(clients[tenant], site, reads)
        return build_context(site, data, request=request, response=response, reads=reads)

    def progress_data(tenant: str | None) -> tuple[Settings, Data]:
        # A poller's reading: the tenant's facades, past the shared read cache (no-cache).
        clients = state.get("clients")
        if clients is None:
            raise RuntimeError("the app's lifespan has not started")
        site = sites[tenant]
        return site, build_data(clients[tenant], site, caches.reads.request(read=False))

    progress = ProgressHub(
        campaign_reader(progress_data),
        interval=settings.progress_interval,
        max_campaigns=settings.progress_max_campaigns,
        max_watches=settings.progress_max_watches,
        wait=progress_wait if progress_wait is not None else asyncio.sleep,
    )

    page = None
    if settings.graphiql:

        def page() -> str:
            return render_graphiql_page(
                endpoint="/graphql", assets_url=ASSETS_URL, default_query=DEFAULT_QUERY
            )

    app = FastAPI(
        title="mailgql",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    answers = None
    if caches.responses is not None:
        scopes = {name: _answer_scope(name, site) for name, site in sites.items()}
        answers = (
            _TenantAnswers(caches.responses, scopes)
            if tenants
            else AnswerCache(caches.responses, scope=scopes[None])
        )
    schema = schema or build_schema(federation=settings.federation)
    if not gate.open and not _authorizes(schema):
        raise ValueError(
            "with API keys, the schema needs MutationAuthorization among its extensions"
        )
    view = GraphQLView(
        schema,
        context,
        graphiql_page=page,
        answers=answers,
        persisted=caches.persisted,
        gate=gate,
        idempotency=_idempotency(settings, caches),
    )
    # No method list: every method reaches the view, so that unsupported ones get its 405 with
    # the right Allow. The same path takes WebSocket connections.
    # Answers over MAILGQL_MAX_RESPONSE_BYTES are replaced whole; CORS for the allowed origins.
    endpoint = with_cors(
        ResponseSizeLimit(view, max_bytes=settings.max_response_bytes), settings.cors_origins
    )
    setattr(app.state, BODY_LIMIT_STATE, settings.max_body_bytes)
    setattr(app.state, PROGRESS_STATE, progress)
    app.router.routes.append(Route("/graphql", endpoint, name="graphql"))
    app.router.routes.append(WebSocketRoute("/graphql", view, name="graphql-ws"))
    if settings.graphiql:
        app.mount(ASSETS_URL, StaticFiles(directory=STATIC_DIR), name="graphiql-assets")
    if settings.metrics:

        def breaker_states() -> None:
            # Circuits whose cool-down ended read half-open now, before any call probes them.
            found: dict[str, list[str]] = {}
            for clients in state.get("clients", {}).values():
                for platform, health in clients.health().items():
                    found.setdefault(platform.value, []).append(health.breaker.state.value)
            for platform_name, states in found.items():
                gateway_metrics().breaker_now(platform_name, states)

        keys = KeyRing(settings.api_keys) if settings.api_keys else None
        scrape = metrics_endpoint(token=settings.metrics_token, keys=keys, refresh=breaker_states)
        app.router.routes.append(Route("/metrics", scrape, methods=["GET"], name="metrics"))
    # Every answer carries the request's id; every request is logged once, with it.
    app.add_middleware(RequestIdMiddleware, header=settings.request_id_header)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        ready = "clients" in state
        return JSONResponse(
            {
                "status": "ready" if ready else "starting",
                "platforms": [p.name for p in settings.configured()],
            },
            status_code=200 if ready else 503,
        )

    return app


class _TenantAnswers(AnswerCache):
    """Answers kept apart by tenant: each request looks up and keeps answers under the scope of
    its key's tenant (the main scope for a key without one), so no tenant is ever answered with
    another's data."""

    def __init__(self, responses: ResponseCache, scopes: Mapping[str | None, str]) -> None:
        super().__init__(responses, scope=scopes[None])
        self._by_tenant = {
            name: AnswerCache(responses, scope=scope) for name, scope in scopes.items()
        }

    def _of(self, request: Request) -> AnswerCache:
        principal = principal_of(request)
        return self._by_tenant[principal.tenant if principal is not None else None]

    async def lookup(self, request: Request) -> Response | None:
        """The kept answer to this request in its tenant's scope, or None."""
        return await self._of(request).lookup(request)

    async def keep(self, request: Request, response: Response) -> None:
        """Keep the answer in the request's tenant's scope, if it may be kept."""
        await self._of(request).keep(request, response)


def _answer_scope(tenant: str | None, settings: Settings) -> str:
    """Whose answers: the tenant's name, and the credentials it calls the platforms with."""
    scope = ",".join(f"{p.value}:{f}" for p, f in credential_fingerprints(settings).items())
    return scope if tenant is None else f"tenant={tenant};{scope}"


def _idempotency(settings: Settings, caches: Caches) -> Idempotency | None:
    """Mutations with an ``Idempotency-Key`` run once, their claims in the caches' store."""
    if settings.idempotency_ttl <= 0:
        return None
    return Idempotency(
        caches.backend,
        ttl=settings.idempotency_ttl,
        wait=settings.idempotency_wait,
        persisted=caches.persisted,
    )


def _rate_limiter(settings: Settings) -> RateLimiter | None:
    """The rate limits the settings ask for: none, in memory, or in Redis."""
    if settings.rate_limit <= 0:
        return None
    if settings.redis_url is not None:
        return RedisRateLimiter(
            settings.redis_url.get_secret_value(), settings.rate_limit, settings.rate_burst
        )
    return MemoryRateLimiter(settings.rate_limit, settings.rate_burst)


def _authorizes(schema: strawberry.Schema) -> bool:
    """Whether the schema checks mutations against the caller's role."""
    return any(
        isinstance(ext, type) and issubclass(ext, MutationAuthorization)
        for ext in schema.extensions
    )


def _describe_access(settings: Settings, tenants: Mapping[str, Settings]) -> str:
    if not settings.api_keys:
        return "OPEN, no API keys: anyone who reaches this port may query and mutate as admin"
    count = len(settings.api_keys)
    text = f"{count} API key{'s' if count != 1 else ''}"
    return text + (f", tenants {', '.join(sorted(tenants))}" if tenants else "")


def _describe_limit(settings: Settings, limiter: RateLimiter | None, *, open_: bool) -> str:
    if limiter is None:
        return "off"
    subject = "client address" if open_ else "key"
    return (
        f"{settings.rate_limit:g}/s, burst {settings.rate_burst}, per {subject}, in {limiter.name}"
    )


async def _check_store(caches: Caches) -> None:
    """Refuse to start on a Redis server that does not answer: a shared cache that silently
    is not shared would serve stale answers across processes."""
    ping = getattr(caches.backend, "ping", None)
    if ping is None:
        return
    try:
        await ping()
    except StoreUnfit as exc:
        raise SettingsError(env_name("redis_url"), str(exc)) from None
    except Exception as exc:
        raise SettingsError(env_name("redis_url"), f"the server does not answer ({exc})") from None


def _check_kinds(settings: Settings, kinds: dict[Platform, frozenset[str]]) -> None:
    """Every kind ``MAILGQL_CACHE_KIND_TTL`` names must be one the platforms read."""
    known = {f"{p.value}.{kind}" for p, names in kinds.items() for kind in names}
    configured = {f"{p.value}." for p in kinds}
    unknown = sorted(k for k in settings.cache_kind_ttl if k.startswith(tuple(configured)))
    unknown = [k for k in unknown if k not in known]
    if unknown:
        raise SettingsError(
            env_name("cache_kind_ttl"),
            f"unknown kinds {', '.join(unknown)}; known: {', '.join(sorted(known))}",
        )


def _describe(settings: Settings, caches: Caches) -> str:
    if settings.cache_ttl <= 0 and not settings.cache_kind_ttl:
        return "off"
    answers = "answers and reads" if caches.responses is not None else "reads"
    return f"{answers} for {settings.cache_ttl:g} s in {caches.backend.name}"


def app_from_environment() -> FastAPI:
    """The gateway as ``mailgql serve`` builds it, for a server that calls an app factory (each
    worker of ``mailgql serve --workers N``; ``uvicorn --factory
    mailgql.app:app_from_environment``): settings from the ``MAILGQL_*`` variables and from the
    file ``_MAILGQL_CONFIG_FILE`` names, if any. Unusable settings end the process with status
    3, which uvicorn reads as a worker that cannot start (it stops, rather than restarting it)."""
    import os
    import sys
    from pathlib import Path

    from mailgql.cli import CONFIG_FILE_ENV, serving_settings
    from mailgql.settings import load_settings
    from mailgql.telemetry import configure_logging

    config = os.environ.get(CONFIG_FILE_ENV)
    try:
        settings = serving_settings(load_settings(Path(config) if config else None))
        configure_logging(settings.log_level, settings.log_format)
        return create_app(settings)
    except SettingsError as exc:
        sys.stderr.write(f"mailgql: {exc}\n")
        raise SystemExit(3) from None
