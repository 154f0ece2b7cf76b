"""Adapters for the legacy APIs: wire formats, auth and quirks in, typed records and errors out."""

from mailgql.upstreams import errors

# The error tree is the package's surface: re-exported as ``errors`` lists it.
from mailgql.upstreams.errors import *  # noqa: F403

__all__ = errors.__all__
