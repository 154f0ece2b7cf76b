"""A mutation, and the read that shows what it changes: the shape of every case of
``test_invalidation_per_mutation``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mailgql.emulators import Emulators
from mailgql.platforms import Platform

__all__ = ["Answer", "Case", "unchanged"]

Answer = dict[str, Any]
Given = Callable[[Emulators], dict[str, Any]]
"""Values picked from the freshly seeded emulators (ids, addresses)."""


def _nothing(emulators: Emulators) -> dict[str, Any]:
    return {}


def unchanged(shown: Any) -> Any:
    """The expectation of a write that changes nothing a read shows (a password)."""
    return shown


@dataclass(frozen=True, slots=True)
class Case:
    """One mutation on one platform, with the read that shows its effect.

    ``show`` picks from the read's data what a user looks at; after the mutation it must equal
    ``expect`` of what it showed before, and the read must fail with exactly ``errors`` (codes).
    ``upstream`` is every call that reaches the platform from the mutation on, per endpoint:
    the mutation's own (its write, and what it reads first that no read before needed), and
    each read the write made stale, read once more (by the mutation's payload or by the read
    after it).
    """

    platform: Platform
    mutation: str
    input: Given
    read: str
    show: Callable[[Answer], Any]
    expect: Callable[[Any], Any]
    upstream: Mapping[str, int]
    variables: Given = _nothing
    settings: Mapping[str, Any] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    tag: str = ""

    @property
    def name(self) -> str:
        """The case's test id: platform, mutation and what sets it apart."""
        return "-".join(filter(None, (self.platform.value.lower(), self.mutation, self.tag)))

    @property
    def document(self) -> str:
        """The mutation, its input as the one variable, asking only for its user errors."""
        type_name = self.mutation[0].upper() + self.mutation[1:]
        return (
            f"mutation($input: {type_name}Input!) "
            f"{{ {self.mutation}(input: $input) {{ userErrors {{ code message field }} }} }}"
        )
