"""The v2 REST emulator's in-memory state and the rules of every write.

Each operation raises :class:`V2RestError` with the status and message the contract names; the
HTTP layer only parses input and wraps answers in the envelope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mailgql.emulators.v2rest.records import (
    MailingList,
    Newsletter,
    NewsletterRecipients,
    RecipientsType,
    Segment,
    SubAccount,
)

__all__ = ["NOT_YOUR_SUB_ACCOUNT", "V2RestError", "V2RestState"]

NOT_YOUR_SUB_ACCOUNT = "Specified account is not your sub account."

_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


class V2RestError(Exception):
    """A failure the API reports in its envelope: HTTP status ``code`` and ``message``."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _not_owner(thing: str) -> V2RestError:
    return V2RestError(403, f"This user is not owner of the {thing}")


def _all_owned(ids: Iterable[int], owned: Mapping[int, object], thing: str) -> list[int]:
    """``ids`` in order when the admin owns every one; else the 403 for ``thing``, as all or
    nothing."""
    wanted = list(ids)
    if any(i not in owned for i in wanted):
        raise _not_owner(thing)
    return wanted


@dataclass(slots=True)
class V2RestState:
    """The admin's lists, segments and newsletters, and its sub-accounts by username."""

    lists: dict[int, MailingList]
    segments: dict[int, Segment]
    newsletters: dict[int, Newsletter]
    accounts: dict[str, SubAccount]
    default_timezone: str
    newsletter_base: str

    def passwords(self) -> set[str]:
        """Every sub-account password stored."""
        return {account.password for account in self.accounts.values()}

    def sub_accounts(self) -> list[SubAccount]:
        """Every sub-account, oldest first."""
        return sorted(self.accounts.values(), key=lambda account: account.groupid)

    def account(self, name: str) -> SubAccount:
        """The sub-account called ``name``, or the API's 401 for a name it does not know."""
        account = self.accounts.get(name)
        if account is None:
            raise V2RestError(401, NOT_YOUR_SUB_ACCOUNT)
        return account

    def create_sub_account(
        self,
        *,
        name: str,
        password: str,
        owner_email: str,
        allowed_domains: tuple[str, ...],
        now: int,
    ) -> SubAccount:
        """Create an active sub-account that has never logged in."""
        if not _EMAIL.fullmatch(owner_email):
            raise V2RestError(400, "Parameter ownerEmail is not a valid email.")
        if name in self.accounts:
            raise V2RestError(400, "Account name already exists.")
        groupid = max((a.groupid for a in self.accounts.values()), default=0) + 1
        account = SubAccount(
            groupid=groupid,
            username=name,
            password=password,
            owner_email=owner_email,
            allowed_domains=allowed_domains,
            # The API takes no full name; the vendor's sample shows the username standing in.
            fullname=name,
            timezone=self.default_timezone,
            createdate=now,
        )
        self.accounts[name] = account
        return account

    def set_status(self, name: str, *, active: bool) -> None:
        """Activate or disable a sub-account."""
        self.account(name).active = active

    def inherited_lists(self, name: str) -> list[MailingList]:
        """The admin lists the account inherits, by id."""
        return [self.lists[i] for i in sorted(self.account(name).inherited_lists)]

    def inherit_lists(self, name: str, ids: Iterable[int]) -> None:
        """Let the account inherit admin lists; all or nothing, and inheriting twice is a no-op."""
        account = self.account(name)
        account.inherited_lists.update(_all_owned(ids, self.lists, "list"))

    def remove_inherited_list(self, name: str, listid: int) -> None:
        """Stop the account inheriting an admin list."""
        account = self.account(name)
        if listid not in self.lists:
            raise _not_owner("list")
        if listid not in account.inherited_lists:
            raise V2RestError(404, "Inherited list not found.")
        account.inherited_lists.discard(listid)

    def inherited_segments(self, name: str) -> list[Segment]:
        """The admin segments the account inherits, by id."""
        return [self.segments[i] for i in sorted(self.account(name).inherited_segments)]

    def inherit_segments(self, name: str, ids: Iterable[int]) -> None:
        """Let the account inherit admin segments; all or nothing, and idempotent."""
        account = self.account(name)
        account.inherited_segments.update(_all_owned(ids, self.segments, "segment"))

    def remove_inherited_segment(self, name: str, segmentid: int) -> None:
        """Stop the account inheriting a segment; only inherited segments can go."""
        account = self.account(name)
        if segmentid not in account.inherited_segments:
            raise V2RestError(403, "Only inherit segments can be deleted.")
        account.inherited_segments.discard(segmentid)

    def inherited_newsletters(self, name: str) -> list[tuple[Newsletter, NewsletterRecipients]]:
        """The admin newsletters the account inherits, by id, each with its recipients."""
        inherited = self.account(name).inherited_newsletters
        return [(self.newsletters[i], inherited[i]) for i in sorted(inherited)]

    def inherit_newsletter(
        self, name: str, newsletterid: int, *, kind: RecipientsType, ids: Iterable[int]
    ) -> None:
        """Let the account inherit a newsletter sent to admin lists or segments.

        Inheriting it again replaces its recipients.
        """
        account = self.account(name)
        newsletter = self.newsletters.get(newsletterid)
        if newsletter is None:
            raise _not_owner("newsletter")
        if newsletter.dynamic:
            raise V2RestError(
                400, "Newsletter with dynamic content or relation fields can not be inherited."
            )
        known: Mapping[int, object] = self.lists if kind == "list" else self.segments
        recipients = tuple(_all_owned(dict.fromkeys(ids), known, kind))
        account.inherited_newsletters[newsletterid] = NewsletterRecipients(kind, recipients)

    def remove_inherited_newsletter(self, name: str, newsletterid: int) -> None:
        """Stop the account inheriting a newsletter."""
        account = self.account(name)
        if newsletterid not in self.newsletters:
            raise _not_owner("newsletter")
        if newsletterid not in account.inherited_newsletters:
            raise V2RestError(404, "Inherited newsletter not found.")
        del account.inherited_newsletters[newsletterid]
