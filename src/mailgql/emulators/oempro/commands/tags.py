"""Campaign tags (contract §13) — user scope; and the public archive page of a tag (§8).

A tag name is refused when it holds characters the tag lists and archive URLs cannot carry
(``,``, ``<``, ``>``, ``"``): code 3 (our reading of 5.x's "bad characters"). A name of blanks
only is code 4 (empty after trim); an absent or empty name is the "missing" code.
"""

from __future__ import annotations

import functools
from urllib.parse import quote

from mailgql.emulators.oempro.commands._base import (
    USER,
    Call,
    CommandTable,
    delete_listed,
    listing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records.content import Tag

__all__ = ["COMMANDS", "BAD_TAG_CHARACTERS", "archive_url"]

COMMANDS = CommandTable()

BAD_TAG_CHARACTERS = frozenset(',<>"')
"""Characters a tag name may not hold."""

_TAG_ID = ("TagID", 1, "Tag id is missing")
_CAMPAIGN_IDS = ("CampaignIDs", 2, "Campaign ids are missing")


def archive_url(tag: Tag, template_url: str | None) -> str:
    """Where the public archive of a tag's campaigns is served."""
    base = template_url or "http://oempro.example.com/archive.php"
    glue = "&" if "?" in base else "?"
    return f"{base}{glue}TagID={tag.id}&Tag={quote(tag['Tag'])}"


def _name_error(call: Call, missing_code: int) -> Outcome | None:
    """Codes for a tag name: missing, bad characters (3), blanks only (4)."""
    raw = call.params.text("Tag")
    if raw is None or raw == "":
        return fail((missing_code, "Tag name is missing"))
    if not raw.strip():
        return fail((4, "Tag name is empty"))
    if BAD_TAG_CHARACTERS & set(raw):
        return fail((3, "Tag name has characters that are not allowed"))
    return None


def _taken(call: Call, name: str, *, but: int = 0) -> bool:
    wanted = name.lower()
    return any(
        t["Tag"].lower() == wanted and t.id != but for t in call.state.content.tags_of(call.user.id)
    )


@COMMANDS.register("Tags.Get", USER)
def tags_get(call: Call) -> Outcome:
    """``Tags.Get``: every tag of the user, unpaged, totalled as ``TotalTagCount``."""
    rows = call.state.content.tags_of(call.user.id)
    return listing(call, rows, default="TagID", key="Tags", total="TotalTagCount")


@COMMANDS.register("Tag.Create", USER)
def tag_create(call: Call) -> Outcome:
    """``Tag.Create``: 1 name missing, 2 the user has a tag of that name, 3, 4."""
    error = _name_error(call, 1)
    if error:
        return error
    name = (call.params.text("Tag") or "").strip()
    if _taken(call, name):
        return fail((2, "A tag with that name exists"))
    tag_id = call.state.next_id("tag")
    call.state.content.tags[tag_id] = Tag(
        TagID=str(tag_id), RelOwnerUserID=str(call.user.id), Tag=name
    )
    return ok(TagID=tag_id)


@COMMANDS.register("Tag.Update", USER)
@requires(_TAG_ID)
def tag_update(call: Call) -> Outcome:
    """``Tag.Update``: 1 id missing or not the user's, 2 name missing (or another of the
    user's tags has it, as ``Tag.Create`` says with its 2), 3, 4."""
    tag = call.owned(call.state.content.owned_tag, "TagID", (1, "Invalid tag id"))
    error = _name_error(call, 2)
    if error:
        return error
    name = (call.params.text("Tag") or "").strip()
    if _taken(call, name, but=tag.id):
        return fail((2, "A tag with that name exists"))
    tag["Tag"] = name
    return ok()


@COMMANDS.register("Tags.Delete", USER)
def tags_delete(call: Call) -> Outcome:
    """``Tags.Delete``: a comma list of ids; other users' tags are left alone."""
    content = call.state.content
    owned = functools.partial(content.owned_tag, call.user.id)
    return delete_listed(call, "Tags", "Tag ids are missing", owned, content.tags.pop)


def _assignment(call: Call, *, assign: bool) -> Outcome:
    tag = call.state.content.owned_tag(call.user.id, call.params.integer("TagID"))
    if tag is None:
        return fail((1, "Invalid tag id"))
    campaign_ids = call.params.ids("CampaignIDs")
    if not campaign_ids:
        return fail((2, "Campaign ids are missing"))
    for campaign_id in campaign_ids:
        if call.state.owned_campaign(call.user.id, campaign_id) is None:
            continue  # other users' campaigns are left alone, as the bulk deletes do
        if assign and campaign_id not in tag.campaign_ids:
            tag.campaign_ids.append(campaign_id)
        elif not assign and campaign_id in tag.campaign_ids:
            tag.campaign_ids.remove(campaign_id)
    return ok()


@COMMANDS.register("Tag.AssignToCampaigns", USER)
@requires(_TAG_ID, _CAMPAIGN_IDS)
def tag_assign(call: Call) -> Outcome:
    """``Tag.AssignToCampaigns``: 1 tag id missing or invalid, 2 campaign ids missing."""
    return _assignment(call, assign=True)


@COMMANDS.register("Tag.UnassignFromCampaigns", USER)
@requires(_TAG_ID, _CAMPAIGN_IDS)
def tag_unassign(call: Call) -> Outcome:
    """``Tag.UnassignFromCampaigns``: 1 tag id missing or invalid, 2 campaign ids missing."""
    return _assignment(call, assign=False)


@COMMANDS.register("Campaigns.Archive.GetURL", USER)
@requires(_TAG_ID)
def archive_get_url(call: Call) -> Outcome:
    """``Campaigns.Archive.GetURL``: 1 tag id missing, 2 tag not found."""
    tag = call.owned(call.state.content.owned_tag, "TagID", (2, "Tag not found"))
    return ok(URL=archive_url(tag, call.params.filled("TemplateURL")))
