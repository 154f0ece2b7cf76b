"""How one value of an Oempro answer reads: PHP arrays, "nothing", and string-typed columns.

Quirks handled (contract §3 and §19): a PHP array as a JSON array, an XML ``node_N`` list or a dict
with index keys; "nothing" as ``[]``, ``false``, ``""``, ``{}`` or a missing key; records made of
strings, ``"0000-00-00 00:00:00"`` for never, ``0`` for no reference, ``Yes``/``No`` and
``Enabled``/``Disabled`` flags, amounts plain or formatted (``$1,234.50``). A record is read
column by column through a :class:`Row`. Secret columns (password hashes, API keys, SMTP and sync
credentials) are named here, and every record parser drops them before it reads a column.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Mapping
from contextlib import AbstractContextManager
from contextvars import ContextVar
from datetime import UTC, datetime, tzinfo
from typing import Any, TypeVar

from mailgql.scoped_values import holding
from mailgql.upstreams._coerce import opt_int, opt_str, req_int, req_str, to_bool

__all__ = [
    "Row",
    "amount",
    "choice",
    "drop_secrets",
    "empty",
    "flag",
    "is_secret_column",
    "items",
    "opt_float",
    "opt_id",
    "rows",
    "server_zone",
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


_SERVER_ZONE: ContextVar[tzinfo] = ContextVar("oempro_server_zone", default=UTC)


def server_zone(zone: tzinfo) -> AbstractContextManager[tzinfo]:
    """Read the dates of the answers decoded inside the block as wall times of ``zone``."""
    return holding(_SERVER_ZONE, zone)


def server_time(value: Any) -> datetime | None:
    """A ``YYYY-MM-DD HH:MM:SS`` column as an aware datetime in UTC; the zero date means never.

    The column holds the server's wall time and the API never says which zone that is: it is
    read in the zone the client decodes under (:func:`server_zone`, from
    ``MAILGQL_OEMPRO_SERVER_TIMEZONE``), UTC unless set.
    """
    stamp = opt_str(value)
    if stamp is None or stamp.strip() in _ZERO_DATES:
        return None
    stamp = stamp.strip()
    zone = _SERVER_ZONE.get()
    try:
        form = "%Y-%m-%d" if len(stamp) == 10 else "%Y-%m-%d %H:%M:%S"
        read = datetime.strptime(stamp, form).replace(tzinfo=zone)
    except ValueError:
        raise ValueError(f"expected YYYY-MM-DD HH:MM:SS, got {stamp!r}") from None
    return read if zone is UTC else read.astimezone(UTC)


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


def amount(value: Any) -> float | None:
    """A money column: ``12.5``, ``"12.50"`` or formatted ``"$1,234.50"``; empty is unknown."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    cleaned = "".join(c for c in str(value) if c.isdigit() or c in ".-")
    return float(cleaned) if cleaned and cleaned not in {".", "-"} else None


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


# -- records ------------------------------------------------------------------------------------


class Row:
    """One Oempro record without its credential columns, read column by column.

    ``secret`` names the columns dropped before anything is read (by default every credential
    column, see ``is_secret_column``). A required column that is missing raises ``KeyError``
    naming it, a value of the wrong kind ``ValueError``: the record's reader turns both into
    ``UpstreamBadResponse`` without quoting the value.
    """

    __slots__ = ("_raw",)

    def __init__(
        self, raw: Mapping[str, Any], *, secret: Callable[[str], bool] = is_secret_column
    ) -> None:
        self._raw = {key: value for key, value in raw.items() if not secret(str(key))}

    def get(self, name: str, default: Any = None) -> Any:
        """The column as it came; ``default`` when it is missing."""
        return self._raw.get(name, default)

    def items(self) -> ItemsView[str, Any]:
        """Every column kept, with its value as it came."""
        return self._raw.items()

    def req_int(self, name: str) -> int:
        """A required integer column."""
        return req_int(self._raw[name])

    def req_str(self, name: str) -> str:
        """A required, non-empty text column."""
        return req_str(self._raw[name])

    def opt_int(self, name: str) -> int | None:
        """An integer column; None when it is missing or empty."""
        return opt_int(self._raw.get(name))

    def opt_str(self, name: str) -> str | None:
        """A string column; None when it is missing or blank."""
        return opt_str(self._raw.get(name))

    def text(self, name: str) -> str | None:
        """A text column; None when it is empty, missing or not a scalar."""
        return text(self._raw, name)

    def ref(self, name: str) -> int | None:
        """A reference column: 0 (or empty) means none."""
        return opt_id(self._raw.get(name))

    def time(self, name: str) -> datetime | None:
        """A ``YYYY-MM-DD HH:MM:SS`` column (see ``server_time``); the zero date means never."""
        return server_time(self._raw.get(name))

    def number(self, name: str) -> float | None:
        """A number column (a ratio, a rate); empty means unknown."""
        return opt_float(self._raw.get(name))

    def amount(self, name: str) -> float | None:
        """A money column, plain or formatted (see ``amount``); empty is unknown."""
        return amount(self._raw.get(name))

    def flag(self, name: str, default: bool = False) -> bool:
        """A ``Yes``/``No``, ``Enabled``/``Disabled`` or ``1``/``0`` column; ``default`` when it
        is missing or null."""
        return flag(self._raw.get(name), default)
