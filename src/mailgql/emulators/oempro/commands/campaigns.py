"""Campaigns (contract §8) — user scope. The subject lives on the email, not on the row."""

from __future__ import annotations

import functools
import re

from mailgql.emulators.oempro.campaign_stats import CAMPAIGN_STATUSES, ratio, statistics
from mailgql.emulators.oempro.commands._base import (
    USER,
    Call,
    CommandTable,
    canonical,
    delete_listed,
    order_rows,
    page_rows,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.params import is_number
from mailgql.emulators.oempro.records import ZERO_DATE, Campaign

__all__ = ["COMMANDS", "SCHEDULE_TYPES", "new_campaign", "parse_recipients"]

COMMANDS = CommandTable(error_text="absent")

SCHEDULE_TYPES = ("Not Scheduled", "Immediate", "Future", "Recursive")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"\d{2}:\d{2}:\d{2}\Z")

# Schedule parameters: (parameter, schedule types needing it, error code, text, format check).
_SCHEDULE_NEEDS: tuple[tuple[str, tuple[str, ...], int, str, re.Pattern[str] | None], ...] = (
    ("SendDate", ("Future",), 6, "Send date is missing", _DATE),
    ("SendTime", ("Future",), 7, "Send time is missing", _TIME),
    ("ScheduleRecMonths", ("Recursive",), 9, "Months are missing", None),
    ("ScheduleRecHours", ("Recursive",), 10, "Hours are missing", None),
    ("ScheduleRecMinutes", ("Recursive",), 11, "Minutes are missing", None),
    ("ScheduleRecSendMaxInstance", ("Recursive",), 12, "Repeat count is missing", None),
    ("SendTimeZone", ("Future", "Recursive"), 13, "Time zone is missing", None),
)
_PLAIN_UPDATES = (
    "CampaignName",
    *Campaign.SCHEDULE_COLUMNS,
    "ApprovalUserExplanation",
    "GoogleAnalyticsDomains",
)


def new_campaign(call: Call, name: str) -> Campaign:
    """A draft campaign with every counter at zero and never-happened dates."""
    campaign_id = call.state.next_id("campaign")
    campaign = Campaign(
        CampaignID=str(campaign_id),
        RelOwnerUserID=str(call.user.id),
        CampaignStatus="Draft",
        CampaignName=name,
        RelEmailID="0",
        ScheduleType="Not Scheduled",
        ScheduleRecSentInstances="0",
        SendProcessStartedOn=ZERO_DATE,
        SendProcessFinishedOn=ZERO_DATE,
        BenchmarkEmailsPerSecond="0",
        PublishOnRSS="Disabled",
        LastActivityDateTime=call.now,
        CreateDateTime=call.now,
    )
    for column in Campaign.STAT_COLUMNS:
        campaign[column] = "0"
    call.state.campaigns[campaign_id] = campaign
    return campaign


def parse_recipients(text: str) -> list[tuple[int, int]]:
    """``"3:0,5:2"`` -> ``[(3, 0), (5, 2)]``; malformed pairs are dropped."""
    out: list[tuple[int, int]] = []
    for item in text.split(","):
        list_id, _, segment_id = item.strip().partition(":")
        if is_number(list_id) and is_number(segment_id or "0"):
            pair = (int(list_id), int(segment_id or "0"))
            if pair not in out:
                out.append(pair)
    return out


@COMMANDS.register("Campaign.Create", USER)
@requires(("CampaignName", 1, "Campaign name is missing"))
def campaign_create(call: Call) -> Outcome:
    """``Campaign.Create``: a named draft."""
    return ok(CampaignID=new_campaign(call, call.params.filled("CampaignName") or "").id)


def _schedule_errors(call: Call, campaign: Campaign, schedule: str) -> Outcome | None:
    p = call.params

    def given(name: str) -> str:
        return p.filled(name) or campaign[name]

    errors: list[tuple[int, str]] = []
    if (
        schedule == "Recursive"
        and not given("ScheduleRecDaysOfMonth")
        and not given("ScheduleRecDaysOfWeek")
    ):
        errors.append((8, "Day of month or day of week is missing"))
    for name, types, code, text, pattern in _SCHEDULE_NEEDS:
        value = given(name)
        if schedule in types and (not value or (pattern and not pattern.match(value))):
            errors.append((code, text))
    return fail(*sorted(errors)) if errors else None


@COMMANDS.register("Campaign.Update", USER)
@requires(("CampaignID", 1, "Campaign id is missing"))
def campaign_update(call: Call) -> Outcome:
    """``Campaign.Update``: codes 1-13; an untrusted user's ``Ready`` turns ``Pending Approval``."""
    p = call.params
    campaign = call.owned(call.state.owned_campaign, "CampaignID", (2, "Invalid campaign id"))
    status = None
    if p.filled("CampaignStatus") is not None:
        status = call.choice("CampaignStatus", CAMPAIGN_STATUSES, (3, "Invalid campaign status"))
    email_id = p.filled("RelEmailID")
    if (
        email_id is not None
        and call.state.owned_email(call.user.id, p.integer("RelEmailID")) is None
    ):
        return fail((4, "Invalid email id"))
    schedule = campaign["ScheduleType"]
    if p.filled("ScheduleType") is not None:
        schedule = call.choice("ScheduleType", SCHEDULE_TYPES, (5, "Invalid schedule type"))
    error = _schedule_errors(call, campaign, schedule)
    if error:
        return error
    for column in _PLAIN_UPDATES:
        value = p.filled(column)
        if value is not None:
            campaign[column] = value
    if email_id is not None:
        campaign["RelEmailID"] = email_id
    campaign["ScheduleType"] = schedule
    rss = canonical(p.filled("PublishOnRSS") or "", ("Enabled", "Disabled"))
    if rss:
        campaign["PublishOnRSS"] = rss
    recipients = p.filled("RecipientListsAndSegments")
    if recipients is not None:
        campaign.recipients = [
            (list_id, seg_id)
            for list_id, seg_id in parse_recipients(recipients)
            if call.state.owned_list(call.user.id, list_id) is not None
        ]
    if status is not None:
        if status == "Ready" and not call.user.trusted:
            # The call still succeeds; only a re-read shows the approval queue.
            status = "Pending Approval"
        campaign["CampaignStatus"] = status
    campaign["LastActivityDateTime"] = call.now
    return ok()


@COMMANDS.register("Campaigns.Get", USER, error_text="array")
def campaigns_get(call: Call) -> Outcome:
    """``Campaigns.Get``: status filter, ``SearchKeyowrd`` (sic) or ``SearchKeyword``, paging."""
    p = call.params
    rows = [c for c in call.state.campaigns.values() if c.owner_id == call.user.id]
    wanted = p.filled("CampaignStatus") or "All"
    if wanted.lower() != "all":
        rows = [c for c in rows if c["CampaignStatus"].lower() == wanted.lower()]
    keyword = p.filled("SearchKeyowrd") or p.filled("SearchKeyword")
    if keyword:
        rows = [c for c in rows if keyword.lower() in c["CampaignName"].lower()]
    content = call.state.content
    if p.ids("Tags"):
        wanted_tags = set(p.ids("Tags"))
        rows = [c for c in rows if any(t.id in wanted_tags for t in content.tags_of_campaign(c.id))]
    rows = order_rows(rows, p, default="CampaignID")
    page = [c.row() for c in page_rows(rows, p)]
    if p.flag("RetrieveTags"):
        for row in page:
            tags = content.tags_of_campaign(int(row["CampaignID"]))
            row["Tags"] = [{"TagID": t["TagID"], "Tag": t["Tag"]} for t in tags]
    return ok(Campaigns=page, TotalCampaigns=len(rows))


@COMMANDS.register("Campaign.Get", USER)
@requires(("CampaignID", 1, "Campaign id is missing"))
def campaign_get(call: Call) -> Outcome:
    """``Campaign.Get``: not found is ``"Campaign": []`` unless ``FailOnNotFound=true``."""
    p = call.params
    if p.integer("CampaignID") is None:
        return fail((2, "Campaign id must be numeric"))
    campaign = call.state.owned_campaign(call.user.id, p.integer("CampaignID"))
    if campaign is None:
        if p.flag("FailOnNotFound"):
            return fail((3, "Campaign not found"))
        return ok(Campaign=[])
    row = campaign.row()
    if p.flag("RetrieveStatistics"):
        sent = campaign.number("TotalSent")
        row["HardBounceRatio"] = ratio(campaign.number("TotalHardBounces"), sent)
        row["SoftBounceRatio"] = ratio(campaign.number("TotalSoftBounces"), sent)
        row["Statistics"] = statistics(campaign)
    return ok(Campaign=row)


@COMMANDS.register("Campaigns.Delete", USER)
def campaigns_delete(call: Call) -> Outcome:
    """``Campaigns.Delete``: a comma list of ids; other users' campaigns are left alone."""
    owned = functools.partial(call.state.owned_campaign, call.user.id)
    return delete_listed(
        call, "Campaigns", "Campaign ids are missing", owned, call.state.delete_campaign
    )
