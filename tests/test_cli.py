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


@pytest.mark.parametrize("workers", ["0", "65", "-1", "two", "1.5"])
def test_serve_refuses_a_worker_count_outside_1_to_64(workers, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--workers", workers])
    assert exit_.value.code == 2
    assert "argument --workers: expected a whole number from 1 to 64" in capsys.readouterr().err


def test_serve_help_describes_workers(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--workers N worker processes, 1 to 64 (default 1)" in text
    assert "MAILGQL_REDIS_URL" in text


class UvicornRun:
    """Stands in for uvicorn.run: keeps what it was asked to serve."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, dict[str, object]]] = []

    def __call__(self, app: object, **options: object) -> None:
        self.calls.append((app, options))


@pytest.fixture
def uvicorn_run(monkeypatch):
    import uvicorn

    from mailgql.auth.keys import new_key
    from mailgql.auth.roles import Role
    from mailgql.cli import CONFIG_FILE_ENV

    run = UvicornRun()
    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setenv(CONFIG_FILE_ENV, "")  # whatever serve sets is undone after the test
    monkeypatch.setenv("MAILGQL_API_KEYS", new_key(Role.ADMIN)[1].entry)  # serve needs a key
    return run


def test_serve_with_workers_runs_the_app_factory_in_that_many_processes(
    uvicorn_run, tmp_path, capsys
):
    from mailgql.cli import CONFIG_FILE_ENV

    config = tmp_path / "mailgql.toml"
    config.write_text("cache_ttl = 5\n")
    assert main(["serve", "--workers", "3", "--port", "8123", "--config", str(config)]) == 0
    [(app, options)] = uvicorn_run.calls
    assert app == "mailgql.app:app_from_environment"
    assert options["factory"] is True
    assert options["workers"] == 3
    assert (options["host"], options["port"]) == ("127.0.0.1", 8123)
    assert os.environ[CONFIG_FILE_ENV] == str(config.resolve())  # what the workers inherit
    warning = capsys.readouterr().err
    assert "warning: 3 workers without MAILGQL_REDIS_URL" in warning
    assert "a persisted query is known only to the worker it was sent to" in warning


def test_serve_with_workers_and_redis_warns_of_nothing(uvicorn_run, monkeypatch, capsys):
    monkeypatch.setenv("MAILGQL_REDIS_URL", "redis://127.0.0.1:6379/0")
    assert main(["serve", "--workers", "2"]) == 0
    [(_, options)] = uvicorn_run.calls
    assert options["workers"] == 2
    assert "MAILGQL_REDIS_URL" not in capsys.readouterr().err


def test_serve_with_one_worker_serves_the_app_in_this_process(uvicorn_run):
    from fastapi import FastAPI

    assert main(["serve"]) == 0
    [(app, options)] = uvicorn_run.calls
    assert isinstance(app, FastAPI)
    assert "workers" not in options


async def test_the_app_factory_reads_the_config_file_serve_names(monkeypatch, tmp_path):
    from mailgql.app import app_from_environment
    from mailgql.cli import CONFIG_FILE_ENV

    config = tmp_path / "mailgql.toml"
    config.write_text(
        'v2rest_url = "http://127.0.0.1:9/v2.0"\nv2rest_username = "admin"\n'
        'v2rest_token = "a-token"\n'
    )
    monkeypatch.setenv(CONFIG_FILE_ENV, str(config))
    app = app_from_environment()
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        ready = await client.get("/readyz")
    assert ready.json() == {"status": "ready", "platforms": ["V2REST"]}


def test_a_worker_with_unusable_settings_stops_as_uvicorn_expects(monkeypatch, tmp_path, capsys):
    from mailgql.app import app_from_environment
    from mailgql.cli import CONFIG_FILE_ENV

    monkeypatch.setenv(CONFIG_FILE_ENV, str(tmp_path / "gone.toml"))
    with pytest.raises(SystemExit) as exit_:
        app_from_environment()
    assert exit_.value.code == 3  # uvicorn's supervisor stops instead of restarting it
    assert "gone.toml" in capsys.readouterr().err
