"""What a value from a client must look like before any layer reads it as a legacy number or
sends it to a platform.

Every layer uses these rules (the graph to refuse an input by its field, the data facades to
refuse a key), so they import nothing of any layer.

- A legacy number (a list, campaign, segment, user... id) is written in ASCII digits and lies in
  ``1..MAX_LEGACY_ID``. Python's ``int()`` and ``str.isdigit()`` also accept other scripts'
  digits (``"٣"`` reads as 3, ``"²"`` passes ``isdigit`` and fails ``int``), and ``int()``
  refuses strings past 4,300 digits; :func:`legacy_number` accepts none of those.
- A string sent upstream must be encodable as UTF-8 (JSON lets a client send a lone UTF-16
  surrogate such as ``"\\ud800"``, which no encoder can send on) and within its kind's limit in
  :data:`TEXT_RULES`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = [
    "MAX_LEGACY_ID",
    "TEXT_RULES",
    "TextRule",
    "ascii_number",
    "legacy_number",
    "text_problem",
]

MAX_LEGACY_ID = 2**31 - 1
"""The largest legacy id: the platforms keep ids in signed 32-bit columns."""


class TextRule(NamedTuple):
    """How long a string of one kind may be, and in what unit."""

    limit: int
    unit: Literal["characters", "bytes"] = "characters"


TEXT_RULES: dict[str, TextRule] = {
    "id": TextRule(2048),
    "name": TextRule(255),
    "password": TextRule(255),
    "email": TextRule(254),
    "domain": TextRule(255),
    "time_zone": TextRule(64),
    "subject": TextRule(998),
    "url": TextRule(2048),
    "text": TextRule(10_000),
    "content": TextRule(1_000_000, "bytes"),
}
"""Every kind of string a client sends and its longest accepted value: global and plain ids;
names (accounts, lists, segments, campaigns, senders, custom fields); passwords; e-mail
addresses (RFC 5321's 254); sender domains; IANA time zone names; subjects (RFC 5322's line
of 998); page URLs; any other short text (custom field and rule values); and message bodies
(1 MB of UTF-8)."""


def ascii_number(text: str, *, max_value: int) -> int | None:
    """The number ``text`` writes in ASCII digits, if it is at most ``max_value``; else None.

    Nothing but ``0-9`` is accepted (no sign, space or other script's digits), and a string
    longer than ``max_value`` has digits is refused before any conversion.
    """
    if not text or len(text) > len(str(max_value)) or not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value <= max_value else None


def legacy_number(text: str) -> int | None:
    """The legacy id ``text`` names: ASCII digits within ``1..MAX_LEGACY_ID``; else None."""
    value = ascii_number(text, max_value=MAX_LEGACY_ID)
    return value if value is not None and value >= 1 else None


def text_problem(value: str, kind: str) -> str | None:
    """What is wrong with a string of ``kind`` (a key of :data:`TEXT_RULES`), or None.

    The answer completes a sentence about the value: "is longer than 64 characters".
    """
    rule = TEXT_RULES[kind]
    too_long = f"is longer than {rule.limit} {rule.unit}"
    if len(value) > rule.limit:
        return too_long
    try:
        encoded = value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text (it holds a lone UTF-16 surrogate)"
    if rule.unit == "bytes" and len(encoded) > rule.limit:
        return too_long
    return None
