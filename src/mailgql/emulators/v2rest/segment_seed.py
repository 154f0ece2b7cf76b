"""Seeded segments of the v2 REST emulator: named rule trees first, generated ones after.

The first five segments are written out so a reader sees varied, sensible trees (a single rule,
nested groups, "or" connectors, two blocks joined by an operator, several operators); values and
searched lists come from the seeded random source. Further segments ("large") are generated.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from mailgql.emulators.v2rest.records import (
    CONNECTORS,
    Connector,
    Rule,
    RuleGroup,
    Segment,
    SegmentBlock,
)

__all__ = ["FIRST_SEGMENTID", "build_segments"]

FIRST_SEGMENTID = 31

# Fixed clock, as in the rest of the seed: segments date from 2020-2023.
_EPOCH = 1_577_836_800
_SPAN = 4 * 365 * 86_400

_Blocks = list[tuple[RuleGroup, ...]]
_Template = tuple[str, Callable[[random.Random], tuple[_Blocks, tuple[Connector, ...] | None]]]


def _r(name: str, operator: str, *values: str, c: Connector = "and") -> Rule:
    return Rule(name, operator, values, c)


def _g(*items: Rule | RuleGroup, c: Connector = "and") -> RuleGroup:
    return RuleGroup(items, c)


def _date(rng: random.Random) -> str:
    return f"{rng.randrange(2021, 2025)}-{rng.randrange(1, 13):02d}-01"


def _engaged(rng: random.Random) -> tuple[_Blocks, None]:
    opened = str(rng.randrange(501, 504))
    return [(_g(_r("country", "equalto", "DK"), _r("opened_newsletter", "equalto", opened)),)], None


def _webinar_leads(rng: random.Random) -> tuple[_Blocks, None]:
    countries = _g(_r("country", "equalto", "SE"), _r("country", "equalto", "NO", c="or"))
    return [(_g(_r("customfield_source", "like", "webinar"), countries),)], None


def _inactive(rng: random.Random) -> tuple[_Blocks, None]:
    not_opened = _g(
        _r("opened_newsletter", "notequalto", str(rng.randrange(501, 504))),
        _r("email", "notlike", "@example.org", c="or"),
        c="or",
    )
    tree = _g(
        _r("subscribedate", "lessthan", _date(rng)),
        _r("clicked_link", "isempty", c=rng.choice(CONNECTORS)),
        not_opened,
    )
    return [(tree,)], None


def _two_cities(rng: random.Random) -> tuple[_Blocks, tuple[Connector, ...]]:
    aarhus = _g(_r("customfield_city", "equalto", "Aarhus"))
    malmo = _g(_r("customfield_city", "equalto", "Malmö"), _r("country", "equalto", "SE"))
    return [(aarhus,), (malmo,)], ("or",)


def _high_value(rng: random.Random) -> tuple[_Blocks, None]:
    since, until = sorted({_date(rng), "2025-01-01"})
    deepest = _g(_r("subscribedate", "between", since, until), _r("firstname", "isempty", c="or"))
    loyal = _g(_r("customfield_vip", "equalto", "yes", "gold"), deepest, c="or")
    spend = _g(
        _r("customfield_total_spent", "greaterthan", str(rng.randrange(20, 80) * 100)), loyal
    )
    company = _g(_r("email", "like", "@example.com"), c="or")
    return [(spend, company)], None


_TEMPLATES: list[_Template] = [
    ("Engaged Danish subscribers", _engaged),
    ("Webinar leads in Sweden or Norway", _webinar_leads),
    ("Inactive for 90 days", _inactive),
    ("Customers in Aarhus or Malmö", _two_cities),
    ("High-value customers", _high_value),
]

_GENERATED_RULES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    # name, operators, value pool
    ("email", ("like", "notlike"), ("@example.com", "@example.org", "info@")),
    ("country", ("equalto", "notequalto"), ("DK", "SE", "NO", "DE", "FI")),
    ("firstname", ("equalto", "like", "isempty"), ("Anna", "Lars", "Maja", "So")),
    ("subscribedate", ("greaterthan", "lessthan", "between"), ("2023-01-01", "2024-03-31")),
    ("opened_newsletter", ("equalto", "notequalto"), ("501", "502", "503")),
    ("customfield_city", ("equalto", "like"), ("Aarhus", "Malmö", "Oslo", "Copenhagen")),
]


def _generated_rule(rng: random.Random, *, first: bool) -> Rule:
    name, operators, pool = rng.choice(_GENERATED_RULES)
    operator = rng.choice(operators)
    if operator == "isempty":
        values: tuple[str, ...] = ()
    elif operator == "between":
        values = tuple(sorted(rng.sample(pool, 2)))
    elif operator in ("greaterthan", "lessthan"):
        values = (rng.choice(pool),)
    else:
        values = tuple(rng.sample(pool, rng.choice([1, 1, 2])))
    # The first item of a group has nothing before it to join; the vendor still writes "and".
    return Rule(name, operator, values, "and" if first else rng.choice(CONNECTORS))


def _generated(rng: random.Random) -> tuple[_Blocks, tuple[Connector, ...] | None]:
    items: list[Rule | RuleGroup] = [_generated_rule(rng, first=n == 0) for n in range(2)]
    if rng.random() < 0.5:
        nested = [_generated_rule(rng, first=n == 0) for n in range(2)]
        items.append(RuleGroup(tuple(nested), rng.choice(CONNECTORS)))
    blocks: _Blocks = [(RuleGroup(tuple(items)),)]
    if rng.random() < 0.3:
        blocks.append((RuleGroup((_generated_rule(rng, first=True),)),))
        return blocks, (rng.choice(CONNECTORS),)
    return blocks, None


def build_segments(rng: random.Random, count: int, listids: list[int]) -> dict[int, Segment]:
    """``count`` segments of the admin over its lists ``listids``, ids from 31 up."""
    out: dict[int, Segment] = {}
    for n in range(count):
        segmentid = FIRST_SEGMENTID + n
        if n < len(_TEMPLATES):
            name, template = _TEMPLATES[n]
            trees, operators = template(rng)
        else:
            name = f"{_TEMPLATES[n % len(_TEMPLATES)][0]} #{n + 1}"
            trees, operators = _generated(rng)
        blocks = tuple(
            SegmentBlock(tuple(sorted(rng.sample(listids, rng.randrange(1, 3)))), groups)
            for groups in trees
        )
        created = _EPOCH + rng.randrange(_SPAN)
        out[segmentid] = Segment(
            segmentid=segmentid,
            name=name,
            createdate=created,
            updatedate=created + rng.choice([0, rng.randrange(3600, 90 * 86_400)]),
            blocks=blocks,
            operators=operators,
            otmrule=rng.choice([0, 0, 1]),
            wtrrule=rng.choice([0, 0, 1]),
        )
    return out
