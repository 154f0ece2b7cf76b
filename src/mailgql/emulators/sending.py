"""A sending campaign moved forward by hand: the numbers one step of sending adds.

Emulated campaigns never send on their own; the ``advance-campaign`` control of a platform
takes one step of this size (a quarter of the recipients unless told), with failures, bounces,
opens, clicks and unsubscriptions in fixed proportions of it, so that a test knows what to
expect. The step that reaches the last recipient ends the campaign.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

__all__ = ["AdvanceRequest", "AdvancesCampaigns", "Step", "advance_request", "next_step"]


@dataclass(frozen=True, slots=True)
class AdvanceRequest:
    """What a control call asked: which campaign, and how many recipients to send to (None:
    a quarter of them; ``finish``: every one left)."""

    campaign_id: int
    recipients: int | None = None
    finish: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """What one step of sending adds to a campaign's counters."""

    processed: int
    sent: int
    failed: int
    hard_bounces: int
    soft_bounces: int
    unique_opens: int
    opens: int
    unique_clicks: int
    clicks: int
    unsubscriptions: int

    @property
    def bounces(self) -> int:
        """Hard and soft bounces together."""
        return self.hard_bounces + self.soft_bounces


def advance_request(params: Any) -> AdvanceRequest | str:
    """Read ``{"id": N, "recipients"?: N, "finish"?: bool}``; a message saying what to send
    instead when it is not that."""
    usage = 'send {"id": <campaign id>, "recipients"?: <count>, "finish"?: true}'
    if not isinstance(params, dict):
        return usage
    campaign_id, count, finish = params.get("id"), params.get("recipients"), params.get("finish")
    if isinstance(campaign_id, str) and campaign_id.isdigit():
        campaign_id = int(campaign_id)
    if isinstance(campaign_id, bool) or not isinstance(campaign_id, int):
        return usage
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        return usage
    if finish is not None and not isinstance(finish, bool):
        return usage
    return AdvanceRequest(campaign_id, count, bool(finish))


class AdvancesCampaigns(ABC):
    """An emulator whose sending campaigns move on when asked: by a test calling
    :meth:`advance_campaign`, or through the ``advance-campaign`` control."""

    def advance_campaign(
        self, campaign_id: int, *, recipients: int | None = None, finish: bool = False
    ) -> dict[str, Any]:
        """Send a sending campaign to ``recipients`` more (a quarter of them by default; every
        one left with ``finish``); it is sent once none is left."""
        return self.advance(AdvanceRequest(campaign_id, recipients, finish))

    async def advance_campaign_control(self, params: dict[str, Any]) -> dict[str, Any]:
        """The ``advance-campaign`` control: ``{"id": N, "recipients"?: N, "finish"?: true}``;
        what to send instead when the body is not that."""
        request = advance_request(params)
        if isinstance(request, str):
            return {"error": request}
        return self.advance(request)

    @abstractmethod
    def advance(self, request: AdvanceRequest) -> dict[str, Any]:
        """Take one step of sending for ``request`` on the platform's own state."""


def next_step(request: AdvanceRequest, *, recipients: int, left: int) -> Step:
    """The counters one step adds to a campaign of ``recipients`` with ``left`` still to go."""
    size = request.recipients or max(1, math.ceil(recipients / 4))
    processed = left if request.finish else min(left, size)
    failed = processed // 50
    sent = processed - failed
    hard, soft = sent // 50, sent // 40
    delivered = sent - hard - soft
    unique_opens = delivered * 3 // 10
    unique_clicks = unique_opens // 4
    return Step(
        processed=processed,
        sent=sent,
        failed=failed,
        hard_bounces=hard,
        soft_bounces=soft,
        unique_opens=unique_opens,
        opens=unique_opens + unique_opens // 2,
        unique_clicks=unique_clicks,
        clicks=unique_clicks + unique_clicks // 3,
        unsubscriptions=delivered // 100,
    )
