"""How every mutation is declared (:func:`mutation`), and how it turns refusals into
``userErrors`` and lets system failures through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from typing import Annotated, Any, Self, TypeAlias, TypeVar

import strawberry
from strawberry.types.field import StrawberryField

from mailgql.graph.errors import GraphError, UserError, user_error_from
from mailgql.upstreams.errors import UpstreamError, UpstreamRefused

__all__ = [
    "INPUT",
    "Change",
    "Input",
    "InputPaths",
    "RefusedFirst",
    "attempt",
    "description_of",
    "input_paths",
    "input_type",
    "mutation",
    "optional",
    "refusal",
]

T = TypeVar("T")
C = TypeVar("C")

INPUT = strawberry.argument(description="What to change; the input type describes each field.")
"""The description of every mutation's one ``input`` argument."""

Input: TypeAlias = Annotated[T, INPUT]
"""The type of a mutation's ``input`` argument, with its description."""

InputPaths = Mapping[str, Sequence[str]]
"""The input path of each value an adapter names in a refusal (``UpstreamError.field``)."""

Change = Callable[[], Awaitable[T]]
"""A change not yet started: what a payload runs."""


def description_of(declared: object) -> str:
    """The GraphQL description a declaration's docstring gives: its text, on one line."""
    if not declared.__doc__:
        raise TypeError(f"{declared!r} has no docstring, which is its GraphQL description")
    return " ".join(declared.__doc__.split())


def mutation(resolver: Callable[..., Coroutine[object, object, object]]) -> StrawberryField:
    """Make a method a mutation of the graph: its docstring, the whole of it, is the mutation's
    description in GraphiQL (what it changes and which legacy calls it makes)."""
    return strawberry.mutation(resolver, description=description_of(resolver))


def input_type(cls: type[C]) -> type[C]:
    """Make a class a mutation's input type: its docstring, the whole of it, is the type's
    description in GraphiQL."""
    return strawberry.input(cls, description=description_of(cls))


def input_paths(table: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """:data:`InputPaths` from a table of each legacy value's dotted path below ``input``
    (``"sending.method"``; ``""`` for the whole input)."""
    return {name: ("input", *filter(None, path.split("."))) for name, path in table.items()}


def optional(description: str, *, name: str | None = None) -> Any:
    """An input field that may be left out: null when omitted (``name``: its GraphQL name, when
    not the attribute's own in camel case)."""
    return strawberry.field(name=name, default=None, description=description)


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


class RefusedFirst:
    """A payload type its mutation fills itself, part by part (a probe, a two-step import, an
    answer with more than one result): :meth:`run`, through which a refusal made before the
    mutation runs (an input rule) arrives, gives :meth:`refused_first`."""

    @classmethod
    def refused_first(cls, errors: list[UserError]) -> Self:
        """The payload of a mutation refused before it sent anything: ``errors`` say why."""
        raise NotImplementedError(f"{cls.__name__} names no payload of a refused mutation")

    @classmethod
    async def run(cls, change: Change[object], *, input_paths: InputPaths | None = None) -> Self:
        """A refusal made before the change (an input rule): :meth:`refused_first`."""
        _, errors = await attempt(change, input_paths=input_paths)
        return cls.refused_first(errors)
