"""Oempro custom fields in the graph: a list's definitions, a subscriber's typed values, and
the writes that change them (each followed by the field or list read back)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.custom_fields import FieldSpec, checkbox_values, field_options
from mailgql.graph.context import Info
from mailgql.graph.custom_fields import (
    CustomField,
    CustomFieldKind,
    CustomFieldOption,
    CustomFieldValidation,
    CustomFieldVisibility,
)
from mailgql.graph.lists import MailingList, SubscriberField
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.base import existing
from mailgql.graph.platforms.oempro.mapping import Read, read_of, to_list
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import CustomField as FieldRecord, MailingList as ListRecord

__all__ = [
    "create_custom_field",
    "custom_field_values",
    "list_custom_fields",
    "read_list",
    "to_custom_field",
    "update_custom_field",
]

_P = Platform.OEMPRO
E = TypeVar("E", CustomFieldKind, CustomFieldValidation, CustomFieldVisibility)


def _member(kind: type[E], value: str | None) -> E | None:
    """The member an Oempro word names, in any case; None for a word we do not know."""
    wanted = (value or "").strip().lower()
    return next((m for m in kind if str(m.value).lower() == wanted), None)


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def to_custom_field(record: FieldRecord) -> CustomField:
    """A field row as a CustomField."""
    return CustomField(
        legacy_id=str(record.field_id),
        name=record.name,
        kind=_member(CustomFieldKind, record.field_type),
        legacy_type=record.field_type,
        default_value=record.default_value,
        options=[
            CustomFieldOption(label=o.label, value=o.value, selected=o.selected)
            for o in field_options(record)
        ],
        validation=_member(CustomFieldValidation, record.validation_method),
        validation_rule=record.validation_rule,
        required=record.required,
        unique=record.unique,
        visibility=_member(CustomFieldVisibility, record.visibility),
        is_global=record.is_global,
    )


async def list_custom_fields(
    info: Info, mailing_list: MailingList, window: Window
) -> Connection[CustomField]:
    """Every field of the list (one unpaged ``CustomFields.Get``), windowed here."""
    read: Read[ListRecord] = read_of(mailing_list._record, ListRecord)
    records = await _data(info).custom_fields(read.record.list_id, as_user=read.as_user)
    return Connection.slice([to_custom_field(r) for r in records], window)


def _values(kind: CustomFieldKind | None, value: str | None) -> list[str]:
    if not value:
        return []
    if kind is CustomFieldKind.CHECKBOXES:
        return list(checkbox_values(value))
    return [value]


def custom_field_values(
    fields: tuple[FieldRecord, ...], values: Mapping[int, str]
) -> list[SubscriberField]:
    """A subscriber's value of every field of its list, typed by the field's kind."""
    out = []
    for field in fields:
        kind = _member(CustomFieldKind, field.field_type)
        value = values.get(field.field_id) or None
        out.append(
            SubscriberField(
                field_id=str(field.field_id),
                name=field.name,
                type=field.field_type,
                value=value,
                kind=kind,
                values=_values(kind, value),
            )
        )
    return out


async def create_custom_field(info: Info, list_id: int, spec: FieldSpec) -> CustomField:
    """``CustomField.Create``, then the new field from the list's ``CustomFields.Get``."""
    data = _data(info)
    field_id = await data.create_custom_field(list_id, spec)
    record = await data.custom_field(list_id, field_id)
    return to_custom_field(existing(record, _P, f"Oempro list {list_id} hides its new field"))


async def update_custom_field(
    info: Info, list_id: int, field_id: int, change: FieldSpec
) -> CustomField:
    """``CustomField.Update`` (the field read first), then the field read back."""
    data = _data(info)
    await data.update_custom_field(list_id, field_id, change)
    record = await data.custom_field(list_id, field_id)
    return to_custom_field(existing(record, _P, f"Oempro list {list_id} no longer shows it"))


async def read_list(info: Info, list_id: int) -> MailingList:
    """A list of the login read back after a write to it (``List.Get``)."""
    record = await _data(info).list(list_id)
    return to_list(existing(record, _P, f"Oempro shows no list {list_id} to this login"))
