"""Tenants: several customers behind one gateway, each with its own platforms and credentials.

``MAILGQL_TENANTS_FILE`` names a TOML file with one table per tenant, holding the platform
settings of the main settings under the same names (without ``MAILGQL_``, in lower case)::

    [tenants.acme]
    maxmailer_url = "https://mail.acme.example/api.php"
    maxmailer_login_id = "…"
    maxmailer_list_keys = { newsletter = "…" }

A tenant's settings are the main settings with every platform setting replaced by the tenant's
(a platform the tenant does not name is not configured for it; the main platforms' credentials
never reach a tenant). A key naming a tenant (``mailgql keys new --tenant acme``) uses that
tenant's platforms, through clients of its own, so its own sessions, credential fingerprints
(cached reads never cross) and answer-cache scope.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from mailgql.auth.keys import ApiKey, check_label
from mailgql.settings import Settings, SettingsError, env_name

__all__ = ["PLATFORM_SETTINGS", "check_key_tenants", "load_tenants"]

PLATFORM_SETTINGS: tuple[str, ...] = tuple(
    name for name in Settings.model_fields if name.startswith(("v2rest_", "maxmailer_", "oempro_"))
)
"""The settings a tenant sets: where and as whom the gateway calls each platform."""

_SETTING = env_name("tenants_file")

_TenantPlatforms: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "TenantPlatforms",
    __config__=ConfigDict(extra="forbid", hide_input_in_errors=True, frozen=True),
    **{
        name: (Settings.model_fields[name].annotation, Settings.model_fields[name])
        for name in PLATFORM_SETTINGS
    },
)


def _problem(tenant: str, problem: str) -> SettingsError:
    return SettingsError(_SETTING, f"[tenants.{tenant}] {problem}")


def _tenant_settings(settings: Settings, tenant: str, table: object) -> Settings:
    if not isinstance(table, dict):
        raise _problem(tenant, "expected a table of platform settings")
    for name in table:
        if name not in PLATFORM_SETTINGS:
            close = difflib.get_close_matches(str(name), PLATFORM_SETTINGS, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise _problem(tenant, f"{name}: not a platform setting{hint}")
    try:
        platforms = _TenantPlatforms(**table)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise _problem(tenant, f"{field}: {first['msg']}") from None
    values = {name: getattr(platforms, name) for name in PLATFORM_SETTINGS}
    found = settings.model_copy(update=values)
    problems = found.problems()
    if problems:
        setting = problems[0].setting.removeprefix("MAILGQL_").lower()
        raise _problem(tenant, f"{setting}: {problems[0].problem}")
    if not found.configured():
        raise _problem(
            tenant, "configures no platform (set v2rest_url, maxmailer_url or oempro_url)"
        )
    return found


def load_tenants(settings: Settings) -> dict[str, Settings]:
    """Each tenant of ``MAILGQL_TENANTS_FILE`` and its settings (none without the file);
    SettingsError naming the tenant and the setting when one is unusable."""
    path = settings.tenants_file
    if path is None:
        return {}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(_SETTING, f"cannot read {path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(_SETTING, f"{path} is not valid TOML: {exc}") from None
    extra = sorted(set(document) - {"tenants"})
    if extra:
        raise SettingsError(_SETTING, f"{path}: unexpected {extra[0]!r}; expected [tenants.<name>]")
    tables = document.get("tenants", {})
    if not isinstance(tables, dict):
        raise SettingsError(_SETTING, f"{path}: expected [tenants.<name>] tables")
    tenants: dict[str, Settings] = {}
    for name, table in tables.items():
        try:
            check_label("tenant", name)
        except ValueError as exc:
            raise SettingsError(_SETTING, str(exc)) from None
        tenants[name] = _tenant_settings(settings, name, table)
    return tenants


def check_key_tenants(keys: Iterable[ApiKey], tenants: Mapping[str, Any]) -> None:
    """Every tenant a key names is defined; SettingsError naming the key and the tenant if not."""
    for key in keys:
        if key.tenant is not None and key.tenant not in tenants:
            where = (
                "MAILGQL_TENANTS_FILE defines no such tenant"
                if tenants
                else ("no tenants are defined (MAILGQL_TENANTS_FILE)")
            )
            raise SettingsError(
                env_name("api_keys"), f"key {key.key_id} names tenant {key.tenant!r}: {where}"
            )
