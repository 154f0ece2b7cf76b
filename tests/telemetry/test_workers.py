"""``mailgql serve --workers 2`` as deployed: JSON log lines with each request's id, and
``/metrics`` that counts every worker's requests whichever worker answers it (prometheus-client's
multiprocess mode, in a directory ``serve`` makes and removes)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from mailgql.emulators import Emulators, RunningServer
from tests.telemetry.scrape import samples

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
WITHIN = 30.0
PING = "query Ping { me(platform: V2REST) { username } }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _lines(log: Path) -> list[dict[str, object]]:
    """The complete JSON lines written so far (uvicorn's own included)."""
    found = []
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{") and line.endswith("}"):
            found.append(json.loads(line))
    return found


def _served_by(log: Path, ids: set[str]) -> dict[str, int]:
    """The worker (pid) that logged each of ``ids``, once every one of them is in the log."""
    deadline = time.monotonic() + WITHIN
    while time.monotonic() < deadline:
        pids = {
            str(line["request_id"]): int(str(line["pid"]))
            for line in _lines(log)
            if line.get("logger") == "mailgql.request" and line.get("request_id") in ids
        }
        if len(pids) == len(ids):
            return pids
        time.sleep(0.05)
    pytest.fail(f"request lines missing from the log:\n{log.read_text(errors='replace')}")


def test_two_workers_count_together_and_log_json_lines(
    emulators: Emulators, emulator_server: RunningServer, tmp_path: Path
):
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("MAILGQL_")}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env.update(emulators.gateway_env(emulator_server.url))
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mailgql", "serve", "--port", str(port), "--workers", "2"]
            + ["--insecure-no-auth"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    url = f"http://127.0.0.1:{port}"
    # A new connection for every request, so the kernel hands them to either worker.
    fresh = httpx.Limits(max_keepalive_connections=0)
    try:
        deadline = time.monotonic() + WITHIN
        while len([x for x in _lines(log) if "mailgql ready" in str(x.get("message"))]) < 2:
            assert process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.05)
        ids: set[str] = set()
        with httpx.Client(base_url=url, timeout=10, limits=fresh) as client:
            workers: set[int] = set()
            while len(workers) < 2 and len(ids) < 400:
                for _ in range(20):
                    answer = client.post("/graphql", json={"query": PING})
                    assert answer.status_code == 200, answer.text
                    assert answer.json() == {"data": {"me": {"username": "demo-admin"}}}
                    ids.add(answer.headers["x-request-id"])
                workers = set(_served_by(log, ids).values())
            assert len(workers) == 2, "one worker answered every request"
            for _ in range(6):
                scraped = client.get("/metrics")
                assert scraped.status_code == 200
                counted = {
                    dict(labels)["outcome"]: value
                    for (name, labels), value in samples(scraped.text).items()
                    if name == "mailgql_requests_total" and ("operation", "Ping") in labels
                }
                # The first answer was executed; the answer cache kept it for the rest.
                assert sum(counted.values()) == len(ids)
                assert counted["success"] >= 1
        lines = [x for x in _lines(log) if x.get("request_id") in ids]
        assert {x["logger"] for x in lines} == {"mailgql.request"}
        assert {x["path"] for x in lines} == {"/graphql"}
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(WITHIN)
    assert status == 0, log.read_text(errors="replace")
    leftover = [
        x for x in _lines(log) if "PROMETHEUS" in str(x.get("message")) or x.get("level") == "ERROR"
    ]
    assert leftover == []
