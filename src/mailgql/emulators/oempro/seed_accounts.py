"""Seed the administrator, the user groups, the users and the demo user's clients."""

from __future__ import annotations

from mailgql.emulators.oempro.commands.users import new_api_key
from mailgql.emulators.oempro.credentials import (
    OEMPRO_ADMIN_PASSWORD,
    OEMPRO_ADMIN_USERNAME,
    OEMPRO_CLIENT_PASSWORD,
    OEMPRO_CLIENT_USERNAME,
    OEMPRO_USER_API_KEY,
    OEMPRO_USER_PASSWORD,
    OEMPRO_USER_USERNAME,
)
from mailgql.emulators.oempro.records import ZERO_DATE, Admin, Client, User, UserGroup, md5_hex
from mailgql.emulators.oempro.seed_context import SeedContext
from mailgql.emulators.oempro.seed_pools import (
    COMPANIES,
    COMPANY_SUFFIXES,
    FIRST_NAMES,
    LAST_NAMES,
    LOCALES,
)

__all__ = ["NAMED_USERS", "seed_admin", "seed_clients", "seed_groups", "seed_users"]

_PERMISSIONS = ",".join(
    (
        "Subscribers.Import",
        "Subscribers.Get",
        "Subscriber.Update",
        "Lists.Create",
        "Lists.Get",
        "Campaigns.Create",
        "Campaigns.Get",
        "Campaign.Update",
        "Clients.Manage",
        "Segments.Manage",
        "CustomFields.Manage",
        "Emails.Manage",
    )
)


def seed_admin(ctx: SeedContext) -> Admin:
    """The one administrator; its row carries the MD5 of its password, as the API shows it."""
    ctx.secret(OEMPRO_ADMIN_PASSWORD)
    return Admin(
        AdminID="1",
        Name="Site Administrator",
        EmailAddress="admin@oempro.example",
        Username=OEMPRO_ADMIN_USERNAME,
        Password=ctx.secret(md5_hex(OEMPRO_ADMIN_PASSWORD)),
    )


_NO_CHARGES = dict.fromkeys(
    (*UserGroup.CHARGE_COLUMNS, "ThresholdImport", "ThresholdEmailSend", "TrialExpireSeconds"), "0"
)
"""Payments are off in every plan: each charge, threshold and trial period is zero."""
_SEND_METHODS = {
    "SMTP": {
        "SendMethodSMTPHost": "smtp.relay.example",
        "SendMethodSMTPPort": "587",
        "SendMethodSMTPSecure": "tls",
        "SendMethodSMTPTimeOut": "30",
        "SendMethodSMTPAuth": "true",
    },
    "PowerMTA": {
        "SendMethodSMTPAuth": "false",
        "SendMethodPowerMTAVMTA": "pool-pro",
        "SendMethodPowerMTADir": "/var/spool/pmta/pickup",
    },
}
"""The settings of each send method a plan uses (the SMTP login is the plan's own)."""


def seed_groups(ctx: SeedContext) -> None:
    """Three plans: a small SMTP one, a PowerMTA one and an unlimited one."""
    plans = (
        ("Starter", "2500", "3", "10", "10000", "SMTP", "starter-relay"),
        ("Professional", "100000", "50", "200", "500000", "PowerMTA", ""),
        ("Unlimited", "0", "0", "0", "0", "SMTP", "unlimited-relay"),
    )
    for name, subscribers, lists, campaigns, emails, method, smtp_user in plans:
        group_id = ctx.state.next_id("group")
        smtp_password = ctx.secret(f"{name}-SMTP-{ctx.hex(8)}") if smtp_user else ""
        ctx.state.groups[group_id] = UserGroup(
            {**_NO_CHARGES, **_SEND_METHODS[method]},
            UserGroupID=str(group_id),
            GroupName=name,
            RelThemeID="1",
            SubscriberAreaLogoutURL="https://www.oempro.example/",
            ForceUnsubscriptionLink="Enabled",
            ForceRejectOptLink="Enabled",
            Permissions=_PERMISSIONS,
            PaymentSystem="Disabled",
            LimitSubscribers=subscribers,
            LimitLists=lists,
            LimitCampaignSendPerPeriod=campaigns,
            LimitEmailSendPerPeriod=emails,
            TrialGroup="No",
            SendMethod=method,
            SendMethodSMTPUsername=smtp_user,
            SendMethodSMTPPassword=smtp_password,
        )


NAMED_USERS = (
    # username, first, last, company, group, reputation, status
    (OEMPRO_USER_USERNAME, "Nora", "Lindqvist", "Northwind Outfitters", 2, "Trusted", "Enabled"),
    ("bluepeak", "Ben", "Okafor", "Bluepeak Analytics", 1, "Untrusted", "Enabled"),
    ("cedarworks", "Clara", "Dubois", "Cedar Works", 3, "Trusted", "Disabled"),
    ("lumenlabs", "Luis", "Ortega", "Lumen Labs", 2, "Trusted", "Enabled"),
    ("orbitfoods", "Omar", "Haddad", "Orbit Foods", 1, "Trusted", "Enabled"),
)
"""The hand-written users: the demo user, an untrusted one, a disabled one and two more."""


def seed_users(ctx: SeedContext) -> User:
    """The named users, then generated ones up to 320 for "large"; returns the demo user."""
    for username, first, last, company, group, reputation, status in NAMED_USERS:
        demo = username == OEMPRO_USER_USERNAME
        password = OEMPRO_USER_PASSWORD if demo else f"{username.capitalize()}-{ctx.hex(6)}!"
        _add_user(
            ctx,
            username=username,
            names=(first, last, company),
            group=group,
            reputation=reputation,
            status=status,
            password=password,
            api_key=OEMPRO_USER_API_KEY if demo else new_api_key(ctx.hex(16)),
        )
    if ctx.size == "large":
        for index in range(len(NAMED_USERS) + 1, 321):
            company = f"{ctx.rng.choice(COMPANIES)} {ctx.rng.choice(COMPANY_SUFFIXES)}"
            _add_user(
                ctx,
                username=f"user{index:03d}",
                names=(ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES), company),
                group=ctx.rng.randint(1, 3),
                reputation=ctx.rng.choice(("Trusted", "Trusted", "Untrusted")),
                status="Disabled" if ctx.rng.random() < 0.1 else "Enabled",
                password=f"User{index:03d}-{ctx.hex(6)}!",
                api_key=new_api_key(ctx.hex(16)),
            )
    demo_user = ctx.state.user_by_username(OEMPRO_USER_USERNAME)
    assert demo_user is not None
    return demo_user


def _add_user(
    ctx: SeedContext,
    *,
    username: str,
    names: tuple[str, str, str],
    group: int,
    reputation: str,
    status: str,
    password: str,
    api_key: str,
) -> None:
    first, last, company = names
    user_id = ctx.state.next_id("user")
    domain = company.lower().replace(" ", "") + ".example"
    # The demo user lives in Stockholm; everyone else anywhere.
    city, country, zone, phone = LOCALES[0] if user_id == 1 else ctx.rng.choice(LOCALES)
    ctx.secret(password)
    preview_key = ctx.secret(f"pme-{ctx.hex(24)}") if ctx.rng.random() < 0.5 else ""
    ctx.state.users[user_id] = User(
        UserID=str(user_id),
        RelUserGroupID=str(group),
        EmailAddress=f"{first.lower()}@{domain}",
        Username=username,
        Password=ctx.secret(md5_hex(password)),
        ReputationLevel=reputation,
        UserSince=ctx.random_stamp(200, 1400),
        FirstName=first,
        LastName=last,
        CompanyName=company,
        Website=f"https://www.{domain}",
        Street=f"{ctx.rng.randint(1, 240)} Harbour Street",
        City=city,
        State="NY" if city == "New York" else ("CO" if city == "Denver" else ""),
        Zip=f"{ctx.rng.randint(10000, 99999)}",
        Country=country,
        Phone=f"{phone} {ctx.rng.randint(100, 999)} {ctx.rng.randint(1000, 9999)}",
        Fax="",
        TimeZone=zone,
        SignUpIPAddress=ctx.ip(),
        APIKey=ctx.secret(api_key),
        Language="en",
        LastActivityDateTime=ctx.random_stamp(0, 30) if status == "Enabled" else ZERO_DATE,
        PreviewMyEmailAccount=f"{username}@previewmyemail.example" if preview_key else "",
        PreviewMyEmailAPIKey=preview_key,
        AccountStatus=status,
        AvailableCredits=str(ctx.rng.choice((0, 0, 500, 2500))),
    )


def seed_clients(ctx: SeedContext, owner: User) -> None:
    """The demo user's clients: one to log in with, one more, and a disabled one."""
    lists = [lst.id for lst in ctx.state.lists_of(owner.id)]
    campaigns = [c.id for c in ctx.state.campaigns.values() if c.owner_id == owner.id]
    plans = (
        ("Harbor Agency", OEMPRO_CLIENT_USERNAME, OEMPRO_CLIENT_PASSWORD, "Enabled", 2, 3),
        ("Summit Retail", "summit-retail", f"Summit-{ctx.hex(8)}", "Enabled", 1, 1),
        ("Juniper Studio", "juniper-studio", f"Juniper-{ctx.hex(8)}", "Disabled", 0, 0),
    )
    offset = 0
    for name, username, password, status, n_lists, n_campaigns in plans:
        client_id = ctx.state.next_id("client")
        ctx.secret(password)
        client = Client(
            ClientID=str(client_id),
            RelOwnerUserID=str(owner.id),
            ClientName=name,
            ClientUsername=username,
            ClientPassword=ctx.secret(md5_hex(password)),
            ClientEmailAddress=f"{username.split('-')[0]}@clients.example",
            ClientAccountStatus=status,
        )
        client.list_ids = lists[offset : offset + n_lists]
        client.campaign_ids = campaigns[offset : offset + n_campaigns]
        offset += n_lists
        ctx.state.clients[client_id] = client
