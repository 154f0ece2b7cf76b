"""Described enum members: every member of a graph enum is written as one ``described`` call."""

from __future__ import annotations

import strawberry
from strawberry.types.enum import EnumValueDefinition

__all__ = ["described"]


def described(value: str, *, description: str) -> EnumValueDefinition:
    """An enum member's legacy value with the description GraphQL shows for it."""
    return strawberry.enum_value(value, description=description)
