"""How one value of an Oempro answer reads: PHP arrays, "nothing", and string-typed columns.

Quirks handled (contract §3 and §19): a PHP array as a JSON array, an XML ``node_N`` list or a dict
with index keys; "nothing" as ``[]``, ``false``, ``""``, ``{}`` or a missing key; records made of
strings, ``"0000-00-00 00:00:00"`` for never, ``0`` for no reference, ``Yes``/``No`` and
``Enabled``/``Disabled`` flags. Secret columns (password hashes, API keys, SMTP and sync
credentials) are named here, and every record parser drops them before it reads a column.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from mailgql.upstreams._coerce import opt_int, opt_str, to_bool

__all__ = [
    "choice",
    "drop_secrets",
    "empty",
    "flag",
    "is_secret_column",
    "items",
    "opt_float",
    "opt_id",
    "rows",
    "server_time",
    "text",
]

R = TypeVar("R")


# -- PHP values ---------------------------------------------------------------------------------


def items(value: Any) -> list[Any]:
    """A PHP array as a list: a JSON array, an XML ``node_N`` list, or a dict with index keys."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        if all(str(key).isdigit() for key in value):
            return [value[key] for key in sorted(value, key=lambda k: int(k))]
        return list(value.values())
    return [value]


def empty(value: Any) -> bool:
    """Whether a value is "none": [], false, "" (XML), {} or missing, by command and version."""
    return value is None or value is False or value == "" or value == [] or value == {}


def rows(value: Any) -> list[Mapping[str, Any]]:
    """The records of a PHP array, passing over anything else in it; none for "nothing"."""
    return [] if empty(value) else [row for row in items(value) if isinstance(row, Mapping)]


# -- columns ------------------------------------------------------------------------------------

_ZERO_DATES = {"0000-00-00 00:00:00", "0000-00-00"}


def server_time(value: Any) -> datetime | None:
    """A ``YYYY-MM-DD HH:MM:SS`` column as an aware datetime; the zero date means never.

    The column holds the server's local wall time and the API never says which zone that is.
    We read it as UTC, which is what most installs run MySQL and PHP in; on a server set to
    another zone, the instants are off by that zone's offset.
    """
    stamp = opt_str(value)
    if stamp is None or stamp.strip() in _ZERO_DATES:
        return None
    stamp = stamp.strip()
    try:
        if len(stamp) == 10:
            return datetime.strptime(stamp, "%Y-%m-%d").replace(tzinfo=UTC)
        return datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(f"expected YYYY-MM-DD HH:MM:SS, got {stamp!r}") from None


def opt_id(value: Any) -> int | None:
    """A reference column: 0 (or empty) means none."""
    number = opt_int(value)
    return number if number else None


def opt_float(value: Any) -> float | None:
    """A number column (a ratio, a rate); empty means unknown."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    stripped = str(value).strip()
    if not stripped:
        return None
    return float(stripped)


def flag(value: Any, default: bool = False) -> bool:
    """A ``Yes``/``No``, ``Enabled``/``Disabled`` or ``1``/``0`` column; ``default`` when absent."""
    return default if value is None else to_bool(value)


def text(raw: Mapping[str, Any], key: str) -> str | None:
    """A text column; None when it is empty, missing or not a scalar."""
    value = raw.get(key)
    return opt_str(value) if isinstance(value, str | int | float) else None


def choice(enum_values: Mapping[str, R], value: Any, what: str) -> R:
    """The member ``value`` names, case-insensitively; ValueError naming ``what`` otherwise."""
    key = str(value or "").strip().lower()
    if key not in enum_values:
        raise ValueError(f"unknown {what} {value!r}")
    return enum_values[key]


# -- secrets ------------------------------------------------------------------------------------

_SECRET_NAMES = frozenset(
    {"password", "apikey", "previewmyemailapikey", "clientpassword", "adminapikey"}
)
_SECRET_PREFIXES = ("sync", "sendmethodsmtp", "2fa_", "importmysql")
_SECRET_WORDS = ("password", "apikey", "secret", "token")


def is_secret_column(name: str) -> bool:
    """Whether a column holds a credential: hashes, API keys, SMTP, sync and 2FA settings."""
    lowered = name.lower()
    return (
        lowered in _SECRET_NAMES
        or lowered.startswith(_SECRET_PREFIXES)
        or any(word in lowered for word in _SECRET_WORDS)
    )


def drop_secrets(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The row without its credential columns (parsers also read only the columns they name)."""
    return {key: value for key, value in raw.items() if not is_secret_column(str(key))}
