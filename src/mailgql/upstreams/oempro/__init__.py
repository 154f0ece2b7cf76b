"""The Oempro adapter: users, clients, lists, subscribers, campaigns, emails and segments."""

from mailgql.upstreams.oempro import records
from mailgql.upstreams.oempro.auth import Login, LoginKind
from mailgql.upstreams.oempro.client import STATUS_SEGMENTS, OemproClient

# Every record type is part of the package's surface: re-exported as ``records`` lists them.
from mailgql.upstreams.oempro.records import *  # noqa: F403

__all__ = ["STATUS_SEGMENTS", "Login", "LoginKind", "OemproClient"]
__all__ += records.__all__
