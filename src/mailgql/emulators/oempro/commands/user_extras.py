"""The rest of the users (contract §4): credits, the password reset flow, payment periods.

``User.AddCredits`` and the payment periods are admin scope (the periods exist on ESP licences
only: 99997 otherwise); ``User.PasswordRemind`` and ``User.PasswordReset`` need no session.
The reminder mails a link carrying the MD5 of the user's id, which ``User.PasswordReset``
takes back as its ``UserID``; the reset mails a new password.
"""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import (
    ADMIN,
    Call,
    CommandTable,
    missing,
    requires,
)
from mailgql.emulators.oempro.commands.password_reset import ResetFlow, register_reset_flow
from mailgql.emulators.oempro.envelope import Outcome, denied, fail, ok
from mailgql.emulators.oempro.params import is_number
from mailgql.emulators.oempro.records import User
from mailgql.emulators.oempro.records.admin_area import OutgoingMail, PaymentPeriod

__all__ = ["COMMANDS", "NOT_ESP", "PAYMENT_STATUSES"]

COMMANDS = CommandTable(error_text="string")

NOT_ESP = 99997
""""This is not an ESP Oempro licence": billing commands on a licence that bills nobody."""
PAYMENT_STATUSES = ("NA", "Unpaid", "Waiting", "Paid", "Waived")
"""A period's payment status; as a filter, ``NA`` asks for every period."""


@COMMANDS.register("User.AddCredits", ADMIN)
@requires(("UserID", 1, "User id is missing"), ("Credits", 2, "Credits are missing"))
def user_add_credits(call: Call) -> Outcome:
    """``User.AddCredits``: 3 no such user, 4 credits that are not a positive number."""
    user = call.row(call.state.users, "UserID", (3, "Invalid user id"))
    credits = call.params.filled("Credits") or ""
    if not is_number(credits) or int(credits) < 1:
        return fail((4, "Invalid credit amount"))
    user["AvailableCredits"] = str(user.number("AvailableCredits") + int(credits))
    return ok()


register_reset_flow(COMMANDS, ResetFlow("User", "user", lambda state: state.users.values()))


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


@COMMANDS.register("User.PaymentPeriods", ADMIN)
def user_payment_periods(call: Call) -> Outcome:
    """``User.PaymentPeriods``: a user's periods in one status (``NA``: every one)."""
    user = _billed_user(call)
    if not isinstance(user, User):
        return user
    status = call.choice("PaymentStatus", PAYMENT_STATUSES, (3, "Invalid payment status"))
    formatted = (call.params.filled("ReturnFormatted") or "No").lower() == "yes"
    rows = [
        _formatted(p, formatted)
        for p in call.state.payment_periods.values()
        if p.user_id == user.id and status in {"NA", p["PaymentStatus"]}
    ]
    return ok(PaymentPeriods=rows)


@COMMANDS.register("User.PaymentPeriods.Update", ADMIN)
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
    include = call.choice("IncludeTax", ("Include", "Exclude"), (5, "Invalid include tax value"))
    status = call.choice("PaymentStatus", PAYMENT_STATUSES[1:], (6, "Invalid payment status"))
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
