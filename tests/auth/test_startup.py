"""Start-up rules: ``serve`` refuses to start without keys unless told to (then warns loudly),
``demo`` is open and says so, the app's start-up line names its access, ``keys new`` prints a
key and its entry, and only ``demo`` and ``emulate`` serve the emulators' control routes."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from mailgql.app import create_app
from mailgql.auth.keys import KeyRing, parse_entries
from mailgql.auth.roles import Role
from mailgql.cli import main
from mailgql.settings import Settings
from tests.auth.conftest import WATCH, bearer, make_key

ROOT = Path(__file__).resolve().parents[2]
QUERY = {"query": "{ __typename }"}


class UvicornRun:
    """Stands in for uvicorn.run: keeps the apps it was asked to serve."""

    def __init__(self) -> None:
        self.apps: list[object] = []

    def __call__(self, app: object, **options: object) -> None:
        self.apps.append(app)


@pytest.fixture
def uvicorn_run(monkeypatch):
    """uvicorn.run replaced: what a command would serve, kept and not served."""
    import uvicorn

    run = UvicornRun()
    monkeypatch.setattr(uvicorn, "run", run)
    return run


async def answer(app: FastAPI, path: str = "/graphql", **headers: str) -> httpx.Response:
    """One request to ``app`` in-process (a query on ``/graphql``, else a GET), lifespan and all."""
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client,
    ):
        if path == "/graphql":
            return await client.post(path, json=QUERY, headers=headers)
        return await client.get(path, headers=headers)


def test_serve_without_keys_stops_with_one_line_and_exit_2():
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILGQL_")}
    result = subprocess.run(
        [sys.executable, "-m", "mailgql", "serve", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("mailgql: no API keys configured")
    assert "MAILGQL_API_KEYS" in line
    assert "--insecure-no-auth" in line


async def test_serve_insecure_no_auth_serves_open_and_warns_loudly(uvicorn_run, caplog):
    with caplog.at_level(logging.WARNING, logger="mailgql"):
        assert main(["serve", "--insecure-no-auth", "--port", "8123"]) == 0
    assert "INSECURE: --insecure-no-auth" in caplog.text
    assert "127.0.0.1:8123" in caplog.text
    [app] = uvicorn_run.apps
    assert isinstance(app, FastAPI)
    assert (await answer(app)).status_code == 200


async def test_serve_with_keys_serves_them_only(uvicorn_run, monkeypatch):
    key = make_key("reader")
    monkeypatch.setenv("MAILGQL_API_KEYS", key.entry)
    assert main(["serve"]) == 0
    [app] = uvicorn_run.apps
    assert isinstance(app, FastAPI)
    assert (await answer(app)).status_code == 401
    assert (await answer(app, **bearer(key))).status_code == 200


def test_serve_ignores_insecure_no_auth_when_keys_are_configured(uvicorn_run, monkeypatch, caplog):
    monkeypatch.setenv("MAILGQL_API_KEYS", make_key("reader").entry)
    with caplog.at_level(logging.WARNING, logger="mailgql"):
        assert main(["serve", "--insecure-no-auth"]) == 0
    assert "--insecure-no-auth ignored" in caplog.text


def test_serve_stops_on_a_key_naming_an_unknown_tenant(uvicorn_run, monkeypatch, capsys):
    key = make_key("reader", tenant="west")
    monkeypatch.setenv("MAILGQL_API_KEYS", key.entry)
    with pytest.raises(SystemExit) as exit_:
        main(["serve"])
    assert exit_.value.code == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "tenant 'west'" in line
    assert uvicorn_run.apps == []


@pytest.mark.parametrize("path", ["/legacy/_emulator/requests", "/_emulator/requests"])
async def test_serve_mounts_no_emulator_control_route(uvicorn_run, path):
    assert main(["serve", "--insecure-no-auth"]) == 0
    [app] = uvicorn_run.apps
    assert isinstance(app, FastAPI)
    assert (await answer(app, path)).status_code == 404


async def test_demo_is_open_says_so_and_serves_its_emulators(uvicorn_run, monkeypatch, capsys):
    monkeypatch.setenv("MAILGQL_API_KEYS", make_key("reader").entry)  # the demo ignores keys
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "open: no API key needed" in out
    assert "127.0.0.1" in out
    [app] = uvicorn_run.apps
    assert isinstance(app, FastAPI)
    assert (await answer(app)).status_code == 200
    assert (await answer(app, "/legacy/_emulator/requests")).status_code == 200


def test_demo_warns_when_it_listens_beyond_this_machine(uvicorn_run, capsys):
    assert main(["demo", "--host", "0.0.0.0"]) == 0
    assert "warning: listening on 0.0.0.0" in capsys.readouterr().out


async def test_the_start_up_line_says_whether_the_app_is_open(caplog):
    with caplog.at_level(logging.INFO, logger="mailgql"):
        await answer(create_app(Settings()))
    [line] = [r for r in caplog.records if r.getMessage().startswith("mailgql ready")]
    assert line.levelno == logging.WARNING
    assert "access: OPEN, no API keys" in line.getMessage()
    assert "per client address" in line.getMessage()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mailgql"):
        await answer(create_app(Settings(api_keys=make_key("reader").entry)))
    [line] = [r for r in caplog.records if r.getMessage().startswith("mailgql ready")]
    assert line.levelno == logging.INFO
    assert "access: 1 API key;" in line.getMessage()
    assert "per key" in line.getMessage()


def test_keys_new_prints_the_key_then_its_entry(capsys):
    assert main(["keys", "new", "--role", "operator", "--tenant", "acme", "--name", "ci"]) == 0
    captured = capsys.readouterr()
    key, entry = captured.out.strip().splitlines()
    WATCH.secrets.add(key)
    assert key.startswith("mgql_")
    assert re.fullmatch(r"[0-9a-f]{12}:operator:acme:ci:[0-9a-f]{64}", entry)
    assert key not in captured.err
    principal = KeyRing(parse_entries(entry)).authenticate(f"Bearer {key}")
    assert (principal.role, principal.tenant, principal.name) == (Role.OPERATOR, "acme", "ci")


@pytest.mark.parametrize(
    "args",
    [
        ["--role", "owner"],
        [],
        ["--role", "reader", "--tenant", "a,b"],
        ["--role", "reader", "--name", "x:y"],
    ],
)
def test_keys_new_refuses_what_an_entry_cannot_hold(args, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["keys", "new", *args])
    assert exit_.value.code == 2
