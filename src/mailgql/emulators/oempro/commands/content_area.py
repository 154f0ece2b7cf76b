"""The content side's command modules (contract §13-14): tags, email tools, templates, media."""

from __future__ import annotations

from types import ModuleType

from mailgql.emulators.oempro.commands import email_tools, media, tags, templates

__all__ = ["CONTENT_AREA"]

CONTENT_AREA: tuple[ModuleType, ...] = (tags, email_tools, templates, media)
"""Each module holds a ``COMMANDS`` table."""
