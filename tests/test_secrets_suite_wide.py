"""Runs last: no secret an emulator seeded reached any gateway response or log line of the suite
(of this process's share of it, when the suite runs in several: each test is also checked as it
ends, by ``tests/conftest.py``).

The watch (``tests/conftest.py``) keeps every body a gateway answered to a test client and every
record of the gateway's loggers (at DEBUG) and of its libraries, for every test outside
``tests/emulators``. This test adds a broad document of its own on every platform, so that it
checks something even when run alone.
"""

from mailgql.emulators import build_emulators
from tests.conftest import WATCH, open_gateway

EVERYTHING = """{
  accounts(first: 200) { nodes { id platform username name email phone status
    parent { id } quota { sendLimit sendsAvailable subscribers }
    lists { nodes { id name customFields(first: 1) { totalCount }
                    autoResponders(first: 1) { totalCount } hooks { url } } }
    campaigns(first: 5) { nodes { id subject status } } } }
  campaigns(first: 20) { nodes { id subject status stats { sent uniqueOpens } } }
}"""


async def test_no_seeded_secret_reached_a_response_or_a_log_line():
    for size in ("small", "large"):
        WATCH.add_emulators(build_emulators(seed=1, size=size))
    async with open_gateway(build_emulators(seed=1)) as gateway:
        body = await gateway.result(EVERYTHING)
        assert body["data"]["accounts"]["nodes"], body
    assert WATCH.secrets, "the emulators seed secrets: the watch must know them"
    assert WATCH.bodies
    assert WATCH.logs
    assert WATCH.leaks() == []
