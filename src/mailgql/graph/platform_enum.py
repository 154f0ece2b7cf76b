"""The Platform enum as the graph shows it (registered before any type refers to it)."""

from __future__ import annotations

import dataclasses

import strawberry
from strawberry.types.enum import has_enum_definition

from mailgql.platforms import Platform

__all__ = ["Platform"]

_VALUE_DESCRIPTIONS = {
    Platform.OEMPRO.value: "Oempro: the `api.php?Command=...` RPC API, with session logins.",
    Platform.V2REST.value: "The v2 REST API: an admin account and its inheriting sub-accounts.",
    Platform.MAXMAILER.value: "Maxmailer: users, resellers, send credits, campaign reports, lists.",
}

strawberry.enum(
    Platform,
    name="Platform",
    description="A legacy email-marketing platform behind the gateway.",
)
# ``Platform`` is a plain enum shared by every layer, so its values cannot carry
# ``strawberry.enum_value`` descriptions; they are added to the definition registered above.
if has_enum_definition(Platform):
    _definition = Platform.__strawberry_definition__
    _definition.values = [
        dataclasses.replace(value, description=_VALUE_DESCRIPTIONS[value.value])
        for value in _definition.values
    ]
