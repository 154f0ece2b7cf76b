"""GraphiQL in a real browser: Debian's headless Chromium loads ``GET /graphql`` from a running
``mailgql demo``, runs the default query and shows the seeded accounts in the result pane."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect, sync_playwright

from mailgql.app import DEFAULT_QUERY

from .conftest import Demo, seeded_v2rest

CHROMIUM = "/usr/bin/chromium"
# Root needs --no-sandbox; the rest keep Chromium from calling Google's services (this machine,
# like CI, reaches no outside host) and from using a GPU there is none of.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
SHOWN_WITHIN_MS = 15_000
"""How long the page has to render GraphiQL, and then the answer (it first introspects)."""


def _chromium() -> str:
    """Debian's Chromium; ``./scripts/test`` and ``.ci/run`` install it when it is missing."""
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    if found is None:
        pytest.fail(
            "the GraphiQL browser test needs Chromium: run ./scripts/test (it installs it), "
            "or: apt-get install chromium"
        )
    return found


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile of its own; closed after the test."""
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "chromium-profile",
            executable_path=_chromium(),
            headless=True,
            args=list(CHROMIUM_FLAGS),
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()


def _seeded_sub_accounts(count: int) -> list[str]:
    """The usernames of the demo's oldest v2 REST sub-accounts, from the emulator's seed."""
    return [account.username for account in seeded_v2rest().sub_accounts()[:count]]


def _scroll_result_to(page: Page, text: str) -> None:
    """Scroll GraphiQL's result pane until the line holding ``text`` is on screen."""
    line = page.evaluate(
        """(text) => {
            const cm = document.querySelector(".graphiql-response .CodeMirror").CodeMirror;
            const line = cm.getValue().split("\\n").findIndex((l) => l.includes(text));
            if (line >= 0) cm.scrollIntoView({ line, ch: 0 }, 80);
            return line;
        }""",
        text,
    )
    assert line >= 0, f"{text!r} is not in the result pane"


def _result_pane(page: Page) -> Locator:
    return page.locator(".graphiql-response")


def test_graphiql_runs_the_default_query_and_shows_the_accounts(
    demo: Demo, browser: BrowserContext, tmp_path: Path
) -> None:
    asked = re.search(r"subAccounts\(first: (\d+)\)", DEFAULT_QUERY)
    assert asked is not None
    usernames = _seeded_sub_accounts(int(asked.group(1)))
    assert len(usernames) == int(asked.group(1))

    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(demo.graphql)
    run = page.get_by_role("button", name="Execute query")
    expect(run).to_be_visible(timeout=SHOWN_WITHIN_MS)
    # The editor opens on the default query.
    expect(page.locator(".graphiql-query-editor")).to_contain_text(
        "query SubAccountsAndInheritance"
    )
    assert usernames[0] not in _result_pane(page).inner_text()

    run.click()

    pane = _result_pane(page)
    expect(pane).to_contain_text('"username": "demo-admin"', timeout=SHOWN_WITHIN_MS)
    expect(pane).to_contain_text(f'"username": "{usernames[0]}"')
    expect(pane).not_to_contain_text('"errors"')
    page.screenshot(path=tmp_path / "graphiql.png")
    assert (tmp_path / "graphiql.png").stat().st_size > 10_000

    # Every account of the answer, each scrolled into view in the pane.
    for username in usernames:
        _scroll_result_to(page, f'"username": "{username}"')
        expect(pane.locator(".CodeMirror-code")).to_contain_text(f'"username": "{username}"')

    # Everything the page loaded came from the demo itself: GraphiQL works offline.
    assert fetched
    assert [url for url in fetched if not url.startswith((f"{demo.url}/", "data:"))] == []
