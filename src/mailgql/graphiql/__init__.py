"""GraphiQL served by the gateway itself: the vendored browser bundle and the page that loads it."""

from __future__ import annotations

from mailgql.graphiql.page import ASSET_PREFIX, STATIC_DIR, render_graphiql_page

__all__ = ["ASSET_PREFIX", "STATIC_DIR", "render_graphiql_page"]
