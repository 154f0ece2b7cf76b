"""Logins and ``User.Switch`` (contract §2.1)."""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import ADMIN, PUBLIC, Call, Command, requires
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import md5_hex

__all__ = ["COMMANDS"]

_CREDENTIALS = (
    ("Username", 1, "Username is missing"),
    ("Password", 2, "Password is missing"),
)


def _captcha(call: Call) -> Outcome | None:
    """The admin's login CAPTCHA: API logins must opt out with ``DisableCaptcha=true``."""
    if not call.state.login_captcha or call.params.flag("DisableCaptcha"):
        return None
    if call.params.filled("Captcha") is None:
        return fail((4, "Image verification is missing or invalid"))
    # The emulator never shows an image, so no answer can be right.
    return fail((5, "Image verification failed"))


def _password_matches(stored_hash: str, given: str) -> bool:
    return md5_hex(given) == stored_hash


@requires(*_CREDENTIALS)
def user_login(call: Call) -> Outcome:
    """``User.Login``: a user session and the full user row (hash and API key included)."""
    error = _captcha(call)
    if error:
        return error
    user = call.state.user_by_username(call.params.filled("Username") or "")
    password = call.params.text("Password") or ""
    if user is None or not user.enabled or not _password_matches(user["Password"], password):
        return fail((3, "Invalid login information"))
    user["LastActivityDateTime"] = call.now
    session_id = call.state.open_session("user", user.id)
    return ok(SessionID=session_id, UserInfo=user.row())


@requires(*_CREDENTIALS)
def admin_login(call: Call) -> Outcome:
    """``Admin.Login``: an admin session and the admin row (with its password hash)."""
    error = _captcha(call)
    if error:
        return error
    admin = call.state.admin
    username = (call.params.filled("Username") or "").lower()
    password = call.params.text("Password") or ""
    if username != admin["Username"].lower() or not _password_matches(admin["Password"], password):
        return fail((3, "Invalid login information"))
    session_id = call.state.open_session("admin", admin.id)
    return ok(SessionID=session_id, AdminInfo=admin.row())


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


@requires(
    ("UserID", 1, "User id is missing"),
    ("PrivilegeType", 3, "Privilege type is missing"),
)
def user_switch(call: Call) -> Outcome:
    """``User.Switch``: the admin gets a session of the given user (the admin's stays valid)."""
    user = call.state.users.get(call.params.integer("UserID") or -1)
    if user is None:
        return fail((2, "Invalid user"))
    privilege = (call.params.filled("PrivilegeType") or "").capitalize()
    if privilege not in {"Default", "Full"}:
        return fail((3, "Invalid privilege type"))
    session_id = call.state.open_session("user", user.id, privilege)
    return ok(SessionID=session_id, UserInfo=user.row())


COMMANDS = (
    Command("User.Login", user_login, PUBLIC),
    Command("Admin.Login", admin_login, PUBLIC),
    Command("Client.Login", client_login, PUBLIC),
    Command("User.Switch", user_switch, ADMIN, "string"),
)
