"""Emulator of the Maxmailer API (``app/api.php``), written from ``legacy-apis/maxmailer.md``.

One endpoint answers two families told apart by their parameters: the admin API
(``login_id`` + ``function``: users, credits, campaigns, by role) and the per-list subscription
API (``apikey`` + ``action``). Every answer is HTTP 200 with PHP-printed JSON, all scalars strings;
subscription requests with ``success_url``/``error_url`` are answered with a 302 redirect.
"""

from mailgql.emulators.maxmailer.emulator import MaxmailerEmulator
from mailgql.emulators.maxmailer.seed import (
    MAXMAILER_ADMIN_LOGIN_ID,
    MAXMAILER_LIST_KEYS,
    MAXMAILER_RESELLER_LOGIN_ID,
    MAXMAILER_USER_LOGIN_ID,
)

__all__ = [
    "MAXMAILER_ADMIN_LOGIN_ID",
    "MAXMAILER_LIST_KEYS",
    "MAXMAILER_RESELLER_LOGIN_ID",
    "MAXMAILER_USER_LOGIN_ID",
    "MaxmailerEmulator",
]
