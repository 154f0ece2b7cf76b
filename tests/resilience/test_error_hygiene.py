"""What errors tell clients: code, platform, legacy code and message. Upstream endpoints and
commands, HTTP statuses and session details go to the log, and to clients only with
MAILGQL_DEBUG_ERRORS."""

from __future__ import annotations

import logging

import pytest

from mailgql.graph.errors import error_details, extensions_for, message_for, user_error_from
from mailgql.platforms import Platform
from mailgql.upstreams._wire import bad_answer, server_failed
from mailgql.upstreams.errors import UpstreamInvalidInput, UpstreamUnauthenticated
from mailgql.upstreams.oempro.error_codes import LegacyError, error_for
from tests.conftest import open_gateway

LISTING = "{ accounts(platform: V2REST) { nodes { username } } }"


async def test_clients_see_no_endpoint_nor_status_and_the_log_keeps_both(gateway, caplog):
    caplog.set_level(logging.WARNING, logger="mailgql.graph")
    await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
    body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "UPSTREAM_UNAVAILABLE",
        "platform": "V2REST",
        "legacyCode": "503",  # v2 REST's own codes are its HTTP statuses
    }
    assert error["message"] == "v2 REST failed on the call"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "GET /Users/SubAccounts" in logged
    assert "http_status=503" in logged


async def test_with_debug_errors_clients_see_the_endpoint_and_status(emulators):
    async with open_gateway(emulators, debug_errors=True) as gateway:
        await gateway.fault(platform="v2rest", kind="status", status=503, count=None)
        body = await gateway.result(LISTING)
    [error] = body["errors"]
    assert error["extensions"]["operation"] == "GET /Users/SubAccounts"
    assert error["extensions"]["httpStatus"] == 503
    assert error["message"] == "v2 REST failed on GET /Users/SubAccounts (HTTP 503)"


def _fresh_session_refused() -> UpstreamUnauthenticated:
    return UpstreamUnauthenticated(
        "Oempro rejected a fresh session of user 3 (from User.Switch) on Lists.Get too; check "
        "that the user is enabled",
        platform=Platform.OEMPRO,
        operation="Lists.Get",
        legacy_code=99998,
        http_status=200,
    )


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (
            server_failed(Platform.MAXMAILER, "ListUsers", 502),
            "Maxmailer failed on the call",
        ),
        (
            bad_answer(Platform.V2REST, "GET /Users/InheritLists", "a body that is not JSON", 200),
            "v2 REST answered the call with a body that is not JSON",
        ),
        (
            _fresh_session_refused(),
            "Oempro rejected a fresh session of user 3 on the call too; check that the user is "
            "enabled",
        ),
        (
            error_for("Campaign.Update", [LegacyError(5, "Invalid date")]),
            "Oempro refused the call (code 5): Invalid date",
        ),
    ],
)
def test_messages_name_no_endpoint_command_or_status(error, shown):
    assert message_for(error) == shown
    assert "operation" not in extensions_for(error)
    assert "httpStatus" not in extensions_for(error)
    with error_details(True):
        assert message_for(error) == error.message
        assert extensions_for(error)["operation"] == error.operation


def test_user_errors_name_no_command_either():
    refused = UpstreamInvalidInput(
        "Oempro refused Subscriber.Subscribe (code 3): Email address is invalid",
        platform=Platform.OEMPRO,
        operation="Subscriber.Subscribe",
        legacy_code=3,
        legacy_message="Email address is invalid",
    )
    user_error = user_error_from(refused, field=["input", "email"])
    assert user_error.message == "Oempro refused the call (code 3): Email address is invalid"
    assert user_error.legacy_code == "3"
