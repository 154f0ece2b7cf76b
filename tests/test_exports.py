"""Every module states its public surface in __all__, and every name in it exists."""

import importlib
import pkgutil

import pytest

import mailgql

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(mailgql.__path__, prefix="mailgql.")
    if m.name != "mailgql.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_module_declares_all_and_exports_exist(name):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    missing = [n for n in exported if not hasattr(module, n)]
    assert missing == []
    assert len(exported) == len(set(exported))


def test_importing_the_package_opens_nothing():
    # importing builds no app and opens no client: only the version is public at the top
    assert mailgql.__all__ == ["__version__"]
