"""The rest of the clients (contract §12): one assigned list or campaign, the reset flow.

``Client.List.Get`` and ``Client.Campaign.Get`` run in a client session and see only what the
client's user assigned to it; ``Client.PasswordRemind`` and ``Client.PasswordReset`` need no
session (the reminder mails a link with the MD5 of the client's id, the reset a new password).
"""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import CLIENT, Call, CommandTable, requires
from mailgql.emulators.oempro.commands.password_reset import ResetFlow, register_reset_flow
from mailgql.emulators.oempro.envelope import Outcome, fail, ok

__all__ = ["COMMANDS"]

COMMANDS = CommandTable()


@COMMANDS.register("Client.List.Get", CLIENT)
@requires(("ListID", 1, "List id is missing"))
def client_list_get(call: Call) -> Outcome:
    """``Client.List.Get``: one list assigned to the client; 2 when it is not."""
    list_id = call.params.integer("ListID")
    if list_id is None or list_id not in call.client.list_ids or list_id not in call.state.lists:
        return fail((2, "List is not assigned to this client"))
    return ok(List=call.state.lists[list_id].row())


@COMMANDS.register("Client.Campaign.Get", CLIENT)
@requires(("CampaignID", 1, "Campaign id is missing"))
def client_campaign_get(call: Call) -> Outcome:
    """``Client.Campaign.Get``: one campaign assigned to the client; 2 when it is not."""
    campaign_id = call.params.integer("CampaignID")
    assigned = campaign_id is not None and campaign_id in call.client.campaign_ids
    if not assigned or campaign_id not in call.state.campaigns:
        return fail((2, "Campaign is not assigned to this client"))
    return ok(Campaign=call.state.campaigns[campaign_id].row())


register_reset_flow(
    COMMANDS,
    ResetFlow(
        "Client",
        "client",
        lambda state: state.clients.values(),
        password_column="ClientPassword",
        address_column="ClientEmailAddress",
    ),
)
