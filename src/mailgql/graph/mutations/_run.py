"""How every mutation turns refusals into ``userErrors`` and lets system failures through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from mailgql.graph.accounts import Account
from mailgql.graph.errors import GraphError, user_error_from
from mailgql.graph.mutations.payloads import AccountPayload
from mailgql.upstreams.errors import UpstreamRefused

__all__ = ["account_payload"]


async def account_payload(change: Callable[[], Awaitable[Account]]) -> AccountPayload:
    """Run a change; expected refusals become ``userErrors``.

    Transport failures (unavailable, timeout, unreadable answer) are raised: whether the change
    was applied is then unknown, and the client must look before trying again.
    """
    try:
        account = await change()
    except (GraphError, UpstreamRefused) as exc:
        return AccountPayload(account=None, user_errors=[user_error_from(exc)])
    return AccountPayload(account=account, user_errors=[])
