"""Serve an ASGI app with uvicorn on 127.0.0.1 in a background thread."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

__all__ = ["RunningServer", "serve_in_thread"]


class RunningServer:
    """A uvicorn server running in a daemon thread; stop it with :meth:`stop`."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0) -> None:
        # IPPROTO_TCP spelled out: asyncio sets TCP_NODELAY only on connections whose socket says
        # so, and with Nagle on, every response body waits ~40 ms for the ACK of its headers.
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.host = host
        self.port: int = self._sock.getsockname()[1]
        config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=2,
            access_log=False,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, name=f"uvicorn:{self.port}", daemon=True)

    @property
    def url(self) -> str:
        """The server's base URL, with no trailing slash."""
        return f"http://{self.host}:{self.port}"

    def _run(self) -> None:
        asyncio.run(self._server.serve(sockets=[self._sock]))

    def start(self, timeout: float = 10.0) -> RunningServer:
        """Start serving and wait until the server accepts connections."""
        self._thread.start()
        started = threading.Event()

        def wait() -> None:
            while not self._server.started and self._thread.is_alive():
                started.wait(0.01)

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        waiter.join(timeout)
        if not self._server.started:
            raise RuntimeError(f"server on {self.url} did not start within {timeout} s")
        return self

    def begin_stop(self) -> None:
        """Ask the server to exit without waiting, so that several servers wind down together."""
        self._server.should_exit = True

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the server to exit and wait for its thread (uvicorn takes ~0.15 s to wind down)."""
        self.begin_stop()
        self._thread.join(timeout)
        self._sock.close()


@contextmanager
def serve_in_thread(app: Any, *, host: str = "127.0.0.1", port: int = 0) -> Iterator[RunningServer]:
    """Serve ``app`` for the duration of the ``with`` block, on a free port unless one is given."""
    server = RunningServer(app, host=host, port=port).start()
    try:
        yield server
    finally:
        server.stop()
