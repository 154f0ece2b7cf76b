"""Logins and ``User.Switch`` (contract §2.1)."""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import (
    ADMIN,
    PUBLIC,
    Call,
    CommandTable,
    Refused,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import md5_hex

__all__ = ["COMMANDS"]

COMMANDS = CommandTable()

_CREDENTIALS = (
    ("Username", 1, "Username is missing"),
    ("Password", 2, "Password is missing"),
)


def _pass_captcha(call: Call) -> None:
    """The admin's login CAPTCHA: API logins must opt out with ``DisableCaptcha=true``, or the
    command fails."""
    if not call.state.login_captcha or call.params.flag("DisableCaptcha"):
        return
    if call.params.filled("Captcha") is None:
        raise Refused((4, "Image verification is missing or invalid"))
    # The emulator never shows an image, so no answer can be right.
    raise Refused((5, "Image verification failed"))


def _password_matches(stored_hash: str, given: str) -> bool:
    return md5_hex(given) == stored_hash


@COMMANDS.register("User.Login", PUBLIC)
@requires(*_CREDENTIALS)
def user_login(call: Call) -> Outcome:
    """``User.Login``: a user session and the full user row (hash and API key included)."""
    _pass_captcha(call)
    user = call.state.user_by_username(call.params.filled("Username") or "")
    password = call.params.text("Password") or ""
    if user is None or not user.enabled or not _password_matches(user["Password"], password):
        return fail((3, "Invalid login information"))
    user["LastActivityDateTime"] = call.now
    session_id = call.state.open_session("user", user.id)
    return ok(SessionID=session_id, UserInfo=user.row())


@COMMANDS.register("Admin.Login", PUBLIC)
@requires(*_CREDENTIALS)
def admin_login(call: Call) -> Outcome:
    """``Admin.Login``: an admin session and the admin row (with its password hash)."""
    _pass_captcha(call)
    admin = call.state.admin
    username = (call.params.filled("Username") or "").lower()
    password = call.params.text("Password") or ""
    if username != admin["Username"].lower() or not _password_matches(admin["Password"], password):
        return fail((3, "Invalid login information"))
    session_id = call.state.open_session("admin", admin.id)
    return ok(SessionID=session_id, AdminInfo=admin.row())


@COMMANDS.register("Client.Login", PUBLIC)
@requires(*_CREDENTIALS)
def client_login(call: Call) -> Outcome:
    """``Client.Login``: a client session; 4.x returns nothing but the session id."""
    wanted = (call.params.filled("Username") or "").lower()
    password = call.params.text("Password") or ""
    client = next(
        (c for c in call.state.clients.values() if c["ClientUsername"].lower() == wanted), None
    )
    owner = call.state.users.get(client.owner_id) if client else None
    if (
        client is None
        or owner is None
        or client["ClientAccountStatus"] != "Enabled"
        or not _password_matches(client["ClientPassword"], password)
    ):
        return fail((3, "Invalid login information"))
    return ok(SessionID=call.state.open_session("client", client.id))


@COMMANDS.register("User.Switch", ADMIN, error_text="string")
@requires(
    ("UserID", 1, "User id is missing"),
    ("PrivilegeType", 3, "Privilege type is missing"),
)
def user_switch(call: Call) -> Outcome:
    """``User.Switch``: the admin gets a session of the given user (the admin's stays valid)."""
    user = call.row(call.state.users, "UserID", (2, "Invalid user"))
    privilege = (call.params.filled("PrivilegeType") or "").capitalize()
    if privilege not in {"Default", "Full"}:
        return fail((3, "Invalid privilege type"))
    session_id = call.state.open_session("user", user.id, privilege)
    return ok(SessionID=session_id, UserInfo=user.row())
