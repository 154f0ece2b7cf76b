"""System settings (contract §17) — admin scope; 4.x has no command that reads them back.

``Settings.Update`` takes any of the known setting names (unknown ones are ignored) and checks
the addresses and the media storage; ``Settings.EmailSendingTest`` tries a send method's
settings without saving them. Error codes are our reading of 5.x's "validation codes".
"""

from __future__ import annotations

from mailgql.emulators.oempro.commands._base import (
    ADMIN,
    Call,
    CommandTable,
    bad_address,
    canonical,
)
from mailgql.emulators.oempro.commands.user_groups import SEND_METHODS
from mailgql.emulators.oempro.envelope import Outcome, fail, ok
from mailgql.emulators.oempro.params import Params, is_number
from mailgql.emulators.oempro.records import UserGroup

__all__ = ["COMMANDS", "SETTING_NAMES"]

COMMANDS = CommandTable(error_text="string")

_ADDRESSES = (
    ("SystemEmailFromEmail", 1),
    ("SystemEmailReplyToEmail", 2),
    ("AlertRecipientEmail", 3),
    ("ReportAbuseEmail", 4),
)
SETTING_NAMES = (
    "SystemEmailFromName",
    "SystemEmailFromEmail",
    "SystemEmailReplyToName",
    "SystemEmailReplyToEmail",
    "AlertRecipientEmail",
    "ReportAbuseEmail",
    "MediaUploadMethod",
    "S3Bucket",
    "S3AccessID",
    "S3SecretKey",
    "S3URL",
    "LoadBalanceEmails",
    "LoadBalanceSleep",
    "PreviewMyEmailAccount",
    "PreviewMyEmailAPIKey",
    *(c for c in UserGroup.SEND_METHOD_COLUMNS if c != "SendMethodSMTPTimeOut"),
)
"""The settings ``Settings.Update`` knows; those of the send method are a plan's, but for its
SMTP timeout."""


def _problem(params: Params, current: dict[str, str]) -> Outcome | None:
    problem = bad_address(params, _ADDRESSES)
    if problem is not None:
        return problem
    method = params.filled("MediaUploadMethod")
    if method is not None and method.lower() not in {"file", "s3"}:
        return fail((5, "Invalid media upload method"))
    if (method or current.get("MediaUploadMethod", "")).lower() == "s3":
        names = ("S3Bucket", "S3AccessID", "S3SecretKey")
        merged = [params.filled(n) if params.present(n) else current.get(n) for n in names]
        if not all(merged):
            return fail((6, "Amazon S3 bucket, access id and secret key are needed"))
    for name in ("LoadBalanceEmails", "LoadBalanceSleep", "SendMethodSMTPPort"):
        value = params.filled(name)
        if value is not None and not is_number(value):
            return fail((7, f"{name} must be a number"))
    send = params.filled("SendMethod")
    if send is not None and canonical(send, SEND_METHODS) is None:
        return fail((8, "Invalid send method"))
    return None


@COMMANDS.register("Settings.Update", ADMIN)
def settings_update(call: Call) -> Outcome:
    """``Settings.Update``: the known settings given, after every check passed."""
    settings = call.state.settings
    problem = _problem(call.params, settings)
    if problem is not None:
        return problem
    for name in SETTING_NAMES:
        if call.params.present(name):
            value = (call.params.text(name) or "").strip()
            if name == "SendMethod":
                value = canonical(value, SEND_METHODS) or value
            settings[name] = value
    return ok()


_NEEDS = {
    "SMTP": ("SendMethodSMTPHost",),
    "LocalMTA": ("SendMethodLocalMTAPath",),
    "PowerMTA": ("SendMethodPowerMTAVMTA", "SendMethodPowerMTADir"),
    "SaveToDisk": ("SendMethodSaveToDiskDir",),
    "PHPMail": (),
}


@COMMANDS.register("Settings.EmailSendingTest", ADMIN)
def settings_email_sending_test(call: Call) -> Outcome:
    """``Settings.EmailSendingTest``: 2 an unknown method; 1, with ``EmailSettingsErrorMessage``,
    when the method's settings are incomplete or its server cannot be reached (a host under
    ``.invalid``, or a port that is not one)."""
    p = call.params
    method = call.choice("SendMethod", SEND_METHODS, (2, "Invalid send method"))
    lacking = [name for name in _NEEDS[method] if p.filled(name) is None]
    if lacking:
        return fail((1, "Test failed"), EmailSettingsErrorMessage=f"{lacking[0]} is missing")
    if method == "SMTP":
        host = p.filled("SendMethodSMTPHost") or ""
        port = p.filled("SendMethodSMTPPort") or "25"
        if host.endswith(".invalid") or not is_number(port) or not 0 < int(port) < 65536:
            message = f"SMTP Error: Could not connect to SMTP host {host}:{port}"
            return fail((1, "Test failed"), EmailSettingsErrorMessage=message)
    return ok()
