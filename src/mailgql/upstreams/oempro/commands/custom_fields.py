"""Custom field writes (contract §10); the read, ``CustomFields.Get``, is with the lists.

Create and update take one :class:`FieldSpec`. ``CustomField.Update`` needs the name and the
type every time (4.x treats an update as the whole field again), so a caller that changes less
reads the field first and sends what it keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mailgql.upstreams.oempro.commands._base import Command, Form, created, write
from mailgql.upstreams.oempro.commands._form import given, ids, yes_no
from mailgql.upstreams.oempro.list_records import FieldOption

__all__ = [
    "FieldSpec",
    "copy_custom_fields",
    "create_custom_field",
    "delete_custom_fields",
    "update_custom_field",
]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A custom field's settings as ``CustomField.Create``/``Update`` take them; None: not sent.

    ``preset`` (``Gender``, ``Age``...) replaces name, type and options on create.
    """

    name: str | None = None
    field_type: str | None = None
    preset: str | None = None
    default_value: str | None = None
    options: Sequence[FieldOption] | None = None
    validation_method: str | None = None
    validation_rule: str | None = None
    visibility: str | None = None
    required: bool | None = None
    unique: bool | None = None
    is_global: bool | None = None
    merge_tag_alias: str | None = None


def _spec_form(spec: FieldSpec) -> Form:
    form: Form = []
    given(form, "PresetName", spec.preset)
    given(form, "FieldName", spec.name)
    given(form, "FieldType", spec.field_type)
    given(form, "FieldDefaultValue", spec.default_value)
    for index, option in enumerate(spec.options or (), start=1):
        form.append((f"OptionLabel[{index}]", option.label))
        form.append((f"OptionValue[{index}]", option.value))
        if option.selected:
            form.append(("OptionSelected[]", str(index)))
    given(form, "ValidationMethod", spec.validation_method)
    given(form, "ValidationRule", spec.validation_rule)
    given(form, "Visibility", spec.visibility)
    given(form, "IsRequired", spec.required, yes_no)
    given(form, "IsUnique", spec.unique, yes_no)
    given(form, "IsGlobal", spec.is_global, yes_no)
    given(form, "MergeTagAlias", spec.merge_tag_alias)
    return form


def create_custom_field(list_id: int, spec: FieldSpec) -> Command[int]:
    """``CustomField.Create`` in a list; the new field's id."""
    form: Form = [("SubscriberListID", str(list_id)), *_spec_form(spec)]
    return created("CustomField.Create", form, "CustomFieldID")


def update_custom_field(field_id: int, spec: FieldSpec) -> Command[None]:
    """``CustomField.Update``: the whole field again (name and type included)."""
    return write("CustomField.Update", [("CustomFieldID", str(field_id)), *_spec_form(spec)])


def delete_custom_fields(field_ids: Sequence[int]) -> Command[None]:
    """``CustomFields.Delete``: a comma list of ids (their values go with them)."""
    return write("CustomFields.Delete", [("CustomFields", ids(field_ids))])


def copy_custom_fields(source_list_id: int, target_list_id: int) -> Command[None]:
    """``CustomFields.Copy``: every field of one list into another, as new fields."""
    form: Form = [("SourceListID", str(source_list_id)), ("TargetListID", str(target_list_id))]
    return write("CustomFields.Copy", form)
