"""What every Oempro table row shares: string columns, the primary key first, MD5 passwords."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, ClassVar, Self, TypeVar

__all__ = ["ZERO_DATE", "OwnedRow", "Row", "md5_hex", "owned_by"]

ZERO_DATE = "0000-00-00 00:00:00"
"""MySQL's placeholder for a date that never happened."""


def md5_hex(text: str) -> str:
    """Unsalted MD5, the way Oempro 4.x stores passwords."""
    return hashlib.md5(text.encode("utf-8")).hexdigest()


class Row:
    """A table row: a fixed, ordered set of string columns, the primary key first."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    __slots__ = ("cols",)

    def __init__(self, values: Mapping[str, str] | None = None, **columns: str) -> None:
        self.cols: dict[str, str] = dict.fromkeys(self.COLUMNS, "")
        if values:
            self.cols.update(values)
        self.cols.update(columns)

    def __getitem__(self, column: str) -> str:
        return self.cols.get(column, "")

    def __setitem__(self, column: str, value: str) -> None:
        self.cols[column] = value

    @property
    def id(self) -> int:
        """The primary key (``UserID``, ``ListID``...): every Oempro table names it first."""
        return self.number(self.COLUMNS[0])

    def number(self, column: str) -> int:
        """A numeric column as an int (0 when empty or not a number)."""
        value = self.cols.get(column, "")
        digits = value.removeprefix("-")
        return int(value) if digits.isascii() and digits.isdigit() else 0

    def row(self) -> dict[str, Any]:
        """The row as the API returns it."""
        return dict(self.cols)


class OwnedRow(Row):
    """A row that belongs to one user through its ``RelOwnerUserID`` column."""

    __slots__ = ()

    @property
    def owner_id(self) -> int:
        """The owning user's id."""
        return self.number("RelOwnerUserID")

    @classmethod
    def in_list(
        cls, row_id: int, lst: OwnedRow, values: Mapping[str, str] | None = None, **columns: str
    ) -> Self:
        """A new row ``row_id`` of the list ``lst`` (``RelListID``), owned by the list's owner,
        holding ``values`` and then ``columns``."""
        keys = {
            cls.COLUMNS[0]: str(row_id),
            "RelOwnerUserID": str(lst.owner_id),
            "RelListID": str(lst.id),
        }
        return cls({**(values or {}), **keys}, **columns)


OwnedT = TypeVar("OwnedT", bound=OwnedRow)


def owned_by(table: Mapping[int, OwnedT], user_id: int, row_id: int | None) -> OwnedT | None:
    """The row of ``table`` with id ``row_id`` if it exists and belongs to the user."""
    row = table.get(row_id) if row_id is not None else None
    return row if row is not None and row.owner_id == user_id else None
