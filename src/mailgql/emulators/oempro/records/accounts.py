"""Who uses the install: the administrator, user groups (plans), users, clients and sessions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from mailgql.emulators.oempro.records._base import OwnedRow, Row

__all__ = ["Admin", "Client", "Session", "SessionKind", "User", "UserGroup"]


class Admin(Row):
    """The administrator account."""

    COLUMNS = ("AdminID", "Name", "EmailAddress", "Username", "Password")
    __slots__ = ()


class UserGroup(Row):
    """A user group: a plan with permissions, limits and sending settings."""

    CHARGE_COLUMNS: ClassVar[tuple[str, ...]] = (
        "PaymentCampaignsPerRecipient",
        "PaymentCampaignsPerCampaignCost",
        "PaymentAutoRespondersChargeAmount",
        "PaymentAutoRespondersPerRecipient",
        "PaymentDesignPrevChargeAmount",
        "PaymentDesignPrevChargePerReq",
        "PaymentSystemChargeAmount",
    )
    """What the plan charges for, when ``PaymentSystem`` is enabled."""
    LIMIT_COLUMNS: ClassVar[tuple[str, ...]] = (
        "LimitSubscribers",
        "LimitLists",
        "LimitCampaignSendPerPeriod",
        "LimitEmailSendPerPeriod",
        "ThresholdImport",
        "ThresholdEmailSend",
    )
    """The plan's limits and thresholds, each a number."""
    SEND_METHOD_COLUMNS: ClassVar[tuple[str, ...]] = (
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
    """How the plan's mail leaves: the send method and its settings."""
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
        *CHARGE_COLUMNS,
        *LIMIT_COLUMNS,
        "PlainEmailHeader",
        "PlainEmailFooter",
        "HTMLEmailHeader",
        "HTMLEmailFooter",
        "TrialGroup",
        "TrialExpireSeconds",
        *SEND_METHOD_COLUMNS,
    )
    __slots__ = ()


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
    def enabled(self) -> bool:
        """Whether the account may log in."""
        return self["AccountStatus"] == "Enabled"

    @property
    def trusted(self) -> bool:
        """Trusted users send without approval."""
        return self["ReputationLevel"] == "Trusted"


class Client(OwnedRow):
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


SessionKind = Literal["admin", "user", "client"]


@dataclass(slots=True)
class Session:
    """A live PHP session: who logged in, in which scope."""

    session_id: str
    kind: SessionKind
    principal_id: int
    privilege: str = "Default"
    created_at: str = field(default="")
