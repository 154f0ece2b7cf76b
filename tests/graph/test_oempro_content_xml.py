"""The content side read through XML answers (MAILGQL_OEMPRO_RESPONSE_FORMAT=XML) shows the same
as through JSON: tags, emails with attachments and spam scores, templates, media, merge tags."""

from __future__ import annotations

from tests.conftest import open_gateway
from tests.graph.oempro_helpers import XML, gid, own_campaigns

CONTENT = """query($email: ID!) {
  me(platform: OEMPRO) {
    tags { totalCount nodes { id name } }
    emails(first: 100) { totalCount nodes { id subject fromEmail mode imageEmbedding } }
    emailTemplates { nodes { id name global subject } }
    media { nodes { id name size url uploadedAt } }
    personalizationTags(scopes: [USER, OPT_LINKS]) { tag label }
    campaigns(first: 20) { nodes { id tags { name } } }
  }
  node(id: $email) { ... on Email { attachments { id fileName size }
    spamTest { score threshold isSpam rules { rule score } } } }
}"""


async def test_xml_answers_read_like_json(emulators):
    variables = {"email": gid("Email", own_campaigns(emulators)[0].number("RelEmailID"))}
    async with open_gateway(emulators) as gateway:
        as_json = await gateway.query(CONTENT, variables)
    async with open_gateway(emulators, **XML) as gateway:
        as_xml = await gateway.query(CONTENT, variables)
    assert as_xml == as_json
    assert as_json["me"]["tags"]["totalCount"] > 0
    assert as_json["node"]["attachments"]
    assert as_json["me"]["media"]["nodes"]
