"""v2 REST's part of the graph: the admin, its sub-accounts and what they inherit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mailgql.graph.accounts import Account
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.node import Node
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.base import PlatformGraph, RecipientsType
from mailgql.graph.platforms.v2rest import writes
from mailgql.graph.platforms.v2rest.objects import (
    account_from_record,
    admin_account,
    admin_name,
    find_newsletter,
    find_segment,
    scan,
    sub_account_connection,
    to_list,
    to_newsletter,
)
from mailgql.graph.validation import MAX_IDS
from mailgql.platforms import Platform

if TYPE_CHECKING:
    from mailgql.graph.mutations.accounts import CreateSubAccountInput

__all__ = ["V2RestGraph"]


class V2RestGraph(PlatformGraph):
    """v2 REST's part of the graph: the admin, its sub-accounts and what they inherit."""

    platform = Platform.V2REST

    async def me(self, info: Info) -> Account | None:
        """The configured admin account."""
        return admin_account(admin_name(info))

    async def accounts(self, info: Info, window: Window) -> Connection[Account]:
        """The admin's sub-accounts (the admin itself is `me`)."""
        return await sub_account_connection(info, window)

    async def node(self, info: Info, type_name: str, key: str) -> Node | None:
        """Accounts by username; lists, segments and newsletters by id (see module doc)."""
        loaders = info.context.v2rest()
        if type_name == "Account":
            if key == admin_name(info):
                return admin_account(key)
            record = await loaders.sub_account(key)
            return account_from_record(record) if record is not None else None
        if not key.isdigit():
            return None
        wanted = int(key)
        if type_name == "MailingList":
            found_list = await scan(info, lambda n: loaders.inherited_list(n, wanted))
            return to_list(found_list) if found_list is not None else None
        if type_name == "Segment":
            return await scan(info, lambda n: find_segment(info, n, wanted))
        if type_name == "Newsletter":
            found_nl = await scan(info, lambda n: find_newsletter(info, n, wanted))
            return to_newsletter(found_nl) if found_nl is not None else None
        return None

    # -- writes ---------------------------------------------------------------------------------

    async def create_sub_account(self, info: Info, input: CreateSubAccountInput) -> Account:
        """``POST /Users/SubAccounts`` with the allowed sender domains, then the new account."""
        domains = [d.strip() for d in input.allowed_domains or [] if d.strip()]
        if not domains:
            raise BadUserInput(
                'v2 REST needs at least one allowed domain, e.g. "@example.com"',
                field=("input", "allowedDomains"),
            )
        if len(domains) > MAX_IDS:
            raise BadUserInput(
                f"give at most {MAX_IDS} allowed domains", field=("input", "allowedDomains")
            )
        return await writes.create_sub_account(
            info,
            username=input.username.strip(),
            password=input.password,
            email=input.email.strip(),
            allowed_domains=domains,
        )

    async def set_account_status(self, info: Info, key: str, *, active: bool) -> Account:
        """Enable or disable a sub-account."""
        name = self.inheriting_account(info, key)
        return await writes.set_sub_account_status(info, name, active=active)

    def inheriting_account(self, info: Info, key: str) -> str:
        """A sub-account's username; the admin itself is refused."""
        return writes.sub_account_name(info, key, field=("input", "accountId"))

    async def inherit_lists(self, info: Info, name: str, list_ids: Sequence[int]) -> Account:
        """``PUT /Users/InheritLists``."""
        return await writes.inherit_lists(info, name, list_ids)

    async def remove_inherited_list(self, info: Info, name: str, list_id: int) -> Account:
        """``DELETE /Users/InheritLists``."""
        return await writes.remove_inherited_list(info, name, list_id)

    async def inherit_segments(self, info: Info, name: str, segment_ids: Sequence[int]) -> Account:
        """``PUT /Users/InheritSegments``."""
        return await writes.inherit_segments(info, name, segment_ids)

    async def remove_inherited_segment(self, info: Info, name: str, segment_id: int) -> Account:
        """``DELETE /Users/InheritSegments``."""
        return await writes.remove_inherited_segment(info, name, segment_id)

    async def inherit_newsletter(
        self,
        info: Info,
        name: str,
        newsletter_id: int,
        *,
        recipients_type: RecipientsType,
        recipient_ids: Sequence[int],
    ) -> Account:
        """``PUT /Users/InheritNewsletters``."""
        return await writes.inherit_newsletter(
            info,
            name,
            newsletter_id,
            recipients_type=recipients_type,
            recipient_ids=recipient_ids,
        )

    async def remove_inherited_newsletter(
        self, info: Info, name: str, newsletter_id: int
    ) -> Account:
        """``DELETE /Users/InheritNewsletters``."""
        return await writes.remove_inherited_newsletter(info, name, newsletter_id)
