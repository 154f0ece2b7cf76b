"""Oempro's own administration: the administrator's account (``Admin.Update``) and interface
themes (``Theme.Create``/``Update``/``Delete``); the system settings are in
:mod:`~mailgql.graph.mutations.oempro_settings`.

Admin scope: with a user login Oempro refuses each with 99999 (a FORBIDDEN user error), and the
administrator's own update is refused before any call (only an admin login knows its row).
"""

from __future__ import annotations

import strawberry
from pydantic import SecretStr

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, Forbidden
from mailgql.graph.mutations._oempro import Numbered, OemproThemeInput
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import (
    AccountPayload,
    DeleteThemePayload,
    ThemePayload,
)
from mailgql.graph.oempro_admin_types import Theme, to_theme
from mailgql.graph.platforms.oempro.keys import ADMIN_KEY
from mailgql.graph.platforms.oempro.mapping import admin_account
from mailgql.graph.validation import check_email
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import Admin
from mailgql.upstreams.oempro.admin_records import AdminProfile, ThemeValues

__all__ = [
    "SYSTEM_PATHS",
    "CreateThemeInput",
    "DeleteThemeInput",
    "OemproSystemMutation",
    "UpdateOemproAdministratorInput",
    "UpdateThemeInput",
]

_P = Platform.OEMPRO


# -- the administrator --------------------------------------------------------------------------


@input_type
class UpdateOemproAdministratorInput:
    """Change the Oempro administrator the gateway logs in as (`Admin.Update`); the values not
    given are kept. Changing its login name or password means the gateway's
    MAILGQL_OEMPRO_USERNAME or MAILGQL_OEMPRO_PASSWORD must change too before its next login."""

    name: str | None = optional("Its display name.")
    username: str | None = optional("Its login name.")
    email: str | None = optional("Its address.")
    password: str | None = optional("A new password; never shown again.")


# -- themes -------------------------------------------------------------------------------------


@input_type
class CreateThemeInput:
    """A new Oempro interface theme."""

    template: str = strawberry.field(
        description="The installed template it is made of (legacyCode 3 when not installed)."
    )
    name: str = strawberry.field(description="The theme's name.")
    product_name: str | None = optional("The product name the interface shows.")
    settings: str | None = optional("The theme's own settings, as Oempro stores them.")


@input_type
class UpdateThemeInput(OemproThemeInput):
    """Change an Oempro interface theme: only the values given."""

    template: str | None = optional("Another installed template.")
    name: str | None = optional("Its new name.")
    product_name: str | None = optional("Its product name.")
    settings: str | None = optional("Its own settings.")


@input_type
class DeleteThemeInput(OemproThemeInput):
    """Delete an Oempro interface theme; an install keeps at least one."""


SYSTEM_PATHS = input_paths(
    {
        "AdminID": "",
        "Name": "name",
        "Username": "username",
        "EmailAddress": "email",
        "ThemeID": "themeId",
        "Themes": "themeId",
        "Template": "template",
        "ThemeName": "name",
        "SystemEmailFromEmail": "systemFromEmail",
        "SystemEmailReplyToEmail": "systemReplyToEmail",
        "AlertRecipientEmail": "alertRecipientEmail",
        "ReportAbuseEmail": "reportAbuseEmail",
        "MediaUploadMethod": "mediaUploadMethod",
        "S3Bucket": "s3Bucket",
        "SendMethod": "sending.method",
        "values": "",
    }
)
"""Input paths of the refusals of Oempro's administration (administrator, themes, settings)."""
_THEMES = Numbered("Theme", SYSTEM_PATHS["ThemeID"])


async def _fresh_theme(info: Info, theme_id: int) -> Theme:
    found = await info.context.oempro().theme(theme_id)
    return to_theme(_THEMES.shown(found, theme_id, "theme"))


@strawberry.type
class OemproSystemMutation:
    """Mutations of Oempro's own administration: the administrator and themes."""

    @mutation
    async def update_oempro_administrator(
        self, info: Info, input: Input[UpdateOemproAdministratorInput]
    ) -> AccountPayload:
        """Change the Oempro administrator the gateway logs in as (Admin.Update); the answer
        shows it as written (Oempro has no read of it but the login). A user login is FORBIDDEN
        before any call."""

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

        return await AccountPayload.run(change, input_paths=SYSTEM_PATHS)

    @mutation
    async def create_theme(self, info: Info, input: Input[CreateThemeInput]) -> ThemePayload:
        """Create an Oempro interface theme (Theme.Create), then Theme.Get."""

        async def change() -> Theme:
            values = ThemeValues(
                template=input.template.strip(),
                name=input.name.strip(),
                product_name=input.product_name,
                settings=input.settings,
            )
            return await _fresh_theme(info, await info.context.oempro().create_theme(values))

        return await ThemePayload.run(change, input_paths=SYSTEM_PATHS)

    @mutation
    async def update_theme(self, info: Info, input: Input[UpdateThemeInput]) -> ThemePayload:
        """Change an Oempro interface theme (Theme.Update with the values given), then
        Theme.Get."""

        async def change() -> Theme:
            theme_id = _THEMES.number(info, input.theme_id)
            values = ThemeValues(
                template=input.template,
                name=input.name,
                product_name=input.product_name,
                settings=input.settings,
            )
            await info.context.oempro().update_theme(theme_id, values)
            return await _fresh_theme(info, theme_id)

        return await ThemePayload.run(change, input_paths=SYSTEM_PATHS)

    @mutation
    async def delete_theme(self, info: Info, input: Input[DeleteThemeInput]) -> DeleteThemePayload:
        """Delete an Oempro interface theme (Theme.Get first: an unknown one is NOT_FOUND; then
        Theme.Delete, which refuses the last theme with legacyCode 2)."""

        change = _THEMES.deleting(
            info, input.theme_id, lambda theme_id: info.context.oempro().delete_theme(theme_id)
        )
        return await DeleteThemePayload.run(change, input_paths=SYSTEM_PATHS)
