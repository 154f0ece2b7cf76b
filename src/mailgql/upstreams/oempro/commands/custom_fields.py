"""Custom field writes (contract §10); the read, ``CustomFields.Get``, is with the lists.

Create and update take one :class:`FieldSpec`. ``CustomField.Update`` needs the name and the
type every time (4.x treats an update as the whole field again), so a caller that changes less
reads the field first and sends what it keeps.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.upstreams.oempro.commands import value_forms
from mailgql.upstreams.oempro.commands._base import Command, Form, created, write
from mailgql.upstreams.oempro.commands._form import ids
from mailgql.upstreams.oempro.write_values import FieldSpec

__all__ = [
    "FieldSpec",
    "copy_custom_fields",
    "create_custom_field",
    "delete_custom_fields",
    "update_custom_field",
]


def create_custom_field(list_id: int, spec: FieldSpec) -> Command[int]:
    """``CustomField.Create`` in a list; the new field's id."""
    form: Form = [("SubscriberListID", str(list_id)), *value_forms.field_form(spec)]
    return created("CustomField.Create", form, "CustomFieldID")


def update_custom_field(field_id: int, spec: FieldSpec) -> Command[None]:
    """``CustomField.Update``: the whole field again (name and type included)."""
    return write(
        "CustomField.Update", [("CustomFieldID", str(field_id)), *value_forms.field_form(spec)]
    )


def delete_custom_fields(field_ids: Sequence[int]) -> Command[None]:
    """``CustomFields.Delete``: a comma list of ids (their values go with them)."""
    return write("CustomFields.Delete", [("CustomFields", ids(field_ids))])


def copy_custom_fields(source_list_id: int, target_list_id: int) -> Command[None]:
    """``CustomFields.Copy``: every field of one list into another, as new fields."""
    form: Form = [("SourceListID", str(source_list_id)), ("TargetListID", str(target_list_id))]
    return write("CustomFields.Copy", form)
