"""What a document asks below the current field, fragments included: for choosing upstream calls.

A platform whose cheap call lacks some fields (Maxmailer's ListUsers has no usage) looks here to
decide whether the dearer call is needed. Type conditions are not told apart: a field asked in
any fragment counts, which can only cost a call, never lose data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from mailgql.graph.context import Info

__all__ = ["fields_at"]


def _fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, InlineFragment | FragmentSpread):
            yield from _fields(selection.selections)


def fields_at(info: Info, path: Sequence[str] = ()) -> set[str]:
    """Names of the fields asked at ``path`` below the current field (``()``: right below it)."""
    level = list(_fields(s for field in info.selected_fields for s in field.selections))
    for name in path:
        level = [
            child for field in level if field.name == name for child in _fields(field.selections)
        ]
    return {field.name for field in level}
