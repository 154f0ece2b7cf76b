"""Media types: which one a response gets from ``Accept``, and what a request body declares."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "GRAPHQL_RESPONSE",
    "JSON",
    "UTF8",
    "media_ranges",
    "negotiate",
    "split_media_type",
    "wants_html",
]

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
UTF8 = ("utf-8", "utf8")
"""The spellings of the only charset the endpoint reads and writes."""


def split_media_type(value: str) -> tuple[str, dict[str, str]]:
    """A media type lower-cased, and its parameters (names lower-cased, values unquoted)."""
    media, *pieces = value.split(";")
    params: dict[str, str] = {}
    for piece in pieces:
        name, _, raw = piece.partition("=")
        params[name.strip().lower()] = raw.strip().strip('"').lower()
    return media.strip().lower(), params


def media_ranges(header: str) -> list[tuple[str, float, str | None]]:
    """``(media range, q, charset or None)`` for each entry of an ``Accept`` header."""
    found: list[tuple[str, float, str | None]] = []
    for part in header.split(","):
        media, params = split_media_type(part)
        if not media:
            continue
        try:
            quality = float(params.get("q", "1"))
        except ValueError:
            quality = 0.0
        found.append((media, quality, params.get("charset")))
    return found


def _specificity(media_range: str, media: str) -> int:
    """How closely a media range names a media type: 3 exactly, 2 by ``type/*``, 1 by ``*/*``."""
    if media_range == media:
        return 3
    if media_range == media.split("/")[0] + "/*":
        return 2
    if media_range == "*/*":
        return 1
    return 0


def negotiate(accept: str | None) -> str | None:
    """The response media type for an ``Accept`` header, or None when nothing fits (406)."""
    if accept is None or not accept.strip():
        return JSON
    ranges = media_ranges(accept)
    best: tuple[float, int, int, str] | None = None
    for media in (GRAPHQL_RESPONSE, JSON):
        # RFC 9110 12.5.1: the most specific range that matches gives the type its q.
        quality, specificity = 0.0, 0
        for media_range, range_quality, charset in ranges:
            closeness = _specificity(media_range, media)
            if closeness > specificity and (charset is None or charset in UTF8):
                quality, specificity = range_quality, closeness
        if quality <= 0:
            continue
        # At equal q a named type beats a wildcard; between two named types the newer media
        # type wins, while wildcards alone get application/json, the type every client reads.
        named = specificity == 3
        preference = int(named) if media == GRAPHQL_RESPONSE else int(not named)
        choice = (quality, specificity, preference, media)
        if best is None or choice[:3] > best[:3]:
            best = choice
    return best[3] if best else None


def wants_html(method: str, headers: Mapping[str, str], query: Mapping[str, object]) -> bool:
    """A browser opening the endpoint: a GET naming ``text/html``, with no ``query``."""
    if method != "GET" or "query" in query:
        return False
    return any(
        media == "text/html" and quality > 0
        for media, quality, _ in media_ranges(headers.get("accept", ""))
    )
