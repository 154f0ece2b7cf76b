"""Gateway settings: environment variables ``MAILGQL_*`` and an optional TOML file.

Every setting has a safe default. A platform with no URL is simply not configured. A platform
with a URL but without its credentials is a start-up error that names the missing setting.
In the TOML file, keys are the setting names without the ``MAILGQL_`` prefix, in lower case
(``v2rest_url = "https://..."``); environment variables win over the file.

A setting is declared as ``name: type = default`` with its bounds, if any, in ``Annotated``,
and its description as the docstring under it (``docs/settings.md`` shows it). What the rest
of the gateway reads is in :mod:`mailgql.settings_views`; how the settings that are not plain
values are read is in :mod:`mailgql.settings_parsers`.
"""

from __future__ import annotations

import os
import tomllib
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

from mailgql.auth.keys import ApiKey
from mailgql.platforms import Platform
from mailgql.settings_parsers import (
    ENV_PREFIX,
    api_key_entries,
    cors_origins,
    env_name,
    has_text,
    json_object,
    kind_ttls,
    unknown_variable,
)
from mailgql.settings_views import (
    HttpConfig,
    MaxmailerConfig,
    OemproConfig,
    Transport,
    V2RestConfig,
    view_of,
)
from mailgql.time_zones import time_zone

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


class SettingsError(ValueError):
    """A setting is missing or invalid; ``setting`` names the environment variable."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"invalid setting {setting}: {problem}")
        self.setting = setting
        self.problem = problem


class Settings(BaseSettings):
    """Every gateway setting, read from ``MAILGQL_*`` variables (and a TOML file, if given)."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="forbid",
        frozen=True,
        hide_input_in_errors=True,
        use_attribute_docstrings=True,
    )

    # v2 REST
    v2rest_url: AnyHttpUrl | None = None
    """v2 REST base URL, e.g. .../v2.0"""
    v2rest_username: str | None = None
    """v2 admin API user name"""
    v2rest_token: SecretStr | None = None
    """v2 admin API token"""

    # Maxmailer
    maxmailer_url: AnyHttpUrl | None = None
    """Maxmailer api.php URL"""
    maxmailer_login_id: SecretStr | None = None
    """Maxmailer Login ID"""
    maxmailer_list_keys: Annotated[dict[str, SecretStr], NoDecode] = Field(default_factory=dict)
    """JSON object of list name -> subscription API key"""

    # Oempro
    oempro_url: AnyHttpUrl | None = None
    """Oempro api.php URL"""
    oempro_username: str | None = None
    """Oempro login name (user or admin)"""
    oempro_password: SecretStr | None = None
    """Oempro login password"""
    oempro_api_key: SecretStr | None = None
    """Oempro API key, instead of a user name and password"""
    oempro_login_as: Literal["user", "admin", "client"] = "user"
    """log in as a user (User.Login), an administrator (Admin.Login) or a user's client
    (Client.Login)"""
    oempro_response_format: Literal["JSON", "XML"] = "JSON"
    """the answer format asked of Oempro"""
    oempro_ip_address: str = "127.0.0.1"
    """the IPAddress Oempro's subscribe and unsubscribe commands require"""
    oempro_name_field: str | None = None
    """the Oempro custom field (name or id) holding a subscriber's name"""
    oempro_server_timezone: str = "UTC"
    """the time zone of the Oempro server's clock (an IANA name such as Europe/Istanbul): its
    dates carry none"""

    # HTTP towards every platform
    upstream_timeout: Annotated[float, Field(gt=0, le=300)] = 10.0
    """seconds per upstream call"""
    upstream_connect_timeout: Annotated[float, Field(gt=0, le=60)] = 5.0
    """seconds to open a connection to a platform"""
    # 50: a page of 50 (the default `first`) fans out in one wave of calls, not 7 waves of 8;
    # measured against 8, 16, 32 and 64 in bench/RESULTS.md (2026-12-04, issue 14 item 2).
    upstream_concurrency: Annotated[int, Field(ge=1, le=256)] = 50
    """upstream calls in flight per platform at most (a page of 50: one wave)"""
    upstream_max_connections: Annotated[int, Field(ge=1, le=1000)] = 50
    """pooled connections per platform (keep it at least the concurrency)"""
    upstream_transport: Transport = "aiohttp"
    """what sends upstream calls: aiohttp (less CPU per call) or httpx's own pool"""
    read_retries: Annotated[int, Field(ge=0, le=10)] = 2
    """extra tries of a read failed on the network or with a 5xx (writes: never)"""
    retry_backoff: Annotated[float, Field(ge=0, le=30)] = 0.2
    """seconds before the first retry, doubling after, each drawn from half to all"""

    # deadlines, breakers and budgets (README: "Deadlines, breakers and budgets")
    request_deadline: Annotated[float, Field(gt=0, le=600)] = 15.0
    """seconds all upstream calls of one operation (retries and waits) may take"""
    max_upstream_calls: Annotated[int, Field(ge=1, le=1_000_000)] = 500
    """upstream calls one operation may make; past it: CALL_BUDGET_EXCEEDED"""
    breaker_failures: Annotated[int, Field(ge=0, le=1_000)] = 5
    """failures in a row that open a platform's circuit; 0: never"""
    breaker_cooldown: Annotated[float, Field(gt=0, le=3_600)] = 30.0
    """seconds an open circuit refuses calls before a probe"""
    debug_errors: bool = False
    """errors show clients upstream commands and HTTP statuses (never in production)"""

    # caches (README: "Caching")
    cache_ttl: Annotated[float, Field(ge=0, le=86_400)] = 30.0
    """seconds upstream reads and answers are kept; 0 keeps none"""
    cache_kind_ttl: Annotated[dict[str, float], NoDecode] = Field(default_factory=dict)
    """JSON object: "<platform>.<kind>" -> seconds, overriding cache_ttl"""
    cache_max_entries: Annotated[int, Field(ge=1, le=10_000_000)] = 10_000
    """in memory: reads, answers and persisted queries kept (LRU), each at most"""
    cache_responses: bool = True
    """answer a repeated query with the answer kept for it"""
    cache_answer_max_bytes: Annotated[int, Field(ge=1_000, le=1_000_000_000)] = 1_000_000
    """the largest answer kept whole; a larger one is built anew each time"""
    cache_memory_max_bytes: Annotated[int, Field(ge=1_000_000, le=100_000_000_000)] = 100_000_000
    """in memory: the bytes of all kept answers together, at most (LRU)"""
    coalesce: bool = True
    """concurrent requests that need the same upstream read share one call"""
    redis_url: SecretStr | None = None
    """redis://... : caches, idempotency and rate limits shared by all processes"""

    # access (README: "Keys, roles and tenants")
    api_keys: Annotated[tuple[ApiKey, ...], NoDecode] = ()
    """comma-separated entries printed by `mailgql keys new`; none: open"""
    tenants_file: Path | None = None
    """a TOML file of [tenants.<name>] tables of platform settings"""
    rate_limit: Annotated[float, Field(ge=0, le=1_000_000)] = 50.0
    """requests a second per key (per client address when open); 0: off"""
    rate_burst: Annotated[int, Field(ge=1, le=1_000_000)] = 100
    """requests a key may make at once before the rate applies"""

    # writes (README: "Writes that land once")
    idempotency_ttl: Annotated[float, Field(ge=0, le=30 * 86_400)] = 86_400.0
    """seconds the answer to a mutation with an Idempotency-Key is kept; 0: off"""
    idempotency_wait: Annotated[float, Field(ge=0, le=600)] = 30.0
    """seconds a repeat waits for the first request with its key (then 409)"""

    # the graph
    max_page_size: Annotated[int, Field(ge=1, le=10_000)] = 500
    """the largest `first` a connection accepts"""
    max_offset: Annotated[int, Field(ge=0, le=10_000_000)] = 10_000
    """how far into a connection a page may start; a cursor further on is refused"""
    graphiql: bool = True
    """serve GraphiQL on GET /graphql to a browser"""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    """the least severe log records written; DEBUG: every upstream call, masked"""

    # telemetry (README: "Telemetry")
    log_format: Literal["json", "text"] = "json"
    """json: one object a line, with the request id; text: readable (`mailgql demo`: text unless
    set)"""
    request_id_header: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,64}$")] = "X-Request-Id"
    """header of the request id: taken from a request when sane, else made; returned on every
    answer"""
    metrics: bool = True
    """serve Prometheus metrics on GET /metrics"""
    metrics_token: SecretStr | None = None
    """Bearer token /metrics requires; unset: an admin API key (open gateway: none)"""
    otlp_endpoint: AnyHttpUrl | None = None
    """OTLP/HTTP collector (http://host:4318 or its /v1/traces URL) traces are sent to; unset:
    tracing off"""
    service_name: Annotated[str, Field(min_length=1, max_length=100)] = "mailgql"
    """service.name of the traces sent"""
    federation: bool = False
    """serve the graph as an Apollo Federation 2 subgraph: @key on Account, Campaign and
    MailingList, _service and _entities (README: Federation)"""

    # what one request may cost (README: "Limits")
    max_depth: Annotated[int, Field(ge=1, le=1_000)] = 12
    """fields on an operation's longest path"""
    max_aliases: Annotated[int, Field(ge=0, le=100_000)] = 10
    """aliased fields in an operation"""
    max_root_fields: Annotated[int, Field(ge=1, le=100_000)] = 10
    """root fields in an operation"""
    max_cost: Annotated[int, Field(ge=1, le=10**12)] = 60_000
    """items an operation may read: page sizes multiplied down the document"""
    max_body_bytes: Annotated[int, Field(ge=1_000, le=100_000_000)] = 1_000_000
    """largest request body (413 past it)"""
    max_response_bytes: Annotated[int, Field(ge=1_000, le=1_000_000_000)] = 10_000_000
    """the largest answer; a larger one is replaced by an error"""
    introspection: bool = True
    """answer __schema and __type (`mailgql serve`: off unless this is set)"""
    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()
    """comma-separated origins (or *) browsers may call /graphql from; none: no CORS"""

    # live campaign progress (README: "Live campaign progress")
    progress_interval: Annotated[float, Field(ge=0.1, le=3_600)] = 5.0
    """seconds between two readings of a campaign watched by campaignProgress"""
    progress_max_campaigns: Annotated[int, Field(ge=1, le=100_000)] = 100
    """campaigns campaignProgress polls at once (one poller each, every tenant)"""
    progress_max_watches: Annotated[int, Field(ge=1, le=1_000_000)] = 1_000
    """campaignProgress subscriptions open at once; past it: TOO_MANY_SUBSCRIPTIONS"""

    @field_validator("maxmailer_list_keys", mode="before")
    @classmethod
    def _list_keys_json(cls, value: Any) -> Any:
        return json_object(value, 'expected a JSON object such as {"news": "<api key>"}')

    @field_validator("api_keys", mode="before")
    @classmethod
    def _api_key_entries(cls, value: Any) -> Any:
        return api_key_entries(value)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        return cors_origins(value)

    @field_validator("oempro_server_timezone")
    @classmethod
    def _server_zone(cls, value: str) -> str:
        time_zone(value)
        return value

    @field_validator("cache_kind_ttl", mode="before")
    @classmethod
    def _kind_ttl_json(cls, value: Any) -> Any:
        return kind_ttls(value)

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
        return view_of(
            HttpConfig,
            self,
            "upstream_",
            ("timeout", "connect_timeout", "concurrency", "max_connections", "transport"),
            read_retries=self.read_retries,
            retry_backoff=self.retry_backoff,
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
        return view_of(OemproConfig, self, "oempro_", url=str(self.oempro_url))

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
                if not has_text(getattr(self, field)):
                    found.append(
                        SettingsError(env_name(field), "required when MAILGQL_V2REST_URL is set")
                    )
        if self.maxmailer_url is not None and not (
            has_text(self.maxmailer_login_id) or self.maxmailer_list_keys
        ):
            found.append(
                SettingsError(
                    env_name("maxmailer_login_id"),
                    "required when MAILGQL_MAXMAILER_URL is set "
                    "(or set MAILGQL_MAXMAILER_LIST_KEYS for the subscription API alone)",
                )
            )
        if self.oempro_url is not None and not has_text(self.oempro_api_key):
            for field in ("oempro_username", "oempro_password"):
                if not has_text(getattr(self, field)):
                    found.append(
                        SettingsError(
                            env_name(field),
                            "required when MAILGQL_OEMPRO_URL is set "
                            "(or set MAILGQL_OEMPRO_API_KEY instead)",
                        )
                    )
        return found


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Read settings from the environment (and ``config_file``); raise SettingsError if unusable."""
    unknown = unknown_variable(os.environ, Settings.model_fields)
    if unknown is not None:
        raise SettingsError(*unknown)
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
