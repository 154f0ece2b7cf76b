"""Upstream call counts of Oempro documents, read from the emulator's counter.

Each test states the fewest calls the API allows for what the document asks, next to what the
gateway makes. Oempro reads nothing by several ids at once, its 4.x list rows carry no counts,
and a campaign's subject lives on its email record: the loaders read whole listings where one
call serves many objects, and de-duplicate the rest within a request.
"""

from __future__ import annotations

from mailgql.platforms import Platform
from mailgql.settings import Settings
from tests.conftest import open_gateway
from tests.graph.oempro_helpers import expected_count, gid, own_campaigns, own_lists, state

DASHBOARD = """{ me(platform: OEMPRO) { username
  lists(first: 10) { totalCount nodes { id name subscriberCount unsubscribedCount bouncedCount } }
  campaigns(first: 10) { totalCount nodes { id name subject status startedAt
    stats { recipients sent pending bounced uniqueOpens totalOpens uniqueClicks totalClicks
            unsubscribed totalForwards openRate clickRate } } } } }"""


async def _ten_lists(emulators) -> None:
    """The demo user has 8 lists: add two through the graph, in a gateway of their own."""
    async with open_gateway(emulators) as gateway:
        for name in ("Autumn launch", "Winter sale"):
            await gateway.query(
                "mutation($n: String!) { createList(input: {platform: OEMPRO, name: $n}) "
                "{ userErrors { code } } }",
                {"n": name},
            )
        await gateway.reset_calls()


async def test_the_dashboard_costs_the_fewest_calls_the_api_allows(emulators):
    """Ten lists with their three counts and ten campaigns with subjects and statistics.

    Fewest calls the API allows: 1 ``User.Login`` (once per process) + 1 ``Lists.Get`` +
    3 × 10 ``Subscribers.Get`` (4.x list rows carry no counts; each count is the
    ``TotalSubscribers`` of a one-record page in one status, and no command counts several
    lists or statuses) + 1 ``Campaigns.Get`` (its rows carry every counter) + 1 ``Emails.Get``
    (subjects live on email records; one listing holds them all) = 34.
    The gateway makes 34.
    """
    await _ten_lists(emulators)
    async with open_gateway(emulators) as gateway:
        data = await gateway.query(DASHBOARD)
        counts = await gateway.counts(Platform.OEMPRO)
    lists = data["me"]["lists"]["nodes"]
    campaigns = data["me"]["campaigns"]["nodes"]
    assert len(lists) == data["me"]["lists"]["totalCount"] == 10
    assert len(campaigns) == data["me"]["campaigns"]["totalCount"] == 10
    for node, stored in zip(lists, own_lists(emulators), strict=True):
        assert node["subscriberCount"] == expected_count(emulators, stored.id, "Active")
        assert node["unsubscribedCount"] == expected_count(emulators, stored.id, "Unsubscribed")
        assert node["bouncedCount"] == expected_count(emulators, stored.id, "Hard bounced")
    emails = state(emulators).emails
    for node, stored in zip(campaigns, own_campaigns(emulators), strict=True):
        email = emails.get(stored.number("RelEmailID"))
        assert node["subject"] == (email["Subject"] if email else None)
        assert node["stats"]["sent"] == stored.number("TotalSent")
        assert node["stats"]["totalForwards"] == stored.number("TotalForwards")
    assert counts == {
        "User.Login": 1,
        "Lists.Get": 1,
        "Subscribers.Get": 30,
        "Campaigns.Get": 1,
        "Emails.Get": 1,
    }
    assert sum(counts.values()) == 34


async def test_the_same_data_asked_again_in_one_document_costs_nothing_more(gateway, emulators):
    """The dashboard twice (aliases) plus node() of a list and a campaign it already read.

    Fewest calls: those of one dashboard over the user's 8 lists, the login aside (1
    ``Lists.Get`` + 3 × 8 ``Subscribers.Get`` + 1 ``Campaigns.Get`` + 1 ``Emails.Get``), plus
    one ``List.Get`` and one ``Campaign.Get`` for the look-ups by id (a look-up is not a window
    of a listing); the counts of the list looked up are already known = 29. The gateway
    makes 29.
    """
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    lst, campaign = own_lists(emulators)[0], own_campaigns(emulators)[0]
    body = DASHBOARD.removeprefix("{").removesuffix("}")
    await gateway.query(
        f"""{{ a: {body.strip()} b: {body.strip()}
               l: node(id: "{gid("MailingList", lst.id)}") {{ ... on MailingList {{
                    subscriberCount bouncedCount }} }}
               c: node(id: "{gid("Campaign", campaign.id)}") {{ ... on Campaign {{
                    status stats {{ sent }} }} }} }}"""
    )
    assert await gateway.counts(Platform.OEMPRO) == {
        "Lists.Get": 1,
        "Subscribers.Get": 3 * 8,
        "Campaigns.Get": 1,
        "Emails.Get": 1,
        "List.Get": 1,
        "Campaign.Get": 1,
    }


async def test_campaign_rows_without_subjects_cost_one_call(gateway):
    """Statuses and statistics of ten campaigns: fewest 1 ``Campaigns.Get``; the gateway
    makes 1 (no email is read when no subject or sender is asked)."""
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    await gateway.query(
        "{ campaigns(platform: OEMPRO, first: 10) { nodes { status legacyStatus "
        "stats { sent bounced openRate } } } }"
    )
    assert await gateway.counts(Platform.OEMPRO) == {"Campaigns.Get": 1}


async def test_a_lone_campaigns_subject_asked_with_the_email_listing_costs_no_call_of_its_own(
    gateway,
):
    """The account's emails and one campaign's subject in one document: fewest 1 ``Emails.Get``
    + 1 ``Campaigns.Get``; the subject is found in the listing the same request reads, with no
    ``Email.Get`` of its own."""
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    data = await gateway.query(
        "{ me(platform: OEMPRO) { emails(first: 50) { nodes { id subject } } } "
        "campaigns(platform: OEMPRO, first: 1) { nodes { subject email { id subject } } } }"
    )
    [campaign] = data["campaigns"]["nodes"]
    subjects = {e["id"]: e["subject"] for e in data["me"]["emails"]["nodes"]}
    assert campaign["subject"] == subjects[campaign["email"]["id"]]
    assert await gateway.counts(Platform.OEMPRO) == {"Emails.Get": 1, "Campaigns.Get": 1}


async def test_a_lone_subject_is_read_alone_when_the_listing_beside_it_fails(gateway):
    """The listing fails (HTTP 503): the emails field is null with its error, and the campaign's
    subject, whose own call would have answered, is read with ``Email.Get``."""
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.fault(
        platform="oempro", kind="status", status=503, endpoint="Emails.Get", count=None
    )
    await gateway.reset_calls()
    body = await gateway.result(
        "{ me(platform: OEMPRO) { emails(first: 50) { nodes { id } } } "
        "campaigns(platform: OEMPRO, first: 1) { nodes { subject } } }"
    )
    [error] = body["errors"]
    assert error["path"] == ["me", "emails"]
    assert body["data"]["me"]["emails"] is None
    [campaign] = body["data"]["campaigns"]["nodes"]
    assert campaign["subject"]
    assert await gateway.counts(Platform.OEMPRO) == {
        "Emails.Get": 1 + Settings().read_retries,  # a failed read is tried again
        "Campaigns.Get": 1,
        "Email.Get": 1,
    }


async def test_subscribers_with_their_fields_cost_two_calls_per_list(gateway, emulators):
    """Fifty subscribers of a list with named field values: fewest 1 ``Subscribers.Get`` + 1
    ``CustomFields.Get`` (rows carry values by field id only); the gateway makes 2, plus the
    ``List.Get`` of the look-up by id."""
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    lst = own_lists(emulators)[1]
    await gateway.query(
        f"""{{ node(id: "{gid("MailingList", lst.id)}") {{ ... on MailingList {{
               subscribers(first: 50) {{ nodes {{ email fields {{ name value }} }} }} }} }} }}"""
    )
    assert await gateway.counts(Platform.OEMPRO) == {
        "List.Get": 1,
        "Subscribers.Get": 1,
        "CustomFields.Get": 1,
    }


PAGE_AND_COUNT = """{{ node(id: "{id}") {{ ... on MailingList {{
  subscriberCount subscribers(first: 5) {{ totalCount nodes {{ email }} }} }} }} }}"""


async def test_a_lists_count_asked_beside_its_first_page_costs_no_call_of_its_own(
    gateway, emulators
):
    """A list's subscriber count with the first page of its subscribers: fewest 1
    ``Subscribers.Get`` (the page's answer carries the total), and the ``List.Get`` of the
    look-up by id."""
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    await gateway.reset_calls()
    lst = own_lists(emulators)[1]
    data = await gateway.query(PAGE_AND_COUNT.format(id=gid("MailingList", lst.id)))
    node = data["node"]
    assert node["subscriberCount"] == node["subscribers"]["totalCount"]
    assert node["subscriberCount"] == expected_count(emulators, lst.id, "Active")
    assert await gateway.counts(Platform.OEMPRO) == {"List.Get": 1, "Subscribers.Get": 1}


async def test_a_lists_count_is_read_alone_when_the_page_beside_it_fails(gateway, emulators):
    """The page fails (HTTP 503 on each of its tries): its field is null with its error, and
    the count is read with its own call."""
    await gateway.query("{ me(platform: OEMPRO) { username } }")
    tries = 1 + Settings().read_retries
    await gateway.fault(
        platform="oempro", kind="status", status=503, endpoint="Subscribers.Get", count=tries
    )
    await gateway.reset_calls()
    lst = own_lists(emulators)[1]
    body = await gateway.result(PAGE_AND_COUNT.format(id=gid("MailingList", lst.id)))
    [error] = body["errors"]
    assert error["path"] == ["node", "subscribers"]
    assert body["data"]["node"] == {
        "subscriberCount": expected_count(emulators, lst.id, "Active"),
        "subscribers": None,
    }
    assert await gateway.counts(Platform.OEMPRO) == {"List.Get": 1, "Subscribers.Get": tries + 1}


async def test_a_second_request_reads_again(gateway):
    query = "{ me(platform: OEMPRO) { lists { nodes { name } } } }"
    await gateway.query(query)
    await gateway.query(query)
    # Loaders live for one request; only the session outlives it.
    assert await gateway.counts(Platform.OEMPRO) == {"User.Login": 1, "Lists.Get": 2}
