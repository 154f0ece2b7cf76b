"""API keys: what ``mailgql keys new`` makes, the entries the settings accept, and how a
presented key is checked (by id, then its digest)."""

from __future__ import annotations

import hashlib
import re

import pytest

from mailgql.auth.keys import ApiKey, KeyRefusal, KeyRing, new_key, parse_entries
from mailgql.auth.roles import Role
from mailgql.settings import Settings, SettingsError, load_settings
from tests.auth.conftest import make_key


def test_a_new_key_carries_its_id_and_its_entry_holds_only_its_digest():
    key, entry = new_key(Role.OPERATOR, tenant="acme", name="ci-deploy")
    prefix, key_id, secret = key.split("_", 2)
    assert prefix == "mgql"
    assert key_id == entry.key_id
    assert re.fullmatch(r"[0-9a-f]{12}", key_id)
    assert len(secret) >= 43  # 256 random bits
    text = entry.entry
    assert text == f"{key_id}:operator:acme:ci-deploy:{hashlib.sha256(key.encode()).hexdigest()}"
    assert secret not in text
    assert ApiKey.parse(text) == entry
    assert secret not in repr(entry)


def test_two_keys_differ():
    assert new_key(Role.READER)[0] != new_key(Role.READER)[0]


def test_an_entry_without_tenant_or_name_leaves_them_empty():
    key, entry = new_key(Role.READER)
    assert entry.entry.split(":")[1:4] == ["reader", "", ""]
    assert ApiKey.parse(entry.entry).tenant is None


def test_the_ring_admits_the_key_and_names_its_role_and_tenant():
    made = make_key("operator", tenant="acme", name="ci")
    ring = KeyRing(parse_entries(made.entry))
    principal = ring.authenticate(f"Bearer {made.key}")
    assert (principal.key_id, principal.role, principal.tenant, principal.name) == (
        made.key_id,
        Role.OPERATOR,
        "acme",
        "ci",
    )
    assert ring.authenticate(f"bearer   {made.key} ").role is Role.OPERATOR


@pytest.mark.parametrize(
    ("header", "presented"),
    [
        (None, False),
        ("", False),
        ("Basic dXNlcjpwYXNz", True),
        ("Bearer", True),
        ("Bearer not-a-key", True),
    ],
)
def test_the_ring_refuses_a_missing_or_malformed_credential(header, presented):
    ring = KeyRing(parse_entries(make_key("admin").entry))
    with pytest.raises(KeyRefusal) as refused:
        ring.authenticate(header)
    assert refused.value.presented is presented


def test_the_ring_refuses_a_wrong_secret_under_a_known_id_and_an_unknown_id():
    made = make_key("admin")
    ring = KeyRing(parse_entries(made.entry))
    forged = made.key[:-4] + ("AAAA" if not made.key.endswith("AAAA") else "BBBB")
    with pytest.raises(KeyRefusal, match="wrong secret"):
        ring.authenticate(f"Bearer {forged}")
    other = make_key("admin")
    with pytest.raises(KeyRefusal, match="unknown key id"):
        ring.authenticate(f"Bearer {other.key}")


def test_the_settings_read_comma_separated_entries(monkeypatch):
    a, b = make_key("reader"), make_key("admin", tenant="acme")
    monkeypatch.setenv("MAILGQL_API_KEYS", f"{a.entry}, {b.entry},")
    keys = load_settings().api_keys
    assert [(k.key_id, k.role, k.tenant) for k in keys] == [
        (a.key_id, Role.READER, None),
        (b.key_id, Role.ADMIN, "acme"),
    ]
    monkeypatch.delenv("MAILGQL_API_KEYS")
    assert Settings().api_keys == ()  # the default: none, the gateway is open


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("abc", "got 1 field"),
        ("ABCDEF123456:reader:::" + "0" * 64, "12 lower-case hex digits"),
        ("abcdef123456:owner:::" + "0" * 64, "unknown role 'owner'"),
        ("abcdef123456:reader:a b::" + "0" * 64, "tenant 'a b'"),
        ("abcdef123456:reader:::" + "0" * 63, "64 lower-case hex digits"),
    ],
)
def test_a_malformed_entry_stops_start_up_naming_the_problem(monkeypatch, entry, problem):
    monkeypatch.setenv("MAILGQL_API_KEYS", entry)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert error.value.setting == "MAILGQL_API_KEYS"
    assert problem in str(error.value)


def test_a_key_configured_in_place_of_its_entry_is_refused_without_being_echoed(monkeypatch):
    made = make_key("admin")
    monkeypatch.setenv("MAILGQL_API_KEYS", made.key)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert "is a key itself" in str(error.value)
    assert made.key not in str(error.value)
    assert made.key.split("_", 2)[2] not in str(error.value)


def test_a_key_id_configured_twice_is_refused(monkeypatch):
    made = make_key("admin")
    monkeypatch.setenv("MAILGQL_API_KEYS", f"{made.entry},{made.entry}")
    with pytest.raises(SettingsError, match="appears twice"):
        load_settings()
