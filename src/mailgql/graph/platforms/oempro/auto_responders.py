"""Oempro auto responders in the graph: a list's, one read back after a write."""

from __future__ import annotations

from typing import TypeVar

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.auto_responders import ResponderSpec
from mailgql.graph.auto_responders import (
    AutoResponder,
    AutoResponderDelay,
    AutoResponderDelayUnit,
    AutoResponderStats,
    AutoResponderTrigger,
    AutoResponderTriggerType,
)
from mailgql.graph.context import Info
from mailgql.graph.lists import MailingList
from mailgql.graph.pagination import Connection, Window
from mailgql.graph.platforms.base import existing
from mailgql.graph.platforms.oempro.mapping import read_of
from mailgql.platforms import Platform
from mailgql.upstreams.oempro import MailingList as ListRecord
from mailgql.upstreams.oempro.list_records import AutoResponder as ResponderRecord

__all__ = [
    "create_auto_responder",
    "list_auto_responders",
    "to_auto_responder",
    "update_auto_responder",
]

_P = Platform.OEMPRO
E = TypeVar("E", AutoResponderTriggerType, AutoResponderDelayUnit)


def _member(kind: type[E], value: str) -> E | None:
    wanted = value.strip().lower()
    return next((m for m in kind if str(m.value).lower() == wanted), None)


def _data(info: Info) -> OemproData:
    return info.context.oempro()


def to_auto_responder(record: ResponderRecord, as_user: int | None = None) -> AutoResponder:
    """An auto responder row, read in scope ``as_user`` (its e-mail is read in it too)."""
    s = record.statistics
    return AutoResponder(
        legacy_id=str(record.auto_responder_id),
        name=record.name,
        trigger=AutoResponderTrigger(
            type=_member(AutoResponderTriggerType, record.trigger_type),
            legacy_type=record.trigger_type,
            value=record.trigger_value,
        ),
        delay=AutoResponderDelay(
            unit=_member(AutoResponderDelayUnit, record.time_type), amount=record.time_amount
        ),
        stats=AutoResponderStats(
            sent=s.total_sent,
            total_opens=s.total_opens,
            unique_opens=s.unique_opens,
            total_clicks=s.total_clicks,
            unique_clicks=s.unique_clicks,
            unsubscribed=s.total_unsubscriptions,
            hard_bounced=s.total_hard_bounces,
            soft_bounced=s.total_soft_bounces,
        ),
        email_id=record.email_id,
        as_user=as_user,
    )


async def list_auto_responders(
    info: Info, mailing_list: MailingList, window: Window
) -> Connection[AutoResponder]:
    """Every auto responder of the list (one unpaged ``AutoResponders.Get``), windowed here."""
    read = read_of(mailing_list._record, ListRecord)
    records = await _data(info).auto_responders(read.record.list_id, as_user=read.as_user)
    return Connection.slice([to_auto_responder(r, read.as_user) for r in records], window)


async def _read_back(info: Info, responder_id: int) -> AutoResponder:
    record = await _data(info).auto_responder(responder_id)
    missing = f"Oempro no longer shows auto responder {responder_id}"
    return to_auto_responder(existing(record, _P, missing))


async def create_auto_responder(info: Info, list_id: int, spec: ResponderSpec) -> AutoResponder:
    """``AutoResponder.Create``, then the new one (``AutoResponder.Get``)."""
    return await _read_back(info, await _data(info).create_auto_responder(list_id, spec))


async def update_auto_responder(
    info: Info, list_id: int, responder_id: int, spec: ResponderSpec
) -> AutoResponder:
    """``AutoResponder.Update``, then the auto responder read back (``AutoResponder.Get``)."""
    await _data(info).update_auto_responder(list_id, responder_id, spec)
    return await _read_back(info, responder_id)
