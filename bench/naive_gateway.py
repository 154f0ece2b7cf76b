"""The naive baseline of ``bench/mix.py``: a first-draft Strawberry gateway over v2 REST alone.

One resolver per field, each making its own httpx call through one shared ``httpx.AsyncClient``
(its default pool): no loaders, no batching, no bound on calls in flight, no retries, no error
translation. It answers the v2 documents of the mix (Q1, Q1a) with the same text mailgql takes
and the same upstream calls (1 + N per inherited collection), so the two can be compared.

Serve it alone: ``.venv/bin/python bench/naive_gateway.py --port 8301`` with
``MAILGQL_V2REST_URL``, ``MAILGQL_V2REST_USERNAME`` and ``MAILGQL_V2REST_TOKEN`` set (as
``mailgql emulate`` prints them).
"""

from __future__ import annotations

import argparse
import enum
import os
from typing import Any

import httpx
import strawberry
import uvicorn
from strawberry.asgi import GraphQL

_BLOCK = 1000
"""The v2 API's largest page: every inherited collection is read in one call of this size."""


class _Upstream:
    """The v2 REST base URL, its credential headers and one lazily opened client."""

    def __init__(self) -> None:
        self.url = os.environ["MAILGQL_V2REST_URL"].rstrip("/")
        self.headers = {
            "apiusername": os.environ["MAILGQL_V2REST_USERNAME"],
            "apitoken": os.environ["MAILGQL_V2REST_TOKEN"],
        }
        self._client: httpx.AsyncClient | None = None

    async def get(self, path: str, **params: Any) -> list[dict[str, Any]]:
        """One GET; the envelope's ``data``."""
        if self._client is None:  # opened in the server's event loop, on the first call
            self._client = httpx.AsyncClient(headers=self.headers, timeout=60)
        response = await self._client.get(f"{self.url}{path}", params=params)
        response.raise_for_status()
        data: list[dict[str, Any]] = response.json()["data"]
        return data


_UPSTREAM: _Upstream | None = None


def _upstream() -> _Upstream:
    global _UPSTREAM  # a first draft's module-level client, built on first use
    if _UPSTREAM is None:
        _UPSTREAM = _Upstream()
    return _UPSTREAM


@strawberry.enum
class Platform(enum.Enum):
    """Only v2 REST: the naive baseline knows no other platform."""

    V2REST = "V2REST"


@strawberry.type
class MailingList:
    """An inherited list."""

    name: str
    subscriber_count: int | None


@strawberry.type
class Segment:
    """An inherited segment."""

    name: str


@strawberry.type
class Newsletter:
    """An inherited newsletter."""

    name: str


@strawberry.type
class MailingListConnection:
    """A sub-account's inherited lists."""

    nodes: list[MailingList]
    total_count: int


@strawberry.type
class SegmentConnection:
    """A sub-account's inherited segments."""

    nodes: list[Segment]
    total_count: int


@strawberry.type
class NewsletterConnection:
    """A sub-account's inherited newsletters."""

    nodes: list[Newsletter]
    total_count: int


@strawberry.type
class Account:
    """The admin or one of its sub-accounts."""

    username: str

    @strawberry.field
    async def sub_accounts(self, first: int = 50) -> AccountConnection:
        """The admin's sub-accounts: one call."""
        rows = await _upstream().get("/Users/SubAccounts", limit=first, offset=0)
        return AccountConnection(nodes=[Account(username=row["username"]) for row in rows])

    @strawberry.field
    async def inherited_lists(self, first: int = 50) -> MailingListConnection:
        """One call per account."""
        rows = await _upstream().get(
            "/Users/InheritLists", accountName=self.username, limit=_BLOCK, offset=0
        )
        nodes = [
            MailingList(name=row["listName"], subscriber_count=int(row["subscribecount"]))
            for row in rows[:first]
        ]
        return MailingListConnection(nodes=nodes, total_count=len(rows))

    @strawberry.field
    async def inherited_segments(self, first: int = 50) -> SegmentConnection:
        """One call per account."""
        rows = await _upstream().get(
            "/Users/InheritSegments", accountName=self.username, limit=_BLOCK, offset=0
        )
        nodes = [Segment(name=row["segmentname"]) for row in rows[:first]]
        return SegmentConnection(nodes=nodes, total_count=len(rows))

    @strawberry.field
    async def inherited_newsletters(self, first: int = 50) -> NewsletterConnection:
        """One call per account."""
        rows = await _upstream().get(
            "/Users/InheritNewsletters", accountName=self.username, limit=_BLOCK, offset=0
        )
        nodes = [Newsletter(name=row["name"]) for row in rows[:first]]
        return NewsletterConnection(nodes=nodes, total_count=len(rows))


@strawberry.type
class AccountConnection:
    """A page of sub-accounts."""

    nodes: list[Account]


@strawberry.type
class Query:
    """The v2 part of mailgql's ``Query`` that the mix asks for."""

    @strawberry.field
    def me(self, platform: Platform) -> Account:
        """The admin: no call (its name is the configured username)."""
        return Account(username=os.environ["MAILGQL_V2REST_USERNAME"])


def create_app() -> GraphQL[None, None]:
    """The naive gateway as an ASGI app serving ``/graphql``."""
    return GraphQL(strawberry.Schema(query=Query), graphql_ide=None)


def main() -> None:
    """Serve the naive gateway on 127.0.0.1."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(create_app(), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
