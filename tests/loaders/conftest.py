"""Oempro clients for the loader and facade tests: logged in, with the counter zeroed.

A test module that needs another ``admin`` or ``user`` (Maxmailer's, say) defines its own,
which takes precedence over these.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from mailgql.emulators import Emulators
from mailgql.upstreams.oempro import OemproClient
from tests.upstreams.oempro_support import ADMIN, open_client, reset_requests


@pytest.fixture
async def user(emulators: Emulators) -> AsyncIterator[OemproClient]:
    """The Oempro demo user, already logged in, with the counter zeroed."""
    async with open_client(emulators) as client:
        await client.login_account()
        await reset_requests(emulators)
        yield client


@pytest.fixture
async def admin(emulators: Emulators) -> AsyncIterator[OemproClient]:
    """The Oempro administrator, already logged in, with the counter zeroed."""
    async with open_client(emulators, **ADMIN) as client:
        await client.login_account()
        await reset_requests(emulators)
        yield client
