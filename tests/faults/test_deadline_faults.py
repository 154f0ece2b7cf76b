"""A platform that hangs while its own timeout is far off: the request's deadline alone ends the
wait. The hung platform's field is UPSTREAM_TIMEOUT, the others answer, and a write cut so has an
unknown outcome, sent once and never applied."""

from __future__ import annotations

import pytest

from tests.faults.conftest import ACROSS, PLATFORM_NAMES, READ_ENDPOINT, open_stage
from tests.idempotency.conftest import ADD_CREDIT, Target

pytestmark = pytest.mark.live

FAR_TIMEOUT = 60.0
"""An upstream timeout (MAILGQL_UPSTREAM_TIMEOUT) no test waits for: only the deadline can end
a hang before :data:`tests.faults.conftest.GUARD`."""
SHORT_DEADLINE = 0.5
"""The request deadline here (MAILGQL_REQUEST_DEADLINE)."""
SETTINGS = {"upstream_timeout": FAR_TIMEOUT, "request_deadline": SHORT_DEADLINE}
WRITE_SETTINGS = {**SETTINGS, "read_retries": 2}
"""For the write: reads are tried again (the default); a write never is."""


@pytest.mark.parametrize("platform", list(PLATFORM_NAMES))
async def test_a_hung_platform_is_given_up_on_at_the_deadline(emulators, server, clean, platform):
    async with open_stage(emulators, server, **SETTINGS) as stage:
        await stage.warm()
        await stage.arm(platform, "hang", endpoint=READ_ENDPOINT[platform], hang_seconds=30)
        body = await stage.result(ACROSS)
    [error] = body["errors"]
    assert error["path"][0] == platform
    assert error["extensions"] == {"code": "UPSTREAM_TIMEOUT", "platform": PLATFORM_NAMES[platform]}
    assert "request deadline was reached" in error["message"]
    for other in PLATFORM_NAMES:
        if other != platform:
            assert body["data"][other] == clean[other]


async def test_a_write_cut_by_the_deadline_is_unknown_sent_once_and_not_applied(emulators, server):
    target = Target.pick(emulators)
    async with open_stage(emulators, server, **WRITE_SETTINGS) as stage:
        await stage.warm()
        await stage.arm("maxmailer", "hang", endpoint="AddCredit", hang_seconds=30)
        response = await stage.post(
            ADD_CREDIT, {"input": {"accountId": target.account_id, "credits": 100}}, key="cut-1"
        )
        [error] = response.json()["errors"]
        assert error["extensions"] == {
            "code": "UPSTREAM_TIMEOUT",
            "platform": "MAXMAILER",
            "outcome": "UNKNOWN",
        }
        assert stage.calls("maxmailer", "AddCredit") == 1
        assert target.added == 0
