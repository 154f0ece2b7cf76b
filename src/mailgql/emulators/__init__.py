"""Faithful emulators of the three legacy APIs, written from the contracts.

They import nothing from the gateway's graph, loaders or upstream adapters: each side reads the
contract on its own, so a wire bug cannot hide by being shared.
"""

from mailgql.emulators.app import Emulators, build_emulators
from mailgql.emulators.faults import Fault, Faults, RequestCounter
from mailgql.emulators.server import RunningServer, serve_in_thread
from mailgql.emulators.store import EmulatorHub, PlatformEmulator, Size

__all__ = [
    "EmulatorHub",
    "Emulators",
    "Fault",
    "Faults",
    "PlatformEmulator",
    "RequestCounter",
    "RunningServer",
    "Size",
    "build_emulators",
    "serve_in_thread",
]
