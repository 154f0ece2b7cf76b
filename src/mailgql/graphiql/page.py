"""The GraphiQL page: plain HTML that loads the vendored GraphiQL bundle from the gateway itself."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Final

__all__ = ["ASSET_PREFIX", "STATIC_DIR", "render_graphiql_page"]

STATIC_DIR: Final[Path] = Path(__file__).resolve().parent / "static"
"""Folder holding the vendored GraphiQL, React and ReactDOM files and the page's own boot files."""

ASSET_PREFIX: Final = "/graphiql-assets"
"""URL path where the app mounts STATIC_DIR unless told otherwise."""

# The GraphQL-over-HTTP media type first, plain JSON for servers that predate it.
_ACCEPT: Final = "application/graphql-response+json, application/json"

_STYLESHEETS: Final = ("graphiql.min.css", "mailgql-graphiql.css")
# Order matters: the GraphiQL UMD bundle reads window.React and window.ReactDOM when it loads,
# and the boot file needs all three.
_SCRIPTS: Final = (
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "mailgql-graphiql.js",
)
_CONFIG_ID: Final = "mailgql-graphiql-config"


def _json_for_script(value: object) -> str:
    """JSON that cannot end or comment out the <script> element it is embedded in."""
    # Inside <script> the HTML parser only reacts to "</script" and "<!--"; escaping every "<"
    # rules both out, and ">" and "&" go too so the text is also inert if ever moved into HTML.
    # ensure_ascii turns U+2028/U+2029 into escapes as well.
    text = json.dumps(value, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_graphiql_page(
    *, endpoint: str, assets_url: str, default_query: str, title: str = "mailgql"
) -> str:
    """Return the GraphiQL page that queries `endpoint` and loads its files from `assets_url`."""
    base = assets_url.rstrip("/")
    links = "\n".join(
        f'    <link rel="stylesheet" href="{html.escape(f"{base}/{name}")}" />'
        for name in _STYLESHEETS
    )
    scripts = "\n".join(
        f'    <script src="{html.escape(f"{base}/{name}")}"></script>' for name in _SCRIPTS
    )
    config = _json_for_script(
        {
            "endpoint": endpoint,
            "headers": {"Accept": _ACCEPT},
            "defaultQuery": default_query,
            "title": title,
        }
    )
    return f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{html.escape(title)} · GraphiQL</title>
    <link rel="icon" href="data:," />
{links}
  </head>
  <body>
    <div id="graphiql">
      <p class="mailgql-graphiql-loading">Loading GraphiQL for {html.escape(title)}…</p>
    </div>
    <noscript>GraphiQL needs JavaScript; the endpoint still answers GraphQL over POST.</noscript>
    <script type="application/json" id="{_CONFIG_ID}">{config}</script>
{scripts}
  </body>
</html>
"""
