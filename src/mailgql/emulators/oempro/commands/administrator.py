"""The administrator (contract §5): its own update, and the reset flow.

``Admin.Update`` runs in the admin's session and may change only the logged-in administrator
(8 otherwise); its password may be left empty to keep it (as 5.x allows). The reminder and the
reset need no session: the reminder mails a link with the MD5 of the admin's id, which
``Admin.PasswordReset`` takes back as ``AdminID``.
"""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import ADMIN, Call, CommandTable, requires
from mailgql.emulators.oempro.commands.password_reset import ResetFlow, register_reset_flow
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import md5_hex

__all__ = ["COMMANDS"]

COMMANDS = CommandTable(error_text="string")


@COMMANDS.register("Admin.Update", ADMIN)
@requires(
    ("AdminID", 1, "Admin id is missing"),
    ("Name", 2, "Name is missing"),
    ("Username", 3, "Username is missing"),
    ("EmailAddress", 4, "Email address is missing"),
)
def admin_update(call: Call) -> Outcome:
    """``Admin.Update``: 7 a bad address, 8 another administrator than the logged-in one."""
    p = call.params
    email = call.address("EmailAddress", (7, "Invalid email address"))
    admin = call.state.admin
    if p.integer("AdminID") != admin.id or call.principal is not admin:
        return fail((8, "Only the logged-in administrator may be updated"))
    admin["Name"] = p.filled("Name") or ""
    admin["Username"] = p.filled("Username") or ""
    admin["EmailAddress"] = email
    if p.filled("Password") is not None:
        admin["Password"] = md5_hex(p.text("Password") or "")
    return ok()


register_reset_flow(COMMANDS, ResetFlow("Admin", "admin", lambda state: [state.admin]))
