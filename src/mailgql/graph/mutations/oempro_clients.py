"""Oempro client mutations: create and change a user's clients, and give them lists and
campaigns.

Clients are user scope: each write runs in the session of the user the client belongs to (the
login's own with a user login; with an admin login, the user's, opened by one ``User.Switch``
per user per process). ``deleteAccount``, ``setAccountStatus`` and ``changeAccountPassword``
take clients too. A client's password is written and never read back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import Protocol

import strawberry
from pydantic import SecretStr

from mailgql.data.oempro import OemproData
from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id
from mailgql.graph.mutations._oempro import OemproClientInput
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import AccountPayload
from mailgql.graph.platforms.oempro.account_writes import (
    ClientTarget,
    account_target,
    fresh_client,
)
from mailgql.graph.platforms.oempro.keys import split_owned_key
from mailgql.graph.validation import MAX_IDS, check_email, check_not_blank, plain_legacy_id
from mailgql.input_rules import legacy_number
from mailgql.platforms import Platform

__all__ = [
    "AssignClientCampaignsInput",
    "AssignClientListsInput",
    "CreateClientInput",
    "OemproClientMutation",
    "UpdateClientInput",
]

_P = Platform.OEMPRO
_CLIENT_FIELD = ("input", "clientId")


@input_type
class CreateClientInput:
    """A new client of an Oempro user (`Client.Create`)."""

    owner_id: strawberry.ID | None = optional(
        "The user it belongs to (an Account global ID); required with an admin login, and "
        "with a user login the login's own user."
    )
    name: str = strawberry.field(description="The client's name.")
    username: str = strawberry.field(description="Its login name (unique in the install).")
    password: str = strawberry.field(description="Its password; never shown again.")
    email: str = strawberry.field(description="Its address (unique in the install).")


@input_type
class UpdateClientInput(OemproClientInput):
    """Change an Oempro client: only the values given."""

    name: str | None = optional("Its new name.")
    username: str | None = optional("Its new login name.")
    email: str | None = optional("Its new address.")
    password: str | None = optional("A new password; never shown again.")
    active: bool | None = optional("Enabled or disabled.")


@input_type
class AssignClientListsInput(OemproClientInput):
    """The lists an Oempro client sees: exactly these from now on."""

    list_ids: list[strawberry.ID] = strawberry.field(
        description=f"The user's lists: MailingList global IDs or plain ids; 1 to {MAX_IDS} "
        "(ids that are not the user's are ignored by Oempro)."
    )


@input_type
class AssignClientCampaignsInput(OemproClientInput):
    """The campaigns an Oempro client sees: exactly these from now on."""

    campaign_ids: list[strawberry.ID] = strawberry.field(
        description=f"The user's campaigns: Campaign global IDs or plain ids; 1 to {MAX_IDS}."
    )


_PATHS = input_paths(
    {
        "ClientID": "clientId",
        "ClientName": "name",
        "ClientUsername": "username",
        "ClientEmailAddress": "email",
        "ClientAccountStatus": "active",
        "SubscriberListIDs": "listIds",
        "CampaignIDs": "campaignIds",
        "UserID": "ownerId",
    }
)


def _key(info: Info, value: str, *, field: tuple[str, ...]) -> str:
    info.context.oempro()
    decoded = decode_id(value, expect="Account", field=field)
    if decoded.platform is not _P:
        raise BadUserInput(f"{value!r} is not an Oempro account", field=field)
    return decoded.key


async def _client(info: Info, value: str) -> ClientTarget:
    parsed = account_target(_key(info, value, field=_CLIENT_FIELD), field=_CLIENT_FIELD)
    if parsed.kind != "client":
        raise BadUserInput("name an Oempro client, not a user", field=_CLIENT_FIELD, platform=_P)
    return await ClientTarget.of(info, parsed, field=_CLIENT_FIELD)


def _numbers(values: Sequence[str], *, expect: str, name: str) -> list[int]:
    """Plain ids or global IDs (read in any scope) of the user's lists or campaigns."""
    if not values or len(values) > MAX_IDS:
        raise BadUserInput(f"name 1 to {MAX_IDS} ids", field=("input", name), platform=_P)
    numbers = []
    for index, value in enumerate(values):
        field = ("input", name, str(index))
        number = plain_legacy_id(value.strip(), field=field, what=expect)
        if number is None:
            decoded = decode_id(value, expect=expect, field=field)
            owned = split_owned_key(decoded.key) if decoded.platform is _P else None
            number = legacy_number(owned[1]) if owned is not None else None
            if number is None:
                raise BadUserInput(f"{value!r} is not an Oempro {expect}", field=field)
        numbers.append(number)
    return numbers


class _Assign(Protocol):
    """An Oempro write that gives a client exactly the objects of the numbers given."""

    def __call__(
        self, data: OemproData, client_id: int, numbers: Sequence[int], /, *, as_user: int | None
    ) -> Awaitable[None]: ...


def _assigning(
    info: Info,
    client_id: str,
    values: Sequence[str],
    assign: _Assign,
    *,
    expect: str,
    name: str,
) -> Awaitable[AccountPayload]:
    """The payload of a mutation that gives a client exactly the ``expect`` objects an input's
    ``name`` field lists, then reads the client back."""

    async def change() -> Account:
        target = await _client(info, client_id)
        ids = _numbers(values, expect=expect, name=name)
        await assign(info.context.oempro(), target.client_id, ids, as_user=target.as_user)
        return await fresh_client(info, target.client_id, target.as_user)

    return AccountPayload.run(change, input_paths=_PATHS)


@strawberry.type
class OemproClientMutation:
    """Mutations on Oempro clients."""

    @mutation
    async def create_client(self, info: Info, input: Input[CreateClientInput]) -> AccountPayload:
        """Create a client of an Oempro user (Client.Create in the user's session), then read it
        back (Clients.Get)."""

        async def change() -> Account:
            data = info.context.oempro()
            as_user: int | None = None
            if input.owner_id is not None:
                owner = account_target(_key(info, input.owner_id, field=("input", "ownerId")))
                if owner.kind != "user" or owner.number is None:
                    raise BadUserInput("a client belongs to a user", field=("input", "ownerId"))
                as_user = (await data.user_scope(owner.number, "clients")).as_user
            elif (await data.caller()).kind == "admin":
                raise BadUserInput(
                    "with an admin login, name the user the client belongs to (ownerId)",
                    field=("input", "ownerId"),
                    platform=_P,
                )
            name = check_not_blank(input.name, field=("input", "name"), what="name")
            if not input.password:
                raise BadUserInput("password must not be empty", field=("input", "password"))
            email = check_email(input.email, field=("input", "email"))
            client_id = await data.create_client(
                name, input.username.strip(), SecretStr(input.password), email, as_user=as_user
            )
            return await fresh_client(info, client_id, as_user)

        return await AccountPayload.run(change, input_paths=_PATHS)

    @mutation
    async def update_client(self, info: Info, input: Input[UpdateClientInput]) -> AccountPayload:
        """Change an Oempro client (Client.Update: Oempro wants its name, login name and address
        every time, so those not given are read first from Clients.Get)."""

        async def change() -> Account:
            target = await _client(info, input.client_id)
            email = check_email(input.email, field=("input", "email")) if input.email else None
            await info.context.oempro().update_client(
                target.client_id,
                name=input.name,
                username=input.username,
                email=email,
                password=SecretStr(input.password) if input.password else None,
                enabled=input.active,
                as_user=target.as_user,
            )
            return await fresh_client(info, target.client_id, target.as_user)

        return await AccountPayload.run(change, input_paths=_PATHS)

    @mutation
    async def assign_client_lists(
        self, info: Info, input: Input[AssignClientListsInput]
    ) -> AccountPayload:
        """Give an Oempro client exactly these lists (Client.AssignSubscriberLists). A user
        cannot read the assignment back; the client's own login sees it."""
        return await _assigning(
            info,
            input.client_id,
            input.list_ids,
            OemproData.assign_client_lists,
            expect="MailingList",
            name="listIds",
        )

    @mutation
    async def assign_client_campaigns(
        self, info: Info, input: Input[AssignClientCampaignsInput]
    ) -> AccountPayload:
        """Give an Oempro client exactly these campaigns (Client.AssignCampaigns)."""
        return await _assigning(
            info,
            input.client_id,
            input.campaign_ids,
            OemproData.assign_client_campaigns,
            expect="Campaign",
            name="campaignIds",
        )
