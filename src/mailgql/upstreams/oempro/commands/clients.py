"""Commands of a user's clients (user scope: ``as_user`` sends one in that user's session for
an admin login), and what a client login reads of its lists and campaigns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from pydantic import SecretStr

from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, record, write
from mailgql.upstreams.oempro.commands._form import enabled_disabled, given, ids
from mailgql.upstreams.oempro.records import Campaign, MailingList, Page

__all__ = [
    "assign_client_campaigns",
    "assign_client_lists",
    "create_client",
    "delete_clients",
    "get_client_campaign",
    "get_client_campaigns",
    "get_client_list",
    "get_client_lists",
    "update_client",
]

V = TypeVar("V")


def _as(command: Command[V], as_user: int | None) -> Command[V]:
    """The command sent in user ``as_user``'s session (None: the login's own)."""
    return replace(command, as_user=as_user)


def create_client(
    name: str, username: str, password: SecretStr, email: str, *, as_user: int | None = None
) -> Command[int]:
    """``Client.Create`` in the user's session; the new client's id."""
    form: Form = [
        ("ClientName", name),
        ("ClientUsername", username),
        ("ClientPassword", password.get_secret_value()),
        ("ClientEmailAddress", email),
    ]
    return _as(created("Client.Create", form, "ClientID"), as_user)


def update_client(
    client_id: int,
    *,
    name: str,
    username: str,
    email: str,
    password: SecretStr | None = None,
    enabled: bool | None = None,
    as_user: int | None = None,
) -> Command[None]:
    """``Client.Update``: name, user name and address are always sent (Oempro requires them);
    the password and status only when given."""
    form: Form = [
        ("ClientID", str(client_id)),
        ("ClientName", name),
        ("ClientUsername", username),
        ("ClientEmailAddress", email),
    ]
    given(form, "ClientPassword", password, SecretStr.get_secret_value)
    given(form, "ClientAccountStatus", enabled, enabled_disabled)
    return _as(write("Client.Update", form), as_user)


def delete_clients(client_ids: Sequence[int], *, as_user: int | None = None) -> Command[None]:
    """``Clients.Delete`` of the user's clients."""
    return _as(write("Clients.Delete", [("Clients", ids(client_ids))]), as_user)


def assign_client_lists(
    client_id: int, list_ids: Sequence[int], *, as_user: int | None = None
) -> Command[None]:
    """``Client.AssignSubscriberLists``: the client's lists become exactly these."""
    form: Form = [("ClientID", str(client_id)), ("SubscriberListIDs", ids(list_ids))]
    return _as(write("Client.AssignSubscriberLists", form), as_user)


def assign_client_campaigns(
    client_id: int, campaign_ids: Sequence[int], *, as_user: int | None = None
) -> Command[None]:
    """``Client.AssignCampaigns``: the client's campaigns become exactly these."""
    form: Form = [("ClientID", str(client_id)), ("CampaignIDs", ids(campaign_ids))]
    return _as(write("Client.AssignCampaigns", form), as_user)


def get_client_lists() -> Command[Page[MailingList]]:
    """``Client.Lists.Get`` (client login): the lists assigned to it."""
    totals = ("TotalListCount",)
    return listing("Client.Lists.Get", [], "Lists", wire.parse_list, totals=totals)


def get_client_list(list_id: int) -> Command[MailingList]:
    """``Client.List.Get`` (client login): one assigned list."""
    return record("Client.List.Get", [("ListID", str(list_id))], "List", wire.parse_list)


def get_client_campaigns() -> Command[Page[Campaign]]:
    """``Client.Campaigns.Get`` (client login): the campaigns assigned to it."""
    totals = ("TotalCampaigns", "TotalCampaignCount")
    return listing("Client.Campaigns.Get", [], "Campaigns", wire.parse_campaign, totals=totals)


def get_client_campaign(campaign_id: int) -> Command[Campaign]:
    """``Client.Campaign.Get`` (client login): one assigned campaign."""
    form: Form = [("CampaignID", str(campaign_id))]
    return record("Client.Campaign.Get", form, "Campaign", wire.parse_campaign)
