"""What a list does by itself: auto responders, web-service hooks, and pending imports."""

from __future__ import annotations

from dataclasses import dataclass, field

from mailgql.emulators.oempro.records._base import OwnedRow

__all__ = ["AutoResponder", "IntegrationHook", "PendingImport"]


class AutoResponder(OwnedRow):
    """An auto responder of a list: an email sent after a trigger, with its counters."""

    STAT_COLUMNS = (
        "TotalSent",
        "TotalOpens",
        "UniqueOpens",
        "TotalClicks",
        "UniqueClicks",
        "TotalUnsubscriptions",
        "TotalHardBounces",
        "TotalSoftBounces",
    )
    COLUMNS = (
        "AutoResponderID",
        "RelOwnerUserID",
        "RelListID",
        "RelEmailID",
        "AutoResponderName",
        "AutoResponderTriggerType",
        "AutoResponderTriggerValue",
        "TriggerTimeType",
        "TriggerTime",
        *STAT_COLUMNS,
        "CreateDateTime",
    )
    __slots__ = ()

    @property
    def list_id(self) -> int:
        """The list it belongs to."""
        return self.number("RelListID")


class IntegrationHook(OwnedRow):
    """A URL a list calls on subscriptions or unsubscriptions."""

    COLUMNS = ("WebServiceIntegrationID", "RelOwnerUserID", "RelListID", "EventType", "ServiceURL")
    __slots__ = ()

    @property
    def list_id(self) -> int:
        """The list it belongs to."""
        return self.number("RelListID")


@dataclass(slots=True)
class PendingImport:
    """Step 1 of ``Subscribers.Import`` done: the rows read, waiting for their mapping."""

    import_id: int
    owner_id: int
    list_id: int
    columns: list[str]
    rows: list[list[str]]
    suppress: bool = False
    processed: bool = False
    totals: dict[str, int] = field(default_factory=dict)
