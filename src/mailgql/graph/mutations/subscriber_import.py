"""Importing subscribers into a list from CSV text (Oempro ``Subscribers.Import``, both steps)."""

from __future__ import annotations

from typing import Self

import strawberry

from mailgql.data.oempro import OemproData
from mailgql.data.oempro.lists import custom_field_id
from mailgql.graph.context import Info
from mailgql.graph.errors import BadUserInput, GraphError, UserError, user_error_from
from mailgql.graph.mutations._oempro import LIST_FIELD, OemproListInput, list_id
from mailgql.graph.mutations._run import (
    Input,
    InputPaths,
    RefusedFirst,
    attempt,
    input_type,
    mutation,
    refusal,
)
from mailgql.graph.mutations.subscriber_upkeep import UPKEEP_PATHS
from mailgql.graph.validation import MAX_IDS, check_not_blank
from mailgql.upstreams.errors import UpstreamError, UpstreamRefused
from mailgql.upstreams.oempro.list_records import ImportStarted

__all__ = [
    "ImportColumnInput",
    "ImportSubscribersInput",
    "ImportSubscribersPayload",
    "SubscriberImport",
    "SubscriberImportMutation",
]


@input_type
class ImportColumnInput:
    """Which custom field one CSV column fills."""

    column: int = strawberry.field(description="The column, counted from 1.")
    field: str = strawberry.field(
        description="The custom field: its name, its `legacyId` or `CustomField<id>`."
    )


@input_type
class ImportSubscribersInput(OemproListInput):
    """Subscribers to add to a list from CSV text (Oempro Subscribers.Import, both steps). Rows
    whose address is invalid or already subscribed are counted, not added."""

    csv: str = strawberry.field(description="The rows, one subscriber each (at most 1 MB).")
    email_column: int = strawberry.field(description="The column holding the address, from 1.")
    field_columns: list[ImportColumnInput] = strawberry.field(
        default_factory=list,
        description=f"Columns filling custom fields (at most {MAX_IDS}); others are ignored.",
    )
    delimiter: str = strawberry.field(default=",", description="One character between columns.")
    quote: str = strawberry.field(default='"', description="One character enclosing a value.")


@strawberry.type(description="What an import did with the rows it was given.")
class SubscriberImport:
    """What an import did."""

    import_id: str = strawberry.field(description="Oempro's id of the import (`ImportID`).")
    columns: list[str] = strawberry.field(description="The first row's values, as step 1 read it.")
    rows: int | None = strawberry.field(description="Rows read; null if not reported.")
    imported: int | None = strawberry.field(description="Rows added to the list.")
    duplicates: int | None = strawberry.field(description="Rows already subscribed.")
    failed: int | None = strawberry.field(description="Rows without a valid address.")


@strawberry.type(
    description="What an import did, or which of its two steps failed and why. The steps are "
    "not atomic: a failed step 2 leaves step 1's data stored unprocessed on the platform."
)
class ImportSubscribersPayload(RefusedFirst):
    """What an import did, or which step failed."""

    result: SubscriberImport | None = strawberry.field(
        description="The import's totals; null unless both steps succeeded."
    )
    failed_step: int | None = strawberry.field(
        description="1: reading the data failed, nothing was stored or added. 2: the data was "
        "stored (see the user error) but mapping and adding the rows failed, or its outcome is "
        "unknown. Null on success."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why a step was refused or failed; empty on success."
    )

    @classmethod
    def refused_first(cls, errors: list[UserError]) -> Self:
        """A refusal before or in step 1: nothing was stored or added."""
        return cls(result=None, failed_step=1, user_errors=errors)


def _char(value: str, name: str) -> str:
    if len(value) != 1:
        raise BadUserInput(f"{name} must be one character", field=("input", name))
    return value


async def _columns(data: OemproData, target: int, input: ImportSubscribersInput) -> dict[int, str]:
    """The step 2 mapping: the address column and each field column, checked."""
    if input.email_column < 1:
        raise BadUserInput("emailColumn counts from 1", field=("input", "emailColumn"))
    if len(input.field_columns) > MAX_IDS:
        raise BadUserInput(f"give at most {MAX_IDS} field columns", field=("input", "fieldColumns"))
    columns = {input.email_column: "EmailAddress"}
    known = await data.custom_fields(target) if input.field_columns else ()
    for index, given in enumerate(input.field_columns):
        path = ("input", "fieldColumns", str(index))
        if given.column < 1 or given.column in columns:
            raise BadUserInput(
                "each column counts from 1 and is mapped once", field=(*path, "column")
            )
        field_id = custom_field_id(given.field, known)
        if field_id is None:
            raise BadUserInput(
                f"Oempro list {target} has no custom field {given.field!r}", field=(*path, "field")
            )
        columns[given.column] = f"CustomField{field_id}"
    return columns


def _failure(error: GraphError | UpstreamError, paths: InputPaths, prefix: str) -> UserError:
    """A step's failure as a user error, its message saying which step and what is left."""
    if isinstance(error, GraphError):
        found = refusal(error, paths)
    else:
        found = user_error_from(error)
        path = paths.get(error.field) if error.field is not None else None
        found.field = list(path) if path is not None else None
    found.message = f"{prefix}: {found.message}"
    return found


@strawberry.type
class SubscriberImportMutation:
    """Importing subscribers from CSV text."""

    @mutation
    async def import_subscribers(
        self, info: Info, input: Input[ImportSubscribersInput]
    ) -> ImportSubscribersPayload:
        """Add subscribers to a list from CSV text (Oempro: Subscribers.Import step 1 with the
        data, then step 2 with the column mapping; CustomFields.Get first when custom fields are
        mapped). The two steps are not atomic: `failedStep` says which one failed."""
        data = info.context.oempro

        async def prepare() -> tuple[int, dict[int, str]]:
            target = list_id(info, input.list_id, field=LIST_FIELD)
            _char(input.delimiter, "delimiter")
            _char(input.quote, "quote")
            check_not_blank(input.csv, field=("input", "csv"), what="csv")
            return target, await _columns(data(), target, input)

        async def step_one() -> tuple[int, dict[int, str], ImportStarted]:
            target, columns = await prepare()
            started = await data().import_rows(
                target, input.csv, delimiter=input.delimiter, quote=input.quote
            )
            return target, columns, started

        first, errors = await attempt(step_one, input_paths=UPKEEP_PATHS)
        if first is None:
            return ImportSubscribersPayload.refused_first(errors)
        target, columns, started = first
        try:
            done = await data().import_mapping(target, started.import_id, columns)
        except (GraphError, UpstreamError) as exc:
            stored = f"step 1 stored the data as Oempro import {started.import_id}"
            if isinstance(exc, GraphError | UpstreamRefused):
                prefix = (
                    f"step 2 of 2 (mapping and adding the rows) failed; {stored}, which is left "
                    "unprocessed"
                )
            else:
                prefix = (
                    f"step 2 of 2 (mapping and adding the rows) got no usable answer, so whether "
                    f"the rows were added is unknown (look before trying again); {stored}"
                )
            return ImportSubscribersPayload(
                result=None, failed_step=2, user_errors=[_failure(exc, UPKEEP_PATHS, prefix)]
            )
        return ImportSubscribersPayload(
            result=SubscriberImport(
                import_id=str(started.import_id),
                columns=list(started.columns),
                rows=done.total,
                imported=done.imported,
                duplicates=done.duplicates,
                failed=done.failed,
            ),
            failed_step=None,
            user_errors=[],
        )
