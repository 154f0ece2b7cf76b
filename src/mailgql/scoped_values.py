"""Values that hold for the span of a block: a context variable set on entry and put back on
exit, seen by the code inside and by the tasks it starts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

__all__ = ["holding"]

T = TypeVar("T")


@contextmanager
def holding(variable: ContextVar[T], value: T) -> Iterator[T]:
    """``variable`` holds ``value`` inside the block, and what it held before after it."""
    token = variable.set(value)
    try:
        yield value
    finally:
        variable.reset(token)
