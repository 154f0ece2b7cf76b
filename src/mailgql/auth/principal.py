"""Who a request (or a WebSocket) was admitted as, kept on the connection for the context
getter, the answer cache and the mutation check to read."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection

from mailgql.auth.roles import Role

__all__ = ["OPEN", "Principal", "bind", "principal_of"]

_STATE = "mailgql_principal"


@dataclass(frozen=True, slots=True)
class Principal:
    """An admitted caller: the key it used (None when the gateway is open), its role, its
    tenant (None: the main settings' platforms) and the key's name."""

    key_id: str | None
    role: Role
    tenant: str | None = None
    name: str | None = None

    def describe(self) -> str:
        """How logs name it (the key id and name, never the key)."""
        if self.key_id is None:
            return "open access"
        label = f" ({self.name})" if self.name else ""
        return f"key {self.key_id}{label}"


OPEN = Principal(key_id=None, role=Role.ADMIN)
"""Everyone, on a gateway with no API keys configured."""


def bind(connection: HTTPConnection, principal: Principal) -> None:
    """Note that ``connection`` was admitted as ``principal``."""
    setattr(connection.state, _STATE, principal)


def principal_of(connection: object) -> Principal | None:
    """Who ``connection`` was admitted as; None when it was not (yet) admitted."""
    if not isinstance(connection, HTTPConnection):
        return None
    found = getattr(connection.state, _STATE, None)
    return found if isinstance(found, Principal) else None
