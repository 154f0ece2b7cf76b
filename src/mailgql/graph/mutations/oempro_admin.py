"""Every mutation of Oempro's administrator area, composed from one mixin per category."""

from __future__ import annotations

import strawberry

from mailgql.graph.mutations.oempro_clients import OemproClientMutation
from mailgql.graph.mutations.oempro_settings import OemproSettingsMutation
from mailgql.graph.mutations.oempro_system import OemproSystemMutation
from mailgql.graph.mutations.oempro_users import OemproUserMutation
from mailgql.graph.mutations.user_groups import UserGroupMutation

__all__ = ["OemproAdminMutation"]


@strawberry.type
class OemproAdminMutation(
    UserGroupMutation,
    OemproUserMutation,
    OemproClientMutation,
    OemproSystemMutation,
    OemproSettingsMutation,
):
    """Mutations of Oempro's administrator area: plans, users, clients, the administrator,
    themes and settings."""
