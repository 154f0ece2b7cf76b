"""The mailgql command: settings errors, schema commands, and the demo end to end."""

import os
import selectors
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from mailgql.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILGQL_")}
    env.update(extra)
    return env


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailgql", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env or _env(),
        cwd=ROOT,
        check=False,
    )


def test_a_bad_setting_stops_serve_with_one_line_and_exit_2():
    result = _run("serve", "--port", "0", env=_env(MAILGQL_V2REST_URL="nope"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("mailgql: invalid setting MAILGQL_V2REST_URL")


def test_a_missing_credential_names_it():
    result = _run("serve", env=_env(MAILGQL_V2REST_URL="https://x.example/v2.0"))
    assert result.returncode == 2
    assert "MAILGQL_V2REST_USERNAME" in result.stderr


def test_a_missing_config_file_is_exit_2(tmp_path):
    result = _run("serve", "--config", str(tmp_path / "none.toml"))
    assert result.returncode == 2
    assert "--config" in result.stderr


def test_schema_check_passes_on_the_committed_file(capsys):
    assert main(["schema", "check", "--path", str(ROOT / "schema.graphql")]) == 0


def test_schema_check_fails_when_the_file_drifts(tmp_path, capsys):
    drifted = tmp_path / "schema.graphql"
    drifted.write_text((ROOT / "schema.graphql").read_text().replace("username", "userName", 1))
    assert main(["schema", "check", "--path", str(drifted)]) == 1
    assert "mailgql schema export" in capsys.readouterr().err


def test_schema_export_writes_what_check_accepts(tmp_path, capsys):
    target = tmp_path / "schema.graphql"
    assert main(["schema", "export", "--path", str(target)]) == 0
    assert main(["schema", "check", "--path", str(target)]) == 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_line(process: subprocess.Popen[bytes], needle: bytes, timeout: float) -> bytes:
    """Read the process's merged output until ``needle`` appears (or fail at the deadline)."""
    assert process.stdout is not None
    seen = b""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while needle not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or process.poll() is not None:
            pytest.fail(f"no {needle!r} in the output:\n{seen.decode(errors='replace')}")
        if selector.select(remaining):
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                continue
            seen += chunk
    return seen


def test_demo_serves_graphiql_and_answers_a_query():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mailgql", "demo", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=_env(),
        cwd=ROOT,
    )
    try:
        output = _wait_for_line(process, b"Uvicorn running on", timeout=30)
        assert f"http://127.0.0.1:{port}/graphql".encode() in output
        assert b"me(platform: V2REST)" in output  # the first query to paste
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            page = client.get("/graphql", headers={"Accept": "text/html"})
            assert page.status_code == 200
            assert "graphiql" in page.text.lower()
            answer = client.post(
                "/graphql",
                json={
                    "query": "{ me(platform: V2REST) { username subAccounts(first: 2) "
                    "{ nodes { username inheritedLists { nodes { name } } } } } }"
                },
            )
            assert answer.status_code == 200
            data = answer.json()["data"]
            assert data["me"]["username"] == "demo-admin"
            assert len(data["me"]["subAccounts"]["nodes"]) == 2
    finally:
        process.terminate()
        process.wait(timeout=15)
        assert process.stdout is not None
        process.stdout.close()


def test_emulate_serves_the_legacy_apis_alone():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mailgql", "emulate", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=_env(),
        cwd=ROOT,
    )
    try:
        output = _wait_for_line(process, b"Uvicorn running on", timeout=30)
        assert f"MAILGQL_V2REST_URL=http://127.0.0.1:{port}/v2rest/v2.0".encode() in output
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            refused = client.get("/v2rest/v2.0/Users/SubAccounts")
            assert refused.status_code == 401
            counts = client.get("/_emulator/requests").json()
            assert counts["totals"]["v2rest"] == 1
    finally:
        process.terminate()
        process.wait(timeout=15)
        assert process.stdout is not None
        process.stdout.close()
