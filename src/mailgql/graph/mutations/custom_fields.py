"""Custom field mutations (Oempro): create a field (or a preset), change, delete, and copy a
list's fields into another list."""

from __future__ import annotations

import enum
from dataclasses import replace

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.custom_fields import FieldSpec
from mailgql.graph.context import Info
from mailgql.graph.custom_fields import (
    CustomField,
    CustomFieldKind,
    CustomFieldValidation,
    CustomFieldVisibility,
)
from mailgql.graph.errors import BadUserInput
from mailgql.graph.mutations._oempro import (
    OemproListCopyInput,
    OemproListInput,
    copy_between_lists,
    on_list,
    on_list_part,
)
from mailgql.graph.mutations._run import Input, input_paths, input_type, mutation, optional
from mailgql.graph.mutations.payloads import (
    CustomFieldPayload,
    DeleteCustomFieldPayload,
    MailingListPayload,
)
from mailgql.graph.platforms.oempro import OemproGraph
from mailgql.graph.platforms.oempro.custom_fields import (
    create_custom_field,
    update_custom_field,
)
from mailgql.graph.validation import MAX_IDS, check_not_blank, plain_legacy_id
from mailgql.upstreams.oempro.list_records import FieldOption

__all__ = [
    "CopyCustomFieldsInput",
    "CreateCustomFieldInput",
    "CustomFieldMutation",
    "CustomFieldOptionInput",
    "CustomFieldPreset",
    "DeleteCustomFieldInput",
    "UpdateCustomFieldInput",
]

_PATHS = input_paths(
    {
        "SubscriberListID": "listId",
        "CustomFieldID": "fieldId",
        "CustomFields": "fieldId",
        "FieldName": "name",
        "FieldType": "kind",
        "PresetName": "preset",
        "ValidationRule": "validationRule",
        "ValidationMethod": "validation",
        "Visibility": "visibility",
        "MergeTagAlias": "mergeTagAlias",
        "SourceListID": "sourceListId",
        "TargetListID": "targetListId",
    }
)
_FIELD_ID = _PATHS["CustomFieldID"]


@strawberry.enum(description="A ready-made custom field: its name, kind and options in one go.")
class CustomFieldPreset(enum.Enum):
    """A ready-made custom field (Oempro `PresetName`)."""

    GENDER = strawberry.enum_value("Gender", description="Male or female (multiple choice).")
    AGE = strawberry.enum_value("Age", description="Age ranges (drop down).")
    EMPLOYMENT = strawberry.enum_value("Employment", description="Employment status.")
    INCOME = strawberry.enum_value("Income", description="Income ranges.")
    EDUCATION = strawberry.enum_value("Education", description="Highest education.")
    DAYS_OF_THE_WEEK = strawberry.enum_value(
        "Days of the week", description="Monday to Sunday (checkboxes)."
    )
    MONTHS_OF_THE_YEAR = strawberry.enum_value(
        "Months of the year", description="January to December."
    )
    US_STATES = strawberry.enum_value("U.S. states", description="The fifty U.S. states.")
    CONTINENTS = strawberry.enum_value("Continents", description="The seven continents.")
    SATISFACTION = strawberry.enum_value("Satisfaction", description="A satisfaction scale.")
    IMPORTANCE = strawberry.enum_value("Importance", description="An importance scale.")
    AGREEMENT = strawberry.enum_value("Agreement", description="An agreement scale.")
    COMPARISON = strawberry.enum_value("Comparison", description="A comparison scale.")


@input_type
class CustomFieldOptionInput:
    """One choice of a multiple choice, drop down or checkbox field."""

    label: str = strawberry.field(description="What a form shows (not blank).")
    value: str | None = optional("What a chosen value holds; the label when omitted.")
    selected: bool = strawberry.field(default=False, description="Chosen by default on forms.")


@input_type
class CreateCustomFieldInput(OemproListInput):
    """A new custom field of a list (Oempro): a `name` and a `kind`, or a `preset`."""

    name: str | None = optional(
        "The field's name (not blank); with a preset, replaces the preset's name."
    )
    kind: CustomFieldKind | None = optional("What kind of value it holds; needed without preset.")
    preset: CustomFieldPreset | None = optional(
        "A ready-made field instead of name, kind and options."
    )
    default_value: str | None = optional("The value a new subscriber gets.")
    options: list[CustomFieldOptionInput] | None = optional(
        f"The choices of a multiple choice, drop down or checkbox field (at most {MAX_IDS})."
    )
    validation: CustomFieldValidation | None = optional("How values are checked; default none.")
    validation_rule: str | None = optional("The regular expression, needed by CUSTOM.")
    visibility: CustomFieldVisibility | None = optional("Who sees it; default PUBLIC.")
    required: bool | None = optional("A subscription must give a value; default false.")
    unique: bool | None = optional("No two subscribers may share a value; default false.")
    is_global: bool | None = optional("Valid for every list of its owner.", name="global")
    merge_tag_alias: str | None = optional(
        "A short name for the field's merge tag: a letter, then letters, digits or `_`."
    )


@strawberry.input
class _OnCustomField(OemproListInput):
    """What the inputs about one custom field start with: its list and the field."""

    field_id: strawberry.ID = strawberry.field(
        description="The field: its `legacyId` (Oempro `CustomFieldID`) in this list."
    )


@input_type
class UpdateCustomFieldInput(_OnCustomField):
    """Change a custom field (Oempro); an omitted or null setting is left as it is."""

    name: str | None = optional("A new name (not blank).")
    kind: CustomFieldKind | None = optional("A new kind.")
    default_value: str | None = optional("A new default value.")
    options: list[CustomFieldOptionInput] | None = optional(
        f"New choices, replacing the old ones (at most {MAX_IDS})."
    )
    validation: CustomFieldValidation | None = optional("A new check.")
    validation_rule: str | None = optional("A new regular expression for CUSTOM.")
    visibility: CustomFieldVisibility | None = optional("Who sees it.")
    required: bool | None = optional("Whether a value must be given.")
    unique: bool | None = optional("Whether values must differ.")
    is_global: bool | None = optional("Whether it is valid for every list.", name="global")
    merge_tag_alias: str | None = optional("A new merge tag alias.")


@input_type
class DeleteCustomFieldInput(_OnCustomField):
    """Delete a custom field and every subscriber's value of it."""


@input_type
class CopyCustomFieldsInput(OemproListCopyInput):
    """Copy every custom field of one list into another (Oempro)."""


def _field_id(value: str) -> int:
    number = plain_legacy_id(value.strip(), field=_FIELD_ID, what="custom field")
    if number is None:
        raise BadUserInput(f"{value!r} is not a custom field id", field=_FIELD_ID)
    return number


def _options(given: list[CustomFieldOptionInput] | None) -> list[FieldOption] | None:
    if given is None:
        return None
    if len(given) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} options", field=("input", "options"))
    out = []
    for index, option in enumerate(given):
        path = ("input", "options", str(index), "label")
        label = check_not_blank(option.label, field=path, what="label")
        value = (option.value or "").strip() or label
        out.append(FieldOption(label=label, value=value, selected=option.selected))
    return out


def _name(value: str | None) -> str | None:
    return None if value is None else check_not_blank(value, field=("input", "name"), what="name")


def _spec(input: CreateCustomFieldInput | UpdateCustomFieldInput) -> FieldSpec:
    return FieldSpec(
        name=_name(input.name),
        field_type=str(input.kind.value) if input.kind is not None else None,
        default_value=input.default_value,
        options=_options(input.options),
        validation_method=str(input.validation.value) if input.validation is not None else None,
        validation_rule=input.validation_rule,
        visibility=str(input.visibility.value) if input.visibility is not None else None,
        required=input.required,
        unique=input.unique,
        is_global=input.is_global,
        merge_tag_alias=input.merge_tag_alias,
    )


@strawberry.type
class CustomFieldMutation:
    """Mutations on custom fields."""

    @mutation
    async def create_custom_field(
        self, info: Info, input: Input[CreateCustomFieldInput]
    ) -> CustomFieldPayload:
        """Create a custom field in a list (Oempro: CustomField.Create, then CustomFields.Get of
        the list). Every subscriber of the list gets its default value."""

        async def write(_: OemproGraph, target: int) -> CustomField:
            spec = _spec(input)
            if input.preset is not None:
                spec = replace(spec, preset=str(input.preset.value))
            elif spec.name is None or spec.field_type is None:
                missing = "name" if spec.name is None else "kind"
                raise BadUserInput(f"give a {missing}, or a preset", field=("input", missing))
            return await create_custom_field(info, target, spec)

        return await CustomFieldPayload.run(on_list(info, input.list_id, write), input_paths=_PATHS)

    @mutation
    async def update_custom_field(
        self, info: Info, input: Input[UpdateCustomFieldInput]
    ) -> CustomFieldPayload:
        """Change a custom field of a list (Oempro: CustomFields.Get to read it,
        CustomField.Update with the whole field, then the field read back)."""

        async def write(_: OemproGraph, target: int) -> CustomField:
            return await update_custom_field(info, target, _field_id(input.field_id), _spec(input))

        return await CustomFieldPayload.run(on_list(info, input.list_id, write), input_paths=_PATHS)

    @mutation
    async def delete_custom_field(
        self, info: Info, input: Input[DeleteCustomFieldInput]
    ) -> DeleteCustomFieldPayload:
        """Delete a custom field of a list with every subscriber's value of it (Oempro:
        CustomFields.Get to find it, then CustomFields.Delete)."""

        change = on_list_part(
            info,
            input.list_id,
            lambda: _field_id(input.field_id),
            OemproData.delete_custom_field,
        )
        return await DeleteCustomFieldPayload.run(change, input_paths=_PATHS)

    @mutation
    async def copy_custom_fields(
        self, info: Info, input: Input[CopyCustomFieldsInput]
    ) -> MailingListPayload:
        """Copy every custom field of one list into another as new fields (Oempro:
        CustomFields.Copy, then List.Get of the target). The target's subscribers get each new
        field's default value."""

        return await copy_between_lists(info, input, OemproData.copy_custom_fields, _PATHS)
