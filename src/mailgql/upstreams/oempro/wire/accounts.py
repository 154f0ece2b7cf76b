"""Oempro's account records: users, the admin, clients, user groups, and what a login answers.

Quirks handled (contract §3 and §19): a login answers ``UserInfo``, ``AdminInfo``, 5.x's
``ClientInfo`` or no account at all, beside its ``SessionID``; a user row without
``AccountStatus`` (a user that could log in is enabled); ``Permissions`` as one comma-separated
string. Password hashes, API keys and a group's ``SendMethodSMTP*`` settings are dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mailgql.upstreams._coerce import opt_int, req_int, req_str
from mailgql.upstreams.oempro.records import Admin, Client, User, UserGroup
from mailgql.upstreams.oempro.wire.admin_area import parse_sending
from mailgql.upstreams.oempro.wire.columns import (
    drop_secrets,
    empty,
    flag,
    opt_id,
    server_time,
    text,
)
from mailgql.upstreams.oempro.wire.envelope import decode_record, unreadable

__all__ = ["parse_admin", "parse_client", "parse_login", "parse_user", "parse_user_group"]


def parse_user(raw: Mapping[str, Any]) -> User:
    """A user row (``Users.Get``, ``User.Get``, ``UserInfo`` of ``User.Login``)."""
    raw = drop_secrets(raw)
    return User(
        user_id=req_int(raw["UserID"]),
        group_id=opt_id(raw.get("RelUserGroupID")),
        username=req_str(raw["Username"]),
        email=text(raw, "EmailAddress"),
        first_name=text(raw, "FirstName"),
        last_name=text(raw, "LastName"),
        company_name=text(raw, "CompanyName"),
        website=text(raw, "Website"),
        street=text(raw, "Street"),
        city=text(raw, "City"),
        state=text(raw, "State"),
        zip_code=text(raw, "Zip"),
        country=text(raw, "Country"),
        phone=text(raw, "Phone"),
        fax=text(raw, "Fax"),
        timezone=text(raw, "TimeZone"),
        language=text(raw, "Language"),
        reputation=text(raw, "ReputationLevel"),
        # The seed's UserInfo has no AccountStatus: a user that could log in is enabled.
        enabled=flag(raw.get("AccountStatus"), default=True),
        user_since=server_time(raw.get("UserSince")),
        last_activity_at=server_time(raw.get("LastActivityDateTime")),
        available_credits=opt_int(raw.get("AvailableCredits")),
    )


def parse_admin(raw: Mapping[str, Any]) -> Admin:
    """The ``AdminInfo`` of ``Admin.Login``."""
    raw = drop_secrets(raw)
    return Admin(
        admin_id=req_int(raw["AdminID"]),
        name=text(raw, "Name"),
        email=text(raw, "EmailAddress"),
        username=req_str(raw["Username"]),
    )


def parse_client(raw: Mapping[str, Any]) -> Client:
    """A client row (``Clients.Get``; 5.x ``ClientInfo``)."""
    raw = drop_secrets(raw)
    return Client(
        client_id=req_int(raw["ClientID"]),
        owner_user_id=opt_id(raw.get("RelOwnerUserID")),
        name=text(raw, "ClientName"),
        username=req_str(raw["ClientUsername"]),
        email=text(raw, "ClientEmailAddress"),
        enabled=flag(raw.get("ClientAccountStatus"), default=True),
    )


def parse_login(
    payload: Mapping[str, Any], *, command: str
) -> tuple[str, User | Admin | Client | None]:
    """The session id and the account a login describes (``UserInfo``/``AdminInfo``/none)."""
    session = payload.get("SessionID")
    if not isinstance(session, str) or not session.strip():
        raise unreadable(command, "a success envelope without a SessionID")
    account: User | Admin | Client | None = None
    if not empty(payload.get("UserInfo")):
        account = decode_record(payload, "UserInfo", parse=parse_user, command=command)
    elif not empty(payload.get("AdminInfo")):
        account = decode_record(payload, "AdminInfo", parse=parse_admin, command=command)
    elif not empty(payload.get("ClientInfo")):
        account = decode_record(payload, "ClientInfo", parse=parse_client, command=command)
    return session.strip(), account


def parse_user_group(raw: Mapping[str, Any]) -> UserGroup:
    """A user group row; its SMTP user name and password are dropped (the rest of its sending
    settings are read by name, see ``admin_area.parse_sending``)."""
    sending = parse_sending(raw)
    raw = drop_secrets(raw)
    permissions = text(raw, "Permissions") or ""
    return UserGroup(
        group_id=req_int(raw["UserGroupID"]),
        name=req_str(raw["GroupName"]),
        permissions=tuple(p.strip() for p in permissions.split(",") if p.strip()),
        limit_subscribers=opt_int(raw.get("LimitSubscribers")),
        limit_lists=opt_int(raw.get("LimitLists")),
        limit_campaign_send_per_period=opt_int(raw.get("LimitCampaignSendPerPeriod")),
        limit_email_send_per_period=opt_int(raw.get("LimitEmailSendPerPeriod")),
        threshold_import=opt_int(raw.get("ThresholdImport")),
        threshold_email_send=opt_int(raw.get("ThresholdEmailSend")),
        trial_group=flag(raw.get("TrialGroup")),
        trial_expire_seconds=opt_int(raw.get("TrialExpireSeconds")),
        payment_system=flag(raw.get("PaymentSystem")),
        send_method=text(raw, "SendMethod"),
        theme_id=opt_id(raw.get("RelThemeID")),
        subscriber_area_logout_url=text(raw, "SubscriberAreaLogoutURL"),
        force_unsubscription_link=flag(raw.get("ForceUnsubscriptionLink")),
        force_reject_opt_link=flag(raw.get("ForceRejectOptLink")),
        plain_email_header=text(raw, "PlainEmailHeader"),
        plain_email_footer=text(raw, "PlainEmailFooter"),
        html_email_header=text(raw, "HTMLEmailHeader"),
        html_email_footer=text(raw, "HTMLEmailFooter"),
        sending=sending,
    )
