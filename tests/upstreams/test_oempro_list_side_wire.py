"""Oempro wire quirks of a list's own machinery, on canned bodies (no server)."""

from __future__ import annotations

from typing import Any

import pytest

from mailgql.upstreams.errors import UpstreamBadResponse, UpstreamNotFound
from mailgql.upstreams.oempro.commands.auto_responders import get_auto_responder
from mailgql.upstreams.oempro.list_records import FieldOption
from mailgql.upstreams.oempro.wire.list_side import (
    checkbox_values,
    parse_auto_responder,
    parse_field_options,
    parse_form_code,
    parse_hook,
    parse_import_result,
    parse_import_started,
)

RESPONDER: dict[str, Any] = {
    "AutoResponderID": "4",
    "RelListID": "2",
    "RelEmailID": "9",
    "AutoResponderName": "Welcome",
    "AutoResponderTriggerType": "OnSubscription",
    "AutoResponderTriggerValue": "",
    "TriggerTimeType": "Days later",
    "TriggerTime": "3",
    "TotalSent": "120",
    "UniqueOpens": 60,
}


def test_field_options_read_labels_values_and_defaults() -> None:
    text = "[[Weekly]||[weekly]]||[[Monthly]||[Monthly]]*"
    assert parse_field_options(text) == (
        FieldOption("Weekly", "weekly", False),
        FieldOption("Monthly", "Monthly", True),
    )
    # Whatever joins the items (5.x writes ",,,"), each item reads the same.
    assert parse_field_options("[[A]||[a]]*,,,[[B]||[b]]") == (
        FieldOption("A", "a", True),
        FieldOption("B", "b", False),
    )
    assert parse_field_options(None) == ()
    assert parse_field_options("") == ()


def test_checkbox_values_split_on_commas() -> None:
    assert checkbox_values("Monday, Friday,") == ("Monday", "Friday")
    assert checkbox_values("") == ()


def test_an_auto_responder_row_with_string_and_number_counters() -> None:
    responder = parse_auto_responder(RESPONDER)
    assert (responder.auto_responder_id, responder.list_id, responder.email_id) == (4, 2, 9)
    assert (responder.time_type, responder.time_amount) == ("Days later", 3)
    assert responder.trigger_value is None
    assert (responder.statistics.total_sent, responder.statistics.unique_opens) == (120, 60)
    assert responder.statistics.total_clicks is None


@pytest.mark.parametrize("spelling", ["Immediately", "Immediateky", "immediately"])
def test_immediately_in_any_spelling_has_no_amount(spelling: str) -> None:
    responder = parse_auto_responder({**RESPONDER, "TriggerTimeType": spelling, "TriggerTime": "0"})
    assert (responder.time_type, responder.time_amount) == ("Immediately", None)


def test_hooks_read_their_event_in_any_case() -> None:
    hook = parse_hook(
        {
            "WebServiceIntegrationID": "7",
            "RelListID": "1",
            "EventType": "Unsubscription",
            "ServiceURL": "https://x.example/out",
        }
    )
    assert (hook.hook_id, hook.event, hook.url) == (7, "unsubscription", "https://x.example/out")
    with pytest.raises(ValueError, match="hook event"):
        parse_hook({"WebServiceIntegrationID": "7", "ServiceURL": "u", "EventType": "bounce"})


def test_form_code_as_escaped_lines_or_one_string() -> None:
    lines = {"HTMLCode": ["&lt;form action=&quot;x&quot;&gt;", "&lt;/form&gt;"]}
    assert parse_form_code(lines, command="C") == '<form action="x">\n</form>'
    assert parse_form_code({"HTMLCode": "<form></form>"}, command="C") == "<form></form>"
    with pytest.raises(UpstreamBadResponse):
        parse_form_code({"HTMLCode": []}, command="C")


def test_import_steps() -> None:
    started = parse_import_started({"ImportID": 5, "ImportFields": ["email", "city"]}, command="C")
    assert (started.import_id, started.columns) == (5, ("email", "city"))
    with pytest.raises(UpstreamBadResponse):
        parse_import_started({}, command="C")
    done = parse_import_result({"TotalData": "4", "TotalImported": 2, "TotalFailed": "2"})
    assert (done.total, done.imported, done.duplicates, done.failed) == (4, 2, None, 2)


def test_a_made_up_auto_responder_of_no_id_is_not_found() -> None:
    command = get_auto_responder(99)
    fabricated = {"AutoResponder": {"AutoResponderID": "", "AutoResponderName": ""}}
    with pytest.raises(UpstreamNotFound):
        command.decode(fabricated)
    with pytest.raises(UpstreamNotFound):
        command.decode({"AutoResponder": []})
    assert command.decode({"AutoResponder": RESPONDER}).auto_responder_id == 4
