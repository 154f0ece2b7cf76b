"""Log records as one JSON object a line (``MAILGQL_LOG_FORMAT=json``), or as readable text,
each with the id of the request it was written for.

A JSON line holds ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, ``pid`` (the
worker's process), ``request_id``
when the record was written while serving a request, the ``fields`` a record carries (the
request line's method, path, status, duration, operation and outcome) and ``exception`` with
its traceback. Messages are the gateway's own: the send path redacts credentials before they
reach a message, and no field holds a request body, a query string or a header value other
than the request id.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Literal

from mailgql.telemetry.requests import current_request

__all__ = ["JsonFormatter", "LogFormat", "RequestIdFilter", "configure_logging"]

LogFormat = Literal["json", "text"]
"""How log records are written."""

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (the request being served, or ``-``) to every record it passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always passes the record, with its request id set."""
        if not hasattr(record, "request_id"):
            fields = getattr(record, "fields", None)
            request = current_request()
            if isinstance(fields, dict) and "request_id" in fields:
                record.request_id = fields["request_id"]
            else:
                record.request_id = request.request_id if request is not None else "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record (see the module's docstring for its keys)."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line of JSON."""
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        request_id = getattr(record, "request_id", "-")
        if request_id != "-":
            line["request_id"] = request_id
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update((k, v) for k, v in fields.items() if k not in line)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: str, fmt: LogFormat) -> logging.Handler | None:
    """Write records of ``level`` and above to standard error in ``fmt``, each with its
    request id. As ``logging.basicConfig``, this does nothing when the root logger has handlers
    already (an embedding program's, a test runner's). Returns the handler added, if any."""
    root = logging.getLogger()
    if root.handlers:
        return None
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return handler
