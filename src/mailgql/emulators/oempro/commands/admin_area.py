"""The administrator's command modules beyond logins and users' core: user groups, the rest
of users and clients, the administrator itself, themes and settings."""

from __future__ import annotations

from types import ModuleType

from mailgql.emulators.oempro.commands import (
    administrator,
    client_extras,
    settings,
    themes,
    user_extras,
    user_groups,
)

__all__ = ["ADMIN_AREA"]

ADMIN_AREA: tuple[ModuleType, ...] = (
    user_groups,
    user_extras,
    client_extras,
    administrator,
    themes,
    settings,
)
"""Each module holds a ``COMMANDS`` table, as every command module does."""
