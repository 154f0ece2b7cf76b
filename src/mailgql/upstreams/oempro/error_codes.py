"""Oempro error codes mapped onto the shared upstream errors, one table per command.

Per-command codes are small integers that mean different things in different commands (4 is
"invalid list" in one and "invalid email" in another), so every command has its own table.
The auth layer's codes (99998, 99999, 99997) and 5.9.3's hard failures (100000-100005) mean the
same everywhere. A code no table knows is an ``UpstreamRefused`` that keeps the code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mailgql.platforms import Platform
from mailgql.upstreams import errors
from mailgql.upstreams.errors import UpstreamError
from mailgql.upstreams.oempro.admin_error_codes import ADMIN_AREA_ERRORS
from mailgql.upstreams.oempro.error_rules import AUTH, DENY, NO, Rule, rules
from mailgql.upstreams.oempro.user_error_codes import USER_SIDE_ERRORS

__all__ = [
    "COMMAND_ERRORS",
    "NO_PRIVILEGES",
    "SESSION_EXPIRED",
    "UNKNOWN_COMMAND",
    "LegacyError",
    "Rule",
    "error_for",
]

_PLATFORM = Platform.OEMPRO

SESSION_EXPIRED = 99998
"""Authentication failure or session expired (also: an invalid API key)."""
NO_PRIVILEGES = 99999
"""Not enough privileges: wrong scope, or the user group lacks the permission."""
UNKNOWN_COMMAND = 100003
"""5.9.3+: no such command (older servers print a PHP fatal error page instead)."""


@dataclass(frozen=True, slots=True)
class LegacyError:
    """One (code, text) pair of an error envelope; 5.x may put a word where a number goes."""

    code: int | str
    text: str | None


COMMAND_ERRORS: Mapping[str, Mapping[int, Rule]] = {
    command: rules(table) for command, table in {**ADMIN_AREA_ERRORS, **USER_SIDE_ERRORS}.items()
}
"""Every command the adapter sends, with its documented codes (contract §2-§15)."""

# Meaning shared by every command. 100000-100003 say the request could not be handled as a
# command at all (bad body, unknown command, missing handler): an answer we cannot use.
# 100004-100005 are failures inside the server.
_SHARED: Mapping[int, Rule] = {
    SESSION_EXPIRED: (AUTH, None),
    NO_PRIVILEGES: (DENY, None),
    99997: (NO, None),
    100000: (errors.UpstreamBadResponse, None),
    100001: (errors.UpstreamBadResponse, None),
    100002: (errors.UpstreamBadResponse, None),
    UNKNOWN_COMMAND: (errors.UpstreamBadResponse, None),
    100004: (NO, None),
    100005: (NO, None),
}

_CREDENTIAL_HINT = (
    "check MAILGQL_OEMPRO_USERNAME and MAILGQL_OEMPRO_PASSWORD (or MAILGQL_OEMPRO_API_KEY)"
)


def _rule(command: str, code: int | str) -> Rule:
    if isinstance(code, str):
        return (NO, None)
    shared = _SHARED.get(code)
    if shared is not None:
        return shared
    return COMMAND_ERRORS.get(command, {}).get(code, (NO, None))


def _summary(command: str, found: Sequence[LegacyError], cls: type[UpstreamError]) -> str:
    first = found[0]
    if first.code == SESSION_EXPIRED:
        return f"Oempro rejected the gateway's session or API key on {command}; {_CREDENTIAL_HINT}"
    if first.code == NO_PRIVILEGES:
        return f"Oempro: the gateway's login may not call {command} (not enough privileges)"
    if command.endswith(".Login") and cls is AUTH:
        reason = "the CAPTCHA check" if first.code in (4, 5) else "the credentials"
        return f"Oempro refused {command} because of {reason}; {_CREDENTIAL_HINT}"
    codes = ", ".join(str(e.code) for e in found)
    texts = "; ".join(e.text for e in found if e.text)
    label = "code" if len(found) == 1 else "codes"
    return f"Oempro refused {command} ({label} {codes})" + (f": {texts}" if texts else "")


def error_for(
    command: str,
    errors: Sequence[LegacyError],
    *,
    http_status: int | None = None,
    field: str | None = None,
) -> UpstreamError:
    """The upstream error for an error envelope; the first code decides the class.

    ``field`` overrides the table's parameter (a custom field named by the answer itself).
    """
    if not errors:
        return NO(
            f"Oempro refused {command} without an error code",
            platform=_PLATFORM,
            operation=command,
            http_status=http_status,
        )
    cls, table_field = _rule(command, errors[0].code)
    texts = [e.text for e in errors if e.text]
    return cls(
        _summary(command, errors, cls),
        platform=_PLATFORM,
        operation=command,
        legacy_code=errors[0].code,
        legacy_message="; ".join(texts) or None,
        http_status=http_status,
        field=field or table_field,
    )
