"""Traces: one span per operation, one per upstream call beneath it with its platform and
command, captured with OpenTelemetry's in-memory exporter; sent over OTLP/HTTP when
``MAILGQL_OTLP_ENDPOINT`` is set; none at all while tracing is off."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mailgql.emulators import serve_in_thread
from mailgql.platforms import Platform
from mailgql.telemetry import start_tracing, stop_tracing
from tests.conftest import Gateway, open_gateway
from tests.telemetry.test_metrics import DASHBOARD


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    """Spans of the gateway, kept in memory while the test runs."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    start_tracing(provider)
    yield exporter
    stop_tracing(provider)
    provider.shutdown()


def split(spans: tuple[ReadableSpan, ...]) -> tuple[ReadableSpan, list[ReadableSpan]]:
    [operation] = [s for s in spans if s.kind is SpanKind.SERVER]
    return operation, [s for s in spans if s.kind is SpanKind.CLIENT]


async def test_each_upstream_call_is_a_span_under_its_operation(
    gateway: Gateway, exporter: InMemorySpanExporter
):
    await gateway.query(DASHBOARD)
    operation, calls = split(exporter.get_finished_spans())
    assert operation.name == "query Dashboard"
    assert operation.attributes is not None
    assert operation.attributes["graphql.operation.name"] == "Dashboard"
    assert operation.attributes["graphql.operation.type"] == "query"
    assert len(calls) == await gateway.calls()
    assert operation.context is not None
    for call in calls:
        assert call.parent is not None
        assert call.parent.span_id == operation.context.span_id
        assert call.context is not None
        assert call.context.trace_id == operation.context.trace_id
    for platform in Platform:
        traced = Counter(
            str(c.attributes["mailgql.command"])
            for c in calls
            if c.attributes is not None and c.attributes["mailgql.platform"] == platform.value
        )
        assert traced == Counter(await gateway.counts(platform))
    [listing] = [c for c in calls if c.name == "v2rest GET /Users/SubAccounts"]
    assert listing.attributes is not None
    assert listing.attributes["http.request.method"] == "GET"
    assert listing.attributes["http.response.status_code"] == 200
    assert listing.attributes["mailgql.outcome"] == "ok"


async def test_the_operation_span_joins_the_callers_trace(
    gateway: Gateway, exporter: InMemorySpanExporter
):
    trace_id, parent_id = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
    response = await gateway.client.post(
        "/graphql",
        json={"query": "{ accounts(platform: V2REST) { totalCount } }"},
        headers={"traceparent": f"00-{trace_id}-{parent_id}-01"},
    )
    assert response.status_code == 200
    operation, [call] = split(exporter.get_finished_spans())
    assert operation.name == "query (anonymous)"
    assert operation.context is not None
    assert operation.parent is not None
    assert operation.context.trace_id == int(trace_id, 16)
    assert operation.parent.span_id == int(parent_id, 16)
    assert operation.attributes is not None
    assert operation.attributes["mailgql.request_id"] == response.headers["x-request-id"]
    assert call.parent is not None
    assert call.parent.span_id == operation.context.span_id


async def test_a_failed_call_is_a_span_with_an_error_status(
    gateway: Gateway, exporter: InMemorySpanExporter
):
    await gateway.fault(platform="maxmailer", kind="status", status=503, count=None)
    await gateway.result("{ accounts(platform: MAXMAILER) { totalCount } }")
    operation, calls = split(exporter.get_finished_spans())
    assert len(calls) == await gateway.calls(Platform.MAXMAILER) == 3
    assert {c.attributes["mailgql.outcome"] for c in calls if c.attributes} == {"server_error"}
    assert all(not c.status.is_ok for c in calls)
    assert not operation.status.is_ok


async def test_no_span_is_made_while_tracing_is_off(gateway: Gateway):
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    start_tracing(provider)
    stop_tracing(provider)
    await gateway.query(DASHBOARD)
    assert exporter.get_finished_spans() == ()


async def test_spans_are_sent_over_otlp_to_the_configured_endpoint(emulators):
    received: list[tuple[str, str, bytes]] = []
    arrived = threading.Event()

    async def collect(request: Request) -> Response:
        received.append((request.url.path, request.headers["content-type"], await request.body()))
        arrived.set()
        return Response(b"", media_type="application/x-protobuf")

    collector = Starlette(routes=[Route("/v1/traces", collect, methods=["POST"])])
    with serve_in_thread(collector) as server:
        async with open_gateway(
            emulators, otlp_endpoint=server.url, service_name="mailgql-under-test"
        ) as gateway:
            await gateway.query(DASHBOARD)
            calls = await gateway.calls()
        # The app's lifespan ended: what was batched has been sent.
        assert arrived.is_set()
    names: list[str] = []
    services: set[str] = set()
    for path, media, body in received:
        assert (path, media) == ("/v1/traces", "application/x-protobuf")
        export = ExportTraceServiceRequest.FromString(body)
        for resource in export.resource_spans:
            services |= {
                a.value.string_value
                for a in resource.resource.attributes
                if a.key == "service.name"
            }
            names += [span.name for scope in resource.scope_spans for span in scope.spans]
    assert services == {"mailgql-under-test"}
    assert names.count("query Dashboard") == 1
    assert len(names) == 1 + calls
