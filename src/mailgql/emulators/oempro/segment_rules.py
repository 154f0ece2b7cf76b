"""Segment rule evaluation and the ``SubscriberSegment`` filters of ``Subscribers.Get``."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mailgql.emulators.oempro.records import Segment, SegmentRule, Subscriber

__all__ = [
    "PENDING_STATUSES",
    "RULE_OPERATORS",
    "STATUS_SEGMENTS",
    "is_active",
    "is_pending",
    "segment_members",
    "subscriber_matches",
]

PENDING_STATUSES = frozenset({"Opt-In Pending", "Confirmation Pending"})
"""Both spellings of the double opt-in pending state (4.x data holds the older one too)."""


def is_pending(sub: Subscriber) -> bool:
    """Waiting for a double opt-in confirmation."""
    return sub["SubscriptionStatus"] in PENDING_STATUSES


def is_active(sub: Subscriber) -> bool:
    """Subscribed and deliverable: what ``Active`` means and what campaigns reach."""
    return sub["SubscriptionStatus"] == "Subscribed" and sub["BounceType"] != "Hard"


STATUS_SEGMENTS: dict[str, Callable[[Subscriber, set[str]], bool]] = {
    "active": lambda s, _: is_active(s),
    "unsubscribed": lambda s, _: s["SubscriptionStatus"] == "Unsubscribed",
    "hard bounced": lambda s, _: s["BounceType"] == "Hard",
    "soft bounced": lambda s, _: s["BounceType"] == "Soft",
    "opt-in pending": lambda s, _: is_pending(s),
    "suppressed": lambda s, suppressed: s["EmailAddress"].lower() in suppressed,
}
"""The named ``SubscriberSegment`` values (matched case-insensitively); the second argument is
the owner's suppression list."""


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _greater(value: str, wanted: str) -> bool:
    a, b = _number(value), _number(wanted)
    return a > b if a is not None and b is not None else value > wanted


def _smaller(value: str, wanted: str) -> bool:
    a, b = _number(value), _number(wanted)
    return a < b if a is not None and b is not None else value < wanted


RULE_OPERATORS: dict[str, Callable[[str, str], bool]] = {
    "is": lambda v, w: v.lower() == w.lower(),
    "is not": lambda v, w: v.lower() != w.lower(),
    "contains": lambda v, w: w.lower() in v.lower(),
    "does not contain": lambda v, w: w.lower() not in v.lower(),
    "begins with": lambda v, w: v.lower().startswith(w.lower()),
    "ends with": lambda v, w: v.lower().endswith(w.lower()),
    "is set": lambda v, _: v != "",
    "is not set": lambda v, _: v == "",
    "is greater than": _greater,
    "is smaller than": _smaller,
    "is after": lambda v, w: v[: len(w)] > w,
    "is before": lambda v, w: v[: len(w)] < w,
}
"""Rule operators (case-insensitive); dates compare as ``YYYY-MM-DD`` text prefixes."""


def _rule_matches(rule: SegmentRule, sub: Subscriber) -> bool:
    test = RULE_OPERATORS.get(rule.operator.strip().lower())
    column = next((c for c in sub.cols if c.lower() == rule.field.strip().lower()), None)
    if test is None:
        return False
    return test(sub[column] if column else "", rule.filter)


def subscriber_matches(segment: Segment, sub: Subscriber) -> bool:
    """Whether a subscriber falls in a segment (no rules: the whole list)."""
    if not segment.rules:
        return True
    results = (_rule_matches(rule, sub) for rule in segment.rules)
    if segment["SegmentOperator"].lower() == "or":
        return any(results)
    return all(results)


def segment_members(segment: Segment, subscribers: Iterable[Subscriber]) -> list[Subscriber]:
    """The active subscribers a segment selects, as a campaign would reach them."""
    return [s for s in subscribers if is_active(s) and subscriber_matches(segment, s)]
