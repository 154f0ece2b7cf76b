"""GraphQL over HTTP: the ``/graphql`` endpoint, following the GraphQL-over-HTTP specification.

Built on Strawberry's own ASGI integration (:mod:`mailgql.graphql_http.view` lists the hooks it
overrides). What a client sees:

- ``POST`` with ``Content-Type: application/json`` (UTF-8: no ``charset``, or ``charset=utf-8``);
  ``GET`` with ``query``, ``variables``, ``operationName``, ``extensions`` in the query string
  (an empty ``operationName`` counts as none). A mutation over GET is 405 with ``Allow: POST``
  and never runs. Other methods: 405 with ``Allow: GET, POST``; a POST body of another media
  type, of another charset or with no ``Content-Type``: 415; a body over
  ``MAILGQL_MAX_BODY_BYTES``: 413.
- The response media type follows ``Accept`` by q-value, the most specific range deciding each
  type's q: ``application/graphql-response+json`` when it is named (it wins a tie with a named
  ``application/json``); ``application/json`` when only that is named, when only wildcards
  (``*/*``, ``application/*``) match, or when no ``Accept`` is sent; 406 when neither is
  acceptable (a ``charset`` other than UTF-8 rules a range out). Every body is UTF-8 and every
  JSON ``Content-Type`` says ``charset=utf-8``.
- A request that is not a well-formed GraphQL-over-HTTP request (body not a UTF-8 JSON object,
  ``query`` missing or not a string, ``variables`` or ``extensions`` not a map,
  ``operationName`` not a string) is 400 whatever the media type. A well-formed request that
  GraphQL refuses before execution (syntax error, validation error, no operation to pick,
  variables that do not coerce, a subscription without a stream) is 400 with
  ``application/graphql-response+json`` and 200 with ``application/json``, as the
  specification asks for legacy clients. Anything that executed is 200 with ``data`` (null when
  a non-null root field failed), field errors and all.
- Every request error carries ``extensions.code``: ``GRAPHQL_PARSE_FAILED``,
  ``GRAPHQL_VALIDATION_FAILED``, ``BAD_USER_INPUT``, ``METHOD_NOT_ALLOWED``,
  ``UNSUPPORTED_MEDIA_TYPE``, ``NOT_ACCEPTABLE`` or ``PAYLOAD_TOO_LARGE``.
- ``GET`` from a browser (``Accept`` naming ``text/html``, no ``query``) serves GraphiQL when the
  app has it enabled.
- Streams: a request with ``Accept: text/event-stream`` (POST, or GET as ``EventSource`` sends
  it) gets a 200 with Server-Sent Events in GraphQL-over-SSE's distinct-connections mode: one
  ``next`` event per result, then ``complete`` (a ``: ping`` comment every 15 s keeps proxies
  from closing a quiet stream). A request refused before execution gets one ``next`` event
  holding only ``errors``; malformed requests (400, 413, 415) are refused as above. A WebSocket
  on the same path speaks ``graphql-transport-ws``; any other subprotocol is closed with 4406.
- Each document is parsed and validated once per request, and a document seen before is not
  parsed or validated again (see :mod:`mailgql.graph.documents`).
"""

from mailgql.graphql_http.negotiation import GRAPHQL_RESPONSE, JSON, negotiate
from mailgql.graphql_http.params import MAX_BODY_BYTES
from mailgql.graphql_http.view import ContextGetter, GraphQLView

__all__ = [
    "GRAPHQL_RESPONSE",
    "JSON",
    "MAX_BODY_BYTES",
    "ContextGetter",
    "GraphQLView",
    "negotiate",
]
