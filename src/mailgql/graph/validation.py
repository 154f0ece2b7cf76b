"""Input checks shared by mutations and queries: they fail before any upstream call is made.

The rules themselves (legacy numbers, string limits) live in :mod:`mailgql.input_rules`; here
they become ``BAD_USER_INPUT`` refusals naming the argument path. :class:`InputRules` checks
every string of a mutation's arguments against :data:`FIELD_KINDS` before the mutation runs, so
a mutation added later is covered without a line of its own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import strawberry
from pydantic import SecretStr
from strawberry.extensions import FieldExtension
from strawberry.types.base import StrawberryContainer, has_object_definition
from strawberry.utils.str_converters import to_camel_case

from mailgql.graph.errors import BadUserInput
from mailgql.input_rules import MAX_LEGACY_ID, legacy_number, text_problem

if TYPE_CHECKING:
    from strawberry.types import Info
    from strawberry.types.field import StrawberryField

__all__ = [
    "FIELD_KINDS",
    "MAX_IDS",
    "InputRules",
    "apply_input_rules",
    "check_email",
    "check_ids",
    "check_input",
    "check_not_blank",
    "check_text",
    "plain_legacy_id",
    "secret",
]

MAX_IDS = 100
"""The most IDs one mutation input list takes."""

FIELD_KINDS: dict[str, str] = {
    "username": "name",
    "name": "name",
    "lastName": "name",
    "fromName": "name",
    "replyToName": "name",
    "field": "name",
    "label": "name",
    "mergeTagAlias": "name",
    "operator": "name",
    "password": "password",
    "email": "email",
    "newEmail": "email",
    "fromEmail": "email",
    "replyToEmail": "email",
    "allowedDomains": "domain",
    "timeZone": "time_zone",
    "subject": "subject",
    "url": "url",
    "subscriptionPendingPageUrl": "url",
    "subscriptionConfirmedPageUrl": "url",
    "csv": "content",
    "htmlContent": "content",
    "plainContent": "content",
    "data": "content",
    "mimeType": "name",
    # Oempro's administrator area
    "smtpPassword": "password",
    "s3SecretKey": "password",
    "permissions": "name",
    "smtpHost": "domain",
    "subscriberAreaLogoutUrl": "url",
    "s3Url": "url",
    "systemFromEmail": "email",
    "systemReplyToEmail": "email",
    "alertRecipientEmail": "email",
    "reportAbuseEmail": "email",
    "htmlEmailHeader": "content",
    "htmlEmailFooter": "content",
    "plainEmailHeader": "content",
    "plainEmailFooter": "content",
}
"""The kind (a key of :data:`mailgql.input_rules.TEXT_RULES`) of each input field by its GraphQL
name; a field of type ``ID`` not named here is an ``id``, any other string ``text``."""

# Deliberately simple: one @, a dot in the domain, no spaces. Platforms apply their own rules too.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def check_text(value: str, *, kind: str, field: tuple[str, ...]) -> str:
    """The value, if it is a string of ``kind`` a platform may be sent (valid Unicode, within
    its length); else a BAD_USER_INPUT naming ``field``."""
    problem = text_problem(value, kind)
    if problem is not None:
        raise BadUserInput(f"{'.'.join(field) or 'the value'} {problem}", field=field)
    return value


def check_not_blank(value: str, *, field: tuple[str, ...], what: str) -> str:
    """The value stripped; blank is a BAD_USER_INPUT."""
    text = value.strip()
    if not text:
        raise BadUserInput(f"{what} must not be empty", field=field)
    return text


def check_email(value: str, *, field: tuple[str, ...]) -> str:
    """A syntactically valid e-mail address, stripped."""
    check_text(value, kind="email", field=field)
    text = value.strip()
    if not _EMAIL.match(text):
        raise BadUserInput(f"{value!r} is not a valid e-mail address", field=field)
    return text


def check_ids(values: Sequence[str], *, field: tuple[str, ...], what: str) -> None:
    """A non-empty list of at most MAX_IDS ids."""
    if not values:
        raise BadUserInput(f"give at least one {what}", field=field)
    if len(values) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} {what}s per call", field=field)


def plain_legacy_id(text: str, *, field: tuple[str, ...] | None, what: str) -> int | None:
    """The number a plain legacy id writes (see :func:`mailgql.input_rules.legacy_number`).

    None when ``text`` is not written in digits at all (it may be a global ID); a BAD_USER_INPUT
    when it is, but not in ASCII digits from 1 to ``MAX_LEGACY_ID``.
    """
    number = legacy_number(text)
    if number is not None:
        return number
    if text and all(c.isnumeric() for c in text):
        raise BadUserInput(
            f"{text[:20]!r}{'...' if len(text) > 20 else ''} is not a {what} id: ids are ASCII "
            f"digits from 1 to {MAX_LEGACY_ID}",
            field=field,
        )
    return None


# -- every string of a mutation's arguments ------------------------------------------------------


def _is_id(kind: object) -> bool:
    while isinstance(kind, StrawberryContainer):
        kind = kind.of_type
    return kind is strawberry.ID


def check_input(value: object, *, path: tuple[str, ...], kind: str = "text") -> None:
    """Check every string in an argument value (a string, a list, a Strawberry input object,
    through every level), each against its field's kind; the first that breaks its rule is a
    BAD_USER_INPUT naming its path (``input.listIds.2``)."""
    if isinstance(value, str):
        check_text(value, kind=kind, field=path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_input(item, path=(*path, str(index)), kind=kind)
    elif has_object_definition(value) and dataclasses.is_dataclass(value):
        for field in value.__strawberry_definition__.fields:
            name = field.graphql_name or to_camel_case(field.python_name)
            inner = FIELD_KINDS.get(name) or ("id" if _is_id(field.type) else "text")
            check_input(getattr(value, field.python_name), path=(*path, name), kind=inner)


class InputRules(FieldExtension):
    """Refuse a mutation holding a string no platform may be sent, before it runs.

    The refusal is the mutation's own payload with one ``BAD_USER_INPUT`` user error, made by
    the payload type's ``run`` as any other refusal is.
    """

    def __init__(self) -> None:
        self._payload: Any = None

    def apply(self, field: StrawberryField) -> None:
        """Remember the payload type of the mutation it guards."""
        self._payload = field.type

    async def resolve_async(
        self,
        next_: Callable[..., Awaitable[Any]],
        source: Any,
        info: Info,
        **kwargs: Any,
    ) -> Any:
        """The mutation, or its payload refusing the first string that breaks a rule."""
        refusal = _first_refusal(kwargs)
        if refusal is None:
            return await next_(source, info, **kwargs)

        async def refuse() -> None:
            raise refusal

        return await self._payload.run(refuse)


def _first_refusal(arguments: dict[str, Any]) -> BadUserInput | None:
    """The refusal of the first string in a field's arguments that breaks its rule, if any."""
    try:
        for name, value in arguments.items():
            check_input(value, path=(to_camel_case(name),))
    except BadUserInput as refused:
        return refused
    return None


def apply_input_rules(graphql_type: type) -> None:
    """Guard every field of a Strawberry type (the Mutation root) with :class:`InputRules`."""
    for field in graphql_type.__strawberry_definition__.fields:  # type: ignore[attr-defined]
        if not any(isinstance(e, InputRules) for e in field.extensions):
            field.extensions.append(InputRules())


def secret(text: str | None) -> SecretStr | None:
    """A secret a client writes (a password, an SMTP password, an S3 key), held from here on as
    ``SecretStr``, so that no ``repr`` or log line below the graph shows it; None stays None."""
    return SecretStr(text) if text is not None else None
