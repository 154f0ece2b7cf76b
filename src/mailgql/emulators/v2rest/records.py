"""The v2 REST emulator's stored records and their wire shapes.

Sub-accounts, lists and newsletters go on the wire with ids, counts, flags and timestamps as
strings; segments with JSON numbers. That inconsistency is the vendor's, kept on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "CONNECTORS",
    "Connector",
    "MailingList",
    "Newsletter",
    "NewsletterRecipients",
    "RecipientsType",
    "Rule",
    "RuleGroup",
    "Segment",
    "SegmentBlock",
    "SubAccount",
]

RecipientsType = Literal["list", "segment"]
Connector = Literal["and", "or"]
CONNECTORS: tuple[Connector, ...] = ("and", "or")


@dataclass(frozen=True, slots=True)
class NewsletterRecipients:
    """Who an inherited newsletter goes to: admin lists or admin segments, by id."""

    kind: RecipientsType
    ids: tuple[int, ...]


@dataclass(slots=True)
class SubAccount:
    """A sub-account of the admin, with what it inherits; the password never goes on the wire."""

    groupid: int
    username: str
    password: str
    owner_email: str
    allowed_domains: tuple[str, ...]
    fullname: str
    phone: str = ""
    timezone: str = "Europe/Copenhagen"
    active: bool = True
    createdate: int = 0
    lastloggedin: int = 0
    inherited_lists: set[int] = field(default_factory=set)
    inherited_segments: set[int] = field(default_factory=set)
    inherited_newsletters: dict[int, NewsletterRecipients] = field(default_factory=dict)

    def to_wire(self) -> dict[str, str]:
        """The record as GET /Users/SubAccounts sends it (every value a string)."""
        return {
            "groupid": str(self.groupid),
            "username": self.username,
            "status": "1" if self.active else "0",
            "fullname": self.fullname,
            "ownerEmail": self.owner_email,
            "phone": self.phone,
            "usertimezone": self.timezone,
            "createdate": str(self.createdate),
            "lastloggedin": str(self.lastloggedin),
        }


@dataclass(frozen=True, slots=True)
class MailingList:
    """One of the admin's lists."""

    listid: int
    list_name: str
    descriptive_name: str
    ownername: str
    owneremail: str
    replytoemail: str
    companyname: str = ""
    companyemail: str = ""
    companyaddress: str = ""
    companyphone: str = ""
    subscribecount: int = 0
    unsubscribecount: int = 0
    bouncecount: int = 0
    deleted: bool = False
    smssubscribecount: int = 0
    sms_prefix: str = ""

    def to_wire(self) -> dict[str, str]:
        """The record as GET /Users/InheritLists sends it (every value a string)."""
        return {
            "listid": str(self.listid),
            "listName": self.list_name,
            "descriptiveName": self.descriptive_name,
            "ownername": self.ownername,
            "owneremail": self.owneremail,
            "replytoemail": self.replytoemail,
            "companyname": self.companyname,
            "companyemail": self.companyemail,
            "companyaddress": self.companyaddress,
            "companyphone": self.companyphone,
            "subscribecount": str(self.subscribecount),
            "unsubscribecount": str(self.unsubscribecount),
            "bouncecount": str(self.bouncecount),
            "deleted": "1" if self.deleted else "0",
            "smssubscribecount": str(self.smssubscribecount),
            "sms_prefix": self.sms_prefix,
        }


@dataclass(frozen=True, slots=True)
class Rule:
    """A leaf condition of a segment; ``connector`` joins it to the item before it."""

    name: str
    operator: str
    values: tuple[str, ...]
    connector: Connector = "and"

    def to_wire(self) -> dict[str, Any]:
        """The leaf in the vendor's shape: its ``rules`` is one object, not an array."""
        return {
            "type": "rule",
            "connector": self.connector,
            "rules": {
                "ruleName": self.name,
                "ruleOperator": self.operator,
                "ruleValues": list(self.values),
            },
        }


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """A group of rules and nested groups; ``connector`` joins it to the item before it."""

    items: tuple[Rule | RuleGroup, ...]
    connector: Connector = "and"

    def to_wire(self) -> dict[str, Any]:
        """The group in the vendor's key order: type, rules, connector."""
        return {
            "type": "group",
            "rules": [item.to_wire() for item in self.items],
            "connector": self.connector,
        }


@dataclass(frozen=True, slots=True)
class SegmentBlock:
    """One block of a segment's search: the lists it searches and the rule groups applied."""

    lists: tuple[int, ...]
    groups: tuple[RuleGroup, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """One of the admin's segments; ``operators`` join its blocks (None with a single block)."""

    segmentid: int
    name: str
    createdate: int
    updatedate: int
    blocks: tuple[SegmentBlock, ...]
    operators: tuple[Connector, ...] | None = None
    otmrule: int = 0
    wtrrule: int = 0

    @property
    def used_lists(self) -> list[int]:
        """Every list id the segment searches, ascending."""
        return sorted({listid for block in self.blocks for listid in block.lists})

    def to_wire(self) -> dict[str, Any]:
        """The record as GET /Users/InheritSegments sends it (numbers as JSON numbers)."""
        return {
            "segmentid": self.segmentid,
            "segmentname": self.name,
            "createdate": self.createdate,
            "updatedate": self.updatedate,
            "usedlists": self.used_lists,
            "otmrule": self.otmrule,
            "wtrrule": self.wtrrule,
            "searchinfo": {
                "Lists": [list(block.lists) for block in self.blocks],
                "Rules": [[group.to_wire() for group in block.groups] for block in self.blocks],
                "Operators": None if self.operators is None else list(self.operators),
            },
        }


@dataclass(frozen=True, slots=True)
class Newsletter:
    """One of the admin's newsletters; ``dynamic`` ones cannot be inherited."""

    newsletterid: int
    name: str
    subject: str
    createdate: int
    updatedate: int
    view_token: str
    active: bool = True
    selected_lists: tuple[int, ...] = ()
    selected_segments: tuple[int, ...] = ()
    dynamic: bool = False

    def url(self, base: str) -> str:
        """The public view link of the newsletter."""
        return f"{base}/display.php?N={self.newsletterid}&T={self.view_token}"

    def to_wire(
        self, *, base: str, recipients: NewsletterRecipients | None = None
    ) -> dict[str, Any]:
        """The record as GET /Users/InheritNewsletters sends it (ids as strings).

        With ``recipients`` (an account's inheritance), the selected lists or segments are the
        ones chosen when the newsletter was inherited, not the admin's own.
        """
        lists, segments = self.selected_lists, self.selected_segments
        if recipients is not None:
            lists = recipients.ids if recipients.kind == "list" else ()
            segments = recipients.ids if recipients.kind == "segment" else ()
        return {
            "newsletterid": str(self.newsletterid),
            "name": self.name,
            "subject": self.subject,
            "createdate": str(self.createdate),
            "active": "1" if self.active else "0",
            "updatedate": str(self.updatedate),
            "selectedlists": [str(i) for i in lists],
            "selectedsegments": [str(i) for i in segments],
            "url": self.url(base),
        }
