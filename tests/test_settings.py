"""Settings: environment, TOML file, safe defaults, and start-up errors that name the setting."""

import pytest

from mailgql.platforms import Platform
from mailgql.settings import Settings, SettingsError, load_settings


def test_defaults_configure_nothing_and_are_safe():
    settings = load_settings()
    assert settings.configured() == []
    assert settings.upstream_timeout == 10.0
    assert settings.upstream_concurrency == 50
    assert settings.upstream_max_connections == 50
    assert settings.upstream_transport == "aiohttp"
    assert settings.max_page_size == 500


def test_environment_configures_v2(monkeypatch):
    monkeypatch.setenv("MAILGQL_V2REST_URL", "https://api.example.com/v2.0/")
    monkeypatch.setenv("MAILGQL_V2REST_USERNAME", "admin")
    monkeypatch.setenv("MAILGQL_V2REST_TOKEN", "tok-secret")
    settings = load_settings()
    assert settings.configured() == [Platform.V2REST]
    assert settings.v2rest is not None
    assert settings.v2rest.url == "https://api.example.com/v2.0"
    assert "tok-secret" not in repr(settings)


def test_toml_file_and_environment_wins(tmp_path, monkeypatch):
    config = tmp_path / "mailgql.toml"
    config.write_text(
        'v2rest_url = "https://file.example.com/v2.0"\n'
        'v2rest_username = "from-file"\n'
        'v2rest_token = "t"\n'
        "upstream_concurrency = 3\n"
    )
    monkeypatch.setenv("MAILGQL_V2REST_USERNAME", "from-env")
    settings = load_settings(config)
    assert settings.v2rest is not None
    assert settings.v2rest.url == "https://file.example.com/v2.0"
    assert settings.v2rest.username == "from-env"
    assert settings.upstream_concurrency == 3


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"MAILGQL_V2REST_URL": "not a url"}, "MAILGQL_V2REST_URL"),
        ({"MAILGQL_V2REST_URL": "https://x.example/v2.0"}, "MAILGQL_V2REST_USERNAME"),
        (
            {"MAILGQL_V2REST_URL": "https://x.example/v2.0", "MAILGQL_V2REST_USERNAME": "a"},
            "MAILGQL_V2REST_TOKEN",
        ),
        ({"MAILGQL_UPSTREAM_CONCURRENCY": "0"}, "MAILGQL_UPSTREAM_CONCURRENCY"),
        ({"MAILGQL_UPSTREAM_TIMEOUT": "soon"}, "MAILGQL_UPSTREAM_TIMEOUT"),
        ({"MAILGQL_MAXMAILER_LIST_KEYS": "not json"}, "MAILGQL_MAXMAILER_LIST_KEYS"),
        ({"MAILGQL_MAX_PAGE_SIZE": "-5"}, "MAILGQL_MAX_PAGE_SIZE"),
        ({"MAILGQL_OEMPRO_SERVER_TIMEZONE": "Mars/Olympus"}, "MAILGQL_OEMPRO_SERVER_TIMEZONE"),
        ({"MAILGQL_OEMPRO_SERVER_TIMEZONE": "../../etc/passwd"}, "MAILGQL_OEMPRO_SERVER_TIMEZONE"),
    ],
)
def test_a_bad_setting_names_itself(monkeypatch, env, setting):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.setting == setting
    assert setting in str(caught.value)


def test_unknown_key_in_the_file_is_refused(tmp_path):
    config = tmp_path / "mailgql.toml"
    config.write_text('v2rest_urll = "https://x.example"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(config)
    assert caught.value.setting == "MAILGQL_V2REST_URLL"


def test_a_file_that_is_not_toml_is_refused(tmp_path):
    config = tmp_path / "mailgql.toml"
    config.write_text("this is = = not toml")
    with pytest.raises(SettingsError) as caught:
        load_settings(config)
    assert caught.value.setting == "--config"


def test_secrets_never_print():
    settings = Settings(
        v2rest_url="https://x.example/v2.0", v2rest_username="a", v2rest_token="tok-123"
    )
    assert "tok-123" not in repr(settings)
    assert "tok-123" not in str(settings.v2rest)


def test_a_misspelt_environment_variable_is_refused_with_a_suggestion(monkeypatch):
    monkeypatch.setenv("MAILGQL_V2REST_TOKNE", "x")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.setting == "MAILGQL_V2REST_TOKNE"
    assert "did you mean MAILGQL_V2REST_TOKEN?" in str(caught.value)
