"""What a write may change: values given, each None to leave it as it is (the base of the
values every adapter writes and of the data facades' own update values)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Protocol

__all__ = ["Changes", "Emptiable"]


class Emptiable(Protocol):
    """Values of an update that can tell whether they would change anything."""

    def empty(self) -> bool:
        """Whether nothing would change."""
        ...


@dataclass(frozen=True, slots=True)
class Changes:
    """The base of a write's values (a frozen dataclass of optional fields): None leaves a
    value as it is."""

    def empty(self) -> bool:
        """Whether nothing would change."""
        return all(getattr(self, f.name) is None for f in fields(self))
