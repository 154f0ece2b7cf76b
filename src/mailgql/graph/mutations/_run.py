"""How every mutation turns refusals into ``userErrors`` and lets system failures through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Annotated, Any, TypeAlias, TypeVar

import strawberry

from mailgql.graph.errors import GraphError, UserError, user_error_from
from mailgql.upstreams.errors import UpstreamError, UpstreamRefused

__all__ = ["INPUT", "Change", "Input", "InputPaths", "attempt", "optional", "refusal"]

T = TypeVar("T")

INPUT = strawberry.argument(description="What to change; the input type describes each field.")
"""The description of every mutation's one ``input`` argument."""

Input: TypeAlias = Annotated[T, INPUT]
"""The type of a mutation's ``input`` argument, with its description."""

InputPaths = Mapping[str, Sequence[str]]
"""The input path of each value an adapter names in a refusal (``UpstreamError.field``)."""

Change = Callable[[], Awaitable[T]]
"""A change not yet started: what a payload runs."""


def optional(description: str) -> Any:
    """An input field that may be left out: null when omitted."""
    return strawberry.field(default=None, description=description)


async def attempt(
    change: Change[T], *, input_paths: InputPaths | None = None
) -> tuple[T | None, list[UserError]]:
    """Run a change: its result, or None and the refusal as ``userErrors``.

    Transport failures (unavailable, timeout, unreadable answer) are raised: whether the change
    was applied is then unknown, and the client must look before trying again.
    """
    try:
        return await change(), []
    except (GraphError, UpstreamRefused) as exc:
        return None, [refusal(exc, input_paths)]


def refusal(error: GraphError | UpstreamRefused, input_paths: InputPaths | None) -> UserError:
    """The ``UserError`` of an expected refusal, its field mapped onto the mutation's input."""
    if input_paths is None or not isinstance(error, UpstreamError):
        return user_error_from(error)
    path = input_paths.get(error.field) if error.field is not None else None
    user_error = user_error_from(error, field=list(path) if path is not None else None)
    if path is None:
        # An adapter's own name for a value is no input path: say nothing rather than mislead.
        user_error.field = None
    return user_error
