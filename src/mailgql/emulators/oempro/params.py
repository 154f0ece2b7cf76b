"""Request parameters the way Oempro's PHP front controller sees them.

PHP merges the query string and the form body (``$_REQUEST``, body wins), Oempro lower-cases
every top-level key, and bracket keys (``Fields[CustomField3]=x``, ``Scope[]=a``) become arrays.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl

__all__ = ["ParamValue", "Params", "is_number", "parse_pairs"]

ParamValue = str | list[str] | dict[str, str]


def is_number(text: str) -> bool:
    """Plain ASCII digits only: what MySQL would take as an id (``"²"`` is no number)."""
    return text.isascii() and text.isdigit()


class Params:
    """Case-insensitive request parameters with the accessors command handlers need."""

    def __init__(self, values: dict[str, ParamValue] | None = None) -> None:
        self.values: dict[str, ParamValue] = values or {}

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Params:
        """Build from ``(key, value)`` pairs in request order; later keys win, as in PHP."""
        return cls(parse_pairs(pairs))

    @classmethod
    def from_query(cls, *encoded: str) -> Params:
        """Build from URL-encoded strings (query string first, then the body)."""
        pairs: list[tuple[str, str]] = []
        for text in encoded:
            pairs += parse_qsl(text, keep_blank_values=True)
        return cls.from_pairs(pairs)

    def present(self, name: str) -> bool:
        """Whether the parameter was sent at all, even empty."""
        return name.lower() in self.values

    def text(self, name: str) -> str | None:
        """The raw string value, or None when absent or sent as an array."""
        value = self.values.get(name.lower())
        return value if isinstance(value, str) else None

    def filled(self, name: str) -> str | None:
        """The value stripped of surrounding blanks, or None when absent or empty."""
        value = self.text(name)
        if value is None:
            return None
        value = value.strip()
        return value or None

    def flag(self, name: str) -> bool:
        """A PHP-style truthy flag: ``true``, ``1``, ``yes`` or ``on``, in any case."""
        value = self.filled(name)
        return value is not None and value.lower() in {"true", "1", "yes", "on"}

    def integer(self, name: str) -> int | None:
        """The value as a non-negative integer, or None when absent or not a number."""
        value = self.filled(name)
        if value is None or not is_number(value):
            return None
        return int(value)

    def ids(self, name: str) -> list[int]:
        """A comma-separated (or bracket-array) id list; non-numeric entries are dropped."""
        raw = self.values.get(name.lower())
        if raw is None:
            return []
        if isinstance(raw, str):
            items: list[str] = raw.split(",")
        elif isinstance(raw, list):
            items = raw
        else:
            items = list(raw.values())
        out: list[int] = []
        for item in items:
            item = item.strip()
            if is_number(item) and int(item) not in out:
                out.append(int(item))
        return out

    def array(self, name: str) -> list[str]:
        """A bracket array's values in order (``a[]=x`` or ``a[0]=x``); a scalar is one item."""
        raw = self.values.get(name.lower())
        if raw is None:
            return []
        if isinstance(raw, str):
            return [raw]
        if isinstance(raw, list):
            return list(raw)
        return list(raw.values())

    def mapping(self, name: str) -> dict[str, str]:
        """A keyed bracket array (``Fields[CustomField3]=x``) with lower-cased keys."""
        raw = self.values.get(name.lower())
        return dict(raw) if isinstance(raw, dict) else {}


def parse_pairs(pairs: Iterable[tuple[str, str]]) -> dict[str, ParamValue]:
    """Fold request pairs into PHP's shape: lower-cased names, bracket keys as arrays."""
    values: dict[str, ParamValue] = {}
    for key, value in pairs:
        base, inner = _split_key(key)
        if inner is None:
            values[base] = value
        elif inner == "":
            current = values.get(base)
            if isinstance(current, list):
                current.append(value)
            else:
                values[base] = [value]
        else:
            current = values.get(base)
            if isinstance(current, dict):
                current[inner] = value
            else:
                values[base] = {inner: value}
    return values


def _split_key(key: str) -> tuple[str, str | None]:
    """``Fields[CustomField3]`` -> ``("fields", "customfield3")``; plain keys have no inner part."""
    opening = key.find("[")
    if opening <= 0 or not key.endswith("]"):
        return key.lower(), None
    # Only the first bracket level matters to the commands emulated here.
    inner = key[opening + 1 : -1]
    closing = inner.find("]")
    if closing >= 0:
        inner = inner[:closing]
    return key[:opening].lower(), inner.lower()
