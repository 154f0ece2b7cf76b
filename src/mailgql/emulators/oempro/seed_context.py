"""What the seeding steps share: the random source, the state being filled, the secrets."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from mailgql.emulators.oempro.records import Email
from mailgql.emulators.oempro.state import OemproState
from mailgql.emulators.store import Size

__all__ = ["ANCHOR", "SeedContext"]

ANCHOR = datetime(2024, 6, 3, 9, 0, 0, tzinfo=UTC)
"""Seeded dates are relative to this instant, so the same seed gives the same data any day."""


@dataclass
class SeedContext:
    """A seeding run: deterministic randomness over one state, collecting every secret."""

    rng: random.Random
    state: OemproState
    size: Size
    secrets: set[str] = field(default_factory=set)

    def secret(self, value: str) -> str:
        """Remember a seeded secret (plain password, hash, key) and return it."""
        if value:
            self.secrets.add(value)
        return value

    def stamp(self, days_ago: float) -> str:
        """A ``YYYY-MM-DD HH:MM:SS`` time this many days before the anchor."""
        return (ANCHOR - timedelta(days=days_ago)).strftime("%Y-%m-%d %H:%M:%S")

    def random_stamp(self, newest_days: float, oldest_days: float) -> str:
        """A random time between two ages (in days) before the anchor, to the second."""
        seconds = self.rng.randint(int(newest_days * 86400), int(oldest_days * 86400))
        return self.stamp(seconds / 86400)

    def hex(self, length: int) -> str:
        """Deterministic lower-case hex digits."""
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(length))

    def add_email(
        self,
        owner_id: int,
        name: str,
        sender: str,
        site: str,
        text: tuple[str, str, str],
        scope: str,
        *,
        mailbox: str = "hello",
        reply_name: str = "",
    ) -> int:
        """Store an email of ``owner_id`` (no template, images linked) named ``name``: sent by
        ``sender`` from ``<mailbox>@<site>``, replies to ``reply_name`` (else the sender) at
        ``hello@<site>``, its ``text`` the subject, HTML and plain bodies, checked for
        ``scope``. Its id."""
        email_id = self.state.next_id("email")
        subject, html, plain = text
        self.state.emails[email_id] = Email(
            EmailID=str(email_id),
            RelUserID=str(owner_id),
            EmailName=name,
            FromName=sender,
            FromEmail=f"{mailbox}@{site}",
            ReplyToName=reply_name or sender,
            ReplyToEmail=f"hello@{site}",
            Subject=subject,
            Mode="Empty",
            HTMLContent=html,
            PlainContent=plain,
            RelTemplateID="0",
            ImageEmbedding="Disabled",
            ValidateScope=scope,
        )
        return email_id

    def ip(self) -> str:
        """An address from the documentation ranges."""
        prefix = self.rng.choice(("203.0.113", "198.51.100", "192.0.2"))
        return f"{prefix}.{self.rng.randint(2, 254)}"
