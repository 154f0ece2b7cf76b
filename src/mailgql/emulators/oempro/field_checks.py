"""Custom field value checks shared by ``Subscriber.Subscribe`` and ``Subscriber.Update``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from mailgql.emulators.oempro.records import CustomField, Subscriber

__all__ = ["FieldProblem", "field_problem", "passes_validation"]

FieldProblem = Literal["empty", "not unique", "invalid"]

_METHODS: dict[str, str] = {
    "numbers": r"[0-9]+",
    "letters": r"[^\W\d_]+(?: [^\W\d_]+)*",
    "numbers and letters": r"[^\W_]+(?: [^\W_]+)*",
    "email address": r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    "url": r"https?://[^\s/$.?#][^\s]*",
    "date": r"\d{4}-\d{2}-\d{2}",
    "time": r"\d{2}:\d{2}(?::\d{2})?",
}


def passes_validation(custom: CustomField, value: str) -> bool:
    """Whether a non-empty value satisfies the field's ``ValidationMethod``."""
    method = custom["ValidationMethod"].strip().lower()
    if value == "" or method in {"", "disabled"}:
        return True
    if method == "custom":
        try:
            return re.search(custom["ValidationRule"], value) is not None
        except re.error:
            return True
    pattern = _METHODS.get(method)
    return pattern is None or re.fullmatch(pattern, value) is not None


def field_problem(
    custom: CustomField,
    value: str,
    subscribers: Mapping[int, Subscriber],
    *,
    exclude_id: int | None = None,
) -> FieldProblem | None:
    """What is wrong with a value sent for a field, if anything (required, unique, format)."""
    if value.strip() == "":
        return "empty" if custom["IsRequired"] == "Yes" else None
    if custom["IsUnique"] == "Yes":
        for sub in subscribers.values():
            if sub.id != exclude_id and sub[custom.column].lower() == value.lower():
                return "not unique"
    if not passes_validation(custom, value):
        return "invalid"
    return None
