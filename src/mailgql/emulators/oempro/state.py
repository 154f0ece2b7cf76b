"""The in-memory Oempro database: tables keyed by id, id counters and live sessions."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime

from mailgql.emulators.oempro.content_state import ContentTables
from mailgql.emulators.oempro.list_side_state import ListSideTables
from mailgql.emulators.oempro.records import (
    Admin,
    Campaign,
    Client,
    CustomField,
    Email,
    Segment,
    Session,
    SessionKind,
    Subscriber,
    SubscriberList,
    User,
    UserGroup,
    owned_by,
)
from mailgql.emulators.oempro.records.admin_area import OutgoingMail, PaymentPeriod, Theme

__all__ = ["OemproState", "now_text"]


def now_text() -> str:
    """The server clock as MySQL prints it (UTC)."""
    return datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class OemproState:
    """Every table of one Oempro install, plus its sessions and settings."""

    admin: Admin
    login_captcha: bool = True
    """Admin › Settings › Preferences: CAPTCHA on logins (API logins need DisableCaptcha)."""
    licence_user_limit: int = 5000
    groups: dict[int, UserGroup] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    clients: dict[int, Client] = field(default_factory=dict)
    lists: dict[int, SubscriberList] = field(default_factory=dict)
    fields: dict[int, CustomField] = field(default_factory=dict)
    subscribers: dict[int, dict[int, Subscriber]] = field(default_factory=dict)
    """Subscribers per list id, then per (per-list) subscriber id."""
    segments: dict[int, Segment] = field(default_factory=dict)
    emails: dict[int, Email] = field(default_factory=dict)
    campaigns: dict[int, Campaign] = field(default_factory=dict)
    suppressed: dict[int, set[str]] = field(default_factory=dict)
    """Suppression list per user id (lower-cased addresses)."""
    sessions: dict[str, Session] = field(default_factory=dict)
    themes: dict[int, Theme] = field(default_factory=dict)
    payment_periods: dict[int, PaymentPeriod] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)
    """Admin › Settings: one value per setting name (credentials among them)."""
    esp_licence: bool = True
    """Whether the licence bills users (payment periods exist only then; else 99997)."""
    outbox: list[OutgoingMail] = field(default_factory=list)
    """What the install mailed (password reminders and resets), oldest first."""
    content: ContentTables = field(default_factory=ContentTables)
    """Tags, templates, media files and attachments (contract §13-14)."""
    list_side: ListSideTables = field(default_factory=ListSideTables)
    """Auto responders, web-service hooks and pending imports of lists (contract §7, §11, §16)."""
    _next: dict[str, int] = field(default_factory=dict)

    # ids ---------------------------------------------------------------------------------
    def next_id(self, table: str) -> int:
        """The next auto-increment id of a table (``"user"``, ``"list"``, ``"sub:<ListID>"``...)."""
        value = self._next.get(table, 0) + 1
        self._next[table] = value
        return value

    # sessions ----------------------------------------------------------------------------
    def open_session(self, kind: SessionKind, principal_id: int, privilege: str = "Default") -> str:
        """Start a session and return its 32-hex id."""
        session_id = secrets.token_hex(16)
        self.sessions[session_id] = Session(session_id, kind, principal_id, privilege, now_text())
        return session_id

    def expire_sessions(self) -> int:
        """Forget every session, as when PHP's session files are garbage-collected."""
        count = len(self.sessions)
        self.sessions.clear()
        return count

    def online_user_ids(self) -> set[int]:
        """Users with a live user session."""
        return {s.principal_id for s in self.sessions.values() if s.kind == "user"}

    # lookups -----------------------------------------------------------------------------
    def user_by_username(self, username: str) -> User | None:
        """A user by user name (case-insensitive, as MySQL compares)."""
        wanted = username.lower()
        return next((u for u in self.users.values() if u["Username"].lower() == wanted), None)

    def user_by_email(self, email: str) -> User | None:
        """A user by e-mail address (case-insensitive)."""
        wanted = email.lower()
        return next((u for u in self.users.values() if u["EmailAddress"].lower() == wanted), None)

    def user_by_api_key(self, key: str) -> User | None:
        """The user owning an API key (exact match)."""
        return next((u for u in self.users.values() if key and u["APIKey"] == key), None)

    def lists_of(self, user_id: int) -> list[SubscriberList]:
        """A user's lists in id order."""
        return [lst for lst in self.lists.values() if lst.owner_id == user_id]

    def owned_list(self, user_id: int, list_id: int | None) -> SubscriberList | None:
        """The list if it exists and belongs to the user."""
        return owned_by(self.lists, user_id, list_id)

    def fields_of(self, list_id: int) -> list[CustomField]:
        """The custom fields of a list, in id order."""
        return [f for f in self.fields.values() if f.number("RelListID") == list_id]

    def subscriber_by_email(self, list_id: int, email: str) -> Subscriber | None:
        """A list's subscriber by address (case-insensitive)."""
        wanted = email.lower()
        for sub in self.subscribers.get(list_id, {}).values():
            if sub["EmailAddress"].lower() == wanted:
                return sub
        return None

    def owned_campaign(self, user_id: int, campaign_id: int | None) -> Campaign | None:
        """The campaign if it exists and belongs to the user."""
        return owned_by(self.campaigns, user_id, campaign_id)

    def owned_email(self, user_id: int, email_id: int | None) -> Email | None:
        """The email content record if it exists and belongs to the user."""
        email = self.emails.get(email_id) if email_id is not None else None
        return email if email is not None and email.number("RelUserID") == user_id else None

    def owned_segment(self, user_id: int, segment_id: int | None) -> Segment | None:
        """The segment if it exists and belongs to the user."""
        return owned_by(self.segments, user_id, segment_id)

    def owned_client(self, user_id: int, client_id: int | None) -> Client | None:
        """The client if it exists and belongs to the user."""
        return owned_by(self.clients, user_id, client_id)

    # cascades ----------------------------------------------------------------------------
    def delete_list(self, list_id: int) -> None:
        """Drop a list with its subscribers, fields and segments, and unassign it."""
        self.lists.pop(list_id, None)
        self.subscribers.pop(list_id, None)
        self.list_side.drop_list(list_id)
        for field_id in [f.id for f in self.fields_of(list_id)]:
            del self.fields[field_id]
        for seg_id in [s.id for s in self.segments.values() if s.list_id == list_id]:
            del self.segments[seg_id]
        for client in self.clients.values():
            if list_id in client.list_ids:
                client.list_ids.remove(list_id)

    def delete_campaign(self, campaign_id: int) -> None:
        """Drop a campaign and unassign it from clients."""
        self.campaigns.pop(campaign_id, None)
        for client in self.clients.values():
            if campaign_id in client.campaign_ids:
                client.campaign_ids.remove(campaign_id)

    def delete_user(self, user_id: int) -> None:
        """Drop a user with everything it owns and its sessions."""
        self.users.pop(user_id, None)
        for lst in self.lists_of(user_id):
            self.delete_list(lst.id)
        for camp_id in [c.id for c in self.campaigns.values() if c.owner_id == user_id]:
            self.delete_campaign(camp_id)
        for email_id in [e.id for e in self.emails.values() if e.number("RelUserID") == user_id]:
            del self.emails[email_id]
        for client_id in [c.id for c in self.clients.values() if c.owner_id == user_id]:
            self.delete_client(client_id)
        self.suppressed.pop(user_id, None)
        for sid in [s.session_id for s in self.sessions.values() if s.kind == "user"]:
            if self.sessions[sid].principal_id == user_id:
                del self.sessions[sid]

    def delete_client(self, client_id: int) -> None:
        """Drop a client and its sessions."""
        self.clients.pop(client_id, None)
        for sid in [s.session_id for s in self.sessions.values() if s.kind == "client"]:
            if self.sessions[sid].principal_id == client_id:
                del self.sessions[sid]
