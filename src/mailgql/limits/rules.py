"""The limits one operation must keep, and the errors that refuse it when it does not."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from graphql import GraphQLError

from mailgql.limits.cost import Measures

if TYPE_CHECKING:
    from mailgql.settings import Settings

__all__ = ["INTROSPECTION_DISABLED", "QUERY_TOO_COMPLEX", "Limits", "refusals"]

QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
"""``extensions.code`` of an operation over a limit; ``measure`` says which, with ``limit`` and
``actual``."""
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
"""``extensions.code`` of an operation selecting ``__schema`` or ``__type`` while introspection
is off."""


@dataclass(frozen=True, slots=True)
class Limits:
    """What one operation may ask for (the settings of the same names decide)."""

    max_depth: int
    max_aliases: int
    max_root_fields: int
    max_cost: int
    max_page_size: int
    introspection: bool

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        """The limits ``settings`` set."""
        return cls(**{field.name: getattr(settings, field.name) for field in fields(cls)})


# (measure, its name in extensions.measure, the limit's attribute, its setting, how to say it)
_CHECKS = (
    ("depth", "depth", "max_depth", "MAILGQL_MAX_DEPTH", "the operation is {actual} fields deep"),
    (
        "aliases",
        "aliases",
        "max_aliases",
        "MAILGQL_MAX_ALIASES",
        "the operation has {actual} aliases",
    ),
    (
        "root_fields",
        "rootFields",
        "max_root_fields",
        "MAILGQL_MAX_ROOT_FIELDS",
        "the operation selects {actual} root fields",
    ),
    ("cost", "cost", "max_cost", "MAILGQL_MAX_COST", "the operation's cost is {actual}"),
)


def refusals(measures: Measures, limits: Limits) -> list[GraphQLError]:
    """One error per limit the operation breaks (none: it may run)."""
    errors: list[GraphQLError] = []
    if measures.introspection and not limits.introspection:
        fields = " and ".join(measures.introspection)
        errors.append(
            GraphQLError(
                f"introspection is off on this gateway: {fields} may not be queried "
                "(MAILGQL_INTROSPECTION=true turns it on)",
                extensions={"code": INTROSPECTION_DISABLED},
            )
        )
    for attribute, measure, limit_name, setting, wording in _CHECKS:
        actual: int = getattr(measures, attribute)
        limit: int = getattr(limits, limit_name)
        if actual > limit:
            errors.append(
                GraphQLError(
                    f"{wording.format(actual=actual)}, over the limit of {limit} ({setting})",
                    extensions={
                        "code": QUERY_TOO_COMPLEX,
                        "measure": measure,
                        "limit": limit,
                        "actual": actual,
                    },
                )
            )
    return errors
