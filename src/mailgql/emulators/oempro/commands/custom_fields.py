"""Custom field writes (contract §10) — user scope; ``CustomFields.Get`` lives with the lists.

A field's options are stored in ``FieldOptions`` as ``[[label]||[value]]`` items joined by
``||``, a selected-by-default item marked with a trailing ``*``, as the web UI stores them.
"""

from __future__ import annotations

import functools
import re

from mailgql.emulators.oempro.commands._base import (
    COPY_LISTS,
    USER,
    Call,
    CommandTable,
    Required,
    chosen,
    copy_lists,
    delete_listed,
    found,
    missing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.field_presets import PRESETS
from mailgql.emulators.oempro.params import Params
from mailgql.emulators.oempro.records import CustomField, SubscriberList, owned_by

__all__ = ["COMMANDS", "FIELD_TYPES", "VALIDATION_METHODS", "copy_fields", "options_text"]

COMMANDS = CommandTable()

FIELD_TYPES = (
    "Single line",
    "Paragraph text",
    "Multiple choice",
    "Drop down",
    "Checkboxes",
    "Hidden field",
    "Date field",
    "Time field",
)
VALIDATION_METHODS = (
    "Disabled",
    "Numbers",
    "Letters",
    "Numbers and letters",
    "Email address",
    "URL",
    "Date",
    "Time",
    "Custom",
)
_VISIBILITY = ("Public", "User Only", "Hidden")
_YES_NO = ("Yes", "No")
_ALIAS = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}\Z")


def options_text(options: list[tuple[str, str, bool]]) -> str:
    """``(label, value, selected)`` items as the ``FieldOptions`` column holds them."""
    return "||".join(f"[[{label}]||[{value}]]{'*' if on else ''}" for label, value, on in options)


def _indexed(params: Params, name: str) -> dict[str, str]:
    """A bracket array by its keys: ``Name[1]=x`` keyed ``"1"``, ``Name[]=x`` by position."""
    keyed = params.mapping(name)
    return keyed or {str(index): value for index, value in enumerate(params.array(name))}


def _options(params: Params) -> list[tuple[str, str, bool]] | None:
    """``OptionLabel[n]``/``OptionValue[n]``/``OptionSelected[]``; None when none was sent."""
    labels = _indexed(params, "OptionLabel")
    if not labels:
        return None
    values = _indexed(params, "OptionValue")
    selected = {item.strip() for item in params.array("OptionSelected")}
    out = []
    for key, label in labels.items():
        if not label.strip():
            continue
        value = values.get(key, "").strip() or label.strip()
        out.append((label.strip(), value, key in selected))
    return out


def _settings(
    call: Call, *, codes: dict[str, int], owner_list: SubscriberList
) -> dict[str, str] | Outcome:
    """The columns a Create or Update sets, checked; an Outcome when a value is refused."""
    p = call.params
    cols: dict[str, str] = {}
    for param, allowed in (
        ("FieldType", FIELD_TYPES),
        ("ValidationMethod", VALIDATION_METHODS),
        ("Visibility", _VISIBILITY),
        ("IsRequired", _YES_NO),
        ("IsUnique", _YES_NO),
        ("IsGlobal", _YES_NO),
    ):
        value = p.filled(param)
        if value is None:
            continue
        cols[param] = chosen(value, allowed, (codes[param], f"Invalid {param}"))
    name = p.filled("FieldName")
    if name is not None:
        cols["FieldName"] = name
    default = p.text("FieldDefaultValue")
    if default is None:
        default = p.text("DefaultValue")
    if default is not None:
        cols["FieldDefaultValue"] = default
    rule = p.text("ValidationRule")
    if rule is not None:
        cols["ValidationRule"] = rule.strip()
    options = _options(p)
    if options is not None:
        cols["FieldOptions"] = options_text(options)
    alias = p.filled("MergeTagAlias")
    if alias is not None:
        if not _ALIAS.match(alias):
            return fail((1001, "Invalid merge tag alias"))
        for other in call.state.fields.values():
            if other.owner_id == owner_list.owner_id and other["MergeTagAlias"] == alias:
                return fail((1000, "Merge tag alias is already in use"))
        cols["MergeTagAlias"] = alias
    return cols


_NEW_FIELD = {
    "FieldDefaultValue": "",
    "ValidationMethod": "Disabled",
    "IsRequired": "No",
    "IsUnique": "No",
    "Visibility": "Public",
    "IsGlobal": "No",
}
"""What a new field holds unless ``CustomField.Create`` says otherwise."""
_CREATE_CODES = {
    "FieldType": 7,
    "ValidationMethod": 7,
    "Visibility": 7,
    "IsRequired": 7,
    "IsUnique": 7,
    "IsGlobal": 7,
}
_UPDATE_CODES = {
    "FieldType": 7,
    "ValidationMethod": 8,
    "Visibility": 9,
    "IsRequired": 10,
    "IsUnique": 11,
    "IsGlobal": 12,
}
_NAME_AND_TYPE: tuple[Required, ...] = (
    ("FieldName", 2, "Field name is missing"),
    ("FieldType", 3, "Field type is missing"),
)


@COMMANDS.register("CustomField.Create", USER)
@requires(("SubscriberListID", 1, "Subscriber list id is missing"))
def custom_field_create(call: Call) -> Outcome:
    """``CustomField.Create``: by name and type, or by ``PresetName``; codes 1-5, 7, 8, 1000,
    1001."""
    p = call.params
    preset_name = p.filled("PresetName")
    preset = PRESETS.get(preset_name.lower()) if preset_name is not None else None
    if preset_name is not None and preset is None:
        return fail((5, "Invalid preset name"))
    if preset is None:
        problem = missing(p, _NAME_AND_TYPE)
        if problem is not None:
            return problem
    lst = call.owned(call.state.owned_list, "SubscriberListID", (8, "Invalid subscriber list id"))
    cols = _settings(call, codes=_CREATE_CODES, owner_list=lst)
    if isinstance(cols, Outcome):
        return cols
    if preset is not None:
        name, kind, labels = preset
        cols.setdefault("FieldName", name)
        cols["FieldType"] = kind
        cols["FieldOptions"] = options_text([(label, label, False) for label in labels])
    if cols.get("ValidationMethod") == "Custom" and not cols.get("ValidationRule"):
        return fail((4, "Validation rule is missing"))
    field_id = call.state.next_id("field")
    custom = CustomField.in_list(field_id, lst, _NEW_FIELD)
    custom.cols.update(cols)
    call.state.fields[field_id] = custom
    for sub in call.state.subscribers.get(lst.id, {}).values():
        sub[custom.column] = custom["FieldDefaultValue"]
    return ok(CustomFieldID=field_id)


@COMMANDS.register("CustomField.Update", USER)
@requires(("CustomFieldID", 1, "Custom field id is missing"), *_NAME_AND_TYPE)
def custom_field_update(call: Call) -> Outcome:
    """``CustomField.Update``: every setting sent again (name and type required); codes 1-4,
    6-14."""
    p = call.params
    custom = call.state.fields.get(p.integer("CustomFieldID") or -1)
    if custom is None or custom.owner_id != call.user.id:
        return fail((6, "Invalid custom field id"))
    lst = found(call.state.lists.get(custom.number("RelListID")), (6, "Invalid custom field id"))
    target = p.filled("SubscriberListID")
    if target is not None:
        if call.state.owned_list(call.user.id, p.integer("SubscriberListID")) is None:
            return fail((14, "Invalid subscriber list id"))
        if int(target) != lst.id:
            return fail((13, "A custom field cannot move to another list"))
    cols = _settings(call, codes=_UPDATE_CODES, owner_list=lst)
    if isinstance(cols, Outcome):
        return cols
    if cols.get("MergeTagAlias") == custom["MergeTagAlias"]:
        cols.pop("MergeTagAlias", None)
    method = cols.get("ValidationMethod", custom["ValidationMethod"])
    if method == "Custom" and not cols.get("ValidationRule", custom["ValidationRule"]):
        return fail((4, "Validation rule is missing"))
    custom.cols.update(cols)
    return ok()


@COMMANDS.register("CustomFields.Delete", USER)
def custom_fields_delete(call: Call) -> Outcome:
    """``CustomFields.Delete``: a comma list of ids; the values go with the fields."""

    owned = functools.partial(owned_by, call.state.fields, call.user.id)

    def delete(field_id: int) -> None:
        custom = call.state.fields.pop(field_id)
        for sub in call.state.subscribers.get(custom.number("RelListID"), {}).values():
            sub.cols.pop(custom.column, None)

    return delete_listed(call, "CustomFields", "Custom field ids are missing", owned, delete)


def copy_fields(call: Call, source: SubscriberList, target: SubscriberList) -> list[int]:
    """Copy every field of ``source`` into ``target`` as new fields; their new ids."""
    new_ids = []
    for custom in call.state.fields_of(source.id):
        field_id = call.state.next_id("field")
        copy = CustomField(custom.cols)
        copy.cols.update(CustomFieldID=str(field_id), RelListID=str(target.id), MergeTagAlias="")
        call.state.fields[field_id] = copy
        for sub in call.state.subscribers.get(target.id, {}).values():
            sub[copy.column] = copy["FieldDefaultValue"]
        new_ids.append(field_id)
    return new_ids


@COMMANDS.register("CustomFields.Copy", USER)
@requires(*COPY_LISTS)
def custom_fields_copy(call: Call) -> Outcome:
    """``CustomFields.Copy``: 1 source, 2 target missing; 3 invalid source, 4 invalid target."""
    source, target = copy_lists(call, (3, "Invalid source list id"), (4, "Invalid target list id"))
    copy_fields(call, source, target)
    return ok()
