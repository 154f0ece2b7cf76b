"""The preset custom fields ``CustomField.Create`` offers by ``PresetName`` (contract §10).

Each preset is a field name, a field type and its options; the web UI's preset names and
option lists, spelled with the spaces the contract reads them with.
"""

from __future__ import annotations

__all__ = ["PRESETS", "Preset"]

Preset = tuple[str, str, tuple[str, ...]]
"""``(FieldName, FieldType, option labels)``; each option's value is its label."""

_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
)  # fmt: skip

PRESETS: dict[str, Preset] = {
    "gender": ("Gender", "Multiple choice", ("Male", "Female")),
    "age": (
        "Age",
        "Drop down",
        ("Under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65 or over"),
    ),
    "employment": (
        "Employment",
        "Drop down",
        (
            "Employed full-time",
            "Employed part-time",
            "Self-employed",
            "Unemployed",
            "Student",
            "Retired",
        ),
    ),  # fmt: skip
    "income": (
        "Income",
        "Drop down",
        ("Under $25,000", "$25,000-$49,999", "$50,000-$99,999", "$100,000 or more"),
    ),
    "education": (
        "Education",
        "Drop down",
        ("High school", "College", "Bachelor's degree", "Master's degree", "Doctorate"),
    ),
    "days of the week": (
        "Days of the week",
        "Checkboxes",
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ),
    "months of the year": (
        "Months of the year",
        "Drop down",
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
    ),  # fmt: skip
    "u.s. states": ("U.S. states", "Drop down", _STATES),
    "continents": (
        "Continents",
        "Drop down",
        ("Africa", "Antarctica", "Asia", "Australia", "Europe", "North America", "South America"),
    ),
    "satisfaction": (
        "Satisfaction",
        "Multiple choice",
        ("Very satisfied", "Satisfied", "Neutral", "Unsatisfied", "Very unsatisfied"),
    ),
    "importance": (
        "Importance",
        "Multiple choice",
        ("Very important", "Important", "Neutral", "Not important", "Not at all important"),
    ),
    "agreement": (
        "Agreement",
        "Multiple choice",
        ("Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"),
    ),
    "comparison": (
        "Comparison",
        "Multiple choice",
        ("Much better", "Somewhat better", "About the same", "Somewhat worse", "Much worse"),
    ),
}
"""Presets by lower-cased ``PresetName``."""
