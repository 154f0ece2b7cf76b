"""Oempro's content records decoded from canned answers (no server): tags, templates, spam
scores, merge tags, media and attachments, with their quirks; and the forms commands send."""

from __future__ import annotations

import pytest

from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.commands import (
    email_tools,
    media as media_commands,
    tags as tag_commands,
)
from mailgql.upstreams.oempro.content_records import Attachment, PersonalizationTag, SpamRule, Tag
from mailgql.upstreams.oempro.wire import content as wire_content
from mailgql.upstreams.oempro.wire.content import parse_campaign_tags, parse_tag


def test_a_tag_row_reads_its_string_id() -> None:
    assert parse_tag({"TagID": "7", "Tag": "Newsletter", "RelOwnerUserID": "1"}) == Tag(
        7, "Newsletter"
    )


@pytest.mark.parametrize("nothing", [[], False, "", {}])
def test_a_campaign_row_without_tags_in_any_spelling_has_none(nothing: object) -> None:
    assert parse_campaign_tags(nothing) == ()


def test_a_campaign_row_not_asked_for_tags_says_unknown() -> None:
    assert parse_campaign_tags(None) is None


def test_campaign_tags_from_json_and_from_xml_node_lists() -> None:
    json_rows = [{"TagID": "1", "Tag": "A"}, {"TagID": 2, "Tag": "B"}]
    xml_rows = {"node_0": {"TagID": "1", "Tag": "A"}, "node_1": {"TagID": "2", "Tag": "B"}}
    assert (
        parse_campaign_tags(json_rows)
        == parse_campaign_tags(xml_rows)
        == (
            Tag(1, "A"),
            Tag(2, "B"),
        )
    )


def test_a_campaign_row_carries_its_tags() -> None:
    row = {"CampaignID": "3", "CampaignName": "May", "CampaignStatus": "Sent"}
    assert wire.parse_campaign(row).tags is None
    tagged = wire.parse_campaign({**row, "Tags": [{"TagID": "4", "Tag": "Promotions"}]})
    assert tagged.tags == (Tag(4, "Promotions"),)


def test_tags_get_totals_and_the_archive_url() -> None:
    page = tag_commands.get_tags().decode(
        {"Tags": [{"TagID": "1", "Tag": "A"}], "TotalTagCount": 1}
    )
    assert page.items == (Tag(1, "A"),)
    assert page.total == 1
    url = tag_commands.get_archive_url(1, template_url="https://x.example/a")
    assert url.form == [("TagID", "1"), ("TemplateURL", "https://x.example/a")]
    assert url.decode({"URL": " https://x.example/a?TagID=1 "}) == "https://x.example/a?TagID=1"


def test_assignments_send_comma_lists() -> None:
    command = tag_commands.assign_tag(5, [1, 2, 3])
    assert (command.name, command.form, command.read) == (
        "Tag.AssignToCampaigns",
        [("TagID", "5"), ("CampaignIDs", "1,2,3")],
        False,
    )


def test_a_template_row_and_its_global_owner() -> None:
    row = {
        "TemplateID": "3",
        "RelOwnerUserID": "0",
        "TemplateName": "Digest",
        "TemplateSubject": "",
    }
    template = wire_content.parse_email_template(row)
    assert (template.template_id, template.owner_user_id, template.name) == (3, None, "Digest")
    assert template.subject is None


def test_spam_results_read_their_string_scores() -> None:
    body = {
        "TestResults": {
            "Score": "4.7",
            "Threshold": "5.0",
            "IsSpam": "No",
            "Rules": {"node_0": {"Rule": "CLICK_HERE", "Score": "0.7", "Description": "d"}},
        }
    }
    result = wire_content.parse_spam_test(body)
    assert (result.score, result.threshold, result.is_spam) == (4.7, 5.0, False)
    assert result.rules == (SpamRule("CLICK_HERE", 0.7, "d"),)
    assert wire_content.parse_spam_test({"TestResults": {"Rules": []}}).is_spam is None
    with pytest.raises(ValueError, match="TestResults"):
        wire_content.parse_spam_test({})


def test_merge_tags_as_an_associative_array_or_as_rows() -> None:
    pairs = {"PersonalizationTags": {"%User:FirstName%": "First name"}}
    rows = {"PersonalizationTags": [{"Tag": "%User:FirstName%", "Label": "First name"}]}
    xml_rows = {
        "PersonalizationTags": {"node_0": {"Tag": "%User:FirstName%", "Label": "First name"}}
    }
    expected = (PersonalizationTag("%User:FirstName%", "First name"),)
    assert wire_content.parse_personalization_tags(pairs) == expected
    assert wire_content.parse_personalization_tags(rows) == expected
    assert wire_content.parse_personalization_tags(xml_rows) == expected
    assert wire_content.parse_personalization_tags({"PersonalizationTags": False}) == ()


def test_media_rows_of_browse_and_the_bare_names_of_retrieve() -> None:
    browsed = wire_content.parse_media_library(
        {
            "Folders": [{"FolderName": "Logos"}, "Banners"],
            "Files": [
                {
                    "MediaID": "4",
                    "MediaName": "a.png",
                    "MediaType": "image/png",
                    "MediaSize": "12",
                    "URL": "http://x/a.png",
                    "UploadDateTime": "2024-05-01 10:00:00",
                }
            ],
        }
    )
    assert browsed.folders == ("Logos", "Banners")
    [media] = browsed.files
    assert (media.media_id, media.name, media.size) == (4, "a.png", 12)
    assert media.uploaded_at is not None
    assert wire_content.parse_media_library({"Folders": "", "Files": False}).files == ()
    retrieved = wire_content.parse_media_file(
        {"MediaID": "4", "Name": "a.png", "Type": "image/png", "Size": "12", "URL": "u"}
    )
    assert (retrieved.name, retrieved.mime_type, retrieved.size) == ("a.png", "image/png", 12)


def test_an_emails_attachments_only_when_read_one_by_one() -> None:
    assert wire_content.parse_attachments(None) is None
    assert wire_content.parse_attachments([]) == ()
    row = {"AttachmentID": "2", "RelEmailID": "9", "FileName": "t.pdf", "FileSize": "10"}
    assert wire_content.parse_attachments([row]) == (Attachment(2, 9, "t.pdf", None, 10),)
    email = {"EmailID": "9", "Attachments": [row]}
    assert wire.parse_email(email).attachments == (Attachment(2, 9, "t.pdf", None, 10),)
    assert wire.parse_email({"EmailID": "9"}).attachments is None


def test_uploads_send_the_decoded_size() -> None:
    command = media_commands.upload_media("a.png", "image/png", "eA==", 1)
    assert command.form == [
        ("MediaData", "eA=="),
        ("MediaType", "image/png"),
        ("MediaSize", "1"),
        ("MediaName", "a.png"),
    ]
    assert command.decode({"MediaID": 7}) == 7


def test_merge_tag_scopes_and_lists_go_as_php_arrays() -> None:
    command = email_tools.personalization_tags(["Subscriber", "User"], [3, 4])
    assert command.form == [
        ("Scope[]", "Subscriber"),
        ("Scope[]", "User"),
        ("ListID[]", "3"),
        ("ListID[]", "4"),
    ]
    assert command.read is True
