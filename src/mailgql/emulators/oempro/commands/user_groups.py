"""User groups (contract §15): the plans users belong to — admin scope.

``UserGroup.Get`` lives with the users (``users``); here are the listing and the writes. Error
codes follow the contract's 5.x numbering (1/2/5-8/17/18/20 a missing field, 19 an unknown
theme, 21 an unknown group, 22-25 the sending settings); which field each missing-field code
names is our reading, kept the same by the adapter.
"""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import (
    ADMIN,
    Call,
    CommandTable,
    Required,
    absent,
    canonical,
    delete_keeping_one,
    order_rows,
    requires,
)
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.params import Params, is_number
from mailgql.emulators.oempro.records import UserGroup

__all__ = ["COMMANDS", "SEND_METHODS"]

COMMANDS = CommandTable(error_text="string")

SEND_METHODS = ("SMTP", "LocalMTA", "PHPMail", "PowerMTA", "SaveToDisk")
"""How a plan's mail leaves the install."""
_FLAGS = ("Enabled", "Disabled")

_REQUIRED: tuple[Required, ...] = (
    ("GroupName", 1, "Group name is missing"),
    ("RelThemeID", 2, "Theme id is missing"),
    ("SubscriberAreaLogoutURL", 5, "Subscriber area logout URL is missing"),
    ("ForceUnsubscriptionLink", 6, "Force unsubscription link setting is missing"),
    ("ForceRejectOptLink", 7, "Force reject opt link setting is missing"),
    ("Permissions", 8, "Permissions are missing"),
    ("LimitSubscribers", 17, "Subscriber limit is missing"),
    ("LimitLists", 18, "List limit is missing"),
    ("SendMethod", 20, "Send method is missing"),
)
"""Create's required fields; an update may leave any out, but not send one blank."""

_NUMBERS = (*UserGroup.LIMIT_COLUMNS, "TrialExpireSeconds", *UserGroup.CHARGE_COLUMNS)
_ZERO_BY_DEFAULT = (
    "ThresholdImport",
    "ThresholdEmailSend",
    "TrialExpireSeconds",
    "LimitCampaignSendPerPeriod",
    "LimitEmailSendPerPeriod",
    *UserGroup.CHARGE_COLUMNS,
)
"""Columns a new plan holds 0 in unless given."""
_WRITABLE = tuple(c for c in UserGroup.COLUMNS if c != "UserGroupID")


def _number(value: str) -> bool:
    return is_number(value.removeprefix("-"))


def _checked(call: Call, params: Params, *, creating: bool) -> Outcome | None:
    """The first problem with a group's values: missing (create) or blank (update) required
    fields, an unknown theme, bad flags, numbers or sending settings."""
    if creating:
        errors = absent(params, _REQUIRED)
    else:
        errors = [(c, t) for n, c, t in _REQUIRED if params.present(n) and not params.filled(n)]
    if errors:
        return fail(*errors)
    theme = params.filled("RelThemeID")
    if theme is not None and (not is_number(theme) or int(theme) not in call.state.themes):
        return fail((19, "Invalid theme"))
    for flag, code in (("ForceUnsubscriptionLink", 6), ("ForceRejectOptLink", 7)):
        value = params.filled(flag)
        if value is not None and value.capitalize() not in _FLAGS:
            return fail((code, f"Invalid {flag}"))
    for column in _NUMBERS:
        value = params.filled(column)
        if value is not None and not _number(value):
            return fail((17, f"{column} must be a number"))
    return _sending(params)


def _sending(params: Params) -> Outcome | None:
    """22 an unknown send method; for SMTP: 23 no host, 24 a bad port, 25 authentication on
    without a user name and password."""
    method = params.filled("SendMethod")
    if method is None:
        return None
    spelled = canonical(method, SEND_METHODS)
    if spelled is None:
        return fail((22, "Invalid send method"))
    if spelled != "SMTP":
        return None
    if params.filled("SendMethodSMTPHost") is None:
        return fail((23, "SMTP host is missing"))
    port = params.filled("SendMethodSMTPPort") or "25"
    if not is_number(port) or not 0 < int(port) < 65536:
        return fail((24, "Invalid SMTP port"))
    auth = (params.filled("SendMethodSMTPAuth") or "false").lower() in {"true", "1", "yes"}
    smtp_login = params.filled("SendMethodSMTPUsername"), params.filled("SendMethodSMTPPassword")
    if auth and None in smtp_login:
        return fail((25, "SMTP user name and password are needed with SMTP authentication"))
    return None


def _store(group: UserGroup, params: Params) -> None:
    """Copy every given column onto the group (flags and methods in Oempro's spelling)."""
    for column in _WRITABLE:
        if not params.present(column):
            continue
        value = (params.text(column) or "").strip()
        if column in {"ForceUnsubscriptionLink", "ForceRejectOptLink"}:
            value = value.capitalize()
        elif column == "SendMethod":
            value = canonical(value, SEND_METHODS) or value
        group[column] = value


@COMMANDS.register("UserGroups.Get", ADMIN, error_text="array")
def user_groups_get(call: Call) -> Outcome:
    """``UserGroups.Get``: every plan, in id order, secrets and all (unpaged)."""
    rows = order_rows(list(call.state.groups.values()), call.params, default="UserGroupID")
    return ok(UserGroups=[group.row() for group in rows])


@COMMANDS.register("UserGroup.Create", ADMIN)
def user_group_create(call: Call) -> Outcome:
    """``UserGroup.Create``: a new plan; its id."""
    problem = _checked(call, call.params, creating=True)
    if problem is not None:
        return problem
    group_id = call.state.next_id("group")
    group = UserGroup(
        dict.fromkeys(_ZERO_BY_DEFAULT, "0"),
        UserGroupID=str(group_id),
        PaymentSystem="Disabled",
        TrialGroup="No",
    )
    _store(group, call.params)
    call.state.groups[group_id] = group
    return ok(UserGroupID=group_id)


@COMMANDS.register("UserGroup.Update", ADMIN)
@requires(("UserGroupID", 3, "User group id is missing"))
def user_group_update(call: Call) -> Outcome:
    """``UserGroup.Update``: the given columns only; 21 when there is no such group."""
    group = call.row(call.state.groups, "UserGroupID", (21, "User group not found"))
    problem = _checked(call, call.params, creating=False)
    if problem is not None:
        return problem
    _store(group, call.params)
    return ok()


@COMMANDS.register("UserGroup.Delete", ADMIN)
def user_group_delete(call: Call) -> Outcome:
    """``UserGroup.Delete``: a group id (5.x: a comma list); 4 when it would leave none.

    Unknown ids are ignored. The users of a deleted group keep its id, as the 4.x table does.
    """
    return delete_keeping_one(
        call,
        "UserGroupID",
        call.state.groups,
        "User group id is missing",
        (4, "The last user group cannot be deleted"),
    )


@COMMANDS.register("UserGroup.Duplicate", ADMIN)
@requires(("UserGroupID", 1, "User group id is missing"))
def user_group_duplicate(call: Call) -> Outcome:
    """``UserGroup.Duplicate`` (4.0.3+): a copy named ``<name> (Copy)``; the new id."""
    source = call.row(call.state.groups, "UserGroupID", (2, "Invalid user group id"))
    group_id = call.state.next_id("group")
    copy = UserGroup(source.row(), UserGroupID=str(group_id))
    copy["GroupName"] = f"{source['GroupName']} (Copy)"
    call.state.groups[group_id] = copy
    return ok(UserGroupID=group_id)
