"""A client login (MAILGQL_OEMPRO_LOGIN_AS=client): what a user's client sees of Oempro.

A client session reads only what its user assigned to it: its ``me`` is the client, whose
``lists`` are ``Client.Lists.Get`` and whose ``campaigns`` are ``Client.Campaigns.Get`` (one
call each per request); ``node`` finds one assigned list or campaign with ``Client.List.Get`` or
``Client.Campaign.Get``. Everything else of Oempro is a user's or the administrator's, which
Oempro refuses a client with 99999 (FORBIDDEN). 4.x's ``Client.Login`` describes no client, so
``me`` carries the configured login name alone (5.x's ``ClientInfo`` fills in the rest).
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgql.data.oempro import OemproData
from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.lists import MailingList
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.oempro.mapping import campaign_from_record, described_login, to_list
from mailgql.graph.platforms.oempro.nodes import NodeRead, by_number
from mailgql.input_rules import legacy_number
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import Client

__all__ = [
    "CLIENT_LOGIN_KEY",
    "CLIENT_LOGIN_ROLE",
    "client_campaigns",
    "client_lists",
    "client_login_account",
    "client_node",
]

_P = Platform.OEMPRO

CLIENT_LOGIN_ROLE = "client-login"
"""``Account._role`` of the client the gateway is logged in as."""
CLIENT_LOGIN_KEY = "client"
"""Account key of the logged-in client (4.x tells the gateway no client id)."""


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def client_login_account(client: Client | None, username: str) -> Account:
    """The logged-in client, as far as ``Client.Login`` described it."""
    return described_login(
        client, CLIENT_LOGIN_KEY, CLIENT_LOGIN_ROLE, username=username, account_type="client"
    )


async def client_lists(info: Info, window: Window) -> Connection[MailingList]:
    """The lists assigned to the logged-in client (one ``Client.Lists.Get``), paged here."""
    records = await _data(info).client_lists()
    return Connection.slice([to_list(r) for r in records], window)


async def client_campaigns(info: Info, window: Window) -> Connection[Campaign]:
    """The campaigns assigned to the logged-in client (one ``Client.Campaigns.Get``)."""
    records = await _data(info).client_campaigns()
    return Connection.slice([campaign_from_record(r) for r in records], window)


_ASSIGNED: Mapping[str, NodeRead] = {
    "MailingList": by_number(lambda data, n, _: data.client_list(n), to_list),
    "Campaign": by_number(lambda data, n, _: data.client_campaign(n), campaign_from_record),
}
"""What a client login finds by number: its assigned lists and campaigns."""


async def client_node(info: Info, type_name: str, key: str) -> Node | None:
    """One assigned list or campaign by the key of its global ID; None when not assigned."""
    number = legacy_number(key)
    read = _ASSIGNED.get(type_name)
    if number is None or read is None:
        return None
    return await read(_data(info), number, None)
