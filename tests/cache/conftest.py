"""The Redis server of the cache tests: the one ``MAILGQL_TEST_REDIS_URL`` names (``.ci/run``
starts one), or else a ``redis-server`` this session starts on a free port of 127.0.0.1 and
stops at its end. A test asking for ``redis_url`` starts on an empty database (it is flushed),
so no test sees another's entries; with the suite in several processes, each has a database of
its own. Without ``redis-server``, these tests fail; they never skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

__all__ = ["RedisServer", "emptied", "redis_binary", "session_redis"]

TEST_REDIS_URL = os.environ.get("MAILGQL_TEST_REDIS_URL") or None
"""Read at import: the suite's autouse fixture removes every MAILGQL_* variable during tests."""

_MISSING = (
    "the Redis tests need redis-server (Debian/Ubuntu: apt-get install redis-server; macOS: "
    "brew install redis) or MAILGQL_TEST_REDIS_URL naming a server whose database they may flush"
)


def redis_binary() -> str:
    """Where ``redis-server`` is; fails the test (never skips it) when it is nowhere."""
    found = shutil.which("redis-server")
    for candidate in (found, "/usr/bin/redis-server", "/usr/sbin/redis-server"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(_MISSING, pytrace=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        return bool(client.ping())
    except redis.exceptions.RedisError:
        return False
    finally:
        client.close()


class RedisServer:
    """A ``redis-server`` of this session on 127.0.0.1: no persistence, and its log (its only
    file) in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """``redis://127.0.0.1:<port>/0``."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> RedisServer:
        """Start on a free port; return once it answers PING (another port if that one was
        taken meanwhile; a failure after ``timeout`` seconds)."""
        binary = redis_binary()
        log = self.directory / "redis.log"
        deadline = time.monotonic() + timeout
        while True:
            self.port = _free_port()
            with log.open("ab") as out:
                self._process = subprocess.Popen(
                    [
                        binary,
                        *("--bind", "127.0.0.1", "--port", str(self.port)),
                        *("--save", "", "--appendonly", "no", "--daemonize", "no"),
                        *("--dir", str(self.directory)),
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    cwd=self.directory,
                )
            while self._process.poll() is None and time.monotonic() < deadline:
                if _answers(self.url):
                    return self
                time.sleep(0.02)
            self.stop()
            if time.monotonic() >= deadline:
                pytest.fail(
                    f"redis-server did not answer PING within {timeout:g} s:\n"
                    + log.read_text(errors="replace")[-2000:],
                    pytrace=False,
                )

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL after ``timeout`` seconds)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout)


def _shared_url() -> str | None:
    """``MAILGQL_TEST_REDIS_URL``, for this process of the suite: with several processes
    (``pytest -n``), each flushes a database of its own (the worker's number + 1), and workers
    past Redis's 16 databases start a server of their own."""
    if TEST_REDIS_URL is None:
        return None
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return TEST_REDIS_URL
    database = int(worker.removeprefix("gw")) + 1
    if database > 15:
        return None
    base = TEST_REDIS_URL.rstrip("/")
    if base.rsplit("/", 1)[-1].isdigit() and base.count("/") > 2:
        base = base.rsplit("/", 1)[0]
    return f"{base}/{database}"


@contextmanager
def session_redis(directory: Path) -> Iterator[str]:
    """The URL of the Redis server the tests use, for as long as the block lasts."""
    shared = _shared_url()
    if shared is not None:
        if not _answers(shared):
            pytest.fail(f"MAILGQL_TEST_REDIS_URL={shared} does not answer PING", pytrace=False)
        yield shared
        return
    server = RedisServer(directory).start()
    try:
        yield server.url
    finally:
        server.stop()


def emptied(url: str) -> str:
    """``url``, its database flushed."""
    client = redis.Redis.from_url(url, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()
    return url


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the session's Redis server."""
    with session_redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """A Redis URL whose database is empty as the test starts."""
    return emptied(redis_server)
