"""The Platform enum as the graph shows it (registered before any type refers to it)."""

from __future__ import annotations

import strawberry

from mailgql.platforms import Platform

__all__ = ["Platform"]

strawberry.enum(
    Platform,
    name="Platform",
    description="A legacy email-marketing platform behind the gateway.",
)
