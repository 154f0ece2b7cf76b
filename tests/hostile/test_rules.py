"""The input rules on their own: legacy numbers, string limits, cursors and offsets, global IDs,
JSON depth, and the data layer's own key checks."""

from __future__ import annotations

import base64

import pytest

from mailgql.data.maxmailer_rules import managed_user
from mailgql.data.oempro.lists import custom_field_id
from mailgql.graph.errors import BadUserInput
from mailgql.graph.ids import decode_id, encode_id, legacy_int_id
from mailgql.graph.pagination import Window, decode_cursor, encode_cursor
from mailgql.graph.platforms.oempro.keys import (
    parse_account_key,
    split_owned_key,
    split_segment_key,
)
from mailgql.graph.validation import check_email, check_text, plain_legacy_id
from mailgql.graphql_http.errors import RequestError
from mailgql.graphql_http.params import MAX_JSON_DEPTH, load_json
from mailgql.input_rules import MAX_LEGACY_ID, TEXT_RULES, legacy_number, text_problem
from mailgql.platforms import Platform
from mailgql.upstreams.errors import UpstreamInvalidInput
from mailgql.upstreams.oempro import CustomField
from tests.hostile.support import cursor_of

OTHER_DIGITS = ["٣", "²", "³", "۳", "३", "３", "₃", "٣٣"]
"""Strings Python's int() or str.isdigit() take as numbers, none of them ASCII digits."""


@pytest.mark.parametrize(
    ("text", "number"),
    [("1", 1), ("3", 3), ("007", 7), (str(MAX_LEGACY_ID), MAX_LEGACY_ID)],
)
def test_a_legacy_number_is_ascii_digits_in_range(text, number):
    assert legacy_number(text) == number


@pytest.mark.parametrize(
    "text",
    [
        *OTHER_DIGITS,
        "",
        "0",
        "-3",
        "+3",
        " 3",
        "3 ",
        "3.0",
        "1e3",
        str(MAX_LEGACY_ID + 1),
        "9" * 11,
        "9" * 4_301,
        "00000000003",
    ],
)
def test_anything_else_is_no_legacy_number(text):
    assert legacy_number(text) is None


@pytest.mark.parametrize("text", [*OTHER_DIGITS, "0", "9" * 5_000, str(MAX_LEGACY_ID + 1)])
def test_a_plain_id_written_in_other_digits_or_out_of_range_is_refused_by_field(text):
    with pytest.raises(BadUserInput, match="ASCII digits from 1 to 2147483647") as caught:
        plain_legacy_id(text, field=("input", "listId"), what="list")
    assert caught.value.field == ("input", "listId")


def test_a_value_that_is_no_number_at_all_may_still_be_a_global_id():
    assert plain_legacy_id("QWNjb3VudDp2MnJlc3Q6eA==", field=None, what="list") is None


def test_the_campaign_deleting_digit_is_no_campaign_id():
    # "٣" read as 3 by int(): the attack that deleted campaign 3
    with pytest.raises(BadUserInput, match="not a Campaign id"):
        legacy_int_id("٣", expect="Campaign", platform=Platform.OEMPRO, field=("input", "id"))
    forged = encode_id("Campaign", Platform.OEMPRO, "٣")
    with pytest.raises(BadUserInput, match="by number"):
        legacy_int_id(forged, expect="Campaign", platform=Platform.OEMPRO)


def test_a_global_id_key_is_a_printable_name_of_255_characters_at_most():
    assert decode_id(encode_id("Account", Platform.V2REST, "k" * 255)).key == "k" * 255
    for key in ["k" * 256, "tab\there", "nul\x00", "line\nbreak"]:
        with pytest.raises(BadUserInput, match="not a mailgql ID"):
            decode_id(encode_id("Account", Platform.V2REST, key), field=("id",))


def test_a_global_id_over_2048_characters_is_refused_before_it_is_decoded():
    # base64 decoding skips characters outside its alphabet: padding makes any ID long
    valid = encode_id("Campaign", Platform.OEMPRO, 3)
    assert decode_id(valid + "!" * 100).key == "3"
    with pytest.raises(BadUserInput, match="not a mailgql ID"):
        decode_id(valid + "!" * TEXT_RULES["id"].limit)


def test_a_global_id_of_bytes_that_are_not_utf8_is_refused():
    raw = base64.b64encode("Account:v2rest:\ud800".encode("utf-8", "surrogatepass")).decode()
    with pytest.raises(BadUserInput):
        decode_id(raw)


def test_oempro_keys_take_ascii_numbers_only():
    assert parse_account_key("user:3") == ("user", 3, None)
    assert parse_account_key("client:2/5") == ("client", 5, 2)
    assert parse_account_key("user:٣") is None
    assert parse_account_key("client:٢/5") is None
    assert parse_account_key("client:2/٥") is None
    assert parse_account_key("user:" + "9" * 5_000) is None
    assert split_owned_key("٣/14") is None
    assert split_segment_key("٣:1") is None
    assert split_segment_key("1:١") is None
    assert split_segment_key("1:" + "9" * 5_000) is None


def test_maxmailer_writes_refuse_a_user_key_of_other_digits():
    assert managed_user("3") == 3
    for key in ["٣", "9" * 5_000, "0"]:
        with pytest.raises(UpstreamInvalidInput) as caught:
            managed_user(key)
        assert caught.value.field == "user_id"


def test_an_oempro_custom_field_is_never_named_by_other_digits():
    city = CustomField(3, 1, "City", "Single line", None, None, None, None, False, False, "", False)
    fields = (city,)
    assert custom_field_id("CustomField3", fields) == 3
    assert custom_field_id("3", fields) == 3
    assert custom_field_id("CustomField٣", fields) is None
    assert custom_field_id("٣", fields) is None
    assert custom_field_id("9" * 5_000, fields) is None


# -- strings --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "limit"),
    [("name", 255), ("email", 254), ("time_zone", 64), ("subject", 998), ("id", 2048)],
)
def test_each_kind_of_string_has_its_limit(kind, limit):
    assert text_problem("a" * limit, kind) is None
    assert text_problem("a" * (limit + 1), kind) == f"is longer than {limit} characters"


def test_content_is_measured_in_utf8_bytes():
    limit = TEXT_RULES["content"].limit
    assert text_problem("a" * limit, "content") is None
    euros = "€" * (limit // 3 + 1)  # fewer characters than the limit, more bytes
    assert text_problem(euros, "content") == f"is longer than {limit} bytes"


@pytest.mark.parametrize("value", ["\ud800", "a\udfffb", "ok\udbff"])
def test_a_lone_surrogate_is_no_text(value):
    assert "lone UTF-16 surrogate" in (text_problem(value, "name") or "")
    with pytest.raises(BadUserInput) as caught:
        check_text(value, kind="name", field=("input", "name"))
    assert caught.value.field == ("input", "name")


def test_an_email_with_a_lone_surrogate_is_refused_before_its_syntax():
    with pytest.raises(BadUserInput, match="surrogate"):
        check_email("\ud800@example.com", field=("email",))


# -- cursors and offsets ----------------------------------------------------------------------


@pytest.mark.parametrize("digits", [*OTHER_DIGITS, "9" * 5_000, "-1", " 3", "3 "])
def test_a_cursor_holds_ascii_digits_only(digits):
    with pytest.raises(BadUserInput) as caught:
        decode_cursor(cursor_of(digits))
    assert caught.value.field == ("after",)


def test_a_cursor_of_non_ascii_text_is_refused():
    for cursor in ["\ud800", "ü", "٣"]:
        with pytest.raises(BadUserInput):
            decode_cursor(cursor)


def test_a_page_starts_at_most_max_offset_items_in():
    assert Window.from_args(10, encode_cursor(9_999), max_page_size=500).offset == 10_000
    with pytest.raises(BadUserInput, match="MAILGQL_MAX_OFFSET") as caught:
        Window.from_args(10, encode_cursor(10_000), max_page_size=500)
    assert caught.value.field == ("after",)
    with pytest.raises(BadUserInput, match="MAILGQL_MAX_OFFSET"):
        Window.from_args(10, encode_cursor(5_000_000), max_page_size=500)
    assert Window.from_args(1, encode_cursor(4), max_page_size=5, max_offset=5).offset == 5
    with pytest.raises(BadUserInput):
        Window.from_args(1, encode_cursor(5), max_page_size=5, max_offset=5)


# -- JSON -------------------------------------------------------------------------------------


def test_json_nested_past_the_limit_is_a_400():
    assert load_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, what="the body") is not None
    for depth in [MAX_JSON_DEPTH + 1, 500, 50_000]:
        with pytest.raises(RequestError, match="nests arrays and objects") as caught:
            load_json('{"a":' * depth + "1" + "}" * depth, what="variables")
        assert caught.value.status_code == 400


@pytest.mark.parametrize("text", ["NaN", '{"a": Infinity}', "-Infinity", "9" * 5_000, "[1,"])
def test_json_that_is_not_standard_or_holds_a_number_past_the_limit_is_a_400(text):
    with pytest.raises(RequestError, match="not valid JSON") as caught:
        load_json(text, what="the body")
    assert caught.value.status_code == 400
