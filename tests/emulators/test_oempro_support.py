"""A small Oempro API caller shared by the ``test_oempro_*`` contract tests (no tests here)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlencode

import httpx

from mailgql.emulators import Emulators
from mailgql.emulators.oempro import (
    OEMPRO_ADMIN_PASSWORD,
    OEMPRO_ADMIN_USERNAME,
    OEMPRO_CLIENT_PASSWORD,
    OEMPRO_CLIENT_USERNAME,
    OEMPRO_USER_PASSWORD,
    OEMPRO_USER_USERNAME,
    OemproEmulator,
)
from mailgql.emulators.oempro.state import OemproState

API = "/oempro/api.php"

Pairs = list[tuple[str, str]]


class OemproApi:
    """Calls ``api.php`` in-process; remembers the sessions it opened."""

    def __init__(self, client: httpx.AsyncClient, emulators: Emulators) -> None:
        self.client = client
        self.emulators = emulators
        self.sessions: dict[str, str] = {}

    @property
    def emulator(self) -> OemproEmulator:
        platform = self.emulators.platforms["oempro"]
        assert isinstance(platform, OemproEmulator)
        return platform

    @property
    def state(self) -> OemproState:
        return self.emulator.state

    async def raw(
        self, command: str | None, *pairs: tuple[str, str], method: str = "POST", **params: Any
    ) -> httpx.Response:
        """One request; ``pairs`` carry bracket keys such as ``Fields[CustomField3]``."""
        items: Pairs = [("Command", command)] if command is not None else []
        items += [(k, str(v)) for k, v in params.items()]
        items += list(pairs)
        if method == "GET":
            return await self.client.get(API, params=tuple(items))
        return await self.client.post(
            API,
            content=urlencode(items).encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )

    async def call(self, command: str, *pairs: tuple[str, str], **params: Any) -> dict[str, Any]:
        """One JSON call; the status is always 200."""
        response = await self.raw(command, *pairs, **params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def login(self, kind: str = "user") -> str:
        """A fresh session of the demo user, the admin or the demo client."""
        command, username, password = {
            "user": ("User.Login", OEMPRO_USER_USERNAME, OEMPRO_USER_PASSWORD),
            "admin": ("Admin.Login", OEMPRO_ADMIN_USERNAME, OEMPRO_ADMIN_PASSWORD),
            "client": ("Client.Login", OEMPRO_CLIENT_USERNAME, OEMPRO_CLIENT_PASSWORD),
        }[kind]
        body = await self.call(command, Username=username, Password=password, DisableCaptcha="true")
        assert body["Success"] is True, body
        self.sessions[kind] = body["SessionID"]
        return str(body["SessionID"])

    async def switch(self, username: str) -> str:
        """A session of another user, through the admin's ``User.Switch``."""
        user = self.state.user_by_username(username)
        assert user is not None
        body = await self.as_admin("User.Switch", UserID=user.id, PrivilegeType="Default")
        assert body["Success"] is True, body
        return str(body["SessionID"])

    async def _as(self, kind: str, command: str, *pairs: tuple[str, str], **params: Any) -> Any:
        session = self.sessions.get(kind) or await self.login(kind)
        return await self.call(command, *pairs, SessionID=session, **params)

    async def as_user(self, command: str, *pairs: tuple[str, str], **params: Any) -> Any:
        """A call in the demo user's session."""
        return await self._as("user", command, *pairs, **params)

    async def as_admin(self, command: str, *pairs: tuple[str, str], **params: Any) -> Any:
        """A call in the admin's session."""
        return await self._as("admin", command, *pairs, **params)

    async def as_client(self, command: str, *pairs: tuple[str, str], **params: Any) -> Any:
        """A call in the demo client's session."""
        return await self._as("client", command, *pairs, **params)


@asynccontextmanager
async def open_api(emulators: Emulators) -> AsyncIterator[OemproApi]:
    """An :class:`OemproApi` over the combined emulator app, in-process."""
    transport = httpx.ASGITransport(app=emulators.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emu") as client:
        yield OemproApi(client, emulators)


def failed(body: dict[str, Any], *codes: int) -> bool:
    """Whether a body is a validation failure with exactly these codes, as an array."""
    return body["Success"] is False and body["ErrorCode"] == list(codes)
