"""Typed records of a list's own machinery: custom field options, auto responders, integration
hooks, form code, imports and opt-in answers, and the settings a custom field or an auto
responder is written with. Strings are coerced, secrets already dropped.

They sit beside :mod:`~mailgql.upstreams.oempro.records` (lists, subscribers, campaigns...):
the records here all hang off one list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AutoResponder",
    "AutoResponderStatistics",
    "FieldOption",
    "HookEvent",
    "ImportResult",
    "ImportStarted",
    "IntegrationHook",
    "OptInResult",
]

HookEvent = Literal["subscription", "unsubscription"]
"""The list events a web-service hook is called on, spelled as ``ListIntegration`` spells them."""


@dataclass(frozen=True, slots=True)
class FieldOption:
    """One choice of a multiple choice, drop down or checkbox field."""

    label: str
    value: str
    selected: bool
    """Chosen by default on forms."""


@dataclass(frozen=True, slots=True)
class AutoResponderStatistics:
    """What an auto responder has done so far; None where the row has no such column."""

    total_sent: int | None
    total_opens: int | None
    unique_opens: int | None
    total_clicks: int | None
    unique_clicks: int | None
    total_unsubscriptions: int | None
    total_hard_bounces: int | None
    total_soft_bounces: int | None


@dataclass(frozen=True, slots=True)
class AutoResponder:
    """An e-mail a list sends by itself when a subscriber does something (subscribes...)."""

    auto_responder_id: int
    list_id: int | None
    email_id: int | None
    name: str
    trigger_type: str
    """``OnSubscription``, ``OnSubscriberLinkClick``, ``OnSubscriberForwardToFriend``..."""
    trigger_value: str | None
    """The link, campaign or date field a non-subscription trigger watches."""
    time_type: str
    """``Immediately``, ``Seconds later``... ``Months later``."""
    time_amount: int | None
    """How many of ``time_type``'s unit (None when immediate)."""
    statistics: AutoResponderStatistics


@dataclass(frozen=True, slots=True)
class IntegrationHook:
    """A URL a list calls when an address subscribes or unsubscribes."""

    hook_id: int
    list_id: int | None
    event: HookEvent
    url: str


@dataclass(frozen=True, slots=True)
class ImportStarted:
    """Step 1 of ``Subscribers.Import``: the import's id and the columns it found."""

    import_id: int
    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Step 2 of ``Subscribers.Import``: what became of each row (None where not reported)."""

    total: int | None
    imported: int | None
    duplicates: int | None
    failed: int | None


@dataclass(frozen=True, slots=True)
class OptInResult:
    """What ``Subscriber.OptIn`` did (``Confirm`` or ``Reject``) and where a form would go."""

    processed_mode: str | None
    redirect_url: str | None
