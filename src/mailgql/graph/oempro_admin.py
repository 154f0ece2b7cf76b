"""Oempro's administrator area in the graph: the ``oemproAdmin`` root (the administrator, the
plans, the themes), and what an Oempro user's account shows of its plan and its billing.

Everything here is admin scope: the gateway must log in as the administrator
(MAILGQL_OEMPRO_LOGIN_AS=admin). With a user login (or an API key) Oempro refuses the reads with
99999, which each field reports as FORBIDDEN at its own path; nothing else of the answer is lost.
Oempro 4.x has no command that reads the system settings back, so the graph offers only their
writes (``updateOemproSettings``, ``testOemproEmailSending``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, TypeVar

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import Forbidden
from mailgql.graph.ids import legacy_int_id
from mailgql.graph.oempro_admin_types import (
    PaymentPeriod,
    PaymentStatus,
    Theme,
    UserGroup,
    to_payment_period,
    to_theme,
    to_user_group,
)
from mailgql.graph.pagination import After, Connection, First, Window
from mailgql.graph.platforms.oempro.keys import ADMIN_KEY
from mailgql.graph.platforms.oempro.mapping import USER_ROLE, admin_account
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import Admin, User

__all__ = [
    "ADMIN_NODE_TYPES",
    "OemproAdministration",
    "account_payment_periods",
    "account_plan",
    "admin_node",
    "oempro_user",
]

_P = Platform.OEMPRO
R = TypeVar("R")
T = TypeVar("T")

ADMIN_NODE_TYPES = frozenset({"UserGroup", "Theme"})
"""The administrator's objects ``node`` finds by global ID."""

AnyId = Annotated[
    strawberry.ID,
    strawberry.argument(description="A global ID of the object, or its plain Oempro id."),
]


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def oempro_user(account: Account) -> User | None:
    """The user row an Oempro user's Account was built from; None for any other account."""
    if account.platform is not _P or account._role != USER_ROLE:
        return None
    return account._record if isinstance(account._record, User) else None


async def account_plan(info: Info, account: Account) -> UserGroup | None:
    """An Oempro user's plan (``UserGroup.Get``, read once per plan per request)."""
    user = oempro_user(account)
    if user is None or user.group_id is None:
        return None
    found = await _data(info).user_group(user.group_id)
    return to_user_group(found) if found is not None else None


async def account_payment_periods(
    info: Info, account: Account, status: PaymentStatus | None
) -> list[PaymentPeriod] | None:
    """An Oempro user's billing periods (``User.PaymentPeriods``, once per user per request)."""
    user = oempro_user(account)
    if user is None:
        return None
    periods = [to_payment_period(p) for p in await _data(info).payment_periods(user.user_id)]
    return [p for p in periods if status is None or p.status is status]


async def _administrator(self: object, info: Info) -> Account:
    """The administrator the gateway is logged in as (``AdminInfo`` of ``Admin.Login``)."""
    data = _data(info)
    who = await data.caller()
    if who.kind != "admin":
        raise Forbidden(
            "Oempro describes its administrator only to an administrator login; set "
            "MAILGQL_OEMPRO_LOGIN_AS=admin with the administrator's credentials",
            platform=_P,
        )
    admin = who.account if isinstance(who.account, Admin) else None
    return admin_account(admin, data.login_username or ADMIN_KEY)


def _listing(
    read: Callable[[OemproData], Awaitable[Sequence[R]]], to: Callable[[R], T], description: str
) -> Connection[T] | None:
    """A paged field of the whole listing ``read`` answers, each row made a graph object by
    ``to``."""

    async def resolve(
        self: OemproAdministration, info: Info, first: First = 50, after: After = None
    ) -> Connection[T]:
        window = Window.asked(info, first, after)
        return Connection.slice([to(row) for row in await read(_data(info))], window)

    field: Connection[T] | None = strawberry.field(resolver=resolve, description=description)
    return field


def _by_id(
    kind: str,
    read: Callable[[OemproData, int], Awaitable[R | None]],
    to: Callable[[R], T],
    description: str,
) -> T | None:
    """A field of one ``kind`` of object by its ``id`` argument (a global ID or the plain id),
    read by ``read`` and made a graph object by ``to``; null when there is none."""

    async def resolve(self: OemproAdministration, info: Info, id: AnyId) -> T | None:
        number = legacy_int_id(id, expect=kind, platform=_P, field=("id",))
        found = await read(_data(info), number)
        return to(found) if found is not None else None

    field: T | None = strawberry.field(resolver=resolve, description=description)
    return field


async def admin_node(info: Info, type_name: str, key: str) -> UserGroup | Theme | None:
    """A plan or a theme by the key of its global ID (``node``)."""
    number = legacy_int_id(key, expect=type_name, platform=_P)
    data = _data(info)
    if type_name == "UserGroup":
        group = await data.user_group(number)
        return to_user_group(group) if group is not None else None
    theme = await data.theme(number)
    return to_theme(theme) if theme is not None else None


@strawberry.type(
    description="Oempro's administrator area: the administrator, the plans (user groups) and "
    "the interface themes. Every field needs an admin login (MAILGQL_OEMPRO_LOGIN_AS=admin); "
    "with a user login or an API key each is null with a FORBIDDEN error at its path (Oempro's "
    "99999). Oempro 4.x cannot read its system settings back, so they are only written "
    "(updateOemproSettings)."
)
class OemproAdministration:
    """Oempro's administrator area."""

    administrator: Account | None = strawberry.field(
        resolver=_administrator,
        description="The administrator the gateway logs in as, as Admin.Login described it (no "
        "call beyond the login; its password hash and 2FA secrets are never shown).",
    )

    user_groups: Connection[UserGroup] | None = _listing(
        OemproData.user_groups,
        to_user_group,
        "Every plan (one UserGroups.Get call, paged here). Its SMTP login is never shown.",
    )
    user_group: UserGroup | None = _by_id(
        "UserGroup",
        OemproData.user_group,
        to_user_group,
        "One plan (UserGroup.Get); null when there is no such plan.",
    )
    themes: Connection[Theme] | None = _listing(
        OemproData.themes, to_theme, "Every interface theme (one Themes.Get call, paged here)."
    )
    theme: Theme | None = _by_id(
        "Theme",
        OemproData.theme,
        to_theme,
        "One interface theme (Theme.Get); null when there is none.",
    )


async def oempro_admin_root(info: Info) -> OemproAdministration:
    """The root object; no call is made until one of its fields is asked."""
    _data(info)  # PLATFORM_NOT_CONFIGURED without Oempro
    return OemproAdministration()
