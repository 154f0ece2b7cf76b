"""Commands about email records beyond editing them (contract §14): copy, test send, spam
score, merge tags."""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.upstreams.oempro.commands._base import Command, Form, created, write
from mailgql.upstreams.oempro.commands._form import given, true_false
from mailgql.upstreams.oempro.content_records import PersonalizationTag, SpamTest
from mailgql.upstreams.oempro.wire import content as wire_content

__all__ = [
    "PERSONALIZATION_SCOPES",
    "duplicate_email",
    "personalization_tags",
    "send_test_email",
    "spam_test",
]

PERSONALIZATION_SCOPES = (
    "Subscriber",
    "CampaignLinks",
    "OptLinks",
    "ListLinks",
    "AllLinks",
    "User",
)
"""The ``Scope`` values ``Email.PersonalizationTags`` takes."""


def duplicate_email(email_id: int) -> Command[int]:
    """``Email.Duplicate``; the copy's id."""
    return created("Email.Duplicate", [("EmailID", str(email_id))], "EmailID")


def send_test_email(
    email_id: int,
    address: str,
    *,
    list_id: int | None = None,
    campaign_id: int | None = None,
    add_header_footer: bool | None = None,
) -> Command[None]:
    """``Email.EmailPreview``: send a test of an email to one address (a list fills the
    subscriber merge tags; ``AddUserGroupHeaderFooter`` is 4.1.18+)."""
    form: Form = [("EmailID", str(email_id)), ("EmailAddress", address)]
    given(form, "ListID", list_id)
    given(form, "CampaignID", campaign_id)
    given(form, "AddUserGroupHeaderFooter", add_header_footer, true_false)
    return write("Email.EmailPreview", form)


def spam_test(email_id: int, *, as_user: int | None = None) -> Command[SpamTest]:
    """``Email.SpamTest``: the email's spam score. Sent again after a lost answer: it changes
    nothing."""
    return Command(
        "Email.SpamTest",
        [("EmailID", str(email_id))],
        decode=wire_content.parse_spam_test,
        read=True,
        as_user=as_user,
    )


def personalization_tags(
    scopes: Sequence[str], list_ids: Sequence[int] = (), *, as_user: int | None = None
) -> Command[tuple[PersonalizationTag, ...]]:
    """``Email.PersonalizationTags``: the merge tags of the scopes (``Subscriber`` needs
    lists: their custom fields are tags too)."""
    form: Form = [("Scope[]", scope) for scope in scopes]
    form += [("ListID[]", str(list_id)) for list_id in list_ids]
    return Command(
        "Email.PersonalizationTags",
        form,
        decode=wire_content.parse_personalization_tags,
        read=True,
        as_user=as_user,
    )
