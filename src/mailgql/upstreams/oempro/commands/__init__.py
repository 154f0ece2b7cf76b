"""Oempro's commands as pure request builders, one module per domain; ``OemproClient`` sends them.

Each builder takes the arguments of the client method of the same name and returns a
:class:`Command`: the form to send and how to read the answer. Nothing here does I/O, holds
credentials or knows the session, so a builder is tested by looking at what it returns.
"""

from mailgql.upstreams.oempro.commands._base import Command, Form

__all__ = ["Command", "Form"]
