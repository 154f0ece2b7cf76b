"""Undo what a multi-step write created when one of its later writes fails.

A mutation that creates something upstream and then writes again (Oempro ``createCampaign``:
``Email.Create``, ``Email.Update``, ``Campaign.Create``, ``Campaign.Update``) would otherwise
leave what it created behind on every failed attempt. Each creation registers its undo; when a
later write raises, the undos run newest first, each once (never retried), and the original
error goes on to the caller unchanged. An undo that fails is logged at WARNING, naming the
platform and the record, and the rest still run. Reading back after the writes stays outside:
the writes landed, so there is nothing to undo.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamError

__all__ = ["Undo", "undo_on_failure"]

logger = logging.getLogger("mailgql.data.undo")

UndoAction = Callable[[], Awaitable[object]]


class Undo:
    """The undos of one mutation's creations, in the order they were made."""

    def __init__(self, platform: Platform, mutation: str) -> None:
        self.platform = platform
        self.mutation = mutation
        self._steps: list[tuple[str, UndoAction]] = []

    def add(self, record: str, action: UndoAction) -> None:
        """After a creation: how to take it back; ``record`` names it in the log (no secrets)."""
        self._steps.append((record, action))

    async def run(self) -> None:
        """Every registered undo, newest first and once each; failures are logged, not raised."""
        while self._steps:
            record, action = self._steps.pop()
            try:
                await action()
            except Exception as exc:  # best effort: the caller gets the original error
                logger.warning(
                    "%s: %s failed and undoing it failed too: %s is left behind (%s); "
                    "delete it there by hand",
                    self.platform.label,
                    self.mutation,
                    record,
                    _reason(exc),
                )


def _reason(error: Exception) -> str:
    """Why an undo failed, without the upstream's text (which may echo what was sent)."""
    if not isinstance(error, UpstreamError):
        return type(error).__name__
    parts = [type(error).__name__]
    if error.operation is not None:
        parts.insert(0, f"{error.operation}:")
    if error.legacy_code is not None:
        parts.append(f"code {error.legacy_code}")
    if error.http_status is not None:
        parts.append(f"HTTP {error.http_status}")
    return " ".join(parts)


@asynccontextmanager
async def undo_on_failure(platform: Platform, mutation: str) -> AsyncIterator[Undo]:
    """Run a mutation's writes; if one raises, undo the registered creations and re-raise."""
    undo = Undo(platform, mutation)
    try:
        yield undo
    except Exception:
        await undo.run()
        raise
