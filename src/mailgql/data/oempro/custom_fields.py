"""Oempro custom field writes: create (by name and type, or from a preset), update, delete,
and copy a list's fields into another list.

``CustomField.Update`` takes the whole field again on 4.x, name and type included: an update
reads the list's fields first (one ``CustomFields.Get``, shared with any read of them in the
request) and sends what it does not change as it is. Update and delete refuse a field the list
does not have (NOT_FOUND, ``CustomFieldID``) before any write, since ``CustomFields.Delete``
says nothing about ids it did not find.

What each write makes stale: the list's field listing, and its subscribers where their values
change (a new field's default value, a deleted field's values).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from mailgql.data._facade import Stale
from mailgql.data.oempro._base import shown
from mailgql.data.oempro.lists import ListReads
from mailgql.data.oempro.stale import stale_subscribers
from mailgql.upstreams.oempro import CustomField
from mailgql.upstreams.oempro.commands.custom_fields import (
    FieldSpec,
    copy_custom_fields,
    create_custom_field,
    delete_custom_fields,
    update_custom_field,
)
from mailgql.upstreams.oempro.list_records import FieldOption
from mailgql.upstreams.oempro.wire.list_side import checkbox_values, parse_field_options

__all__ = [
    "CustomFieldWrites",
    "FieldSpec",
    "checkbox_values",
    "field_options",
    "stale_custom_fields",
]

V = TypeVar("V")


def field_options(field: CustomField) -> tuple[FieldOption, ...]:
    """The choices of a multiple choice, drop down or checkbox field (none for other kinds)."""
    return parse_field_options(field.options)


def stale_custom_fields(list_id: int) -> list[Stale]:
    """A list's fields changed: its field listing, and its subscribers (their values)."""
    return [Stale("custom_fields", (list_id,)), *stale_subscribers(list_id)]


def _or(change: V | None, current: V) -> V:
    """The changed value, else the current one."""
    return change if change is not None else current


def _whole(field: CustomField, change: FieldSpec) -> FieldSpec:
    """The field as ``CustomField.Update`` must receive it: ``change`` over what it is."""
    return FieldSpec(
        name=_or(change.name, field.name),
        field_type=_or(change.field_type, field.field_type),
        default_value=_or(change.default_value, field.default_value),
        options=_or(change.options, parse_field_options(field.options) or None),
        validation_method=_or(change.validation_method, field.validation_method),
        validation_rule=_or(change.validation_rule, field.validation_rule),
        visibility=_or(change.visibility, field.visibility),
        required=_or(change.required, field.required),
        unique=_or(change.unique, field.unique),
        is_global=_or(change.is_global, field.is_global),
        merge_tag_alias=change.merge_tag_alias,
    )


class CustomFieldWrites(ListReads):
    """Writes of a list's custom fields."""

    async def custom_field(self, list_id: int, field_id: int) -> CustomField | None:
        """One field of a list (from the list's one ``CustomFields.Get``); None if not there."""
        fields = await self.custom_fields(list_id)
        return next((f for f in fields if f.field_id == field_id), None)

    async def _field_of(self, list_id: int, field_id: int) -> CustomField:
        return shown(
            await self.custom_field(list_id, field_id),
            "custom field",
            field_id,
            field="CustomFieldID",
        )

    async def create_custom_field(self, list_id: int, spec: FieldSpec) -> int:
        """``CustomField.Create``; the new field's id."""
        return await self._write(
            self._client.send(create_custom_field(list_id, spec)),
            stale=stale_custom_fields(list_id),
        )

    async def update_custom_field(self, list_id: int, field_id: int, change: FieldSpec) -> None:
        """``CustomField.Update`` of a field of the list, what ``change`` leaves None kept."""
        field = await self._field_of(list_id, field_id)
        whole = replace(_whole(field, change), preset=None)
        await self._write(
            self._client.send(update_custom_field(field_id, whole)),
            stale=stale_custom_fields(list_id),
        )

    async def delete_custom_field(self, list_id: int, field_id: int) -> None:
        """``CustomFields.Delete`` of a field of the list (its values go with it)."""
        await self._field_of(list_id, field_id)
        await self._write(
            self._client.send(delete_custom_fields([field_id])),
            stale=stale_custom_fields(list_id),
        )

    async def copy_custom_fields(self, source_list_id: int, target_list_id: int) -> None:
        """``CustomFields.Copy``: the source list's fields added to the target list."""
        await self._write(
            self._client.send(copy_custom_fields(source_list_id, target_list_id)),
            stale=stale_custom_fields(target_list_id),
        )
