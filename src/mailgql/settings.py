"""Gateway settings: environment variables ``MAILGQL_*`` and an optional TOML file.

Every setting has a safe default. A platform with no URL is simply not configured. A platform
with a URL but without its credentials is a start-up error that names the missing setting.
In the TOML file, keys are the setting names without the ``MAILGQL_`` prefix, in lower case
(``v2rest_url = "https://..."``); environment variables win over the file.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from mailgql.auth.keys import ApiKey, parse_entries
from mailgql.platforms import Platform

__all__ = [
    "ENV_PREFIX",
    "HttpConfig",
    "Transport",
    "MaxmailerConfig",
    "OemproConfig",
    "Settings",
    "SettingsError",
    "V2RestConfig",
    "env_name",
    "load_settings",
]

ENV_PREFIX = "MAILGQL_"

_ORIGIN = re.compile(r"https?://[^/\s?#]+")
"""A browser origin: scheme, host and optional port, no path."""

Transport = Literal["httpx", "aiohttp"]
"""What sends the upstream calls under httpx's API: its own pool, or aiohttp's (httpx-aiohttp)."""


def env_name(field: str) -> str:
    """The environment variable that sets ``field``."""
    return ENV_PREFIX + field.upper()


class SettingsError(ValueError):
    """A setting is missing or invalid; ``setting`` names the environment variable."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"invalid setting {setting}: {problem}")
        self.setting = setting
        self.problem = problem


@dataclass(frozen=True, slots=True)
class HttpConfig:
    """How the gateway talks HTTP to every legacy platform."""

    timeout: float
    connect_timeout: float
    concurrency: int
    max_connections: int
    read_retries: int
    retry_backoff: float
    transport: Transport = "aiohttp"
    breaker_failures: int = 5
    """Consecutive failures that open a platform's circuit; 0: never opens."""
    breaker_cooldown: float = 30.0
    """Seconds an open circuit refuses calls before one probe call may go."""
    clock: Callable[[], float] = time.monotonic
    """The clock of the circuit breakers (a test injects its own)."""


@dataclass(frozen=True, slots=True)
class V2RestConfig:
    """Where and as whom the gateway calls the v2 REST API."""

    url: str
    username: str
    token: SecretStr


@dataclass(frozen=True, slots=True)
class MaxmailerConfig:
    """Where and as whom the gateway calls Maxmailer."""

    url: str
    login_id: SecretStr | None
    list_keys: dict[str, SecretStr]


@dataclass(frozen=True, slots=True)
class OemproConfig:
    """Where and as whom the gateway calls Oempro."""

    url: str
    username: str | None
    password: SecretStr | None
    api_key: SecretStr | None
    login_as: Literal["user", "admin", "client"]
    response_format: Literal["JSON", "XML"]
    ip_address: str
    name_field: str | None


class Settings(BaseSettings):
    """Every gateway setting, read from ``MAILGQL_*`` variables (and a TOML file, if given)."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="forbid",
        frozen=True,
        hide_input_in_errors=True,
    )

    # v2 REST
    v2rest_url: AnyHttpUrl | None = Field(None, description="v2 REST base URL, e.g. .../v2.0")
    v2rest_username: str | None = Field(None, description="v2 admin API user name")
    v2rest_token: SecretStr | None = Field(None, description="v2 admin API token")

    # Maxmailer
    maxmailer_url: AnyHttpUrl | None = Field(None, description="Maxmailer api.php URL")
    maxmailer_login_id: SecretStr | None = Field(None, description="Maxmailer Login ID")
    maxmailer_list_keys: Annotated[dict[str, SecretStr], NoDecode] = Field(
        default_factory=dict, description="JSON object of list name -> subscription API key"
    )

    # Oempro
    oempro_url: AnyHttpUrl | None = Field(None, description="Oempro api.php URL")
    oempro_username: str | None = Field(None, description="Oempro login name (user or admin)")
    oempro_password: SecretStr | None = Field(None, description="Oempro login password")
    oempro_api_key: SecretStr | None = Field(
        None, description="Oempro API key, instead of a user name and password"
    )
    oempro_login_as: Literal["user", "admin", "client"] = Field(
        "user",
        description="log in as a user (User.Login), an administrator (Admin.Login) or a "
        "user's client (Client.Login)",
    )
    oempro_response_format: Literal["JSON", "XML"] = Field(
        "JSON", description="the answer format asked of Oempro"
    )
    oempro_ip_address: str = Field(
        "127.0.0.1", description="the IPAddress Oempro's subscribe and unsubscribe commands require"
    )
    oempro_name_field: str | None = Field(
        None, description="the Oempro custom field (name or id) holding a subscriber's name"
    )

    # HTTP towards every platform
    upstream_timeout: float = Field(10.0, gt=0, le=300, description="seconds per upstream call")
    upstream_connect_timeout: float = Field(
        5.0, gt=0, le=60, description="seconds to open a connection to a platform"
    )
    # 50: a page of 50 (the default `first`) fans out in one wave of calls, not 7 waves of 8;
    # measured against 8, 16, 32 and 64 in bench/RESULTS.md (2026-12-04, issue 14 item 2).
    upstream_concurrency: int = Field(
        50,
        ge=1,
        le=256,
        description="upstream calls in flight per platform at most (a page of 50: one wave)",
    )
    upstream_max_connections: int = Field(
        50,
        ge=1,
        le=1000,
        description="pooled connections per platform (keep it at least the concurrency)",
    )
    upstream_transport: Transport = Field(
        "aiohttp",
        description="what sends upstream calls: aiohttp (less CPU per call) or httpx's own pool",
    )
    read_retries: int = Field(
        2,
        ge=0,
        le=10,
        description="extra tries of a read failed on the network or with a 5xx (writes: never)",
    )
    retry_backoff: float = Field(
        0.2,
        ge=0,
        le=30,
        description="seconds before the first retry, doubling after, each drawn from half to all",
    )

    # deadlines, breakers and budgets (README: "Deadlines, breakers and budgets")
    request_deadline: float = Field(
        15.0,
        gt=0,
        le=600,
        description="seconds all upstream calls of one operation (retries and waits) may take",
    )
    max_upstream_calls: int = Field(
        500,
        ge=1,
        le=1_000_000,
        description="upstream calls one operation may make; past it: CALL_BUDGET_EXCEEDED",
    )
    breaker_failures: int = Field(
        5, ge=0, le=1_000, description="failures in a row that open a platform's circuit; 0: never"
    )
    breaker_cooldown: float = Field(
        30.0, gt=0, le=3_600, description="seconds an open circuit refuses calls before a probe"
    )
    debug_errors: bool = Field(
        False,
        description="errors show clients upstream commands and HTTP statuses (never in production)",
    )

    # caches (README: "Caching")
    cache_ttl: float = Field(
        30.0,
        ge=0,
        le=86_400,
        description="seconds upstream reads and answers are kept; 0 keeps none",
    )
    cache_kind_ttl: Annotated[dict[str, float], NoDecode] = Field(
        default_factory=dict,
        description='JSON object: "<platform>.<kind>" -> seconds, overriding cache_ttl',
    )
    cache_max_entries: int = Field(
        10_000,
        ge=1,
        le=10_000_000,
        description="in memory: reads, answers and persisted queries kept (LRU), each at most",
    )
    cache_responses: bool = Field(
        True, description="answer a repeated query with the answer kept for it"
    )
    cache_answer_max_bytes: int = Field(
        1_000_000,
        ge=1_000,
        le=1_000_000_000,
        description="the largest answer kept whole; a larger one is built anew each time",
    )
    cache_memory_max_bytes: int = Field(
        100_000_000,
        ge=1_000_000,
        le=100_000_000_000,
        description="in memory: the bytes of all kept answers together, at most (LRU)",
    )
    coalesce: bool = Field(
        True, description="concurrent requests that need the same upstream read share one call"
    )
    redis_url: SecretStr | None = Field(
        None,
        description="redis://... : caches, idempotency and rate limits shared by all processes",
    )

    # access (README: "Keys, roles and tenants")
    api_keys: Annotated[tuple[ApiKey, ...], NoDecode] = Field(
        default=(), description="comma-separated entries printed by `mailgql keys new`; none: open"
    )
    tenants_file: Path | None = Field(
        None, description="a TOML file of [tenants.<name>] tables of platform settings"
    )
    rate_limit: float = Field(
        50.0,
        ge=0,
        le=1_000_000,
        description="requests a second per key (per client address when open); 0: off",
    )
    rate_burst: int = Field(
        100,
        ge=1,
        le=1_000_000,
        description="requests a key may make at once before the rate applies",
    )

    # writes (README: "Writes that land once")
    idempotency_ttl: float = Field(
        86_400.0,
        ge=0,
        le=30 * 86_400,
        description="seconds the answer to a mutation with an Idempotency-Key is kept; 0: off",
    )
    idempotency_wait: float = Field(
        30.0,
        ge=0,
        le=600,
        description="seconds a repeat waits for the first request with its key (then 409)",
    )

    # the graph
    max_page_size: int = Field(
        500, ge=1, le=10_000, description="the largest `first` a connection accepts"
    )
    max_offset: int = Field(
        10_000,
        ge=0,
        le=10_000_000,
        description="how far into a connection a page may start; a cursor further on is refused",
    )
    graphiql: bool = Field(True, description="serve GraphiQL on GET /graphql to a browser")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO",
        description="the least severe log records written; DEBUG: every upstream call, masked",
    )

    # telemetry (README: "Telemetry")
    log_format: Literal["json", "text"] = Field(
        "json",
        description="json: one object a line, with the request id; text: readable "
        "(`mailgql demo`: text unless set)",
    )
    request_id_header: str = Field(
        "X-Request-Id",
        pattern=r"^[A-Za-z0-9-]{1,64}$",
        description="header of the request id: taken from a request when sane, else made; "
        "returned on every answer",
    )
    metrics: bool = Field(True, description="serve Prometheus metrics on GET /metrics")
    metrics_token: SecretStr | None = Field(
        None,
        description="Bearer token /metrics requires; unset: an admin API key (open gateway: none)",
    )
    otlp_endpoint: AnyHttpUrl | None = Field(
        None,
        description="OTLP/HTTP collector (http://host:4318 or its /v1/traces URL) traces are "
        "sent to; unset: tracing off",
    )
    service_name: str = Field(
        "mailgql", min_length=1, max_length=100, description="service.name of the traces sent"
    )
    federation: bool = Field(
        False,
        description="serve the graph as an Apollo Federation 2 subgraph: @key on Account, "
        "Campaign and MailingList, _service and _entities (README: Federation)",
    )

    # what one request may cost (README: "Limits")
    max_depth: int = Field(12, ge=1, le=1_000, description="fields on an operation's longest path")
    max_aliases: int = Field(10, ge=0, le=100_000, description="aliased fields in an operation")
    max_root_fields: int = Field(10, ge=1, le=100_000, description="root fields in an operation")
    max_cost: int = Field(
        60_000,
        ge=1,
        le=10**12,
        description="items an operation may read: page sizes multiplied down the document",
    )
    max_body_bytes: int = Field(
        1_000_000, ge=1_000, le=100_000_000, description="largest request body (413 past it)"
    )
    max_response_bytes: int = Field(
        10_000_000,
        ge=1_000,
        le=1_000_000_000,
        description="the largest answer; a larger one is replaced by an error",
    )
    introspection: bool = Field(
        True, description="answer __schema and __type (`mailgql serve`: off unless this is set)"
    )
    cors_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="comma-separated origins (or *) browsers may call /graphql from; none: no CORS",
    )

    # live campaign progress (README: "Live campaign progress")
    progress_interval: float = Field(
        5.0,
        ge=0.1,
        le=3_600,
        description="seconds between two readings of a campaign watched by campaignProgress",
    )
    progress_max_campaigns: int = Field(
        100,
        ge=1,
        le=100_000,
        description="campaigns campaignProgress polls at once (one poller each, every tenant)",
    )
    progress_max_watches: int = Field(
        1_000,
        ge=1,
        le=1_000_000,
        description="campaignProgress subscriptions open at once; past it: TOO_MANY_SUBSCRIPTIONS",
    )

    @field_validator("maxmailer_list_keys", mode="before")
    @classmethod
    def _list_keys_json(cls, value: Any) -> Any:
        return _json_object(value, 'expected a JSON object such as {"news": "<api key>"}')

    @field_validator("api_keys", mode="before")
    @classmethod
    def _api_key_entries(cls, value: Any) -> Any:
        if value is None:
            return ()
        if not isinstance(value, str | list | tuple):
            raise ValueError("expected comma-separated entries printed by 'mailgql keys new'")
        return parse_entries(value)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list | tuple):
            raise ValueError("expected comma-separated origins such as https://app.example.com")
        origins = tuple(str(v).strip().rstrip("/") for v in value if str(v).strip())
        for origin in origins:
            if origin != "*" and not _ORIGIN.fullmatch(origin):
                raise ValueError(f"{origin!r} is not an origin such as https://app.example.com")
        return origins

    @field_validator("cache_kind_ttl", mode="before")
    @classmethod
    def _kind_ttl_json(cls, value: Any) -> Any:
        example = 'expected a JSON object such as {"oempro.subscriber_counts": 5}'
        value = _json_object(value, example)
        for kind, seconds in value.items():
            platform, _, name = str(kind).partition(".")
            if platform.upper() not in Platform.__members__ or not name:
                raise ValueError(f"{kind!r}: {example}")
            if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
                raise ValueError(f"{kind!r}: seconds must be a number >= 0")
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Explicit arguments, then the environment, then the TOML file (if any)."""
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    # -- per-platform views -------------------------------------------------------------------

    @property
    def http(self) -> HttpConfig:
        """HTTP behaviour shared by every platform."""
        return HttpConfig(
            timeout=self.upstream_timeout,
            connect_timeout=self.upstream_connect_timeout,
            concurrency=self.upstream_concurrency,
            max_connections=self.upstream_max_connections,
            read_retries=self.read_retries,
            retry_backoff=self.retry_backoff,
            transport=self.upstream_transport,
            breaker_failures=self.breaker_failures,
            breaker_cooldown=self.breaker_cooldown,
        )

    @property
    def v2rest(self) -> V2RestConfig | None:
        """The v2 REST connection, or None when not configured."""
        if self.v2rest_url is None or self.v2rest_username is None or self.v2rest_token is None:
            return None
        return V2RestConfig(
            url=str(self.v2rest_url).rstrip("/"),
            username=self.v2rest_username,
            token=self.v2rest_token,
        )

    @property
    def maxmailer(self) -> MaxmailerConfig | None:
        """The Maxmailer connection, or None when not configured."""
        if self.maxmailer_url is None:
            return None
        return MaxmailerConfig(
            url=str(self.maxmailer_url),
            login_id=self.maxmailer_login_id,
            list_keys=dict(self.maxmailer_list_keys),
        )

    @property
    def oempro(self) -> OemproConfig | None:
        """The Oempro connection, or None when not configured."""
        if self.oempro_url is None:
            return None
        return OemproConfig(
            url=str(self.oempro_url),
            username=self.oempro_username,
            password=self.oempro_password,
            api_key=self.oempro_api_key,
            login_as=self.oempro_login_as,
            response_format=self.oempro_response_format,
            ip_address=self.oempro_ip_address,
            name_field=self.oempro_name_field,
        )

    def configured(self) -> list[Platform]:
        """The platforms this gateway can reach, in a stable order."""
        present = {
            Platform.V2REST: self.v2rest is not None,
            Platform.MAXMAILER: self.maxmailer is not None,
            Platform.OEMPRO: self.oempro is not None,
        }
        return [p for p in (Platform.V2REST, Platform.MAXMAILER, Platform.OEMPRO) if present[p]]

    def problems(self) -> list[SettingsError]:
        """Settings that are present but unusable together (a URL without its credentials)."""
        found: list[SettingsError] = []
        if self.v2rest_url is not None:
            for field in ("v2rest_username", "v2rest_token"):
                if not _present(getattr(self, field)):
                    found.append(
                        SettingsError(env_name(field), "required when MAILGQL_V2REST_URL is set")
                    )
        if self.maxmailer_url is not None and not (
            _present(self.maxmailer_login_id) or self.maxmailer_list_keys
        ):
            found.append(
                SettingsError(
                    env_name("maxmailer_login_id"),
                    "required when MAILGQL_MAXMAILER_URL is set "
                    "(or set MAILGQL_MAXMAILER_LIST_KEYS for the subscription API alone)",
                )
            )
        if self.oempro_url is not None and not _present(self.oempro_api_key):
            for field in ("oempro_username", "oempro_password"):
                if not _present(getattr(self, field)):
                    found.append(
                        SettingsError(
                            env_name(field),
                            "required when MAILGQL_OEMPRO_URL is set "
                            "(or set MAILGQL_OEMPRO_API_KEY instead)",
                        )
                    )
        return found


def _json_object(value: Any, problem: str) -> dict[Any, Any]:
    """``value`` as a dict: a JSON object's text is parsed, blank text is ``{}``; ValueError
    saying ``problem`` for anything else."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except ValueError as exc:
            raise ValueError(problem) from exc
    if not isinstance(value, dict):
        raise ValueError(problem)
    return value


def _present(value: str | SecretStr | None) -> bool:
    if value is None:
        return False
    text = value.get_secret_value() if isinstance(value, SecretStr) else value
    return bool(text.strip())


def _check_unknown_environment(environ: Mapping[str, str]) -> None:
    """A ``MAILGQL_*`` variable that names no setting is a typo: refuse it, suggesting the name."""
    known = {env_name(f) for f in Settings.model_fields}
    for key in sorted(environ):
        if key.upper().startswith(ENV_PREFIX) and key.upper() not in known:
            close = difflib.get_close_matches(key.upper(), known, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise SettingsError(key, f"no such setting{hint}")


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Read settings from the environment (and ``config_file``); raise SettingsError if unusable."""
    _check_unknown_environment(os.environ)
    cls: type[Settings] = Settings
    if config_file is not None:
        if not config_file.is_file():
            raise SettingsError("--config", f"no such file: {config_file}")
        try:
            tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError("--config", f"{config_file} is not valid TOML: {exc}") from exc

        class FileSettings(Settings):
            model_config = SettingsConfigDict(toml_file=config_file)

        cls = FileSettings
    try:
        settings = cls(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        raise SettingsError(env_name(field), first["msg"]) from None
    problems = settings.problems()
    if problems:
        raise problems[0]
    return settings
