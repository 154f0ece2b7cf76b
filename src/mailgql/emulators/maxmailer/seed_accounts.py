"""Seed accounts: one user from its plan, a user-manager's users, and the many of "large"."""

from __future__ import annotations

from dataclasses import dataclass

from mailgql.emulators.maxmailer.records import PERIODS, Period, User, UserType
from mailgql.emulators.maxmailer.seed_context import DAY, SeedContext, ascii_only
from mailgql.emulators.maxmailer.seed_pools import DOMAINS, FIRST_NAMES, LAST_NAMES, SMTP_HOSTS

__all__ = ["UNLIMITED", "Account", "Limits", "add_children", "add_user", "grow"]


@dataclass(frozen=True, slots=True)
class Limits:
    """An account's quotas (0: unlimited)."""

    max_sends: int
    max_list: int
    max_subscribers: int
    max_message_size: int


UNLIMITED = Limits(0, 0, 0, 0)
"""No quota at all."""


@dataclass(frozen=True, slots=True)
class Account:
    """What the seed decides about one account; the rest is drawn at random."""

    user_type: UserType
    period: Period
    limits: Limits
    login_id: str | None = None
    person: tuple[str, str] | None = None
    uname: str | None = None
    max_users: int = 0
    suspended: bool = False
    smtp: bool = False
    trial: int = 0
    exhausted: bool = False
    """Its sends for the period are all used."""


def add_user(ctx: SeedContext, account: Account, *, parent_id: int) -> User:
    """Add one account under ``parent_id``, with usage drawn to fit its limits."""
    rng = ctx.rng
    anchor = ctx.anchor
    limits = account.limits
    first, last = account.person or (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
    uname = _unique_uname(ctx, account.uname or ascii_only(first[0] + last))
    created = anchor - rng.randint(60, 1500) * DAY - rng.randint(0, DAY - 1)
    if limits.max_sends == 0:
        sent = rng.randint(0, 40_000)
    elif account.exhausted or rng.random() < 0.12:
        sent = limits.max_sends
    else:
        sent = rng.randint(0, limits.max_sends * 9 // 10)
    if limits.max_subscribers == 0:
        other_subscribers = rng.randint(0, 25_000)
    else:
        other_subscribers = rng.randint(0, limits.max_subscribers * 7 // 10)
    user = User(
        id=ctx.state.next_user_id,
        login_id=account.login_id or f"{rng.getrandbits(128):032x}",
        uname=uname,
        password=f"Pw_{rng.getrandbits(40):010x}",
        name=first,
        lastname=last,
        email=f"{uname}@{rng.choice(DOMAINS)}",
        user_type=account.user_type,
        parent_id=parent_id,
        max_sends=limits.max_sends,
        period=account.period,
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
        allow_api=int(account.user_type != "demo" and rng.random() < 0.7),
        allow_embedded=int(rng.random() < 0.3),
        max_users=account.max_users,
        last_login=0 if rng.random() < 0.15 else rng.randint(created, anchor - 60),
        susp_date=rng.randint(max(created, anchor - 90 * DAY), anchor - DAY)
        if account.suspended
        else 0,
        trial=account.trial,
    )
    if account.smtp:
        user.smtp = 1
        user.smtp_host = rng.choice(SMTP_HOSTS)
        user.smtp_user = f"mxrelay_{rng.getrandbits(32):08x}"
        user.smtp_pass = f"Smtp${rng.getrandbits(48):012x}"
    ctx.state.users[user.id] = user
    ctx.state.next_user_id += 1
    return user


def add_children(
    ctx: SeedContext,
    parent: User,
    count: int,
    *,
    first_login: str | None = None,
    suspend_last: bool = False,
) -> int:
    """Users of a user-manager; a limited one hands out at most 60% of each quota."""
    rng = ctx.rng
    for index in range(count):
        demo_user = first_login is not None and index == 0
        if parent.max_sends == 0:
            limits = _free_limits(ctx)
        else:
            limits = Limits(
                _share(ctx, parent.max_sends, count, 100),
                _share(ctx, parent.max_list, count, 1),
                _share(ctx, parent.max_subscribers, count, 100),
                rng.choice([s for s in (512, 1024, 2048) if s <= (parent.max_message_size or s)]),
            )
        account = Account(
            "user",
            parent.period,
            limits,
            login_id=first_login if demo_user else None,
            # The demo's plain user must stay able to log in, and shows its SMTP quirk.
            suspended=not demo_user
            and ((suspend_last and index == count - 1) or rng.random() < 0.1),
            smtp=demo_user or rng.random() < 0.4,
        )
        add_user(ctx, account, parent_id=parent.id)
    return count


def grow(ctx: SeedContext, *, admin_id: int) -> None:
    """Large size: more user-managers and direct users, past 300 accounts."""
    rng = ctx.rng
    for _ in range(36):
        period = rng.choice(PERIODS)
        account = Account(
            "user",
            period,
            _free_limits(ctx),
            suspended=rng.random() < 0.1,
            smtp=rng.random() < 0.4,
        )
        add_user(ctx, account, parent_id=admin_id)
    while len(ctx.state.users) < 320:
        limited = rng.random() < 0.6
        limits = (
            Limits(
                rng.choice((200_000, 500_000, 1_000_000)),
                rng.choice((60, 120)),
                rng.choice((80_000, 150_000)),
                4096,
            )
            if limited
            else UNLIMITED
        )
        account = Account(
            "reseller",
            rng.choice(PERIODS),
            limits,
            smtp=rng.random() < 0.4,
            suspended=rng.random() < 0.08,
        )
        reseller = add_user(ctx, account, parent_id=admin_id)
        count = add_children(ctx, reseller, rng.randint(10, 14))
        reseller.max_users = rng.choice((0, count, count + 5))


def _free_limits(ctx: SeedContext) -> Limits:
    rng = ctx.rng
    return Limits(
        rng.choice((0, 5_000, 20_000, 50_000)),
        rng.choice((0, 5, 10, 25)),
        rng.choice((0, 2_000, 10_000)),
        rng.choice((0, 1024, 2048)),
    )


def _share(ctx: SeedContext, total: int, count: int, unit: int) -> int:
    if total == 0:
        return 0
    each = total * 6 // 10 // count
    return max(unit, round(each * ctx.rng.uniform(0.4, 1.0) / unit) * unit)


def _unique_uname(ctx: SeedContext, base: str) -> str:
    base = base.lower()[:12]
    candidate, n = base, 1
    while candidate in ctx.unames:
        n += 1
        candidate = f"{base}{n}"
    ctx.unames.add(candidate)
    return candidate
