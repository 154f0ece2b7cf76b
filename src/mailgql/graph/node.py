"""The Relay ``Node`` interface every addressable object implements."""

from __future__ import annotations

import strawberry

__all__ = ["Node"]


@strawberry.interface(description="An object with a global ID, fetchable with `node(id:)`.")
class Node:
    """An object with a global ID."""

    id: strawberry.ID = strawberry.field(
        description="Opaque global ID: carries the type, the platform and the legacy key."
    )
