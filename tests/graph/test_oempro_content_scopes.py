"""The content side of a user read with the administrator's login: each read runs in the
user's session, opened by one ``User.Switch``; a client's content cannot be read."""

from __future__ import annotations

from mailgql.emulators.oempro.seed_content import MEDIA_FILES, TAG_NAMES, TEMPLATE_NAMES
from mailgql.platforms import Platform
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import ADMIN, demo_user, gid, state

USER_CONTENT = """query($id: ID!) { node(id: $id) { ... on Account {
  tags { totalCount } emails { totalCount nodes { id subject } }
  emailTemplates { nodes { name } } media { nodes { name } }
  personalizationTags(scopes: [USER]) { tag } } } }"""


async def test_an_administrator_reads_a_users_content_in_its_session(emulators):
    user = demo_user(emulators)
    async with open_gateway(emulators, **ADMIN) as gateway:
        data = await gateway.query(USER_CONTENT, {"id": gid("Account", f"user:{user.id}")})
        counts = await gateway.counts(Platform.OEMPRO)
    account = data["node"]
    assert account["tags"]["totalCount"] == len(TAG_NAMES)
    assert [n["name"] for n in account["emailTemplates"]["nodes"]] == list(TEMPLATE_NAMES)
    assert [n["name"] for n in account["media"]["nodes"]] == [n for n, _, _ in MEDIA_FILES]
    assert "%User:FirstName%" in [t["tag"] for t in account["personalizationTags"]]
    # Read as the user: the global ID names the user, so node() reads it as the user again.
    first_email = min(
        e.id for e in state(emulators).emails.values() if e.number("RelUserID") == user.id
    )
    assert account["emails"]["nodes"][0]["id"] == gid("Email", f"{user.id}/{first_email}")
    assert counts["User.Switch"] == 1
    for command in ("Tags.Get", "Emails.Get", "Email.Templates.Get", "Media.Browse"):
        assert counts[command] == 1


async def test_a_clients_content_is_unknown_not_empty(gateway, emulators):
    data = await gateway.query(
        "{ accounts(platform: OEMPRO, first: 1) { nodes { accountType "
        "tags { totalCount } emails { totalCount } emailTemplates { totalCount } "
        "media { totalCount } } } }"
    )
    [client] = data["accounts"]["nodes"]
    assert client["accountType"] == "client"
    for field in ("tags", "emails", "emailTemplates", "media"):
        assert client[field] == {"totalCount": None}
