"""The FastAPI app: ``/graphql`` (HTTP, SSE and WebSocket; GraphiQL on GET from a browser),
``/healthz``, ``/readyz``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import strawberry
from fastapi import FastAPI
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from mailgql.cache import CacheBackend, Caches, cache_control, open_caches
from mailgql.data import build_data
from mailgql.graph import Context, build_context, build_schema
from mailgql.graphiql import STATIC_DIR, render_graphiql_page
from mailgql.graphql_http import GraphQLView
from mailgql.graphql_http.caching import AnswerCache
from mailgql.platforms import Platform
from mailgql.settings import Settings, SettingsError, env_name
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
) -> FastAPI:
    """The gateway app; one pooled upstream client per configured platform lives in its lifespan.

    ``transports`` replaces the network for the platforms it names (tests, the demo); ``schema``
    replaces the one :func:`~mailgql.graph.build_schema` would build (a test reading its
    document cache, say); ``cache_backend`` replaces the store the settings name.
    """
    state: dict[str, UpstreamClients] = {}
    caches = open_caches(settings, cache_backend)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await _check_store(caches)
        clients = UpstreamClients.open(settings, transports)
        _check_kinds(settings, build_data(clients, settings).kinds())
        state["clients"] = clients
        logger.info(
            "mailgql ready; platforms: %s; cache: %s",
            ", ".join(p.name for p in settings.configured()) or "none configured",
            _describe(settings, caches),
        )
        try:
            yield
        finally:
            state.pop("clients", None)
            await clients.aclose()
            if cache_backend is None:  # a store handed in belongs to whoever opened it
                await caches.aclose()

    async def context(request: HTTPConnection, response: Response | None) -> Context:
        clients = state.get("clients")
        if clients is None:
            raise RuntimeError("the app's lifespan has not started")
        use, keep = cache_control(request.headers.get("cache-control"))
        reads = caches.reads.request(read=use, store=keep)
        data = build_data(clients, settings, reads)
        return build_context(settings, data, request=request, response=response, reads=reads)

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
        scope = ",".join(f"{p.value}:{f}" for p, f in credential_fingerprints(settings).items())
        answers = AnswerCache(caches.responses, scope=scope)
    view = GraphQLView(
        schema or build_schema(),
        context,
        graphiql_page=page,
        answers=answers,
        persisted=caches.persisted,
    )
    # No method list: every method reaches the view, so that unsupported ones get its 405 with
    # the right Allow. The same path takes WebSocket connections.
    app.router.routes.append(Route("/graphql", view, name="graphql"))
    app.router.routes.append(WebSocketRoute("/graphql", view, name="graphql-ws"))
    if settings.graphiql:
        app.mount(ASSETS_URL, StaticFiles(directory=STATIC_DIR), name="graphiql-assets")

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


async def _check_store(caches: Caches) -> None:
    """Refuse to start on a Redis server that does not answer: a shared cache that silently
    is not shared would serve stale answers across processes."""
    ping = getattr(caches.backend, "ping", None)
    if ping is None:
        return
    try:
        await ping()
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

    from mailgql.cli import CONFIG_FILE_ENV
    from mailgql.settings import load_settings

    config = os.environ.get(CONFIG_FILE_ENV)
    try:
        settings = load_settings(Path(config) if config else None)
    except SettingsError as exc:
        sys.stderr.write(f"mailgql: {exc}\n")
        raise SystemExit(3) from None
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return create_app(settings)
