"""API keys: made by ``mailgql keys new``, configured as entries of ``MAILGQL_API_KEYS``.

A key is ``mgql_<key id>_<secret>``: twelve hex digits that name it, then 256 random bits
(``secrets``). The gateway keeps only its entry, five fields separated by colons::

    <key id>:<role>:<tenant>:<name>:<sha256 of the whole key, hex>

``tenant`` and ``name`` may be empty (``3f9a0c12b7d4:reader:::9f86d0…``). A request's key is
looked up by the id it carries, then its digest is compared in constant time. The key itself is
printed once, when it is made, and never stored, logged or echoed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mailgql.auth.principal import Principal
from mailgql.auth.roles import Role

__all__ = [
    "KEY_PREFIX",
    "ApiKey",
    "KeyRefusal",
    "KeyRing",
    "check_label",
    "new_key",
    "parse_entries",
]

KEY_PREFIX = "mgql"
"""The first part of every key (lets secret scanners recognise one)."""

_ID = re.compile(r"[0-9a-f]{12}")
_LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""Tenant names and key names: letters, digits, ``_ . -``, at most 64, no separators."""
_DIGEST = re.compile(r"[0-9a-f]{64}")


def check_label(kind: str, text: str) -> str:
    """``text`` if it is a usable tenant or key name; ValueError (naming ``kind``) if not."""
    if not _LABEL.fullmatch(text):
        raise ValueError(
            f"{kind} {text!r}: use 1 to 64 letters, digits, '_', '.' or '-' (a letter or digit "
            "first)"
        )
    return text


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


@dataclass(frozen=True, slots=True)
class ApiKey:
    """One configured key: its id, role, tenant and name, and the digest of the key."""

    key_id: str
    role: Role
    tenant: str | None = None
    """The tenant whose platforms the key uses (None: the main settings' platforms)."""
    name: str | None = None
    """A label for people and logs."""
    digest: bytes = field(default=b"", repr=False)

    @property
    def entry(self) -> str:
        """The ``MAILGQL_API_KEYS`` entry of this key."""
        return ":".join(
            (self.key_id, self.role.value, self.tenant or "", self.name or "", self.digest.hex())
        )

    @classmethod
    def parse(cls, entry: str) -> ApiKey:
        """An entry as :attr:`entry` writes it; ValueError (never quoting it) if malformed."""
        parts = entry.strip().split(":")
        if len(parts) != 5:
            raise ValueError(
                "expected <key id>:<role>:<tenant>:<name>:<sha256> as 'mailgql keys new' prints "
                f"it, got {len(parts)} field(s)"
            )
        key_id, role, tenant, name, digest = parts
        if not _ID.fullmatch(key_id):
            raise ValueError("the key id must be 12 lower-case hex digits")
        if not _DIGEST.fullmatch(digest):
            raise ValueError(f"key {key_id}: the digest must be 64 lower-case hex digits")
        return cls(
            key_id=key_id,
            role=Role.parse(role),
            tenant=check_label("tenant", tenant) if tenant else None,
            name=check_label("name", name) if name else None,
            digest=bytes.fromhex(digest),
        )

    def matches(self, key: str) -> bool:
        """Whether ``key`` is this key (constant time in the key's content)."""
        return hmac.compare_digest(_digest(key), self.digest)


def new_key(
    role: Role, *, tenant: str | None = None, name: str | None = None
) -> tuple[str, ApiKey]:
    """A fresh random key, and its entry (the key goes to its user; the entry to the settings)."""
    if tenant is not None:
        check_label("tenant", tenant)
    if name is not None:
        check_label("name", name)
    key_id = secrets.token_hex(6)
    key = f"{KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    return key, ApiKey(key_id=key_id, role=role, tenant=tenant, name=name, digest=_digest(key))


def parse_entries(value: str | Iterable[str | ApiKey]) -> tuple[ApiKey, ...]:
    """The keys of ``MAILGQL_API_KEYS`` (comma-separated entries, or a list of them); ValueError
    naming the entry by position, or a key id configured twice."""
    items = value.split(",") if isinstance(value, str) else list(value)
    keys: list[ApiKey] = []
    for position, item in enumerate(items, start=1):
        if isinstance(item, ApiKey):
            keys.append(item)
            continue
        if not isinstance(item, str):
            raise ValueError(f"entry {position}: expected a string")
        if not item.strip():
            continue
        if item.strip().startswith(KEY_PREFIX + "_"):
            raise ValueError(
                f"entry {position} is a key itself: configure its entry (the second line "
                "'mailgql keys new' prints), never the key"
            )
        try:
            keys.append(ApiKey.parse(item))
        except ValueError as exc:
            raise ValueError(f"entry {position}: {exc}") from None
    seen: set[str] = set()
    for key in keys:
        if key.key_id in seen:
            raise ValueError(f"key id {key.key_id} appears twice")
        seen.add(key.key_id)
    return tuple(keys)


class KeyRefusal(Exception):
    """A request's credentials were missing or wrong; ``reason`` is for the log, never the key."""

    def __init__(self, reason: str, *, presented: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.presented = presented
        """Whether a key was sent at all (a wrong key, rather than none)."""


class KeyRing:
    """The configured keys, by id."""

    def __init__(self, keys: Iterable[ApiKey]) -> None:
        self._by_id: Mapping[str, ApiKey] = {key.key_id: key for key in keys}

    def __len__(self) -> int:
        return len(self._by_id)

    def authenticate(self, authorization: str | None) -> Principal:
        """Who an ``Authorization`` header value (``Bearer <key>``) names; KeyRefusal if no one."""
        if not authorization or not authorization.strip():
            raise KeyRefusal("no key", presented=False)
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise KeyRefusal("not a Bearer credential", presented=True)
        prefix, _, rest = token.partition("_")
        key_id = rest.partition("_")[0]
        if prefix != KEY_PREFIX or not _ID.fullmatch(key_id):
            raise KeyRefusal("not a mailgql key", presented=True)
        key = self._by_id.get(key_id)
        if key is None:
            raise KeyRefusal("unknown key id", presented=True)
        if not key.matches(token):
            raise KeyRefusal(f"wrong secret for key {key_id}", presented=True)
        return Principal(key_id=key.key_id, role=key.role, tenant=key.tenant, name=key.name)
