"""Coercions for loosely typed legacy values ("12" or 12, "1" or true, Unix seconds as text).

Each raises ValueError on a value it cannot read; the adapters turn that into
``UpstreamBadResponse`` for the operation at hand (``_wire.read_record``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

__all__ = ["opt_int", "opt_str", "req_int", "req_str", "to_bool", "unix_time"]


def req_int(value: Any) -> int:
    """An integer from a JSON number or a decimal string."""
    if isinstance(value, bool):
        raise ValueError(f"expected an integer, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValueError(f"expected an integer, got {value!r}")


def opt_int(value: Any) -> int | None:
    """An integer, or None for a missing or empty value."""
    if value is None or value == "":
        return None
    return req_int(value)


def req_str(value: Any) -> str:
    """A non-empty string (numbers are accepted and printed)."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"expected a string, got {value!r}")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and value != "":
        return value
    raise ValueError(f"expected a non-empty string, got {value!r}")


def opt_str(value: Any) -> str | None:
    """A string, or None for a missing or empty value."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value if value.strip() else None


_TRUE = {"1", "true", "yes", "y", "on", "enabled", "active"}
_FALSE = {"0", "false", "no", "n", "off", "disabled", "inactive", ""}


def to_bool(value: Any) -> bool:
    """A boolean from true/false, 1/0, "1"/"0", "Yes"/"No", "Enabled"/"Disabled"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    raise ValueError(f"expected a flag, got {value!r}")


def unix_time(value: Any) -> datetime | None:
    """A UTC datetime from Unix seconds (number or string); 0 or empty means never."""
    if value is None or value == "":
        return None
    seconds = req_int(value)
    if seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError) as exc:
        # Past the platform's time_t these are not ValueError, and must not escape as a crash.
        raise ValueError(f"Unix time out of range: {value!r}") from exc
