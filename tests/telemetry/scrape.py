"""Reading ``/metrics`` in the telemetry tests: its samples, and what changed between reads."""

from __future__ import annotations

from collections import Counter

from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import Gateway

Key = tuple[str, frozenset[tuple[str, str]]]


def samples(text: str) -> dict[Key, float]:
    """Every sample of a Prometheus text page, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


class Scrape:
    """The change of every sample between two reads of a gateway's ``/metrics``."""

    def __init__(self, gateway: Gateway, headers: dict[str, str] | None = None) -> None:
        self.gateway = gateway
        self.headers = headers or {}
        self.before: dict[Key, float] = {}
        self.after: dict[Key, float] = {}

    async def read(self) -> dict[Key, float]:
        response = await self.gateway.client.get("/metrics", headers=self.headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/plain; version=")
        return samples(response.text)

    async def start(self) -> Scrape:
        self.before = await self.read()
        return self

    async def stop(self) -> Scrape:
        self.after = await self.read()
        return self

    def delta(self, name: str, **labels: str) -> float:
        """How much the samples named ``name`` whose labels include ``labels`` grew, summed."""
        wanted = set(labels.items())
        return sum(
            value - self.before.get(key, 0.0)
            for key, value in self.after.items()
            if key[0] == name and wanted <= key[1]
        )

    def by(self, name: str, label: str, **labels: str) -> Counter[str]:
        """The growth of ``name`` per value of ``label`` (values that did not grow left out)."""
        wanted = set(labels.items())
        found: Counter[str] = Counter()
        for key, value in self.after.items():
            grown = value - self.before.get(key, 0.0)
            if key[0] == name and wanted <= key[1] and grown:
                found[dict(key[1])[label]] += int(grown)
        return found
