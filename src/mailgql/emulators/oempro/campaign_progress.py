"""A sending Oempro campaign moved forward (the ``advance-campaign`` control)."""

from __future__ import annotations

from typing import Any

from mailgql.emulators.oempro.state import OemproState
from mailgql.emulators.sending import AdvanceRequest, next_step

__all__ = ["advance_campaign"]


def advance_campaign(state: OemproState, request: AdvanceRequest, now: str) -> dict[str, Any]:
    """One step of sending for a ``Sending`` campaign; ``Sent`` (with its finish time) once
    every recipient was sent to or failed. What it holds afterwards, or ``{"error": ...}``."""
    campaign = state.campaigns.get(request.campaign_id)
    if campaign is None:
        return {"error": f"no campaign {request.campaign_id}"}
    status = campaign["CampaignStatus"]
    if status != "Sending":
        return {"error": f"campaign {request.campaign_id} is {status}, not Sending"}
    recipients = int(campaign["TotalRecipients"])
    done = int(campaign["TotalSent"]) + int(campaign["TotalFailed"])
    step = next_step(request, recipients=recipients, left=max(0, recipients - done))
    for column, added in (
        ("TotalSent", step.sent),
        ("TotalFailed", step.failed),
        ("TotalHardBounces", step.hard_bounces),
        ("TotalSoftBounces", step.soft_bounces),
        ("UniqueOpens", step.unique_opens),
        ("TotalOpens", step.opens),
        ("UniqueClicks", step.unique_clicks),
        ("TotalClicks", step.clicks),
        ("TotalUnsubscriptions", step.unsubscriptions),
    ):
        campaign[column] = str(int(campaign[column]) + added)
    campaign["LastActivityDateTime"] = now
    if done + step.processed >= recipients:
        campaign["CampaignStatus"] = "Sent"
        campaign["SendProcessFinishedOn"] = now
    return {
        "id": request.campaign_id,
        "status": campaign["CampaignStatus"],
        "sent": int(campaign["TotalSent"]),
        "left": max(0, recipients - done - step.processed),
    }
