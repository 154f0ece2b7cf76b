"""docs/settings.md is written from the settings model and committed; it must not drift, and it
must tell every setting."""

from __future__ import annotations

from pathlib import Path

from mailgql.cli import main
from mailgql.settings import Settings, env_name
from mailgql.settings_reference import SECTIONS, render_reference

ROOT = Path(__file__).resolve().parents[1]


def test_committed_reference_matches_the_code() -> None:
    assert main(["settings", "check", "--path", str(ROOT / "docs" / "settings.md")]) == 0


def test_every_setting_has_a_description() -> None:
    assert [name for name, field in Settings.model_fields.items() if not field.description] == []


def test_every_setting_sits_in_one_named_section() -> None:
    placed = [name for section in SECTIONS for name in section.fields]
    assert len(placed) == len(set(placed)), "a setting is placed twice"
    missing = sorted(set(Settings.model_fields) - set(placed))
    assert missing == [], f"place these in settings_reference.SECTIONS: {missing}"


def test_the_page_has_one_row_per_setting_with_its_default() -> None:
    page = render_reference()
    for name in Settings.model_fields:
        assert page.count(f"| `{env_name(name)}` |") == 1, name
    assert "| `MAILGQL_REQUEST_DEADLINE` | number (> 0, ≤ 600) | `15` |" in page
    assert "| `MAILGQL_OEMPRO_LOGIN_AS` | `user` \\| `admin` \\| `client` | `user` |" in page


def test_check_fails_on_a_stale_page(tmp_path: Path) -> None:
    stale = tmp_path / "settings.md"
    stale.write_text(render_reference().replace("`15`", "`16`"), encoding="utf-8")
    assert main(["settings", "check", "--path", str(stale)]) == 1
    assert main(["settings", "export", "--path", str(stale)]) == 0
    assert main(["settings", "check", "--path", str(stale)]) == 0
