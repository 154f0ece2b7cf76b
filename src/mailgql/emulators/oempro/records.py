"""Oempro's database rows: every column a string, as MySQL hands them to PHP (contract §3.1).

Each class lists its columns once; commands read and write them by name, which keeps the
update commands table-driven and the rendered rows faithful (secrets included: the gateway is
the one that must strip them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

__all__ = [
    "ZERO_DATE",
    "Admin",
    "Campaign",
    "Client",
    "CustomField",
    "Email",
    "Row",
    "SegmentRule",
    "Segment",
    "Session",
    "SessionKind",
    "Subscriber",
    "SubscriberList",
    "User",
    "UserGroup",
    "md5_hex",
]

ZERO_DATE = "0000-00-00 00:00:00"
"""MySQL's placeholder for a date that never happened."""


def md5_hex(text: str) -> str:
    """Unsalted MD5, the way Oempro 4.x stores passwords."""
    return hashlib.md5(text.encode("utf-8")).hexdigest()


class Row:
    """A table row: a fixed, ordered set of string columns."""

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    __slots__ = ("cols",)

    def __init__(self, values: Mapping[str, str] | None = None, **columns: str) -> None:
        self.cols: dict[str, str] = dict.fromkeys(self.COLUMNS, "")
        if values:
            self.cols.update(values)
        self.cols.update(columns)

    def __getitem__(self, column: str) -> str:
        return self.cols.get(column, "")

    def __setitem__(self, column: str, value: str) -> None:
        self.cols[column] = value

    def number(self, column: str) -> int:
        """A numeric column as an int (0 when empty or not a number)."""
        value = self.cols.get(column, "")
        digits = value.removeprefix("-")
        return int(value) if digits.isascii() and digits.isdigit() else 0

    def row(self) -> dict[str, Any]:
        """The row as the API returns it."""
        return dict(self.cols)


class Admin(Row):
    """The administrator account."""

    COLUMNS = ("AdminID", "Name", "EmailAddress", "Username", "Password")
    __slots__ = ()

    @property
    def id(self) -> int:
        """``AdminID``."""
        return self.number("AdminID")


class UserGroup(Row):
    """A user group: a plan with permissions, limits and sending settings."""

    COLUMNS = (
        "UserGroupID",
        "GroupName",
        "RelThemeID",
        "SubscriberAreaLogoutURL",
        "ForceUnsubscriptionLink",
        "ForceRejectOptLink",
        "Permissions",
        "PaymentSystem",
        "PaymentPricingRange",
        "PaymentCampaignsPerRecipient",
        "PaymentCampaignsPerCampaignCost",
        "PaymentAutoRespondersChargeAmount",
        "PaymentAutoRespondersPerRecipient",
        "PaymentDesignPrevChargeAmount",
        "PaymentDesignPrevChargePerReq",
        "PaymentSystemChargeAmount",
        "LimitSubscribers",
        "LimitLists",
        "LimitCampaignSendPerPeriod",
        "LimitEmailSendPerPeriod",
        "ThresholdImport",
        "ThresholdEmailSend",
        "PlainEmailHeader",
        "PlainEmailFooter",
        "HTMLEmailHeader",
        "HTMLEmailFooter",
        "TrialGroup",
        "TrialExpireSeconds",
        "SendMethod",
        "SendMethodSMTPHost",
        "SendMethodSMTPPort",
        "SendMethodSMTPSecure",
        "SendMethodSMTPTimeOut",
        "SendMethodSMTPAuth",
        "SendMethodSMTPUsername",
        "SendMethodSMTPPassword",
        "SendMethodLocalMTAPath",
        "SendMethodPowerMTAVMTA",
        "SendMethodPowerMTADir",
        "SendMethodSaveToDiskDir",
    )
    __slots__ = ()

    @property
    def id(self) -> int:
        """``UserGroupID``."""
        return self.number("UserGroupID")


class User(Row):
    """A user: the customer account that owns lists, campaigns and clients."""

    COLUMNS = (
        "UserID",
        "RelUserGroupID",
        "EmailAddress",
        "Username",
        "Password",
        "ReputationLevel",
        "UserSince",
        "FirstName",
        "LastName",
        "CompanyName",
        "Website",
        "Street",
        "City",
        "State",
        "Zip",
        "Country",
        "Phone",
        "Fax",
        "TimeZone",
        "SignUpIPAddress",
        "APIKey",
        "Language",
        "LastActivityDateTime",
        "PreviewMyEmailAccount",
        "PreviewMyEmailAPIKey",
        "AccountStatus",
        "AvailableCredits",
    )
    __slots__ = ()

    @property
    def id(self) -> int:
        """``UserID``."""
        return self.number("UserID")

    @property
    def enabled(self) -> bool:
        """Whether the account may log in."""
        return self["AccountStatus"] == "Enabled"

    @property
    def trusted(self) -> bool:
        """Trusted users send without approval."""
        return self["ReputationLevel"] == "Trusted"


class Client(Row):
    """A client: a user's restricted sub-login that sees only what it was assigned."""

    COLUMNS = (
        "ClientID",
        "RelOwnerUserID",
        "ClientName",
        "ClientUsername",
        "ClientPassword",
        "ClientEmailAddress",
        "ClientAccountStatus",
    )
    __slots__ = ("list_ids", "campaign_ids")

    def __init__(self, values: Mapping[str, str] | None = None, **columns: str) -> None:
        super().__init__(values, **columns)
        self.list_ids: list[int] = []
        self.campaign_ids: list[int] = []

    @property
    def id(self) -> int:
        """``ClientID``."""
        return self.number("ClientID")

    @property
    def owner_id(self) -> int:
        """The owning user's id."""
        return self.number("RelOwnerUserID")


class SubscriberList(Row):
    """A subscriber list, with every column of its table (sync settings included)."""

    COLUMNS = (
        "ListID",
        "RelOwnerUserID",
        "Name",
        "CreatedOn",
        "OptInMode",
        "RelOptInConfirmationEmailID",
        "OptOutScope",
        "OptOutAddToSuppressionList",
        "SendServiceIntegrationFailedNotification",
        "SubscriptionConfirmationPendingPageURL",
        "SubscriptionConfirmedPageURL",
        "UnsubscriptionConfirmedPageURL",
        "HideInSubscriberArea",
        "SyncStatus",
        "SyncPeriod",
        "SyncSendReportEmail",
        "SyncMySQLHost",
        "SyncMySQLPort",
        "SyncMySQLUsername",
        "SyncMySQLPassword",
        "SyncMySQLDBName",
        "SyncMySQLQuery",
        "SyncLastDateTime",
    )
    __slots__ = ()

    @property
    def id(self) -> int:
        """``ListID``."""
        return self.number("ListID")

    @property
    def owner_id(self) -> int:
        """The owning user's id."""
        return self.number("RelOwnerUserID")


class CustomField(Row):
    """A custom field of a list; subscribers carry its value as ``CustomField<ID>``."""

    COLUMNS = (
        "CustomFieldID",
        "RelOwnerUserID",
        "RelListID",
        "FieldName",
        "FieldType",
        "FieldDefaultValue",
        "FieldOptions",
        "ValidationMethod",
        "ValidationRule",
        "IsRequired",
        "IsUnique",
        "Visibility",
        "IsGlobal",
    )
    __slots__ = ()

    @property
    def id(self) -> int:
        """``CustomFieldID``."""
        return self.number("CustomFieldID")

    @property
    def column(self) -> str:
        """The subscriber column holding this field's value."""
        return f"CustomField{self.id}"


class Subscriber(Row):
    """A subscriber of one list; ids are per list, as each list has its own table."""

    COLUMNS = (
        "SubscriberID",
        "EmailAddress",
        "BounceType",
        "SubscriptionStatus",
        "SubscriptionDate",
        "SubscriptionIP",
        "UnsubscriptionDate",
        "UnsubscriptionIP",
        "OptInDate",
    )
    __slots__ = ()

    @property
    def id(self) -> int:
        """``SubscriberID``."""
        return self.number("SubscriberID")

    def row_for(self, fields: Iterable[CustomField]) -> dict[str, str]:
        """The row with one ``CustomField<N>`` column per field of the list."""
        out = {column: self.cols.get(column, "") for column in self.COLUMNS}
        for custom in fields:
            out[custom.column] = self.cols.get(custom.column, "")
        return out


class Email(Row):
    """An email content record referenced by campaigns and opt-in confirmations."""

    COLUMNS = (
        "EmailID",
        "RelUserID",
        "EmailName",
        "FromName",
        "FromEmail",
        "ReplyToName",
        "ReplyToEmail",
        "Subject",
        "Mode",
        "HTMLContent",
        "PlainContent",
        "FetchURL",
        "RelTemplateID",
        "ImageEmbedding",
        "ValidateScope",
    )
    __slots__ = ()

    @property
    def id(self) -> int:
        """``EmailID``."""
        return self.number("EmailID")


class Campaign(Row):
    """A campaign row: schedule, status and the statistics counters."""

    STAT_COLUMNS: ClassVar[tuple[str, ...]] = (
        "TotalRecipients",
        "TotalSent",
        "TotalFailed",
        "TotalOpens",
        "UniqueOpens",
        "TotalClicks",
        "UniqueClicks",
        "TotalForwards",
        "UniqueForwards",
        "TotalViewsOnBrowser",
        "UniqueViewsOnBrowser",
        "TotalUnsubscriptions",
        "TotalHardBounces",
        "TotalSoftBounces",
    )
    COLUMNS = (
        "CampaignID",
        "RelOwnerUserID",
        "CampaignStatus",
        "CampaignName",
        "RelEmailID",
        "ScheduleType",
        "SendDate",
        "SendTime",
        "SendTimeZone",
        "ScheduleRecDaysOfWeek",
        "ScheduleRecDaysOfMonth",
        "ScheduleRecMonths",
        "ScheduleRecHours",
        "ScheduleRecMinutes",
        "ScheduleRecSendMaxInstance",
        "ScheduleRecSentInstances",
        "SendProcessStartedOn",
        "SendProcessFinishedOn",
        *STAT_COLUMNS,
        "BenchmarkEmailsPerSecond",
        "ApprovalUserExplanation",
        "GoogleAnalyticsDomains",
        "PublishOnRSS",
        "LastActivityDateTime",
        "CreateDateTime",
    )
    __slots__ = ("recipients",)

    def __init__(self, values: Mapping[str, str] | None = None, **columns: str) -> None:
        super().__init__(values, **columns)
        self.recipients: list[tuple[int, int]] = []
        """``(ListID, SegmentID)`` pairs; segment 0 is the whole list."""

    @property
    def id(self) -> int:
        """``CampaignID``."""
        return self.number("CampaignID")

    @property
    def owner_id(self) -> int:
        """The owning user's id."""
        return self.number("RelOwnerUserID")

    def row(self) -> dict[str, Any]:
        """The row, plus the recipient lists and segments the campaign targets."""
        out: dict[str, Any] = dict(self.cols)
        out["RecipientLists"] = sorted({str(list_id) for list_id, _ in self.recipients})
        out["RecipientSegments"] = [f"{lid}:{sid}" for lid, sid in self.recipients if sid]
        return out


@dataclass(slots=True)
class SegmentRule:
    """One segment rule: a subscriber column, an operator and a filter value."""

    field: str
    operator: str
    filter: str

    def row(self) -> dict[str, str]:
        """The rule as the API returns it."""
        return {"Field": self.field, "Operator": self.operator, "Filter": self.filter}


class Segment(Row):
    """A segment of a list: rules joined by ``and``/``or``."""

    COLUMNS = ("SegmentID", "RelOwnerUserID", "RelListID", "SegmentName", "SegmentOperator")
    __slots__ = ("rules",)

    def __init__(self, values: Mapping[str, str] | None = None, **columns: str) -> None:
        super().__init__(values, **columns)
        self.rules: list[SegmentRule] = []

    @property
    def id(self) -> int:
        """``SegmentID``."""
        return self.number("SegmentID")

    @property
    def list_id(self) -> int:
        """The list the segment belongs to."""
        return self.number("RelListID")

    def row(self) -> dict[str, Any]:
        """The row with its rules."""
        out: dict[str, Any] = dict(self.cols)
        out["SegmentRules"] = [rule.row() for rule in self.rules]
        return out


SessionKind = Literal["admin", "user", "client"]


@dataclass(slots=True)
class Session:
    """A live PHP session: who logged in, in which scope."""

    session_id: str
    kind: SessionKind
    principal_id: int
    privilege: str = "Default"
    created_at: str = field(default="")
