"""A real ``mailgql demo`` process on a free port of 127.0.0.1, for the tools users point at it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from mailgql.emulators import build_emulators
from mailgql.emulators.v2rest import V2RestEmulator
from mailgql.emulators.v2rest.state import V2RestState

from .example_files import ROOT

STARTS_WITHIN = 30.0
"""Seconds a demo has to answer /healthz (it seeds three emulators first)."""
STOPS_WITHIN = 10.0


@dataclass
class Demo:
    """A running ``mailgql demo``: its base URL, process and log."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def graphql(self) -> str:
        """The GraphQL endpoint (and the GraphiQL page)."""
        return f"{self.url}/graphql"

    def output(self) -> str:
        """What the demo printed so far."""
        return self.log.read_text(errors="replace")

    def query(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """POST one operation and return its ``data`` (failing on any error)."""
        answer = httpx.post(
            self.graphql, json={"query": query, "variables": variables or {}}, timeout=10
        )
        body = answer.json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data


def seeded_v2rest() -> V2RestState:
    """The v2 REST data a fresh demo serves (same seed and size), straight from the emulator."""
    platform = build_emulators().platforms["v2rest"]
    assert isinstance(platform, V2RestEmulator)
    return platform.state


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _spawn(log: Path) -> Demo:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("MAILGQL_")}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mailgql", "demo", "--host", "127.0.0.1", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    return Demo(f"http://127.0.0.1:{port}", process, log)


def _healthy(demo: Demo) -> bool:
    """Poll /healthz until it answers 200 or the process exits (or the deadline passes)."""
    deadline = time.monotonic() + STARTS_WITHIN
    with httpx.Client(base_url=demo.url, timeout=2) as client:
        while time.monotonic() < deadline and demo.process.poll() is None:
            try:
                if client.get("/healthz").status_code == 200:
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    return False


def _stop(demo: Demo) -> None:
    if demo.process.poll() is None:
        demo.process.terminate()
        try:
            demo.process.wait(STOPS_WITHIN)
        except subprocess.TimeoutExpired:
            demo.process.kill()
            demo.process.wait(STOPS_WITHIN)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    """``mailgql demo`` in its own process, ready to answer; stopped after the test.

    Each test gets a fresh demo, so mutations made by one are never seen by another. A demo
    that exits before answering (its port was taken meanwhile) is started again on another.
    """
    started: Demo | None = None
    for attempt in range(3):
        candidate = _spawn(tmp_path / f"demo-{attempt}.log")
        if _healthy(candidate):
            started = candidate
            break
        exited = candidate.process.poll() is not None
        _stop(candidate)
        if not exited:  # running but silent: another port would not help
            break
    if started is None:
        pytest.fail(f"mailgql demo did not answer /healthz:\n{candidate.output()}")
    try:
        yield started
    finally:
        _stop(started)
