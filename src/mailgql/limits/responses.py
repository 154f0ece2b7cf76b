"""A cap on the size of an answer: one past it is replaced, whole, by an error naming the limit.

An ASGI wrapper around the ``/graphql`` endpoint. It holds the start of each HTTP response until
the body is known: a body sent in one piece (every JSON answer of the endpoint) over the cap is
dropped and an error goes out in its place, with the same status and headers (a new
``Content-Length``), so a client never receives half an answer. A streamed body (Server-Sent
Events) passes as it comes; WebSocket connections pass untouched.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RESPONSE_TOO_LARGE", "ResponseSizeLimit", "too_large_body"]

RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE"
"""``extensions.code`` of an answer replaced because it was over ``MAILGQL_MAX_RESPONSE_BYTES``."""


def too_large_body(actual: int, limit: int) -> bytes:
    """The body that replaces an answer of ``actual`` bytes, over ``limit``."""
    error = {
        "message": f"the answer is {actual} bytes, over the limit of {limit} "
        "(MAILGQL_MAX_RESPONSE_BYTES); ask for fewer items or fields",
        "extensions": {
            "code": RESPONSE_TOO_LARGE,
            "measure": "responseBytes",
            "limit": limit,
            "actual": actual,
        },
    }
    return json.dumps({"data": None, "errors": [error]}, separators=(",", ":")).encode()


class ResponseSizeLimit:
    """Replace any one-piece HTTP answer of ``app`` over ``max_bytes`` with an error."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request through ``app``, checking the size of what it answers."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: Message | None = None

        async def checked(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                held = message
                return
            if message["type"] != "http.response.body" or held is None:
                await send(message)
                return
            start, held = held, None
            body: bytes = message.get("body", b"")
            if not message.get("more_body", False) and len(body) > self.max_bytes:
                replacement = too_large_body(len(body), self.max_bytes)
                await send(_with_length(start, len(replacement)))
                await send({"type": "http.response.body", "body": replacement})
                return
            await send(start)
            await send(message)

        await self.app(scope, receive, checked)


def _with_length(start: Message, length: int) -> Message:
    headers = [
        (name, value)
        for name, value in start.get("headers", [])
        if name.lower() != b"content-length"
    ]
    headers.append((b"content-length", str(length).encode()))
    return {**start, "headers": headers}
