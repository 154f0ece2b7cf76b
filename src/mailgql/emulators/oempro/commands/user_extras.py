"""The rest of the users (contract §4): credits, the password reset flow, payment periods.

``User.AddCredits`` and the payment periods are admin scope (the periods exist on ESP licences
only: 99997 otherwise); ``User.PasswordRemind`` and ``User.PasswordReset`` need no session.
The reminder mails a link carrying the MD5 of the user's id, which ``User.PasswordReset``
takes back as its ``UserID``; the reset mails a new password.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import TypeVar

from mailgql.emulators.oempro.commands._base import (
    ADMIN,
    PUBLIC,
    Call,
    Command,
    canonical,
    is_email,
    missing,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, denied, fail, ok
from mailgql.emulators.oempro.params import is_number
from mailgql.emulators.oempro.records import Row, User, md5_hex
from mailgql.emulators.oempro.records.admin_area import OutgoingMail, PaymentPeriod

__all__ = [
    "COMMANDS",
    "NOT_ESP",
    "PAYMENT_STATUSES",
    "by_reset_token",
    "mail_new_password",
    "remind",
    "reset_token",
]

NOT_ESP = 99997
""""This is not an ESP Oempro licence": billing commands on a licence that bills nobody."""
PAYMENT_STATUSES = ("NA", "Unpaid", "Waiting", "Paid", "Waived")
"""A period's payment status; as a filter, ``NA`` asks for every period."""


def reset_token(row_id: int) -> str:
    """What a reset link carries: the MD5 of the account's id."""
    return md5_hex(str(row_id))


AccountT = TypeVar("AccountT", bound=Row)


def by_reset_token(call: Call, param: str, accounts: Iterable[AccountT]) -> AccountT | None:
    """The account whose reset token ``param`` carries (in any letter case), or None."""
    token = (call.params.filled(param) or "").lower()
    return next((a for a in accounts if reset_token(a.id) == token), None)


@requires(("UserID", 1, "User id is missing"), ("Credits", 2, "Credits are missing"))
def user_add_credits(call: Call) -> Outcome:
    """``User.AddCredits``: 3 no such user, 4 credits that are not a positive number."""
    user = call.state.users.get(call.params.integer("UserID") or -1)
    if user is None:
        return fail((3, "Invalid user id"))
    credits = call.params.filled("Credits") or ""
    if not is_number(credits) or int(credits) < 1:
        return fail((4, "Invalid credit amount"))
    user["AvailableCredits"] = str(user.number("AvailableCredits") + int(credits))
    return ok()


def remind(call: Call, find: str, kind: str) -> Outcome:
    """A reminder to the ``find`` kind of account (``user``, ``admin``, ``client``): 1 no
    address, 2 not an address, 3 nobody has it; else a reset link is mailed."""
    email = call.params.filled("EmailAddress")
    if email is None:
        return fail((1, "Email address is missing"))
    if not is_email(email):
        return fail((2, "Invalid email address"))
    state = call.state
    if find == "user":
        user = state.user_by_email(email)
        found = (user.id, user["EmailAddress"]) if user is not None else None
    elif find == "admin":
        admin = state.admin
        match = admin["EmailAddress"].lower() == email.lower()
        found = (admin.id, admin["EmailAddress"]) if match else None
    else:
        client = next(
            (c for c in state.clients.values() if c["ClientEmailAddress"].lower() == email.lower()),
            None,
        )
        found = (client.id, client["ClientEmailAddress"]) if client is not None else None
    if found is None:
        return fail((3, "Email address not found"))
    row_id, address = found
    link = call.params.filled("CustomResetLink") or f"https://oempro.example/{find}/reset"
    body = f"{link}?id={reset_token(row_id)}"
    state.outbox.append(OutgoingMail(address, f"{kind}-remind", body))
    return ok()


def _new_password() -> str:
    """A new random password, as a reset mails it."""
    return f"Reset-{secrets.token_hex(6)}"


def mail_new_password(
    call: Call,
    account: Row,
    kind: str,
    *,
    password_column: str = "Password",
    address_column: str = "EmailAddress",
) -> Outcome:
    """A reset's end: the ``kind`` of account (``user``, ``admin``, ``client``) gets a new
    random password, mailed to its address."""
    password = _new_password()
    account[password_column] = md5_hex(password)
    call.state.outbox.append(OutgoingMail(account[address_column], f"{kind}-reset", password))
    return ok()


def user_password_remind(call: Call) -> Outcome:
    """``User.PasswordRemind``: mail the user a reset link."""
    return remind(call, "user", "user")


@requires(("UserID", 1, "User id is missing"))
def user_password_reset(call: Call) -> Outcome:
    """``User.PasswordReset``: the MD5 token of a reminder; 2 when it names nobody."""
    user = by_reset_token(call, "UserID", call.state.users.values())
    if user is None:
        return fail((2, "Invalid user id"))
    return mail_new_password(call, user, "user")


def _billed_user(call: Call) -> User | Outcome:
    """The user a billing command is about, or why not (99997 on a licence that bills nobody)."""
    if not call.state.esp_licence:
        return denied(NOT_ESP)
    if call.params.filled("UserID") is None:
        return fail((1, "User id is missing"))
    user = call.state.users.get(call.params.integer("UserID") or -1)
    return user if user is not None else fail((2, "Invalid user id"))


def _formatted(period: PaymentPeriod, formatted: bool) -> dict[str, str]:
    row = period.row()
    if formatted:
        for column in ("SubTotal", "Discount", "Tax", "TotalAmount"):
            row[column] = f"${float(row[column] or 0):,.2f}"
    return row


def user_payment_periods(call: Call) -> Outcome:
    """``User.PaymentPeriods``: a user's periods in one status (``NA``: every one)."""
    user = _billed_user(call)
    if not isinstance(user, User):
        return user
    status = canonical(call.params.filled("PaymentStatus") or "", PAYMENT_STATUSES)
    if status is None:
        return fail((3, "Invalid payment status"))
    formatted = (call.params.filled("ReturnFormatted") or "No").lower() == "yes"
    rows = [
        _formatted(p, formatted)
        for p in call.state.payment_periods.values()
        if p.user_id == user.id and status in {"NA", p["PaymentStatus"]}
    ]
    return ok(PaymentPeriods=rows)


def user_payment_period_update(call: Call) -> Outcome:
    """``User.PaymentPeriods.Update``: discount, tax, status of one period; the period."""
    user = _billed_user(call)
    if not isinstance(user, User):
        return user
    p = call.params
    problem = missing(p, (("LogID", 3, "Log id is missing"),))
    if problem is not None:
        return problem
    period = call.state.payment_periods.get(p.integer("LogID") or -1)
    if period is None or period.user_id != user.id:
        return fail((4, "Invalid payment period"))
    include = canonical(p.filled("IncludeTax") or "", ("Include", "Exclude"))
    if include is None:
        return fail((5, "Invalid include tax value"))
    status = canonical(p.filled("PaymentStatus") or "", PAYMENT_STATUSES[1:])
    if status is None:
        return fail((6, "Invalid payment status"))
    discount = p.filled("Discount") or "0"
    try:
        amount = max(float(discount), 0.0)
    except ValueError:
        amount = 0.0
    subtotal = float(period["SubTotal"] or 0)
    tax = float(period["Tax"] or 0) if include == "Include" else 0.0
    period["Discount"] = f"{amount:.2f}"
    period["IncludeTax"] = include
    period["TotalAmount"] = f"{max(subtotal - amount, 0.0) + tax:.2f}"
    if status != period["PaymentStatus"]:
        period["PaymentStatus"] = status
        period["PaymentStatusDate"] = call.now
    if (p.filled("SendReceipt") or "No").lower() == "yes":
        period["ReceiptSent"] = "Yes"
        call.state.outbox.append(
            OutgoingMail(user["EmailAddress"], "user-receipt", period["TotalAmount"])
        )
    formatted = (p.filled("ReturnFormatted") or "No").lower() == "yes"
    return ok(PaymentPeriod=_formatted(period, formatted))


COMMANDS = (
    Command("User.AddCredits", user_add_credits, ADMIN, "string"),
    Command("User.PasswordRemind", user_password_remind, PUBLIC, "string"),
    Command("User.PasswordReset", user_password_reset, PUBLIC, "string"),
    Command("User.PaymentPeriods", user_payment_periods, ADMIN, "string"),
    Command("User.PaymentPeriods.Update", user_payment_period_update, ADMIN, "string"),
)
