"""Oempro's response envelope: success or the mapped error, then the record, listing or id inside.

Both response formats go through here: JSON as sent, XML after ``xml.parse_response`` turned it
into the same dicts and lists (with every scalar a string, which the coercions accept anyway).

Quirks handled (contract §3 and §19): ``Success`` as a JSON boolean or XML ``1``/empty;
``ErrorCode`` as 0, a number, a string or an array and ``ErrorText`` as a string, an array or
absent, normalised into (code, text) pairs (5.9.3's ``Errors`` list too), with the custom field an
error names; an HTML page (or anything that is not the envelope) with HTTP 200, and PHP's page
for a command the server does not have; empty results as ``[]``, ``false``, ``""`` or a missing
key; total keys that differ by version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from mailgql.platforms import Platform
from mailgql.upstreams._coerce import opt_int, opt_str, req_int
from mailgql.upstreams._wire import bad_answer, read_record, server_failed
from mailgql.upstreams.errors import UpstreamBadResponse, UpstreamNotFound
from mailgql.upstreams.oempro.error_codes import UNKNOWN_COMMAND, LegacyError, error_for
from mailgql.upstreams.oempro.records import Page
from mailgql.upstreams.oempro.wire.columns import empty, items
from mailgql.upstreams.oempro.xml import parse_response

__all__ = [
    "OemproUnknownCommand",
    "decode_envelope",
    "decode_listing",
    "decode_record",
    "legacy_errors",
    "new_id",
    "unreadable",
]

_PLATFORM = Platform.OEMPRO
R = TypeVar("R")


class OemproUnknownCommand(UpstreamBadResponse):
    """The server has no such command (a PHP fatal error page on 4.x, code 100003 on 5.9.3+)."""


def unreadable(command: str, problem: str, status: int | None = None) -> UpstreamBadResponse:
    """The error for an Oempro answer to ``command`` we cannot use; ``problem`` says why."""
    return bad_answer(_PLATFORM, command, problem, status)


# -- the envelope -------------------------------------------------------------------------------

# What PHP prints when api.php has no handler for a command: "Call to undefined method API::X()".
_UNDEFINED_METHOD = re.compile(rb"call to undefined (method|function)", re.IGNORECASE)


def _parse(body: bytes, *, xml: bool) -> dict[str, Any] | None:
    try:
        payload: Any = parse_response(body) if xml else json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: nesting deeper than the parser goes is no answer we can read either.
        return None
    return payload if isinstance(payload, dict) else None


def _succeeded(value: Any) -> bool:
    # JSON says true; XML prints PHP's true as "1" and false as an empty element.
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in {"1", "true"}


def decode_envelope(status: int, body: bytes, *, command: str, xml: bool = False) -> dict[str, Any]:
    """The payload of a success envelope; raise the mapped upstream error for anything else.

    Oempro answers HTTP 200 whatever happened, so only the body decides. A body that is not the
    envelope is ``UpstreamBadResponse`` (``OemproUnknownCommand`` when it says the command does
    not exist), or ``UpstreamUnavailable`` with a 5xx status.
    """
    payload = _parse(body, xml=xml)
    if payload is None or "Success" not in payload:
        if status >= 500:
            raise server_failed(_PLATFORM, command, status)
        if _UNDEFINED_METHOD.search(body) or not body.strip():
            raise OemproUnknownCommand(
                f"Oempro has no command {command} (the server is older than the command)",
                platform=_PLATFORM,
                operation=command,
                http_status=status,
            )
        what = "XML" if xml else "JSON"
        problem = "a body that is not the response envelope" if payload is not None else None
        raise unreadable(command, problem or f"a body that is not {what} (HTTP {status})", status)
    if _succeeded(payload["Success"]):
        if status >= 400:
            raise unreadable(command, f"a success envelope with HTTP {status}", status)
        return payload
    errors = legacy_errors(payload)
    if errors and errors[0].code == UNKNOWN_COMMAND:
        raise OemproUnknownCommand(
            f"Oempro has no command {command}",
            platform=_PLATFORM,
            operation=command,
            legacy_code=UNKNOWN_COMMAND,
            http_status=status,
        )
    errors, field = _custom_field_detail(payload, errors)
    errors = _settings_detail(payload, errors)
    raise error_for(command, errors, http_status=status, field=field)


def _settings_detail(payload: Mapping[str, Any], errors: list[LegacyError]) -> list[LegacyError]:
    """``Settings.EmailSendingTest`` says why a test failed in ``EmailSettingsErrorMessage``:
    it becomes the first error's text."""
    raw = payload.get("EmailSettingsErrorMessage")
    detail = raw.strip() if isinstance(raw, str) else ""
    if not detail or not errors:
        return errors
    return [LegacyError(errors[0].code, detail), *errors[1:]]


# -- its errors ---------------------------------------------------------------------------------


def _code(value: Any) -> int | str | None:
    """One error code; None for "no error" (0, empty)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value) or None
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit():
        return int(text) or None
    # 5.x sometimes puts a parameter name or a sentence here: keep it, opaque.
    return text


def legacy_errors(payload: Mapping[str, Any]) -> list[LegacyError]:
    """Every (code, text) pair of an error envelope, in order.

    ``ErrorText`` pairs with ``ErrorCode`` by position when both are arrays; a single string is
    the text of the first code. 5.9.3's hard failures list ``Errors: [{Code, Message}]``.
    """
    codes = [c for c in (_code(v) for v in items(payload.get("ErrorCode"))) if c is not None]
    raw_texts = payload.get("ErrorText")
    texts: list[str | None]
    if isinstance(raw_texts, list | dict):
        texts = [opt_str(t) if isinstance(t, str | int) else None for t in items(raw_texts)]
    elif isinstance(raw_texts, str) and raw_texts.strip():
        texts = [raw_texts.strip()]
    else:
        texts = []
    pairs = [
        LegacyError(code, texts[i] if i < len(texts) else None) for i, code in enumerate(codes)
    ]
    if pairs:
        return pairs
    extra = payload.get("Errors")
    for item in items(extra) if extra else []:
        if isinstance(item, dict):
            code = _code(item.get("Code"))
            if code is not None:
                message = item.get("Message")
                pairs.append(LegacyError(code, message if isinstance(message, str) else None))
    return pairs


def _custom_field_detail(
    payload: Mapping[str, Any], errors: list[LegacyError]
) -> tuple[list[LegacyError], str | None]:
    """The custom field an error is about, with its title and description added to the text.

    ``Subscriber.Subscribe`` names it in ``ErrorCustomFieldID``; for ``Subscriber.Update`` a
    client library reads the plural ``ErrorCustomFieldIDs``.
    """
    ids = items(payload.get("ErrorCustomFieldID") or payload.get("ErrorCustomFieldIDs") or [])
    titles = items(
        payload.get("ErrorCustomFieldTitle") or payload.get("ErrorCustomFieldTitles") or []
    )
    descriptions = items(
        payload.get("ErrorCustomFieldDescription")
        or payload.get("ErrorCustomFieldDescriptions")
        or []
    )
    field_id = opt_int(ids[0]) if ids and isinstance(ids[0], str | int) else None
    if field_id is None or not errors:
        return errors, None
    detail = ": ".join(str(p) for p in (titles[:1] + descriptions[:1]) if isinstance(p, str) and p)
    first = errors[0]
    if detail:
        text = f"{first.text} ({detail})" if first.text else detail
        errors = [LegacyError(first.code, text), *errors[1:]]
    return errors, f"CustomField{field_id}"


# -- payload parts ------------------------------------------------------------------------------


def decode_record(
    payload: Mapping[str, Any], key: str, *, parse: Callable[[dict[str, Any]], R], command: str
) -> R:
    """The one record under ``key``; ``UpstreamNotFound`` when it is empty or missing."""
    value = payload.get(key)
    if empty(value):
        raise UpstreamNotFound(
            f"Oempro has no such record for {command}", platform=_PLATFORM, operation=command
        )
    return read_record(value, parse, platform=_PLATFORM, operation=command, what=f"a {key}")


def decode_listing(
    payload: Mapping[str, Any],
    key: str,
    *,
    parse: Callable[[dict[str, Any]], R],
    command: str,
    totals: Iterable[str] = (),
    offset: int | None = None,
) -> Page[R]:
    """The records under ``key`` and the first total key present.

    ``offset`` is given for the listings the API pages; an unpaged listing (no ``offset``)
    without a total key is as long as what it holds, a paged one has an unknown total.
    """
    value = payload.get(key)
    rows = [] if empty(value) else items(value)
    records = [
        read_record(raw, parse, platform=_PLATFORM, operation=command, what=f"{key} record {index}")
        for index, raw in enumerate(rows)
    ]
    total: int | None = None
    try:
        for name in totals:
            if not empty(payload.get(name)):
                total = req_int(payload[name])
                break
    except ValueError:
        raise unreadable(command, f"an unreadable total for {key}") from None
    if total is None and offset is None:
        total = len(records)
    return Page(items=tuple(records), offset=offset or 0, total=total)


def new_id(payload: Mapping[str, Any], key: str, *, command: str) -> int:
    """The id a create command answers with (a JSON number or a string)."""
    try:
        return req_int(payload[key])
    except (KeyError, ValueError):
        raise unreadable(command, f"no readable {key}") from None
