"""A value the graph refuses is named by where it stands and what was expected, never repeated:
a password in a malformed input does not come back in the error, over any transport."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.test_graphql_streams import HEARTBEAT, SSE, parse_sse, serving, subscribe

PASSWORD = "Gl4cier-Pass-91"
CREATE = (
    "mutation($input: CreateSubAccountInput!) "
    "{ createSubAccount(input: $input) { account { id } } }"
)
SCHEDULE = (
    "mutation($input: ScheduleCampaignInput!) { scheduleCampaign(input: $input) { __typename } }"
)
GRJ = {"Accept": "application/graphql-response+json"}

# (case, document, variables, the value that must not come back, what each message must say)
REFUSALS: list[tuple[str, str, dict[str, Any] | None, str, list[str]]] = [
    (
        "a required field missing",
        CREATE,
        {"input": {"platform": "V2REST", "username": "fjord", "password": PASSWORD}},
        PASSWORD,
        ["Variable '$input'", "'CreateSubAccountInput'", "required field 'email'"],
    ),
    (
        "an unknown field",
        CREATE,
        {
            "input": {
                "platform": "V2REST",
                "username": "fjord",
                "password": PASSWORD,
                "email": "a@fjord.example",
                "pasword": PASSWORD,
            }
        },
        PASSWORD,
        ["'CreateSubAccountInput'", "unknown field 'pasword'"],
    ),
    (
        "a string where an object goes",
        CREATE,
        {"input": PASSWORD},
        PASSWORD,
        ["'CreateSubAccountInput' to be an object"],
    ),
    (
        "a number where a string goes",
        CREATE,
        {
            "input": {
                "platform": "V2REST",
                "username": "fjord",
                "password": 918273645,
                "email": "a@fjord.example",
            }
        },
        "918273645",
        ["at .password", "String cannot represent a non string value"],
    ),
    (
        "an enum value that does not exist",
        CREATE,
        {
            "input": {
                "platform": PASSWORD,
                "username": "fjord",
                "password": "x",
                "email": "a@fjord.example",
            }
        },
        PASSWORD,
        ["at .platform", "does not exist in 'Platform' enum"],
    ),
    (
        "a date-time that does not parse",
        SCHEDULE,
        {"input": {"campaignId": "1", "sendAt": PASSWORD}},
        PASSWORD,
        ["at .sendAt", "'DateTime'", "not an ISO 8601 date-time"],
    ),
    (
        "a literal in the document",
        'mutation { createSubAccount(input: {platform: V2REST, username: "fjord", '
        f'password: "{PASSWORD}"}}) {{ account {{ id }} }} }}',
        None,
        PASSWORD,
        ["'CreateSubAccountInput'", "required field 'email'"],
    ),
]


def _messages(errors: list[dict[str, Any]]) -> str:
    return " | ".join(error["message"] for error in errors)


@pytest.mark.parametrize(
    ("document", "variables", "value", "said"),
    [r[1:] for r in REFUSALS],
    ids=[r[0] for r in REFUSALS],
)
async def test_a_refused_value_does_not_come_back_over_http(document, variables, value, said):
    async with serving() as client:
        response = await client.post(
            "/graphql", json={"query": document, "variables": variables}, headers=GRJ
        )

    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert value not in response.text
    messages = _messages(body["errors"])
    for words in said:
        assert words in messages


async def test_a_refused_value_does_not_come_back_over_sse():
    variables = {"input": {"platform": "V2REST", "username": "f", "password": PASSWORD}}
    async with serving() as client:
        response = await client.post(
            "/graphql", json={"query": CREATE, "variables": variables}, headers=SSE
        )

    assert PASSWORD not in response.text
    [(event, payload), _complete] = parse_sse(response.text)
    assert event == "next"
    assert "required field 'email'" in _messages(payload["errors"])


async def test_a_refused_subscription_variable_does_not_come_back_over_a_websocket():
    async with serving() as client:
        payload = {"query": HEARTBEAT, "variables": {"count": PASSWORD}}
        [message] = await subscribe(client, payload, frames=1)

    assert PASSWORD not in json.dumps(message)
    assert message["type"] == "error"
    messages = _messages(message["payload"])
    assert "Variable '$count'" in messages
    assert "Int cannot represent non-integer value" in messages
