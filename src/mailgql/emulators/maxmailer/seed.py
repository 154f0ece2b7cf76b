"""Deterministic seed data for the Maxmailer emulator, and the demo's fixed credentials.

Timestamps are laid out around ``anchor`` (the start of the current UTC day), so "scheduled"
campaigns start in the future and a subscription "term" is either well past or well ahead of now.
The same seed, size and day always give the same data.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from mailgql.emulators.maxmailer.licence import licensed_subscribers
from mailgql.emulators.maxmailer.records import (
    CAMPAIGN_STATUSES,
    PERIODS,
    Campaign,
    CampaignStatus,
    Licence,
    MailingList,
    MaxmailerState,
    Period,
    Subscription,
    User,
    UserType,
)
from mailgql.emulators.store import Size, rng_for

__all__ = [
    "ADMIN_ID",
    "BLACKLISTED_ADDRESSES",
    "BLACKLISTED_DOMAINS",
    "LICENCE_SUBSCRIBERS_PER_USER",
    "MAXMAILER_ADMIN_LOGIN_ID",
    "MAXMAILER_LIST_KEYS",
    "MAXMAILER_RESELLER_LOGIN_ID",
    "MAXMAILER_USER_LOGIN_ID",
    "PLAIN_USER_ID",
    "RESELLER_ID",
    "build_state",
]

DAY = 86_400

MAXMAILER_ADMIN_LOGIN_ID = "7f3a9c2e5b1d4f60a8e2c4b6d9f1a3e5"
"""Login ID of the administrator (user 1): sees and manages every user."""
MAXMAILER_RESELLER_LOGIN_ID = "c4e81b6f2a9d3e7058b1f4a6c2d9e0b7"
"""Login ID of a user-manager (user 2) with limited quotas and room for two more users."""
MAXMAILER_USER_LOGIN_ID = "2b9e6d1f8c3a4e5097d2b6f1a8c3e4d6"
"""Login ID of a plain user (user 3, managed by user 2) with one campaign in every status."""
MAXMAILER_LIST_KEYS: dict[str, str] = {
    "newsletter": "db2542df8c4b08d7e1a9",
    "customers": "5e8a1f3c9b7d2e4a60c1",
    "webinars": "9c3f7a2e1d8b4c6f05e2",
    "vip-club": "e6b1d4a8f2c9e3b7a05d",
}
"""Subscription API keys by list name.

``webinars`` belongs to a user whose subscriber quota is reached and ``vip-club`` is full, so
subscribing a new address to either answers 1104.
"""

LICENCE_SUBSCRIBERS_PER_USER = 100_000
"""The seeded licence's cap on one new user's subscribers: unlimited is refused (2009)."""

ADMIN_ID = 1
RESELLER_ID = 2
PLAIN_USER_ID = 3

BLACKLISTED_DOMAINS = frozenset({"blocked.example"})
BLACKLISTED_ADDRESSES = frozenset({"spamtrap@example.com", "complaints@example.org"})

_FIRST_NAMES = (
    "Lucía", "Mateo", "Sofía", "Diego", "Valentina", "Santiago", "Camila", "Martín", "Isabel",
    "Joaquín", "Emma", "Liam", "Olivia", "Noah", "Carmen", "Javier", "Elena", "Pablo", "Laura",
    "Andrés", "Marta", "Tomás", "Julia", "Hugo", "Paula", "Grace", "Oliver", "Chloe",
)  # fmt: skip
_LAST_NAMES = (
    "García", "Fernández", "López", "Martínez", "Rodríguez", "Sánchez", "Pérez", "Gómez",
    "Díaz", "Torres", "Ruiz", "Morales", "Núñez", "Castro", "Ortega", "Smith", "Johnson",
    "Brown", "Wilson", "Taylor", "Clarke", "Moreau",
)  # fmt: skip
_DOMAINS = ("example.com", "example.org", "correo.example", "mail.example.net")
_SMTP_HOSTS = ("smtp.sendrelay.example", "mail.relaybox.example", "smtp.officemail.example")
_SUBJECTS = (
    "Ofertas de primavera", "Newsletter de marzo", "Black Friday: 30% de descuento",
    "Your monthly product update", "Webinar: deliverability 101", "Nuevos cursos disponibles",
    "Última oportunidad: envío gratis", "Tell us what you think", "Resumen semanal",
    "Invitación: encuentro anual", "Welcome to the club", "Novedades del catálogo",
    "Summer sale starts today", "Tu factura está disponible", "Save the date",
    "Consejos para tu campaña", "New features in your dashboard", "Cierre de temporada",
)  # fmt: skip
_STATUS_WEIGHTS: tuple[int, ...] = (50, 10, 10, 10, 10, 10)  # CAMPAIGN_STATUSES order


@dataclass(frozen=True, slots=True)
class _Limits:
    max_sends: int
    max_list: int
    max_subscribers: int
    max_message_size: int


def build_state(*, seed: int, size: Size, anchor: int) -> MaxmailerState:
    """The seeded state for ``seed`` and ``size``, with timestamps around ``anchor``."""
    return _Builder(rng_for(seed, "maxmailer"), anchor).build(size)


class _Builder:
    def __init__(self, rng: random.Random, anchor: int) -> None:
        self.rng = rng
        self.anchor = anchor
        self.state = MaxmailerState(
            blacklisted_domains=BLACKLISTED_DOMAINS,
            blacklisted_addresses=BLACKLISTED_ADDRESSES,
        )
        self.unames: set[str] = set()

    def build(self, size: Size) -> MaxmailerState:
        rng = self.rng
        self._add_user(
            "admin",
            parent_id=0,
            period="monthly",
            limits=_Limits(0, 0, 0, 0),
            login_id=MAXMAILER_ADMIN_LOGIN_ID,
            person=("Marta", "Ibáñez"),
            uname="admin",
            smtp=True,
        )
        # User-manager A (the demo reseller): limited, room for two more users.
        reseller_a = self._add_user(
            "reseller",
            parent_id=ADMIN_ID,
            period="monthly",
            limits=_Limits(250_000, 50, 60_000, 4096),
            login_id=MAXMAILER_RESELLER_LOGIN_ID,
            uname="agencianorte",
            max_users=6,
            smtp=True,
        )
        self._add_children(reseller_a, 4, first_login=MAXMAILER_USER_LOGIN_ID, suspend_last=True)
        # User-manager B: unlimited in everything.
        reseller_b = self._add_user(
            "reseller",
            parent_id=ADMIN_ID,
            period="weekly",
            limits=_Limits(0, 0, 0, 0),
            uname="mediahub",
            smtp=False,
        )
        self._add_children(reseller_b, rng.randint(3, 5))
        # User-manager C: one-time sends, and as many users as it may ever create.
        reseller_c = self._add_user(
            "reseller",
            parent_id=ADMIN_ID,
            period="one_time",
            limits=_Limits(100_000, 20, 20_000, 2048),
            uname="pixelpress",
            smtp=False,
        )
        reseller_c.max_users = self._add_children(reseller_c, rng.randint(3, 5))
        direct = [
            self._add_user("user", parent_id=ADMIN_ID, period="monthly",
                           limits=_Limits(0, 0, 0, 0), smtp=True),
            self._add_user("user", parent_id=ADMIN_ID, period="daily",
                           limits=_Limits(2_000, 10, 5_000, 1024), smtp=False),
            self._add_user("user", parent_id=ADMIN_ID, period="weekly",
                           limits=_Limits(15_000, 20, 8_000, 2048), smtp=True),
            self._add_user("user", parent_id=ADMIN_ID, period="one_time",
                           limits=_Limits(5_000, 5, 3_000, 1024), suspended=True, smtp=False,
                           exhausted=True),
        ]  # fmt: skip
        self._add_user(
            "demo",
            parent_id=ADMIN_ID,
            period="one_time",
            limits=_Limits(100, 1, 100, 512),
            uname="demo",
            smtp=False,
            trial=15,
        )
        if size == "large":
            self._grow()
        for user in list(self.state.users.values()):
            statuses = (
                list(CAMPAIGN_STATUSES)
                if user.id == PLAIN_USER_ID
                else rng.choices(CAMPAIGN_STATUSES, weights=_STATUS_WEIGHTS, k=rng.randint(2, 6))
            )
            for status in statuses:
                self._add_campaign(user, status)
        self._add_lists(webinars_owner=direct[1])
        self._licence()
        return self.state

    def _licence(self) -> None:
        """A licence that caps subscribers, as hosted servers do, with room left to hand out.

        Accounts made before the cap keep their unlimited quotas; lists and sends are uncapped.
        """
        licensed = licensed_subscribers(self.state)
        self.state.licence = Licence(
            subscribers_per_user=LICENCE_SUBSCRIBERS_PER_USER,
            subscribers_total=(licensed // 1_000_000 + 2) * 1_000_000,
        )

    def _grow(self) -> None:
        """Large size: more user-managers and direct users, past 300 accounts."""
        rng = self.rng
        for _ in range(36):
            period = rng.choice(PERIODS)
            self._add_user(
                "user",
                parent_id=ADMIN_ID,
                period=period,
                limits=self._free_limits(),
                suspended=rng.random() < 0.1,
                smtp=rng.random() < 0.4,
            )
        while len(self.state.users) < 320:
            limited = rng.random() < 0.6
            limits = (
                _Limits(
                    rng.choice((200_000, 500_000, 1_000_000)),
                    rng.choice((60, 120)),
                    rng.choice((80_000, 150_000)),
                    4096,
                )
                if limited
                else _Limits(0, 0, 0, 0)
            )
            reseller = self._add_user(
                "reseller",
                parent_id=ADMIN_ID,
                period=rng.choice(PERIODS),
                limits=limits,
                smtp=rng.random() < 0.4,
                suspended=rng.random() < 0.08,
            )
            count = self._add_children(reseller, rng.randint(10, 14))
            reseller.max_users = rng.choice((0, count, count + 5))

    def _free_limits(self) -> _Limits:
        rng = self.rng
        return _Limits(
            rng.choice((0, 5_000, 20_000, 50_000)),
            rng.choice((0, 5, 10, 25)),
            rng.choice((0, 2_000, 10_000)),
            rng.choice((0, 1024, 2048)),
        )

    def _add_children(
        self,
        parent: User,
        count: int,
        *,
        first_login: str | None = None,
        suspend_last: bool = False,
    ) -> int:
        """Users of a user-manager; a limited one hands out at most 60% of each quota."""
        rng = self.rng
        for index in range(count):
            demo_user = first_login is not None and index == 0
            if parent.max_sends == 0:
                limits = self._free_limits()
            else:
                limits = _Limits(
                    self._share(parent.max_sends, count, 100),
                    self._share(parent.max_list, count, 1),
                    self._share(parent.max_subscribers, count, 100),
                    rng.choice(
                        [s for s in (512, 1024, 2048) if s <= (parent.max_message_size or s)]
                    ),
                )
            self._add_user(
                "user",
                parent_id=parent.id,
                period=parent.period,
                limits=limits,
                login_id=first_login if demo_user else None,
                # The demo's plain user must stay able to log in, and shows its SMTP quirk.
                suspended=not demo_user
                and ((suspend_last and index == count - 1) or rng.random() < 0.1),
                smtp=demo_user or rng.random() < 0.4,
            )
        return count

    def _share(self, total: int, count: int, unit: int) -> int:
        if total == 0:
            return 0
        each = total * 6 // 10 // count
        return max(unit, round(each * self.rng.uniform(0.4, 1.0) / unit) * unit)

    def _add_user(
        self,
        user_type: UserType,
        *,
        parent_id: int,
        period: Period,
        limits: _Limits,
        login_id: str | None = None,
        person: tuple[str, str] | None = None,
        uname: str | None = None,
        max_users: int = 0,
        suspended: bool = False,
        smtp: bool = False,
        trial: int = 0,
        exhausted: bool = False,
    ) -> User:
        rng = self.rng
        anchor = self.anchor
        first, last = person or (rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES))
        uname = self._unique_uname(uname or _ascii(first[0] + last))
        created = anchor - rng.randint(60, 1500) * DAY - rng.randint(0, DAY - 1)
        if limits.max_sends == 0:
            sent = rng.randint(0, 40_000)
        elif exhausted or rng.random() < 0.12:
            sent = limits.max_sends
        else:
            sent = rng.randint(0, limits.max_sends * 9 // 10)
        if limits.max_subscribers == 0:
            other_subscribers = rng.randint(0, 25_000)
        else:
            other_subscribers = rng.randint(0, limits.max_subscribers * 7 // 10)
        user = User(
            id=self.state.next_user_id,
            login_id=login_id or f"{rng.getrandbits(128):032x}",
            uname=uname,
            password=f"Pw_{rng.getrandbits(40):010x}",
            name=first,
            lastname=last,
            email=f"{uname}@{rng.choice(_DOMAINS)}",
            user_type=user_type,
            parent_id=parent_id,
            max_sends=limits.max_sends,
            period=period,
            sent_in_period=sent,
            max_list=limits.max_list,
            max_subscribers=limits.max_subscribers,
            other_subscribers=other_subscribers,
            date_created=created,
            period_start=rng.randint(created, anchor - DAY),
            allow_attach=int(rng.random() < 0.7),
            attach_max_size=rng.choice((512, 1024, 2048)),
            max_message_size=limits.max_message_size,
            allow_bounce=int(rng.random() < 0.8),
            allow_forms=int(rng.random() < 0.6),
            allow_api=int(user_type != "demo" and rng.random() < 0.7),
            allow_embedded=int(rng.random() < 0.3),
            max_users=max_users,
            last_login=0 if rng.random() < 0.15 else rng.randint(created, anchor - 60),
            susp_date=rng.randint(max(created, anchor - 90 * DAY), anchor - DAY)
            if suspended
            else 0,
            trial=trial,
        )
        if smtp:
            user.smtp = 1
            user.smtp_host = rng.choice(_SMTP_HOSTS)
            user.smtp_user = f"mxrelay_{rng.getrandbits(32):08x}"
            user.smtp_pass = f"Smtp${rng.getrandbits(48):012x}"
        self.state.users[user.id] = user
        self.state.next_user_id += 1
        return user

    def _unique_uname(self, base: str) -> str:
        base = base.lower()[:12]
        candidate, n = base, 1
        while candidate in self.unames:
            n += 1
            candidate = f"{base}{n}"
        self.unames.add(candidate)
        return candidate

    def _add_campaign(self, owner: User, status: CampaignStatus) -> None:
        rng = self.rng
        anchor = self.anchor
        recipients = rng.randint(40, 6_000)
        campaign = Campaign(
            message_id=self.state.next_message_id,
            owner_id=owner.id,
            status=status,
            subject=rng.choice(_SUBJECTS),
            sender=owner.email,
            date_start=0,
            date_end=0,
            subscribers=recipients,
        )
        if status == "completed":
            campaign.date_start = anchor - rng.randint(2, 400) * DAY + rng.randint(0, DAY // 2)
            campaign.date_end = campaign.date_start + rng.randint(600, 6 * 3600)
            processed = recipients
        elif status in ("sending", "stopped", "restarting"):
            back = rng.randint(600, 20 * 3600) if status == "sending" else rng.randint(1, 30) * DAY
            campaign.date_start = anchor - back
            processed = rng.randint(max(1, recipients // 10), recipients * 8 // 10)
        else:
            if status == "scheduled":
                campaign.date_start = anchor + rng.randint(2, 20) * DAY + rng.randint(0, DAY - 1)
            processed = 0
        campaign.failed = rng.randint(0, processed // 40)
        campaign.sent = processed - campaign.failed
        campaign.left = recipients - processed
        if campaign.sent:
            campaign.bounced = rng.randint(0, campaign.sent // 20)
            delivered = campaign.sent - campaign.bounced
            campaign.reads_unique = rng.randint(delivered // 10, delivered // 2)
            campaign.reads_total = campaign.reads_unique + rng.randint(0, campaign.reads_unique * 2)
            campaign.unsubscribed = rng.randint(0, campaign.reads_unique // 30)
            campaign.refered = rng.randint(0, campaign.reads_unique // 50)
            campaign.refer_reads = campaign.refered + rng.randint(0, campaign.refered * 2)
            campaign.new_subscribers = rng.randint(0, campaign.refered)
        self.state.campaigns[campaign.message_id] = campaign
        self.state.next_message_id += 1

    def _add_lists(self, *, webinars_owner: User) -> None:
        state = self.state
        owners = {
            "newsletter": ADMIN_ID,
            "customers": PLAIN_USER_ID,
            "webinars": webinars_owner.id,
            "vip-club": RESELLER_ID,
        }
        for name, api_key in MAXMAILER_LIST_KEYS.items():
            mailing_list = MailingList(name=name, api_key=api_key, owner_id=owners[name])
            self._add_subscribers(mailing_list, self.rng.randint(6, 20))
            state.lists[api_key] = mailing_list
        active = {lst.name: lst.active_count(self.anchor) for lst in state.lists.values()}
        # A list that is full, and an owner whose subscriber quota is reached: both answer 1104.
        state.lists[MAXMAILER_LIST_KEYS["vip-club"]].capacity = active["vip-club"]
        webinars_owner.max_subscribers = webinars_owner.other_subscribers + active["webinars"]
        # The plain demo user keeps room to subscribe more addresses to its list.
        plain = state.users[PLAIN_USER_ID]
        room = plain.max_subscribers - active["customers"] - 100
        plain.other_subscribers = max(0, min(plain.other_subscribers, room))

    def _add_subscribers(self, mailing_list: MailingList, count: int) -> None:
        rng = self.rng
        anchor = self.anchor
        for index in range(count):
            first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
            base = _ascii(f"{first}.{last}").lower()
            email = f"{base}@{rng.choice(_DOMAINS)}"
            n = 1
            while email.lower() in mailing_list.subscriptions:
                n += 1
                email = f"{base}{n}@{email.rpartition('@')[2]}"
            subscription = Subscription(
                email=email,
                name=f"{first} {last}",
                creation_date=anchor - rng.randint(60, 700) * DAY - rng.randint(0, DAY - 1),
            )
            # Every list has an expired term, a term ahead and an unsubscribed address.
            if index % 7 == 1:
                subscription.unsus_date = anchor - rng.randint(1, 45) * DAY
            elif index % 7 == 3:
                subscription.unsus_date = anchor + rng.randint(3, 365) * DAY
            elif index % 7 == 5:
                subscription.unsubscribed = True
            mailing_list.subscriptions[email.lower()] = subscription


def _ascii(text: str) -> str:
    """``text`` without accents or characters a username or address may not hold."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded if c.isalnum() or c in "._-")
