"""The command table of ``api.php``: every emulated command by its lower-cased name."""

from __future__ import annotations

from mailgql.emulators.oempro.commands import (
    auth,
    auto_responders,
    campaigns,
    clients,
    custom_fields,
    emails,
    list_integration,
    list_upkeep,
    lists,
    segments,
    subscriber_area,
    subscribers,
    users,
)
from mailgql.emulators.oempro.commands._base import Call, Command
from mailgql.emulators.oempro.commands.admin_area import ADMIN_AREA
from mailgql.emulators.oempro.commands.content_area import CONTENT_AREA

__all__ = ["COMMANDS", "Call", "Command", "find_command"]

COMMANDS: dict[str, Command] = {
    command.name.lower(): command
    for module in (
        auth,
        users,
        lists,
        subscribers,
        campaigns,
        segments,
        clients,
        emails,
        custom_fields,
        auto_responders,
        list_integration,
        list_upkeep,
        subscriber_area,
        *CONTENT_AREA,
        *ADMIN_AREA,
    )
    for command in module.COMMANDS
}
"""Commands keyed by lower-cased name: command values match case-insensitively."""


def find_command(name: str) -> Command | None:
    """The command for a ``Command`` value in any case, or None when there is no handler."""
    return COMMANDS.get(name.strip().lower())
