"""Fixed credentials of the seeded install, for tests, demos and ``gateway_env``."""

from __future__ import annotations

__all__ = [
    "OEMPRO_ADMIN_PASSWORD",
    "OEMPRO_ADMIN_USERNAME",
    "OEMPRO_CLIENT_PASSWORD",
    "OEMPRO_CLIENT_USERNAME",
    "OEMPRO_USER_API_KEY",
    "OEMPRO_USER_PASSWORD",
    "OEMPRO_USER_USERNAME",
]

OEMPRO_ADMIN_USERNAME = "admin"
OEMPRO_ADMIN_PASSWORD = "Oempro-Admin-4821"
OEMPRO_USER_USERNAME = "northwind"
"""The demo user: a trusted, enabled account with lists, campaigns and clients."""
OEMPRO_USER_PASSWORD = "Northwind-Mail-2024"
OEMPRO_USER_API_KEY = "7F3A-91C2-4D8E-B605"
OEMPRO_CLIENT_USERNAME = "harbor-agency"
"""A client of the demo user, with two lists and three campaigns assigned."""
OEMPRO_CLIENT_PASSWORD = "Harbor-Client-7731"
