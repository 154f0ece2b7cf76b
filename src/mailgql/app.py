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

from mailgql.data import build_data
from mailgql.graph import Context, build_context, build_schema
from mailgql.graphiql import STATIC_DIR, render_graphiql_page
from mailgql.graphql_http import GraphQLView
from mailgql.settings import Settings
from mailgql.upstreams.clients import Transports, UpstreamClients

__all__ = ["ASSETS_URL", "DEFAULT_QUERY", "create_app"]

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
) -> FastAPI:
    """The gateway app; one pooled upstream client per configured platform lives in its lifespan.

    ``transports`` replaces the network for the platforms it names (tests, the demo); ``schema``
    replaces the one :func:`~mailgql.graph.build_schema` would build (a test reading its
    document cache, say).
    """
    state: dict[str, UpstreamClients] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        clients = UpstreamClients.open(settings, transports)
        state["clients"] = clients
        logger.info(
            "mailgql ready; platforms: %s",
            ", ".join(p.name for p in settings.configured()) or "none configured",
        )
        try:
            yield
        finally:
            state.pop("clients", None)
            await clients.aclose()

    async def context(request: HTTPConnection, response: Response | None) -> Context:
        clients = state.get("clients")
        if clients is None:
            raise RuntimeError("the app's lifespan has not started")
        data = build_data(clients, settings)
        return build_context(settings, data, request=request, response=response)

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
    view = GraphQLView(schema or build_schema(), context, graphiql_page=page)
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
