"""Commands of the administrator's plans (user groups): list, create, update, delete and
duplicate. A plan's SMTP login is sent as parameters and never read back."""

from __future__ import annotations

from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.admin_records import PlanValues
from mailgql.upstreams.oempro.commands import value_forms
from mailgql.upstreams.oempro.commands._base import Command, created, listing, write
from mailgql.upstreams.oempro.commands._form import ordered
from mailgql.upstreams.oempro.records import Page, UserGroup

__all__ = [
    "create_user_group",
    "delete_user_group",
    "duplicate_user_group",
    "get_user_groups",
    "update_user_group",
]


def get_user_groups() -> Command[Page[UserGroup]]:
    """``UserGroups.Get``: every plan (unpaged; sending credentials dropped)."""
    form = ordered("UserGroupID", "ASC")
    return listing("UserGroups.Get", form, "UserGroups", wire.parse_user_group, totals=())


def create_user_group(values: PlanValues) -> Command[int]:
    """``UserGroup.Create``: a new plan; its id."""
    return created("UserGroup.Create", value_forms.plan_form(values), "UserGroupID")


def update_user_group(group_id: int, values: PlanValues) -> Command[None]:
    """``UserGroup.Update``: the given values only."""
    return write(
        "UserGroup.Update", [("UserGroupID", str(group_id)), *value_forms.plan_form(values)]
    )


def delete_user_group(group_id: int) -> Command[None]:
    """``UserGroup.Delete`` of one plan (not the last one)."""
    return write("UserGroup.Delete", [("UserGroupID", str(group_id))])


def duplicate_user_group(group_id: int) -> Command[int]:
    """``UserGroup.Duplicate`` (4.0.3+): a copy of the plan; the copy's id."""
    return created("UserGroup.Duplicate", [("UserGroupID", str(group_id))], "UserGroupID")
