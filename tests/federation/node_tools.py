"""Apollo's federation libraries on Node.js, as ``scripts/_federation.sh`` installs them into
``.cache/federation`` (``scripts/test`` and ``.ci/run`` run it): the tests fail, never skip,
when they are missing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".cache" / "federation"
HERE = Path(__file__).resolve().parent

BILLING_LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])'
)


def run_node(script: str, payload: Any) -> Any:
    """Run ``tests/federation/<script>`` with ``payload`` as JSON on its stdin; its JSON answer."""
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules" / "@apollo" / "gateway").is_dir():
        pytest.fail(
            "the federation tests need Node.js and Apollo's libraries in .cache/federation: run "
            "bash scripts/_federation.sh (scripts/test and .ci/run do)"
        )
    done = subprocess.run(
        [node, str(HERE / script), str(TOOLS)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
