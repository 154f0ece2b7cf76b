"""How cache entries are named: one string per upstream read, prefix-matchable by a write's
stale declaration, and one fingerprint per set of credentials.

An upstream read is named ``{scope}|{kind}|{key}``: the scope is the platform and a fingerprint
of the credentials in use (so one credential set never reads another's entries), the kind is the
loader's name (``sub_accounts``, ``list_by_id``, ...), and the key is the loader key with each
component written as its ``repr`` and followed by ``|``. A key that is not a tuple counts as a
tuple of one, as in :class:`~mailgql.data.Stale`, so ``Stale("lists", (7,))`` names exactly the
entries whose string starts with ``{scope}|lists|7|``. A component's ``repr`` ends where its
closing quote (or its last digit) does, so no component's name is a prefix of another's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable

__all__ = ["encode_key", "fingerprint", "kind_of", "kind_prefix", "read_name"]

SEP = "|"


def fingerprint(*parts: str | None) -> str:
    """A short, one-way digest of credentials: equal for equal credentials, and telling
    nothing of them (it may appear in cache keys and logs)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\x00" if part is None else b"\x01" + part.encode())
        digest.update(b"\x1f")
    return digest.hexdigest()[:24]


def encode_key(key: Hashable) -> str:
    """A loader key (or a key prefix) as the string that names it."""
    parts = key if isinstance(key, tuple) else (key,)
    return "".join(repr(part) + SEP for part in parts)


def kind_prefix(scope: str, kind: str) -> str:
    """The common start of every entry of one kind of record in one scope."""
    return f"{scope}{SEP}{kind}{SEP}"


def read_name(scope: str, kind: str, key: Hashable) -> str:
    """The name of one upstream read."""
    return kind_prefix(scope, kind) + encode_key(key)


def kind_of(name: str) -> str:
    """The kind prefix (:func:`kind_prefix`) of a read name, or of a prefix of one that reaches
    past its kind. A scope or kind never holds the separator, so it is the first two parts."""
    scope, kind, _ = name.split(SEP, 2)
    return kind_prefix(scope, kind)
