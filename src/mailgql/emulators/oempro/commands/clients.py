"""Clients (contract §12): a user manages them; a client session sees only its assignments."""

from __future__ import annotations

import functools

from mailgql.emulators.oempro.commands._base import (
    CLIENT,
    USER,
    Call,
    CommandTable,
    Required,
    delete_listed,
    listing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import Client, md5_hex

__all__ = ["COMMANDS"]

COMMANDS = CommandTable()

_NAMES: tuple[Required, ...] = (
    ("ClientName", 1, "Client name is missing"),
    ("ClientUsername", 2, "Client username is missing"),
)
_EMAIL_MISSING: Required = ("ClientEmailAddress", 4, "Client email address is missing")


def _taken(call: Call, column: str, value: str, *, except_id: int | None = None) -> bool:
    """Client user names and addresses are unique across the whole install."""
    return any(
        c[column].lower() == value.lower() and c.id != except_id
        for c in call.state.clients.values()
    )


@COMMANDS.register("Clients.Get", USER)
@requires(
    ("OrderField", 1, "Order field is missing"),
    ("OrderType", 2, "Order type is missing"),
)
def clients_get(call: Call) -> Outcome:
    """``Clients.Get``: the user's clients, unpaged (``OrderTYPE`` works: names fold case)."""
    rows = [c for c in call.state.clients.values() if c.owner_id == call.user.id]
    return listing(call, rows, default="ClientID", key="Clients", total="TotalClientCount")


@COMMANDS.register("Client.Create", USER)
@requires(*_NAMES, ("ClientPassword", 3, "Client password is missing"), _EMAIL_MISSING)
def client_create(call: Call) -> Outcome:
    """``Client.Create``: 1-4 missing, 5 bad address, 6 user name taken, 7 address taken."""
    p = call.params
    username = p.filled("ClientUsername") or ""
    email = call.address("ClientEmailAddress", (5, "Invalid client email address"))
    if _taken(call, "ClientUsername", username):
        return fail((6, "Client username already exists"))
    if _taken(call, "ClientEmailAddress", email):
        return fail((7, "Client email address already exists"))
    client_id = call.state.next_id("client")
    call.state.clients[client_id] = Client(
        ClientID=str(client_id),
        RelOwnerUserID=str(call.user.id),
        ClientName=p.filled("ClientName") or "",
        ClientUsername=username,
        ClientPassword=md5_hex(p.text("ClientPassword") or ""),
        ClientEmailAddress=email,
        ClientAccountStatus="Enabled",
    )
    return ok(ClientID=client_id)


@COMMANDS.register("Client.Update", frozenset({"user", "client"}))
@requires(*_NAMES, _EMAIL_MISSING, ("ClientID", 6, "Client id is missing"))
def client_update(call: Call) -> Outcome:
    """``Client.Update``: codes 1-10; a client session may update only itself."""
    p = call.params
    status = p.filled("ClientAccountStatus")
    if status is not None and status.capitalize() not in {"Enabled", "Disabled"}:
        return fail((5, "Invalid client account status"))
    email = call.address("ClientEmailAddress", (7, "Invalid client email address"))
    client_id = p.integer("ClientID")
    if isinstance(call.principal, Client):
        client = call.principal if client_id == call.principal.id else None
    else:
        client = call.state.owned_client(call.user.id, client_id)
    if client is None:
        return fail((8, "Client not found"))
    username = p.filled("ClientUsername") or ""
    if _taken(call, "ClientUsername", username, except_id=client.id):
        return fail((9, "Client username already exists"))
    if _taken(call, "ClientEmailAddress", email, except_id=client.id):
        return fail((10, "Client email address already exists"))
    client["ClientName"] = p.filled("ClientName") or ""
    client["ClientUsername"] = username
    client["ClientEmailAddress"] = email
    if p.filled("ClientPassword") is not None:
        client["ClientPassword"] = md5_hex(p.text("ClientPassword") or "")
    if status is not None and not isinstance(call.principal, Client):
        client["ClientAccountStatus"] = status.capitalize()
    return ok()


@COMMANDS.register("Clients.Delete", USER)
def clients_delete(call: Call) -> Outcome:
    """``Clients.Delete``: a comma list of ids; other users' clients are left alone."""
    owned = functools.partial(call.state.owned_client, call.user.id)
    return delete_listed(call, "Clients", "Client ids are missing", owned, call.state.delete_client)


def _assign(call: Call, ids_param: str, *, lists: bool) -> Outcome:
    """Replace a client's assigned lists or campaigns with the user's own ones among ``ids``."""
    p = call.params
    errors = []
    if p.filled("ClientID") is None:
        errors.append((1, "Client id is missing"))
    if p.filled(ids_param) is None and not p.ids(ids_param):
        errors.append((2, f"{ids_param} is missing"))
    if errors:
        return fail(*errors)
    client = call.state.owned_client(call.user.id, p.integer("ClientID"))
    if client is None:
        return fail((1, "Invalid client id"))
    owner = call.user.id
    if lists:
        client.list_ids = [i for i in p.ids(ids_param) if call.state.owned_list(owner, i)]
    else:
        client.campaign_ids = [i for i in p.ids(ids_param) if call.state.owned_campaign(owner, i)]
    return ok()


@COMMANDS.register("Client.AssignSubscriberLists", USER)
def client_assign_lists(call: Call) -> Outcome:
    """``Client.AssignSubscriberLists``: the client's lists become exactly these."""
    return _assign(call, "SubscriberListIDs", lists=True)


@COMMANDS.register("Client.AssignCampaigns", USER)
def client_assign_campaigns(call: Call) -> Outcome:
    """``Client.AssignCampaigns``: the client's campaigns become exactly these."""
    return _assign(call, "CampaignIDs", lists=False)


@COMMANDS.register("Client.Lists.Get", CLIENT)
def client_lists_get(call: Call) -> Outcome:
    """``Client.Lists.Get`` (client session): the assigned lists."""
    rows = [call.state.lists[i] for i in sorted(call.client.list_ids) if i in call.state.lists]
    return ok(Lists=[lst.row() for lst in rows], TotalListCount=len(rows))


@COMMANDS.register("Client.Campaigns.Get", CLIENT)
def client_campaigns_get(call: Call) -> Outcome:
    """``Client.Campaigns.Get`` (client session): the assigned campaigns."""
    ids = sorted(call.client.campaign_ids)
    rows = [call.state.campaigns[i] for i in ids if i in call.state.campaigns]
    return ok(Campaigns=[c.row() for c in rows], TotalCampaigns=len(rows))
