"""Word pools the seed draws realistic names, places and campaign copy from."""

from __future__ import annotations

__all__ = [
    "CAMPAIGN_TOPICS",
    "CITIES",
    "COMPANIES",
    "COMPANY_SUFFIXES",
    "DOMAINS",
    "FIRST_NAMES",
    "LAST_NAMES",
    "LIST_NAMES",
    "LOCALES",
]

FIRST_NAMES = tuple(
    "Ava Liam Noah Emma Olivia Mia Lucas Sofia Ethan Zoe Mateo Chloe Arjun Hana Kenji Amara "
    "Jonas Elif Diego Ingrid Omar Priya Tomas Yara Felix Nadia Ruben Leila Marco Astrid".split()
)
LAST_NAMES = tuple(
    "Garcia Smith Kowalski Nakamura Okafor Larsen Rossi Dubois Novak Haddad Silva Brennan Kaya "
    "Fischer Moreau Patel Lindqvist Costa Ibrahim Walsh Ahmed Berg Ortega Meyer".split()
)
CITIES = tuple(
    "Lisbon Austin Leeds Osaka Lyon Denver Porto Gdansk Toronto Bremen Malmo Valencia".split()
)
DOMAINS = ("example.com", "example.net", "example.org", "inbox.example", "post.example")
LOCALES = (
    ("Stockholm", "SE", "Europe/Stockholm", "+46 8"),
    ("London", "GB", "Europe/London", "+44 20"),
    ("New York", "US", "America/New_York", "+1 212"),
    ("Denver", "US", "America/Denver", "+1 303"),
    ("Tokyo", "JP", "Asia/Tokyo", "+81 3"),
    ("Lisbon", "PT", "Europe/Lisbon", "+351 21"),
)
"""``(city, country, time zone, phone prefix)`` of user accounts."""
COMPANIES = tuple(
    "Atlas Beacon Copper Delta Ember Fjord Granite Harbor Iris Juniper Kestrel Lantern Meridian "
    "Nimbus Opal Pioneer Quarry Ridge Sable Tundra".split()
)
COMPANY_SUFFIXES = tuple("Studio Labs Supply Outdoors Media Foods Travel Works".split())
LIST_NAMES = (
    "Newsletter subscribers",
    "Product updates",
    "Spring sale 2024",
    "VIP customers",
    "Webinar attendees",
    "Trail running club",
    "Retail partners",
    "Beta testers",
)
CAMPAIGN_TOPICS = (
    ("May newsletter", "Fresh trails and new gear: our May newsletter"),
    ("Spring sale launch", "Spring sale: 25% off rain shells this week"),
    ("Webinar reminder", "Tomorrow: layering for mountain weather (live webinar)"),
    ("Product update 4.2", "What's new in the Northwind app 4.2"),
    ("VIP early access", "Your early access to the summer collection"),
    ("Summer preview", "A first look at summer 2024"),
    ("Re-engagement series", "We miss you - here is 15% to come back"),
    ("Trail club monthly", "Trail club: routes and meetups this month"),
    ("Partner briefing", "Q3 partner briefing and new price lists"),
    ("Beta feedback request", "Two minutes? Tell us how the beta went"),
    ("Autumn catalogue", "The autumn catalogue is here"),
    ("Store opening Lyon", "We are opening in Lyon on Saturday"),
)
"""``(campaign name, email subject)`` pairs."""
