"""The fixed names this platform brought into the schema keep their shapes."""

from __future__ import annotations

import graphql
import pytest

from mailgql.graph import build_schema

# graphql-core's view of the schema, built from the SDL the gateway prints: what clients see.
SCHEMA = graphql.build_schema(build_schema().as_str())

FIXED = {
    "Query": {"listSubscription": ("ListSubscription", {"listId": "ID!", "email": "String!"})},
    "Mutation": {
        "deleteAccount": ("DeleteAccountPayload!", {"input": "DeleteAccountInput!"}),
        "changeAccountPassword": ("AccountPayload!", {"input": "ChangeAccountPasswordInput!"}),
        "addSendCredit": ("AccountPayload!", {"input": "AddSendCreditInput!"}),
        "subscribe": ("ListSubscriptionPayload!", {"input": "SubscribeInput!"}),
        "unsubscribe": ("ListSubscriptionPayload!", {"input": "UnsubscribeInput!"}),
    },
    "Campaign": {
        "id": ("ID!", {}),
        "platform": ("Platform!", {}),
        "subject": ("String", {}),
        "status": ("CampaignStatus!", {}),
        "from": ("String", {}),
        "startedAt": ("DateTime", {}),
        "finishedAt": ("DateTime", {}),
        # nullable since issue 15: a failed GetCamp nulls the stats alone, not the campaign
        "stats": ("CampaignStats", {}),
    },
    "CampaignStats": {
        name: ("Int", {})
        for name in (
            "recipients",
            "sent",
            "pending",
            "failed",
            "bounced",
            "uniqueOpens",
            "totalOpens",
            "uniqueClicks",
            "totalClicks",
            "unsubscribed",
        )
    }
    | {name: ("Float", {}) for name in ("openRate", "clickRate", "bounceRate")},
    "AccountQuota": {
        "sendLimit": ("Int", {}),
        "sendPeriod": ("SendPeriod", {}),
        "sendsAvailable": ("Int", {}),
        "sentThisPeriod": ("Int", {}),
        "listLimit": ("Int", {}),
        "subscriberLimit": ("Int", {}),
        "subscribers": ("Int", {}),
    },
    "ListSubscription": {
        "email": ("String!", {}),
        "name": ("String", {}),
        "subscribedAt": ("DateTime", {}),
        "expiresAt": ("DateTime", {}),
        "active": ("Boolean!", {}),
    },
    "DeleteAccountPayload": {
        "deletedAccountId": ("ID", {}),
        "userErrors": ("[UserError!]!", {}),
    },
    "ListSubscriptionPayload": {
        "subscription": ("ListSubscription", {}),
        "userErrors": ("[UserError!]!", {}),
    },
}
FIXED_INPUTS = {
    "DeleteAccountInput": {"accountId": "ID!"},
    "ChangeAccountPasswordInput": {"accountId": "ID!", "password": "String!"},
    "AddSendCreditInput": {"accountId": "ID!", "credits": "Int!"},
    "SubscribeInput": {
        "listId": "ID!",
        "email": "String!",
        "name": "String",
        "expiresAt": "DateTime",
    },
    "UnsubscribeInput": {"listId": "ID!", "email": "String!"},
}


@pytest.mark.parametrize("type_name", sorted(FIXED))
def test_fixed_fields_keep_their_shapes(type_name):
    graphql_type = SCHEMA.type_map[type_name]
    for field_name, (returns, args) in FIXED[type_name].items():
        field = graphql_type.fields[field_name]
        assert str(field.type) == returns, f"{type_name}.{field_name}"
        assert {a: str(v.type) for a, v in field.args.items()} == args


@pytest.mark.parametrize("type_name", sorted(FIXED_INPUTS))
def test_fixed_inputs_keep_their_fields(type_name):
    fields = SCHEMA.type_map[type_name].fields
    assert {name: str(f.type) for name, f in fields.items()} == FIXED_INPUTS[type_name]


def test_send_periods():
    assert list(SCHEMA.type_map["SendPeriod"].values) == [
        "ONE_TIME",
        "DAILY",
        "WEEKLY",
        "MONTHLY",
    ]
