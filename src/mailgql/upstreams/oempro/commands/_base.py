"""The pure step of every Oempro call: a :class:`Command` holds what to send and how to read it.

``OemproClient.send`` adds ``Command``, ``ResponseFormat`` and the credentials to the form, sends
it, and hands the success envelope's payload to ``Command.decode``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.records import Page

__all__ = ["Command", "Form", "created", "listing", "record", "write"]

T = TypeVar("T")
R = TypeVar("R")

Form = list[tuple[str, str]]
"""A command's own parameters, in order; a name may repeat (PHP ``Name[]`` arrays)."""


@dataclass(frozen=True, slots=True)
class Command(Generic[T]):
    """One ``api.php`` command, built and not sent: what to send, and how to read the answer."""

    name: str
    form: Form
    decode: Callable[[dict[str, Any]], T]
    """Reads the success envelope's payload (error envelopes never get here)."""
    read: bool
    """Only reads: sent again after a lost answer, which a write never is."""
    public: bool = False
    """Sent without credentials, as hosted forms send it (the logins, (un)subscribing)."""
    as_user: int | None = None
    """Sent in this user's session, which an admin login opens with ``User.Switch``."""
    needs_ip: bool = False
    """Takes the subscriber's ``IPAddress``: the client sends its configured one unless given."""


def _nothing(_: dict[str, Any]) -> None:
    return None


def write(name: str, form: Form) -> Command[None]:
    """A write whose success envelope says nothing more."""
    return Command(name, form, decode=_nothing, read=False)


def created(name: str, form: Form, key: str) -> Command[int]:
    """A create command; its answer is the new id under ``key``."""
    return Command(name, form, decode=lambda data: wire.new_id(data, key, command=name), read=False)


def record(
    name: str,
    form: Form,
    key: str,
    parse: Callable[[dict[str, Any]], R],
    *,
    as_user: int | None = None,
) -> Command[R]:
    """A read of the one record under ``key`` (none there is ``UpstreamNotFound``)."""
    return Command(
        name,
        form,
        decode=lambda data: wire.decode_record(data, key, parse=parse, command=name),
        read=True,
        as_user=as_user,
    )


def listing(
    name: str,
    form: Form,
    key: str,
    parse: Callable[[dict[str, Any]], R],
    *,
    totals: tuple[str, ...],
    as_user: int | None = None,
    offset: int | None = None,
) -> Command[Page[R]]:
    """A read of the records under ``key`` and the first total present (``offset``: paged)."""
    return Command(
        name,
        form,
        decode=lambda data: wire.decode_listing(
            data, key, parse=parse, command=name, totals=totals, offset=offset
        ),
        read=True,
        as_user=as_user,
    )
