"""Logs: one JSON object a line, each with the id of the request it was written for, the id the
answer returns in ``X-Request-Id``; no secret in any line."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

import pytest

from mailgql.auth.keys import new_key
from mailgql.auth.roles import Role
from mailgql.telemetry import JsonFormatter, RequestIdFilter
from tests.conftest import Gateway, open_gateway
from tests.telemetry.test_metrics import DASHBOARD


class Lines(logging.Handler):
    """The gateway's log records, as the JSON lines ``MAILGQL_LOG_FORMAT=json`` writes."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    def objects(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.lines]


@pytest.fixture
def logs() -> Iterator[Lines]:
    handler = Lines()
    logger = logging.getLogger("mailgql")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


async def test_the_request_line_carries_the_id_the_answer_returns(gateway: Gateway, logs: Lines):
    response = await gateway.post("query Accounts { accounts(platform: V2REST) { totalCount } }")
    request_id = response.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    [line] = [o for o in logs.objects() if o["logger"] == "mailgql.request"]
    assert line["request_id"] == request_id
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("POST", "/graphql", 200)
    assert (line["operation"], line["outcome"]) == ("Accounts", "success")
    assert isinstance(line["duration_ms"], float)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", str(line["time"]))
    # The upstream call logged while serving it carries the same id.
    upstream = [o for o in logs.objects() if o["logger"] == "mailgql.upstream"]
    assert upstream
    assert {o["request_id"] for o in upstream} == {request_id}


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("b6c8a1f0-3e4d-4c2a-9f1e-7a5b2c9d0e11", True),
        ("edge:lb-7/req=42", True),
        ("two words", False),
        ('quoted"id', False),
        ("x" * 129, False),
        ("", False),
    ],
)
async def test_a_sane_incoming_id_is_kept_and_any_other_replaced(
    gateway: Gateway, logs: Lines, sent: str, kept: bool
):
    response = await gateway.client.get("/healthz", headers={"X-Request-Id": sent})
    returned = response.headers["x-request-id"]
    if kept:
        assert returned == sent
    else:
        assert re.fullmatch(r"[0-9a-f]{32}", returned)
    [line] = [o for o in logs.objects() if o["logger"] == "mailgql.request"]
    assert line["request_id"] == returned


async def test_every_answer_carries_a_request_id_under_the_configured_header(emulators):
    key, entry = new_key(Role.ADMIN)
    async with open_gateway(
        emulators, api_keys=entry.entry, request_id_header="X-Correlation-Id"
    ) as gateway:
        answers = [
            await gateway.client.get("/healthz"),
            await gateway.client.get("/nowhere"),
            await gateway.client.get("/metrics"),
            await gateway.post("{ me(platform: V2REST) { username } }"),
        ]
        assert [a.status_code for a in answers] == [200, 404, 401, 401]
        ids = [a.headers["x-correlation-id"] for a in answers]
        assert len(set(ids)) == 4
        assert all("x-request-id" not in a.headers for a in answers)


async def test_no_secret_reaches_the_logs(gateway: Gateway, logs: Lines):
    await gateway.query(DASHBOARD)
    await gateway.result(
        'mutation { deleteAccount(input: { accountId: "bad" }) { userErrors { code } } }'
    )
    assert len(logs.lines) > 10
    secrets = {s for p in gateway.emulators.platforms.values() for s in p.secrets() if len(s) >= 6}
    assert secrets
    assert [s for s in secrets if any(s in line for line in logs.lines)] == []


def test_a_record_written_outside_a_request_has_no_request_id():
    record = logging.LogRecord("mailgql", logging.WARNING, __file__, 1, "idle %s", ("now",), None)
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "idle now"
    assert "request_id" not in line
