"""The password reset flow users (contract §4), the administrator (§5) and clients (§12) share.

``<Kind>.PasswordRemind`` mails a link carrying the MD5 of the account's id, which
``<Kind>.PasswordReset`` takes back as its ``<Kind>ID``; the reset mails a new random password.
Neither needs a session.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mailgql.emulators.oempro.commands._base import (
    PUBLIC,
    Call,
    CommandTable,
    found,
    is_email,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.records import Row, md5_hex
from mailgql.emulators.oempro.records.admin_area import OutgoingMail
from mailgql.emulators.oempro.state import OemproState

__all__ = ["ResetFlow", "register_reset_flow", "reset_token"]


@dataclass(frozen=True, slots=True)
class ResetFlow:
    """One kind of account's reset flow: its command prefix (``User``), its kind as mails and
    links name it (``user``), where its accounts are and which columns hold what."""

    prefix: str
    kind: str
    accounts: Callable[[OemproState], Iterable[Row]]
    password_column: str = "Password"
    address_column: str = "EmailAddress"


def reset_token(row_id: int) -> str:
    """What a reset link carries: the MD5 of the account's id."""
    return md5_hex(str(row_id))


def _remind(call: Call, flow: ResetFlow) -> Outcome:
    """1 no address, 2 not an address, 3 nobody has it; else a reset link is mailed."""
    email = call.params.filled("EmailAddress")
    if email is None:
        return fail((1, "Email address is missing"))
    if not is_email(email):
        return fail((2, "Invalid email address"))
    wanted = email.lower()
    account = next(
        (a for a in flow.accounts(call.state) if a[flow.address_column].lower() == wanted), None
    )
    if account is None:
        return fail((3, "Email address not found"))
    link = call.params.filled("CustomResetLink") or f"https://oempro.example/{flow.kind}/reset"
    body = f"{link}?id={reset_token(account.id)}"
    mail = OutgoingMail(account[flow.address_column], f"{flow.kind}-remind", body)
    call.state.outbox.append(mail)
    return ok()


def _reset(call: Call, flow: ResetFlow, id_param: str) -> Outcome:
    """2 when the token names nobody; else the account gets a new random password, mailed to
    its address."""
    token = (call.params.filled(id_param) or "").lower()
    account = found(
        next((a for a in flow.accounts(call.state) if reset_token(a.id) == token), None),
        (2, f"Invalid {flow.kind} id"),
    )
    password = f"Reset-{secrets.token_hex(6)}"
    account[flow.password_column] = md5_hex(password)
    mail = OutgoingMail(account[flow.address_column], f"{flow.kind}-reset", password)
    call.state.outbox.append(mail)
    return ok()


def register_reset_flow(commands: CommandTable, flow: ResetFlow) -> None:
    """Register ``<prefix>.PasswordRemind`` and ``<prefix>.PasswordReset`` of ``flow`` in
    ``commands``, both without a session."""
    id_param = f"{flow.prefix}ID"

    @commands.register(f"{flow.prefix}.PasswordRemind", PUBLIC)
    def password_remind(call: Call) -> Outcome:
        """``<prefix>.PasswordRemind``: mail the account a reset link."""
        return _remind(call, flow)

    @commands.register(f"{flow.prefix}.PasswordReset", PUBLIC)
    @requires((id_param, 1, f"{flow.prefix} id is missing"))
    def password_reset(call: Call) -> Outcome:
        """``<prefix>.PasswordReset``: the MD5 token of a reminder; 2 when it names nobody."""
        return _reset(call, flow, id_param)
