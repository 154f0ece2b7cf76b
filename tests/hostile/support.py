"""What the hostile-input tests share: the hypothesis profile, hostile values, raw requests to an
in-process gateway, and the check every answer must pass (a typed error or a success)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
)
from hypothesis import HealthCheck, settings, strategies as st

from mailgql.emulators import Emulators
from mailgql.graph.errors import ErrorCode
from mailgql.graph.schema import PARSE_FAILED, VALIDATION_FAILED
from mailgql.graphql_http.errors import (
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
)
from tests.conftest import Gateway, open_gateway

__all__ = [
    "ALLOWED_CODES",
    "PROFILE",
    "check_answer",
    "cursor_of",
    "cursors",
    "gid",
    "hostile_gateway",
    "hostile_ids",
    "hostile_text",
    "input_values",
    "known_ids",
    "send",
]

PROFILE = "hostile"
settings.register_profile(
    PROFILE,
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    # Each example resets the emulators itself; one gateway serves every example of a test.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ALLOWED_CODES = frozenset(
    {
        value
        for name, value in vars(ErrorCode).items()
        if name.isupper() and value != ErrorCode.INTERNAL_SERVER_ERROR
    }
    | {
        PARSE_FAILED,
        VALIDATION_FAILED,
        METHOD_NOT_ALLOWED,
        NOT_ACCEPTABLE,
        PAYLOAD_TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        "PERSISTED_QUERY_NOT_FOUND",
        "RATE_LIMITED",
        "QUERY_TOO_COMPLEX",
        "RESPONSE_TOO_LARGE",
        "IDEMPOTENCY_KEY_IN_USE",
    }
)
"""Every ``extensions.code`` (and ``UserError.code``) an answer may carry: the fixed vocabulary
and the request refusals, never INTERNAL_SERVER_ERROR."""

_OTHER_DIGITS = "٣²³¹٠۳߃१০੩௩๓໓၃០᠓０１⁹₃"
"""Digits of other scripts (and super- and subscripts) that Python's int() or isdigit() take."""


def gid(type_name: str, platform: str, key: str) -> str:
    """A global ID as the gateway makes them, with any key (surrogates kept as they are)."""
    raw = f"{type_name}:{platform}:{key}".encode("utf-8", "surrogatepass")
    return base64.b64encode(raw).decode()


def cursor_of(text: str) -> str:
    """A cursor as the gateway makes them, holding any text after ``cursor:``."""
    return base64.b64encode(f"cursor:{text}".encode("utf-8", "surrogatepass")).decode()


_SURROGATES = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"])
_NUMBERS_OF_OTHER_SCRIPTS = st.text(alphabet=_OTHER_DIGITS, min_size=1, max_size=6)
_HUGE_NUMBERS = st.integers(4_290, 4_400).map(lambda n: "9" * n) | st.integers(10, 40).map(
    lambda n: "1" * n
)
_EDGE_NUMBERS = st.sampled_from(["0", "-1", "+3", " 3", "3.0", "1e3", "2147483648", "00000003"])


def hostile_text() -> st.SearchStrategy[str]:
    """Strings a careless gateway chokes on: any Unicode with lone surrogates, other scripts'
    digits, numbers past int()'s limit, very long values, and control characters."""
    anything = st.text(st.characters(exclude_categories=[]), max_size=24)
    with_surrogate = st.tuples(anything, _SURROGATES, anything).map("".join)
    long_values = st.integers(65, 12_000).map(lambda n: "z" * n)
    return st.one_of(
        anything,
        with_surrogate,
        _NUMBERS_OF_OTHER_SCRIPTS,
        _HUGE_NUMBERS,
        _EDGE_NUMBERS,
        long_values,
        st.sampled_from(["", " ", "\x00", "\n", "%Link:Unsubscribe%"]),
    )


def hostile_ids() -> st.SearchStrategy[str]:
    """IDs and plain legacy ids a client might forge: hostile text as it is, and global IDs of
    every type and platform whose key is hostile."""
    key = st.one_of(
        _NUMBERS_OF_OTHER_SCRIPTS,
        _HUGE_NUMBERS,
        _EDGE_NUMBERS,
        st.tuples(
            st.sampled_from(["user:", "client:", "client:2/", "2/", "3:"]),
            _NUMBERS_OF_OTHER_SCRIPTS,
        ).map("".join),
        st.text(st.characters(exclude_categories=[]), max_size=12),
        st.integers(256, 3_000).map(lambda n: "k" * n),
    )
    forged = st.builds(
        gid,
        st.sampled_from(["Account", "MailingList", "Segment", "Newsletter", "Campaign", "Nope"]),
        st.sampled_from(["v2rest", "maxmailer", "oempro"]),
        key,
    )
    return st.one_of(hostile_text(), forged)


def cursors() -> st.SearchStrategy[str]:
    """``after`` values: hostile text, and cursors of the gateway's shape holding other digits,
    numbers past int()'s limit and offsets past MAILGQL_MAX_OFFSET."""
    offsets = st.one_of(
        _NUMBERS_OF_OTHER_SCRIPTS,
        _HUGE_NUMBERS,
        _EDGE_NUMBERS,
        st.sampled_from(["0", "3", "9998", "9999", "10000", "5000000"]),
        st.text(st.characters(exclude_categories=[]), max_size=8),
    )
    return st.one_of(hostile_text(), offsets.map(cursor_of))


async def known_ids(gateway: Gateway) -> list[str]:
    """Global and plain ids of objects the seeded emulators hold, so that some examples reach
    past the ID checks into the platforms."""
    body = await gateway.result(
        """{
          v2: accounts(platform: V2REST, first: 2) { nodes { id
            inheritedLists(first: 2) { nodes { id } }
            inheritedSegments(first: 2) { nodes { id } }
            inheritedNewsletters(first: 2) { nodes { id } } } }
          maxmailer: accounts(platform: MAXMAILER, first: 3) { nodes { id } }
          lists: me(platform: MAXMAILER) { lists { nodes { id } } }
          oempro: me(platform: OEMPRO) { id
            lists(first: 2) { nodes { id segments(first: 2) { nodes { id } } } }
            campaigns(first: 2) { nodes { id } } }
        }"""
    )
    found = re.findall(r'"id":\s*"([^"]+)"', json.dumps(body))
    return sorted(set(found)) + ["1", "3", "7605", "newsletter"]


_PLAUSIBLE: dict[str, list[str]] = {
    "email": ["ana@example.com", "new.reader@example.com"],
    "password": ["secret_1$"],
    "username": ["hostile01"],
    "timeZone": ["Europe/Lisbon", "UTC"],
    "htmlContent": ["<p>Hi %Link:Unsubscribe%</p>"],
    "plainContent": ["Hi %Link:Unsubscribe%"],
    "allowedDomains": ["@example.com"],
    "field": ["EmailAddress"],
    "operator": ["Contains"],
}


def _mostly(plausible: list[str], hostile: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A plausible value three times in four, so that some inputs pass every check and reach
    the platforms with one hostile value among them."""
    fine = st.sampled_from(plausible)
    return st.one_of(fine, fine, fine, hostile)


def _string(name: str) -> st.SearchStrategy[str]:
    plausible = _PLAUSIBLE.get(name, ["Hostile test"])
    if name.endswith("Email"):
        plausible = _PLAUSIBLE["email"]
    return _mostly(plausible, hostile_text())


def input_values(
    kind: GraphQLInputType, name: str, ids: list[str], *, required: bool = False
) -> st.SearchStrategy[Any]:
    """Values of a GraphQL input type, built from the schema: every string hostile or
    plausible, every ID forged or real, every enum value, lists of up to three."""
    if isinstance(kind, GraphQLNonNull):
        return input_values(kind.of_type, name, ids, required=True)
    inner: st.SearchStrategy[Any]
    if isinstance(kind, GraphQLList):
        inner = st.lists(input_values(kind.of_type, name, ids), max_size=3)
    elif isinstance(kind, GraphQLInputObjectType):
        fields = kind.fields
        inner = st.fixed_dictionaries(
            {n: input_values(f.type, n, ids) for n, f in fields.items() if _needed(f.type)},
            optional={
                n: input_values(f.type, n, ids) for n, f in fields.items() if not _needed(f.type)
            },
        )
    elif isinstance(kind, GraphQLEnumType):
        inner = st.sampled_from(list(kind.values))
    elif isinstance(kind, GraphQLScalarType) and kind.name == "ID":
        inner = _mostly(ids, hostile_ids())
    elif isinstance(kind, GraphQLScalarType) and kind.name == "Int":
        inner = st.one_of(
            st.integers(-(2**31), 2**31 - 1), st.sampled_from([0, -1, 1, 2**31, 10**30])
        )
    elif isinstance(kind, GraphQLScalarType) and kind.name == "Boolean":
        inner = st.booleans()
    elif isinstance(kind, GraphQLScalarType) and kind.name == "DateTime":
        inner = st.one_of(
            st.sampled_from(["2099-01-01T00:00:00Z", "2000-01-01T00:00:00Z"]), hostile_text()
        )
    else:
        inner = _string(name)
    return inner if required else st.one_of(st.none(), inner)


def _needed(kind: GraphQLInputType) -> bool:
    return isinstance(kind, GraphQLNonNull)


@asynccontextmanager
async def hostile_gateway(emulators: Emulators, **extra: Any) -> AsyncIterator[Gateway]:
    """An in-process gateway over ``emulators`` that lets a test send as fast as it likes."""
    async with open_gateway(emulators, rate_limit=0, **extra) as gateway:
        yield gateway


async def send(
    gateway: Gateway,
    body: object,
    *,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """POST ``body`` as JSON written with ASCII escapes, so that a lone surrogate reaches the
    gateway as ``\\ud800`` (as an attacker's client sends it)."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return await gateway.client.post(
        "/graphql",
        content=content,
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            **(headers or {}),
        },
    )


def _user_error_codes(value: object) -> list[str]:
    if isinstance(value, dict):
        found = [
            e["code"] for e in value.get("userErrors") or [] if isinstance(e, dict) and "code" in e
        ]
        return found + [c for v in value.values() for c in _user_error_codes(v)]
    if isinstance(value, list):
        return [c for v in value for c in _user_error_codes(v)]
    return []


def check_answer(response: httpx.Response) -> dict[str, Any]:
    """The body of an answer that is a typed refusal or a success: a JSON GraphQL response
    (never a 500, never plain text) whose every error and user error has an allowed code."""
    assert response.status_code < 500, response.text[:500]
    assert response.headers["content-type"].startswith(("application/json", "application/graphql"))
    body: dict[str, Any] = response.json()
    assert "errors" in body or "data" in body, body
    codes = [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]
    codes += _user_error_codes(body.get("data"))
    unexpected = [c for c in codes if c not in ALLOWED_CODES]
    assert unexpected == [], json.dumps(body)[:2000]
    return body
