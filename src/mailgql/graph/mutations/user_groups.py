"""Oempro plan (user group) mutations: create, update, duplicate and delete plans.

Admin scope: with a user login Oempro refuses each with 99999 (a FORBIDDEN user error). A
plan's SMTP user name and password may be written here and are never read back.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import strawberry

from mailgql.graph.context import Info
from mailgql.graph.mutations._oempro import Numbered, OemproUserGroupInput, plain_id
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import (
    DeleteUserGroupPayload,
    UserGroupPayload,
)
from mailgql.graph.oempro_admin_types import UserGroup, to_user_group
from mailgql.graph.validation import secret
from mailgql.platforms import Platform
from mailgql.upstreams.oempro.admin_records import PlanValues

if TYPE_CHECKING:
    from mailgql.graph.mutations.oempro_settings import SystemSendingInput

__all__ = [
    "CreateUserGroupInput",
    "DeleteUserGroupInput",
    "DuplicateUserGroupInput",
    "PlanLimitsInput",
    "SendLoginInput",
    "SendMethod",
    "SendMethodInput",
    "SendingSettingsInput",
    "UpdateUserGroupInput",
    "UserGroupMutation",
    "method_name",
    "sending_values",
]

_P = Platform.OEMPRO


@strawberry.enum(description="How a plan's mail leaves an Oempro install (`SendMethod`).")
class SendMethod(enum.Enum):
    """How a plan's mail leaves the install."""

    SMTP = strawberry.enum_value("SMTP", description="Through an SMTP server.")
    LOCAL_MTA = strawberry.enum_value("LocalMTA", description="Through the local mail program.")
    PHP_MAIL = strawberry.enum_value("PHPMail", description="Through PHP's mail().")
    POWER_MTA = strawberry.enum_value("PowerMTA", description="Through PowerMTA's pickup.")
    SAVE_TO_DISK = strawberry.enum_value(
        "SaveToDisk", description="Written to a directory, not sent."
    )


def method_name(method: SendMethod) -> str:
    """Oempro's spelling of a send method: its enum value."""
    return str(method.value)


@input_type
class PlanLimitsInput:
    """A plan's limits; 0 is unlimited, an omitted one is left as is."""

    subscribers: int | None = optional("Subscribers across all lists; 0: unlimited.")
    lists: int | None = optional("Lists; 0: unlimited.")
    campaigns_per_period: int | None = optional("Campaigns sent per period; 0: unlimited.")
    emails_per_period: int | None = optional("Emails sent per period; 0: unlimited.")


@strawberry.input
class SendMethodInput:
    """What the send-method inputs (a plan's, the install's own) start with: the method and the
    SMTP server."""

    method: SendMethod = strawberry.field(description="The send method.")
    smtp_host: str | None = optional("SMTP: the server's host name.")
    smtp_port: int | None = optional("SMTP: the server's port.")
    smtp_security: str | None = optional("SMTP: `ssl`, `tls`, or omitted for none.")


@strawberry.input
class SendLoginInput:
    """What the send-method inputs end with: the SMTP login, written and never shown, and the
    other methods' settings."""

    smtp_login_name: str | None = optional(
        "SMTP: the login name (turns authentication on).", name="smtpUsername"
    )
    smtp_login_secret: str | None = optional(
        "SMTP: the login password; never shown again.", name="smtpPassword"
    )
    local_mta_path: str | None = optional("LocalMTA: the path of the local mail program.")
    power_mta_virtual_mta: str | None = optional("PowerMTA: the virtual MTA.")
    power_mta_pickup_dir: str | None = optional("PowerMTA: the pickup directory.")
    save_to_disk_dir: str | None = optional("SaveToDisk: where messages are written.")


@strawberry.input
class _PlanSendMethodInput(SendMethodInput):
    """A plan's send method and SMTP server, then how long it waits for the server."""

    smtp_timeout_seconds: int | None = optional("SMTP: seconds to wait for the server.")


@input_type
class SendingSettingsInput(_PlanSendMethodInput, SendLoginInput):
    """How a plan's mail is sent. The SMTP user name and password are written and never shown
    again."""

    smtp_host: str | None = optional("SMTP: the server's host name (required for SMTP).")
    smtp_port: int | None = optional("SMTP: the server's port (default 25).")
    smtp_login_name: str | None = optional(
        "SMTP: the login name; with `smtpPassword`, turns SMTP authentication on.",
        name="smtpUsername",
    )


@input_type
class CreateUserGroupInput:
    """A new Oempro plan (user group)."""

    name: str = strawberry.field(description="The plan's name (legacyCode 1 when blank).")
    theme_id: strawberry.ID = strawberry.field(
        description="The interface theme its users see: a Theme global ID or a plain `ThemeID` "
        "(legacyCode 19 when there is no such theme)."
    )
    subscriber_area_logout_url: str = strawberry.field(
        description="Where subscribers go when they log out of the subscriber area."
    )
    permissions: list[str] = strawberry.field(
        description="What its users may do, as Oempro names each permission (`Lists.Create`...); "
        "at least one."
    )
    sending: SendingSettingsInput = strawberry.field(description="How its users' mail is sent.")
    limits: PlanLimitsInput | None = optional("Its limits; omitted ones are unlimited.")
    forces_unsubscription_link: bool = strawberry.field(
        default=True, description="Whether every email must carry an unsubscription link."
    )
    forces_reject_opt_link: bool = strawberry.field(
        default=True, description="Whether every confirmation email must carry a reject link."
    )
    import_threshold: int | None = optional("Subscribers an import may hold before approval.")
    send_threshold: int | None = optional("Recipients a campaign may have before approval.")
    trial_seconds: int | None = optional("Makes it a trial plan lasting this many seconds.")
    plain_email_header: str | None = optional("Text put before every plain-text email.")
    plain_email_footer: str | None = optional("Text put after every plain-text email.")
    html_email_header: str | None = optional("HTML put before every HTML email.")
    html_email_footer: str | None = optional("HTML put after every HTML email.")


@input_type
class UpdateUserGroupInput(OemproUserGroupInput):
    """Change an Oempro plan: only the values given."""

    name: str | None = optional("The plan's new name.")
    theme_id: strawberry.ID | None = optional("The interface theme (Theme global ID or id).")
    subscriber_area_logout_url: str | None = optional("The subscriber area's logout page.")
    permissions: list[str] | None = optional("Every permission of the plan (replaces them).")
    sending: SendingSettingsInput | None = optional("How its users' mail is sent.")
    limits: PlanLimitsInput | None = optional("Its limits; omitted ones are left as they are.")
    forces_unsubscription_link: bool | None = optional("Require an unsubscription link.")
    forces_reject_opt_link: bool | None = optional("Require a reject link.")
    import_threshold: int | None = optional("Subscribers an import may hold before approval.")
    send_threshold: int | None = optional("Recipients a campaign may have before approval.")
    trial_seconds: int | None = optional("A trial of this many seconds; 0: not a trial.")
    plain_email_header: str | None = optional("Text put before every plain-text email.")
    plain_email_footer: str | None = optional("Text put after every plain-text email.")
    html_email_header: str | None = optional("HTML put before every HTML email.")
    html_email_footer: str | None = optional("HTML put after every HTML email.")


@input_type
class DuplicateUserGroupInput(OemproUserGroupInput):
    """Copy an Oempro plan (`UserGroup.Duplicate`)."""


@input_type
class DeleteUserGroupInput(OemproUserGroupInput):
    """Delete an Oempro plan; an install keeps at least one."""


_PATHS = input_paths(
    {
        "UserGroupID": "userGroupId",
        "GroupName": "name",
        "RelThemeID": "themeId",
        "SubscriberAreaLogoutURL": "subscriberAreaLogoutUrl",
        "ForceUnsubscriptionLink": "forcesUnsubscriptionLink",
        "ForceRejectOptLink": "forcesRejectOptLink",
        "Permissions": "permissions",
        "LimitSubscribers": "limits.subscribers",
        "LimitLists": "limits.lists",
        "SendMethod": "sending.method",
        "SendMethodSMTPHost": "sending.smtpHost",
        "SendMethodSMTPPort": "sending.smtpPort",
        "SendMethodSMTPUsername": "sending.smtpUsername",
        "values": "",
    }
)
"""The input path of each value Oempro (or the facade) names in a refusal."""
_GROUPS = Numbered("UserGroup", _PATHS["UserGroupID"])


def _permissions(values: Sequence[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(v.strip() for v in values if v.strip())


def sending_values(sending: SendingSettingsInput | SystemSendingInput | None) -> dict[str, Any]:
    """The send method's values, named as :class:`PlanValues` and ``SettingsChange`` name them
    (the SMTP timeout aside: only a plan has one); none when no settings are given."""
    if sending is None:
        return {}
    login = sending.smtp_login_name is not None or sending.smtp_login_secret is not None
    return {
        "send_method": method_name(sending.method),
        "smtp_host": sending.smtp_host,
        "smtp_port": sending.smtp_port,
        "smtp_secure": sending.smtp_security,
        "smtp_auth": login if sending.method is SendMethod.SMTP else None,
        "smtp_login_name": sending.smtp_login_name,
        "smtp_login_secret": secret(sending.smtp_login_secret),
        "local_mta_path": sending.local_mta_path,
        "powermta_vmta": sending.power_mta_virtual_mta,
        "powermta_dir": sending.power_mta_pickup_dir,
        "save_to_disk_dir": sending.save_to_disk_dir,
    }


def _sending(sending: SendingSettingsInput | None) -> dict[str, Any]:
    if sending is None:
        return {}
    return {**sending_values(sending), "smtp_timeout": sending.smtp_timeout_seconds}


def _limits(limits: PlanLimitsInput | None, *, creating: bool) -> dict[str, Any]:
    default = 0 if creating else None
    given = limits or PlanLimitsInput()

    def value(number: int | None) -> int | None:
        return default if number is None else max(number, 0)

    return {
        "limit_subscribers": value(given.subscribers),
        "limit_lists": value(given.lists),
        "limit_campaign_send_per_period": value(given.campaigns_per_period),
        "limit_email_send_per_period": value(given.emails_per_period),
    }


def _values(info: Info, given: CreateUserGroupInput | UpdateUserGroupInput) -> PlanValues:
    creating = isinstance(given, CreateUserGroupInput)
    theme = (
        plain_id(info, given.theme_id, expect="Theme", field=("input", "themeId"))
        if given.theme_id is not None
        else None
    )
    trial = given.trial_seconds
    return PlanValues(
        name=given.name.strip() if given.name is not None else None,
        theme_id=theme,
        subscriber_area_logout_url=given.subscriber_area_logout_url,
        force_unsubscription_link=given.forces_unsubscription_link,
        force_reject_opt_link=given.forces_reject_opt_link,
        permissions=_permissions(given.permissions),
        threshold_import=given.import_threshold,
        threshold_email_send=given.send_threshold,
        trial_group=None if trial is None else trial > 0,
        trial_expire_seconds=None if trial is None else max(trial, 0),
        plain_email_header=given.plain_email_header,
        plain_email_footer=given.plain_email_footer,
        html_email_header=given.html_email_header,
        html_email_footer=given.html_email_footer,
        **_limits(given.limits, creating=creating),
        **_sending(given.sending),
    )


async def _fresh(info: Info, group_id: int) -> UserGroup:
    found = await info.context.oempro().user_group(group_id)
    return to_user_group(_GROUPS.shown(found, group_id, "user group"))


@strawberry.type
class UserGroupMutation:
    """Mutations on Oempro plans (admin login)."""

    @mutation
    async def create_user_group(
        self, info: Info, input: Input[CreateUserGroupInput]
    ) -> UserGroupPayload:
        """Create an Oempro plan (UserGroup.Create), then read it back (UserGroup.Get)."""

        async def change() -> UserGroup:
            values = _values(info, input)
            return await _fresh(info, await info.context.oempro().create_user_group(values))

        return await UserGroupPayload.run(change, input_paths=_PATHS)

    @mutation
    async def update_user_group(
        self, info: Info, input: Input[UpdateUserGroupInput]
    ) -> UserGroupPayload:
        """Change an Oempro plan (UserGroup.Update with the values given), then read it back;
        its users' `quota` and `plan` show the change."""

        async def change() -> UserGroup:
            group_id = _GROUPS.number(info, input.user_group_id)
            await info.context.oempro().update_user_group(group_id, _values(info, input))
            return await _fresh(info, group_id)

        return await UserGroupPayload.run(change, input_paths=_PATHS)

    @mutation
    async def duplicate_user_group(
        self, info: Info, input: Input[DuplicateUserGroupInput]
    ) -> UserGroupPayload:
        """Copy an Oempro plan (UserGroup.Duplicate: the copy is named `<name> (Copy)` on a
        stock server), then read the copy."""

        async def change() -> UserGroup:
            group_id = _GROUPS.number(info, input.user_group_id)
            return await _fresh(info, await info.context.oempro().duplicate_user_group(group_id))

        return await UserGroupPayload.run(change, input_paths=_PATHS)

    @mutation
    async def delete_user_group(
        self, info: Info, input: Input[DeleteUserGroupInput]
    ) -> DeleteUserGroupPayload:
        """Delete an Oempro plan (UserGroup.Get first: an unknown one is NOT_FOUND; then
        UserGroup.Delete, which refuses the last plan with legacyCode 4)."""

        change = _GROUPS.deleting(
            info,
            input.user_group_id,
            lambda group_id: info.context.oempro().delete_user_group(group_id),
        )
        return await DeleteUserGroupPayload.run(change, input_paths=_PATHS)
