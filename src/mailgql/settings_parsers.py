"""How the settings that are not plain values are read: JSON objects, comma-separated lists,
browser origins, API key entries, and ``MAILGQL_*`` names that name no setting.

Each parser takes what the environment or the TOML file gave and returns the value the setting
holds, or raises ValueError saying what was expected (pydantic reports it for the setting).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection, Mapping
from typing import Any

from pydantic import SecretStr

from mailgql.auth.keys import ApiKey, parse_entries
from mailgql.platforms import Platform

__all__ = [
    "ENV_PREFIX",
    "api_key_entries",
    "cors_origins",
    "env_name",
    "json_object",
    "kind_ttls",
    "has_text",
    "unknown_variable",
]

ENV_PREFIX = "MAILGQL_"

_ORIGIN = re.compile(r"https?://[^/\s?#]+")
"""A browser origin: scheme, host and optional port, no path."""


def env_name(field: str) -> str:
    """The environment variable that sets ``field``."""
    return ENV_PREFIX + field.upper()


def json_object(value: Any, problem: str) -> dict[Any, Any]:
    """``value`` as a dict: a JSON object's text is parsed, blank text is ``{}``; ValueError
    saying ``problem`` for anything else."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except ValueError as exc:
            raise ValueError(problem) from exc
    if not isinstance(value, dict):
        raise ValueError(problem)
    return value


def api_key_entries(value: Any) -> tuple[ApiKey, ...]:
    """The API keys of comma-separated entries printed by ``mailgql keys new`` (None: none)."""
    if value is None:
        return ()
    if not isinstance(value, str | list | tuple):
        raise ValueError("expected comma-separated entries printed by 'mailgql keys new'")
    return parse_entries(value)


def cors_origins(value: Any) -> tuple[str, ...]:
    """Browser origins (or ``*``), comma-separated or a list, without a trailing slash."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise ValueError("expected comma-separated origins such as https://app.example.com")
    origins = tuple(str(v).strip().rstrip("/") for v in value if str(v).strip())
    for origin in origins:
        if origin != "*" and not _ORIGIN.fullmatch(origin):
            raise ValueError(f"{origin!r} is not an origin such as https://app.example.com")
    return origins


def kind_ttls(value: Any) -> dict[Any, Any]:
    """A JSON object of ``"<platform>.<kind>"`` -> seconds (a number >= 0)."""
    example = 'expected a JSON object such as {"oempro.subscriber_counts": 5}'
    table = json_object(value, example)
    for kind, seconds in table.items():
        platform, _, name = str(kind).partition(".")
        if platform.upper() not in Platform.__members__ or not name:
            raise ValueError(f"{kind!r}: {example}")
        if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
            raise ValueError(f"{kind!r}: seconds must be a number >= 0")
    return table


def has_text(value: str | SecretStr | None) -> bool:
    """Whether a text setting holds more than white space."""
    if value is None:
        return False
    text = value.get_secret_value() if isinstance(value, SecretStr) else value
    return bool(text.strip())


def unknown_variable(environ: Mapping[str, str], fields: Collection[str]) -> tuple[str, str] | None:
    """The first ``MAILGQL_*`` variable that names none of ``fields`` (a typo), and what is wrong
    with it (suggesting the closest name); None when every one names a setting."""
    known = {env_name(f) for f in fields}
    for key in sorted(environ):
        if key.upper().startswith(ENV_PREFIX) and key.upper() not in known:
            close = difflib.get_close_matches(key.upper(), known, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            return key, f"no such setting{hint}"
    return None
