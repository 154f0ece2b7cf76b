"""The fixed account mutations on Oempro: who an account key names decides the command.

- ``createSubAccount``: with an admin login a user (``User.Create``, then ``User.Get``); with a
  user login (or an API key) a client of that user (``Client.Create``, then ``Clients.Get``).
- ``deleteAccount``: a user (``Users.Delete``) or a client (``Clients.Delete``, in its user's
  session: an admin login opens it with ``User.Switch``); each read first, so an unknown one is
  NOT_FOUND.
- ``changeAccountPassword``: ``User.Update`` or ``Client.Update`` with the password.
- ``addSendCredit``: ``User.AddCredits`` (clients have no credits).
- ``setAccountStatus`` of a client: ``Client.Update`` with ``ClientAccountStatus`` (users: see
  ``writes``).

The administrator is none of these: asking is a BAD_USER_INPUT naming ``accountId``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import SecretStr

from mailgql.data.oempro import OemproData
from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.ids import legacy_int_id
from mailgql.graph.platforms.oempro.keys import AccountKey, parse_account_key
from mailgql.graph.platforms.oempro.mapping import account_from_client, account_from_user
from mailgql.graph.platforms.oempro.writes import OemproWrites
from mailgql.platforms import Platform
from mailgql.upstreams.oempro.admin_records import UserProfile

if TYPE_CHECKING:
    from mailgql.graph.mutations.accounts import CreateSubAccountInput

__all__ = [
    "INPUT_PATHS",
    "ClientTarget",
    "OemproAccountWrites",
    "account_target",
    "fresh_client",
    "fresh_user",
]

_P = Platform.OEMPRO
_ACCOUNT_FIELD = ("input", "accountId")

INPUT_PATHS: dict[str, tuple[str, ...]] = {
    "UserID": _ACCOUNT_FIELD,
    "Users": _ACCOUNT_FIELD,
    "ClientID": _ACCOUNT_FIELD,
    "Clients": _ACCOUNT_FIELD,
    "Username": ("input", "username"),
    "ClientUsername": ("input", "username"),
    "EmailAddress": ("input", "email"),
    "ClientEmailAddress": ("input", "email"),
    "FirstName": ("input", "name"),
    "ClientName": ("input", "name"),
    "RelUserGroupID": ("input", "userGroupId"),
    "TimeZone": ("input", "timeZone"),
    "Credits": ("input", "credits"),
}
"""The input path of each Oempro parameter a refusal of a fixed account mutation names."""


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def account_target(key: str, *, field: tuple[str, ...] = _ACCOUNT_FIELD) -> AccountKey:
    """A user's or client's account key; the administrator or a malformed key is refused."""
    parsed = parse_account_key(key)
    if parsed is None or parsed.number is None:
        raise BadUserInput(
            f"{key!r} does not name an Oempro user or client", field=field, platform=_P
        )
    return parsed


class ClientTarget:
    """A client named by its account key, and the session of the user it belongs to."""

    def __init__(self, client_id: int, as_user: int | None) -> None:
        self.client_id = client_id
        self.as_user = as_user

    @classmethod
    async def of(
        cls, info: Info, key: AccountKey, *, field: tuple[str, ...] = _ACCOUNT_FIELD
    ) -> ClientTarget:
        """The client of ``key`` (``client:<id>`` of the login's own user, or
        ``client:<UserID>/<id>`` read through an admin login)."""
        assert key.number is not None
        if key.owner is None:
            if _data(info).admin_login:
                raise BadUserInput(
                    "with an admin login, name an Oempro client with its user: the "
                    "client:<UserID>/<ClientID> ID its user's subAccounts give it",
                    field=field,
                    platform=_P,
                )
            return cls(key.number, None)
        scope = await _data(info).user_scope(key.owner, "clients")
        return cls(key.number, scope.as_user)

    async def update(
        self, info: Info, *, password: SecretStr | None = None, enabled: bool | None = None
    ) -> Account:
        """``Client.Update`` of the password or the status alone (the rest stays as the client
        has it), then the client read back."""
        await _data(info).update_client(
            self.client_id,
            name=None,
            username=None,
            email=None,
            password=password,
            enabled=enabled,
            as_user=self.as_user,
        )
        return await fresh_client(info, self.client_id, self.as_user)


async def fresh_user(info: Info, user_id: int) -> Account:
    """A user read back after a write (``User.Get``)."""
    user = await _data(info).user(user_id)
    if user is None:
        raise NotFound(f"Oempro has no user {user_id}", platform=_P, field=_ACCOUNT_FIELD)
    return account_from_user(user)


async def fresh_client(info: Info, client_id: int, as_user: int | None) -> Account:
    """A client read back after a write (the user's ``Clients.Get``)."""
    found = await _data(info).find_client(client_id, as_user=as_user)
    if found is None:
        raise NotFound(f"Oempro shows no client {client_id}", platform=_P, field=_ACCOUNT_FIELD)
    return account_from_client(found, as_user)


class OemproAccountWrites(OemproWrites):
    """The fixed account mutations, on Oempro's users and clients."""

    async def create_sub_account(self, info: Info, input: CreateSubAccountInput) -> Account:
        """A user (admin login: ``User.Create``) or a client (``Client.Create``)."""
        data = _data(info)
        if (await data.caller()).kind == "admin":
            if input.user_group_id is None:
                raise BadUserInput(
                    "an Oempro user needs its plan: give userGroupId",
                    field=("input", "userGroupId"),
                    platform=_P,
                )
            group = legacy_int_id(
                input.user_group_id,
                expect="UserGroup",
                platform=_P,
                field=("input", "userGroupId"),
            )
            profile = UserProfile(
                email=input.email.strip(),
                username=input.username.strip(),
                password=SecretStr(input.password),
                group_id=group,
                first_name=input.name,
                last_name=input.last_name,
                company_name=input.company_name,
                timezone=input.time_zone or "UTC",
                language=input.language or "en",
            )
            return await fresh_user(info, await data.create_user(profile))
        name = (input.name or input.username).strip()
        client_id = await data.create_client(
            name,
            input.username.strip(),
            SecretStr(input.password),
            input.email.strip(),
            as_user=None,
        )
        return await fresh_client(info, client_id, None)

    async def set_account_status(self, info: Info, key: str, *, active: bool) -> Account:
        """A client's ``ClientAccountStatus`` (``Client.Update``); a user's as ``writes`` does."""
        parsed = parse_account_key(key)
        if parsed is None or parsed.kind != "client" or parsed.number is None:
            return await super().set_account_status(info, key, active=active)
        target = await ClientTarget.of(info, parsed)
        return await target.update(info, enabled=active)

    async def delete_account(self, info: Info, key: str) -> None:
        """``Users.Delete`` of a user, or ``Clients.Delete`` of a client."""
        parsed = account_target(key)
        assert parsed.number is not None
        if parsed.kind == "user":
            await _data(info).delete_user(parsed.number)
            return
        target = await ClientTarget.of(info, parsed)
        await _data(info).delete_client(target.client_id, as_user=target.as_user)

    async def change_account_password(self, info: Info, key: str, password: SecretStr) -> Account:
        """``User.Update`` or ``Client.Update`` with the new password."""
        if not password.get_secret_value():
            raise BadUserInput("password must not be empty", field=("input", "password"))
        parsed = account_target(key)
        assert parsed.number is not None
        data = _data(info)
        if parsed.kind == "user":
            await data.update_user(parsed.number, UserProfile(password=password))
            return await fresh_user(info, parsed.number)
        target = await ClientTarget.of(info, parsed)
        return await target.update(info, password=password)

    async def add_send_credit(self, info: Info, key: str, credits: int) -> Account:
        """``User.AddCredits`` (the user's ``AvailableCredits``), then ``User.Get``."""
        parsed = account_target(key)
        assert parsed.number is not None
        if parsed.kind != "user":
            raise BadUserInput(
                "Oempro clients have no send credits; name a user",
                field=_ACCOUNT_FIELD,
                platform=_P,
            )
        await _data(info).add_user_credits(parsed.number, credits)
        return await fresh_user(info, parsed.number)
