"""Oempro's system settings (``Settings.Update``) and the delivery test of a send method
(``Settings.EmailSendingTest``).

Admin scope: with a user login Oempro refuses each with 99999 (a FORBIDDEN user error). The
settings' credentials (S3 keys, the SMTP login) are written here and never read back: Oempro 4.x
has no command that reads settings.
"""

from __future__ import annotations

from typing import Any

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.mutations._run import Input, input_type, mutation, optional
from mailgql.graph.mutations.oempro_system import SYSTEM_PATHS
from mailgql.graph.mutations.payloads import (
    Payload,
    SettingsPayload,
    payload,
    result,
)
from mailgql.graph.mutations.user_groups import SendLoginInput, SendMethodInput, sending_values
from mailgql.graph.validation import check_email, secret
from mailgql.upstreams.oempro.admin_records import SettingsChange

__all__ = [
    "EmailSendingTestPayload",
    "EmailSendingTestResult",
    "OemproSettingsMutation",
    "SystemSendingInput",
    "TestOemproEmailSendingInput",
    "UpdateOemproSettingsInput",
]


@input_type
class SystemSendingInput(SendMethodInput, SendLoginInput):
    """How the install sends its own mail (a delivery test, or the settings). The SMTP user name
    and password are written and never shown."""


@input_type
class UpdateOemproSettingsInput:
    """Change Oempro's system settings (`Settings.Update`): only the values given. The S3 keys
    and SMTP login are written and never shown: Oempro 4.x cannot read settings."""

    system_from_name: str | None = optional("Sender name of the install's own mail.")
    system_from_email: str | None = optional("Sender address of the install's own mail.")
    system_reply_to_name: str | None = optional("Reply-to name of the install's own mail.")
    system_reply_to_email: str | None = optional("Reply-to address of the install's own mail.")
    alert_recipient_email: str | None = optional("Where system alerts go.")
    report_abuse_email: str | None = optional("Where abuse reports go.")
    media_upload_method: str | None = optional("Where media is kept: `file` or `s3`.")
    s3_bucket: str | None = optional("The S3 bucket of the media library.")
    s3_access_id: str | None = optional("The S3 access key id; never shown again.")
    s3_secret_key: str | None = optional("The S3 secret key; never shown again.")
    s3_url: str | None = optional("The public address of the S3 bucket.")
    load_balance_emails: int | None = optional("Emails sent before each pause.")
    load_balance_sleep: int | None = optional("Seconds of each pause.")
    sending: SystemSendingInput | None = optional("How the install sends its own mail.")


@input_type
class TestOemproEmailSendingInput:
    """Try a send method's settings without saving them (`Settings.EmailSendingTest`)."""

    sending: SystemSendingInput = strawberry.field(description="The settings to try.")


@strawberry.type(description="The outcome of a delivery test.")
class EmailSendingTestResult:
    """The outcome of a delivery test."""

    passed: bool = strawberry.field(description="Whether the settings delivered.")
    message: str | None = strawberry.field(
        description="Why not, as Oempro says it (`EmailSettingsErrorMessage`); null when passed."
    )


@payload("test")
class EmailSendingTestPayload(Payload[EmailSendingTestResult]):
    """The outcome of a delivery test, or why it could not run."""

    result: EmailSendingTestResult | None = result("What the test found; null if it could not run.")


def _addresses(given: UpdateOemproSettingsInput) -> dict[str, Any]:
    names = (
        ("system_from_email", "systemFromEmail"),
        ("system_reply_to_email", "systemReplyToEmail"),
        ("alert_recipient_email", "alertRecipientEmail"),
        ("report_abuse_email", "reportAbuseEmail"),
    )
    out: dict[str, Any] = {}
    for attribute, name in names:
        value = getattr(given, attribute)
        out[attribute] = check_email(value, field=("input", name)) if value else value
    return out


@strawberry.type
class OemproSettingsMutation:
    """Mutations of Oempro's system settings: change them, try a send method."""

    @mutation
    async def update_oempro_settings(
        self, info: Info, input: Input[UpdateOemproSettingsInput]
    ) -> SettingsPayload:
        """Change Oempro's system settings (Settings.Update with the values given). Nothing is
        read back: Oempro 4.x has no command that reads settings."""

        async def change() -> bool:
            values = SettingsChange(
                system_from_name=input.system_from_name,
                system_reply_to_name=input.system_reply_to_name,
                media_upload_method=input.media_upload_method,
                s3_bucket=input.s3_bucket,
                s3_access_id=input.s3_access_id,
                s3_secret_key=secret(input.s3_secret_key),
                s3_url=input.s3_url,
                load_balance_emails=input.load_balance_emails,
                load_balance_sleep=input.load_balance_sleep,
                **_addresses(input),
                **sending_values(input.sending),
            )
            await info.context.oempro().update_settings(values)
            return True

        return await SettingsPayload.run(change, input_paths=SYSTEM_PATHS)

    @mutation
    async def test_oempro_email_sending(
        self, info: Info, input: Input[TestOemproEmailSendingInput]
    ) -> EmailSendingTestPayload:
        """Try a send method's settings without saving them (Settings.EmailSendingTest): a
        failed test is a result with Oempro's reason, not an error."""

        async def change() -> EmailSendingTestResult:
            values = SettingsChange(**sending_values(input.sending))
            outcome = await info.context.oempro().check_email_sending(values)
            return EmailSendingTestResult(passed=outcome.passed, message=outcome.message)

        return await EmailSendingTestPayload.run(change, input_paths=SYSTEM_PATHS)
