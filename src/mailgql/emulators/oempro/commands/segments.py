"""Segments (contract §9) — user scope. ``Segment.Get`` is the 4.x *list* command."""

from __future__ import annotations

import functools

from mailgql.emulators.oempro.commands._base import (
    USER,
    Call,
    CommandTable,
    Required,
    delete_listed,
    found,
    listing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, ok
from mailgql.emulators.oempro.params import Params
from mailgql.emulators.oempro.records import Segment, SegmentRule

__all__ = ["COMMANDS", "rules_from"]

COMMANDS = CommandTable()

_OPERATORS = ("and", "or")
_NAME_AND_OPERATOR: tuple[Required, ...] = (
    ("SegmentName", 2, "Segment name is missing"),
    ("SegmentOperator", 3, "Segment operator is missing"),
)


def rules_from(params: Params) -> list[SegmentRule] | None:
    """Rules from the parallel ``SegmentRuleField[]``/``…Operator[]``/``…Filter[]`` arrays;
    None when no rule array was sent (keep the current rules)."""
    fields = params.array("SegmentRuleField")
    operators = params.array("SegmentRuleOperator")
    filters = params.array("SegmentRuleFilter")
    if not (fields or operators or filters):
        return None
    rules: list[SegmentRule] = []
    for index, field in enumerate(fields):
        operator = operators[index] if index < len(operators) else ""
        value = filters[index] if index < len(filters) else ""
        if field.strip() and operator.strip():
            rules.append(SegmentRule(field.strip(), operator.strip(), value))
    return rules


def _operator(params: Params) -> str | None:
    """The ``SegmentOperator`` given, in lower case; None when it is neither and nor or."""
    operator = (params.filled("SegmentOperator") or "").lower()
    return operator if operator in _OPERATORS else None


@COMMANDS.register("Segment.Create", USER, error_text="absent")
@requires(("SubscriberListID", 1, "Subscriber list id is missing"), *_NAME_AND_OPERATOR)
def segment_create(call: Call) -> Outcome:
    """``Segment.Create``: 1-3 missing, 4 list not owned."""
    p = call.params
    operator = found(_operator(p), (3, "Segment operator is missing"))
    lst = call.owned(
        call.state.owned_list,
        "SubscriberListID",
        (4, "Subscriber list does not belong to the user"),
    )
    segment_id = call.state.next_id("segment")
    segment = Segment.in_list(
        segment_id, lst, SegmentName=p.filled("SegmentName") or "", SegmentOperator=operator
    )
    segment.rules = rules_from(p) or []
    call.state.segments[segment_id] = segment
    return ok(SegmentID=segment_id)


@COMMANDS.register("Segment.Update", USER, error_text="absent")
@requires(("SegmentID", 1, "Segment id is missing"), *_NAME_AND_OPERATOR)
def segment_update(call: Call) -> Outcome:
    """``Segment.Update``: 1-3 missing, 4 invalid segment, 5 invalid operator."""
    p = call.params
    segment = call.owned(call.state.owned_segment, "SegmentID", (4, "Invalid segment id"))
    operator = found(_operator(p), (5, "Invalid segment operator"))
    segment["SegmentName"] = p.filled("SegmentName") or ""
    segment["SegmentOperator"] = operator
    rules = rules_from(p)
    if rules is not None:
        segment.rules = rules
    return ok()


@COMMANDS.register("Segment.Get", USER)
@requires(("SubscriberListID", 1, "Subscriber list id is missing"))
def segment_get(call: Call) -> Outcome:
    """``Segment.Get``: every segment of a list, unpaged, totalled as ``TotalSegments``."""
    lst = call.state.owned_list(call.user.id, call.params.integer("SubscriberListID"))
    rows = [s for s in call.state.segments.values() if lst is not None and s.list_id == lst.id]
    return listing(call, rows, default="SegmentID", key="Segments", total="TotalSegments")


@COMMANDS.register("Segments.Delete", USER)
def segments_delete(call: Call) -> Outcome:
    """``Segments.Delete``: a comma list of ids; other users' segments are left alone."""
    owned = functools.partial(call.state.owned_segment, call.user.id)
    return delete_listed(
        call, "Segments", "Segment ids are missing", owned, call.state.segments.pop
    )
