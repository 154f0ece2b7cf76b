"""UpstreamHttp: bounded calls in flight, read-only retries with doubling backoff, redaction."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from mailgql.emulators.v2rest import V2REST_ADMIN_TOKEN
from mailgql.platforms import Platform
from mailgql.settings import HttpConfig
from mailgql.upstreams._http import UpstreamHttp, redact
from mailgql.upstreams.errors import UpstreamError, UpstreamTimeout, UpstreamUnavailable
from mailgql.upstreams.v2rest import V2RestClient
from tests.conftest import gateway_settings


def http_config(**changes: float) -> HttpConfig:
    """Plumbing settings for a test: retries without waiting unless asked."""
    values: dict[str, float] = {
        "timeout": 5.0,
        "connect_timeout": 5.0,
        "concurrency": 4,
        "max_connections": 20,
        "read_retries": 2,
        "retry_backoff": 0.0,
        "breaker_failures": 5,
    }
    values.update(changes)
    return HttpConfig(
        timeout=values["timeout"],
        connect_timeout=values["connect_timeout"],
        concurrency=int(values["concurrency"]),
        max_connections=int(values["max_connections"]),
        read_retries=int(values["read_retries"]),
        retry_backoff=values["retry_backoff"],
        breaker_failures=int(values["breaker_failures"]),
    )


class GatedTransport(httpx.AsyncBaseTransport):
    """Holds every request until the test opens the gate; records the most seen at once."""

    def __init__(self, *, wanted_in_flight: int) -> None:
        self.gate = asyncio.Event()
        self.reached = asyncio.Event()
        self.wanted_in_flight = wanted_in_flight
        self.in_flight = 0
        self.most_in_flight = 0
        self.served = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Count the request in, wait for the gate, count it out."""
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        if self.in_flight >= self.wanted_in_flight:
            self.reached.set()
        try:
            await self.gate.wait()
        finally:
            self.in_flight -= 1
        self.served += 1
        return httpx.Response(200, json={"n": self.served})


class ScriptedTransport(httpx.AsyncBaseTransport):
    """Answers from a script: a status code, or an exception to raise; the last entry repeats."""

    def __init__(self, *script: int | Callable[[httpx.Request], Exception]) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """The next scripted answer."""
        self.requests.append(request)
        step = self.script[min(len(self.requests), len(self.script)) - 1]
        if callable(step):
            raise step(request)
        return httpx.Response(step, text=f"answer {len(self.requests)}")


@pytest.fixture
async def closing() -> AsyncIterator[list[httpx.AsyncClient]]:
    """httpx clients to close after the test."""
    clients: list[httpx.AsyncClient] = []
    yield clients
    for client in clients:
        await client.aclose()


def upstream(
    transport: httpx.AsyncBaseTransport,
    config: HttpConfig,
    closing: list[httpx.AsyncClient],
) -> UpstreamHttp:
    """An UpstreamHttp for the v2 platform over ``transport``."""
    client = httpx.AsyncClient(transport=transport, base_url="http://upstream")
    closing.append(client)
    return UpstreamHttp(Platform.V2REST, client, config)


# --- bounded concurrency ------------------------------------------------------------------------


@pytest.mark.parametrize("concurrency", [1, 4, 7])
async def test_calls_in_flight_never_exceed_the_configured_concurrency(concurrency, closing):
    transport = GatedTransport(wanted_in_flight=concurrency)
    http = upstream(transport, http_config(concurrency=concurrency), closing)
    sends = [
        asyncio.create_task(http.send("GET", f"/r/{n}", operation="GET /r", read=True))
        for n in range(20)
    ]
    # Every task is queued before this one resumes: the ones not let through by the semaphore
    # would be inside the transport by now.
    await asyncio.wait_for(transport.reached.wait(), timeout=10)
    assert transport.in_flight == concurrency
    transport.gate.set()
    responses = await asyncio.gather(*sends)
    assert [r.status_code for r in responses] == [200] * 20
    assert transport.most_in_flight == concurrency
    assert transport.served == 20


async def test_a_failed_call_gives_its_slot_back(closing):
    transport = ScriptedTransport(lambda r: httpx.ConnectError("refused", request=r))
    http = upstream(transport, http_config(concurrency=1, read_retries=0), closing)
    for _ in range(3):
        with pytest.raises(UpstreamUnavailable):
            await http.send("GET", "/r", operation="GET /r", read=True)
    assert len(transport.requests) == 3


# --- retries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("retries", [0, 1, 2, 5])
async def test_a_read_is_tried_1_plus_read_retries_times_on_5xx(retries, closing):
    transport = ScriptedTransport(503)
    # The circuit stays closed, however many 5xx in a row: only the retries are counted here.
    http = upstream(transport, http_config(read_retries=retries, breaker_failures=0), closing)
    response = await http.send("GET", "/r", operation="GET /r", read=True)
    # The last 5xx comes back as a response, so the adapter can read any error envelope in it.
    assert response.status_code == 503
    assert response.text == f"answer {1 + retries}"
    assert len(transport.requests) == 1 + retries


async def test_a_read_that_recovers_returns_the_good_answer(closing):
    transport = ScriptedTransport(502, 500, 200)
    http = upstream(transport, http_config(read_retries=2), closing)
    response = await http.send("GET", "/r", operation="GET /r", read=True)
    assert (response.status_code, response.text) == (200, "answer 3")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "GET"])
async def test_a_write_is_never_retried(method, closing):
    transport = ScriptedTransport(503, 200)
    http = upstream(transport, http_config(read_retries=3), closing)
    response = await http.send(method, "/r", operation=f"{method} /r", read=False)
    assert response.status_code == 503
    assert len(transport.requests) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 200, 201])
async def test_an_answer_below_500_is_not_retried(status, closing):
    transport = ScriptedTransport(status, 200)
    http = upstream(transport, http_config(read_retries=3), closing)
    response = await http.send("GET", "/r", operation="GET /r", read=True)
    assert response.status_code == status
    assert len(transport.requests) == 1


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (lambda r: httpx.ConnectError("refused", request=r), UpstreamUnavailable),
        (lambda r: httpx.ReadError("reset by peer", request=r), UpstreamUnavailable),
        (lambda r: httpx.RemoteProtocolError("bad status line", request=r), UpstreamUnavailable),
        (lambda r: httpx.ConnectTimeout("no SYN-ACK", request=r), UpstreamTimeout),
        (lambda r: httpx.ReadTimeout("no answer", request=r), UpstreamTimeout),
    ],
    ids=["connect", "read", "protocol", "connect-timeout", "read-timeout"],
)
async def test_transport_errors_map_to_the_tree_and_reads_retry_them(raised, expected, closing):
    transport = ScriptedTransport(raised)
    http = upstream(transport, http_config(read_retries=2), closing)
    with pytest.raises(UpstreamError) as caught:
        await http.send("GET", "/r", operation="GET /Users/SubAccounts", read=True)
    error = caught.value
    assert type(error) is expected
    assert (error.platform, error.operation) == (Platform.V2REST, "GET /Users/SubAccounts")
    assert isinstance(error.__cause__, httpx.TransportError)
    assert len(transport.requests) == 3

    transport.requests.clear()
    with pytest.raises(expected):
        await http.send("PUT", "/r", operation="PUT /Users/SubAccounts", read=False)
    assert len(transport.requests) == 1


async def test_a_read_recovers_from_a_transport_error(closing):
    transport = ScriptedTransport(lambda r: httpx.ReadTimeout("slow", request=r), 200)
    http = upstream(transport, http_config(read_retries=1), closing)
    response = await http.send("GET", "/r", operation="GET /r", read=True)
    assert response.status_code == 200
    assert len(transport.requests) == 2


async def test_retry_backoff_doubles_and_no_wait_follows_the_last_try(monkeypatch, caplog, closing):
    waits: list[float] = []

    async def no_wait(delay: float) -> None:
        waits.append(delay)

    monkeypatch.setattr(asyncio, "sleep", no_wait)
    caplog.set_level(logging.INFO, logger="mailgql.upstream")
    transport = ScriptedTransport(503)
    http = upstream(transport, http_config(read_retries=3, retry_backoff=0.25), closing)
    http.jitter = lambda: 1.0  # the top of the jitter's range: the full doubling backoff
    await http.send("GET", "/r", operation="GET /Users/SubAccounts", read=True)
    assert waits == [0.25, 0.5, 1.0]
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert retries == [
        "retrying v2rest GET /Users/SubAccounts in 0.25s (try 2 of 4)",
        "retrying v2rest GET /Users/SubAccounts in 0.50s (try 3 of 4)",
        "retrying v2rest GET /Users/SubAccounts in 1.00s (try 4 of 4)",
    ]


async def test_a_write_never_waits(monkeypatch, closing):
    waits: list[float] = []

    async def no_wait(delay: float) -> None:
        waits.append(delay)

    monkeypatch.setattr(asyncio, "sleep", no_wait)
    transport = ScriptedTransport(503)
    http = upstream(transport, http_config(read_retries=3, retry_backoff=0.25), closing)
    await http.send("POST", "/r", operation="POST /r", read=False)
    assert waits == []


# --- redaction ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "https://oempro.example.com/api.php?Command=Subscribers.Get&SessionID=a1b2c3&ListID=4",
            "https://oempro.example.com/api.php?Command=Subscribers.Get&SessionID=***&ListID=4",
        ),
        (
            "Command=User.Login&Username=admin&Password=hunter2&ResponseFormat=JSON",
            "Command=User.Login&Username=admin&Password=***&ResponseFormat=JSON",
        ),
        (
            "https://oempro.example.com/api.php?APIKey=K-99f0&Command=Lists.Get",
            "https://oempro.example.com/api.php?APIKey=***&Command=Lists.Get",
        ),
        (
            "https://mx.example.com/api.php?login_id=L-7781&method=campaigns",
            "https://mx.example.com/api.php?login_id=***&method=campaigns",
        ),
        (
            "email=a%40example.com&apikey=subs-key-1&name=Anna",
            "email=a%40example.com&apikey=***&name=Anna",
        ),
        (
            "https://x.example.com/v2.0/feed?token=t0k3n",
            "https://x.example.com/v2.0/feed?token=***",
        ),
        (
            "sessionid=s1&PASSWORD=p2&ApiKey=k3&LOGIN_ID=l4&Token=t5",
            "sessionid=***&PASSWORD=***&ApiKey=***&LOGIN_ID=***&Token=***",
        ),
        (
            "AdminAPIKey=a1&ClientPassword=c2&SMTP_Pass=s3&smtp_user=u4&apitoken=t5",
            "AdminAPIKey=***&ClientPassword=***&SMTP_Pass=***&smtp_user=***&apitoken=***",
        ),
    ],
    ids=["sessionid", "password", "apikey", "login_id", "form-apikey", "token", "case", "more"],
)
def test_redact_masks_credential_values(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "https://x.example.com/api.php?Command=Lists.Get&ListID=12&Username=admin",
        "accountName=lund_tech&limit=1000&offset=0",
        "https://x.example.com/v2.0/Users/InheritLists?accountName=password_shop",
    ],
)
def test_redact_leaves_other_parameters_alone(text):
    assert redact(text) == text


def test_redact_masks_an_empty_value_and_every_occurrence():
    assert redact("Password=&x=1&password=again") == "Password=***&x=1&password=***"


# --- logs ---------------------------------------------------------------------------------------


async def test_the_debug_line_shows_the_call_with_credentials_masked(caplog, closing):
    caplog.set_level(logging.DEBUG, logger="mailgql.upstream")
    transport = ScriptedTransport(200)
    http = upstream(transport, http_config(), closing)
    await http.send(
        "GET",
        "/api.php",
        operation="Subscribers.Get",
        read=True,
        params={"Command": "Subscribers.Get", "SessionID": "sess-31337", "ListID": "4"},
    )
    [line] = [r for r in caplog.records if r.name == "mailgql.upstream"]
    assert line.levelno == logging.DEBUG
    text = line.getMessage()
    assert text.startswith("v2rest Subscribers.Get http://upstream/api.php?")
    assert "SessionID=***" in text
    assert "-> 200 in " in text
    assert "sess-31337" not in text


async def test_logs_never_hold_the_token_or_a_password(emulators, caplog):
    caplog.set_level(logging.DEBUG)
    password = "pw-Zq81-distinctive"
    settings = gateway_settings(emulators, "http://emu")
    assert settings.v2rest is not None
    client = V2RestClient.create(
        settings.v2rest, settings.http, transport=httpx.ASGITransport(app=emulators.app)
    )
    wrong_settings = gateway_settings(emulators, "http://emu", v2rest_token="tok-wrong-7c4e2a")
    assert wrong_settings.v2rest is not None
    wrong = V2RestClient.create(
        wrong_settings.v2rest,
        wrong_settings.http,
        transport=httpx.ASGITransport(app=emulators.app),
    )
    try:
        await client.create_sub_account(
            account_name="log_check",
            password=password,
            owner_email="log@example.com",
            allowed_domains=["@example.com"],
        )
        await client.get_sub_accounts(limit=1000)
        await client.get_inherited_lists("log_check")
        with pytest.raises(UpstreamError):
            await wrong.get_sub_accounts()
    finally:
        await client.aclose()
        await wrong.aclose()
    lines = [r.getMessage() for r in caplog.records]
    upstream_lines = [r.getMessage() for r in caplog.records if r.name == "mailgql.upstream"]
    assert len(upstream_lines) == 4  # one debug line per call
    assert any("POST /Users/SubAccounts" in line for line in upstream_lines)
    for line in lines:
        assert V2REST_ADMIN_TOKEN not in line
        assert "tok-wrong-7c4e2a" not in line
        assert password not in line
