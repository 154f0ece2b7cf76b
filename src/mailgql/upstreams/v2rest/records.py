"""Typed records the v2 REST adapter returns: legacy strings and numbers already coerced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Literal, TypeVar

__all__ = [
    "MailingList",
    "Newsletter",
    "Page",
    "RecipientsType",
    "Segment",
    "SegmentGroup",
    "SegmentNode",
    "SegmentRule",
    "SubAccount",
]

T = TypeVar("T")
RecipientsType = Literal["list", "segment"]


@dataclass(frozen=True, slots=True)
class SubAccount:
    """A sub-account of the admin account (the API never returns its password)."""

    group_id: int
    username: str
    active: bool
    full_name: str | None
    owner_email: str | None
    phone: str | None
    timezone: str | None
    created_at: datetime | None
    last_login_at: datetime | None


@dataclass(frozen=True, slots=True)
class MailingList:
    """An admin list as a sub-account inherits it."""

    list_id: int
    name: str
    descriptive_name: str | None
    owner_name: str | None
    owner_email: str | None
    reply_to_email: str | None
    company_name: str | None
    company_email: str | None
    company_address: str | None
    company_phone: str | None
    subscribe_count: int | None
    unsubscribe_count: int | None
    bounce_count: int | None
    deleted: bool
    sms_subscribe_count: int | None
    sms_prefix: str | None


@dataclass(frozen=True, slots=True)
class SegmentRule:
    """A leaf rule: a field, an operator and the values it is compared with."""

    connector: str
    name: str
    operator: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SegmentGroup:
    """A group of rules and groups joined by their connectors."""

    connector: str
    children: tuple[SegmentNode, ...]


SegmentNode = SegmentGroup | SegmentRule


@dataclass(frozen=True, slots=True)
class Segment:
    """An admin segment as a sub-account inherits it, with its rule tree."""

    segment_id: int
    name: str
    created_at: datetime | None
    updated_at: datetime | None
    used_list_ids: tuple[int, ...]
    list_groups: tuple[tuple[int, ...], ...]
    rule_groups: tuple[tuple[SegmentNode, ...], ...]
    otm_rule: int | None
    wtr_rule: int | None


@dataclass(frozen=True, slots=True)
class Newsletter:
    """An admin newsletter as a sub-account inherits it."""

    newsletter_id: int
    name: str
    subject: str | None
    active: bool
    created_at: datetime | None
    updated_at: datetime | None
    selected_list_ids: tuple[int, ...]
    selected_segment_ids: tuple[int, ...]
    url: str | None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """A window of a listing: the items from ``offset``, and the listing's size when known."""

    items: tuple[T, ...]
    offset: int
    total: int | None
