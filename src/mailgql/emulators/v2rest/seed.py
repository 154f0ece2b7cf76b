"""Deterministic seed data of the v2 REST emulator: the admin's catalogue and its sub-accounts.

The same ``(seed, size)`` always gives the same state. "small" is a demo set a person can browse
(12 sub-accounts, 8 lists, 5 segments, 6 newsletters); "large" has 640 sub-accounts and an admin
catalogue big enough that one account's inherited lists span more than one default page.
"""

from __future__ import annotations

import random
import string

from mailgql.emulators.store import Size, rng_for
from mailgql.emulators.v2rest.records import (
    MailingList,
    Newsletter,
    NewsletterRecipients,
    RecipientsType,
    SubAccount,
)
from mailgql.emulators.v2rest.segment_seed import build_segments
from mailgql.emulators.v2rest.state import V2RestState

__all__ = ["ADMIN_TIMEZONE", "NEWSLETTER_BASE", "build_state"]

ADMIN_TIMEZONE = "Europe/Copenhagen"
NEWSLETTER_BASE = "https://app.example.com"

# Fixed clock for seeded timestamps, so the data does not depend on when it is built.
_EPOCH = 1_577_836_800  # 2020-01-01T00:00:00Z
_SPAN = 4 * 365 * 86_400

_SIZES: dict[Size, tuple[int, int, int, int]] = {
    # accounts, lists, segments, newsletters
    "small": (12, 8, 5, 6),
    "large": (640, 120, 30, 40),
}
_FIRST_GROUPID = 249
_FIRST_LISTID = 7601
_FIRST_NEWSLETTERID = 501

_ADMIN_OWNER = ("Mette Holm", "mette.holm@example.com")
_COMPANIES = [
    (
        "Nordlys Media ApS",
        "info@example.com",
        "Vesterbrogade 12, 1620 København V",
        "+45 33 12 45 78",
    ),
    ("Nordlys Media ApS", "lists@example.com", "Vesterbrogade 12, 1620 København V", ""),
    ("", "", "", ""),
]
_LIST_THEMES = [
    ("Newsletter_Subscribers_DK", "Monthly newsletter, Denmark"),
    ("Newsletter_Subscribers_SE", "Monthly newsletter, Sweden"),
    ("Webshop_Customers", "Customers who bought in the webshop"),
    ("Event_Signups_2024", "Sign-ups for the 2024 events"),
    ("Trial_Users", "Product trial users"),
    ("Partners_Nordic", "Resellers and partners in the Nordics"),
    ("VIP_Members", "Loyalty club, gold tier"),
    ("Press_Contacts", "Journalists and press contacts"),
    ("Webinar_Attendees", "People who attended a webinar"),
    ("Abandoned_Carts", "Shoppers with an abandoned cart"),
    ("SMS_Offers", "Opted in to SMS offers"),
    ("Black_Friday_Leads", "Leads from the Black Friday landing page"),
]
_NEWSLETTERS = [
    ("Spring sale", "Spring sale: 20% off everything until Sunday"),
    ("Monthly digest", "What happened at Nordlys this month"),
    ("Webinar invitation", "Join our live webinar on email deliverability"),
    ("Welcome series #1", "Welcome aboard! Here is how to get started"),
    ("Personal offer", "{{firstname}}, we picked these for you"),
    ("Black Friday teaser", "Black Friday starts early for members"),
    ("Product update", "New: scheduled sending and A/B subjects"),
    ("Customer survey", "Two minutes to tell us what you think?"),
]
_FIRST_NAMES = [
    ("Anna", "anna"), ("Søren", "soren"), ("Filip", "filip"), ("Maja", "maja"),
    ("Lars", "lars"), ("Åsa", "asa"), ("Jürgen", "jurgen"), ("Zoë", "zoe"),
    ("Mikkel", "mikkel"), ("Ingrid", "ingrid"), ("Oliver", "oliver"), ("Freja", "freja"),
    ("Nikolaj", "nikolaj"), ("Elena", "elena"), ("Tomas", "tomas"), ("Sofia", "sofia"),
]  # fmt: skip
_LAST_NAMES = [
    ("Berg", "berg"), ("Kjær", "kjaer"), ("Lindqvist", "lindqvist"), ("Hansen", "hansen"),
    ("Novak", "novak"), ("Petrov", "petrov"), ("Jensen", "jensen"), ("Schmidt", "schmidt"),
    ("Nielsen", "nielsen"), ("Andersson", "andersson"), ("Costa", "costa"), ("Dahl", "dahl"),
]  # fmt: skip
_SHOPS = [
    "nordic_outdoor", "kbh_coffee", "fjord_design", "aarhus_bikes", "hygge_home",
    "skopje_print", "baltic_books", "lund_tech", "oslo_florist", "bergen_surf",
    "malmo_games", "odense_bakery", "tallinn_travel", "riga_sound", "vilnius_yoga",
]  # fmt: skip
_TIMEZONES = [
    "Europe/Copenhagen", "Europe/Stockholm", "Europe/Oslo", "Europe/Berlin", "Europe/Skopje",
    "Europe/London", "Europe/Helsinki", "America/New_York", "America/Los_Angeles",
    "America/Sao_Paulo", "Asia/Tokyo", "Australia/Sydney",
]  # fmt: skip
_PHONES = [
    "+45 {0}{1} {2}{3} {4}{5} {6}{7}",
    "+46 70 {0}{1}{2} {3}{4} {5}{6}",
    "+1 415 555 01{0}{1}",
]


def _ts(rng: random.Random) -> int:
    return _EPOCH + rng.randrange(_SPAN)


def _secret(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length))


def _lists(rng: random.Random, count: int) -> dict[int, MailingList]:
    owner, owner_email = _ADMIN_OWNER
    out: dict[int, MailingList] = {}
    for n in range(count):
        listid = _FIRST_LISTID + n
        name, description = _LIST_THEMES[n % len(_LIST_THEMES)]
        if n >= len(_LIST_THEMES):
            name, description = f"{name}_{n // len(_LIST_THEMES) + 1}", f"{description} ({n + 1})"
        company, company_email, address, phone = rng.choice(_COMPANIES)
        subscribed = rng.choice([0, rng.randrange(20, 400), rng.randrange(400, 25_000)])
        sms = "SMS" in name
        out[listid] = MailingList(
            listid=listid,
            list_name=name,
            descriptive_name=description,
            ownername=owner,
            owneremail=owner_email,
            replytoemail=rng.choice([owner_email, "reply@example.com"]),
            companyname=company,
            companyemail=company_email,
            companyaddress=address,
            companyphone=phone,
            subscribecount=subscribed,
            unsubscribecount=subscribed // rng.randrange(8, 40),
            bouncecount=subscribed // rng.randrange(30, 200),
            smssubscribecount=subscribed // 2 if sms else 0,
            sms_prefix="+45" if sms else "",
        )
    return out


def _newsletters(
    rng: random.Random, count: int, listids: list[int], segmentids: list[int]
) -> dict[int, Newsletter]:
    out: dict[int, Newsletter] = {}
    for n in range(count):
        newsletterid = _FIRST_NEWSLETTERID + n
        name, subject = _NEWSLETTERS[n % len(_NEWSLETTERS)]
        if n >= len(_NEWSLETTERS):
            name = f"{name} ({n + 1})"
        created = _ts(rng)
        use_segments = rng.random() < 0.3
        out[newsletterid] = Newsletter(
            newsletterid=newsletterid,
            name=name,
            subject=subject,
            createdate=created,
            updatedate=created + rng.randrange(0, 30 * 86_400),
            view_token=f"{rng.getrandbits(44):011x}",
            active=rng.random() < 0.8,
            selected_lists=() if use_segments else tuple(sorted(rng.sample(listids, 2))),
            selected_segments=(rng.choice(segmentids),) if use_segments else (),
            # "Personal offer" merges first names, so it carries dynamic content.
            dynamic="{{" in subject,
        )
    return out


def _username(rng: random.Random, first: str, last: str, taken: set[str]) -> str:
    style = rng.randrange(4)
    if style == 0:
        base = rng.choice(_SHOPS)
    elif style == 1:
        base = f"{first}.{last}"
    elif style == 2:
        base = f"{first}_{rng.choice(_SHOPS).split('_')[0]}"
    else:
        base = f"sub_account{rng.randrange(1000, 9999)}"
    name = base
    while name in taken:
        name = f"{base}{rng.randrange(2, 999)}"
    taken.add(name)
    return name


def _account(rng: random.Random, groupid: int, taken: set[str]) -> SubAccount:
    (first, first_ascii), (last, last_ascii) = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
    username = _username(rng, first_ascii, last_ascii, taken)
    domain = rng.choice(["example.com", "example.org"])
    fullname = rng.choice([f"{first} {last}", f"{first} {last}", first, username])
    phone = rng.choice(["", ""] + _PHONES).format(*(rng.randrange(10) for _ in range(8)))
    created = _ts(rng)
    last_login = rng.choice([0, created + rng.randrange(86_400, 400 * 86_400)])
    return SubAccount(
        groupid=groupid,
        username=username,
        password=_secret(rng, 18),
        owner_email=f"{first_ascii}.{last_ascii}@{domain}",
        allowed_domains=tuple(sorted({f"@{domain}", rng.choice(["@example.com", "@example.org"])})),
        fullname=fullname,
        phone=phone,
        timezone=rng.choice(_TIMEZONES),
        active=rng.random() < 0.75,
        createdate=created,
        lastloggedin=last_login,
    )


def _inherit(rng: random.Random, account: SubAccount, state: V2RestState, *, none: bool) -> None:
    if none:
        return
    listids, segmentids = list(state.lists), list(state.segments)
    account.inherited_lists = set(rng.sample(listids, rng.randrange(0, min(6, len(listids)) + 1)))
    account.inherited_segments = set(rng.sample(segmentids, rng.randrange(0, 4)))
    inheritable = [i for i, n in state.newsletters.items() if not n.dynamic]
    for newsletterid in rng.sample(inheritable, rng.randrange(0, 4)):
        kind: RecipientsType = (
            "segment" if account.inherited_segments and rng.random() < 0.4 else "list"
        )
        pool = sorted(account.inherited_segments if kind == "segment" else account.inherited_lists)
        pool = pool or listids
        ids = tuple(sorted(rng.sample(pool, min(len(pool), rng.randrange(1, 3)))))
        account.inherited_newsletters[newsletterid] = NewsletterRecipients(kind, ids)


def build_state(seed: int, size: Size) -> V2RestState:
    """The seeded state for ``seed`` and ``size``."""
    rng = rng_for(seed, "v2rest")
    accounts_n, lists_n, segments_n, newsletters_n = _SIZES[size]
    lists = _lists(rng, lists_n)
    segments = build_segments(rng, segments_n, list(lists))
    newsletters = _newsletters(rng, newsletters_n, list(lists), list(segments))
    state = V2RestState(
        lists=lists,
        segments=segments,
        newsletters=newsletters,
        accounts={},
        default_timezone=ADMIN_TIMEZONE,
        newsletter_base=NEWSLETTER_BASE,
    )
    taken: set[str] = set()
    for n in range(accounts_n):
        account = _account(rng, _FIRST_GROUPID + n, taken)
        # Fixed variety the demo always shows: two accounts that inherit nothing, one disabled,
        # one active; in "large", the first account inherits every list (more than one page).
        _inherit(rng, account, state, none=n in (3, 8))
        if n == 5:
            account.active = False
        if n == 0:
            account.active = True
            if size == "large":
                account.inherited_lists = set(lists)
        state.accounts[account.username] = account
    return state
