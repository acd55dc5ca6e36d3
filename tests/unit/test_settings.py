"""The one settings object: every documented variable, read when asked, with clear errors."""

import os
from pathlib import Path

import pytest

from stafett_app import settings as settings_module
from stafett_app.db import make_engine
from stafett_app.settings import Settings, SettingsError, get_settings


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("STAFETT_", "REFLEX_REDIS_URL"):
        for variable in [v for v in os.environ if v.startswith(name)]:
            monkeypatch.delenv(variable)
    return monkeypatch


def test_defaults(clean_env):
    settings = get_settings()
    assert settings.db_url == "sqlite:///stafett.db" and settings.files_dir == "var/files"
    assert settings.public_url == "http://localhost:3000" and settings.redis_url == ""
    assert (
        settings.demo_mode
        and not settings.secure_cookies
        and settings.session_idle_minutes == 30
        and settings.session_max_minutes == 120
    )
    assert not settings.email_configured and settings.smtp_port == 587


def test_every_documented_variable_is_read(clean_env):
    values = {
        "STAFETT_DB_URL": "postgresql+psycopg://db/stafett",
        "STAFETT_SQLITE_SYNCHRONOUS": "full",
        "STAFETT_FILES_DIR": "/srv/files",
        "STAFETT_PUBLIC_URL": "https://stafett.elvdal.example/",
        "REFLEX_REDIS_URL": "redis://cache:6379/0",
        "STAFETT_SECURE_COOKIES": "1",
        "STAFETT_SESSION_IDLE_MINUTES": "20",
        "STAFETT_SESSION_MAX_MINUTES": "90",
        "STAFETT_OIDC_ACR_VALUES": "idporten-loa-high",
        "STAFETT_IDENTITY_KEY": "a-long-enough-identity-key-for-the-test-0123456789",
        "STAFETT_SMTP_HOST": " smtp.elvdal.example ",
        "STAFETT_SMTP_TLS": "SSL",
        "STAFETT_SMTP_USER": "stafett",
        "STAFETT_SMTP_PASSWORD": "hemmelig",
        "STAFETT_MAIL_FROM": "stafett@elvdal.example",
        "STAFETT_VAPID_SUBJECT": "mailto:drift@elvdal.example",
        "STAFETT_NOTIFY_INTERVAL": "2.5",
        "STAFETT_PUSH_ALLOW_LOCAL": "1",
    }
    for name, value in values.items():
        clean_env.setenv(name, value)
    settings = get_settings()
    assert settings.db_url == "postgresql+psycopg://db/stafett" and settings.files_dir == "/srv/files"
    assert settings.sqlite_synchronous == "FULL"
    assert settings.public_url == "https://stafett.elvdal.example" and settings.redis_url == "redis://cache:6379/0"
    assert settings.secure_cookies and settings.session_idle_minutes == 20 and settings.session_max_minutes == 90
    assert settings.oidc_acr_values == "idporten-loa-high" and "identity-key" not in repr(settings)
    assert settings.smtp_host == "smtp.elvdal.example" and settings.smtp_tls == "ssl" and settings.smtp_port == 465
    assert settings.smtp_user == "stafett" and settings.smtp_password.get_secret_value() == "hemmelig"
    assert "hemmelig" not in repr(settings)
    assert settings.vapid_subject == "mailto:drift@elvdal.example"
    assert settings.notify_interval == 2.5 and settings.push_allow_local


def test_a_changed_variable_takes_effect_at_once(clean_env):
    clean_env.setenv("STAFETT_DB_URL", "sqlite:///one.db")
    assert get_settings().db_url == "sqlite:///one.db"
    clean_env.setenv("STAFETT_DB_URL", "sqlite:///two.db")
    assert get_settings().db_url == "sqlite:///two.db"


def test_the_settings_follow_every_kind_of_change_to_the_environment(clean_env):
    """Read again only when the names in the environment or our values changed: each kind is seen."""
    assert get_settings().session_idle_minutes == 30
    clean_env.setenv("STAFETT_SESSION_IDLE_MINUTES", "12")  # added
    assert get_settings().session_idle_minutes == 12
    clean_env.setenv("STAFETT_SESSION_IDLE_MINUTES", "13")  # the same name, another value
    assert get_settings().session_idle_minutes == 13
    clean_env.setenv("SOMETHING_ELSE", "x")  # not ours: the same settings
    assert get_settings().session_idle_minutes == 13
    clean_env.delenv("SOMETHING_ELSE")
    clean_env.delenv("STAFETT_SESSION_IDLE_MINUTES")  # removed
    clean_env.setenv("STAFETT_SESSION_MAX_MINUTES", "600")  # and another added: as many names as before
    assert get_settings().session_idle_minutes == 30 and get_settings().session_max_minutes == 600


def test_an_identity_provider_switches_demo_sign_in_off(clean_env):
    clean_env.setenv("STAFETT_DEMO_MODE", "1")
    clean_env.setenv("STAFETT_OIDC_ISSUER", "https://idp.elvdal.example")
    settings = get_settings()
    assert settings.identity_provider_configured and not settings.demo_mode
    clean_env.delenv("STAFETT_OIDC_ISSUER")
    clean_env.setenv("STAFETT_DEMO_MODE", "0")
    assert not get_settings().demo_mode


def test_empty_means_default_and_only_the_documented_names_count(clean_env):
    clean_env.setenv("STAFETT_SMTP_PORT", "")
    clean_env.setenv("STAFETT_MAIL_FROM", "")
    clean_env.setenv("REDIS_URL", "redis://not-ours")  # only REFLEX_REDIS_URL is read
    clean_env.setenv("STAFETT_REDIS_URL", "redis://not-ours")
    settings = get_settings()
    assert settings.smtp_port == 587 and settings.mail_from == "stafett@localhost" and settings.redis_url == ""


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STAFETT_SMTP_TLS", "maybe"),
        ("STAFETT_SMTP_PORT", "smtp"),
        ("STAFETT_SESSION_IDLE_MINUTES", "0"),
        ("STAFETT_DEMO_MODE", "perhaps"),
        ("STAFETT_NOTIFY_INTERVAL", "0"),
        ("STAFETT_SQLITE_SYNCHRONOUS", "OFF"),  # never: a crash could corrupt the database
    ],
)
def test_a_bad_value_names_the_variable(clean_env, name, value):
    clean_env.setenv(name, value)
    with pytest.raises(SettingsError, match=f"^Invalid environment: {name}: .*got '{value}'"):
        get_settings()


def test_tests_can_build_settings_directly(clean_env):
    settings = Settings(smtp_tls="none", REFLEX_REDIS_URL="redis://x", STAFETT_DEMO_MODE=False)
    assert settings.smtp_port == 25 and settings.redis_url == "redis://x" and not settings.demo_mode


def test_no_environment_reads_outside_settings():
    package = Path(settings_module.__file__).parent
    readers = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "settings.py" and ("os.environ" in path.read_text() or "getenv(" in path.read_text())
    ]
    assert readers == []


def test_rate_limits_may_be_changed_by_name_and_only_to_a_limit(clean_env):
    from stafett_app.api import build_api
    from stafett_app.services import rate_limits

    clean_env.setenv("STAFETT_RATE_LIMITS", '{"socket_event_burst": "40/second"}')
    assert rate_limits.per_minute("socket_event_burst") == 40  # the amount, here per second
    assert rate_limits.per_minute("write") == 60  # the others as they are
    clean_env.setenv("STAFETT_RATE_LIMITS", '{"socket_event_burst": "many"}')
    with pytest.raises(SettingsError, match=r"^Invalid environment: STAFETT_RATE_LIMITS: .*got 'many'"):
        get_settings()
    clean_env.setenv("STAFETT_RATE_LIMITS", '{"socket_events_burst": "40/second"}')
    with pytest.raises(SettingsError, match="STAFETT_RATE_LIMITS: no limit called socket_events_burst"):
        build_api()  # as the app starts


@pytest.mark.parametrize(("value", "pragma"), [("", 1), ("full", 2)])  # SQLite's numbers: NORMAL 1, FULL 2
def test_sqlite_connections_sync_as_set(clean_env, tmp_path, value, pragma):
    clean_env.setenv("STAFETT_SQLITE_SYNCHRONOUS", value)
    engine = make_engine(f"sqlite:///{tmp_path / 'synced.db'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == pragma
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
