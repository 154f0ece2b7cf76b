"""A first end-to-end look at the v2 part of the graph."""

from mailgql.platforms import Platform


async def test_me_sub_accounts_with_inherited(gateway):
    data = await gateway.query(
        """{ me(platform: V2REST) { username subAccounts(first: 3) { totalCount nodes {
             id username status inheritedLists { totalCount nodes { name } }
             inheritedSegments { nodes { name rules { children { __typename } } lists { name } } }
             inheritedNewsletters { nodes { name subject } } } } } }"""
    )
    print(data)
    assert data["me"]["username"] == "demo-admin"
    assert await gateway.calls(Platform.V2REST) >= 1
