"""What the inputs of email records and of campaigns share: an email's sender and bodies."""

from __future__ import annotations

from typing import Protocol, TypedDict

from mailgql.graph.validation import check_email

__all__ = ["SenderAndBodies", "SenderAndBodiesInput", "sender_and_bodies"]


class SenderAndBodiesInput(Protocol):
    """An input that gives an email's sender and bodies (each may be left out)."""

    from_name: str | None
    from_email: str | None
    reply_to_name: str | None
    reply_to_email: str | None
    html_content: str | None
    plain_content: str | None


class SenderAndBodies(TypedDict):
    """An email's sender and bodies, as the Oempro data layer names them."""

    from_name: str | None
    from_email: str | None
    reply_to_name: str | None
    reply_to_email: str | None
    html: str | None
    plain: str | None


def sender_and_bodies(given: SenderAndBodiesInput, path: tuple[str, ...]) -> SenderAndBodies:
    """The sender and bodies an input gives, the addresses checked (``path``: the input object's
    own path, which the refusal of an address names)."""

    def address(value: str | None, name: str) -> str | None:
        return None if value is None else check_email(value, field=(*path, name))

    return SenderAndBodies(
        from_name=given.from_name,
        from_email=address(given.from_email, "fromEmail"),
        reply_to_name=given.reply_to_name,
        reply_to_email=address(given.reply_to_email, "replyToEmail"),
        html=given.html_content,
        plain=given.plain_content,
    )
