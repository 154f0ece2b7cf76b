"""The mutations of Oempro's administrator area, each with the read that shows what it changes
(the administrator's login; the demo user's for its clients)."""

from __future__ import annotations

from mailgql.emulators import Emulators
from mailgql.emulators.oempro.records import md5_hex
from mailgql.platforms import Platform
from tests.cache.invalidation import Answer, Case, unchanged
from tests.graph.oempro_helpers import ADMIN, gid, state

__all__ = ["OEMPRO_ADMIN_CASES"]

OE = Platform.OEMPRO

PLANS = "{ oemproAdmin { userGroups { totalCount nodes { name } } } }"
QUOTAS = """{ accounts(platform: OEMPRO, first: 10) { nodes { id quota { listLimit } } }
  oemproAdmin { userGroups { nodes { name } } } }"""


USER_2 = gid("Account", "user:2")
USERS = "{ accounts(platform: OEMPRO, first: 10) { totalCount nodes { id name } } }"
PERIODS = """query($id: ID!) { node(id: $id) { ... on Account { paymentPeriods { status } } } }"""
ME = "{ me(platform: OEMPRO) { username } }"
CLIENTS = "{ me(platform: OEMPRO) { subAccounts { totalCount nodes { name } } } }"
HARBOR = gid("Account", "client:1")
THEMES = "{ oemproAdmin { themes { totalCount nodes { name } } } }"
ADMINISTRATOR = "{ oemproAdmin { administrator { name } } }"


def theme_names(a: Answer) -> list[str]:
    return [n["name"] for n in a["oemproAdmin"]["themes"]["nodes"]]


def name_of_user_2(a: Answer) -> str:
    names: dict[str, str] = {n["id"]: n["name"] for n in a["accounts"]["nodes"]}
    return names[USER_2]


def first_period(e: Emulators) -> str:
    return next(p["LogID"] for p in state(e).payment_periods.values() if p.user_id == 2)


def plan_names(a: Answer) -> list[str]:
    return [n["name"] for n in a["oemproAdmin"]["userGroups"]["nodes"]]


def list_limit_of_user_2(a: Answer) -> int | None:
    limits = {n["id"]: n["quota"]["listLimit"] for n in a["accounts"]["nodes"]}
    value: int | None = limits[gid("Account", "user:2")]
    return value


OEMPRO_ADMIN_CASES = [
    Case(
        OE,
        "createUserGroup",
        settings=ADMIN,
        input=lambda e: {
            "name": "Agency",
            "themeId": "1",
            "subscriberAreaLogoutUrl": "https://agency.example/",
            "permissions": ["Lists.Get"],
            "sending": {"method": "PHP_MAIL"},
        },
        read=PLANS,
        show=plan_names,
        expect=lambda shown: [*shown, "Agency"],
        upstream={"UserGroup.Create": 1, "UserGroup.Get": 1, "UserGroups.Get": 1},
    ),
    Case(
        OE,
        "updateUserGroup",
        settings=ADMIN,
        input=lambda e: {"userGroupId": "1", "limits": {"lists": 7}},
        read=QUOTAS,
        show=list_limit_of_user_2,
        expect=lambda shown: 7,
        upstream={"UserGroup.Update": 1, "UserGroup.Get": 1, "UserGroups.Get": 1},
    ),
    Case(
        OE,
        "duplicateUserGroup",
        settings=ADMIN,
        input=lambda e: {"userGroupId": gid("UserGroup", 2)},
        read=PLANS,
        show=plan_names,
        expect=lambda shown: [*shown, "Professional (Copy)"],
        upstream={"UserGroup.Duplicate": 1, "UserGroup.Get": 1, "UserGroups.Get": 1},
    ),
    Case(
        OE,
        "deleteUserGroup",
        settings=ADMIN,
        input=lambda e: {"userGroupId": "3"},
        read=PLANS,
        show=plan_names,
        expect=lambda shown: [n for n in shown if n != "Unlimited"],
        upstream={"UserGroup.Get": 1, "UserGroup.Delete": 1, "UserGroups.Get": 1},
    ),
    Case(
        OE,
        "updateOemproUser",
        settings=ADMIN,
        input=lambda e: {"accountId": USER_2, "firstName": "Benjamin"},
        read=USERS,
        show=name_of_user_2,
        expect=lambda shown: "Benjamin Okafor",
        upstream={"User.Update": 1, "User.Get": 1, "Users.Get": 1},
    ),
    Case(
        OE,
        "deleteAccount",
        tag="user",
        settings=ADMIN,
        input=lambda e: {"accountId": USER_2},
        read=USERS,
        show=lambda a: a["accounts"]["totalCount"],
        expect=lambda shown: shown - 1,
        upstream={"User.Get": 1, "Users.Delete": 1, "Users.Get": 1},
    ),
    Case(
        OE,
        "updatePaymentPeriod",
        settings=ADMIN,
        input=lambda e: {
            "accountId": USER_2,
            "periodId": first_period(e),
            "discount": 0,
            "taxIncluded": True,
            "status": "WAIVED",
        },
        read=PERIODS,
        variables=lambda e: {"id": USER_2},
        show=lambda a: a["node"]["paymentPeriods"][0]["status"],
        expect=lambda shown: "WAIVED",
        upstream={"User.PaymentPeriods.Update": 1, "User.PaymentPeriods": 1},
    ),
    Case(
        OE,
        "remindOemproPassword",
        input=lambda e: {"accountKind": "USER", "email": "ben@bluepeakanalytics.example"},
        read=ME,
        show=lambda a: a["me"],
        expect=unchanged,
        upstream={"User.PasswordRemind": 1},
    ),
    Case(
        OE,
        "resetOemproPassword",
        input=lambda e: {"accountKind": "USER", "token": md5_hex("2")},
        read=ME,
        show=lambda a: a["me"],
        expect=unchanged,
        upstream={"User.PasswordReset": 1},
    ),
    Case(
        OE,
        "createClient",
        input=lambda e: {
            "name": "Fjord Media",
            "username": "fjord-media",
            "password": "Fjord-Pass-1",
            "email": "hello@fjord.example",
        },
        read=CLIENTS,
        show=lambda a: a["me"]["subAccounts"]["totalCount"],
        expect=lambda shown: shown + 1,
        upstream={"Client.Create": 1, "Clients.Get": 1},
    ),
    Case(
        OE,
        "updateClient",
        input=lambda e: {"clientId": HARBOR, "name": "Harbor & Co"},
        read=CLIENTS,
        show=lambda a: a["me"]["subAccounts"]["nodes"][0]["name"],
        expect=lambda shown: "Harbor & Co",
        upstream={"Client.Update": 1, "Clients.Get": 1},
    ),
    Case(
        OE,
        "assignClientLists",
        input=lambda e: {"clientId": HARBOR, "listIds": ["1", "2"]},
        read=CLIENTS,
        show=lambda a: a["me"]["subAccounts"],
        expect=unchanged,
        upstream={"Client.AssignSubscriberLists": 1},
    ),
    Case(
        OE,
        "assignClientCampaigns",
        input=lambda e: {"clientId": HARBOR, "campaignIds": ["1"]},
        read=CLIENTS,
        show=lambda a: a["me"]["subAccounts"],
        expect=unchanged,
        upstream={"Client.AssignCampaigns": 1},
    ),
    Case(
        OE,
        "updateOemproAdministrator",
        settings=ADMIN,
        input=lambda e: {"name": "Chief Admin"},
        read=ADMINISTRATOR,
        show=lambda a: a["oemproAdmin"]["administrator"],
        # The administrator is what its login answered: no read of it follows the update.
        expect=unchanged,
        upstream={"Admin.Update": 1},
    ),
    Case(
        OE,
        "createTheme",
        settings=ADMIN,
        input=lambda e: {"template": "clean", "name": "Harvest"},
        read=THEMES,
        show=theme_names,
        expect=lambda shown: [*shown, "Harvest"],
        upstream={"Theme.Create": 1, "Theme.Get": 1, "Themes.Get": 1},
    ),
    Case(
        OE,
        "updateTheme",
        settings=ADMIN,
        input=lambda e: {"themeId": "2", "name": "Northwind Navy"},
        read=THEMES,
        show=theme_names,
        expect=lambda shown: [shown[0], "Northwind Navy", *shown[2:]],
        upstream={"Theme.Update": 1, "Theme.Get": 1, "Themes.Get": 1},
    ),
    Case(
        OE,
        "deleteTheme",
        settings=ADMIN,
        input=lambda e: {"themeId": "3"},
        read=THEMES,
        show=theme_names,
        expect=lambda shown: shown[:2],
        upstream={"Theme.Get": 1, "Theme.Delete": 1, "Themes.Get": 1},
    ),
    Case(
        OE,
        "updateOemproSettings",
        settings=ADMIN,
        input=lambda e: {"systemFromName": "Northwind Mailer"},
        read=THEMES,
        show=theme_names,
        # Settings cannot be read back (4.x): nothing the graph shows changes.
        expect=unchanged,
        upstream={"Settings.Update": 1},
    ),
    Case(
        OE,
        "testOemproEmailSending",
        settings=ADMIN,
        input=lambda e: {"sending": {"method": "PHP_MAIL"}},
        read=THEMES,
        show=theme_names,
        expect=unchanged,
        upstream={"Settings.EmailSendingTest": 1},
    ),
]
