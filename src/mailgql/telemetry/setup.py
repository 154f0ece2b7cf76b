"""What an app turns on for its lifespan: tracing over OTLP when an endpoint is set."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mailgql.settings import Settings
from mailgql.telemetry.metrics import worker_stopped
from mailgql.telemetry.tracing import otlp_provider, start_tracing, stop_tracing, traces_url

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

__all__ = ["Telemetry"]

logger = logging.getLogger("mailgql.telemetry")


class Telemetry:
    """The telemetry of one app's lifespan: :meth:`start` when it starts, :meth:`close` when
    it ends (the spans still batched are sent then)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._provider: TracerProvider | None = None

    def start(self) -> Telemetry:
        """Start tracing when ``MAILGQL_OTLP_ENDPOINT`` is set."""
        endpoint = self.settings.otlp_endpoint
        if endpoint is not None:
            url = str(endpoint)
            self._provider = otlp_provider(url, self.settings.service_name)
            start_tracing(self._provider)
            where = urlsplit(traces_url(url))
            # Only where they go: a URL's user information may be a credential.
            logger.info(
                "tracing: spans sent to %s://%s%s", where.scheme, where.hostname, where.path
            )
        return self

    def close(self) -> None:
        """Stop tracing (sending what is left) and, in multiprocess mode, drop this worker's
        live gauges."""
        provider, self._provider = self._provider, None
        if provider is not None:
            stop_tracing(provider)
            provider.shutdown()
        worker_stopped()
