"""v2 REST records as graph objects: the admin and its sub-accounts, lists, segments with their
rule trees, newsletters."""

from __future__ import annotations

import strawberry

from mailgql.graph.accounts import Account, AccountStatus
from mailgql.graph.ids import encode_id
from mailgql.graph.lists import MailingList
from mailgql.graph.newsletters import Newsletter
from mailgql.graph.segments import (
    Segment,
    SegmentConnector,
    SegmentRule,
    SegmentRuleGroup,
)
from mailgql.platforms import Platform
from mailgql.upstreams.v2rest import records as r

__all__ = [
    "ADMIN_ROLE",
    "SUB_ROLE",
    "account_from_record",
    "admin_account",
    "to_list",
    "to_newsletter",
    "to_segment",
]

_P = Platform.V2REST
ADMIN_ROLE = "admin"
"""The configured admin's ``Account._role``."""
SUB_ROLE = "sub"
"""A sub-account's ``Account._role``."""


# -- records -> graph objects -------------------------------------------------------------------


def account_from_record(record: r.SubAccount) -> Account:
    """A sub-account record as an Account."""
    return Account(
        id=strawberry.ID(encode_id("Account", _P, record.username)),
        platform=_P,
        username=record.username,
        name=record.full_name,
        email=record.owner_email,
        phone=record.phone,
        timezone=record.timezone,
        status=AccountStatus.ACTIVE if record.active else AccountStatus.DISABLED,
        created_at=record.created_at,
        last_login_at=record.last_login_at,
        _key=record.username,
        _role=SUB_ROLE,
    )


def admin_account(username: str) -> Account:
    """The configured admin: the API says nothing about it beyond its name."""
    return Account(
        id=strawberry.ID(encode_id("Account", _P, username)),
        platform=_P,
        username=username,
        status=AccountStatus.ACTIVE,
        _key=username,
        _role=ADMIN_ROLE,
    )


def to_list(record: r.MailingList) -> MailingList:
    """A list record as a MailingList."""
    return MailingList(
        id=strawberry.ID(encode_id("MailingList", _P, record.list_id)),
        platform=_P,
        legacy_id=str(record.list_id),
        name=record.name,
        description=record.descriptive_name,
        subscriber_count=record.subscribe_count,
        unsubscribed_count=record.unsubscribe_count,
        bounced_count=record.bounce_count,
        owner_name=record.owner_name,
        owner_email=record.owner_email,
        reply_to_email=record.reply_to_email,
        company_name=record.company_name,
        deleted=record.deleted,
    )


def _connector(value: str) -> SegmentConnector:
    return SegmentConnector.OR if value.lower() == "or" else SegmentConnector.AND


def _node(node: r.SegmentNode) -> SegmentRule | SegmentRuleGroup:
    if isinstance(node, r.SegmentRule):
        return SegmentRule(
            connector=_connector(node.connector),
            field=node.name,
            operator=node.operator,
            values=list(node.values),
        )
    return SegmentRuleGroup(
        connector=_connector(node.connector), children=[_node(c) for c in node.children]
    )


def to_segment(record: r.Segment, *, seen_through: str | None) -> Segment:
    """A segment record as a Segment; ``seen_through`` is the sub-account it was read from."""
    return Segment(
        id=strawberry.ID(encode_id("Segment", _P, record.segment_id)),
        platform=_P,
        legacy_id=str(record.segment_id),
        name=record.name,
        created_at=record.created_at,
        updated_at=record.updated_at,
        list_ids=[strawberry.ID(encode_id("MailingList", _P, i)) for i in record.used_list_ids],
        rules=[
            SegmentRuleGroup(connector=SegmentConnector.AND, children=[_node(n) for n in group])
            for group in record.rule_groups
        ],
        _context_key=seen_through,
    )


def to_newsletter(record: r.Newsletter) -> Newsletter:
    """A newsletter record as a Newsletter."""
    return Newsletter(
        id=strawberry.ID(encode_id("Newsletter", _P, record.newsletter_id)),
        platform=_P,
        legacy_id=str(record.newsletter_id),
        name=record.name,
        subject=record.subject,
        active=record.active,
        created_at=record.created_at,
        updated_at=record.updated_at,
        url=record.url,
        recipient_list_ids=[
            strawberry.ID(encode_id("MailingList", _P, i)) for i in record.selected_list_ids
        ],
        recipient_segment_ids=[
            strawberry.ID(encode_id("Segment", _P, i)) for i in record.selected_segment_ids
        ],
    )
