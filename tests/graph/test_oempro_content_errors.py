"""Every documented code of the content commands (tags, emails, templates, media, attachments)
reaches the client typed, with its legacyCode: each code answered once by the emulator (a fault)
to a document that makes the gateway send that command."""

from __future__ import annotations

import pytest

from mailgql.emulators.oempro.seed import seed_state
from mailgql.upstreams.oempro.user_error_codes import CONTENT_ERRORS
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import canned_error, gid
from tests.graph.test_oempro_errors import Probe, _mutation, _node, outcome

BAD, GONE = "BAD_USER_INPUT", "NOT_FOUND"
ABSENT = None
"""The look-up reads as null: the code says the record does not exist."""

EXPECTED: dict[str, dict[int | str, str | None]] = {
    "Tag.Create": dict.fromkeys((1, 2, 3, 4), BAD),
    "Tag.Update": {1: GONE, 2: BAD, 3: BAD, 4: BAD},
    "Tags.Delete": {1: BAD},
    "Tag.AssignToCampaigns": {1: BAD, 2: BAD},
    "Tag.UnassignFromCampaigns": {1: BAD, 2: BAD},
    "Campaigns.Archive.GetURL": {1: BAD, 2: ABSENT},
    "Email.Duplicate": {1: BAD, 2: GONE},
    "Email.EmailPreview": {1: BAD, 2: BAD, 3: GONE, 4: BAD, 5: BAD, 6: GONE, 7: GONE},
    "Email.SpamTest": {1: BAD, 2: GONE, 3: BAD},
    "Email.PersonalizationTags": {1: BAD, 2: BAD},
    "Email.Template.Get": {1: BAD, 2: ABSENT},
    "Email.Template.Create": {1: BAD, 2: BAD, 3: BAD},
    "Email.Template.Update": {1: BAD, 2: GONE, 3: BAD},
    "Email.Template.Delete": {1: BAD},
    "Media.Upload": dict.fromkeys((1, 2, 3, 4, 5), BAD),
    "Media.Retrieve": {1: BAD, 2: ABSENT},
    "Media.Delete": {1: BAD, 2: GONE},
    "Attachment.Delete": {1: BAD},
}
"""Per command with documented codes, what a client sees for each."""

TAG, CAMPAIGN, EMAIL = "1", "1", "1"
_SEEDED = seed_state(1, "small").state
_HELD = next(iter(_SEEDED.content.attachments.values()))
ATTACHMENT = gid("Attachment", f"{_HELD['RelEmailID']}:{_HELD.id}")
"""A seeded attachment, by its email: the check before ``Attachment.Delete`` passes."""
PROBES: dict[str, Probe] = {
    "Tag.Create": _mutation("createCampaignTag", {"name": "T"}),
    "Tag.Update": _mutation("renameCampaignTag", {"tagId": TAG, "name": "T"}),
    "Tags.Delete": _mutation("deleteCampaignTag", {"tagId": TAG}),
    "Tag.AssignToCampaigns": _mutation("tagCampaigns", {"tagId": TAG, "campaignIds": [CAMPAIGN]}),
    "Tag.UnassignFromCampaigns": _mutation(
        "untagCampaigns", {"tagId": TAG, "campaignIds": [CAMPAIGN]}
    ),
    "Campaigns.Archive.GetURL": Probe(
        f'{{ node(id: "{gid("CampaignTag", TAG)}") {{ ... on CampaignTag {{ archiveUrl }} }} }}',
        lambda data: data["node"]["archiveUrl"],
    ),
    "Email.Duplicate": _mutation("duplicateEmail", {"emailId": EMAIL}),
    "Email.EmailPreview": _mutation(
        "sendTestEmail", {"emailId": EMAIL, "to": "qa@example.com", "listId": "1"}
    ),
    "Email.SpamTest": _node(gid("Email", EMAIL), "... on Email { spamTest { score } }"),
    "Email.PersonalizationTags": Probe(
        "{ me(platform: OEMPRO) { personalizationTags(scopes: [USER]) { tag } } }",
        lambda data: data["me"]["personalizationTags"],
    ),
    "Email.Template.Get": _node(gid("EmailTemplate", 3), "... on EmailTemplate { name }"),
    "Email.Template.Create": _mutation("createEmailTemplate", {"name": "T", "plainContent": "x"}),
    "Email.Template.Update": _mutation("updateEmailTemplate", {"templateId": "3", "name": "T"}),
    "Email.Template.Delete": _mutation("deleteEmailTemplate", {"templateId": "3"}),
    "Media.Upload": _mutation(
        "uploadMedia", {"name": "a.png", "mimeType": "image/png", "data": "eA=="}
    ),
    "Media.Retrieve": _node(gid("MediaFile", 1), "... on MediaFile { name }"),
    "Media.Delete": _mutation("deleteMedia", {"mediaId": "1"}),
    "Attachment.Delete": _mutation("deleteAttachment", {"attachmentId": ATTACHMENT}),
}


async def answers_for(emulators, command: str, codes: dict[int | str, str | None]) -> dict:
    """Each code answered once by the emulator for ``command``; what the client saw."""
    probe = PROBES[command]
    seen: dict[int | str, tuple[str, str] | None] = {}
    async with open_gateway(emulators, debug_errors=True, **probe.settings) as gateway:
        for code in codes:
            await gateway.fault(
                platform="oempro",
                kind="status",
                status=200,
                endpoint=command,
                body=canned_error(code, f"text of {code}"),
            )
            seen[code] = await outcome(gateway, probe, command)
    return seen


@pytest.mark.parametrize("command", sorted(EXPECTED))
async def test_every_documented_content_code_reaches_the_client(emulators, command):
    codes = EXPECTED[command]
    seen = await answers_for(emulators, command, codes)
    assert seen == {
        code: None if expected is ABSENT else (expected, str(code))
        for code, expected in codes.items()
    }


def test_every_content_command_with_codes_has_a_probe():
    assert set(PROBES) == set(EXPECTED)
    assert set(EXPECTED) == {command for command, codes in CONTENT_ERRORS.items() if codes}
