"""Oempro's content records: campaign tags (and later templates, media and attachments). Pure.

Quirks handled (contract §3, §13, §14 and §19): ids, names and scores as strings; a campaign
row's ``Tags`` (``RetrieveTags``) as a PHP array of ``{TagID, Tag}`` rows, ``[]``, ``false`` or
missing (none); XML's ``node_N`` lists through ``items``; merge tags as an associative array
(tag -> label) or a list of ``{Tag, Label}`` rows; ``IsSpam`` as ``Yes``/``No``; media rows
named ``Media*`` in ``Media.Browse`` but bare (``Name``, ``Type``...) in ``Media.Retrieve``; an
email's ``Attachments`` only on ``Email.Get`` (None: not read, as on ``Emails.Get`` rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mailgql.upstreams._coerce import opt_int, opt_str, req_int, req_str, to_bool
from mailgql.upstreams.oempro.content_records import (
    Attachment,
    EmailTemplate,
    MediaFile,
    MediaLibrary,
    PersonalizationTag,
    SpamRule,
    SpamTest,
    Tag,
)
from mailgql.upstreams.oempro.wire.columns import Row, empty, items, opt_float, opt_id, rows, text

__all__ = [
    "parse_attachments",
    "parse_campaign_tags",
    "parse_media_file",
    "parse_media_library",
    "parse_email_template",
    "parse_personalization_tags",
    "parse_spam_test",
    "parse_tag",
]


def parse_tag(raw: Mapping[str, Any]) -> Tag:
    """A ``Tags.Get`` row, or one of a campaign row's ``Tags``."""
    row = Row(raw)
    return Tag(tag_id=row.req_int("TagID"), name=row.req_str("Tag"))


def parse_campaign_tags(value: Any) -> tuple[Tag, ...] | None:
    """A campaign row's ``Tags``: None when the row has no such key (not asked for), else the
    tags in order (none for "nothing" in any of its spellings)."""
    if value is None:
        return None
    return tuple(parse_tag(row) for row in rows(value))


def parse_spam_test(data: Mapping[str, Any]) -> SpamTest:
    """``Email.SpamTest``'s ``TestResults``."""
    raw = data.get("TestResults")
    if not isinstance(raw, Mapping):
        raise ValueError("Email.SpamTest answered without TestResults")
    rules = raw.get("Rules")
    flag = raw.get("IsSpam")
    return SpamTest(
        score=opt_float(raw.get("Score")),
        threshold=opt_float(raw.get("Threshold")),
        is_spam=None if flag is None or flag == "" else to_bool(flag),
        rules=tuple(
            SpamRule(
                rule=req_str(row["Rule"]),
                score=opt_float(row.get("Score")),
                description=opt_str(row.get("Description")),
            )
            for row in rows(rules)
        ),
    )


def parse_personalization_tags(data: Mapping[str, Any]) -> tuple[PersonalizationTag, ...]:
    """``Email.PersonalizationTags``: tag -> label pairs (or ``{Tag, Label}`` rows), in order."""
    raw = data.get("PersonalizationTags")
    if empty(raw):
        return ()
    if isinstance(raw, Mapping) and not all(str(k).startswith("node_") for k in raw):
        return tuple(PersonalizationTag(str(tag), opt_str(label)) for tag, label in raw.items())
    return tuple(
        PersonalizationTag(req_str(row["Tag"]), opt_str(row.get("Label"))) for row in rows(raw)
    )


def parse_email_template(raw: Mapping[str, Any]) -> EmailTemplate:
    """An ``Email.Templates.Get`` row or ``Email.Template.Get``'s ``Template`` (owner 0: the
    administrator's global template)."""
    row = Row(raw)
    return EmailTemplate(
        template_id=row.req_int("TemplateID"),
        owner_user_id=row.ref("RelOwnerUserID"),
        name=row.req_str("TemplateName"),
        description=row.text("TemplateDescription"),
        subject=row.text("TemplateSubject"),
        html_content=row.text("TemplateHTMLContent"),
        plain_content=row.text("TemplatePlainContent"),
        thumbnail_path=row.text("TemplateThumbnailPath"),
    )


def parse_attachments(value: Any) -> tuple[Attachment, ...] | None:
    """An email's ``Attachments`` (``Email.Get`` only): None when the key is missing."""
    if value is None:
        return None
    return tuple(
        Attachment(
            attachment_id=req_int(row["AttachmentID"]),
            email_id=opt_id(row.get("RelEmailID")),
            file_name=req_str(row["FileName"]),
            mime_type=text(row, "FileMimeType"),
            size=opt_int(row.get("FileSize")),
        )
        for row in rows(value)
    )


def parse_media_file(raw: Mapping[str, Any]) -> MediaFile:
    """A ``Media.Browse`` file row, or ``Media.Retrieve``'s answer (bare column names)."""
    row = Row(raw)

    def column(name: str) -> Any:
        return row.get(f"Media{name}", row.get(name))

    return MediaFile(
        media_id=row.req_int("MediaID"),
        name=req_str(column("Name")),
        mime_type=opt_str(column("Type")),
        size=opt_int(column("Size")),
        url=row.opt_str("URL"),
        uploaded_at=row.time("UploadDateTime"),
    )


def parse_media_library(data: Mapping[str, Any]) -> MediaLibrary:
    """``Media.Browse``: ``Folders`` (names, or rows with a ``FolderName``) and ``Files``."""
    folders = data.get("Folders")
    files = data.get("Files")
    names: list[str] = []
    for folder in [] if empty(folders) else items(folders):
        name = folder.get("FolderName") if isinstance(folder, Mapping) else folder
        if opt_str(name):
            names.append(str(name))
    return MediaLibrary(
        folders=tuple(names),
        files=tuple(parse_media_file(row) for row in rows(files)),
    )
