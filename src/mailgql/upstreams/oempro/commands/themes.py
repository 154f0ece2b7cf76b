"""Commands of the interface themes: list, read, create, update, delete."""

from __future__ import annotations

from collections.abc import Sequence

from mailgql.upstreams.oempro.admin_records import Theme, ThemeValues
from mailgql.upstreams.oempro.commands import value_forms
from mailgql.upstreams.oempro.commands._base import Command, created, listing, record, write
from mailgql.upstreams.oempro.commands._form import ids, ordered
from mailgql.upstreams.oempro.records import Page
from mailgql.upstreams.oempro.wire.accounts import parse_theme

__all__ = ["create_theme", "delete_themes", "get_theme", "get_themes", "update_theme"]


def get_themes() -> Command[Page[Theme]]:
    """``Themes.Get``: every interface theme (unpaged)."""
    return listing("Themes.Get", ordered("ThemeID", "ASC"), "Themes", parse_theme, totals=())


def get_theme(theme_id: int) -> Command[Theme]:
    """``Theme.Get``: one theme."""
    return record("Theme.Get", [("ThemeID", str(theme_id))], "Theme", parse_theme)


def create_theme(values: ThemeValues) -> Command[int]:
    """``Theme.Create``: a theme of an installed template; its id."""
    return created("Theme.Create", value_forms.theme_form(values), "ThemeID")


def update_theme(theme_id: int, values: ThemeValues) -> Command[None]:
    """``Theme.Update``: the given values only."""
    return write("Theme.Update", [("ThemeID", str(theme_id)), *value_forms.theme_form(values)])


def delete_themes(theme_ids: Sequence[int]) -> Command[None]:
    """``Theme.Delete`` (singular name, comma list ``Themes``)."""
    return write("Theme.Delete", [("Themes", ids(theme_ids))])
