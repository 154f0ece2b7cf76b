"""Oempro segments: each lives in one list and is read with that list's segments.

4.x reads segments only per list (``Segment.Get``, unpaged): one call per list per request. A
segment known only by its own id is found by reading every list of the login and each list's
segments (one ``Lists.Get`` and one ``Segment.Get`` per list).
"""

from __future__ import annotations

import asyncio

from mailgql.data.oempro.lists import ListReads
from mailgql.loaders.oempro_keys import ScopedId
from mailgql.upstreams.errors import UpstreamNotFound
from mailgql.upstreams.oempro import Segment

__all__ = ["SegmentReads"]


class SegmentReads(ListReads):
    """Segments of lists, each read in one scope (``as_user``, see ``sessions``)."""

    async def segments(self, list_id: int, *, as_user: int | None = None) -> tuple[Segment, ...]:
        """Every segment of a list (read once per request)."""
        return await self._segments.get(ScopedId(list_id, as_user))

    async def segment(
        self, list_id: int, segment_id: int, *, as_user: int | None = None
    ) -> Segment | None:
        """One segment of a list; None when the list has no such segment (or, read as a user,
        when that user does not exist)."""
        try:
            found = await self.segments(list_id, as_user=as_user)
        except UpstreamNotFound:
            if as_user is None:
                raise
            return None  # User.Switch: no such user
        return next((s for s in found if s.segment_id == segment_id), None)

    async def find_segment(self, segment_id: int) -> tuple[int, Segment] | None:
        """A segment of one of the login's lists by its id alone, with its list's id; None when
        no list has it."""
        lists = await self.all_lists()
        listings = await asyncio.gather(*(self.segments(r.list_id) for r in lists))
        for record, found in zip(lists, listings, strict=True):
            for segment in found:
                if segment.segment_id == segment_id:
                    return record.list_id, segment
        return None
