"""Oempro user mutations beyond the fixed account ones: every column of a user
(``User.Update``), a payment period (``User.PaymentPeriods.Update``), and the password reset
flow of users, clients and the administrator (``*.PasswordRemind``, ``*.PasswordReset``).

``createSubAccount``, ``deleteAccount``, ``changeAccountPassword``, ``addSendCredit`` and
``setAccountStatus`` cover ``User.Create``, ``Users.Delete``, ``User.AddCredits`` and the status
and password columns (see ``graph.platforms.oempro.account_writes``).
"""

from __future__ import annotations

import dataclasses
import enum

import strawberry
from pydantic import SecretStr

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id, legacy_int_id
from mailgql.graph.mutations._oempro import OemproUserInput
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import (
    AccountPayload,
    PasswordResetPayload,
    PaymentPeriodPayload,
)
from mailgql.graph.oempro_admin_types import PaymentPeriod, PaymentStatus, to_payment_period
from mailgql.graph.platforms.oempro.account_writes import account_target, fresh_user
from mailgql.graph.platforms.oempro.mapping import account_from_user
from mailgql.graph.validation import check_email
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import User
from mailgql.upstreams.oempro.admin_records import PaymentPeriodChange, UserProfile

__all__ = [
    "OemproAccountKind",
    "OemproUserMutation",
    "RemindOemproPasswordInput",
    "ResetOemproPasswordInput",
    "UpdateOemproUserInput",
    "UpdatePaymentPeriodInput",
]

_P = Platform.OEMPRO
_ACCOUNT_FIELD = ("input", "accountId")


@strawberry.enum(description="Whose password an Oempro reset flow is about.")
class OemproAccountKind(enum.Enum):
    """Whose password a reset flow is about."""

    USER = strawberry.enum_value("user", description="A user (`User.PasswordRemind`...).")
    CLIENT = strawberry.enum_value("client", description="A client of a user.")
    ADMINISTRATOR = strawberry.enum_value("admin", description="The administrator.")


_HOLDERS = {
    OemproAccountKind.USER: "user",
    OemproAccountKind.CLIENT: "client",
    OemproAccountKind.ADMINISTRATOR: "admin",
}


@input_type
class UpdateOemproUserInput(OemproUserInput):
    """Change an Oempro user: only the values given (`User.Update`). The plan, trust, status and
    credits are the administrator's to change; a user login may change only itself, and Oempro
    ignores those four there."""

    email: str | None = optional("Its address (unique in the install).")
    username: str | None = optional("Its login name (unique in the install).")
    password: str | None = optional("A new password; never shown again.")
    user_group_id: strawberry.ID | None = optional("Its plan: a UserGroup global ID or id.")
    first_name: str | None = optional("First name.")
    last_name: str | None = optional("Last name.")
    company_name: str | None = optional("Company.")
    website: str | None = optional("Web site address.")
    street: str | None = optional("Street address.")
    city: str | None = optional("City.")
    state: str | None = optional("State or region.")
    zip_code: str | None = optional("Postal code.")
    country: str | None = optional("Country.")
    phone: str | None = optional("Phone number.")
    fax: str | None = optional("Fax number.")
    time_zone: str | None = optional("Time zone, e.g. Europe/Lisbon.")
    language: str | None = optional("Language code, e.g. en.")
    trusted: bool | None = optional("Trusted (sends without approval) or untrusted.")
    active: bool | None = optional("Enabled or disabled (`AccountStatus`).")
    available_credits: int | None = optional("Its sending credits, set to this number.")


@input_type
class UpdatePaymentPeriodInput(OemproUserInput):
    """Change one billing period of an Oempro user (ESP licences)."""

    period_id: strawberry.ID = strawberry.field(description="The period's `LogID`.")
    discount: float = strawberry.field(description="The discount, in the licence's currency.")
    tax_included: bool = strawberry.field(description="Whether the total includes the tax.")
    status: PaymentStatus = strawberry.field(
        description="Where its payment stands (not NOT_APPLICABLE)."
    )
    send_receipt: bool = strawberry.field(
        default=False, description="Mail the user a receipt of the period."
    )


@strawberry.input
class _PasswordHolderInput:
    """What both password reset inputs start with: whose password it is."""

    account_kind: OemproAccountKind = strawberry.field(description="Whose password.")


@input_type
class RemindOemproPasswordInput(_PasswordHolderInput):
    """Mail an Oempro account a password reset link (no login needed): `User.PasswordRemind`,
    `Client.PasswordRemind` or `Admin.PasswordRemind`."""

    email: str = strawberry.field(description="The account's address.")


@input_type
class ResetOemproPasswordInput(_PasswordHolderInput):
    """Reset an Oempro account's password with the token of its reset link; Oempro mails the new
    password (no login needed)."""

    token: str = strawberry.field(description="The token the reset link carries.")


_PATHS = input_paths(
    {
        "UserID": "accountId",
        "Users": "accountId",
        "EmailAddress": "email",
        "Username": "username",
        "RelUserGroupID": "userGroupId",
        "LogID": "periodId",
        "PaymentStatus": "status",
        "IncludeTax": "taxIncluded",
        "values": "",
    }
)
_RESET_PATHS = input_paths(
    {
        "EmailAddress": "email",
        "UserID": "token",
        "ClientID": "token",
        "AdminID": "token",
    }
)


def _user_id(key: str) -> int:
    parsed = account_target(key)
    if parsed.kind != "user" or parsed.number is None:
        raise BadUserInput("name an Oempro user, not a client", field=_ACCOUNT_FIELD, platform=_P)
    return parsed.number


def _account_key(info: Info, value: str) -> str:
    info.context.oempro()
    decoded = decode_id(value, expect="Account", field=_ACCOUNT_FIELD)
    if decoded.platform is not _P:
        raise BadUserInput(
            f"{value!r} is a {decoded.platform.label} account, not an Oempro one",
            field=_ACCOUNT_FIELD,
        )
    return decoded.key


def _profile(info: Info, given: UpdateOemproUserInput) -> UserProfile:
    group = (
        legacy_int_id(
            given.user_group_id, expect="UserGroup", platform=_P, field=("input", "userGroupId")
        )
        if given.user_group_id is not None
        else None
    )
    email = check_email(given.email, field=("input", "email")) if given.email else given.email
    return UserProfile(
        email=email,
        username=given.username,
        password=SecretStr(given.password) if given.password else None,
        group_id=group,
        first_name=given.first_name,
        last_name=given.last_name,
        company_name=given.company_name,
        website=given.website,
        street=given.street,
        city=given.city,
        state=given.state,
        zip_code=given.zip_code,
        country=given.country,
        phone=given.phone,
        fax=given.fax,
        timezone=given.time_zone,
        language=given.language,
        reputation=None if given.trusted is None else ("Trusted" if given.trusted else "Untrusted"),
        enabled=given.active,
        available_credits=given.available_credits,
    )


_OWN_COLUMNS = {
    "email": "email",
    "username": "username",
    "first_name": "first_name",
    "last_name": "last_name",
    "company_name": "company_name",
    "website": "website",
    "street": "street",
    "city": "city",
    "state": "state",
    "zip_code": "zip_code",
    "country": "country",
    "phone": "phone",
    "fax": "fax",
    "timezone": "timezone",
    "language": "language",
}
"""What a user login may change of itself: profile field → user record field."""


def _as_written(user: User, profile: UserProfile) -> User:
    """A user login cannot read itself back (``User.Get`` is the administrator's): its login's
    row with what was written."""
    changes = {
        record: getattr(profile, field)
        for field, record in _OWN_COLUMNS.items()
        if getattr(profile, field) is not None
    }
    return dataclasses.replace(user, **changes)


@strawberry.type
class OemproUserMutation:
    """Mutations on Oempro users beyond the fixed account ones."""

    @mutation
    async def update_oempro_user(
        self, info: Info, input: Input[UpdateOemproUserInput]
    ) -> AccountPayload:
        """Change an Oempro user (User.Update with the values given), then read it back
        (User.Get; with a user login, which may change only itself and cannot read itself back,
        the login's own row with the values written)."""

        async def change() -> Account:
            user_id = _user_id(_account_key(info, input.account_id))
            profile = _profile(info, input)
            data = info.context.oempro()
            await data.update_user(user_id, profile)
            who = await data.caller()
            if who.kind == "user" and isinstance(who.account, User):
                return account_from_user(_as_written(who.account, profile))
            return await fresh_user(info, user_id)

        return await AccountPayload.run(change, input_paths=_PATHS)

    @mutation
    async def update_payment_period(
        self, info: Info, input: Input[UpdatePaymentPeriodInput]
    ) -> PaymentPeriodPayload:
        """Change a billing period of an Oempro user (User.PaymentPeriods.Update; ESP licences
        only, admin login). A licence that bills nobody answers 99997."""

        async def change() -> PaymentPeriod:
            user_id = _user_id(_account_key(info, input.account_id))
            period = legacy_int_id(
                input.period_id, expect="PaymentPeriod", platform=_P, field=("input", "periodId")
            )
            if input.status is PaymentStatus.NOT_APPLICABLE:
                raise BadUserInput(
                    "a period's status is UNPAID, WAITING, PAID or WAIVED",
                    field=("input", "status"),
                    platform=_P,
                )
            changed = PaymentPeriodChange(
                discount=max(input.discount, 0.0),
                include_tax=input.tax_included,
                status=str(input.status.value),
                send_receipt=input.send_receipt,
            )
            record = await info.context.oempro().update_payment_period(user_id, period, changed)
            return to_payment_period(record)

        return await PaymentPeriodPayload.run(change, input_paths=_PATHS)

    @mutation
    async def remind_oempro_password(
        self, info: Info, input: Input[RemindOemproPasswordInput]
    ) -> PasswordResetPayload:
        """Mail an Oempro user, client or the administrator a password reset link
        (*.PasswordRemind, sent without credentials)."""

        async def change() -> bool:
            email = check_email(input.email, field=("input", "email"))
            await info.context.oempro().remind_password(_HOLDERS[input.account_kind], email)
            return True

        return await PasswordResetPayload.run(change, input_paths=_RESET_PATHS)

    @mutation
    async def reset_oempro_password(
        self, info: Info, input: Input[ResetOemproPasswordInput]
    ) -> PasswordResetPayload:
        """Reset an Oempro password with a reset link's token (*.PasswordReset, sent without
        credentials); Oempro mails the new password, which the graph never sees."""

        async def change() -> bool:
            token = input.token.strip()
            if not token:
                raise BadUserInput("token must not be empty", field=("input", "token"))
            await info.context.oempro().reset_password(_HOLDERS[input.account_kind], token)
            return True

        return await PasswordResetPayload.run(change, input_paths=_RESET_PATHS)
