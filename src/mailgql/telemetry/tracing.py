"""OpenTelemetry traces: one span per GraphQL operation, one per upstream call beneath it.

Tracing is off until :func:`start_tracing` hands this module a tracer provider: the app does
when ``MAILGQL_OTLP_ENDPOINT`` is set (:func:`otlp_provider`: spans batched and sent over
OTLP/HTTP), a test does with an in-memory exporter. While it is off, :func:`tracer` is None and
the request path creates no span. The provider is this process's (each worker of ``mailgql
serve --workers N`` sends its own spans); OpenTelemetry's global provider is left alone.

The SDK's own environment variables still apply to the provider built here (the sampler:
``OTEL_TRACES_SAMPLER``, ``OTEL_TRACES_SAMPLER_ARG``; export headers:
``OTEL_EXPORTER_OTLP_HEADERS``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from opentelemetry.trace import Tracer

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

__all__ = [
    "TRACER_NAME",
    "otlp_provider",
    "start_tracing",
    "stop_tracing",
    "traces_url",
    "tracer",
]

TRACER_NAME = "mailgql"
"""The instrumentation scope of every span the gateway makes."""

_tracer: Tracer | None = None
_provider: TracerProvider | None = None


def tracer() -> Tracer | None:
    """The tracer spans are made with, or None while tracing is off."""
    return _tracer


def start_tracing(provider: TracerProvider) -> None:
    """Trace from now on into ``provider``."""
    global _tracer, _provider
    _provider = provider
    _tracer = provider.get_tracer(TRACER_NAME)


def stop_tracing(provider: TracerProvider | None = None) -> None:
    """Stop tracing (only if ``provider``, when given, is the one in use)."""
    global _tracer, _provider
    if provider is None or provider is _provider:
        _tracer = None
        _provider = None


def traces_url(endpoint: str) -> str:
    """The OTLP/HTTP traces URL: ``endpoint`` as given, or with ``/v1/traces`` when it names
    a collector's root (``http://collector:4318``)."""
    if urlsplit(endpoint).path in ("", "/"):
        return endpoint.rstrip("/") + "/v1/traces"
    return endpoint


def otlp_provider(endpoint: str, service_name: str) -> TracerProvider:
    """A provider that batches spans and sends them over OTLP/HTTP (protobuf) to ``endpoint``;
    shut it down to send what is left."""
    # Imported here: the SDK and the exporter cost a gateway with tracing off nothing.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=traces_url(endpoint))))
    return provider
