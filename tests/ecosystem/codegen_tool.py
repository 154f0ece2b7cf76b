"""ariadne-codegen in an environment of its own, made once and kept beside the test venv.

ariadne-codegen pins graphql-core below 3.3 and ruff below 0.16, which mailgql's own environment
is newer than, so it cannot join the ``dev`` extra. The version comes from
``examples/requirements-codegen.txt``, the file the examples README tells users to install.
"""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

from .example_files import EXAMPLES

REQUIREMENTS = EXAMPLES / "requirements-codegen.txt"
INSTALL_WITHIN = 600.0


def _tools_dir() -> Path:
    """Where tool environments live: inside the virtual environment running the tests."""
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix) / "mailgql-tools"
    return Path.home() / ".cache" / "mailgql-tools"


def ariadne_codegen() -> Path:
    """The ``ariadne-codegen`` executable, installed first if it is missing or out of date."""
    tools = _tools_dir()
    tools.mkdir(parents=True, exist_ok=True)
    env = tools / "ariadne-codegen"
    stamp = env / ".installed-from"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    executable = env / "bin" / "ariadne-codegen"
    # One installer at a time, should several test processes start together.
    with (tools / "ariadne-codegen.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if executable.exists() and stamp.exists() and stamp.read_text("utf-8") == wanted:
            return executable
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(env)],
            check=True,
            capture_output=True,
            timeout=INSTALL_WITHIN,
        )
        installed = subprocess.run(
            [str(env / "bin" / "python"), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)],
            capture_output=True,
            text=True,
            timeout=INSTALL_WITHIN,
            check=False,
        )
        if installed.returncode != 0:
            raise RuntimeError(f"could not install ariadne-codegen:\n{installed.stderr}")
        stamp.write_text(wanted, encoding="utf-8")
    return executable
