"""List upkeep (contract §7, §9): confirming or rejecting a pending opt-in, importing
subscribers in two steps, and copying a list's segments.

``Subscribers.Import`` reads the data in step 1 (``ImportType=Copy``: CSV text in
``ImportData``) and answers its ``ImportID`` and the first row's columns (``ImportFields``);
step 2 takes ``MappedFields[FIELD<n>]`` (column ``n``, from 1) naming ``EmailAddress`` or
``CustomField<N>`` and adds the rows. ``File`` imports find no uploaded file (9) and ``MySQL``
imports never reach a server (12): the emulator opens no connection of its own.
"""

from __future__ import annotations

import csv
import io
import re

from mailgql.emulators.oempro.commands._base import (
    COPY_LISTS,
    PUBLIC,
    USER,
    Call,
    CommandTable,
    copy_lists,
    is_email,
    public_list,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import Segment, SegmentRule, Subscriber
from mailgql.emulators.oempro.records.automation import PendingImport

__all__ = ["COMMANDS"]

COMMANDS = CommandTable()

_PENDING = {"Opt-In Pending", "Confirmation Pending"}
_MAPPED = re.compile(r"field(\d+)\Z")
_MAX_IMPORT_BYTES = 5_000_000


@COMMANDS.register("Subscriber.OptIn", PUBLIC)
@requires(
    ("ListID", 1, "Subscriber list id is missing"),
    ("SubscriberID", 2, "Subscriber id is missing"),
    ("Mode", 3, "Mode is missing"),
)
def subscriber_opt_in(call: Call) -> Outcome:
    """``Subscriber.OptIn`` (public, the confirmation link): ``Confirm`` subscribes a pending
    address, ``Reject`` removes it; codes 1-8."""
    lst = public_list(call, 4, 5)
    table = call.state.subscribers.get(lst.id, {})
    sub = call.row(table, "SubscriberID", (6, "Invalid subscriber id"))
    mode = call.choice("Mode", ("Confirm", "Reject"), (7, "Invalid mode"))
    if sub["SubscriptionStatus"] not in _PENDING:
        return fail((8, "Subscription is already confirmed"))
    if mode == "Confirm":
        sub.cols.update(SubscriptionStatus="Subscribed", OptInDate=call.now)
        page = lst["SubscriptionConfirmedPageURL"]
    else:
        del table[sub.id]
        page = lst["UnsubscriptionConfirmedPageURL"]
    return ok(ProcessedMode=mode, RedirectURL=page)


def _rows(call: Call) -> list[list[str]] | None:
    terminator = call.params.text("FieldTerminator") or ","
    encloser = call.params.text("FieldEncloser") or '"'
    data = call.params.text("ImportData") or ""
    try:
        reader = csv.reader(
            io.StringIO(data), delimiter=terminator[:1], quotechar=encloser[:1], strict=True
        )
        rows = [[cell.strip() for cell in row] for row in reader if any(c.strip() for c in row)]
    except csv.Error:
        return None
    return rows or None


@requires(("ListID", 4, "Invalid subscriber list id"), ("ImportType", 1, "Import type is missing"))
def _import_step_one(call: Call) -> Outcome:
    p = call.params
    lst = call.owned(call.state.owned_list, "ListID", (4, "Invalid subscriber list id"))
    match = call.choice(
        "ImportType",
        ("Copy", "File", "MySQL"),
        (17, "Import type is not supported"),
    )
    if match == "File":
        return fail((9, "Import file could not be found"))
    if match == "MySQL":
        return fail((12, "Could not connect to the MySQL server"))
    if p.filled("ImportData") is None:
        return fail((2, "Import data is missing"))
    if len((p.text("ImportData") or "").encode("utf-8")) > _MAX_IMPORT_BYTES:
        return fail((18, "Import data is too large"))
    rows = _rows(call)
    if rows is None:
        return fail((5, "Import data could not be read"))
    import_id = call.state.next_id("import")
    call.state.list_side.imports[import_id] = PendingImport(
        import_id=import_id,
        owner_id=call.user.id,
        list_id=lst.id,
        columns=rows[0],
        rows=rows,
        suppress=p.flag("AddToSuppressionList"),
    )
    return ok(ImportID=import_id, ImportFields=rows[0])


def _import_step_two(call: Call) -> Outcome:
    p = call.params
    pending = call.state.list_side.imports.get(p.integer("ImportID") or -1)
    if pending is None or pending.owner_id != call.user.id or pending.processed:
        return fail((6, "Import is already processed"))
    lst = call.state.lists.get(pending.list_id)
    if lst is None:
        return fail((4, "Invalid subscriber list id"))
    mapping: dict[int, str] = {}
    for key, target in p.mapping("MappedFields").items():
        numbered = _MAPPED.match(key)
        if numbered is not None and target.strip():
            mapping[int(numbered.group(1)) - 1] = target.strip()
    email_columns = [c for c, target in mapping.items() if target.lower() == "emailaddress"]
    if len(email_columns) > 1:
        return fail((7, "Email address is mapped more than once"))
    if not email_columns:
        return fail((8, "Email address is not mapped"))
    fields = {f.column.lower(): f for f in call.state.fields_of(lst.id)}
    table = call.state.subscribers.setdefault(lst.id, {})
    totals = {"TotalData": 0, "TotalImported": 0, "TotalDuplicates": 0, "TotalFailed": 0}
    for row in pending.rows:
        totals["TotalData"] += 1
        email = row[email_columns[0]] if email_columns[0] < len(row) else ""
        if not is_email(email):
            totals["TotalFailed"] += 1
            continue
        existing = call.state.subscriber_by_email(lst.id, email)
        if existing is not None and existing["SubscriptionStatus"] != "Unsubscribed":
            totals["TotalDuplicates"] += 1
            continue
        sub = existing or Subscriber(SubscriberID=str(call.state.next_id(f"sub:{lst.id}")))
        sub.cols.update(
            EmailAddress=email,
            BounceType="Not Bounced",
            SubscriptionStatus="Subscribed",
            SubscriptionDate=call.now,
            SubscriptionIP="",
            UnsubscriptionDate="0000-00-00 00:00:00",
            UnsubscriptionIP="",
            OptInDate=call.now,
        )
        for custom in fields.values():
            sub[custom.column] = sub[custom.column] or custom["FieldDefaultValue"]
        for index, target in mapping.items():
            mapped = fields.get(target.lower())
            if mapped is not None and index < len(row):
                sub[mapped.column] = row[index]
        table[sub.id] = sub
        if pending.suppress:
            call.state.suppressed.setdefault(lst.owner_id, set()).add(email.lower())
        totals["TotalImported"] += 1
    pending.processed = True
    pending.totals = totals
    return ok(ImportID=pending.import_id, **totals)


@COMMANDS.register("Subscribers.Import", USER)
def subscribers_import(call: Call) -> Outcome:
    """``Subscribers.Import``: step 1 reads the data, step 2 maps and adds it; 3 bad step."""
    step = call.params.filled("ImportStep")
    if step == "1":
        return _import_step_one(call)
    if step == "2":
        return _import_step_two(call)
    return fail((3, "Invalid import step"))


@COMMANDS.register("Segments.Copy", USER)
@requires(*COPY_LISTS)
def segments_copy(call: Call) -> Outcome:
    """``Segments.Copy``: 1 source, 2 target missing; 4 a list not owned (either)."""
    source, target = copy_lists(call, (4, "Invalid subscriber list id"))
    for segment in [s for s in call.state.segments.values() if s.list_id == source.id]:
        segment_id = call.state.next_id("segment")
        copy = Segment(segment.cols)
        copy.cols.update(SegmentID=str(segment_id), RelListID=str(target.id))
        copy.rules = [SegmentRule(r.field, r.operator, r.filter) for r in segment.rules]
        call.state.segments[segment_id] = copy
    return ok()
