"""Campaign statistics: consistent counters per status, and the per-day series of
``Campaign.Get RetrieveStatistics=true``."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from mailgql.emulators.oempro.records import ZERO_DATE, Campaign

__all__ = ["CAMPAIGN_STATUSES", "fill_counters", "ratio", "statistics"]

CAMPAIGN_STATUSES = ("Draft", "Ready", "Sending", "Paused", "Pending Approval", "Sent", "Failed")
"""Every 4.x campaign status, in the spelling the API uses."""

_DAY_WEIGHTS = (40, 22, 12, 9, 7, 5, 5)
_SERIES = (
    ("OpenStatistics", "UniqueOpens", "TotalOpens"),
    ("ClickStatistics", "UniqueClicks", "TotalClicks"),
    ("ForwardStatistics", "UniqueForwards", "TotalForwards"),
    ("BrowserViewStatistics", "UniqueViewsOnBrowser", "TotalViewsOnBrowser"),
    ("UnsubscriptionStatistics", "TotalUnsubscriptions", "TotalUnsubscriptions"),
    ("BounceStatistics", "TotalSoftBounces", "TotalHardBounces"),
)


def _share(total: int, fraction: float) -> int:
    return min(total, round(total * fraction))


def fill_counters(campaign: Campaign, recipients: int, rng: random.Random) -> None:
    """Set the statistics columns so they agree with each other and with the status."""
    status = campaign["CampaignStatus"]
    counts = dict.fromkeys(Campaign.STAT_COLUMNS, 0)
    if status in {"Sending", "Paused", "Sent", "Failed"} and recipients > 0:
        if status == "Sent":
            failed = _share(recipients, rng.uniform(0.0, 0.02))
            sent = recipients - failed
        elif status == "Failed":
            sent = _share(recipients, rng.uniform(0.0, 0.15))
            failed = recipients - sent
        else:
            # Still going: at least one recipient is left to send to.
            sent = min(recipients - 1, _share(recipients, rng.uniform(0.25, 0.75)))
            failed = _share(recipients - sent - 1, rng.uniform(0.0, 0.02))
        hard = _share(sent, rng.uniform(0.0, 0.02))
        soft = _share(sent - hard, rng.uniform(0.0, 0.03))
        delivered = sent - hard - soft
        unique_opens = _share(delivered, rng.uniform(0.15, 0.45))
        unique_clicks = _share(unique_opens, rng.uniform(0.1, 0.35))
        unique_forwards = _share(unique_opens, rng.uniform(0.0, 0.05))
        unique_views = _share(unique_opens, rng.uniform(0.0, 0.08))
        counts.update(
            TotalRecipients=recipients,
            TotalSent=sent,
            TotalFailed=failed,
            UniqueOpens=unique_opens,
            TotalOpens=unique_opens + _share(unique_opens, rng.uniform(0.2, 1.0)),
            UniqueClicks=unique_clicks,
            TotalClicks=unique_clicks + _share(unique_clicks, rng.uniform(0.1, 0.8)),
            UniqueForwards=unique_forwards,
            TotalForwards=unique_forwards + _share(unique_forwards, rng.uniform(0.0, 0.5)),
            UniqueViewsOnBrowser=unique_views,
            TotalViewsOnBrowser=unique_views + _share(unique_views, rng.uniform(0.0, 0.5)),
            TotalUnsubscriptions=_share(delivered, rng.uniform(0.0, 0.01)),
            TotalHardBounces=hard,
            TotalSoftBounces=soft,
        )
    for column, value in counts.items():
        campaign[column] = str(value)


def ratio(part: int, whole: int) -> str:
    """A percentage with two decimals, as the statistics pages print it."""
    return f"{part * 100 / whole:.2f}" if whole else "0"


def _split(total: int, days: int) -> list[int]:
    weights = _DAY_WEIGHTS[:days]
    parts = [total * w // sum(weights) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def statistics(campaign: Campaign) -> dict[str, Any]:
    """Per-day series (up to a week from the send start) whose sums equal the counters."""
    started = campaign["SendProcessStartedOn"]
    if started in {"", ZERO_DATE}:
        return {name: [] for name, _, _ in _SERIES}
    try:
        first = date.fromisoformat(started[:10])
    except ValueError:
        return {name: [] for name, _, _ in _SERIES}
    dates = [(first + timedelta(days=i)).strftime("%Y-%m-%d") for i in range(len(_DAY_WEIGHTS))]
    out: dict[str, Any] = {}
    for name, unique_column, total_column in _SERIES:
        uniques = _split(campaign.number(unique_column), len(dates))
        totals = _split(campaign.number(total_column), len(dates))
        first_key, second_key = (
            ("Soft", "Hard") if name == "BounceStatistics" else ("Unique", "Total")
        )
        out[name] = [
            {"Date": day, first_key: str(u), second_key: str(t)}
            for day, u, t in zip(dates, uniques, totals, strict=True)
        ]
    return out
