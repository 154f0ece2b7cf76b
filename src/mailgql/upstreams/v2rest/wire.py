"""v2 REST wire format: the envelope, the loosely typed records, the rule tree. Pure functions."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from mailgql.platforms import Platform
from mailgql.upstreams._coerce import opt_int, opt_str, req_int, req_str, to_bool, unix_time
from mailgql.upstreams._wire import bad_answer, read_record, server_failed
from mailgql.upstreams.v2rest.error_codes import error_for
from mailgql.upstreams.v2rest.records import (
    MailingList,
    Newsletter,
    Segment,
    SegmentGroup,
    SegmentNode,
    SegmentRule,
    SubAccount,
)

__all__ = [
    "decode_envelope",
    "decode_records",
    "parse_mailing_list",
    "parse_newsletter",
    "parse_segment",
    "parse_sub_account",
    "success_message",
]

_PLATFORM = Platform.V2REST
R = TypeVar("R")

_bad = partial(bad_answer, _PLATFORM)


def decode_envelope(status: int, body: bytes, *, operation: str) -> Any:
    """The ``data`` of a success envelope; raise the mapped upstream error for anything else.

    The HTTP status and the envelope's ``status`` must agree on success; any 2xx is a success
    (sibling endpoints answer 200 or 201).
    """
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: JSON nested deeper than the parser goes is no answer we can read either.
        if status >= 500:
            raise server_failed(_PLATFORM, operation, status, legacy_code=status) from None
        if status >= 400:
            raise error_for(status, None, operation=operation) from None
        raise _bad(operation, f"a body that is not JSON (HTTP {status})", status) from None
    if not isinstance(payload, dict) or "status" not in payload:
        if status >= 400:
            raise error_for(status, None, operation=operation)
        raise _bad(operation, "JSON that is not the v2 envelope", status)
    ok = payload.get("status")
    if ok is True and 200 <= status < 300:
        return payload.get("data")
    message = payload.get("message")
    code = payload.get("code")
    failing = status if status >= 400 else (code if isinstance(code, int) else status)
    if ok is True or failing < 400:
        raise _bad(operation, f"an envelope that contradicts its HTTP status {status}", status)
    error = error_for(failing, message if isinstance(message, str) else None, operation=operation)
    # The envelope's code is the legacy code; the HTTP status stays the one really received.
    error.http_status = status
    raise error


def success_message(data: Any, *, operation: str) -> str:
    """The ``data.message`` of a write's success envelope."""
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return str(data["message"])
    raise _bad(operation, "a success envelope without data.message")


def decode_records(data: Any, parse: Callable[[dict[str, Any]], R], *, operation: str) -> list[R]:
    """Parse every record of a listing; one unreadable record fails the whole answer."""
    if data is None or data is False:
        return []
    if not isinstance(data, list):
        raise _bad(operation, "data that is not a list")
    return [
        read_record(raw, parse, platform=_PLATFORM, operation=operation, what=f"record {index}")
        for index, raw in enumerate(data)
    ]


def parse_sub_account(raw: dict[str, Any]) -> SubAccount:
    """A sub-account record; ids, flags and Unix times arrive as strings."""
    return SubAccount(
        group_id=req_int(raw["groupid"]),
        username=req_str(raw["username"]),
        active=to_bool(raw.get("status", "0")),
        full_name=opt_str(raw.get("fullname")),
        owner_email=opt_str(raw.get("ownerEmail")),
        phone=opt_str(raw.get("phone")),
        timezone=opt_str(raw.get("usertimezone")),
        created_at=unix_time(raw.get("createdate")),
        last_login_at=unix_time(raw.get("lastloggedin")),
    )


def parse_mailing_list(raw: dict[str, Any]) -> MailingList:
    """A list record; counts and flags arrive as strings."""
    return MailingList(
        list_id=req_int(raw["listid"]),
        name=req_str(raw["listName"]),
        descriptive_name=opt_str(raw.get("descriptiveName")),
        owner_name=opt_str(raw.get("ownername")),
        owner_email=opt_str(raw.get("owneremail")),
        reply_to_email=opt_str(raw.get("replytoemail")),
        company_name=opt_str(raw.get("companyname")),
        company_email=opt_str(raw.get("companyemail")),
        company_address=opt_str(raw.get("companyaddress")),
        company_phone=opt_str(raw.get("companyphone")),
        subscribe_count=opt_int(raw.get("subscribecount")),
        unsubscribe_count=opt_int(raw.get("unsubscribecount")),
        bounce_count=opt_int(raw.get("bouncecount")),
        deleted=to_bool(raw.get("deleted", "0")),
        sms_subscribe_count=opt_int(raw.get("smssubscribecount")),
        sms_prefix=opt_str(raw.get("sms_prefix")),
    )


def _int_ids(value: Any) -> tuple[int, ...]:
    if value is None or value == "":
        return ()
    if not isinstance(value, list):
        raise ValueError(f"expected a list of ids, got {value!r}")
    return tuple(req_int(v) for v in value)


def _rule_node(raw: Any) -> SegmentNode:
    if not isinstance(raw, dict):
        raise ValueError(f"expected a rule object, got {raw!r}")
    kind = raw.get("type")
    connector = str(raw.get("connector") or "and").lower()
    if kind == "group":
        children = raw.get("rules") or []
        if isinstance(children, dict):
            children = [children]
        if not isinstance(children, list):
            raise ValueError("a rule group's rules must be a list")
        return SegmentGroup(connector=connector, children=tuple(_rule_node(c) for c in children))
    if kind == "rule":
        leaf = raw.get("rules")
        if not isinstance(leaf, dict):
            raise ValueError("a rule's rules must be an object")
        values = leaf.get("ruleValues") or []
        if not isinstance(values, list):
            values = [values]
        return SegmentRule(
            connector=connector,
            name=req_str(leaf["ruleName"]),
            operator=req_str(leaf["ruleOperator"]),
            values=tuple(str(v) for v in values),
        )
    raise ValueError(f"unknown rule type {kind!r}")


def parse_segment(raw: dict[str, Any]) -> Segment:
    """A segment record; unlike its siblings, ids and times arrive as JSON numbers."""
    info = raw.get("searchinfo") or {}
    if not isinstance(info, dict):
        raise ValueError("searchinfo must be an object")
    list_groups_raw = info.get("Lists") or []
    rule_groups_raw = info.get("Rules") or []
    if not isinstance(list_groups_raw, list) or not isinstance(rule_groups_raw, list):
        raise ValueError("searchinfo Lists and Rules must be lists")
    list_groups = tuple(
        _int_ids(group if isinstance(group, list) else [group]) for group in list_groups_raw
    )
    rule_groups = tuple(
        tuple(_rule_node(node) for node in (group if isinstance(group, list) else [group]))
        for group in rule_groups_raw
    )
    return Segment(
        segment_id=req_int(raw["segmentid"]),
        name=req_str(raw["segmentname"]),
        created_at=unix_time(raw.get("createdate")),
        updated_at=unix_time(raw.get("updatedate")),
        used_list_ids=_int_ids(raw.get("usedlists")),
        list_groups=list_groups,
        rule_groups=rule_groups,
        otm_rule=opt_int(raw.get("otmrule")),
        wtr_rule=opt_int(raw.get("wtrrule")),
    )


def parse_newsletter(raw: dict[str, Any]) -> Newsletter:
    """A newsletter record; ids, flags and times arrive as strings."""
    return Newsletter(
        newsletter_id=req_int(raw["newsletterid"]),
        name=req_str(raw["name"]),
        subject=opt_str(raw.get("subject")),
        active=to_bool(raw.get("active", "0")),
        created_at=unix_time(raw.get("createdate")),
        updated_at=unix_time(raw.get("updatedate")),
        selected_list_ids=_int_ids(raw.get("selectedlists")),
        selected_segment_ids=_int_ids(raw.get("selectedsegments")),
        url=opt_str(raw.get("url")),
    )
