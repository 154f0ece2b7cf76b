"""What a user does with an email record besides editing it (contract §14) — user scope:
copy it, send a test of it, score it for spam, and list the merge tags it may use.

Our readings where the contract says only the codes: ``Email.EmailPreview`` needs a list
(code 5) when the content holds subscriber merge tags, which only a list's subscriber can fill;
``Email.SpamTest`` scores with a few SpamAssassin-like rules and fails with 3 for an email
without content; ``Email.PersonalizationTags`` answers ``PersonalizationTags`` as a list of
``{Tag, Label}`` rows (tags such as ``%Subscriber:EmailAddress%`` are no XML element names).
"""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import USER, Call, CommandTable, requires
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import Email

__all__ = ["COMMANDS", "PERSONALIZATION_SCOPES", "SPAM_THRESHOLD"]

COMMANDS = CommandTable()

SPAM_THRESHOLD = 5.0
"""The score from which an email counts as spam."""

_SUBSCRIBER_TAGS = {
    "%Subscriber:EmailAddress%": "Email address",
    "%Subscriber:SubscriberID%": "Subscriber id",
    "%Subscriber:SubscriptionDate%": "Subscription date",
}
_LINK_TAGS = {
    "CampaignLinks": {
        "%Link:WebBrowser%": "View in web browser",
        "%Link:Forward%": "Forward to a friend",
    },
    "OptLinks": {"%Link:Confirm%": "Confirm subscription", "%Link:Reject%": "Reject subscription"},
    "ListLinks": {"%Link:Unsubscribe%": "Unsubscribe", "%Link:SubscriberArea%": "Subscriber area"},
}
_USER_TAGS = {
    "%User:FirstName%": "Your first name",
    "%User:LastName%": "Your last name",
    "%User:CompanyName%": "Your company name",
    "%User:Website%": "Your website",
}
PERSONALIZATION_SCOPES = ("Subscriber", *_LINK_TAGS, "AllLinks", "User")
"""The ``Scope`` values ``Email.PersonalizationTags`` takes: subscriber tags, each kind of link,
every link at once, and the user's own tags."""
_SPAM_RULES = (
    ("FREE_MONEY", "free money", 3.1, "Talks about free money"),
    ("ALL_CAPS_SUBJECT", None, 1.6, "Subject is all capitals"),
    ("NO_PLAIN_PART", None, 0.9, "No plain text part"),
    ("CLICK_HERE", "click here", 0.7, "Says 'click here'"),
    ("EXCLAMATIONS", "!!!", 1.2, "Several exclamation marks in a row"),
)

_EMAIL_ID = ("EmailID", 1, "Email id is missing")


@COMMANDS.register("Email.Duplicate", USER)
@requires(_EMAIL_ID)
def email_duplicate(call: Call) -> Outcome:
    """``Email.Duplicate``: 1 id missing, 2 invalid id; the copy's id as ``EmailID``."""
    source = call.owned(call.state.owned_email, "EmailID", (2, "Invalid email id"))
    email_id = call.state.next_id("email")
    copy = Email(source.cols)
    copy["EmailID"] = str(email_id)
    copy["EmailName"] = f"{source['EmailName'] or 'Email'} (copy)"
    call.state.emails[email_id] = copy
    for attachment in call.state.content.attachments_of(source.id):
        attachment_id = call.state.next_id("attachment")
        clone = type(attachment)(attachment.cols)
        clone["AttachmentID"] = str(attachment_id)
        clone["RelEmailID"] = str(email_id)
        call.state.content.attachments[attachment_id] = clone
    return ok(EmailID=email_id)


@COMMANDS.register("Email.EmailPreview", USER)
@requires(_EMAIL_ID, ("EmailAddress", 2, "Email address is missing"))
def email_preview(call: Call) -> Outcome:
    """``Email.EmailPreview``: send a test; codes 1-7."""
    p = call.params
    email = call.owned(call.state.owned_email, "EmailID", (3, "Invalid email id"))
    address = call.address("EmailAddress", (4, "Invalid email address"))
    content = f"{email['Subject']} {email['HTMLContent']} {email['PlainContent']}".lower()
    list_id = p.integer("ListID")
    if p.filled("ListID") is None and "%subscriber:" in content:
        return fail((5, "List id is missing"))
    if p.filled("ListID") is not None and call.state.owned_list(call.user.id, list_id) is None:
        return fail((6, "Invalid list id"))
    if p.filled("CampaignID") is not None and (
        call.state.owned_campaign(call.user.id, p.integer("CampaignID")) is None
    ):
        return fail((7, "Invalid campaign id"))
    call.state.content.previews.append((email.id, address))
    return ok()


def _score(email: Email) -> list[tuple[str, float, str]]:
    text = f"{email['Subject']} {email['HTMLContent']} {email['PlainContent']}".lower()
    hits: list[tuple[str, float, str]] = []
    for name, phrase, points, description in _SPAM_RULES:
        if phrase is not None:
            hit = phrase in text
        elif name == "ALL_CAPS_SUBJECT":
            subject = email["Subject"]
            hit = subject.isupper() and len(subject) > 3
        else:
            hit = not email["PlainContent"].strip()
        if hit:
            hits.append((name, points, description))
    return hits


@COMMANDS.register("Email.SpamTest", USER)
@requires(_EMAIL_ID)
def email_spam_test(call: Call) -> Outcome:
    """``Email.SpamTest``: 1 id missing, 2 invalid id, 3 nothing to test (no content)."""
    email = call.owned(call.state.owned_email, "EmailID", (2, "Invalid email id"))
    if not (email["HTMLContent"].strip() or email["PlainContent"].strip()):
        return fail((3, "Email has no content to test"))
    hits = _score(email)
    score = round(sum(points for _, points, _ in hits), 1)
    return ok(
        TestResults={
            "Score": f"{score:.1f}",
            "Threshold": f"{SPAM_THRESHOLD:.1f}",
            "IsSpam": "Yes" if score >= SPAM_THRESHOLD else "No",
            "Rules": [
                {"Rule": name, "Score": f"{points:.1f}", "Description": description}
                for name, points, description in hits
            ],
        }
    )


@COMMANDS.register("Email.PersonalizationTags", USER)
def email_personalization_tags(call: Call) -> Outcome:
    """``Email.PersonalizationTags``: 1 scope missing, 2 list id missing (``Subscriber``)."""
    p = call.params
    scopes = [s.strip() for s in p.array("Scope") if s.strip()]
    if not scopes:
        return fail((1, "Scope is missing"))
    wanted = {s.lower() for s in scopes}
    tags: dict[str, str] = {}
    if "subscriber" in wanted:
        list_ids = p.ids("ListID")
        if not list_ids:
            return fail((2, "List id is missing"))
        tags |= _SUBSCRIBER_TAGS
        for list_id in list_ids:
            if call.state.owned_list(call.user.id, list_id) is None:
                continue
            for field in call.state.fields_of(list_id):
                tags[f"%Subscriber:CustomField{field.id}%"] = field["FieldName"]
    for scope, links in _LINK_TAGS.items():
        if scope.lower() in wanted or "alllinks" in wanted:
            tags |= links
    if "user" in wanted:
        tags |= _USER_TAGS
    return ok(PersonalizationTags=[{"Tag": tag, "Label": label} for tag, label in tags.items()])
