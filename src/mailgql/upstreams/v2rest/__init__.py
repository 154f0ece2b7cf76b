"""The v2 REST adapter: sub-accounts and what they inherit from the admin account."""

from mailgql.upstreams.v2rest.client import MAX_LIMIT, V2RestClient
from mailgql.upstreams.v2rest.records import (
    MailingList,
    Newsletter,
    Page,
    RecipientsType,
    Segment,
    SegmentGroup,
    SegmentNode,
    SegmentRule,
    SubAccount,
)

__all__ = [
    "MAX_LIMIT",
    "MailingList",
    "Newsletter",
    "Page",
    "RecipientsType",
    "Segment",
    "SegmentGroup",
    "SegmentNode",
    "SegmentRule",
    "SubAccount",
    "V2RestClient",
]
