"""What every command handler shares: the call context, the command tables, refusals, helpers."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from mailgql.emulators.oempro.envelope import ErrorTextStyle, Outcome, fail, ok
from mailgql.emulators.oempro.params import Params
from mailgql.emulators.oempro.records import (
    Admin,
    Client,
    Row,
    Session,
    SessionKind,
    SubscriberList,
    User,
)
from mailgql.emulators.oempro.state import OemproState

__all__ = [
    "ADMIN",
    "CLIENT",
    "COPY_LISTS",
    "PUBLIC",
    "USER",
    "Call",
    "Command",
    "CommandTable",
    "Handler",
    "Principal",
    "Refused",
    "Required",
    "absent",
    "canonical",
    "chosen",
    "copy_lists",
    "delete_keeping_one",
    "delete_listed",
    "found",
    "is_email",
    "list_owner_enabled",
    "listing",
    "missing",
    "order_rows",
    "page_rows",
    "public_list",
    "requires",
]

Principal = Admin | User | Client

ADMIN: frozenset[SessionKind] = frozenset({"admin"})
USER: frozenset[SessionKind] = frozenset({"user"})
CLIENT: frozenset[SessionKind] = frozenset({"client"})
PUBLIC: frozenset[SessionKind] = frozenset()


R = TypeVar("R", bound=Row)


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

    def owned(
        self, lookup: Callable[[int, int | None], R | None], param: str, error: tuple[int, str]
    ) -> R:
        """The calling user's row whose id the ``param`` parameter names, as ``lookup(user id,
        row id)`` finds it; otherwise the command fails with ``error``."""
        return found(lookup(self.user.id, self.params.integer(param)), error)

    def address(self, param: str, error: tuple[int, str]) -> str:
        """The email address the ``param`` parameter holds; otherwise (absent, blank or no
        address) the command fails with ``error``."""
        value = self.params.filled(param) or ""
        if not is_email(value):
            raise Refused(error)
        return value

    def choice(self, param: str, choices: tuple[str, ...], error: tuple[int, str]) -> str:
        """The choice the ``param`` parameter names in any letter case, spelled the way Oempro
        stores it; otherwise (absent, blank or no choice) the command fails with ``error``."""
        return chosen(self.params.filled(param) or "", choices, error)

    def row(self, table: Mapping[int, R], param: str, error: tuple[int, str]) -> R:
        """The row of ``table`` whose id the ``param`` parameter names; otherwise the command
        fails with ``error``."""
        return found(table.get(self.params.integer(param) or -1), error)


Handler = Callable[[Call], Outcome]


@dataclass(frozen=True, slots=True)
class Command:
    """A command table entry: canonical name, handler, allowed session kinds, error style."""

    name: str
    handler: Handler
    scopes: frozenset[SessionKind]
    """Session kinds allowed to call it; empty means no authentication at all."""
    error_text: ErrorTextStyle = "array"


class CommandTable:
    """A command module's table: each handler enters it with :meth:`register` where it is
    defined; iterating yields the entries in the order they were registered. ``error_text`` is
    the style the module's commands report errors in unless one names another."""

    def __init__(self, error_text: ErrorTextStyle = "array") -> None:
        self._entries: list[Command] = []
        self._error_text: ErrorTextStyle = error_text

    def register(
        self,
        name: str,
        scopes: frozenset[SessionKind],
        *,
        error_text: ErrorTextStyle | None = None,
    ) -> Callable[[Handler], Handler]:
        """Enter the decorated handler as command ``name`` for the ``scopes`` session kinds
        (empty: no authentication), reporting errors in ``error_text`` or the table's style."""
        style = error_text or self._error_text

        def enter(handler: Handler) -> Handler:
            self._entries.append(Command(name, handler, scopes, style))
            return handler

        return enter

    def __iter__(self) -> Iterator[Command]:
        return iter(self._entries)


class Refused(Exception):
    """A command failing part-way with ``errors``: the emulator answers it as that failure."""

    def __init__(self, *errors: tuple[int, str]) -> None:
        super().__init__(*errors)
        self.outcome = fail(*errors)


T = TypeVar("T")


def found(row: T | None, error: tuple[int, str]) -> T:
    """``row`` when there is one; otherwise the command fails with ``error``."""
    if row is None:
        raise Refused(error)
    return row


Required = tuple[str, int, str]
"""``(parameter, error code, error text)`` for a required parameter."""


def absent(params: Params, required: Iterable[Required]) -> list[tuple[int, str]]:
    """The ``(code, text)`` of every required parameter not given (absent or blank), in order."""
    return [(code, text) for name, code, text in required if params.filled(name) is None]


def missing(params: Params, required: Iterable[Required]) -> Outcome | None:
    """Every missing required parameter at once, as 4.x reports them (``[1, 2]``)."""
    errors = absent(params, required)
    return fail(*errors) if errors else None


def requires(*required: Required) -> Callable[[Handler], Handler]:
    """Run the handler only once every ``required`` parameter is given; else fail with them all."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def checked(call: Call) -> Outcome:
            return missing(call.params, required) or handler(call)

        return checked

    return decorate


def bad_address(params: Params, addresses: Iterable[tuple[str, int]]) -> Outcome | None:
    """``Invalid <parameter>`` with its code for the first of ``addresses`` (parameter, error
    code) that is given but holds no email address; None when every one given is an address."""
    for name, code in addresses:
        value = params.filled(name)
        if value is not None and not is_email(value):
            return fail((code, f"Invalid {name}"))
    return None


def canonical(value: str, choices: tuple[str, ...]) -> str | None:
    """The choice ``value`` names in any letter case, spelled the way Oempro stores it."""
    return next((c for c in choices if c.lower() == value.lower()), None)


def chosen(value: str, choices: tuple[str, ...], error: tuple[int, str]) -> str:
    """The choice ``value`` names (as :func:`canonical` spells it); otherwise the command fails
    with ``error``."""
    return found(canonical(value, choices), error)


def delete_listed(
    call: Call,
    param: str,
    missing_text: str,
    find: Callable[[int], object | None],
    delete: Callable[[int], object],
) -> Outcome:
    """A bulk ``*.Delete``: 1 when ``param`` lists no id; ids ``find`` does not know are left
    alone (other users' rows among them), the rest deleted."""
    ids = call.params.ids(param)
    if not ids:
        return fail((1, missing_text))
    for row_id in ids:
        if find(row_id) is not None:
            delete(row_id)
    return ok()


def delete_keeping_one(
    call: Call,
    param: str,
    table: dict[int, R],
    missing_text: str,
    last: tuple[int, str],
) -> Outcome:
    """A delete that must leave one row: 1 when ``param`` lists no id, ``last`` when the known
    ids are every row of ``table``; unknown ids are ignored."""
    asked = call.params.ids(param)
    if not asked:
        return fail((1, missing_text))
    known = [i for i in asked if i in table]
    if known and len(known) >= len(table):
        return fail(last)
    for row_id in known:
        del table[row_id]
    return ok()


COPY_LISTS: tuple[Required, ...] = (
    ("SourceListID", 1, "Source list id is missing"),
    ("TargetListID", 2, "Target list id is missing"),
)
"""What a copy from one list to another (``*.Copy``) requires."""


def copy_lists(
    call: Call, source_error: tuple[int, str], target_error: tuple[int, str] | None = None
) -> tuple[SubscriberList, SubscriberList]:
    """The user's own ``SourceListID`` and ``TargetListID`` lists of a copy. The command fails
    with ``source_error`` when the source is not the user's, and with ``target_error`` (else
    ``source_error``) when the target is not, or is the source itself."""
    source = call.owned(call.state.owned_list, "SourceListID", source_error)
    target = call.state.owned_list(call.user.id, call.params.integer("TargetListID"))
    if target is None or target.id == source.id:
        raise Refused(target_error or source_error)
    return source, target


def list_owner_enabled(call: Call, lst: SubscriberList) -> bool:
    """Whether the owner of a list is an enabled user (public commands need one)."""
    owner = call.state.users.get(lst.owner_id)
    return owner is not None and owner.enabled


def public_list(call: Call, invalid_list: int, invalid_user: int) -> SubscriberList:
    """The list a public command names by ``ListID``; the command fails with code
    ``invalid_list`` when there is no such list, ``invalid_user`` when its owner is not an
    enabled user."""
    lst = call.row(call.state.lists, "ListID", (invalid_list, "Invalid subscriber list id"))
    if not list_owner_enabled(call, lst):
        raise Refused((invalid_user, "Invalid user"))
    return lst


_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def is_email(value: str) -> bool:
    """Oempro's e-mail address format check."""
    return bool(_EMAIL.match(value.strip()))


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


def listing(
    call: Call,
    rows: Sequence[Row],
    *,
    default: str,
    key: str,
    total: str,
    paged: bool = False,
) -> Outcome:
    """A ``*.Get`` list: rows ordered (and, when ``paged``, sliced) as asked, under ``key``,
    with how many there are in all under ``total``."""
    ordered = order_rows(rows, call.params, default=default)
    shown = page_rows(ordered, call.params) if paged else ordered
    return ok(**{key: [row.row() for row in shown], total: len(ordered)})
