"""v2 REST writes: call the client, clear what changed, read the account back fresh."""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, NotFound
from mailgql.graph.platforms.v2rest.objects import account_from_record
from mailgql.platforms import Platform
from mailgql.upstreams.v2rest import RecipientsType

__all__ = [
    "create_sub_account",
    "inherit_lists",
    "inherit_newsletter",
    "inherit_segments",
    "remove_inherited_list",
    "remove_inherited_newsletter",
    "remove_inherited_segment",
    "set_sub_account_status",
    "sub_account_name",
]

_P = Platform.V2REST


def sub_account_name(info: Info, key: str, *, field: tuple[str, ...]) -> str:
    """The username of a sub-account a mutation targets; the admin itself is refused."""
    if key == info.context.v2rest().client.admin_username:
        raise BadUserInput(
            "this is the v2 admin account; only its sub-accounts can be changed",
            field=field,
            platform=_P,
        )
    return key


async def _fresh(info: Info, username: str) -> Account:
    loaders = info.context.v2rest()
    record = await loaders.sub_account(username)
    if record is None:
        raise NotFound(f"v2 REST has no sub-account named {username!r}", platform=_P)
    return account_from_record(record)


async def create_sub_account(
    info: Info,
    *,
    username: str,
    password: str,
    email: str,
    allowed_domains: Sequence[str],
) -> Account:
    """``POST /Users/SubAccounts``, then the new account as listed."""
    loaders = info.context.v2rest()
    await loaders.client.create_sub_account(
        account_name=username,
        password=password,
        owner_email=email,
        allowed_domains=allowed_domains,
    )
    loaders.forget_sub_accounts()
    return await _fresh(info, username)


async def set_sub_account_status(info: Info, username: str, *, active: bool) -> Account:
    """``PUT /Users/SubAccounts``, then the account as listed."""
    loaders = info.context.v2rest()
    await loaders.client.set_sub_account_status(account_name=username, active=active)
    loaders.forget_sub_accounts()
    return await _fresh(info, username)


async def _after_inheritance_change(info: Info, username: str) -> Account:
    info.context.v2rest().forget_inherited(username)
    return await _fresh(info, username)


async def inherit_lists(info: Info, username: str, list_ids: Sequence[int]) -> Account:
    """``PUT /Users/InheritLists``."""
    await info.context.v2rest().client.inherit_lists(account_name=username, list_ids=list_ids)
    return await _after_inheritance_change(info, username)


async def remove_inherited_list(info: Info, username: str, list_id: int) -> Account:
    """``DELETE /Users/InheritLists``."""
    await info.context.v2rest().client.remove_inherited_list(account_name=username, list_id=list_id)
    return await _after_inheritance_change(info, username)


async def inherit_segments(info: Info, username: str, segment_ids: Sequence[int]) -> Account:
    """``PUT /Users/InheritSegments``."""
    await info.context.v2rest().client.inherit_segments(
        account_name=username, segment_ids=segment_ids
    )
    return await _after_inheritance_change(info, username)


async def remove_inherited_segment(info: Info, username: str, segment_id: int) -> Account:
    """``DELETE /Users/InheritSegments``."""
    await info.context.v2rest().client.remove_inherited_segment(
        account_name=username, segment_id=segment_id
    )
    return await _after_inheritance_change(info, username)


async def inherit_newsletter(
    info: Info,
    username: str,
    newsletter_id: int,
    *,
    recipients_type: RecipientsType,
    recipient_ids: Sequence[int],
) -> Account:
    """``PUT /Users/InheritNewsletters``."""
    await info.context.v2rest().client.inherit_newsletter(
        account_name=username,
        newsletter_id=newsletter_id,
        recipients_type=recipients_type,
        recipient_ids=recipient_ids,
    )
    return await _after_inheritance_change(info, username)


async def remove_inherited_newsletter(info: Info, username: str, newsletter_id: int) -> Account:
    """``DELETE /Users/InheritNewsletters``."""
    await info.context.v2rest().client.remove_inherited_newsletter(
        account_name=username, newsletter_id=newsletter_id
    )
    return await _after_inheritance_change(info, username)
