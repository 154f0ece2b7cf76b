"""The tables of what lists do by themselves: auto responders, hooks, imports (contract §7,
§11, §16).

Kept beside :class:`~mailgql.emulators.oempro.state.OemproState` (its ``list_side``) with the
look-ups their commands share; rows of other users are never "found".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mailgql.emulators.oempro.records import owned_by
from mailgql.emulators.oempro.records.automation import (
    AutoResponder,
    IntegrationHook,
    PendingImport,
)

__all__ = ["ListSideTables"]


@dataclass
class ListSideTables:
    """Auto responders, web-service hooks and pending imports, each keyed by id."""

    auto_responders: dict[int, AutoResponder] = field(default_factory=dict)
    hooks: dict[int, IntegrationHook] = field(default_factory=dict)
    imports: dict[int, PendingImport] = field(default_factory=dict)
    subscriber_sessions: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Sessions ``Subscriber.Login`` opened: session id -> (list id, subscriber id)."""

    def responders_of(self, list_id: int) -> list[AutoResponder]:
        """A list's auto responders in id order."""
        return [r for r in self.auto_responders.values() if r.list_id == list_id]

    def owned_responder(self, user_id: int, responder_id: int | None) -> AutoResponder | None:
        """The auto responder if it exists and belongs to the user."""
        return owned_by(self.auto_responders, user_id, responder_id)

    def hooks_of(self, list_id: int, event: str) -> list[IntegrationHook]:
        """A list's hooks for one event, in id order."""
        return [h for h in self.hooks.values() if h.list_id == list_id and h["EventType"] == event]

    def drop_list(self, list_id: int) -> None:
        """Forget everything of a deleted list."""
        for table in (self.auto_responders, self.hooks):
            for row_id in [k for k, row in table.items() if row.list_id == list_id]:
                del table[row_id]
        for import_id in [k for k, i in self.imports.items() if i.list_id == list_id]:
            del self.imports[import_id]
