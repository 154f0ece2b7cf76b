"""What ``bench/mix.py`` and ``bench/floor.py`` share: the load loop, the process probe, the app.

A *unit* is one query of the mix (for Q5, a mutation and the read after it): an async callable
taking the worker's index, raising on any failure. ``drive`` runs ``concurrency`` workers back
to back for a warm-up and then a measured window, and ``alone`` times units one after another.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import psutil

if TYPE_CHECKING:
    from fastapi import FastAPI

Unit = Callable[[int], Awaitable[None]]
"""One query of the mix, run by worker ``i``; raises on a failed answer."""

DRAIN_SECONDS = 60.0
"""How long units still in flight at the end of a window may take before they are cancelled."""


@dataclass(slots=True)
class Window:
    """What the measured window saw: units completed in it, their latencies, failures."""

    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None

    @property
    def per_second(self) -> float:
        """Units completed per second of the window."""
        return len(self.latencies) / self.seconds

    def percentile_ms(self, q: int) -> float:
        """The q-th percentile of the latencies, in ms (nan with fewer than two)."""
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1] * 1000


class ProcessProbe:
    """CPU time and peak RSS of one process (a gateway, or the floor's own process)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._process = psutil.Process(pid)
        self._sampled_peak = 0

    def cpu_seconds(self) -> float:
        """User plus system CPU time the process has used so far."""
        times = self._process.cpu_times()
        return float(times.user + times.system)

    def reset_peak(self) -> None:
        """Start a new peak-RSS measurement (Linux: writing 5 to clear_refs resets VmHWM)."""
        self._sampled_peak = self._process.memory_info().rss
        try:
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        except OSError:
            pass  # no /proc or not allowed: peak_rss_mb falls back to the sampled maximum

    def sample(self) -> None:
        """Note the current RSS (the fallback when VmHWM cannot be read or reset)."""
        self._sampled_peak = max(self._sampled_peak, self._process.memory_info().rss)

    def peak_rss_mb(self) -> float:
        """The largest RSS since ``reset_peak``, in MB (VmHWM where Linux gives it)."""
        self.sample()
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
        except OSError:
            pass
        return self._sampled_peak / 1e6


async def drive(
    unit: Unit,
    *,
    concurrency: int,
    seconds: float,
    warmup: float,
    probe: ProcessProbe,
) -> tuple[Window, float]:
    """Run the workers; returns the window and the probed process's CPU seconds within it."""
    window = Window(seconds=seconds)
    started = time.perf_counter()
    window_start = started + warmup
    window_end = window_start + seconds
    cpu: dict[str, float] = {}

    async def worker(index: int) -> None:
        while (begun := time.perf_counter()) < window_end:
            try:
                await unit(index)
            except Exception as exc:  # counted and shown, never hidden
                if window.errors == 0 and window.first_error is None:
                    window.first_error = f"{type(exc).__name__}: {exc}"[:300]
                window.errors += 1
                await asyncio.sleep(0.05)  # a failing target must not turn this into a spin
                continue
            ended = time.perf_counter()
            if window_start <= ended < window_end:
                window.latencies.append(ended - begun)

    async def clock() -> None:
        await asyncio.sleep(warmup)
        probe.reset_peak()
        cpu["start"] = probe.cpu_seconds()
        while time.perf_counter() < window_end:
            probe.sample()
            await asyncio.sleep(min(0.25, max(0.0, window_end - time.perf_counter())))
        cpu["end"] = probe.cpu_seconds()

    tasks = [asyncio.create_task(worker(i)) for i in range(concurrency)]
    await clock()
    _, pending = await asyncio.wait(tasks, timeout=DRAIN_SECONDS)
    for task in pending:
        task.cancel()
    return window, cpu["end"] - cpu["start"]


async def alone(unit: Unit, *, runs: int, budget: float) -> tuple[float, int]:
    """Median ms of up to ``runs`` units one after another (three at least, then within
    ``budget`` seconds), and how many ran."""
    timings: list[float] = []
    deadline = time.perf_counter() + budget
    while len(timings) < runs and (len(timings) < 3 or time.perf_counter() < deadline):
        begun = time.perf_counter()
        await unit(0)
        timings.append(time.perf_counter() - begun)
    return statistics.median(timings) * 1000, len(timings)


def mailgql_app() -> FastAPI:
    """The gateway as ``mailgql serve`` builds it, from ``MAILGQL_*`` (a uvicorn factory)."""
    from mailgql.app import create_app
    from mailgql.settings import load_settings

    return create_app(load_settings(None))


def cpu_count() -> int:
    """Cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
