"""The offline GraphiQL page: local assets only, a safe default query, files that serve."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from mailgql.graphiql import ASSET_PREFIX, STATIC_DIR, render_graphiql_page

CONFIG_ID = "mailgql-graphiql-config"
LICENCES = ("LICENSE-graphiql", "LICENSE-react", "LICENSE-react-dom")
# Files kept in the static folder that the page does not load itself.
UNREFERENCED = {*LICENCES, "VENDORED.md"}


class _PageParts(HTMLParser):
    """Collects every tag with its attributes and the text of each <script> and <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_texts: list[tuple[dict[str, str | None], str]] = []
        self.title = ""
        self._open: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "title"):
            self._open, self._attrs, self._text = tag, dict(attrs), []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open == "script":
            self.script_texts.append((self._attrs, "".join(self._text)))
        elif tag == self._open == "title":
            self.title = "".join(self._text)
        if tag == self._open:
            self._open = None


def parse(page: str) -> _PageParts:
    """Parse the page the way a browser tokenises it."""
    parts = _PageParts()
    parts.feed(page)
    parts.close()
    return parts


def render(**overrides: str) -> str:
    """The page with mailgql's defaults, some of them replaced."""
    kwargs = {
        "endpoint": "/graphql",
        "assets_url": ASSET_PREFIX,
        "default_query": "{ accounts { nodes { id } } }",
    }
    kwargs.update(overrides)
    return render_graphiql_page(**kwargs)


def asset_urls(page: str) -> list[str]:
    """Every URL the page loads: script sources and stylesheet links, in document order."""
    urls = []
    for tag, attrs in parse(page).tags:
        if tag == "script" and attrs.get("src"):
            urls.append(str(attrs["src"]))
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            urls.append(str(attrs["href"]))
    return urls


def config_of(page: str) -> dict[str, Any]:
    """The JSON settings block the boot script reads, decoded as the browser would."""
    blocks = [
        text
        for attrs, text in parse(page).script_texts
        if attrs.get("id") == CONFIG_ID and attrs.get("type") == "application/json"
    ]
    assert len(blocks) == 1
    config: dict[str, Any] = json.loads(blocks[0])
    return config


def test_assets_load_from_the_given_prefix_only() -> None:
    urls = asset_urls(render(assets_url="/graphiql-assets"))

    assert urls == [
        "/graphiql-assets/graphiql.min.css",
        "/graphiql-assets/mailgql-graphiql.css",
        "/graphiql-assets/react.production.min.js",
        "/graphiql-assets/react-dom.production.min.js",
        "/graphiql-assets/graphiql.min.js",
        "/graphiql-assets/mailgql-graphiql.js",
    ]


def test_no_src_or_href_leaves_the_server() -> None:
    page = render()

    for tag, attrs in parse(page).tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not value.startswith(("http:", "https:", "//")), (tag, value)
    assert "http://" not in page
    assert "https://" not in page


@pytest.mark.parametrize("prefix", ["/graphiql-assets/", "/ui/static", "/"])
def test_prefix_joins_without_double_slashes(prefix: str) -> None:
    urls = asset_urls(render(assets_url=prefix))

    base = prefix.rstrip("/")
    assert urls[0] == f"{base}/graphiql.min.css"
    assert all("//" not in url for url in urls)


def test_every_referenced_asset_is_vendored() -> None:
    urls = asset_urls(render())

    for url in urls:
        name = PurePosixPath(url).relative_to(ASSET_PREFIX)
        assert (STATIC_DIR / name).is_file(), url


def test_static_folder_holds_only_the_page_assets_licences_and_notes() -> None:
    referenced = {PurePosixPath(url).name for url in asset_urls(render())}

    present = {path.name for path in STATIC_DIR.iterdir()}

    assert present == referenced | UNREFERENCED


@pytest.mark.parametrize("licence", LICENCES)
def test_each_vendored_package_ships_its_mit_licence(licence: str) -> None:
    text = (STATIC_DIR / licence).read_text(encoding="utf-8")

    assert text.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in text


def test_vendored_notes_name_each_package_and_version() -> None:
    notes = (STATIC_DIR / "VENDORED.md").read_text(encoding="utf-8")

    for package in ("graphiql@4.1.2", "react@18.3.1", "react-dom@18.3.1"):
        assert package in notes
    assert "scripts/vendor-graphiql.sh" in notes


def test_page_runs_no_inline_script() -> None:
    # Only the JSON data block has a body; a strict Content-Security-Policy can then forbid
    # inline scripts without breaking the page.
    for attrs, text in parse(render()).script_texts:
        if not attrs.get("src"):
            assert attrs.get("type") == "application/json"
            assert attrs.get("id") == CONFIG_ID
        else:
            assert text == ""


def test_boot_script_reads_the_settings_block_and_uses_every_setting() -> None:
    boot = (STATIC_DIR / "mailgql-graphiql.js").read_text(encoding="utf-8")

    assert f'getElementById("{CONFIG_ID}")' in boot
    for key in config_of(render()):
        assert f"config.{key}" in boot
    assert "defaultQuery: config.defaultQuery" in boot
    assert "GraphiQL.createFetcher" in boot


def test_fetcher_settings_post_to_the_endpoint_asking_for_graphql_json() -> None:
    config = config_of(render(endpoint="/api/graphql"))

    assert config["endpoint"] == "/api/graphql"
    assert config["headers"] == {"Accept": "application/graphql-response+json, application/json"}


HOSTILE_QUERIES = [
    pytest.param("{ a }</script><script>alert(1)</script>", id="closing-script-tag"),
    pytest.param("{ a }</SCRIPT >", id="closing-script-tag-uppercase"),
    pytest.param("# <!-- <script>\n{ a }", id="html-comment-opener"),
    pytest.param('# "quoted" \\ back\\slash & <b>bold</b>\n{ a }', id="quotes-backslash-markup"),
    pytest.param("# caf\u00e9 \u2028 \u2029 \U0001f4e7\n{ a }", id="non-ascii-and-line-separators"),
    pytest.param("# ${template} `tick`\n{ a }", id="template-literal-syntax"),
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_default_query_round_trips_exactly(query: str) -> None:
    page = render(default_query=query)

    assert config_of(page)["defaultQuery"] == query


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_default_query_cannot_break_out_of_its_script_element(query: str) -> None:
    page = render(default_query=query)

    parts = parse(page)
    # The browser sees exactly our scripts: one data block plus four files, nothing injected.
    assert len(parts.script_texts) == 5
    assert page.lower().count("</script") == 5
    assert "<!--" not in page


def test_default_query_is_embedded_verbatim_in_the_settings() -> None:
    query = 'query Accounts {\n  accounts(first: 5) { nodes { id name } }\n}\n# "hi"'

    config = config_of(render(default_query=query))

    assert config["defaultQuery"] == query


def test_title_and_logo_say_mailgql_by_default() -> None:
    page = render()

    assert "mailgql" in parse(page).title
    assert config_of(page)["title"] == "mailgql"


def test_title_is_escaped_in_html_and_kept_exact_for_the_logo() -> None:
    title = "mailgql <staging> & co"

    page = render(title=title)

    assert parse(page).title == f"{title} · GraphiQL"
    assert "<staging>" not in page
    assert config_of(page)["title"] == title


async def test_referenced_assets_serve_with_browser_ready_media_types() -> None:
    app = Starlette(routes=[Mount(ASSET_PREFIX, StaticFiles(directory=STATIC_DIR))])
    transport = httpx.ASGITransport(app=app)

    async with httpx.AsyncClient(transport=transport, base_url="http://mailgql.test") as client:
        for url in asset_urls(render()):
            response = await client.get(url)

            assert response.status_code == 200, url
            expected = "text/css" if url.endswith(".css") else "javascript"
            assert expected in response.headers["content-type"], url
            assert response.content == (STATIC_DIR / PurePosixPath(url).name).read_bytes()
