"""Field resolution without Strawberry's per-call wrapping where the wrapping changes nothing.

Strawberry resolves a field through a wrapper built for its every feature: an attribute through
three calls; a field with a resolver through an ``Info`` object, a pass converting each argument
by its type, a chain of field extensions and, for an async resolver, one more coroutine. A page
of fifty accounts with their lists resolves hundreds of fields so. :func:`streamline` gives
graphql-core, for the fields where none of that matters, a resolver doing the same work
directly:

- an attribute (no resolver): ``getattr(source, python_name)``, as Strawberry's default
  resolver does;
- a resolver taking the object, ``info`` and arguments of the built-in scalar types (whose
  conversion returns the value as it is): the resolver, called with Strawberry's ``Info`` and
  the arguments under their Python names, its coroutine handed to graphql-core as it is;
- a field whose value an object may already hold (:func:`known_value`): that value when the
  object holds one, else the field's resolver.

A field with field extensions or permissions, a subscription, any other kind of argument (an
enum, an input object), a resolver asking for ``root`` or ``parent``, or a schema with
exception handlers keeps Strawberry's resolver. Errors are raised where they were: inside the
resolver, reported at the field by graphql-core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import FunctionType
from typing import Any

import strawberry
from graphql import GraphQLField, GraphQLObjectType
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField

__all__ = ["KNOWN", "known_value", "streamline"]

KNOWN = "mailgql_known_attribute"
"""Field metadata: the attribute of the object that may already hold the field's value."""

_SCALARS: tuple[object, ...] = (int, float, str, bool, strawberry.ID)
"""Argument types Strawberry passes on unconverted (its built-in scalars)."""

Resolve = Callable[..., Any]


def known_value(attribute: str) -> dict[str, str]:
    """Field metadata saying that a non-null ``attribute`` of the object is the field's value,
    with no call to the field's resolver (``strawberry.field(metadata=known_value(...))``)."""
    return {KNOWN: attribute}


def streamline(schema: strawberry.Schema) -> int:
    """Give graphql-core a direct resolver for every field that qualifies; returns how many."""
    if schema.exception_handlers or schema.config.default_resolver is not getattr:
        return 0
    info_class = schema.config.info_class
    names = schema.config.name_converter
    changed = 0
    for graphql_type in schema._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for graphql_field in graphql_type.fields.values():
            field = (graphql_field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
            if not isinstance(field, StrawberryField) or field.extensions:
                continue
            if field.is_subscription or graphql_field.subscribe is not None:
                continue
            resolve = _direct(field, info_class, names.from_argument)
            if resolve is None and KNOWN not in field.metadata:
                continue
            fallback = resolve or graphql_field.resolve
            attribute = field.metadata.get(KNOWN)
            if attribute is not None and fallback is not None:
                resolve = _known(attribute, fallback)
            if resolve is not None:
                _replace(graphql_field, resolve, is_default=not field.base_resolver)
                changed += 1
    return changed


def _replace(graphql_field: GraphQLField, resolve: Resolve, *, is_default: bool) -> None:
    # Strawberry marks its wrappers so; extensions that skip default resolvers read the mark.
    resolve._is_default = is_default  # type: ignore[attr-defined]
    graphql_field.resolve = resolve


def _direct(
    field: StrawberryField, info_class: type, graphql_name: Callable[[Any], str]
) -> Resolve | None:
    """The direct resolver of a field, or None where Strawberry's must stay."""
    resolver = field.base_resolver
    if resolver is None:
        return _attribute(field.python_name)
    func = resolver.wrapped_func
    if (
        not isinstance(func, FunctionType)
        or resolver.root_parameter is not None
        or resolver.parent_parameter is not None
    ):
        return None
    python_names: dict[str, str] = {}
    for argument in field.arguments:
        kind = argument.type
        if isinstance(kind, StrawberryOptional):
            kind = kind.of_type
        if kind not in _SCALARS or argument.python_name is None:
            return None
        python_names[graphql_name(argument)] = argument.python_name
    info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None
    with_self = resolver.self_parameter is not None
    return _call(func, field, info_class, info_name, with_self, python_names)


def _attribute(name: str) -> Resolve:
    def resolve(source: Any, _info: Any, **_: Any) -> Any:
        return getattr(source, name)

    return resolve


def _call(
    func: Callable[..., Any],
    field: StrawberryField,
    info_class: type,
    info_name: str | None,
    with_self: bool,
    python_names: Mapping[str, str],
) -> Resolve:
    def resolve(source: Any, info: Any, **arguments: Any) -> Any:
        kwargs = {python_names[name]: value for name, value in arguments.items()}
        if info_name is not None:
            kwargs[info_name] = info_class(_raw_info=info, _field=field)
        if with_self:
            return func(source, **kwargs)
        return func(**kwargs)

    return resolve


def _known(attribute: str, fallback: Resolve) -> Resolve:
    def resolve(source: Any, info: Any, **arguments: Any) -> Any:
        value = getattr(source, attribute)
        if value is not None:
            return value
        return fallback(source, info, **arguments)

    return resolve
