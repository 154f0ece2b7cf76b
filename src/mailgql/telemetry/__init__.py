"""Telemetry: Prometheus metrics on ``/metrics``, OpenTelemetry traces over OTLP, and logs
(JSON lines by default) carrying each request's id, which every answer returns in a header.

Each seam records in one place: the upstream send path (:mod:`.upstream`: calls by platform,
command and outcome, their time, their spans), the ``/graphql`` view and the app (:mod:`.requests`:
requests by operation and outcome, the request id; :mod:`.operations`: the operation's span),
the shared read cache (hits, misses, joins), the loaders (batch sizes) and the circuit breakers
(state). :mod:`.metrics` lists the series, :mod:`.tracing` turns traces on and off (and
:mod:`.setup` does for an app's lifespan), :mod:`.logs` writes the records, :mod:`.endpoint`
serves ``/metrics`` behind its door.

This package sits below every layer that records into it and imports none of them;
:mod:`.operations`, a Strawberry extension, is imported by its own path.
"""

from mailgql.telemetry.logs import JsonFormatter, RequestIdFilter, configure_logging
from mailgql.telemetry.metrics import GatewayMetrics, gateway_metrics, render
from mailgql.telemetry.requests import RequestIdMiddleware, RequestRecord, current_request
from mailgql.telemetry.tracing import otlp_provider, start_tracing, stop_tracing, tracer

__all__ = [
    "GatewayMetrics",
    "JsonFormatter",
    "RequestIdFilter",
    "RequestIdMiddleware",
    "RequestRecord",
    "configure_logging",
    "current_request",
    "gateway_metrics",
    "otlp_provider",
    "render",
    "start_tracing",
    "stop_tracing",
    "tracer",
]
