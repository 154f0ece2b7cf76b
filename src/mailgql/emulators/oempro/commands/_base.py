"""What every command handler shares: the call context, the command table entry, helpers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from mailgql.emulators.oempro.envelope import ErrorTextStyle, Outcome, fail
from mailgql.emulators.oempro.params import Params
from mailgql.emulators.oempro.records import Admin, Client, Row, Session, SessionKind, User
from mailgql.emulators.oempro.state import OemproState

__all__ = [
    "ADMIN",
    "CLIENT",
    "PUBLIC",
    "USER",
    "Call",
    "Command",
    "Handler",
    "Principal",
    "Required",
    "is_email",
    "missing",
    "order_rows",
    "page_rows",
]

Principal = Admin | User | Client

ADMIN: frozenset[SessionKind] = frozenset({"admin"})
USER: frozenset[SessionKind] = frozenset({"user"})
CLIENT: frozenset[SessionKind] = frozenset({"client"})
PUBLIC: frozenset[SessionKind] = frozenset()


@dataclass(slots=True)
class Call:
    """One command invocation: the database, the parameters and who is calling."""

    state: OemproState
    params: Params
    principal: Principal | None
    session: Session | None
    now: str

    @property
    def user(self) -> User:
        """The calling user (user-scope commands only)."""
        if not isinstance(self.principal, User):
            raise TypeError("this command runs in user scope")
        return self.principal

    @property
    def client(self) -> Client:
        """The calling client (client-scope commands only)."""
        if not isinstance(self.principal, Client):
            raise TypeError("this command runs in client scope")
        return self.principal


Handler = Callable[[Call], Outcome]


@dataclass(frozen=True, slots=True)
class Command:
    """A command table entry: canonical name, handler, allowed session kinds, error style."""

    name: str
    handler: Handler
    scopes: frozenset[SessionKind]
    """Session kinds allowed to call it; empty means no authentication at all."""
    error_text: ErrorTextStyle = "array"


Required = tuple[str, int, str]
"""``(parameter, error code, error text)`` for a required parameter."""


def missing(params: Params, required: Iterable[Required]) -> Outcome | None:
    """Every missing required parameter at once, as 4.x reports them (``[1, 2]``)."""
    errors = tuple((code, text) for name, code, text in required if params.filled(name) is None)
    return fail(*errors) if errors else None


_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def is_email(value: str) -> bool:
    """Oempro's e-mail address format check."""
    return bool(_EMAIL.match(value.strip()))


R = TypeVar("R", bound=Row)


def _sort_key(value: str) -> tuple[int, float, str]:
    # MySQL compares numeric columns as numbers; everything else compares as text.
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value.lower())


def order_rows(
    rows: Sequence[R],
    params: Params,
    *,
    default: str,
    field_param: str = "OrderField",
    type_param: str = "OrderType",
) -> list[R]:
    """Order rows by ``OrderField``/``OrderType`` (``a|b`` lists allowed); unknown fields fall
    back to the default column rather than failing the query."""
    fields = (params.filled(field_param) or default).split("|")
    types = (params.filled(type_param) or "ASC").split("|")
    known = set(rows[0].cols) if rows else set()
    out = list(rows)
    pairs: list[tuple[str, bool]] = []
    for index, name in enumerate(fields):
        column = next((c for c in known if c.lower() == name.strip().lower()), None)
        if column is None:
            continue
        direction = types[index] if index < len(types) else types[-1]
        pairs.append((column, direction.strip().upper() == "DESC"))
    if not pairs:
        pairs = [(default, False)]
    # Sort by the least significant key first; Python's sort is stable.
    for column, descending in reversed(pairs):
        out.sort(key=_column_key(column), reverse=descending)
    return out


def _column_key(column: str) -> Callable[[Row], tuple[int, float, str]]:
    def key(row: Row) -> tuple[int, float, str]:
        return _sort_key(row[column])

    return key


def page_rows(rows: list[Any], params: Params) -> list[Any]:
    """Slice by ``RecordsFrom`` (offset) and ``RecordsPerRequest`` (absent or 0: everything)."""
    start = params.integer("RecordsFrom") or 0
    size = params.integer("RecordsPerRequest") or 0
    return rows[start : start + size] if size else rows[start:]
