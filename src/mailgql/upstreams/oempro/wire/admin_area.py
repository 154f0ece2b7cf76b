"""Oempro's administrator records beyond users: a plan's sending settings, themes, payment
periods, and what a delivery test answers.

Quirks handled (contract §3, §15-§18): a plan's ``SendMethodSMTP*`` columns mix settings with
the SMTP login, so the settings are read by name and the login never is (``SMTP_LOGIN``);
``SendMethodSMTPAuth`` as ``true``/``false``; amounts as plain or formatted strings (``$1,234.50``
with ``ReturnFormatted=Yes``); dates with or without a time; a failed delivery test's reason in
``EmailSettingsErrorMessage`` (folded into the error text by ``envelope``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mailgql.upstreams._coerce import opt_int, req_int, req_str
from mailgql.upstreams.oempro.admin_records import PaymentPeriod, SendingSettings, Theme
from mailgql.upstreams.oempro.wire.columns import drop_secrets, flag, opt_id, server_time, text

__all__ = ["SMTP_LOGIN", "parse_payment_period", "parse_sending", "parse_theme"]

SMTP_LOGIN = frozenset({"SendMethodSMTPUsername", "SendMethodSMTPPassword"})
"""The credentials among a plan's sending columns: never read."""


def parse_sending(raw: Mapping[str, Any]) -> SendingSettings | None:
    """A plan's (or the install's) send method and its settings; None without a method."""
    method = text(raw, "SendMethod")
    if method is None:
        return None
    return SendingSettings(
        method=method,
        smtp_host=text(raw, "SendMethodSMTPHost"),
        smtp_port=opt_int(raw.get("SendMethodSMTPPort")),
        smtp_secure=text(raw, "SendMethodSMTPSecure"),
        smtp_timeout=opt_int(raw.get("SendMethodSMTPTimeOut")),
        smtp_auth=flag(raw.get("SendMethodSMTPAuth")),
        local_mta_path=text(raw, "SendMethodLocalMTAPath"),
        powermta_vmta=text(raw, "SendMethodPowerMTAVMTA"),
        powermta_dir=text(raw, "SendMethodPowerMTADir"),
        save_to_disk_dir=text(raw, "SendMethodSaveToDiskDir"),
    )


def parse_theme(raw: Mapping[str, Any]) -> Theme:
    """A theme row (``Themes.Get``, ``Theme.Get``); its logo's bytes are not kept."""
    raw = drop_secrets(raw)
    return Theme(
        theme_id=req_int(raw["ThemeID"]),
        template=req_str(raw["Template"]),
        name=req_str(raw["ThemeName"]),
        product_name=text(raw, "ProductName"),
        logo_type=text(raw, "LogoType"),
        logo_size=opt_id(raw.get("LogoSize")),
        settings=text(raw, "ThemeSettings"),
    )


def _amount(value: Any) -> float | None:
    """A money column: ``12.5``, ``"12.50"`` or formatted ``"$1,234.50"``; empty is unknown."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    cleaned = "".join(c for c in str(value) if c.isdigit() or c in ".-")
    return float(cleaned) if cleaned and cleaned not in {".", "-"} else None


def parse_payment_period(raw: Mapping[str, Any]) -> PaymentPeriod:
    """A payment period row (``User.PaymentPeriods``, ``User.PaymentPeriods.Update``)."""
    raw = drop_secrets(raw)
    return PaymentPeriod(
        log_id=req_int(raw["LogID"]),
        user_id=opt_id(raw.get("RelUserID")),
        period_start=server_time(raw.get("PeriodStartDate")),
        period_end=server_time(raw.get("PeriodEndDate")),
        campaigns_sent=opt_int(raw.get("CampaignsSent")),
        campaigns_total_recipients=opt_int(raw.get("CampaignsTotalRecipients")),
        auto_responders_sent=opt_int(raw.get("AutoRespondersSent")),
        design_preview_requests=opt_int(raw.get("DesignPreviewRequests")),
        subtotal=_amount(raw.get("SubTotal")),
        discount=_amount(raw.get("Discount")),
        tax=_amount(raw.get("Tax")),
        total=_amount(raw.get("TotalAmount")),
        include_tax=(text(raw, "IncludeTax") or "").lower() == "include",
        status=text(raw, "PaymentStatus") or "NA",
        status_changed_at=server_time(raw.get("PaymentStatusDate")),
        receipt_sent=flag(raw.get("ReceiptSent")),
    )
