"""``updateCampaign`` (Oempro ``Campaign.Update`` in full): name, email, recipients, schedule,
time zone, Google Analytics domains, RSS publishing and status, each only when given."""

from __future__ import annotations

import enum
from datetime import date, time

import strawberry

from mailgql.data.oempro.campaign_update import CampaignChanges, RecursiveSchedule
from mailgql.graph.campaigns import Campaign, CampaignStatus
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._oempro import oempro, plain_id
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.campaigns import CampaignRecipientInput, recipient_pairs
from mailgql.graph.mutations.payloads import CampaignPayload
from mailgql.graph.validation import MAX_IDS
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import CampaignStatus as OemproStatus, ScheduleType

__all__ = [
    "CampaignScheduleInput",
    "CampaignScheduleType",
    "CampaignUpdateMutation",
    "UpdateCampaignInput",
]

_P = Platform.OEMPRO
_SCHEDULE = ("input", "schedule")

_PATHS = input_paths(
    {
        "CampaignID": "campaignId",
        "CampaignName": "name",
        "CampaignStatus": "status",
        "RelEmailID": "emailId",
        "ScheduleType": "schedule.type",
        "SendDate": "schedule.sendDate",
        "SendTime": "schedule.sendTime",
        "ScheduleRecDaysOfMonth": "schedule.daysOfMonth",
        "ScheduleRecMonths": "schedule.months",
        "ScheduleRecHours": "schedule.hours",
        "ScheduleRecMinutes": "schedule.minutes",
        "ScheduleRecSendMaxInstance": "schedule.maxInstances",
        "SendTimeZone": "timeZone",
    }
)
"""Where each ``Campaign.Update`` parameter Oempro names in a refusal (codes 1-13) is."""


@strawberry.enum(description="How a campaign is scheduled (Oempro `ScheduleType`).")
class CampaignScheduleType(enum.Enum):
    """How a campaign is scheduled."""

    NOT_SCHEDULED = strawberry.enum_value("Not Scheduled", description="Not set to go out.")
    IMMEDIATE = strawberry.enum_value(
        "Immediate", description="As soon as Oempro's sending task next runs."
    )
    FUTURE = strawberry.enum_value(
        "Future", description="Once, at `sendDate` and `sendTime` in the campaign's time zone."
    )
    RECURSIVE = strawberry.enum_value(
        "Recursive",
        description="Again and again: on `daysOfWeek` or `daysOfMonth`, in `months`, at "
        "`hours`:`minutes`, up to `maxInstances` times.",
    )


_TYPES: dict[CampaignScheduleType, ScheduleType] = {
    CampaignScheduleType.NOT_SCHEDULED: "Not Scheduled",
    CampaignScheduleType.IMMEDIATE: "Immediate",
    CampaignScheduleType.FUTURE: "Future",
    CampaignScheduleType.RECURSIVE: "Recursive",
}
_STATUSES: dict[CampaignStatus, OemproStatus] = {
    CampaignStatus.DRAFT: OemproStatus.DRAFT,
    CampaignStatus.SCHEDULED: OemproStatus.READY,
    CampaignStatus.SENDING: OemproStatus.SENDING,
    CampaignStatus.PAUSED: OemproStatus.PAUSED,
    CampaignStatus.COMPLETED: OemproStatus.SENT,
    CampaignStatus.FAILED: OemproStatus.FAILED,
}
# (input field, attribute, lowest, highest) of each recursive list.
_RANGES = (
    ("daysOfWeek", "days_of_week", 0, 7),
    ("daysOfMonth", "days_of_month", 0, 31),
    ("months", "months", 0, 12),
    ("hours", "hours", 0, 23),
    ("minutes", "minutes", 0, 59),
)


@input_type
class CampaignScheduleInput:
    """When a campaign goes out (Oempro's schedule)."""

    type: CampaignScheduleType = strawberry.field(description="How it is scheduled.")
    send_date: date | None = optional("FUTURE: the day it goes out.")
    send_time: time | None = optional("FUTURE: the time of day it goes out (to the second).")
    days_of_week: list[int] | None = optional(
        "RECURSIVE: days of the week, 1-7 (0: every day); this or `daysOfMonth` is needed."
    )
    days_of_month: list[int] | None = optional("RECURSIVE: days of the month, 1-31 (0: every day).")
    months: list[int] | None = optional("RECURSIVE: months, 1-12 (0: every month); needed.")
    hours: list[int] | None = optional("RECURSIVE: hours of the day, 0-23; needed.")
    minutes: list[int] | None = optional("RECURSIVE: minutes of the hour, 0-59; needed.")
    max_instances: int | None = optional(
        "RECURSIVE: how many times it goes out at most (0: without end); needed."
    )


@input_type
class UpdateCampaignInput:
    """Change a campaign (Oempro `Campaign.Update`): only the parts given. FUTURE and RECURSIVE
    schedules need `timeZone` (the campaign's own, if it has one, is kept)."""

    campaign_id: strawberry.ID = strawberry.field(
        description="The campaign: a Campaign global ID or the plain Oempro campaign id."
    )
    name: str | None = optional("A new name (not blank).")
    email_id: strawberry.ID | None = optional(
        "The email record it sends: an Email global ID or a plain email id."
    )
    recipients: list[CampaignRecipientInput] | None = optional(
        f"Who receives it, replacing whom it had: lists, each whole or one segment of it; at "
        f"most {MAX_IDS}."
    )
    schedule: CampaignScheduleInput | None = optional("When it goes out.")
    time_zone: str | None = optional("The IANA time zone of its schedule (e.g. `Europe/Lisbon`).")
    google_analytics_domains: list[str] | None = optional(
        f"Domains whose links get Google Analytics tags; at most {MAX_IDS}."
    )
    publish_on_rss: bool | None = optional("Publish it in the public RSS feed of campaigns.")
    status: CampaignStatus | None = optional(
        "Its status; STOPPED does not exist on Oempro 4.x. An untrusted user's SCHEDULED "
        "turns into Pending Approval (see `legacyStatus` of the campaign returned)."
    )
    approval_explanation: str | None = optional(
        "A note to the administrator who approves an untrusted user's campaign."
    )


def _checked_numbers(schedule: CampaignScheduleInput) -> None:
    for name, attribute, low, high in _RANGES:
        values = getattr(schedule, attribute)
        for index, value in enumerate(values or []):
            if not low <= value <= high:
                raise BadUserInput(
                    f"{name} takes {low} to {high}", field=(*_SCHEDULE, name, str(index))
                )
    if schedule.max_instances is not None and schedule.max_instances < 0:
        raise BadUserInput(
            "maxInstances takes 0 (without end) or more", field=(*_SCHEDULE, "maxInstances")
        )


def _changes(info: Info, input: UpdateCampaignInput) -> CampaignChanges:
    email = None
    if input.email_id is not None:
        email = plain_id(info, input.email_id, expect="Email", field=("input", "emailId"))
    status = None
    if input.status is not None:
        if input.status not in _STATUSES:
            raise BadUserInput(
                "Oempro 4.x has no STOPPED status; use PAUSED or DRAFT",
                field=("input", "status"),
                platform=_P,
            )
        status = _STATUSES[input.status]
    domains = input.google_analytics_domains
    if domains is not None and len(domains) > MAX_IDS:
        raise BadUserInput(
            f"give at most {MAX_IDS} domains", field=("input", "googleAnalyticsDomains")
        )
    schedule = input.schedule
    recursive = None
    if schedule is not None:
        _checked_numbers(schedule)
        recursive = RecursiveSchedule(
            days_of_week=schedule.days_of_week,
            days_of_month=schedule.days_of_month,
            months=schedule.months,
            hours=schedule.hours,
            minutes=schedule.minutes,
            max_instances=schedule.max_instances,
        )
    return CampaignChanges(
        name=input.name,
        email_id=email,
        recipients=(
            recipient_pairs(info, input.recipients) if input.recipients is not None else None
        ),
        schedule_type=_TYPES[schedule.type] if schedule is not None else None,
        send_date=schedule.send_date if schedule is not None else None,
        send_time=schedule.send_time.replace(microsecond=0)
        if schedule is not None and schedule.send_time is not None
        else None,
        time_zone=input.time_zone,
        recursive=recursive,
        google_analytics_domains=domains,
        publish_on_rss=input.publish_on_rss,
        status=status,
        approval_explanation=input.approval_explanation,
    )


@strawberry.type
class CampaignUpdateMutation:
    """``updateCampaign``."""

    @mutation
    async def update_campaign(
        self, info: Info, input: Input[UpdateCampaignInput]
    ) -> CampaignPayload:
        """Change a campaign: its name, email, recipients, schedule, time zone, Google Analytics
        domains, RSS publishing or status, only the parts given (Oempro: Campaign.Update, then
        Campaign.Get). Oempro checks every value before it stores any, so a refusal (legacyCode
        1-13) changes nothing."""

        async def change() -> Campaign:
            campaign_id = plain_id(
                info, input.campaign_id, expect="Campaign", field=("input", "campaignId")
            )
            return await oempro(info).update_campaign(info, campaign_id, _changes(info, input))

        return await CampaignPayload.run(change, input_paths=_PATHS)
