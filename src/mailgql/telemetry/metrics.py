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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

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

_K = TypeVar("_K")
_C = TypeVar("_C")

_NAMESPACE = "mailgql"
_COMMAND = ("platform", "command")
"""The labels of an upstream command's series."""

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
        bind = functools.partial(self._calls.labels, self.platform, self.command, outcome)
        _child(self._by_outcome, outcome, bind).inc()
        self.latency.observe(seconds)

    def not_sent(self, reason: str) -> None:
        """One call refused before it was sent, for ``reason``."""
        bind = functools.partial(self._refused.labels, self.platform, self.command, reason)
        _child(self._by_reason, reason, bind).inc()


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


_HELP = {
    "requests_total": "GraphQL requests over HTTP, by operation name and outcome.",
    "request_duration_seconds": "Time from a GraphQL request's arrival to the end of its answer.",
    "upstream_requests_total": "Calls sent to a legacy platform (each try of a retried read "
    "counts), by platform, command or endpoint, and outcome.",
    "upstream_request_duration_seconds": "Time a legacy platform took to answer one call, by "
    "platform and command.",
    "upstream_not_sent_total": "Calls to a legacy platform refused before sending (open circuit, "
    "the operation's deadline or call budget), by platform, command and reason.",
    "upstream_breaker_state": "A platform's circuit after its latest change: 0 closed, 1 "
    "half-open (probing), 2 open.",
    "upstream_breaker_transitions_total": "Changes of a platform's circuit, by the state it "
    "entered.",
    "cache_reads_total": "Keys loaders asked of the shared read cache: hit (from the store), "
    "joined (to the same read in flight) or miss (read upstream), by platform and kind.",
    "loader_batch_size": "Keys in one batch a loader dispatched, by loader.",
    "websocket_connections": "WebSockets open on /graphql now.",
    "websocket_operations_total": "GraphQL operations run over a WebSocket, by operation name "
    "and outcome.",
}
"""The help text of each collector, by its name without the ``mailgql_`` namespace."""


class _Collectors:
    """Builds the collectors of :data:`_HELP`, registered in one registry under ``mailgql_``."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self._registry = registry

    def counter(self, name: str, *labels: str) -> Counter:
        """The counter ``mailgql_<name>`` of ``labels``."""
        return Counter(name, _HELP[name], labels, namespace=_NAMESPACE, registry=self._registry)

    def histogram(self, name: str, buckets: tuple[float, ...], *labels: str) -> Histogram:
        """The histogram ``mailgql_<name>`` of ``labels``, over ``buckets``."""
        return Histogram(
            name,
            _HELP[name],
            labels,
            namespace=_NAMESPACE,
            buckets=buckets,
            registry=self._registry,
        )

    def gauge(
        self, name: str, *labels: str, across: Literal["livemax", "livesum"] = "livemax"
    ) -> Gauge:
        """The gauge ``mailgql_<name>`` of ``labels``; across workers, by default the largest
        live value (``across="livesum"``: the sum of the live workers' values)."""
        return Gauge(
            name,
            _HELP[name],
            labels,
            namespace=_NAMESPACE,
            multiprocess_mode=across,
            registry=self._registry,
        )


def _child(children: dict[_K, _C], key: _K, bind: Callable[[], _C]) -> _C:
    """The series kept under ``key`` in ``children``, bound by ``bind`` on first use."""
    child = children.get(key)
    if child is None:
        child = children[key] = bind()
    return child


class GatewayMetrics:
    """Every collector of the gateway, registered once in ``registry``."""

    def __init__(self, registry: CollectorRegistry = REGISTRY) -> None:
        make = _Collectors(registry)
        self.requests = make.counter("requests_total", "operation", "outcome")
        self.request_seconds = make.histogram("request_duration_seconds", _SECONDS, "operation")
        self.upstream_calls = make.counter("upstream_requests_total", *_COMMAND, "outcome")
        self.upstream_seconds = make.histogram(
            "upstream_request_duration_seconds", _SECONDS, *_COMMAND
        )
        self.upstream_refused = make.counter("upstream_not_sent_total", *_COMMAND, "reason")
        self.breaker_state = make.gauge("upstream_breaker_state", "platform")
        self.breaker_changes = make.counter(
            "upstream_breaker_transitions_total", "platform", "state"
        )
        self.cache_reads = make.counter("cache_reads_total", "platform", "kind", "result")
        self.batch_sizes = make.histogram("loader_batch_size", _BATCH, "loader")
        self.websockets_open = make.gauge("websocket_connections", across="livesum")
        self.websocket_operations = make.counter(
            "websocket_operations_total", "operation", "outcome"
        )
        self._websocket_operations: dict[tuple[str, str], Counter] = {}
        self._requests: dict[tuple[str, str], Counter] = {}
        self._request_seconds: dict[str, Histogram] = {}
        self._commands: dict[tuple[str, str], CommandMeter] = {}
        self._command_names: dict[str, _Names] = {}
        self._caches: dict[tuple[str, str], CacheMeter] = {}
        self._loaders: dict[str, Histogram] = {}
        self._breakers: set[str] = set()

    def request(self, operation: str, outcome: str, seconds: float) -> None:
        """One GraphQL request answered (``operation`` already bounded)."""
        bind = functools.partial(self.requests.labels, operation, outcome)
        _child(self._requests, (operation, outcome), bind).inc()
        bind_seconds = functools.partial(self.request_seconds.labels, operation)
        _child(self._request_seconds, operation, bind_seconds).observe(seconds)

    def websocket_operation(self, operation: str, outcome: str) -> None:
        """One GraphQL operation over a WebSocket ended (``operation`` already bounded)."""
        bind = functools.partial(self.websocket_operations.labels, operation, outcome)
        _child(self._websocket_operations, (operation, outcome), bind).inc()

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
        reads = self.cache_reads

        def bind() -> CacheMeter:
            return CacheMeter(*(reads.labels(platform, kind, r) for r in ("hit", "miss", "joined")))

        return _child(self._caches, (platform, kind), bind)

    def batch(self, loader: str, size: int) -> None:
        """One batch of ``size`` keys dispatched by ``loader``."""
        bind = functools.partial(self.batch_sizes.labels, loader)
        _child(self._loaders, loader, bind).observe(size)

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
