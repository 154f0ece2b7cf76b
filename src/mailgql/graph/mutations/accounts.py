"""Account mutations: create a sub-account, change its status."""

from __future__ import annotations

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, PlatformNotConfigured
from mailgql.graph.ids import decode_id
from mailgql.graph.mutations._run import account_payload
from mailgql.graph.mutations.payloads import AccountPayload
from mailgql.graph.sources import v2rest_writes
from mailgql.graph.validation import MAX_IDS, check_email, check_not_blank
from mailgql.platforms import Platform

__all__ = ["AccountMutation", "CreateSubAccountInput", "SetAccountStatusInput"]


@strawberry.input(description="A new account under the gateway's account on a platform.")
class CreateSubAccountInput:
    """A new account under the gateway's account on a platform."""

    platform: Platform = strawberry.field(description="Where to create it.")
    username: str = strawberry.field(description="Login name; must be unused on the platform.")
    password: str = strawberry.field(description="Initial password. Never shown again.")
    email: str = strawberry.field(description="Owner e-mail address (syntax is checked).")
    name: str | None = strawberry.field(
        default=None, description="Full name (v2 REST has no such parameter and ignores it)."
    )
    allowed_domains: list[str] | None = strawberry.field(
        default=None,
        description=f'v2 REST: sender domains the account may use, e.g. ["@example.com"]; '
        f"required there, at most {MAX_IDS}.",
    )


@strawberry.input(description="Activate or deactivate an account.")
class SetAccountStatusInput:
    """Activate or deactivate an account."""

    account_id: strawberry.ID = strawberry.field(description="The account's global ID.")
    active: bool = strawberry.field(
        description="true: active; false: disabled (v2 REST) or suspended (Maxmailer)."
    )


def _configured(info: Info, platform: Platform) -> None:
    if platform not in info.context.configured:
        raise PlatformNotConfigured(platform)


@strawberry.type
class AccountMutation:
    """Mutations on accounts."""

    @strawberry.mutation(
        description="Create an account under the gateway's account (v2 REST: "
        "a sub-account of the admin)."
    )
    async def create_sub_account(self, info: Info, input: CreateSubAccountInput) -> AccountPayload:
        """Create a sub-account."""

        async def change() -> Account:
            _configured(info, input.platform)
            username = check_not_blank(input.username, field=("input", "username"), what="username")
            if not input.password:
                raise BadUserInput("password must not be empty", field=("input", "password"))
            email = check_email(input.email, field=("input", "email"))
            if input.platform is Platform.V2REST:
                domains = [d.strip() for d in input.allowed_domains or [] if d.strip()]
                if not domains:
                    raise BadUserInput(
                        'v2 REST needs at least one allowed domain, e.g. "@example.com"',
                        field=("input", "allowedDomains"),
                    )
                if len(domains) > MAX_IDS:
                    raise BadUserInput(
                        f"give at most {MAX_IDS} allowed domains",
                        field=("input", "allowedDomains"),
                    )
                return await v2rest_writes.create_sub_account(
                    info,
                    username=username,
                    password=input.password,
                    email=email,
                    allowed_domains=domains,
                )
            raise BadUserInput(
                f"creating accounts on {input.platform.label} is not supported",
                field=("input", "platform"),
            )

        return await account_payload(change)

    @strawberry.mutation(description="Activate or deactivate an account.")
    async def set_account_status(self, info: Info, input: SetAccountStatusInput) -> AccountPayload:
        """Activate or deactivate an account."""

        async def change() -> Account:
            field = ("input", "accountId")
            target = decode_id(input.account_id, expect="Account", field=field)
            _configured(info, target.platform)
            if target.platform is Platform.V2REST:
                name = v2rest_writes.sub_account_name(info, target.key, field=field)
                return await v2rest_writes.set_sub_account_status(info, name, active=input.active)
            raise BadUserInput(
                f"changing account status on {target.platform.label} is not supported",
                field=field,
            )

        return await account_payload(change)
