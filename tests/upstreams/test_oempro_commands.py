"""Oempro's request builders, with no server: what each command would send, and the client's face.

The builders are pure, so these read the :class:`Command` they return; the client tests send the
same commands to the emulator.
"""

from __future__ import annotations

import inspect
from datetime import UTC, date, datetime, time

import pytest
from pydantic import SecretStr

from mailgql.upstreams.oempro import CampaignStatus, OemproClient, SegmentRule
from mailgql.upstreams.oempro.commands import accounts, campaigns, lists

# The client's own get_subscriber adds a fallback to a search on servers older than the command.
BUILDERS = [
    getattr(module, name)
    for module in (accounts, campaigns, lists)
    for name in module.__all__
    if callable(getattr(module, name)) and name != "get_subscriber"
]


@pytest.mark.parametrize("build", BUILDERS, ids=lambda build: build.__name__)
def test_every_builder_is_a_client_method_with_its_arguments_and_docstring(build):
    method = getattr(OemproClient, build.__name__)
    assert inspect.iscoroutinefunction(method)
    assert method.__doc__ == build.__doc__
    built = list(inspect.signature(build).parameters.values())
    assert list(inspect.signature(method).parameters.values())[1:] == built


def test_reads_may_be_sent_again_and_writes_may_not():
    assert lists.get_lists().read
    assert campaigns.get_campaign(3).read
    assert not lists.create_list("x").read
    assert not accounts.switch_user(2).read


def test_logins_and_subscriptions_are_public_and_nothing_else_is():
    assert accounts.user_login("u", SecretStr("p")).public
    assert lists.subscribe(1, "a@example.com").public
    assert lists.unsubscribe(1, email="a@example.com").public
    assert not accounts.get_users().public
    assert not accounts.switch_user(2).public


def test_subscribing_leaves_the_ip_address_to_the_client_unless_given():
    plain = lists.subscribe(1, "a@example.com", custom_fields={4: "x", 5: ["a", "b"]})
    assert plain.needs_ip
    assert "IPAddress" not in dict(plain.form)
    assert plain.form[2:] == [
        ("CustomField4", "x"),
        ("CustomField5[]", "a"),
        ("CustomField5[]", "b"),
    ]
    given = lists.subscribe(1, "a@example.com", ip_address="203.0.113.9")
    assert ("IPAddress", "203.0.113.9") in given.form


def test_a_setting_not_given_is_left_out_and_flags_are_spelled_per_command():
    form = dict(
        lists.update_list(
            7, opt_out_add_to_suppression_list=True, hide_in_subscriber_area=False
        ).form
    )
    assert form == {
        "SubscriberListID": "7",
        "OptOutAddToSuppressionList": "Yes",
        "HideInSubscriberArea": "false",
    }
    assert dict(accounts.update_user(2, enabled=False).form) == {
        "UserID": "2",
        "AccountStatus": "Disabled",
    }


def test_a_future_schedule_is_sent_in_the_given_time_zone():
    command = campaigns.schedule_campaign(
        9, send_at=datetime(2024, 1, 2, 12, 30, tzinfo=UTC), timezone="Europe/Istanbul"
    )
    assert command.name == "Campaign.Update"
    assert dict(command.form) == {
        "CampaignID": "9",
        "ScheduleType": "Future",
        "SendDate": "2024-01-02",
        "SendTime": "15:30:00",
        "SendTimeZone": "Europe/Istanbul",
        "CampaignStatus": CampaignStatus.READY.value,
    }


def test_recursive_schedules_and_segment_rules_are_comma_lists_and_bracket_arrays():
    update = campaigns.update_campaign(
        9,
        recipients=[(1, 0), (2, 5)],
        send_date=date(2024, 3, 4),
        send_time=time(8, 5),
        days_of_month=[1, 15],
    )
    form = dict(update.form)
    assert form["RecipientListsAndSegments"] == "1:0,2:5"
    assert (form["SendDate"], form["SendTime"]) == ("2024-03-04", "08:05:00")
    assert form["ScheduleRecDaysOfMonth"] == "1,15"
    rules = [SegmentRule("EmailAddress", "Contains", "a"), SegmentRule("City", "Is", "b")]
    segment = lists.create_segment(3, "S", rules=rules)
    assert [v for k, v in segment.form if k == "SegmentRuleField[]"] == ["EmailAddress", "City"]


def test_a_naive_send_time_or_an_unknown_zone_is_refused_before_anything_is_sent():
    with pytest.raises(ValueError, match="timezone-aware"):
        campaigns.schedule_campaign(9, send_at=datetime(2024, 1, 2, 12, 30))  # noqa: DTZ001
    with pytest.raises(ValueError, match="unknown time zone"):
        campaigns.schedule_campaign(9, send_at=datetime.now(UTC), timezone="Mars/Olympus")


def test_a_window_must_hold_at_least_one_record():
    with pytest.raises(ValueError, match="limit"):
        accounts.get_users(limit=0)
    with pytest.raises(ValueError, match="offset"):
        lists.get_subscribers(1, offset=-1)
