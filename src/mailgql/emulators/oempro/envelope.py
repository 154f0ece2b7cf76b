"""The Oempro response envelope and its JSON, JSONP and XML renderings (contract §3).

Success: ``{"Success": true, "ErrorCode": 0, "ErrorText": "", ...payload}``. Command validation
errors carry an *array* of codes (several when several required parameters are missing) and a
parallel ``ErrorText`` array, a joined string, or no ``ErrorText`` at all depending on the
command; the auth layer's 99998/99999 is a *bare number*. Everything is HTTP 200.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from starlette.responses import Response

__all__ = [
    "AUTH_FAILED",
    "NO_PRIVILEGES",
    "ErrorTextStyle",
    "Outcome",
    "body_of",
    "denied",
    "fail",
    "fatal_page",
    "ok",
    "render",
    "to_json",
    "to_xml",
]

AUTH_FAILED = 99998
"""Authentication failure or session expired (also: invalid API key)."""
NO_PRIVILEGES = 99999
"""Not enough privileges: the session's scope does not cover the command."""

ErrorTextStyle = Literal["array", "string", "absent"]
"""How a command reports ``ErrorText`` on failure: parallel array, one string, or not at all."""

_AUTH_TEXTS = {
    AUTH_FAILED: "Authentication failure or session expired",
    NO_PRIVILEGES: "Not enough privileges",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a command handler decided: success with a payload, or error codes."""

    success: bool
    payload: dict[str, Any] = field(default_factory=dict)
    errors: tuple[tuple[int, str], ...] = ()
    auth_code: int | None = None

    @property
    def codes(self) -> list[int]:
        """The validation error codes, in order."""
        return [code for code, _ in self.errors]


def ok(**payload: Any) -> Outcome:
    """A successful outcome with flat payload keys next to the envelope."""
    return Outcome(True, payload)


def fail(*errors: tuple[int, str], **extra: Any) -> Outcome:
    """A command validation failure: one or more ``(code, text)`` pairs, plus extra keys."""
    return Outcome(False, extra, errors)


def denied(code: int) -> Outcome:
    """An auth-layer refusal (99998 or 99999), reported as a bare number."""
    return Outcome(False, {}, (), code)


def body_of(outcome: Outcome, style: ErrorTextStyle = "array") -> dict[str, Any]:
    """The envelope as the PHP array ``api.php`` would encode."""
    if outcome.auth_code is not None:
        return {
            "Success": False,
            "ErrorCode": outcome.auth_code,
            "ErrorText": _AUTH_TEXTS.get(outcome.auth_code, ""),
        }
    if outcome.success:
        head: dict[str, Any] = {"Success": True, "ErrorCode": 0}
        if style != "absent":
            head["ErrorText"] = ""
        return head | outcome.payload
    head = {"Success": False, "ErrorCode": outcome.codes}
    texts = [text for _, text in outcome.errors]
    if style == "array":
        head["ErrorText"] = texts
    elif style == "string":
        head["ErrorText"] = "; ".join(texts)
    return head | outcome.payload


def to_json(body: dict[str, Any]) -> str:
    """``json_encode`` output: ASCII only, with PHP's escaped slashes."""
    return json.dumps(body, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


def to_xml(body: dict[str, Any]) -> str:
    """The XML rendering: ``<response>`` root, CDATA scalars, ``node_<i>`` list items."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<response>"]
    for key, value in body.items():
        _emit(lines, _tag(key), value, 1)
    lines.append("</response>")
    return "\n".join(lines) + "\n"


def _emit(lines: list[str], tag: str, value: Any, depth: int) -> None:
    pad = "    " * depth
    if isinstance(value, dict):
        children = list(value.items())
    elif isinstance(value, list):
        children = [(f"node_{i}", item) for i, item in enumerate(value)]
    else:
        text = _scalar(value)
        if text == "":
            lines.append(f"{pad}<{tag}></{tag}>")
        else:
            lines.append(f"{pad}<{tag}><![CDATA[{_cdata(text)}]]></{tag}>")
        return
    if not children:
        lines.append(f"{pad}<{tag}></{tag}>")
        return
    lines.append(f"{pad}<{tag}>")
    for key, item in children:
        _emit(lines, _tag(str(key)), item, depth + 1)
    lines.append(f"{pad}</{tag}>")


def _scalar(value: Any) -> str:
    """PHP string conversion: true -> "1", false and null -> ""."""
    if value is True:
        return "1"
    if value is False or value is None:
        return ""
    return str(value)


def _cdata(text: str) -> str:
    # A literal "]]>" would close the section early: split it across two sections.
    return text.replace("]]>", "]]]]><![CDATA[>")


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")


def _tag(key: str) -> str:
    """An element name for an array key; numeric or odd keys get PHP's ``node_`` prefix."""
    if _NAME.match(key):
        return key
    return "node_" + re.sub(r"[^A-Za-z0-9_.-]", "_", key)


_CALLBACK = re.compile(r"[A-Za-z_$][A-Za-z0-9_$.]*\Z")


def render(
    outcome: Outcome,
    *,
    style: ErrorTextStyle,
    xml: bool,
    jsonp_callback: str | None = None,
) -> Response:
    """The HTTP response for an outcome: always status 200, the outcome is in the body."""
    body = body_of(outcome, style)
    if xml:
        return Response(to_xml(body), media_type="text/xml; charset=utf-8")
    text = to_json(body)
    if jsonp_callback and _CALLBACK.match(jsonp_callback):
        return Response(f"{jsonp_callback}({text})", media_type="text/javascript; charset=utf-8")
    return Response(text, media_type="application/json; charset=utf-8")


def fatal_page(command: str) -> Response:
    """What a 4.x server prints for a command it has no handler for: a PHP fatal error, 200."""
    method = re.sub(r"[^A-Za-z0-9_.]", "", command) or "(empty)"
    html = (
        "<html><head><title>Oempro</title></head><body>\n<br />\n"
        f"<b>Fatal error</b>:  Call to undefined method API::{method}() in "
        "<b>/var/www/oempro/api.php</b> on line <b>87</b><br />\n</body></html>\n"
    )
    return Response(html, status_code=200, media_type="text/html")
