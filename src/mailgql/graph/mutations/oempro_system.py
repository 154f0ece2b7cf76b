"""Oempro's own administration: the administrator's account (``Admin.Update``), interface themes
(``Theme.Create``/``Update``/``Delete``) and the system settings (``Settings.Update``,
``Settings.EmailSendingTest``).

Admin scope: with a user login Oempro refuses each with 99999 (a FORBIDDEN user error), and the
administrator's own update is refused before any call (only an admin login knows its row). The
settings' credentials (S3 keys, the SMTP login) are written here and never read back: Oempro 4.x
has no command that reads settings.
"""

from __future__ import annotations

from typing import Any

import strawberry
from pydantic import SecretStr

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, Forbidden, NotFound, UserError
from mailgql.graph.mutations._oempro import deleting, plain_id
from mailgql.graph.mutations._run import Input, optional
from mailgql.graph.mutations.payloads import AccountPayload, Payload, changed, deleted, refused
from mailgql.graph.mutations.user_groups import SendMethod, sending_values
from mailgql.graph.oempro_admin_types import Theme, to_theme
from mailgql.graph.platforms.oempro.keys import ADMIN_KEY
from mailgql.graph.platforms.oempro.mapping import admin_account
from mailgql.graph.validation import check_email, secret
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import Admin
from mailgql.upstreams.oempro.admin_records import (
    AdminProfile,
    SettingsChange,
    ThemeValues,
)

__all__ = [
    "CreateThemeInput",
    "DeleteThemeInput",
    "DeleteThemePayload",
    "EmailSendingTestPayload",
    "OemproSystemMutation",
    "SettingsPayload",
    "TestOemproEmailSendingInput",
    "ThemePayload",
    "UpdateOemproAdministratorInput",
    "UpdateOemproSettingsInput",
    "UpdateThemeInput",
]

_P = Platform.OEMPRO
_THEME = "The theme: a Theme global ID or the plain Oempro `ThemeID`."
_THEME_FIELD = ("input", "themeId")


# -- the administrator --------------------------------------------------------------------------


@strawberry.input(
    description="Change the Oempro administrator the gateway logs in as (`Admin.Update`); the "
    "values not given are kept. Changing its login name or password means the gateway's "
    "MAILGQL_OEMPRO_USERNAME or MAILGQL_OEMPRO_PASSWORD must change too before its next login."
)
class UpdateOemproAdministratorInput:
    """Change the administrator."""

    name: str | None = optional("Its display name.")
    username: str | None = optional("Its login name.")
    email: str | None = optional("Its address.")
    password: str | None = optional("A new password; never shown again.")


# -- themes -------------------------------------------------------------------------------------


@strawberry.input(description="A new Oempro interface theme.")
class CreateThemeInput:
    """A new theme."""

    template: str = strawberry.field(
        description="The installed template it is made of (legacyCode 3 when not installed)."
    )
    name: str = strawberry.field(description="The theme's name.")
    product_name: str | None = optional("The product name the interface shows.")
    settings: str | None = optional("The theme's own settings, as Oempro stores them.")


@strawberry.input(description="Change an Oempro interface theme: only the values given.")
class UpdateThemeInput:
    """Change a theme."""

    theme_id: strawberry.ID = strawberry.field(description=_THEME)
    template: str | None = optional("Another installed template.")
    name: str | None = optional("Its new name.")
    product_name: str | None = optional("Its product name.")
    settings: str | None = optional("Its own settings.")


@strawberry.input(description="Delete an Oempro interface theme; an install keeps at least one.")
class DeleteThemeInput:
    """Delete a theme."""

    theme_id: strawberry.ID = strawberry.field(description=_THEME)


@strawberry.type(description="The theme a mutation created or changed, or why it did not.")
class ThemePayload(Payload[Theme]):
    """The theme a mutation created or changed, or why it did not."""

    theme: Theme | None = changed("theme")
    user_errors: list[UserError] = refused("change")


@strawberry.type(description="The theme a mutation deleted, or why it did not.")
class DeleteThemePayload(Payload[strawberry.ID]):
    """The theme a mutation deleted, or why it did not."""

    deleted_theme_id: strawberry.ID | None = deleted("theme")
    user_errors: list[UserError] = refused("deletion")


# -- settings -----------------------------------------------------------------------------------


@strawberry.input(
    description="How the install sends its own mail (a delivery test, or the settings). The "
    "SMTP user name and password are written and never shown."
)
class SystemSendingInput:
    """How the install sends its own mail."""

    method: SendMethod = strawberry.field(description="The send method.")
    smtp_host: str | None = optional("SMTP: the server's host name.")
    smtp_port: int | None = optional("SMTP: the server's port.")
    smtp_security: str | None = optional("SMTP: `ssl`, `tls`, or omitted for none.")
    smtp_login_name: str | None = strawberry.field(
        default=None,
        name="smtpUsername",
        description="SMTP: the login name (turns authentication on).",
    )
    smtp_login_secret: str | None = strawberry.field(
        default=None,
        name="smtpPassword",
        description="SMTP: the login password; never shown again.",
    )
    local_mta_path: str | None = optional("LocalMTA: the path of the local mail program.")
    power_mta_virtual_mta: str | None = optional("PowerMTA: the virtual MTA.")
    power_mta_pickup_dir: str | None = optional("PowerMTA: the pickup directory.")
    save_to_disk_dir: str | None = optional("SaveToDisk: where messages are written.")


@strawberry.input(
    description="Change Oempro's system settings (`Settings.Update`): only the values given. "
    "The S3 keys and SMTP login are written and never shown: Oempro 4.x cannot read settings."
)
class UpdateOemproSettingsInput:
    """Change the system settings."""

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


@strawberry.input(
    description="Try a send method's settings without saving them (`Settings.EmailSendingTest`)."
)
class TestOemproEmailSendingInput:
    """Try a send method's settings."""

    sending: SystemSendingInput = strawberry.field(description="The settings to try.")


@strawberry.type(description="Whether Oempro took a settings change, or why not.")
class SettingsPayload(Payload[bool]):
    """Whether Oempro took a settings change."""

    updated: bool | None = strawberry.field(
        default=None, description="True when the settings were saved; null if refused."
    )
    user_errors: list[UserError] = refused("change")


@strawberry.type(description="The outcome of a delivery test.")
class EmailSendingTestResult:
    """The outcome of a delivery test."""

    passed: bool = strawberry.field(description="Whether the settings delivered.")
    message: str | None = strawberry.field(
        description="Why not, as Oempro says it (`EmailSettingsErrorMessage`); null when passed."
    )


@strawberry.type(description="The outcome of a delivery test, or why it could not run.")
class EmailSendingTestPayload(Payload[EmailSendingTestResult]):
    """The outcome of a delivery test, or why it could not run."""

    result: EmailSendingTestResult | None = strawberry.field(
        default=None, description="What the test found; null if it could not run."
    )
    user_errors: list[UserError] = refused("test")


_PATHS: dict[str, tuple[str, ...]] = {
    "AdminID": ("input",),
    "Name": ("input", "name"),
    "Username": ("input", "username"),
    "EmailAddress": ("input", "email"),
    "ThemeID": _THEME_FIELD,
    "Themes": _THEME_FIELD,
    "Template": ("input", "template"),
    "ThemeName": ("input", "name"),
    "SystemEmailFromEmail": ("input", "systemFromEmail"),
    "SystemEmailReplyToEmail": ("input", "systemReplyToEmail"),
    "AlertRecipientEmail": ("input", "alertRecipientEmail"),
    "ReportAbuseEmail": ("input", "reportAbuseEmail"),
    "MediaUploadMethod": ("input", "mediaUploadMethod"),
    "S3Bucket": ("input", "s3Bucket"),
    "SendMethod": ("input", "sending", "method"),
    "values": ("input",),
}


def _theme_id(info: Info, value: str) -> int:
    return plain_id(info, value, expect="Theme", field=_THEME_FIELD)


async def _fresh_theme(info: Info, theme_id: int) -> Theme:
    found = await info.context.oempro().theme(theme_id)
    if found is None:
        raise NotFound(f"Oempro shows no theme {theme_id}", platform=_P, field=_THEME_FIELD)
    return to_theme(found)


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
class OemproSystemMutation:
    """Mutations of Oempro's own administration: the administrator, themes, settings."""

    @strawberry.mutation(
        description="Change the Oempro administrator the gateway logs in as (Admin.Update); "
        "the answer shows it as written (Oempro has no read of it but the login). A user "
        "login is FORBIDDEN before any call."
    )
    async def update_oempro_administrator(
        self, info: Info, input: Input[UpdateOemproAdministratorInput]
    ) -> AccountPayload:
        """Change the administrator."""

        async def change() -> Account:
            data = info.context.oempro()
            who = await data.caller()
            if who.kind != "admin" or not isinstance(who.account, Admin):
                raise Forbidden(
                    "only the Oempro administrator may change itself; set "
                    "MAILGQL_OEMPRO_LOGIN_AS=admin",
                    platform=_P,
                )
            current = who.account
            email = check_email(input.email, field=("input", "email")) if input.email else None
            written = Admin(
                admin_id=current.admin_id,
                name=input.name if input.name is not None else current.name,
                email=email or current.email,
                username=(input.username or current.username).strip(),
            )
            if not (written.name or "").strip():
                raise BadUserInput("name must not be empty", field=("input", "name"))
            profile = AdminProfile(
                admin_id=written.admin_id,
                name=written.name or "",
                username=written.username,
                email=written.email or "",
                password=SecretStr(input.password) if input.password else None,
            )
            await data.update_admin(profile)
            return admin_account(written, written.username or ADMIN_KEY)

        return await AccountPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Create an Oempro interface theme (Theme.Create), then Theme.Get."
    )
    async def create_theme(self, info: Info, input: Input[CreateThemeInput]) -> ThemePayload:
        """Create a theme."""

        async def change() -> Theme:
            values = ThemeValues(
                template=input.template.strip(),
                name=input.name.strip(),
                product_name=input.product_name,
                settings=input.settings,
            )
            return await _fresh_theme(info, await info.context.oempro().create_theme(values))

        return await ThemePayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Change an Oempro interface theme (Theme.Update with the values given), "
        "then Theme.Get."
    )
    async def update_theme(self, info: Info, input: Input[UpdateThemeInput]) -> ThemePayload:
        """Change a theme."""

        async def change() -> Theme:
            theme_id = _theme_id(info, input.theme_id)
            values = ThemeValues(
                template=input.template,
                name=input.name,
                product_name=input.product_name,
                settings=input.settings,
            )
            await info.context.oempro().update_theme(theme_id, values)
            return await _fresh_theme(info, theme_id)

        return await ThemePayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Delete an Oempro interface theme (Theme.Get first: an unknown one is "
        "NOT_FOUND; then Theme.Delete, which refuses the last theme with legacyCode 2)."
    )
    async def delete_theme(self, info: Info, input: Input[DeleteThemeInput]) -> DeleteThemePayload:
        """Delete a theme."""

        change = deleting(
            info,
            input.theme_id,
            lambda theme_id: info.context.oempro().delete_theme(theme_id),
            expect="Theme",
            field=_THEME_FIELD,
        )
        return await DeleteThemePayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Change Oempro's system settings (Settings.Update with the values given). "
        "Nothing is read back: Oempro 4.x has no command that reads settings."
    )
    async def update_oempro_settings(
        self, info: Info, input: Input[UpdateOemproSettingsInput]
    ) -> SettingsPayload:
        """Change the system settings."""

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

        return await SettingsPayload.run(change, input_paths=_PATHS)

    @strawberry.mutation(
        description="Try a send method's settings without saving them "
        "(Settings.EmailSendingTest): a failed test is a result with Oempro's reason, not an "
        "error."
    )
    async def test_oempro_email_sending(
        self, info: Info, input: Input[TestOemproEmailSendingInput]
    ) -> EmailSendingTestPayload:
        """Try a send method's settings."""

        async def change() -> EmailSendingTestResult:
            values = SettingsChange(**sending_values(input.sending))
            outcome = await info.context.oempro().check_email_sending(values)
            return EmailSendingTestResult(passed=outcome.passed, message=outcome.message)

        return await EmailSendingTestPayload.run(change, input_paths=_PATHS)
