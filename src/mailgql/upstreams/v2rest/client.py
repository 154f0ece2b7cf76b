"""The v2 REST client: one async method per endpoint (12). I/O here, decoding in ``wire``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from mailgql.platforms import Platform
from mailgql.settings import V2RestConfig
from mailgql.upstreams._http import Endpoint, PlatformClient
from mailgql.upstreams.v2rest import wire
from mailgql.upstreams.v2rest.auth import V2RestAuth
from mailgql.upstreams.v2rest.records import (
    MailingList,
    Newsletter,
    RecipientsType,
    Segment,
    SubAccount,
)

__all__ = ["MAX_LIMIT", "V2RestClient"]

MAX_LIMIT = 1000
"""The most records one v2 listing call returns."""

T = TypeVar("T")
_PLATFORM = Platform.V2REST
_LISTS = "Users/InheritLists"
_SEGMENTS = "Users/InheritSegments"
_NEWSLETTERS = "Users/InheritNewsletters"


class V2RestClient(PlatformClient[V2RestConfig]):
    """Calls the v2 REST API as the configured admin account."""

    platform = _PLATFORM

    @classmethod
    def endpoint(cls, config: V2RestConfig) -> Endpoint:
        """The API's root; every request carries the admin's two credential headers."""
        return Endpoint(config.url + "/", auth=V2RestAuth(config.username, config.token))

    @property
    def admin_username(self) -> str:
        """The admin account every call is made as."""
        return self._config.username

    # -- plumbing -------------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: Any = None,
    ) -> Any:
        operation = f"{method} /{path}"
        return await self._http.call(
            method,
            path,
            operation=operation,
            read=method == "GET",
            decode=lambda r: wire.decode_envelope(r.status_code, r.content, operation=operation),
            params=params,
            json=body,
        )

    async def _listing(
        self,
        path: str,
        parse: Callable[[dict[str, Any]], T],
        *,
        limit: int,
        offset: int,
        account: str | None = None,
    ) -> list[T]:
        if not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
        if offset < 0:
            raise ValueError("offset must be 0 or more")
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if account is not None:
            params = {"accountName": account, **params}
        data = await self._call("GET", path, params=params)
        return wire.decode_records(data, parse, operation=f"GET /{path}")

    async def _write(self, method: str, path: str, body: Any) -> str:
        data = await self._call(method, path, body=body)
        return wire.success_message(data, operation=f"{method} /{path}")

    # -- sub-accounts ---------------------------------------------------------------------------

    async def get_sub_accounts(self, *, limit: int = 100, offset: int = 0) -> list[SubAccount]:
        """``GET /Users/SubAccounts``: one page of the admin's sub-accounts."""
        return await self._listing(
            "Users/SubAccounts", wire.parse_sub_account, limit=limit, offset=offset
        )

    async def create_sub_account(
        self,
        *,
        account_name: str,
        password: str,
        owner_email: str,
        allowed_domains: Sequence[str],
    ) -> str:
        """``POST /Users/SubAccounts``: create a sub-account; returns the legacy message."""
        return await self._write(
            "POST",
            "Users/SubAccounts",
            {
                "accountName": account_name,
                "accountPassword": password,
                "ownerEmail": owner_email,
                "allowedDomains": list(allowed_domains),
            },
        )

    async def set_sub_account_status(self, *, account_name: str, active: bool) -> str:
        """``PUT /Users/SubAccounts``: activate or disable a sub-account."""
        return await self._write(
            "PUT", "Users/SubAccounts", {"accountName": account_name, "status": active}
        )

    # -- what a sub-account inherits: lists, segments, newsletters -------------------------------

    async def _inherited(
        self, path: str, parse: Callable[[dict[str, Any]], T], account: str, limit: int, offset: int
    ) -> list[T]:
        return await self._listing(path, parse, limit=limit, offset=offset, account=account)

    async def _inherit(self, path: str, account_name: str, **fields: Any) -> str:
        return await self._write("PUT", path, {"accountName": account_name, **fields})

    async def _uninherit(self, path: str, account_name: str, key: str, legacy_id: int) -> str:
        # Unlike PUT's object, DELETE's body is an array of one-key objects.
        return await self._write("DELETE", path, [{"accountName": account_name}, {key: legacy_id}])

    async def get_inherited_lists(
        self, account_name: str, *, limit: int = 100, offset: int = 0
    ) -> list[MailingList]:
        """``GET /Users/InheritLists``: one page of the lists a sub-account inherits."""
        return await self._inherited(_LISTS, wire.parse_mailing_list, account_name, limit, offset)

    async def inherit_lists(self, *, account_name: str, list_ids: Sequence[int]) -> str:
        """``PUT /Users/InheritLists``: let a sub-account inherit admin lists."""
        return await self._inherit(_LISTS, account_name, inheritLists=list(list_ids))

    async def remove_inherited_list(self, *, account_name: str, list_id: int) -> str:
        """``DELETE /Users/InheritLists``: the body is an array of one-key objects."""
        return await self._uninherit(_LISTS, account_name, "listid", list_id)

    async def get_inherited_segments(
        self, account_name: str, *, limit: int = 100, offset: int = 0
    ) -> list[Segment]:
        """``GET /Users/InheritSegments``: one page of the segments a sub-account inherits."""
        return await self._inherited(_SEGMENTS, wire.parse_segment, account_name, limit, offset)

    async def inherit_segments(self, *, account_name: str, segment_ids: Sequence[int]) -> str:
        """``PUT /Users/InheritSegments``: let a sub-account inherit admin segments."""
        return await self._inherit(_SEGMENTS, account_name, inheritSegments=list(segment_ids))

    async def remove_inherited_segment(self, *, account_name: str, segment_id: int) -> str:
        """``DELETE /Users/InheritSegments``."""
        return await self._uninherit(_SEGMENTS, account_name, "segmentid", segment_id)

    async def get_inherited_newsletters(
        self, account_name: str, *, limit: int = 100, offset: int = 0
    ) -> list[Newsletter]:
        """``GET /Users/InheritNewsletters``: one page of a sub-account's inherited newsletters."""
        parse = wire.parse_newsletter
        return await self._inherited(_NEWSLETTERS, parse, account_name, limit, offset)

    async def inherit_newsletter(
        self,
        *,
        account_name: str,
        newsletter_id: int,
        recipients_type: RecipientsType,
        recipient_ids: Sequence[int],
    ) -> str:
        """``PUT /Users/InheritNewsletters``; the wire spells the recipients ``recipeintsid``."""
        return await self._inherit(
            _NEWSLETTERS,
            account_name,
            newsletterid=newsletter_id,
            recipientsType=recipients_type,
            recipeintsid=list(recipient_ids),
        )

    async def remove_inherited_newsletter(self, *, account_name: str, newsletter_id: int) -> str:
        """``DELETE /Users/InheritNewsletters``."""
        return await self._uninherit(_NEWSLETTERS, account_name, "newsletterid", newsletter_id)
