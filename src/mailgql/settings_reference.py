"""The settings reference (``docs/settings.md``), written from the settings model itself.

Every setting of :class:`~mailgql.settings.Settings` appears once, under the section that
:data:`SECTIONS` places it in (a setting no section names lands under "Other settings", so a new
setting is never missing from the page), with its environment variable, its TOML key, what it
accepts, its default and its description. ``mailgql settings export`` writes the page and
``mailgql settings check`` fails when the committed page differs from the code.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal, NamedTuple

import annotated_types
from pydantic import AnyHttpUrl, SecretStr
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from mailgql.settings import Settings, env_name

__all__ = ["SECTIONS", "Section", "render_reference"]


class Section(NamedTuple):
    """A heading of the reference and the settings (by field name) it holds, in order."""

    title: str
    intro: str
    fields: tuple[str, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "v2 REST",
        "A platform with no URL is not configured; a URL without its credentials is a start-up "
        "error naming the missing setting.",
        ("v2rest_url", "v2rest_username", "v2rest_token"),
    ),
    Section(
        "Maxmailer",
        "The RPC API needs the Login ID; the subscription API alone needs only list keys.",
        ("maxmailer_url", "maxmailer_login_id", "maxmailer_list_keys"),
    ),
    Section(
        "Oempro",
        "A user name and password, or an API key.",
        (
            "oempro_url",
            "oempro_username",
            "oempro_password",
            "oempro_api_key",
            "oempro_login_as",
            "oempro_response_format",
            "oempro_ip_address",
            "oempro_name_field",
            "oempro_server_timezone",
        ),
    ),
    Section(
        "Calls to the platforms",
        "How every upstream call is sent. Writes are never retried.",
        (
            "upstream_timeout",
            "upstream_connect_timeout",
            "upstream_concurrency",
            "upstream_max_connections",
            "upstream_transport",
            "read_retries",
            "retry_backoff",
        ),
    ),
    Section(
        "Deadlines, breakers and budgets",
        "What one operation may spend upstream, and when a failing platform is left alone.",
        (
            "request_deadline",
            "max_upstream_calls",
            "breaker_failures",
            "breaker_cooldown",
            "debug_errors",
        ),
    ),
    Section(
        "Caches",
        "Upstream reads and whole answers, kept in memory or in Redis (shared by every worker "
        "and host that names the same server).",
        (
            "cache_ttl",
            "cache_kind_ttl",
            "cache_max_entries",
            "cache_responses",
            "cache_answer_max_bytes",
            "cache_memory_max_bytes",
            "coalesce",
            "redis_url",
        ),
    ),
    Section(
        "Keys, roles, tenants and rate limits",
        "`mailgql serve` refuses to start without keys unless `--insecure-no-auth` is given.",
        ("api_keys", "tenants_file", "rate_limit", "rate_burst"),
    ),
    Section(
        "Writes that land once",
        "Mutations sent with an `Idempotency-Key` header.",
        ("idempotency_ttl", "idempotency_wait"),
    ),
    Section(
        "What one request may cost",
        "Checked before any upstream call; a refused request says which limit and by how much.",
        (
            "max_depth",
            "max_aliases",
            "max_root_fields",
            "max_cost",
            "max_page_size",
            "max_offset",
            "max_body_bytes",
            "max_response_bytes",
            "introspection",
            "cors_origins",
        ),
    ),
    Section(
        "Live campaign progress",
        "The `campaignProgress` subscription: one poller per watched campaign and tenant.",
        ("progress_interval", "progress_max_campaigns", "progress_max_watches"),
    ),
    Section(
        "Telemetry",
        "Prometheus metrics on /metrics, OpenTelemetry traces, logs with request ids "
        "(README: Telemetry).",
        (
            "metrics",
            "metrics_token",
            "otlp_endpoint",
            "service_name",
            "log_format",
            "request_id_header",
        ),
    ),
    Section(
        "The server",
        "What the HTTP endpoint serves besides /graphql, and what it writes to its log.",
        ("graphiql", "log_level"),
    ),
    Section(
        "Federation",
        "The graph as an Apollo Federation 2 subgraph of a supergraph (README: Federation).",
        ("federation",),
    ),
)
"""The reference's sections, in the order the page shows them."""

_HEADER = """\
# Settings reference

<!-- Written by `mailgql settings export` from src/mailgql/settings.py; a test fails when it
differs. Do not edit by hand. -->

Every setting is an environment variable `MAILGQL_<NAME>`, or the key `<name>` (lower case, no
prefix) in the TOML file given to `mailgql serve --config FILE`; the environment wins over the
file. A `MAILGQL_*` variable that names no setting is refused at start-up, with the closest name.
Every setting has a safe default: `mailgql demo` needs none of them.
"""


def render_reference(settings_cls: type[Settings] = Settings) -> str:
    """The whole reference page, Markdown, ending with one newline."""
    fields = settings_cls.model_fields
    placed = [name for section in SECTIONS for name in section.fields]
    unknown = sorted(set(placed) - set(fields))
    if unknown:
        raise ValueError(f"the reference names settings that do not exist: {unknown}")
    rest = tuple(name for name in fields if name not in placed)
    sections = list(SECTIONS)
    if rest:
        sections.append(Section("Other settings", "", rest))
    parts = [_HEADER]
    for section in sections:
        parts.append(f"\n## {section.title}\n")
        if section.intro:
            parts.append(f"\n{section.intro}\n")
        parts.append("\n| Variable | Accepts | Default | What it does |\n|---|---|---|---|\n")
        for name in section.fields:
            parts.append(_row(name, fields[name]))
    return "".join(parts)


def _row(name: str, field: FieldInfo) -> str:
    cells = (
        f"`{env_name(name)}`",
        _accepts(field),
        _default(field),
        " ".join((field.description or "").split()).replace("|", "\\|").replace("<", "\\<"),
    )
    return "| " + " | ".join(cells) + " |\n"


def _bare(annotation: Any) -> Any:
    """The annotation without ``None`` (an optional setting) and without ``Annotated``."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kept = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(kept) == 1:
            return _bare(kept[0])
    return annotation


def _accepts(field: FieldInfo) -> str:
    kind = _bare(field.annotation)
    origin = typing.get_origin(kind)
    if origin is Literal:
        return " \\| ".join(f"`{value}`" for value in typing.get_args(kind))
    if kind is bool:
        return "`true` \\| `false`"
    if kind is SecretStr:
        return "secret text"
    if kind is AnyHttpUrl:
        return "URL"
    if kind is Path:
        return "file path"
    if origin is dict:
        return "JSON object"
    if origin is tuple:
        return "comma-separated list"
    if kind in (int, float):
        noun = "whole number" if kind is int else "number"
        return noun + _bounds(field)
    return "text"


def _bounds(field: FieldInfo) -> str:
    low = high = ""
    for rule in field.metadata:
        if isinstance(rule, annotated_types.Ge):
            low = f"≥ {_number(rule.ge)}"
        elif isinstance(rule, annotated_types.Gt):
            low = f"> {_number(rule.gt)}"
        elif isinstance(rule, annotated_types.Le):
            high = f"≤ {_number(rule.le)}"
        elif isinstance(rule, annotated_types.Lt):
            high = f"< {_number(rule.lt)}"
    shown = ", ".join(bound for bound in (low, high) if bound)
    return f" ({shown})" if shown else ""


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _default(field: FieldInfo) -> str:
    if field.default_factory is not None:
        return "(empty)"
    value = field.default
    if value is PydanticUndefined or value is None:
        return "(unset)"
    if value == () or value == {}:
        return "(empty)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, int | float):
        return f"`{_number(value)}`"
    return f"`{value}`"
