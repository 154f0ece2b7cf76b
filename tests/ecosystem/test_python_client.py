"""A typed Python client generated with ariadne-codegen from ``schema.graphql`` and
``examples/operations/``, run against a real ``mailgql demo``: queries and mutations answer
the generated pydantic models, holding what the emulators seeded and what the writes changed."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
import typing
from collections.abc import Iterator
from datetime import UTC, date, datetime
from types import ModuleType

import pytest

from .codegen_tool import ariadne_codegen
from .conftest import Demo, seeded_v2rest
from .example_files import EXAMPLES, OPERATION_FILES, snake_case

PACKAGE = "mailgql_client"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    raise TypeError(f"no TOML for {value!r}")


def _toml(table: dict[str, object], prefix: str = "") -> str:
    """The few TOML shapes the codegen settings use: tables of strings and booleans."""
    lines = [f"[{prefix}]"] if prefix else []
    nested = []
    for key, value in table.items():
        if isinstance(value, dict):
            nested.append(_toml(value, f"{prefix}.{key}" if prefix else key))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(["\n".join(lines), *nested]) + "\n"


@pytest.fixture(scope="module")
def client_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The client generated with the settings of ``examples/ariadne-codegen.toml``, imported.

    Only its paths change: the schema and operations are the repository's, the package goes to
    a temporary folder.
    """
    out = tmp_path_factory.mktemp("codegen")
    example = tomllib.loads((EXAMPLES / "ariadne-codegen.toml").read_text(encoding="utf-8"))
    settings = example["tool"]["ariadne-codegen"]
    settings["schema_path"] = str((EXAMPLES / settings["schema_path"]).resolve())
    settings["queries_path"] = str((EXAMPLES / settings["queries_path"]).resolve())
    settings["target_package_path"] = str(out)
    config = out / "codegen.toml"
    config.write_text(_toml({"tool": {"ariadne-codegen": settings}}), encoding="utf-8")
    generated = subprocess.run(
        [str(ariadne_codegen()), "--config", str(config), "client"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def test_the_client_has_a_typed_method_for_every_operation(client_package):
    client = client_package.MailgqlClient
    for path in OPERATION_FILES:
        method = getattr(client, path.stem)
        returns = typing.get_type_hints(method)["return"]
        assert returns.__module__ == f"{PACKAGE}.{path.stem}"
        assert snake_case(returns.__name__) == path.stem


async def test_queries_answer_typed_models_with_the_seeded_data(
    client_package: ModuleType, demo: Demo
) -> None:
    gql = client_package
    seed = seeded_v2rest()
    oldest = seed.sub_accounts()[:5]

    async with gql.MailgqlClient(url=demo.graphql) as client:
        tree = await client.account_tree(platform=gql.Platform.V2REST, first=5)
        assert isinstance(tree, gql.AccountTree)
        assert tree.me is not None
        assert tree.me.username == "demo-admin"
        page = tree.me.sub_accounts
        assert page is not None
        assert page.total_count == len(seed.accounts)
        assert [a.username for a in page.nodes] == [a.username for a in oldest]
        for account, seeded in zip(page.nodes, oldest, strict=True):
            assert isinstance(account.status, gql.AccountStatus)
            assert (account.status is gql.AccountStatus.ACTIVE) == seeded.active
            assert account.created_at == datetime.fromtimestamp(seeded.createdate, UTC)

        inheritance = await client.account_inheritance(account_id=page.nodes[0].id)
        account = inheritance.node
        assert isinstance(account, gql.AccountInheritanceNodeAccount)
        lists = account.inherited_lists
        assert lists is not None
        assert {lst.legacy_id for lst in lists.nodes} == {str(i) for i in oldest[0].inherited_lists}
        assert {lst.name for lst in lists.nodes} == {
            seed.lists[i].list_name for i in oldest[0].inherited_lists
        }
        assert all(isinstance(lst, gql.ListCounts) for lst in lists.nodes)

        quotas = await client.reseller_quotas(first=5)
        raw = demo.query(
            "{ me(platform: MAXMAILER) { subAccounts(first: 5) { nodes { username "
            "quota { sendLimit sendPeriod resetDate } } } } }"
        )
        raw_accounts = raw["me"]["subAccounts"]["nodes"]
        assert quotas.me is not None
        assert quotas.me.sub_accounts is not None
        typed_accounts = quotas.me.sub_accounts.nodes
        assert [a.username for a in typed_accounts] == [a["username"] for a in raw_accounts]
        for typed, plain in zip(typed_accounts, raw_accounts, strict=True):
            assert typed.quota is not None
            assert typed.quota.send_limit == plain["quota"]["sendLimit"]
            assert isinstance(typed.quota.reset_date, date)
            assert typed.quota.reset_date.isoformat() == plain["quota"]["resetDate"]
            if plain["quota"]["sendPeriod"] is not None:
                assert typed.quota.send_period is gql.SendPeriod(plain["quota"]["sendPeriod"])

        report = await client.campaign_report(first=200)
        campaigns = report.campaigns.nodes
        assert len(campaigns) == report.campaigns.total_count > 0
        assert {c.platform for c in campaigns} >= {gql.Platform.OEMPRO, gql.Platform.MAXMAILER}
        raw = demo.query("{ campaigns(first: 200) { nodes { id subject stats { sent } } } }")
        plain = {c["id"]: c for c in raw["campaigns"]["nodes"]}
        for campaign in campaigns:
            assert isinstance(campaign, gql.CampaignReportRow)
            assert isinstance(campaign.status, gql.CampaignStatus)
            assert campaign.subject == plain[campaign.id]["subject"]
            sent = plain[campaign.id]["stats"] and plain[campaign.id]["stats"]["sent"]
            assert (campaign.stats and campaign.stats.sent) == sent

        lists_page = await client.account_lists(platform=gql.Platform.OEMPRO, first=5)
        assert lists_page.me is not None
        assert lists_page.me.lists is not None
        first_list = lists_page.me.lists.nodes[0]
        subscribers = await client.list_subscribers(
            list_id=first_list.id, status=gql.SubscriberStatus.ACTIVE, first=5
        )
        mailing_list = subscribers.node
        assert isinstance(mailing_list, gql.ListSubscribersNodeMailingList)
        assert mailing_list.name == first_list.name
        assert mailing_list.subscribers is not None
        assert mailing_list.subscribers.total_count == first_list.subscriber_count
        assert mailing_list.subscribers.nodes
        for subscriber in mailing_list.subscribers.nodes:
            assert subscriber.subscription_status is gql.SubscriptionStatus.SUBSCRIBED
            assert isinstance(subscriber.subscribed_at, datetime)

        # A GraphQL error arrives as the client's exception, with mailgql's extensions.
        with pytest.raises(gql.GraphQLClientGraphQLMultiError) as refused:
            await client.list_subscription_lookup(list_id="no-such-list", email="a@example.com")
        [error] = refused.value.errors
        assert error.path == ["listSubscription"]
        assert error.extensions["code"] == "NOT_FOUND"
        assert refused.value.data == {"listSubscription": None}


async def test_mutations_change_the_demo_and_answer_typed_payloads(
    client_package: ModuleType, demo: Demo
) -> None:
    gql = client_package
    seed = seeded_v2rest()
    account = seed.sub_accounts()[0]
    new_list = min(set(seed.lists) - account.inherited_lists)

    async with gql.MailgqlClient(url=demo.graphql) as client:
        tree = await client.account_tree(platform=gql.Platform.V2REST, first=1)
        assert tree.me is not None
        assert tree.me.sub_accounts is not None
        account_id = tree.me.sub_accounts.nodes[0].id

        # Inheritance: the list joins the account's, and leaves it again.
        given = await client.inherit_lists(account_id=account_id, list_ids=[str(new_list)])
        assert given.inherit_lists.user_errors == []
        assert given.inherit_lists.account is not None
        inherited = given.inherit_lists.account.inherited_lists
        assert inherited is not None
        assert {lst.legacy_id for lst in inherited.nodes} == {
            str(i) for i in account.inherited_lists | {new_list}
        }
        added = next(lst for lst in inherited.nodes if lst.legacy_id == str(new_list))
        assert added.name == seed.lists[new_list].list_name

        taken = await client.remove_inherited_list(account_id=account_id, list_id=added.id)
        assert taken.remove_inherited_list.user_errors == []
        again = await client.account_inheritance(account_id=account_id)
        assert isinstance(again.node, gql.AccountInheritanceNodeAccount)
        assert again.node.inherited_lists is not None
        assert {lst.legacy_id for lst in again.node.inherited_lists.nodes} == {
            str(i) for i in account.inherited_lists
        }

        # A refused write: a typed user error from the shared fragment, nothing raised.
        refused = await client.inherit_lists(account_id=account_id, list_ids=["999999"])
        assert refused.inherit_lists.account is None
        [error] = refused.inherit_lists.user_errors
        assert isinstance(error, gql.UserErrorFields)
        assert error.platform is gql.Platform.V2REST
        assert error.code == "FORBIDDEN"

        # Subscriptions: on with an expiry, looked up, then off.
        expires = datetime(2031, 1, 15, 12, 0, tzinfo=UTC)
        email = "codegen.reader@example.com"
        on = await client.subscribe(
            list_id="newsletter", email=email, name="Codegen Reader", expires_at=expires
        )
        assert on.subscribe.user_errors == []
        assert on.subscribe.subscription is not None
        assert on.subscribe.subscription.active is True
        assert on.subscribe.subscription.expires_at == expires
        status = await client.list_subscription_lookup(list_id="newsletter", email=email)
        assert status.list_subscription is not None
        assert status.list_subscription.active is True
        assert status.list_subscription.name == "Codegen Reader"
        off = await client.unsubscribe(list_id="newsletter", email=email)
        assert off.unsubscribe.subscription is not None
        assert off.unsubscribe.subscription.active is False

        # Lists: a new Oempro list, empty, listed afterwards.
        created = await client.create_list(platform=gql.Platform.OEMPRO, name="Codegen readers")
        assert created.create_list.user_errors == []
        made = created.create_list.list_
        assert made is not None
        assert (made.name, made.subscriber_count, made.platform) == (
            "Codegen readers",
            0,
            gql.Platform.OEMPRO,
        )
        assert isinstance(made.created_at, datetime)
        listed = await client.account_lists(platform=gql.Platform.OEMPRO, first=50)
        assert listed.me is not None
        assert listed.me.lists is not None
        assert made.id in {lst.id for lst in listed.me.lists.nodes}
