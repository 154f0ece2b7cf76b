"""What every platform's records-to-types mapping shares: how an object says which legacy object
it is, the gateway's own login as an account, and the words that join segment rules."""

from __future__ import annotations

from typing import TypedDict

import strawberry

from mailgql.graph.accounts import Account, AccountStatus
from mailgql.graph.ids import global_id
from mailgql.graph.segments import SegmentConnector
from mailgql.platforms import Platform

__all__ = [
    "AccountIdentity",
    "Identity",
    "account_identity",
    "connector",
    "identity",
    "login_account",
]


class Identity(TypedDict):
    """Which legacy object a list, segment, newsletter or campaign is: its constructor's first
    keyword arguments."""

    id: strawberry.ID
    platform: Platform
    legacy_id: str


class AccountIdentity(TypedDict):
    """Which legacy account an Account is, and what kind its platform's graph takes it for."""

    id: strawberry.ID
    platform: Platform
    _key: str
    _role: str


def identity(
    type_name: str, platform: Platform, legacy_id: int | str, *, key: str | int | None = None
) -> Identity:
    """The identity of a legacy object; its global ID carries ``key``, by default its id."""
    return Identity(
        id=global_id(type_name, platform, legacy_id if key is None else key),
        platform=platform,
        legacy_id=str(legacy_id),
    )


def account_identity(platform: Platform, key: str | int, role: str) -> AccountIdentity:
    """The identity of a legacy account with key ``key`` (as in its global ID)."""
    return AccountIdentity(
        id=global_id("Account", platform, key), platform=platform, _key=str(key), _role=role
    )


def login_account(
    platform: Platform,
    key: str,
    role: str,
    *,
    username: str,
    account_type: str | None = None,
    name: str | None = None,
    email: str | None = None,
    record: object = None,
) -> Account:
    """The account the gateway logs in with, as far as the platform describes it."""
    return Account(
        **account_identity(platform, key, role),
        username=username,
        name=name,
        email=email,
        # A disabled or suspended login is refused outright: one that works is active.
        status=AccountStatus.ACTIVE,
        account_type=account_type,
        _record=record,
    )


def connector(word: str) -> SegmentConnector:
    """A platform's word joining segment rules (``and``, ``or``, in any case); AND by default."""
    return SegmentConnector.OR if word.lower() == "or" else SegmentConnector.AND
