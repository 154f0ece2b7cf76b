"""What a user sends: email content records and the campaigns that send them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from mailgql.emulators.oempro.records._base import OwnedRow, Row

__all__ = ["Campaign", "Email"]


class Email(Row):
    """An email content record referenced by campaigns and opt-in confirmations."""

    COLUMNS = (
        "EmailID",
        "RelUserID",
        "EmailName",
        "FromName",
        "FromEmail",
        "ReplyToName",
        "ReplyToEmail",
        "Subject",
        "Mode",
        "HTMLContent",
        "PlainContent",
        "FetchURL",
        "RelTemplateID",
        "ImageEmbedding",
        "ValidateScope",
    )
    __slots__ = ()


class Campaign(OwnedRow):
    """A campaign row: schedule, status and the statistics counters."""

    SCHEDULE_COLUMNS: ClassVar[tuple[str, ...]] = (
        "SendDate",
        "SendTime",
        "SendTimeZone",
        "ScheduleRecDaysOfWeek",
        "ScheduleRecDaysOfMonth",
        "ScheduleRecMonths",
        "ScheduleRecHours",
        "ScheduleRecMinutes",
        "ScheduleRecSendMaxInstance",
    )
    """When and how often it sends: the columns ``Campaign.Update`` sets as given."""
    STAT_COLUMNS: ClassVar[tuple[str, ...]] = (
        "TotalRecipients",
        "TotalSent",
        "TotalFailed",
        "TotalOpens",
        "UniqueOpens",
        "TotalClicks",
        "UniqueClicks",
        "TotalForwards",
        "UniqueForwards",
        "TotalViewsOnBrowser",
        "UniqueViewsOnBrowser",
        "TotalUnsubscriptions",
        "TotalHardBounces",
        "TotalSoftBounces",
    )
    COLUMNS = (
        "CampaignID",
        "RelOwnerUserID",
        "CampaignStatus",
        "CampaignName",
        "RelEmailID",
        "ScheduleType",
        *SCHEDULE_COLUMNS,
        "ScheduleRecSentInstances",
        "SendProcessStartedOn",
        "SendProcessFinishedOn",
        *STAT_COLUMNS,
        "BenchmarkEmailsPerSecond",
        "ApprovalUserExplanation",
        "GoogleAnalyticsDomains",
        "PublishOnRSS",
        "LastActivityDateTime",
        "CreateDateTime",
    )
    __slots__ = ("recipients",)

    def __init__(self, values: Mapping[str, str] | None = None, **columns: str) -> None:
        super().__init__(values, **columns)
        self.recipients: list[tuple[int, int]] = []
        """``(ListID, SegmentID)`` pairs; segment 0 is the whole list."""

    def row(self) -> dict[str, Any]:
        """The row, plus the recipient lists and segments the campaign targets."""
        out: dict[str, Any] = dict(self.cols)
        out["RecipientLists"] = sorted({str(list_id) for list_id, _ in self.recipients})
        out["RecipientSegments"] = [f"{lid}:{sid}" for lid, sid in self.recipients if sid]
        return out
