"""List upkeep (contract §7, §9): deleting subscribers, confirming or rejecting an opt-in,
the two steps of an import, and changing or copying segments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from mailgql.upstreams.oempro.commands._base import Command, Form, write
from mailgql.upstreams.oempro.commands._form import ids
from mailgql.upstreams.oempro.list_records import ImportResult, ImportStarted, OptInResult
from mailgql.upstreams.oempro.records import SegmentRule
from mailgql.upstreams.oempro.wire.list_side import (
    parse_import_result,
    parse_import_started,
    parse_opt_in,
)

__all__ = [
    "OptInMode",
    "copy_segments",
    "delete_subscribers",
    "import_mapping",
    "import_rows",
    "opt_in",
    "update_segment",
]

OptInMode = Literal["Confirm", "Reject"]
"""What ``Subscriber.OptIn`` does with a pending subscription."""


def delete_subscribers(list_id: int, subscriber_ids: Sequence[int]) -> Command[None]:
    """``Subscribers.Delete``: a comma list of subscriber ids of one list."""
    form: Form = [("SubscriberListID", str(list_id)), ("Subscribers", ids(subscriber_ids))]
    return write("Subscribers.Delete", form)


def opt_in(list_id: int, subscriber_id: int, mode: OptInMode) -> Command[OptInResult]:
    """``Subscriber.OptIn`` (public: what the confirmation link calls)."""
    form: Form = [("ListID", str(list_id)), ("SubscriberID", str(subscriber_id)), ("Mode", mode)]
    return Command("Subscriber.OptIn", form, decode=parse_opt_in, read=False, public=True)


def import_rows(
    list_id: int, csv_text: str, *, delimiter: str = ",", quote: str = '"'
) -> Command[ImportStarted]:
    """``Subscribers.Import`` step 1 (``ImportType=Copy``): the CSV text; its import id."""
    command = "Subscribers.Import"
    form: Form = [
        ("ListID", str(list_id)),
        ("ImportStep", "1"),
        ("ImportType", "Copy"),
        ("ImportData", csv_text),
        ("FieldTerminator", delimiter),
        ("FieldEncloser", quote),
    ]
    return Command(
        command,
        form,
        decode=lambda data: parse_import_started(data, command=command),
        read=False,
    )


def import_mapping(import_id: int, columns: Mapping[int, str]) -> Command[ImportResult]:
    """``Subscribers.Import`` step 2: each CSV column (from 1) to ``EmailAddress`` or
    ``CustomField<N>``, as ``MappedFields[FIELD<n>]``; the import's totals."""
    form: Form = [("ImportStep", "2"), ("ImportID", str(import_id))]
    form += [(f"MappedFields[FIELD{n}]", target) for n, target in sorted(columns.items())]
    return Command("Subscribers.Import", form, decode=parse_import_result, read=False)


def update_segment(
    segment_id: int, name: str, operator: str, rules: Sequence[SegmentRule] | None
) -> Command[None]:
    """``Segment.Update``: name and operator every time; the rules replaced when given."""
    form: Form = [
        ("SegmentID", str(segment_id)),
        ("SegmentName", name),
        ("SegmentOperator", operator),
    ]
    for rule in rules or ():
        form += [
            ("SegmentRuleField[]", rule.field),
            ("SegmentRuleOperator[]", rule.operator),
            ("SegmentRuleFilter[]", rule.filter),
        ]
    return write("Segment.Update", form)


def copy_segments(source_list_id: int, target_list_id: int) -> Command[None]:
    """``Segments.Copy``: every segment of one list into another."""
    form: Form = [("SourceListID", str(source_list_id)), ("TargetListID", str(target_list_id))]
    return write("Segments.Copy", form)
