"""Oempro's database rows: every column a string, as MySQL hands them to PHP (contract §3.1).

Each class lists its columns once, the primary key first; commands read and write them by name,
which keeps the update commands table-driven and the rendered rows faithful (secrets included:
the gateway is the one that must strip them). ``accounts`` holds who uses the install, ``lists``
what a list holds, ``campaigns`` what a user sends.
"""

from mailgql.emulators.oempro.records._base import ZERO_DATE, OwnedRow, Row, md5_hex, owned_by
from mailgql.emulators.oempro.records.accounts import (
    Admin,
    Client,
    Session,
    SessionKind,
    User,
    UserGroup,
)
from mailgql.emulators.oempro.records.campaigns import Campaign, Email
from mailgql.emulators.oempro.records.lists import (
    CustomField,
    Segment,
    SegmentRule,
    Subscriber,
    SubscriberList,
)

__all__ = [
    "ZERO_DATE",
    "Admin",
    "Campaign",
    "Client",
    "CustomField",
    "Email",
    "OwnedRow",
    "Row",
    "Segment",
    "SegmentRule",
    "Session",
    "SessionKind",
    "Subscriber",
    "SubscriberList",
    "User",
    "UserGroup",
    "md5_hex",
    "owned_by",
]
