"""How a command's form spells things: ``api.php``'s PascalCase names take these values.

Flags are spelled three ways (the command decides which), id lists are comma-separated, and a
parameter the caller did not give is left out, so the server keeps its setting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from mailgql.upstreams.oempro.commands._base import Form

__all__ = [
    "enabled_disabled",
    "given",
    "given_each",
    "ids",
    "ordered",
    "true_false",
    "window",
    "yes_no",
]

V = TypeVar("V")


def ids(values: Iterable[int]) -> str:
    """A comma-separated id list."""
    return ",".join(str(v) for v in values)


def enabled_disabled(value: bool) -> str:
    """A flag as ``Enabled`` or ``Disabled``."""
    return "Enabled" if value else "Disabled"


def yes_no(value: bool) -> str:
    """A flag as ``Yes`` or ``No``."""
    return "Yes" if value else "No"


def true_false(value: bool) -> str:
    """A flag as ``true`` or ``false``."""
    return "true" if value else "false"


def given(form: Form, name: str, value: V | None, spell: Callable[[V], str] = str) -> None:
    """Add a parameter only when the caller gave it (``None`` leaves the setting alone)."""
    if value is not None:
        form.append((name, spell(value)))


def given_each(
    form: Form, pairs: Sequence[tuple[str, V | None]], spell: Callable[[V], str] = str
) -> None:
    """Add each (name, value) parameter the caller gave, spelled alike, in order."""
    for name, value in pairs:
        given(form, name, value, spell)


def window(offset: int, limit: int) -> Form:
    """``RecordsFrom`` and ``RecordsPerRequest`` of a paged listing."""
    if limit < 1:
        raise ValueError("limit must be 1 or more")
    if offset < 0:
        raise ValueError("offset must be 0 or more")
    return [("RecordsFrom", str(offset)), ("RecordsPerRequest", str(limit))]


def ordered(order_field: str, order_type: str) -> Form:
    """``OrderField`` and ``OrderType`` (documented once as ``OrderTYPE``; names fold case)."""
    return [("OrderField", order_field), ("OrderType", order_type)]
