"""User accounts and user groups (contract §4, §15) — admin scope, except a user's own update."""

from __future__ import annotations

import secrets

from mailgql.emulators.oempro.commands._base import (
    ADMIN,
    Call,
    CommandTable,
    absent,
    delete_listed,
    found,
    is_email,
    listing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.params import is_number
from mailgql.emulators.oempro.records import ZERO_DATE, User, md5_hex

__all__ = ["COMMANDS", "LANGUAGES", "new_api_key"]

COMMANDS = CommandTable(error_text="string")

LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "nl", "pt", "tr", "pl", "sv", "da", "ja"})
_REPUTATIONS = ("Trusted", "Untrusted")
_STATUSES = ("Enabled", "Disabled")

# Columns a user may not change on itself (plan, billing, trust and status are the admin's).
_ADMIN_ONLY = frozenset(
    {"RelUserGroupID", "ReputationLevel", "AccountStatus", "AvailableCredits", "UserSince"}
)
_UPDATABLE = tuple(c for c in User.COLUMNS if c not in {"UserID", "Password"})


def new_api_key(token: str | None = None) -> str:
    """A user API key in the ``XXXX-XXXX-XXXX-XXXX`` shape."""
    raw = (token or secrets.token_hex(8)).upper()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@COMMANDS.register("Users.Get", ADMIN, error_text="array")
def users_get(call: Call) -> Outcome:
    """``Users.Get``: filter by group/status/online, search, order, page; total of the filter."""
    params = call.params
    rows = list(call.state.users.values())
    group = params.filled("RelUserGroupID")
    if group is not None and group.lower() != "all":
        if is_number(group):
            rows = [u for u in rows if u.number("RelUserGroupID") == int(group)]
        elif group.capitalize() in _STATUSES:
            rows = [u for u in rows if u["AccountStatus"] == group.capitalize()]
        elif group.lower() == "online":
            online = call.state.online_user_ids()
            rows = [u for u in rows if u.id in online]
        else:
            rows = []
    rows = _search(rows, params.filled("SearchField"), params.filled("SearchKeyword"))
    return listing(call, rows, default="UserID", key="Users", total="TotalUsers", paged=True)


def _search(rows: list[User], field: str | None, keyword: str | None) -> list[User]:
    if not field or keyword is None:
        return rows
    column = next((c for c in User.COLUMNS if c.lower() == field.lower()), None)
    if column is None:
        return []
    return [u for u in rows if keyword.lower() in u[column].lower()]


@COMMANDS.register("User.Get", ADMIN)
def user_get(call: Call) -> Outcome:
    """``User.Get`` by ``UserID`` or ``EmailAddress``."""
    user_id = call.params.filled("UserID")
    email = call.params.filled("EmailAddress")
    if user_id is None and email is None:
        return fail((1, "User id or email address is missing"))
    if user_id is not None:
        user = call.state.users.get(int(user_id)) if is_number(user_id) else None
    else:
        user = call.state.user_by_email(email or "")
    if user is None:
        return fail((3, "User not found"))
    return ok(UserInformation=user.row())


@COMMANDS.register("User.Create", ADMIN)
def user_create(call: Call) -> Outcome:
    """``User.Create`` with the v4 validation order."""
    p = call.params
    errors = absent(
        p,
        (
            ("RelUserGroupID", 1, "User group id is missing"),
            ("EmailAddress", 2, "Email address is missing"),
            ("Username", 3, "Username is missing"),
            ("Password", 4, "Password is missing"),
        ),
    )
    if p.filled("FirstName") is None and p.filled("CompanyName") is None:
        errors.append((6, "Company name or first name is missing"))
    errors += absent(
        p, (("TimeZone", 8, "Time zone is missing"), ("Language", 9, "Language is missing"))
    )
    if errors:
        return fail(*errors)
    state = call.state
    email = call.address("EmailAddress", (10, "Invalid email address"))
    username = p.filled("Username") or ""
    reputation = p.filled("ReputationLevel") or "Trusted"
    group_id = p.integer("RelUserGroupID")
    if group_id is None or group_id not in state.groups:
        return fail((11, "Invalid user group"))
    if state.user_by_username(username) is not None:
        return fail((12, "Username already exists"))
    if state.user_by_email(email) is not None:
        return fail((13, "Email address already exists"))
    if (p.filled("Language") or "").lower() not in LANGUAGES:
        return fail((14, "Invalid language"))
    if reputation.capitalize() not in _REPUTATIONS:
        return fail((15, "Invalid reputation level"))
    if len(state.users) >= state.licence_user_limit:
        return fail((16, "User limit of the licence has been reached"))
    user_id = state.next_id("user")
    user = User(
        UserID=str(user_id),
        RelUserGroupID=str(group_id),
        EmailAddress=email,
        Username=username,
        Password=md5_hex(p.text("Password") or ""),
        ReputationLevel=reputation.capitalize(),
        UserSince=call.now,
        TimeZone=p.filled("TimeZone") or "",
        Language=(p.filled("Language") or "").lower(),
        APIKey=new_api_key(),
        LastActivityDateTime=ZERO_DATE,
        AccountStatus="Enabled",
        AvailableCredits=str(p.integer("AvailableCredits") or 0),
        SignUpIPAddress="127.0.0.1",
    )
    for column in ("FirstName", "LastName", "CompanyName", "Website", "Street", "City", "State"):
        user[column] = p.filled(column) or ""
    for column in ("Zip", "Country", "Phone", "Fax", "PreviewMyEmailAccount"):
        user[column] = p.filled(column) or ""
    user["PreviewMyEmailAPIKey"] = p.filled("PreviewMyEmailAPIKey") or ""
    state.users[user_id] = user
    return ok(UserID=user_id)


@COMMANDS.register("User.Update", frozenset({"admin", "user"}))
def user_update(call: Call) -> Outcome:
    """``User.Update``: the admin updates anyone; a user only itself (error 2 otherwise)."""
    p = call.params
    if p.filled("UserID") is None:
        return fail((1, "User id is missing"))
    user_id = p.integer("UserID")
    is_admin = call.session is not None and call.session.kind == "admin"
    if not is_admin and user_id != call.user.id:
        return fail((2, "A user may only update its own account"))
    user = found(
        call.state.users.get(user_id) if user_id is not None else None, (5, "User not found")
    )
    email, username = p.filled("EmailAddress"), p.filled("Username")
    owners = (
        call.state.user_by_email(email) if email else None,
        call.state.user_by_username(username) if username else None,
    )
    if any(other is not None and other.id != user.id for other in owners):
        return fail((6, "Email address or username is already in use"))
    for column in _UPDATABLE:
        if not p.present(column) or (column in _ADMIN_ONLY and not is_admin):
            continue
        value = (p.text(column) or "").strip()
        if _acceptable(call, column, value):
            user[column] = value
    if p.filled("Password") is not None:
        user["Password"] = md5_hex(p.text("Password") or "")
    return ok()


def _acceptable(call: Call, column: str, value: str) -> bool:
    """Whether a value fits its column; 4.x has no error code for a bad one and keeps the old."""
    if column == "ReputationLevel":
        return value in _REPUTATIONS
    if column == "AccountStatus":
        return value in _STATUSES
    if column == "RelUserGroupID":
        return is_number(value) and int(value) in call.state.groups
    if column == "AvailableCredits":
        return is_number(value)
    if column in {"EmailAddress", "Username"}:
        return value != "" and (column != "EmailAddress" or is_email(value))
    return True


@COMMANDS.register("Users.Delete", ADMIN)
def users_delete(call: Call) -> Outcome:
    """``Users.Delete``: a comma list of user ids; unknown ids are ignored."""
    state = call.state
    return delete_listed(call, "Users", "User ids are missing", state.users.get, state.delete_user)


@COMMANDS.register("UserGroup.Get", ADMIN)
@requires(("UserGroupID", 1, "User group id is missing"))
def user_group_get(call: Call) -> Outcome:
    """``UserGroup.Get``: one plan with its limits and sending settings."""
    group = call.row(call.state.groups, "UserGroupID", (2, "User group not found"))
    return ok(UserGroup=group.row())
