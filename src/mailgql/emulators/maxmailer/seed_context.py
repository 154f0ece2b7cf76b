"""What the seeding steps share: the random source, the anchor time and the state being filled."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from mailgql.emulators.maxmailer.records import MaxmailerState

__all__ = ["DAY", "SeedContext", "ascii_only"]

DAY = 86_400
"""Seconds in a day: seeded times are Unix seconds around the anchor."""


@dataclass
class SeedContext:
    """A seeding run: deterministic randomness over one state, with times around ``anchor``."""

    rng: random.Random
    anchor: int
    """The start of the current UTC day: "scheduled" is after it, a passed term before it."""
    state: MaxmailerState
    unames: set[str] = field(default_factory=set)
    """User names handed out so far (each is unique)."""


def ascii_only(text: str) -> str:
    """``text`` without accents or characters a username or address may not hold."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded if c.isalnum() or c in "._-")
