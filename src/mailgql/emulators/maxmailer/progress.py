"""A sending Maxmailer campaign moved forward (the ``advance-campaign`` control)."""

from __future__ import annotations

from typing import Any

from mailgql.emulators.maxmailer.records import MaxmailerState
from mailgql.emulators.sending import AdvanceRequest, next_step

__all__ = ["advance_campaign"]

_SENDING = ("sending", "restarting")


def advance_campaign(state: MaxmailerState, request: AdvanceRequest, now: int) -> dict[str, Any]:
    """One step of sending for a ``sending`` (or ``restarting``) campaign; ``completed`` once no
    recipient is left. What it holds afterwards, or ``{"error": ...}``."""
    campaign = state.campaigns.get(request.campaign_id)
    if campaign is None:
        return {"error": f"no campaign {request.campaign_id}"}
    if campaign.status not in _SENDING:
        return {"error": f"campaign {campaign.message_id} is {campaign.status}, not sending"}
    step = next_step(request, recipients=campaign.subscribers, left=campaign.left)
    campaign.sent += step.sent
    campaign.failed += step.failed
    campaign.bounced += step.bounces
    campaign.reads_unique += step.unique_opens
    campaign.reads_total += step.opens
    campaign.unsubscribed += step.unsubscriptions
    campaign.left -= step.processed
    if campaign.left <= 0:
        campaign.left = 0
        campaign.status = "completed"
        campaign.date_end = now
    return {
        "id": campaign.message_id,
        "status": campaign.status,
        "sent": campaign.sent,
        "left": campaign.left,
    }
