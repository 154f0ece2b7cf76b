"""Custom fields of a list (Oempro): their definitions, and the kinds that type a subscriber's
values."""

from __future__ import annotations

import enum

import strawberry

from mailgql.graph.enum_values import described

__all__ = [
    "CustomField",
    "CustomFieldKind",
    "CustomFieldOption",
    "CustomFieldValidation",
    "CustomFieldVisibility",
]


@strawberry.enum(description="What kind of value a custom field holds.")
class CustomFieldKind(enum.Enum):
    """What kind of value a custom field holds (Oempro `FieldType`)."""

    SINGLE_LINE = described("Single line", description="One line of text.")
    PARAGRAPH_TEXT = described("Paragraph text", description="Several lines of text.")
    MULTIPLE_CHOICE = described(
        "Multiple choice", description="One of its options (radio buttons)."
    )
    DROP_DOWN = described("Drop down", description="One of its options (a menu).")
    CHECKBOXES = described(
        "Checkboxes", description="Any number of its options: a value is a list."
    )
    HIDDEN = described("Hidden field", description="Text a form carries without showing it.")
    DATE = described("Date field", description="A date (Oempro 5.x).")
    TIME = described("Time field", description="A time of day (Oempro 5.x).")


@strawberry.enum(description="How a custom field's values are checked when given.")
class CustomFieldValidation(enum.Enum):
    """How a custom field's values are checked (Oempro `ValidationMethod`)."""

    DISABLED = described("Disabled", description="Not checked.")
    NUMBERS = described("Numbers", description="Digits only.")
    LETTERS = described("Letters", description="Letters (and spaces) only.")
    NUMBERS_AND_LETTERS = described(
        "Numbers and letters", description="Letters and digits (and spaces) only."
    )
    EMAIL_ADDRESS = described("Email address", description="An e-mail address.")
    URL = described("URL", description="A web address.")
    DATE = described("Date", description="A date, `YYYY-MM-DD`.")
    TIME = described("Time", description="A time, `HH:MM` or `HH:MM:SS`.")
    CUSTOM = described(
        "Custom", description="Matches the field's own regular expression (`validationRule`)."
    )


@strawberry.enum(description="Who sees a custom field.")
class CustomFieldVisibility(enum.Enum):
    """Who sees a custom field (Oempro `Visibility`)."""

    PUBLIC = described(
        "Public", description="Subscribers too (on forms and in the subscriber area)."
    )
    USER_ONLY = described("User Only", description="Only the list's owner.")
    HIDDEN = described("Hidden", description="Nobody on forms (Oempro 5.x).")


@strawberry.type(description="One choice of a multiple choice, drop down or checkbox field.")
class CustomFieldOption:
    """One choice of a custom field."""

    label: str = strawberry.field(description="What a form shows.")
    value: str = strawberry.field(description="What a subscriber's value holds when chosen.")
    selected: bool = strawberry.field(description="Chosen by default on forms.")


@strawberry.type(description="A custom field of a list (Oempro): what each subscriber may hold.")
class CustomField:
    """A custom field of a list."""

    legacy_id: str = strawberry.field(
        description="The field's own id (Oempro `CustomFieldID`); subscribers hold its value as "
        "`CustomField<id>`, which segment rules and `updateSubscriber` take too."
    )
    name: str = strawberry.field(description="The field's name, e.g. `First name`.")
    kind: CustomFieldKind | None = strawberry.field(
        description="What kind of value it holds; null for a kind this gateway does not know "
        "(see `legacyType`)."
    )
    legacy_type: str | None = strawberry.field(
        description="The platform's own name of the kind, e.g. `Drop down`."
    )
    default_value: str | None = strawberry.field(
        description="The value a new subscriber gets; null for none."
    )
    options: list[CustomFieldOption] = strawberry.field(
        description="The choices of a multiple choice, drop down or checkbox field, in order; "
        "empty for other kinds."
    )
    validation: CustomFieldValidation | None = strawberry.field(
        description="How given values are checked; null for a method this gateway does not know."
    )
    validation_rule: str | None = strawberry.field(
        description="The regular expression of a `CUSTOM` validation; null otherwise."
    )
    required: bool = strawberry.field(description="A subscription must give a value.")
    unique: bool = strawberry.field(description="No two subscribers of the list may share a value.")
    visibility: CustomFieldVisibility | None = strawberry.field(
        description="Who sees it; null for a setting this gateway does not know."
    )
    is_global: bool = strawberry.field(
        name="global", description="Valid for every list of its owner, not only this one."
    )
