"""Live campaign progress: the ``campaignProgress`` subscription and the hub of pollers behind
it (one per watched campaign and tenant, however many clients watch)."""

from mailgql.graph.progress.field import PROGRESS_STATE, ProgressSubscription, progress_hub
from mailgql.graph.progress.hub import (
    FINAL_STATUSES,
    ProgressHub,
    TooManyWatches,
    Watch,
    WatchKey,
)
from mailgql.graph.progress.reads import OpenData, campaign_reader

__all__ = [
    "FINAL_STATUSES",
    "PROGRESS_STATE",
    "OpenData",
    "ProgressHub",
    "ProgressSubscription",
    "TooManyWatches",
    "Watch",
    "WatchKey",
    "campaign_reader",
    "progress_hub",
]
