"""Email content records (contract §14) — user scope."""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import (
    USER,
    Call,
    CommandTable,
    bad_address,
    canonical,
    listing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import Email

__all__ = ["COMMANDS", "LINKS"]

COMMANDS = CommandTable(error_text="absent")

LINKS = {
    "unsubscribe": "%Link:Unsubscribe%",
    "confirm": "%Link:Confirm%",
    "reject": "%Link:Reject%",
}
"""The merge tags a scope makes mandatory in the content."""

_SCOPES = ("OptIn", "Campaign", "AutoResponder")
_MODES = ("Empty", "Template", "Import")
# (scope, link, code when missing from the HTML body, code when missing from the plain body)
_LINK_RULES = (
    ("Campaign", "unsubscribe", 11, 12),
    ("AutoResponder", "unsubscribe", 11, 12),
    ("OptIn", "confirm", 13, 14),
    ("OptIn", "reject", 15, 16),
)
_EMAIL_ID_MISSING = ("EmailID", 1, "Email id is missing")
_TEXT_COLUMNS = ("EmailName", "FromName", "ReplyToName", "Subject", "HTMLContent", "PlainContent")


@COMMANDS.register("Email.Create", USER)
def email_create(call: Call) -> Outcome:
    """``Email.Create``: a blank record to fill with ``Email.Update``."""
    email_id = call.state.next_id("email")
    call.state.emails[email_id] = Email(
        EmailID=str(email_id),
        RelUserID=str(call.user.id),
        Mode="Empty",
        RelTemplateID="0",
        ImageEmbedding="Disabled",
    )
    return ok(EmailID=email_id)


@COMMANDS.register("Email.Update", USER)
@requires(
    ("EmailID", 1, "Email id is missing"),
    ("ValidateScope", 9, "Validation scope is missing"),
)
def email_update(call: Call) -> Outcome:
    """``Email.Update``: codes 1-16, the mandatory links depending on ``ValidateScope``."""
    p = call.params
    email = call.owned(call.state.owned_email, "EmailID", (3, "Invalid email id"))
    scope = call.choice("ValidateScope", _SCOPES, (10, "Invalid validation scope"))
    mode = email["Mode"] or "Empty"
    if p.filled("Mode") is not None:
        mode = call.choice("Mode", _MODES, (5, "Invalid mode"))
    if mode == "Import" and not (p.filled("FetchURL") or email["FetchURL"]):
        return fail((2, "Fetch URL is missing"))
    if mode == "Template" and not (p.integer("RelTemplateID") or email.number("RelTemplateID")):
        return fail((4, "Template id is missing"))
    problem = bad_address(p, (("FromEmail", 6), ("ReplyToEmail", 7)))
    if problem is not None:
        return problem
    html = p.text("HTMLContent") if p.present("HTMLContent") else email["HTMLContent"]
    plain = p.text("PlainContent") if p.present("PlainContent") else email["PlainContent"]
    html, plain = (html or "").strip(), (plain or "").strip()
    if mode != "Import":
        if not html and not plain:
            return fail((8, "Email has no content"))
        for rule_scope, link, html_code, plain_code in _LINK_RULES:
            if scope != rule_scope:
                continue
            tag = LINKS[link].lower()
            if html and tag not in html.lower():
                return fail((html_code, f"{LINKS[link]} is missing in the HTML content"))
            if plain and tag not in plain.lower():
                return fail((plain_code, f"{LINKS[link]} is missing in the plain content"))
    for column in _TEXT_COLUMNS:
        if p.present(column):
            email[column] = p.text(column) or ""
    for column in ("FromEmail", "ReplyToEmail", "FetchURL"):
        if p.filled(column) is not None:
            email[column] = p.filled(column) or ""
    if p.integer("RelTemplateID") is not None:
        email["RelTemplateID"] = str(p.integer("RelTemplateID"))
    embedding = canonical(p.filled("ImageEmbedding") or "", ("Enabled", "Disabled"))
    if embedding:
        email["ImageEmbedding"] = embedding
    email["Mode"] = mode
    email["ValidateScope"] = scope
    return ok()


@COMMANDS.register("Email.Get", USER, error_text="array")
@requires(_EMAIL_ID_MISSING)
def email_get(call: Call) -> Outcome:
    """``Email.Get``: one record under ``EmailInformation``, with its ``Attachments`` (the
    listing's rows have none); 2 when it is not the user's."""
    email = call.owned(call.state.owned_email, "EmailID", (2, "Email not found"))
    attachments = [a.row() for a in call.state.content.attachments_of(email.id)]
    return ok(EmailInformation={**email.row(), "Attachments": attachments})


@COMMANDS.register("Emails.Get", USER, error_text="array")
def emails_get(call: Call) -> Outcome:
    """``Emails.Get``: every email of the user, unpaged."""
    rows = [e for e in call.state.emails.values() if e.number("RelUserID") == call.user.id]
    return listing(call, rows, default="EmailID", key="Emails", total="TotalEmailCount")


@COMMANDS.register("Email.Delete", USER)
@requires(_EMAIL_ID_MISSING)
def email_delete(call: Call) -> Outcome:
    """``Email.Delete``: one record by ``EmailID`` (1 when missing).

    The contract lists no other code: like the bulk deletes, an id that is not the user's is
    left alone and the call succeeds (our reading).
    """
    email = call.state.owned_email(call.user.id, call.params.integer("EmailID"))
    if email is not None:
        del call.state.emails[email.id]
    return ok()
