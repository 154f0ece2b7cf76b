"""v2 REST records as graph objects: the admin and its sub-accounts, lists, segments with their
rule trees, newsletters."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry

from mailgql.graph.accounts import Account, AccountStatus
from mailgql.graph.ids import global_id
from mailgql.graph.lists import MailingList
from mailgql.graph.newsletters import Newsletter
from mailgql.graph.platforms._mapping import account_identity, connector, identity, login_account
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
        **account_identity(_P, record.username, SUB_ROLE),
        username=record.username,
        name=record.full_name,
        email=record.owner_email,
        phone=record.phone,
        timezone=record.timezone,
        status=AccountStatus.ACTIVE if record.active else AccountStatus.DISABLED,
        created_at=record.created_at,
        last_login_at=record.last_login_at,
    )


def admin_account(username: str) -> Account:
    """The configured admin: the API says nothing about it beyond its name."""
    return login_account(_P, username, ADMIN_ROLE, username=username)


def to_list(record: r.MailingList) -> MailingList:
    """A list record as a MailingList."""
    return MailingList(
        **identity("MailingList", _P, record.list_id),
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


def _ids(type_name: str, legacy_ids: Iterable[int]) -> list[strawberry.ID]:
    return [global_id(type_name, _P, i) for i in legacy_ids]


def _node(node: r.SegmentNode) -> SegmentRule | SegmentRuleGroup:
    if isinstance(node, r.SegmentRule):
        return SegmentRule(
            connector=connector(node.connector),
            field=node.name,
            operator=node.operator,
            values=list(node.values),
        )
    return SegmentRuleGroup(
        connector=connector(node.connector), children=[_node(c) for c in node.children]
    )


def to_segment(record: r.Segment, *, seen_through: str | None) -> Segment:
    """A segment record as a Segment; ``seen_through`` is the sub-account it was read from."""
    return Segment(
        **identity("Segment", _P, record.segment_id),
        name=record.name,
        created_at=record.created_at,
        updated_at=record.updated_at,
        list_ids=_ids("MailingList", record.used_list_ids),
        rules=[
            SegmentRuleGroup(connector=SegmentConnector.AND, children=[_node(n) for n in group])
            for group in record.rule_groups
        ],
        _context_key=seen_through,
    )


def to_newsletter(record: r.Newsletter) -> Newsletter:
    """A newsletter record as a Newsletter."""
    return Newsletter(
        **identity("Newsletter", _P, record.newsletter_id),
        name=record.name,
        subject=record.subject,
        active=record.active,
        created_at=record.created_at,
        updated_at=record.updated_at,
        url=record.url,
        recipient_list_ids=_ids("MailingList", record.selected_list_ids),
        recipient_segment_ids=_ids("Segment", record.selected_segment_ids),
    )
