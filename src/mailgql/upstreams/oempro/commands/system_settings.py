"""Commands of the install's settings: update them, or test a send method's settings without
saving them. The S3 key and the SMTP password are sent as parameters and never read back."""

from __future__ import annotations

from mailgql.upstreams.oempro.admin_records import SettingsChange
from mailgql.upstreams.oempro.commands import value_forms
from mailgql.upstreams.oempro.commands._base import Command, write

__all__ = ["check_email_sending", "update_settings"]


def update_settings(change: SettingsChange) -> Command[None]:
    """``Settings.Update`` with the given settings only."""
    return write("Settings.Update", value_forms.settings_form(change))


def check_email_sending(change: SettingsChange) -> Command[None]:
    """``Settings.EmailSendingTest`` of a send method's settings (nothing is saved).

    A failed test is error 1 with the server's reason as its text (see ``wire.envelope``);
    the client turns it into a :class:`~mailgql.upstreams.oempro.admin_records.SendingTest`.
    """
    return write("Settings.EmailSendingTest", value_forms.settings_form(change))
