"""Where the gateway's CPU goes, by layer, from a py-spy profile in its raw (collapsed) format.

Run by hand, on a profile of ``bench/profile_q1.py`` (or of a served gateway)::

    py-spy record -r 500 -f raw -o q1a.txt -- .venv/bin/python bench/profile_q1.py --runs 400
    .venv/bin/python bench/profile_layers.py q1a.txt [--top 25]

Only samples taken in the event loop count (start-up and imports do not). Each sample goes to
the layer of the innermost frame that belongs to one (library code called from a layer, such as
``json`` or ``asyncio``, counts for the layer that called it; a sample in no layer at all is the
event loop's own). The cyclic garbage collector runs wherever an allocation triggers it, so its
time is spread over the layers that allocate (``bench/profile_q1.py --gc off`` measures it).
Then the functions with the most samples of their own.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>.*?)(?::\d+)?\)$")

Rule = Callable[[str, str], bool]
_WIRE = ("mailgql/upstreams/_wire", "mailgql/upstreams/_coerce") + tuple(
    f"mailgql/upstreams/{platform}/wire" for platform in ("v2rest", "maxmailer", "oempro")
)
LAYERS: list[tuple[str, Rule]] = [
    (
        "upstream JSON decoding (wire.decode_*)",
        lambda fn, f: f.startswith("mailgql/upstreams/") and fn.startswith("decode_envelope"),
    ),
    (
        "upstream records parsed (wire, _coerce)",
        lambda fn, f: f.startswith(_WIRE),
    ),
    (
        "upstream HTTP (client.py, _http.py, httpx, aiohttp)",
        lambda fn, f: f.startswith(
            ("httpx", "aiohttp/", "httpx_aiohttp", "mailgql/upstreams/", "multidict", "yarl")
        ),
    ),
    (
        "loaders, data facades, aiodataloader",
        lambda fn, f: f.startswith(("mailgql/loaders", "mailgql/data", "aiodataloader")),
    ),
    ("graphql-core execution", lambda fn, f: f.startswith("graphql/")),
    (
        "HTTP view, JSON encoding, ASGI",
        lambda fn, f: f.startswith(
            (
                "strawberry/http",
                "strawberry/asgi",
                "starlette",
                "fastapi",
                "mailgql/graphql_http",
                "cross_web",
                "uvicorn",
                "h11",
                "httptools",
            )
        ),
    ),
    ("Strawberry (fields, Info, schema)", lambda fn, f: f.startswith("strawberry/")),
    ("mailgql graph (resolvers, mapping)", lambda fn, f: f.startswith("mailgql/")),
    ("in-process client (profile_q1.py)", lambda fn, f: f.startswith("profile_q1")),
]
OTHER = "event loop, asyncio, other"
_SKIP = ("_find_and_load", "lifespan", "_start_emulators", "create_app")
"""Samples of start-up, not of a query."""


def _layer(stack: str, frames: list[str]) -> str:
    for frame in reversed(frames):
        found = _FRAME.match(frame)
        if found is None:
            continue
        function, file = found["function"], found["file"]
        for name, rule in LAYERS:
            if rule(function, file):
                # The in-process client's own httpx calls are the harness, not an upstream call.
                if name.startswith("upstream HTTP") and "post (profile_q1" in stack:
                    if "GraphQLView" not in stack and "UpstreamHttp" not in stack:
                        return "in-process client (profile_q1.py)"
                return name
    return OTHER


def summarise(path: Path, top: int) -> str:
    """The report: share of samples per layer, then per function (own samples)."""
    layers: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if "_run_once" not in stack or any(skip in stack for skip in _SKIP):
            continue
        samples = int(count)
        total += samples
        frames = stack.split(";")
        layers[_layer(stack, frames)] += samples
        leaf = _FRAME.match(frames[-1])
        own[f"{leaf['function']} ({leaf['file']})" if leaf else frames[-1]] += samples
    if not total:
        return "no samples in the event loop"
    lines = [f"{total} samples in the event loop", "", "| layer | share |", "|---|---:|"]
    order = [name for name, _ in LAYERS] + [OTHER]
    lines += [f"| {name} | {100 * layers[name] / total:.1f} % |" for name in order if layers[name]]
    lines += ["", "| function (own samples) | share |", "|---|---:|"]
    lines += [f"| {name} | {100 * n / total:.1f} % |" for name, n in own.most_common(top)]
    return "\n".join(lines)


def main() -> None:
    """Print the report for one profile."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("profile", type=Path, help="py-spy record -f raw output")
    parser.add_argument("--top", type=int, default=20, help="functions listed")
    args = parser.parse_args()
    print(summarise(args.profile, args.top))


if __name__ == "__main__":
    main()
