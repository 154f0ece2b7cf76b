"""Oempro's list machinery on the wire: field options, auto responders, hooks, form code,
imports and opt-in answers.

Quirks handled (contract §3, §10, §11, §16, §19): ``FieldOptions`` as ``[[label]||[value]]``
items (a default choice marked ``*``, whatever joins the items); the misspelt time type
``Immediateky`` and an amount of ``0`` for immediate; hook events in any case; form code as an
array of (escaped) lines or one string; totals that may be numbers or strings. An auto
responder row may carry an email's secrets nowhere, but every row still goes through
``drop_secrets`` first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from mailgql.upstreams._coerce import opt_int, opt_str, req_int
from mailgql.upstreams.oempro.list_records import (
    AutoResponder,
    AutoResponderStatistics,
    FieldOption,
    HookEvent,
    ImportResult,
    ImportStarted,
    IntegrationHook,
    OptInResult,
)
from mailgql.upstreams.oempro.wire.columns import Row, empty, items, text
from mailgql.upstreams.oempro.wire.envelope import unreadable

__all__ = [
    "checkbox_values",
    "parse_auto_responder",
    "parse_field_options",
    "parse_form_code",
    "parse_hook",
    "parse_import_result",
    "parse_import_started",
    "parse_opt_in",
]

_OPTION = re.compile(r"\[\[(.*?)\]\|\|\[(.*?)\]\](\*?)", re.DOTALL)
_TIME_TYPES = {
    "immediately": "Immediately",
    "immediateky": "Immediately",  # the v4 reference's spelling
    "seconds later": "Seconds later",
    "minutes later": "Minutes later",
    "hours later": "Hours later",
    "days later": "Days later",
    "weeks later": "Weeks later",
    "months later": "Months later",
}
_EVENTS: Mapping[str, HookEvent] = {
    "subscription": "subscription",
    "unsubscription": "unsubscription",
}


def parse_field_options(value: str | None) -> tuple[FieldOption, ...]:
    """A field's ``FieldOptions`` column as its choices (none for a text field)."""
    if not value:
        return ()
    return tuple(
        FieldOption(label=label, value=choice or label, selected=bool(star))
        for label, choice, star in _OPTION.findall(value)
    )


def checkbox_values(value: str | None) -> tuple[str, ...]:
    """The choices of a multi-value field as stored (joined by commas, as the web UI does)."""
    if not value:
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _time_type(value: Any) -> str:
    key = (opt_str(value) or "Immediately").strip().lower()
    return _TIME_TYPES.get(key, (opt_str(value) or "").strip())


def parse_auto_responder(raw: Mapping[str, Any]) -> AutoResponder:
    """An auto responder row (``AutoResponders.Get``, ``AutoResponder.Get``) with its counters."""
    row = Row(raw)
    time_type = _time_type(row.get("TriggerTimeType"))
    amount = row.opt_int("TriggerTime")
    return AutoResponder(
        auto_responder_id=row.req_int("AutoResponderID"),
        list_id=row.ref("RelListID"),
        email_id=row.ref("RelEmailID"),
        name=row.req_str("AutoResponderName"),
        trigger_type=row.req_str("AutoResponderTriggerType"),
        trigger_value=row.text("AutoResponderTriggerValue"),
        time_type=time_type,
        time_amount=None if time_type == "Immediately" else amount,
        statistics=AutoResponderStatistics(
            total_sent=row.opt_int("TotalSent"),
            total_opens=row.opt_int("TotalOpens"),
            unique_opens=row.opt_int("UniqueOpens"),
            total_clicks=row.opt_int("TotalClicks"),
            unique_clicks=row.opt_int("UniqueClicks"),
            total_unsubscriptions=row.opt_int("TotalUnsubscriptions"),
            total_hard_bounces=row.opt_int("TotalHardBounces"),
            total_soft_bounces=row.opt_int("TotalSoftBounces"),
        ),
    )


def parse_hook(raw: Mapping[str, Any]) -> IntegrationHook:
    """A web-service hook row (``ListIntegration.GetURLs``)."""
    row = Row(raw)
    event = (row.opt_str("EventType") or "").strip().lower()
    if event not in _EVENTS:
        raise ValueError(f"unknown hook event {row.get('EventType')!r}")
    return IntegrationHook(
        hook_id=row.req_int("WebServiceIntegrationID"),
        list_id=row.ref("RelListID"),
        event=_EVENTS[event],
        url=row.req_str("ServiceURL"),
    )


def parse_form_code(payload: Mapping[str, Any], *, command: str) -> str:
    """``HTMLCode``: an array of escaped lines (or one string), as one HTML text."""
    value = payload.get("HTMLCode")
    if empty(value):
        raise unreadable(command, "no HTMLCode")
    lines = [str(line) for line in items(value)] if not isinstance(value, str) else [value]
    joined = "\n".join(lines)
    # Lines come HTML-escaped so that a page can print them; the code itself is unescaped.
    return html.unescape(joined) if "&lt;" in joined else joined


def parse_import_started(payload: Mapping[str, Any], *, command: str) -> ImportStarted:
    """Step 1: ``ImportID`` and the columns of the data (``ImportFields``), when given."""
    try:
        import_id = req_int(payload.get("ImportID"))
    except ValueError:
        raise unreadable(command, "no ImportID") from None
    fields = payload.get("ImportFields")
    columns = () if empty(fields) else tuple(str(item) for item in items(fields))
    return ImportStarted(import_id=import_id, columns=columns)


def parse_import_result(payload: Mapping[str, Any]) -> ImportResult:
    """Step 2: the totals the server reports (names differ between sources; read them all)."""

    def first(*keys: str) -> int | None:
        return next((opt_int(payload[k]) for k in keys if k in payload), None)

    return ImportResult(
        total=first("TotalData", "TotalRows", "Total"),
        imported=first("TotalImported", "Imported"),
        duplicates=first("TotalDuplicates", "Duplicates"),
        failed=first("TotalFailed", "Failed"),
    )


def parse_opt_in(payload: Mapping[str, Any]) -> OptInResult:
    """``ProcessedMode`` and ``RedirectURL``."""
    return OptInResult(
        processed_mode=text(payload, "ProcessedMode"), redirect_url=text(payload, "RedirectURL")
    )
