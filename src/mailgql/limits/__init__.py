"""What one request may cost, checked before any upstream call and reported with the numbers.

- :mod:`.cost` measures an operation: depth, aliases, root fields and a cost made of page sizes
  and list lengths multiplied down the document (the formula is there);
- :mod:`.rules` compares the measures with the limits and words the refusals
  (``QUERY_TOO_COMPLEX``, ``INTROSPECTION_DISABLED``);
- :mod:`.extension` is the one place they are checked: a schema extension, for every request
  and every transport, before execution;
- :mod:`.pacing` completes a large answer in slices, so that the event loop keeps serving other
  requests meanwhile (the schema's executor);
- :mod:`.responses` caps the size of an answer, :mod:`.cors` lets the allowed browser origins
  call ``/graphql``; the app wraps the endpoint in both.

The request body's own cap is read where the body is (:mod:`mailgql.graphql_http.params`).
"""

from mailgql.limits.cors import with_cors
from mailgql.limits.cost import Measures, measure_operation
from mailgql.limits.extension import RequestLimits
from mailgql.limits.pacing import PacedExecutionContext, Pacer
from mailgql.limits.responses import RESPONSE_TOO_LARGE, ResponseSizeLimit
from mailgql.limits.rules import INTROSPECTION_DISABLED, QUERY_TOO_COMPLEX, Limits, refusals

__all__ = [
    "INTROSPECTION_DISABLED",
    "QUERY_TOO_COMPLEX",
    "RESPONSE_TOO_LARGE",
    "Limits",
    "Measures",
    "PacedExecutionContext",
    "Pacer",
    "RequestLimits",
    "ResponseSizeLimit",
    "measure_operation",
    "refusals",
    "with_cors",
]
