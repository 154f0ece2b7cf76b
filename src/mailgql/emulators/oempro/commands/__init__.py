"""The command table of ``api.php``: every emulated command by its lower-cased name."""

from __future__ import annotations

from mailgql.emulators.oempro.commands import (
    auth,
    campaigns,
    clients,
    emails,
    lists,
    segments,
    subscribers,
    users,
)
from mailgql.emulators.oempro.commands._base import Call, Command

__all__ = ["COMMANDS", "Call", "Command", "find_command"]

COMMANDS: dict[str, Command] = {
    command.name.lower(): command
    for module in (auth, users, lists, subscribers, campaigns, segments, clients, emails)
    for command in module.COMMANDS
}
"""Commands keyed by lower-cased name: command values match case-insensitively."""


def find_command(name: str) -> Command | None:
    """The command for a ``Command`` value in any case, or None when there is no handler."""
    return COMMANDS.get(name.strip().lower())
