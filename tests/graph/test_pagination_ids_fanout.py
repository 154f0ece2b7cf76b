"""Cursors, windows, connections, global IDs and the cross-platform merge, with no server."""

from __future__ import annotations

import base64

import pytest

from mailgql.graph.errors import BadUserInput
from mailgql.graph.fanout import merge_pages
from mailgql.graph.ids import decode_id, encode_id, legacy_int_id
from mailgql.graph.pagination import (
    DEFAULT_PAGE_SIZE,
    Connection,
    Window,
    decode_cursor,
    encode_cursor,
)
from mailgql.platforms import Platform

# -- cursors and windows -----------------------------------------------------------------------


@pytest.mark.parametrize("offset", [0, 1, 49, 10**6])
def test_a_cursor_round_trips_its_offset(offset):
    assert decode_cursor(encode_cursor(offset)) == offset


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "not base64!",
        base64.b64encode(b"cursor:").decode(),
        base64.b64encode(b"cursor:-1").decode(),
        base64.b64encode(b"cursor:1.5").decode(),
        base64.b64encode(b"offset:3").decode(),
        base64.b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_cursor_we_did_not_make_is_bad_user_input(cursor):
    with pytest.raises(BadUserInput) as caught:
        decode_cursor(cursor)
    assert caught.value.field == ("after",)


def test_a_window_defaults_to_the_first_page():
    assert Window.from_args(None, None, max_page_size=500) == Window(0, DEFAULT_PAGE_SIZE)


def test_a_window_starts_after_its_cursor_and_reads_one_more():
    window = Window.from_args(10, encode_cursor(19), max_page_size=500)
    assert (window.offset, window.first, window.fetch_count) == (20, 10, 11)


@pytest.mark.parametrize(("first", "words"), [(-1, "0 or more"), (501, "at most 500")])
def test_a_window_refuses_sizes_out_of_range(first, words):
    with pytest.raises(BadUserInput) as caught:
        Window.from_args(first, None, max_page_size=500)
    assert words in caught.value.message
    assert caught.value.field == ("first",)


# -- connections -------------------------------------------------------------------------------


def test_a_slice_pages_through_a_listing():
    items = list("abcdefg")
    first = Connection.slice(items, Window(0, 3))
    assert first.nodes == ["a", "b", "c"]
    assert first.total_count == 7
    assert (first.page_info.has_next_page, first.page_info.has_previous_page) == (True, False)
    after = decode_cursor(first.page_info.end_cursor or "")
    last = Connection.slice(items, Window(after + 1, 10))
    assert last.nodes == ["d", "e", "f", "g"]
    assert (last.page_info.has_next_page, last.page_info.has_previous_page) == (False, True)
    assert [decode_cursor(e.cursor) for e in last.edges] == [3, 4, 5, 6]
    assert last.page_info.start_cursor == last.edges[0].cursor


def test_a_page_read_with_one_extra_item_knows_a_next_page_without_a_total():
    window = Window(5, 2)
    more = Connection.build(["f", "g", "h"], window, total=None)
    assert more.nodes == ["f", "g"]
    assert more.page_info.has_next_page is True
    assert more.total_count is None
    done = Connection.build(["f", "g"], window, total=None)
    assert done.page_info.has_next_page is False


def test_a_known_total_decides_the_next_page():
    # the platform says 7 in all: a page ending at item 6 is the last, whatever was read
    assert Connection.build(["f", "g", "x"], Window(5, 2), total=7).page_info.has_next_page is False
    assert Connection.build(["d", "e"], Window(3, 2), total=7).page_info.has_next_page is True


def test_an_empty_connection():
    empty = Connection[str].empty()
    assert (empty.nodes, empty.edges, empty.total_count) == ([], [], 0)
    assert (empty.page_info.start_cursor, empty.page_info.end_cursor) == (None, None)
    assert empty.page_info.has_next_page is False
    past_the_end = Connection.slice(["a"], Window(5, 2))
    assert (past_the_end.nodes, past_the_end.total_count) == ([], 1)


# -- global IDs --------------------------------------------------------------------------------


@pytest.mark.parametrize("platform", list(Platform))
@pytest.mark.parametrize("key", ["12", "sub_account5988", "user:3:list:7", "ñandú"])
def test_a_global_id_round_trips(platform, key):
    decoded = decode_id(encode_id("Account", platform, key))
    assert (decoded.type_name, decoded.platform, decoded.key) == ("Account", platform, key)


def test_a_global_id_is_opaque_base64_of_type_platform_and_key():
    assert encode_id("Account", Platform.V2REST, "sub_account5988") == (
        "QWNjb3VudDp2MnJlc3Q6c3ViX2FjY291bnQ1OTg4"
    )


@pytest.mark.parametrize(
    "value",
    [
        "",
        "plain text",
        base64.b64encode(b"Account").decode(),
        base64.b64encode(b"Account:nowhere:1").decode(),
        base64.b64encode(b"Account:v2rest:").decode(),
    ],
)
def test_a_malformed_global_id_is_bad_user_input(value):
    with pytest.raises(BadUserInput) as caught:
        decode_id(value, field=("id",))
    assert caught.value.field == ("id",)


def test_an_id_of_another_type_is_refused_by_name():
    campaign = encode_id("Campaign", Platform.OEMPRO, 3)
    with pytest.raises(BadUserInput) as caught:
        decode_id(campaign, expect=("Account", "MailingList"))
    assert "Campaign, not of a Account or MailingList" in caught.value.message


def test_a_legacy_id_comes_from_digits_or_a_global_id_of_the_same_platform():
    assert legacy_int_id(" 42 ", expect="MailingList", platform=Platform.OEMPRO) == 42
    own = encode_id("MailingList", Platform.OEMPRO, 7)
    assert legacy_int_id(own, expect="MailingList", platform=Platform.OEMPRO) == 7
    foreign = encode_id("MailingList", Platform.V2REST, 7)
    with pytest.raises(BadUserInput, match="v2 REST MailingList, not a Oempro one"):
        legacy_int_id(foreign, expect="MailingList", platform=Platform.OEMPRO)
    named = encode_id("MailingList", Platform.OEMPRO, "newsletter")
    with pytest.raises(BadUserInput, match="by number"):
        legacy_int_id(named, expect="MailingList", platform=Platform.OEMPRO)


# -- fan-out over platforms --------------------------------------------------------------------


def head(items: list[str], total: int | None) -> Connection[str]:
    """What one platform answered for the head of its listing."""
    return Connection.build(items, Window(0, len(items)), total=total)


def test_fan_out_pages_over_the_platforms_laid_end_to_end():
    v2, maxmailer, oempro = head(list("abc"), 3), head(list("de"), 2), head(list("fgh"), 3)
    first, errors = merge_pages([v2, maxmailer, oempro], Window(0, 4))
    assert (first.nodes, first.total_count, errors) == (list("abcd"), 8, [])
    assert first.page_info.has_next_page is True
    after = decode_cursor(first.page_info.end_cursor or "") + 1
    rest, _ = merge_pages([v2, maxmailer, oempro], Window(after, 10))
    assert rest.nodes == list("efgh")
    assert rest.page_info.has_next_page is False


def test_fan_out_keeps_the_others_when_one_platform_fails():
    failure = BadUserInput("down")
    page, errors = merge_pages([head(list("ab"), 2), failure, head(["c"], 1)], Window(0, 10))
    assert page.nodes == list("abc")
    assert page.total_count is None  # one platform's count is unknown
    assert errors == [failure]


def test_fan_out_total_is_unknown_when_one_platform_does_not_say():
    page, _ = merge_pages([head(list("ab"), 2), head(["c"], None)], Window(0, 1))
    assert page.total_count is None
    assert page.page_info.has_next_page is True
