"""Auto responders of a list (contract §11): read, create, update, delete, copy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mailgql.upstreams.oempro.commands import value_forms
from mailgql.upstreams.oempro.commands._base import Command, Form, created, listing, write
from mailgql.upstreams.oempro.commands._form import ids, ordered
from mailgql.upstreams.oempro.list_records import AutoResponder
from mailgql.upstreams.oempro.records import Page
from mailgql.upstreams.oempro.wire.columns import opt_id
from mailgql.upstreams.oempro.wire.envelope import decode_record
from mailgql.upstreams.oempro.wire.list_side import parse_auto_responder
from mailgql.upstreams.oempro.write_values import ResponderSpec

__all__ = [
    "ResponderSpec",
    "copy_auto_responders",
    "create_auto_responder",
    "delete_auto_responders",
    "get_auto_responder",
    "get_auto_responders",
    "update_auto_responder",
]

# The total's key is unconfirmed for 4.x (contract §11): read every spelling seen.
_TOTALS = ("TotalResponderCount", "TotalAutoResponders", "TotalAutoResponderCount")


def get_auto_responders(
    list_id: int,
    *,
    order_field: str = "AutoResponderID",
    order_type: str = "ASC",
    as_user: int | None = None,
) -> Command[Page[AutoResponder]]:
    """``AutoResponders.Get``: every auto responder of a list (unpaged), with its counters."""
    form: Form = [("SubscriberListID", str(list_id)), *ordered(order_field, order_type)]
    parse = parse_auto_responder
    return listing(
        "AutoResponders.Get", form, "AutoResponders", parse, totals=_TOTALS, as_user=as_user
    )


def get_auto_responder(
    auto_responder_id: int, *, as_user: int | None = None
) -> Command[AutoResponder]:
    """``AutoResponder.Get`` with its statistics; an unknown id is ``UpstreamNotFound``, also
    when the server answers it (as before 5.9.3) with a made-up row of no id."""
    form: Form = [("AutoResponderID", str(auto_responder_id)), ("RetrieveStatistics", "true")]
    command = "AutoResponder.Get"

    def decode(data: dict[str, Any]) -> AutoResponder:
        row = data.get("AutoResponder")
        if isinstance(row, dict) and not opt_id(row.get("AutoResponderID")):
            data = {**data, "AutoResponder": []}
        return decode_record(data, "AutoResponder", parse=parse_auto_responder, command=command)

    return Command(command, form, decode=decode, read=True, as_user=as_user)


def create_auto_responder(list_id: int, spec: ResponderSpec) -> Command[int]:
    """``AutoResponder.Create`` in a list; the new auto responder's id."""
    form: Form = [("SubscriberListID", str(list_id)), *value_forms.responder_form(spec)]
    return created("AutoResponder.Create", form, "AutoResponderID")


def update_auto_responder(auto_responder_id: int, spec: ResponderSpec) -> Command[None]:
    """``AutoResponder.Update``: only the given settings."""
    form: Form = [("AutoResponderID", str(auto_responder_id)), *value_forms.responder_form(spec)]
    return write("AutoResponder.Update", form)


def delete_auto_responders(auto_responder_ids: Sequence[int]) -> Command[None]:
    """``AutoResponders.Delete``: a comma list of ids."""
    return write("AutoResponders.Delete", [("AutoResponders", ids(auto_responder_ids))])


def copy_auto_responders(source_list_id: int, target_list_id: int) -> Command[None]:
    """``AutoResponders.Copy``: every auto responder of one list into another."""
    form: Form = [("SourceListID", str(source_list_id)), ("TargetListID", str(target_list_id))]
    return write("AutoResponders.Copy", form)
