"""The v2 REST adapter: sub-accounts and what they inherit from the admin account."""

from mailgql.upstreams.v2rest import records
from mailgql.upstreams.v2rest.client import MAX_LIMIT, V2RestClient

# Every record type is part of the package's surface: re-exported as ``records`` lists them.
from mailgql.upstreams.v2rest.records import *  # noqa: F403

__all__ = ["MAX_LIMIT", "V2RestClient"]
__all__ += records.__all__
