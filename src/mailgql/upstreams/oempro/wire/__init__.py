"""Oempro wire format: the envelope, its error codes, and the string-typed records. Pure.

Both response formats go through here: JSON as sent, XML after ``xml.parse_response`` turned it
into the same dicts and lists (with every scalar a string, which the coercions accept anyway).
Each module names the quirks it handles (contract §3 and §19):

- ``envelope``: success or the mapped error, and the record, listing or new id inside;
- ``columns``: PHP arrays, "nothing", string-typed columns read through a ``Row``, and the
  secret columns dropped;
- ``accounts``: users, the admin, clients, user groups and their sending settings, what a login
  answers, themes and payment periods;
- ``lists``: lists, custom fields, subscribers and segments;
- ``campaigns``: campaigns with their statistics, and emails.
"""

from mailgql.upstreams.oempro.wire.accounts import (
    parse_admin,
    parse_client,
    parse_login,
    parse_user,
    parse_user_group,
)
from mailgql.upstreams.oempro.wire.campaigns import parse_campaign, parse_email
from mailgql.upstreams.oempro.wire.columns import drop_secrets, is_secret_column, server_time
from mailgql.upstreams.oempro.wire.envelope import (
    OemproUnknownCommand,
    decode_envelope,
    decode_listing,
    decode_record,
    legacy_errors,
    new_id,
)
from mailgql.upstreams.oempro.wire.lists import (
    parse_custom_field,
    parse_list,
    parse_segment,
    parse_subscribe_result,
    parse_subscriber,
)

__all__ = [
    "OemproUnknownCommand",
    "decode_envelope",
    "decode_listing",
    "decode_record",
    "drop_secrets",
    "is_secret_column",
    "legacy_errors",
    "new_id",
    "parse_admin",
    "parse_campaign",
    "parse_client",
    "parse_custom_field",
    "parse_email",
    "parse_list",
    "parse_login",
    "parse_segment",
    "parse_subscribe_result",
    "parse_subscriber",
    "parse_user",
    "parse_user_group",
    "server_time",
]
