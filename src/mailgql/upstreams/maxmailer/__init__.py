"""The Maxmailer adapter: users and resellers, credits, campaign reports, list subscriptions."""

from mailgql.upstreams.maxmailer import records
from mailgql.upstreams.maxmailer.client import MaxmailerClient

# Every record type is part of the package's surface: re-exported as ``records`` lists them.
from mailgql.upstreams.maxmailer.records import *  # noqa: F403

__all__ = ["MaxmailerClient"]
__all__ += records.__all__
