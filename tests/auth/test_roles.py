"""The role table: one entry per Mutation field, and the roles' order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mailgql.auth.roles import MUTATION_ROLES, Role, required_role
from mailgql.graph import build_schema

ADMIN_ONLY = {
    "createSubAccount",
    "setAccountStatus",
    "deleteAccount",
    "changeAccountPassword",
    "addSendCredit",
    "createUserGroup",
    "updateUserGroup",
    "duplicateUserGroup",
    "deleteUserGroup",
    "updateOemproUser",
    "updatePaymentPeriod",
    "remindOemproPassword",
    "resetOemproPassword",
    "createClient",
    "updateClient",
    "assignClientLists",
    "assignClientCampaigns",
    "updateOemproAdministrator",
    "createTheme",
    "updateTheme",
    "deleteTheme",
    "updateOemproSettings",
    "testOemproEmailSending",
}


def test_every_mutation_field_of_the_schema_is_in_the_table_and_nothing_else():
    mutation = build_schema()._schema.mutation_type
    assert mutation is not None
    assert set(MUTATION_ROLES) == set(mutation.fields)


def test_account_management_needs_admin_and_every_other_write_operator():
    assert {name for name, role in MUTATION_ROLES.items() if role is Role.ADMIN} == ADMIN_ONLY
    assert all(
        role is Role.OPERATOR for name, role in MUTATION_ROLES.items() if name not in ADMIN_ONLY
    )


def test_each_role_allows_what_those_below_it_allow():
    assert Role.ADMIN.allows(Role.OPERATOR)
    assert Role.ADMIN.allows(Role.READER)
    assert Role.OPERATOR.allows(Role.READER)
    assert not Role.OPERATOR.allows(Role.ADMIN)
    assert not Role.READER.allows(Role.OPERATOR)


@pytest.mark.parametrize(
    ("fields", "role"),
    [
        (["__typename"], Role.READER),
        (["subscribe", "__typename"], Role.OPERATOR),
        (["subscribe", "deleteAccount"], Role.ADMIN),
        (["aMutationNobodyPlaced"], Role.ADMIN),
    ],
)
def test_the_role_an_operation_needs_is_its_most_demanding_field(fields, role):
    assert required_role(fields) is role


def test_the_readme_names_each_mutation_under_its_role():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for role in (Role.OPERATOR, Role.ADMIN):
        row = re.search(rf"^\| `{role.value}` \| (.+) \|$", readme, re.MULTILINE)
        assert row is not None, role
        named = set(re.findall(r"`([a-zA-Z]+)`", row.group(1)))
        assert named == {n for n, r in MUTATION_ROLES.items() if r is role}, role
