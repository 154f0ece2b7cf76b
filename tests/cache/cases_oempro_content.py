"""The Oempro content mutations (campaign tags), each with the read that shows what it changes."""

from __future__ import annotations

from collections.abc import Callable

from mailgql.emulators import Emulators
from mailgql.platforms import Platform
from tests.cache.invalidation import Answer, Case, unchanged
from tests.graph.oempro_helpers import demo_user, gid, own_campaigns, own_lists, state

__all__ = ["OEMPRO_CONTENT_CASES"]

OE = Platform.OEMPRO

TAGS = "{ me(platform: OEMPRO) { tags(first: 100) { totalCount nodes { name } } } }"
EMAILS = (
    "{ me(platform: OEMPRO) { emails(first: 200) { totalCount nodes { legacyId name subject } } } }"
)
TEMPLATES = "{ me(platform: OEMPRO) { emailTemplates { totalCount nodes { name subject } } } }"
MEDIA = "{ me(platform: OEMPRO) { media { totalCount nodes { name } } } }"
ATTACHMENTS = "query($id: ID!) { node(id: $id) { ... on Email { attachments { fileName } } } }"
UNSUBSCRIBE = "<p>Bye: %Link:Unsubscribe%</p>"
TAGGED = "{ campaigns(platform: OEMPRO, first: 50) { nodes { legacyId tags { name } } } }"


def tag_gid(emulators: Emulators, name: str) -> str:
    tags = state(emulators).content.tags_of(demo_user(emulators).id)
    return gid("CampaignTag", next(t.id for t in tags if t["Tag"] == name))


def first_two(emulators: Emulators) -> list[str]:
    return [gid("Campaign", c.id) for c in own_campaigns(emulators)[:2]]


def campaign_email(emulators: Emulators) -> int:
    """The email of the demo user's first campaign."""
    return own_campaigns(emulators)[0].number("RelEmailID")


def first_attachment(emulators: Emulators) -> str:
    """The global ID of the first attachment of the first campaign's email."""
    email_id = campaign_email(emulators)
    attachment = state(emulators).content.attachments_of(email_id)[0]
    return gid("Attachment", f"{email_id}:{attachment.id}")


def email_rows(a: Answer) -> list[tuple[str, str | None, str | None]]:
    nodes = a["me"]["emails"]["nodes"]
    return [(n["legacyId"], n["name"], n["subject"]) for n in nodes]


def subjects(a: Answer) -> list[str | None]:
    return [n["subject"] for n in a["me"]["emails"]["nodes"]]


def tag_names(a: Answer) -> list[str]:
    return [n["name"] for n in a["me"]["tags"]["nodes"]]


def labels(tag: str) -> Callable[[Answer], list[bool]]:
    def show(a: Answer) -> list[bool]:
        """Whether each of the first two campaigns carries the tag."""
        nodes = a["campaigns"]["nodes"][:2]
        return [tag in [t["name"] for t in n["tags"]] for n in nodes]

    return show


OEMPRO_CONTENT_CASES = [
    Case(
        OE,
        "createCampaignTag",
        input=lambda e: {"name": "Autumn"},
        read=TAGS,
        show=tag_names,
        expect=lambda shown: [*shown, "Autumn"],
        upstream={"Tag.Create": 1, "Tags.Get": 1},
    ),
    Case(
        OE,
        "renameCampaignTag",
        input=lambda e: {"tagId": tag_gid(e, "Seasonal"), "name": "Holidays"},
        read=TAGS,
        show=tag_names,
        expect=lambda shown: [("Holidays" if n == "Seasonal" else n) for n in shown],
        upstream={"Tag.Update": 1, "Tags.Get": 1},
    ),
    Case(
        OE,
        "deleteCampaignTag",
        input=lambda e: {"tagId": tag_gid(e, "Unused")},
        read=TAGS,
        show=tag_names,
        expect=lambda shown: [n for n in shown if n != "Unused"],
        upstream={"Tags.Delete": 1, "Tags.Get": 1},
    ),
    Case(
        OE,
        "tagCampaigns",
        input=lambda e: {"tagId": tag_gid(e, "Unused"), "campaignIds": first_two(e)},
        read=TAGGED,
        show=labels("Unused"),
        expect=lambda shown: [True, True],
        upstream={
            "Tags.Get": 1,
            "Tag.AssignToCampaigns": 1,
            "Campaign.Get": 2,
            "Campaigns.Get": 1,
        },
    ),
    Case(
        OE,
        "untagCampaigns",
        input=lambda e: {"tagId": tag_gid(e, "Newsletter"), "campaignIds": first_two(e)},
        read=TAGGED,
        show=labels("Newsletter"),
        expect=lambda shown: [False, False],
        upstream={
            "Tags.Get": 1,
            "Tag.UnassignFromCampaigns": 1,
            "Campaign.Get": 2,
            "Campaigns.Get": 1,
        },
    ),
    Case(
        OE,
        "createEmail",
        input=lambda e: {"name": "Autumn", "subject": "Autumn news", "htmlContent": UNSUBSCRIBE},
        read=EMAILS,
        show=subjects,
        expect=lambda shown: [*shown, "Autumn news"],
        upstream={"Email.Create": 1, "Email.Update": 1, "Email.Get": 1, "Emails.Get": 1},
    ),
    Case(
        OE,
        "updateEmail",
        input=lambda e: {"emailId": str(campaign_email(e)), "subject": "Renamed"},
        read=EMAILS,
        show=lambda a: (len(subjects(a)), subjects(a).count("Renamed")),
        expect=lambda shown: (shown[0], 1),
        upstream={"Email.Update": 1, "Email.Get": 1, "Emails.Get": 1},
    ),
    Case(
        OE,
        "deleteEmail",
        input=lambda e: {"emailId": str(campaign_email(e))},
        read=EMAILS,
        show=lambda a: a["me"]["emails"]["totalCount"],
        expect=lambda shown: shown - 1,
        upstream={"Email.Get": 1, "Email.Delete": 1, "Emails.Get": 1},
    ),
    Case(
        OE,
        "duplicateEmail",
        input=lambda e: {"emailId": str(campaign_email(e))},
        read=EMAILS,
        show=lambda a: a["me"]["emails"]["totalCount"],
        expect=lambda shown: shown + 1,
        upstream={"Email.Duplicate": 1, "Email.Get": 1, "Emails.Get": 1},
    ),
    Case(
        OE,
        "sendTestEmail",
        input=lambda e: {
            "emailId": str(campaign_email(e)),
            "to": "qa@example.com",
            "listId": str(own_lists(e)[0].id),
        },
        read=EMAILS,
        show=email_rows,
        expect=unchanged,
        upstream={"Email.EmailPreview": 1, "Email.Get": 1},
    ),
    Case(
        OE,
        "createEmailTemplate",
        input=lambda e: {"name": "Promo", "htmlContent": "<p>Sale</p>"},
        read=TEMPLATES,
        show=lambda a: [n["name"] for n in a["me"]["emailTemplates"]["nodes"]],
        expect=lambda shown: [*shown, "Promo"],
        upstream={"Email.Template.Create": 1, "Email.Template.Get": 1, "Email.Templates.Get": 1},
    ),
    Case(
        OE,
        "updateEmailTemplate",
        input=lambda e: {"templateId": gid("EmailTemplate", 3), "subject": "Fresh"},
        read=TEMPLATES,
        show=lambda a: a["me"]["emailTemplates"]["nodes"][2]["subject"],
        expect=lambda shown: "Fresh",
        upstream={"Email.Template.Update": 1, "Email.Template.Get": 1, "Email.Templates.Get": 1},
    ),
    Case(
        OE,
        "deleteEmailTemplate",
        input=lambda e: {"templateId": gid("EmailTemplate", 3)},
        read=TEMPLATES,
        show=lambda a: a["me"]["emailTemplates"]["totalCount"],
        expect=lambda shown: shown - 1,
        upstream={"Email.Template.Get": 1, "Email.Template.Delete": 1, "Email.Templates.Get": 1},
    ),
    Case(
        OE,
        "updateCampaign",
        input=lambda e: {"campaignId": gid("Campaign", own_campaigns(e)[0].id), "name": "Renamed"},
        read="""query($id: ID!) { node(id: $id) { ... on Campaign { name } }
                  campaigns(platform: OEMPRO, first: 50) { nodes { name } } }""",
        variables=lambda e: {"id": gid("Campaign", own_campaigns(e)[0].id)},
        show=lambda a: (a["node"]["name"], a["campaigns"]["nodes"][0]["name"]),
        expect=lambda shown: ("Renamed", "Renamed"),
        upstream={"Campaign.Update": 1, "Campaign.Get": 1, "Campaigns.Get": 1},
    ),
    Case(
        OE,
        "uploadMedia",
        input=lambda e: {"name": "dot.png", "mimeType": "image/png", "data": "iVBORw0KGgo="},
        read=MEDIA,
        show=lambda a: [n["name"] for n in a["me"]["media"]["nodes"]],
        expect=lambda shown: [*shown, "dot.png"],
        upstream={"Media.Upload": 1, "Media.Retrieve": 1, "Media.Browse": 1},
    ),
    Case(
        OE,
        "deleteMedia",
        input=lambda e: {"mediaId": gid("MediaFile", 1)},
        read=MEDIA,
        show=lambda a: a["me"]["media"]["totalCount"],
        expect=lambda shown: shown - 1,
        upstream={"Media.Delete": 1, "Media.Browse": 1},
    ),
    Case(
        OE,
        "deleteAttachment",
        input=lambda e: {"attachmentId": first_attachment(e)},
        read=ATTACHMENTS,
        variables=lambda e: {"id": gid("Email", campaign_email(e))},
        show=lambda a: [x["fileName"] for x in a["node"]["attachments"]],
        expect=lambda shown: shown[1:],
        upstream={"Attachment.Delete": 1, "Email.Get": 1},
    ),
]
