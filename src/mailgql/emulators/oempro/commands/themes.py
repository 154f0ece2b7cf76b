"""User interface themes (contract §18) — admin scope.

A theme is an installed template (``TEMPLATES``) with a name, a product name, logo columns and
free-form settings; user groups point at one (``RelThemeID``).
"""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import (
    ADMIN,
    Call,
    CommandTable,
    delete_keeping_one,
    found,
    order_rows,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records.admin_area import Theme

__all__ = ["COMMANDS", "TEMPLATES"]

COMMANDS = CommandTable(error_text="string")

TEMPLATES = ("oempro", "octeth", "clean")
"""The interface templates installed on the emulated server."""

_TEXT = ("ThemeName", "ProductName", "ThemeSettings")


def _template(value: str) -> str | None:
    return next((t for t in TEMPLATES if t == value.strip().lower()), None)


@COMMANDS.register("Themes.Get", ADMIN, error_text="array")
def themes_get(call: Call) -> Outcome:
    """``Themes.Get``: every theme, in id order (unpaged)."""
    rows = order_rows(list(call.state.themes.values()), call.params, default="ThemeID")
    return ok(Themes=[theme.row() for theme in rows])


@COMMANDS.register("Theme.Get", ADMIN)
@requires(("ThemeID", 1, "Theme id is missing"))
def theme_get(call: Call) -> Outcome:
    """``Theme.Get``: one theme; 2 when there is no such theme."""
    theme = call.row(call.state.themes, "ThemeID", (2, "Theme not found"))
    return ok(Theme=theme.row())


@COMMANDS.register("Theme.Create", ADMIN)
@requires(("Template", 1, "Template is missing"), ("ThemeName", 2, "Theme name is missing"))
def theme_create(call: Call) -> Outcome:
    """``Theme.Create``: 3 when the template is not installed; the new id."""
    p = call.params
    template = found(_template(p.filled("Template") or ""), (3, "Invalid template"))
    theme_id = call.state.next_id("theme")
    theme = Theme(ThemeID=str(theme_id), Template=template, LogoType="", LogoSize="0")
    for column in _TEXT:
        theme[column] = (p.text(column) or "").strip()
    call.state.themes[theme_id] = theme
    return ok(ThemeID=theme_id)


@COMMANDS.register("Theme.Update", ADMIN)
@requires(("ThemeID", 4, "Theme id is missing"))
def theme_update(call: Call) -> Outcome:
    """``Theme.Update``: the given columns; 3 an unknown template, 5 no such theme."""
    p = call.params
    theme = call.row(call.state.themes, "ThemeID", (5, "Theme not found"))
    template = p.filled("Template")
    if template is not None and _template(template) is None:
        return fail((3, "Invalid template"))
    if p.present("ThemeName") and p.filled("ThemeName") is None:
        return fail((2, "Theme name is missing"))
    if template is not None:
        theme["Template"] = _template(template) or ""
    for column in _TEXT:
        if p.present(column):
            theme[column] = (p.text(column) or "").strip()
    return ok()


@COMMANDS.register("Theme.Delete", ADMIN)
def theme_delete(call: Call) -> Outcome:
    """``Theme.Delete``: a comma list ``Themes``; 2 when it would leave no theme."""
    return delete_keeping_one(
        call,
        "Themes",
        call.state.themes,
        "Theme ids are missing",
        (2, "The last theme cannot be deleted"),
    )
