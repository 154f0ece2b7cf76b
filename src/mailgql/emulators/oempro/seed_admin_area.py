"""Seed what only the administrator manages beyond users: themes, settings, payment periods."""

from __future__ import annotations

import random

from mailgql.emulators.oempro.records.admin_area import PaymentPeriod, Theme
from mailgql.emulators.oempro.seed_context import SeedContext

__all__ = ["seed_admin_area"]


def seed_admin_area(ctx: SeedContext, rng: random.Random) -> None:
    """Themes, settings and payment periods, drawn from their own random source (``rng``) so
    that the rest of the install is seeded the same with or without them."""
    own = SeedContext(rng, ctx.state, ctx.size, ctx.secrets)
    seed_themes(own)
    seed_settings(own)
    seed_payment_periods(own)


_THEMES = (
    ("oempro", "Default", "Oempro", '{"PrimaryColor":"#1d6fa5"}'),
    ("clean", "Northwind Blue", "Northwind Mail", '{"PrimaryColor":"#0b3d91"}'),
    ("octeth", "Reseller Dark", "MailDesk", '{"PrimaryColor":"#222222","Dark":true}'),
)


def seed_themes(ctx: SeedContext) -> None:
    """Three interface themes; the first is what every seeded plan shows."""
    for template, name, product, settings in _THEMES:
        theme_id = ctx.state.next_id("theme")
        ctx.state.themes[theme_id] = Theme(
            ThemeID=str(theme_id),
            Template=template,
            ThemeName=name,
            ProductName=product,
            LogoData="",
            LogoType="image/png" if theme_id > 1 else "",
            LogoSize=str(ctx.rng.randint(2000, 9000)) if theme_id > 1 else "0",
            ThemeSettings=settings,
        )


def seed_settings(ctx: SeedContext) -> None:
    """Admin › Settings: senders, alert addresses, media storage on S3 (with its keys), the
    PreviewMyEmail account, and the login CAPTCHA switch."""
    ctx.state.settings.update(
        {
            "SystemEmailFromName": "Oempro Mailer",
            "SystemEmailFromEmail": "no-reply@oempro.example",
            "SystemEmailReplyToName": "Oempro Support",
            "SystemEmailReplyToEmail": "support@oempro.example",
            "AlertRecipientEmail": "alerts@oempro.example",
            "ReportAbuseEmail": "abuse@oempro.example",
            "MediaUploadMethod": "s3",
            "S3Bucket": "oempro-media",
            "S3AccessID": ctx.secret(f"AKIA{ctx.hex(16).upper()}"),
            "S3SecretKey": ctx.secret(ctx.hex(40)),
            "S3URL": "https://oempro-media.s3.example",
            "LoadBalanceEmails": "100",
            "LoadBalanceSleep": "1",
            "PreviewMyEmailAccount": "install@previewmyemail.example",
            "PreviewMyEmailAPIKey": ctx.secret(f"pme-{ctx.hex(24)}"),
            "SendMethod": "SMTP",
            "SendMethodSMTPHost": "smtp.relay.example",
            "SendMethodSMTPPort": "587",
            "SendMethodSMTPUsername": "system-relay",
            "SendMethodSMTPPassword": ctx.secret(f"Relay-{ctx.hex(10)}"),
        }
    )


_STATUSES = ("Paid", "Paid", "Waived", "Unpaid", "Waiting")


def seed_payment_periods(ctx: SeedContext) -> None:
    """Three monthly periods per named user (the ESP licence bills them), newest last."""
    for user in list(ctx.state.users.values())[:5]:
        for month in range(3):
            log_id = ctx.state.next_id("payment_period")
            campaigns = ctx.rng.randint(0, 12)
            recipients = campaigns * ctx.rng.randint(50, 900)
            subtotal = round(recipients * 0.002, 2)
            status = "Unpaid" if month == 2 else ctx.rng.choice(_STATUSES)
            ctx.state.payment_periods[log_id] = PaymentPeriod(
                LogID=str(log_id),
                RelUserID=str(user.id),
                PeriodStartDate=ctx.stamp(90 - 30 * month)[:10],
                PeriodEndDate=ctx.stamp(61 - 30 * month)[:10],
                CampaignsSent=str(campaigns),
                CampaignsTotalRecipients=str(recipients),
                AutoRespondersSent=str(ctx.rng.randint(0, 400)),
                DesignPreviewRequests="0",
                SubTotal=f"{subtotal:.2f}",
                Discount="0.00",
                Tax=f"{subtotal * 0.2:.2f}",
                TotalAmount=f"{subtotal * 1.2:.2f}",
                IncludeTax="Include",
                PaymentStatus=status,
                PaymentStatusDate=ctx.stamp(60 - 30 * month) if status != "Unpaid" else "",
                ReceiptSent="No",
            )
