"""The root query fields."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import strawberry

from mailgql.graph.accounts import Account
from mailgql.graph.campaigns import Campaign
from mailgql.graph.context import Info
from mailgql.graph.dispatch import platform_graph
from mailgql.graph.errors import BadUserInput
from mailgql.graph.fanout import fan_out
from mailgql.graph.ids import decode_id
from mailgql.graph.list_subscriptions import ListSubscription, resolve_list
from mailgql.graph.node import Node
from mailgql.graph.oempro_admin import OemproAdministration, oempro_admin_root
from mailgql.graph.pagination import After, Connection, First, Window
from mailgql.graph.platform_status import PlatformStatus, platform_statuses
from mailgql.graph.platforms import PlatformGraph
from mailgql.graph.validation import check_email
from mailgql.platforms import Platform

__all__ = ["MAX_NODES", "Query"]

MAX_NODES = 100
"""The most IDs one `nodes` call takes."""

T = TypeVar("T")
_Read = Callable[[Info, Window], Awaitable[Connection[T]]]
"""One platform's read of a root connection, for a window."""

PlatformArg = Annotated[
    Platform | None,
    strawberry.argument(description="One platform; omit for every configured platform."),
]


async def _node(
    info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="A global ID.")]
) -> Node | None:
    """One object by global ID."""
    decoded = decode_id(id, field=("id",))
    return await platform_graph(info, decoded.platform).node(info, decoded.type_name, decoded.key)


async def _nodes(
    info: Info,
    ids: Annotated[list[strawberry.ID], strawberry.argument(description="Global IDs.")],
) -> list[Node | None]:
    """Several objects by global ID."""
    if len(ids) > MAX_NODES:
        raise BadUserInput(f"nodes takes at most {MAX_NODES} IDs", field=("ids",))
    return list(await asyncio.gather(*(_node(info, i) for i in ids)))


async def _me(
    info: Info, platform: Annotated[Platform, strawberry.argument(description="The platform.")]
) -> Account | None:
    """The gateway's own account on a platform."""
    return await platform_graph(info, platform).me(info)


def _across(pick: Callable[[PlatformGraph], _Read[T]], description: str) -> Connection[T]:
    """A root connection read by the call ``pick`` chooses of one platform's part of the graph,
    or of every configured one's (:func:`fan_out`)."""

    async def resolve(
        info: Info, platform: PlatformArg = None, first: First = 50, after: After = None
    ) -> Connection[T]:
        async def read(on: PlatformGraph, window: Window) -> Connection[T]:
            return await pick(on)(info, window)

        window = Window.asked(info, first, after)
        if platform is not None:
            return await read(platform_graph(info, platform), window)
        return await fan_out(info, window, read)

    field: Connection[T] = strawberry.field(resolver=resolve, description=description)
    return field


@strawberry.type(description="Read the graph.")
class Query:
    """The root query fields."""

    node: Node | None = strawberry.field(
        resolver=_node, description="The object with this global ID; null if it no longer exists."
    )
    nodes: list[Node | None] = strawberry.field(
        resolver=_nodes,
        description=f"Objects by global ID, in order; null for one that does not exist. At most "
        f"{MAX_NODES} IDs.",
    )
    me: Account | None = strawberry.field(
        resolver=_me,
        description="The account whose credentials the gateway uses on that platform. "
        "Maxmailer: an admin's own record; a user-manager or plain user cannot read its own "
        "record, so its `me` is an account named `me` with the users, campaigns and lists it sees. "
        "Oempro: with a user login, the user as its login described it (no call beyond the "
        "login); with an admin login, the administrator; null with an API key "
        "(MAILGQL_OEMPRO_API_KEY), since no answer describes the key's user.",
    )
    accounts: Connection[Account] = _across(
        lambda on: on.accounts,
        "Every account visible on one platform, or on all configured platforms (in the order "
        "V2REST, MAXMAILER, OEMPRO). With no platform, a platform that fails adds an error with "
        "`extensions.platform` and the others still answer. v2 REST: the admin's sub-accounts "
        "(the admin itself is `me`). Maxmailer: every user the Login ID manages, from one "
        "ListUsers call (an admin's include itself; a plain user may not list users: FORBIDDEN); "
        "only `quota` usage costs more, one GetUser call per account. Oempro: with an admin "
        "login, the users (one Users.Get call per page); with a user login or an API key, the "
        "user's clients (one Clients.Get call).",
    )
    campaigns: Connection[Campaign] = _across(
        lambda on: on.campaigns,
        "Every campaign visible on one platform, or on all configured platforms, with partial "
        "results as for `accounts`. v2 REST exposes no campaigns. Maxmailer: the Login ID's own "
        "campaigns, then each managed user's (one ListCamps call per user, read only as far as "
        "the page needs); `status`, `from` and `stats` cost one GetCamp call per campaign. "
        "Oempro: the login's campaigns, one Campaigns.Get call per page (rows carry status and "
        "statistics), plus one Emails.Get call for every `subject` and `from` of the request "
        "together; an admin login may not read them (FORBIDDEN).",
    )

    @strawberry.field(
        description="Oempro's administrator area: the administrator, plans and themes (admin "
        "login only; each field is FORBIDDEN with a user login). No call until a field is asked."
    )
    async def oempro_admin(self, info: Info) -> OemproAdministration | None:
        """Oempro's administrator area."""
        return await oempro_admin_root(info)

    @strawberry.field(
        description="How each platform is doing, configured or not (V2REST, MAXMAILER, "
        "OEMPRO): its circuit breaker, latest failure, call latency and calls in flight. Costs "
        "no upstream call; never answered from the answer cache."
    )
    def platforms(self, info: Info) -> list[PlatformStatus]:
        """The platforms' health, as the gateway's send path sees it."""
        return platform_statuses(info)

    @strawberry.field(
        description="One address in one list; null when the list does not hold the address. "
        "Maxmailer: one `status` call of the list's subscription API. Oempro: Subscriber.Get "
        "and List.Get (null also for a list that is not the login's)."
    )
    async def list_subscription(
        self,
        info: Info,
        list_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="The list: a MailingList global ID, (Maxmailer) the list's name "
                "as configured in MAILGQL_MAXMAILER_LIST_KEYS, or (Oempro) the plain list id."
            ),
        ],
        email: Annotated[str, strawberry.argument(description="The address.")],
    ) -> ListSubscription | None:
        """One address in one list."""
        target = resolve_list(info, list_id, field=("listId",))
        address = check_email(email, field=("email",))
        return await platform_graph(info, target.platform).list_subscription(
            info, target.key, address
        )
