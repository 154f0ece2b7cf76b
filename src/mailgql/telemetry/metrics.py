"""The gateway's Prometheus metrics, one set per process, and their text for ``/metrics``.

Every series is labelled by values from small, fixed sets: a platform, an upstream command or
endpoint template (``Subscribers.Get``, ``GET /Users/SubAccounts``, ``ListUsers``), a loader
class, a cache kind, an outcome word, and an operation name that passes :func:`bounded_name`
(at most :data:`MAX_NAMES` distinct names per label; the rest count as ``(other)``). Label
children are bound once per label set and kept, so the request path pays a dictionary look-up
and an increment.

With ``PROMETHEUS_MULTIPROC_DIR`` set before the process starts (``mailgql serve --workers N``
sets it), prometheus-client keeps the values in files there and :func:`render` sums every
worker's; otherwise each process counts alone.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from dataclasses import dataclass, field

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
    values,
)

__all__ = [
    "ANONYMOUS",
    "BREAKER_STATES",
    "CONTENT_TYPE",
    "MAX_NAMES",
    "MULTIPROCESS_ENV",
    "OTHER",
    "UNKNOWN",
    "CacheMeter",
    "CommandMeter",
    "GatewayMetrics",
    "bounded_name",
    "gateway_metrics",
    "multiprocess_mode",
    "render",
    "worker_stopped",
]

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
"""The directory prometheus-client's multiprocess mode keeps every worker's values in."""

CONTENT_TYPE = CONTENT_TYPE_LATEST
"""The media type of :func:`render`'s text."""

MAX_NAMES = 100
"""Distinct values one label takes from outside input (operation names) or adapters (commands)."""

ANONYMOUS = "(anonymous)"
"""The operation label of an operation without a name."""
UNKNOWN = "(unknown)"
"""The operation label of a request refused before its operation was read."""
OTHER = "(other)"
"""The label of a name past :data:`MAX_NAMES`, or one that is no GraphQL name."""

BREAKER_STATES = {"CLOSED": 0, "HALF_OPEN": 1, "OPEN": 2}
"""The value of ``mailgql_upstream_breaker_state`` for each circuit state."""

_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,99}")

_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_BATCH = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000)


class _Names:
    """A label's values as they come, up to :data:`MAX_NAMES`; the rest are :data:`OTHER`."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def bound(self, name: str) -> str:
        if name in self._seen:
            return name
        with self._lock:
            if len(self._seen) >= MAX_NAMES:
                return OTHER
            self._seen.add(name)
        return name


_OPERATIONS = _Names()


def bounded_name(name: str | None) -> str:
    """The operation label of ``name``: itself when it is a GraphQL name among the first
    :data:`MAX_NAMES` seen, :data:`ANONYMOUS` for None, :data:`OTHER` otherwise."""
    if name is None:
        return ANONYMOUS
    if not _NAME.fullmatch(name):
        return OTHER
    return _OPERATIONS.bound(name)


@dataclass(slots=True)
class CommandMeter:
    """The bound series of one upstream command on one platform."""

    platform: str
    command: str
    latency: Histogram
    _calls: Counter
    _refused: Counter
    _by_outcome: dict[str, Counter] = field(default_factory=dict)
    _by_reason: dict[str, Counter] = field(default_factory=dict)

    def sent(self, outcome: str, seconds: float) -> None:
        """One call sent and ended with ``outcome``, after ``seconds``."""
        counter = self._by_outcome.get(outcome)
        if counter is None:
            counter = self._by_outcome[outcome] = self._calls.labels(
                self.platform, self.command, outcome
            )
        counter.inc()
        self.latency.observe(seconds)

    def not_sent(self, reason: str) -> None:
        """One call refused before it was sent, for ``reason``."""
        counter = self._by_reason.get(reason)
        if counter is None:
            counter = self._by_reason[reason] = self._refused.labels(
                self.platform, self.command, reason
            )
        counter.inc()


@dataclass(slots=True)
class CacheMeter:
    """The bound series of one cache kind on one platform."""

    hits: Counter
    misses: Counter
    joined: Counter

    def count(self, *, hits: int, misses: int, joined: int) -> None:
        """Keys answered from the store, sent upstream, and joined to a read in flight."""
        if hits:
            self.hits.inc(hits)
        if misses:
            self.misses.inc(misses)
        if joined:
            self.joined.inc(joined)


class GatewayMetrics:
    """Every collector of the gateway, registered once in ``registry``."""

    def __init__(self, registry: CollectorRegistry = REGISTRY) -> None:
        self.requests = Counter(
            "mailgql_requests_total",
            "GraphQL requests over HTTP, by operation name and outcome.",
            ["operation", "outcome"],
            registry=registry,
        )
        self.request_seconds = Histogram(
            "mailgql_request_duration_seconds",
            "Time from a GraphQL request's arrival to the end of its answer.",
            ["operation"],
            buckets=_SECONDS,
            registry=registry,
        )
        self.upstream_calls = Counter(
            "mailgql_upstream_requests_total",
            "Calls sent to a legacy platform (each try of a retried read counts), by platform, "
            "command or endpoint, and outcome.",
            ["platform", "command", "outcome"],
            registry=registry,
        )
        self.upstream_seconds = Histogram(
            "mailgql_upstream_request_duration_seconds",
            "Time a legacy platform took to answer one call, by platform and command.",
            ["platform", "command"],
            buckets=_SECONDS,
            registry=registry,
        )
        self.upstream_refused = Counter(
            "mailgql_upstream_not_sent_total",
            "Calls to a legacy platform refused before sending (open circuit, the operation's "
            "deadline or call budget), by platform, command and reason.",
            ["platform", "command", "reason"],
            registry=registry,
        )
        self.breaker_state = Gauge(
            "mailgql_upstream_breaker_state",
            "A platform's circuit after its latest change: 0 closed, 1 half-open (probing), "
            "2 open.",
            ["platform"],
            multiprocess_mode="livemax",
            registry=registry,
        )
        self.breaker_changes = Counter(
            "mailgql_upstream_breaker_transitions_total",
            "Changes of a platform's circuit, by the state it entered.",
            ["platform", "state"],
            registry=registry,
        )
        self.cache_reads = Counter(
            "mailgql_cache_reads_total",
            "Keys loaders asked of the shared read cache: hit (from the store), joined (to the "
            "same read in flight) or miss (read upstream), by platform and kind.",
            ["platform", "kind", "result"],
            registry=registry,
        )
        self.batch_sizes = Histogram(
            "mailgql_loader_batch_size",
            "Keys in one batch a loader dispatched, by loader.",
            ["loader"],
            buckets=_BATCH,
            registry=registry,
        )
        self._requests: dict[tuple[str, str], Counter] = {}
        self._request_seconds: dict[str, Histogram] = {}
        self._commands: dict[tuple[str, str], CommandMeter] = {}
        self._command_names: dict[str, _Names] = {}
        self._caches: dict[tuple[str, str], CacheMeter] = {}
        self._loaders: dict[str, Histogram] = {}
        self._breakers: set[str] = set()

    def request(self, operation: str, outcome: str, seconds: float) -> None:
        """One GraphQL request answered (``operation`` already bounded)."""
        counter = self._requests.get((operation, outcome))
        if counter is None:
            counter = self._requests[operation, outcome] = self.requests.labels(operation, outcome)
        counter.inc()
        histogram = self._request_seconds.get(operation)
        if histogram is None:
            histogram = self._request_seconds[operation] = self.request_seconds.labels(operation)
        histogram.observe(seconds)

    def command(self, platform: str, command: str) -> CommandMeter:
        """The series of one upstream command (past :data:`MAX_NAMES` per platform: ``(other)``)."""
        meter = self._commands.get((platform, command))
        if meter is not None:
            return meter
        names = self._command_names.setdefault(platform, _Names())
        label = names.bound(command)
        meter = self._commands.get((platform, label))
        if meter is None:
            meter = CommandMeter(
                platform,
                label,
                self.upstream_seconds.labels(platform, label),
                self.upstream_calls,
                self.upstream_refused,
            )
            self._commands[platform, label] = meter
        self._commands[platform, command] = meter
        return meter

    def cache(self, platform: str, kind: str) -> CacheMeter:
        """The series of one cache kind."""
        meter = self._caches.get((platform, kind))
        if meter is None:
            reads = self.cache_reads
            meter = self._caches[platform, kind] = CacheMeter(
                reads.labels(platform, kind, "hit"),
                reads.labels(platform, kind, "miss"),
                reads.labels(platform, kind, "joined"),
            )
        return meter

    def batch(self, loader: str, size: int) -> None:
        """One batch of ``size`` keys dispatched by ``loader``."""
        histogram = self._loaders.get(loader)
        if histogram is None:
            histogram = self._loaders[loader] = self.batch_sizes.labels(loader)
        histogram.observe(size)

    def breaker(self, platform: str, state: str) -> None:
        """A platform's circuit entered ``state`` (a BreakerState value)."""
        self.breaker_changes.labels(platform, state).inc()
        self.breaker_state.labels(platform).set(BREAKER_STATES[state])

    def breaker_now(self, platform: str, states: list[str]) -> None:
        """Set a platform's state as its circuits read now (the worst of them: one per
        tenant), for a scrape."""
        if states:
            self.breaker_state.labels(platform).set(max(BREAKER_STATES[s] for s in states))

    def breaker_built(self, platform: str) -> None:
        """A circuit was built closed: its platform's state reads 0 until a circuit of the
        platform changes (a tenant's circuit built later leaves an open one's value alone)."""
        if platform not in self._breakers:
            self._breakers.add(platform)
            self.breaker_state.labels(platform).set(0)


@functools.cache
def gateway_metrics() -> GatewayMetrics:
    """The process's metrics, registered in prometheus-client's default registry on first use
    (without the ``*_created`` series, which double the text and say nothing a scraper uses)."""
    disable_created_metrics()  # type: ignore[no-untyped-call]
    return GatewayMetrics()


def render() -> bytes:
    """The text ``/metrics`` serves: this process's series, or every worker's in multiprocess
    mode."""
    gateway_metrics()
    if multiprocess_mode():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def multiprocess_mode() -> bool:
    """Whether this process keeps its values in files (``PROMETHEUS_MULTIPROC_DIR`` was set
    when prometheus-client was first imported here)."""
    return values.ValueClass is not values.MutexValue


def worker_stopped() -> None:
    """In multiprocess mode, drop this process's live gauges (a worker that stops)."""
    if multiprocess_mode():
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]
