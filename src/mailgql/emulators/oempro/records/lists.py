"""What a list holds: the list itself, its custom fields, its subscribers and its segments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mailgql.emulators.oempro.records._base import OwnedRow, Row

__all__ = ["CustomField", "Segment", "SegmentRule", "Subscriber", "SubscriberList"]


class SubscriberList(OwnedRow):
    """A subscriber list, with every column of its table (sync settings included)."""

    COLUMNS = (
        "ListID",
        "RelOwnerUserID",
        "Name",
        "CreatedOn",
        "OptInMode",
        "RelOptInConfirmationEmailID",
        "OptOutScope",
        "OptOutAddToSuppressionList",
        "SendServiceIntegrationFailedNotification",
        "SubscriptionConfirmationPendingPageURL",
        "SubscriptionConfirmedPageURL",
        "UnsubscriptionConfirmedPageURL",
        "HideInSubscriberArea",
        "SyncStatus",
        "SyncPeriod",
        "SyncSendReportEmail",
        "SyncMySQLHost",
        "SyncMySQLPort",
        "SyncMySQLUsername",
        "SyncMySQLPassword",
        "SyncMySQLDBName",
        "SyncMySQLQuery",
        "SyncLastDateTime",
    )
    __slots__ = ()


class CustomField(OwnedRow):
    """A custom field of a list; subscribers carry its value as ``CustomField<ID>``."""

    COLUMNS = (
        "CustomFieldID",
        "RelOwnerUserID",
        "RelListID",
        "FieldName",
        "FieldType",
        "FieldDefaultValue",
        "FieldOptions",
        "ValidationMethod",
        "ValidationRule",
        "IsRequired",
        "IsUnique",
        "Visibility",
        "IsGlobal",
        "MergeTagAlias",
    )
    __slots__ = ()

    @property
    def column(self) -> str:
        """The subscriber column holding this field's value."""
        return f"CustomField{self.id}"


class Subscriber(Row):
    """A subscriber of one list; ids are per list, as each list has its own table."""

    COLUMNS = (
        "SubscriberID",
        "EmailAddress",
        "BounceType",
        "SubscriptionStatus",
        "SubscriptionDate",
        "SubscriptionIP",
        "UnsubscriptionDate",
        "UnsubscriptionIP",
        "OptInDate",
    )
    __slots__ = ()

    def row_for(self, fields: Iterable[CustomField]) -> dict[str, str]:
        """The row with one ``CustomField<N>`` column per field of the list."""
        out = {column: self.cols.get(column, "") for column in self.COLUMNS}
        for custom in fields:
            out[custom.column] = self.cols.get(custom.column, "")
        return out


@dataclass(slots=True)
class SegmentRule:
    """One segment rule: a subscriber column, an operator and a filter value."""

    field: str
    operator: str
    filter: str

    def row(self) -> dict[str, str]:
        """The rule as the API returns it."""
        return {"Field": self.field, "Operator": self.operator, "Filter": self.filter}


class Segment(OwnedRow):
    """A segment of a list: rules joined by ``and``/``or``."""

    COLUMNS = ("SegmentID", "RelOwnerUserID", "RelListID", "SegmentName", "SegmentOperator")
    __slots__ = ("rules",)

    def __init__(self, values: Mapping[str, str] | None = None, **columns: str) -> None:
        super().__init__(values, **columns)
        self.rules: list[SegmentRule] = []

    @property
    def list_id(self) -> int:
        """The list the segment belongs to."""
        return self.number("RelListID")

    def row(self) -> dict[str, Any]:
        """The row with its rules."""
        out: dict[str, Any] = dict(self.cols)
        out["SegmentRules"] = [rule.row() for rule in self.rules]
        return out
