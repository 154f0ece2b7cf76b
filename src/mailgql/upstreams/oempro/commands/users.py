"""Commands of the administrator's user management (creating, deleting, credits, billing
periods), password reminders and resets, and the administrator's own profile. New passwords go
out as parameters and are never read back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mailgql.upstreams.oempro import wire
from mailgql.upstreams.oempro.admin_records import (
    AdminProfile,
    PaymentPeriod,
    PaymentPeriodChange,
    UserProfile,
)
from mailgql.upstreams.oempro.commands import value_forms
from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, write
from mailgql.upstreams.oempro.commands._form import ids, yes_no
from mailgql.upstreams.oempro.records import Page
from mailgql.upstreams.oempro.wire.accounts import parse_payment_period

__all__ = [
    "add_user_credits",
    "create_user",
    "delete_users",
    "get_payment_periods",
    "remind_password",
    "reset_password",
    "update_admin",
    "update_payment_period",
    "update_user_profile",
]


def create_user(profile: UserProfile) -> Command[int]:
    """``User.Create``: a new user; its id. Its API key is the server's to make (and is never
    read back)."""
    return created("User.Create", value_forms.profile_form(profile), "UserID")


def update_user_profile(user_id: int, profile: UserProfile) -> Command[None]:
    """``User.Update`` with the given columns only (never ``APIKey``: see ``update_user``)."""
    return write("User.Update", [("UserID", str(user_id)), *value_forms.profile_form(profile)])


def delete_users(user_ids: Sequence[int]) -> Command[None]:
    """``Users.Delete``: the users and everything they own."""
    return write("Users.Delete", [("Users", ids(user_ids))])


def add_user_credits(user_id: int, credits: int) -> Command[None]:
    """``User.AddCredits``: sending credits added to the user's ``AvailableCredits``."""
    return write("User.AddCredits", [("UserID", str(user_id)), ("Credits", str(credits))])


def get_payment_periods(user_id: int, *, status: str = "NA") -> Command[Page[PaymentPeriod]]:
    """``User.PaymentPeriods``: a user's billing periods in one status (``NA``: all), amounts
    unformatted."""
    form: Form = [("UserID", str(user_id)), ("PaymentStatus", status), ("ReturnFormatted", "No")]
    return listing("User.PaymentPeriods", form, "PaymentPeriods", parse_payment_period, totals=())


def update_payment_period(
    user_id: int, log_id: int, change: PaymentPeriodChange
) -> Command[PaymentPeriod]:
    """``User.PaymentPeriods.Update``: one period's discount, tax and status; the period."""
    form: Form = [
        ("UserID", str(user_id)),
        ("LogID", str(log_id)),
        ("Discount", f"{change.discount:.2f}"),
        ("IncludeTax", "Include" if change.include_tax else "Exclude"),
        ("PaymentStatus", change.status),
        ("ReturnFormatted", "No"),
        ("SendReceipt", yes_no(change.send_receipt)),
    ]
    return Command(
        "User.PaymentPeriods.Update",
        form,
        decode=lambda data: wire.decode_record(
            data, "PaymentPeriod", parse=parse_payment_period, command="User.PaymentPeriods.Update"
        ),
        read=False,
    )


_REMINDS = {"user": "User", "admin": "Admin", "client": "Client"}


def remind_password(kind: str, email: str) -> Command[None]:
    """``User``/``Admin``/``Client.PasswordRemind`` (``kind``: ``user``, ``admin``, ``client``):
    the account with that address is mailed a reset link. Sent without credentials."""
    command = write(f"{_REMINDS[kind]}.PasswordRemind", [("EmailAddress", email)])
    return replace(command, public=True)


def reset_password(kind: str, token: str) -> Command[None]:
    """``User``/``Admin``/``Client.PasswordReset`` with the token of a reset link (the MD5 the
    link carries): the account is mailed a new password. Sent without credentials."""
    key = {"user": "UserID", "admin": "AdminID", "client": "ClientID"}[kind]
    return replace(write(f"{_REMINDS[kind]}.PasswordReset", [(key, token)]), public=True)


# -- the administrator ------------------------------------------------------------------------


def update_admin(profile: AdminProfile) -> Command[None]:
    """``Admin.Update`` of the logged-in administrator (an empty password keeps it)."""
    form: Form = [
        ("AdminID", str(profile.admin_id)),
        ("Name", profile.name),
        ("Username", profile.username),
        ("EmailAddress", profile.email),
        ("Password", profile.password.get_secret_value() if profile.password else ""),
    ]
    return write("Admin.Update", form)
