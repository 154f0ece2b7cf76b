"""What only the administrator manages beyond users: themes, payment periods, settings, mail.

Themes are the user interface looks a user group (``RelThemeID``) shows its users; payment
periods are an ESP licence's billing log per user; the settings are one row of name → value
(S3 keys and other credentials among them, as the real table holds them); the outbox is what
the install "sent" (password reminders and resets), so the reset flows can be followed.
"""

from __future__ import annotations

from dataclasses import dataclass

from mailgql.emulators.oempro.records._base import Row

__all__ = ["OutgoingMail", "PaymentPeriod", "Theme"]


class Theme(Row):
    """A user interface theme: an installed template with a name, a product name and logos."""

    COLUMNS = (
        "ThemeID",
        "Template",
        "ThemeName",
        "ProductName",
        "LogoData",
        "LogoType",
        "LogoSize",
        "ThemeSettings",
    )
    __slots__ = ()


class PaymentPeriod(Row):
    """One billing period of a user (ESP licences): what it sent, what it owes, and its status."""

    COLUMNS = (
        "LogID",
        "RelUserID",
        "PeriodStartDate",
        "PeriodEndDate",
        "CampaignsSent",
        "CampaignsTotalRecipients",
        "AutoRespondersSent",
        "DesignPreviewRequests",
        "SubTotal",
        "Discount",
        "Tax",
        "TotalAmount",
        "IncludeTax",
        "PaymentStatus",
        "PaymentStatusDate",
        "ReceiptSent",
    )
    __slots__ = ()

    @property
    def user_id(self) -> int:
        """The user billed."""
        return self.number("RelUserID")


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    """A message the install sent: to whom, why, and the token or password it carried."""

    to: str
    kind: str
    """``user-remind``, ``user-reset``, ``admin-remind``, ``client-remind``..."""
    body: str
