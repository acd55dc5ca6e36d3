"""Every setting the app reads from the environment, in one validated object. Nothing secret has a default.

`get_settings()` looks at the environment each time it is called, so a changed variable takes
effect at once: tests set variables with monkeypatch and need nothing cleared. The same variables
give the same object (read it, never change it), validated once: validating takes milliseconds,
and every event handler asks for the settings.
A bad value stops with a message that names the variable.
"""

import os
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal, Self

from limits import parse
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from stafett_app import routes

SESSION_COOKIE = "stafett_session"
LOGIN_COOKIE = "stafett_login"  # binds a started sign-in (state, nonce, PKCE verifier) to this browser
# Browsers accept a __Host- cookie only with Secure, Path=/ and no Domain: no subdomain can plant or read it.
HOST_PREFIX = "__Host-"
CLIENT_AUTH_METHODS = ("private_key_jwt", "client_secret_basic")

SmtpTls = Literal["none", "starttls", "ssl"]
SMTP_TLS_MODES: tuple[SmtpTls, ...] = ("none", "starttls", "ssl")
_SMTP_DEFAULT_PORTS: dict[SmtpTls, int] = {"none": 25, "starttls": 587, "ssl": 465}
_ENV_PREFIX = "STAFETT_"


class SettingsError(ValueError):
    """An environment variable has a value the app cannot use."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=_ENV_PREFIX,
        env_ignore_empty=True,  # `STAFETT_SMTP_PORT=` means "the default", as it always did
        extra="ignore",
    )

    # Storage and addresses
    db_url: str = "sqlite:///stafett.db"
    # SQLite's write-ahead log is synced at checkpoints, not at every commit (NORMAL, the usual choice
    # with WAL: a power loss or an OS crash may take the last commits back, never corrupts; an app crash
    # loses nothing). FULL syncs every commit, at a sixth of a page load's time. PostgreSQL is untouched.
    sqlite_synchronous: Literal["NORMAL", "FULL"] = "NORMAL"
    files_dir: str = "var/files"
    archive_outbox: str = (
        ""  # where archive packages wait for the Fiks Arkiv integration; default files_dir/archive-outbox
    )
    public_url: str = "http://localhost:3000"
    # The municipality's accessibility statement (made in uustatus), linked from every page's footer.
    accessibility_statement_url: str = "https://www.uustatus.no/nb/erklaringer"
    redis_url: str = Field("", validation_alias="REFLEX_REDIS_URL")  # the name Reflex itself reads
    # More origins of this same app (another host name), comma-separated; the socket and CORS
    # accept these and the origin of public_url, nothing else.
    extra_origins: str = Field("", validation_alias="STAFETT_ALLOWED_ORIGINS")
    # A whole upload request, refused above this before any byte is read. The largest file we keep
    # is a 10 MB PDF; the rest is room for the multipart wrapping.
    max_upload_bytes: int = Field(11 * 1024 * 1024, gt=0)

    # Sign-in
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: SecretStr = SecretStr("")
    oidc_client_auth: Literal["private_key_jwt", "client_secret_basic"] = "private_key_jwt"
    oidc_client_key: SecretStr = SecretStr("")  # a PEM file path, or the private JWK itself (JSON)
    oidc_client_key_id: str = ""  # the kid registered with the provider; default the JWK's kid or thumbprint
    oidc_acr_values: str = "idporten-loa-substantial"
    oidc_scope: str = "openid profile"
    oidc_well_known: str = ""  # defaults to the issuer's /.well-known/openid-configuration
    identity_key: SecretStr = SecretStr("")  # for the national identity number: encryption and lookup hash
    demo_mode_requested: bool = Field(True, validation_alias="STAFETT_DEMO_MODE")
    # Unset: secure wherever the app is served over HTTPS; plain for `make run` on http://localhost.
    secure_cookies_requested: bool | None = Field(None, validation_alias="STAFETT_SECURE_COOKIES")
    session_idle_minutes: int = Field(30, gt=0)
    session_max_minutes: int = Field(120, gt=0)
    session_max_parallel: int = Field(5, ge=1)  # signed-in devices per person; the oldest ends beyond it
    # A tab's Reflex state is dropped (from memory, or Redis) this long after its last event: a closed
    # tab's state goes, and after the idle sign-out it belongs to nobody. An open tab that comes back
    # later gets a fresh state and loads its page again.
    state_expiry_minutes: int = Field(35, gt=0)

    # Rate limits other than services.rate_limits.LIMITS, as JSON in `limits` notation, e.g.
    # {"socket_event_burst": "40/second"}: the load benchmark's clients send events faster than fingers.
    rate_limits: dict[str, str] = Field(default_factory=dict)

    # A unit leader's overview: a log with nothing written for this many weeks counts as idle.
    leader_idle_weeks: int = Field(6, ge=1, le=104)

    # Notices: e-mail over SMTP, Web Push, and how often the sender looks
    smtp_host: str = ""
    smtp_tls: SmtpTls = "starttls"
    smtp_port: int = Field(0, ge=0, le=65535)  # 0: the usual port for smtp_tls
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    mail_from: str = "stafett@localhost"
    vapid_subject: str = ""  # empty: mailto: + mail_from
    notify_interval: float = Field(15.0, ge=0.2)
    push_allow_local: bool = False  # tests only: push endpoints on http://127.0.0.1 or localhost

    @field_validator("smtp_tls", mode="before")
    @classmethod
    def _tls_is_case_blind(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("sqlite_synchronous", mode="before")
    @classmethod
    def _synchronous_is_case_blind(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("smtp_host", "oidc_issuer", mode="after")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()

    @field_validator("rate_limits", mode="after")
    @classmethod
    def _limits_parse(cls, value: dict[str, str]) -> dict[str, str]:
        for name, text in value.items():
            try:
                parse(text)
            except ValueError:
                raise ValueError(f"{name}: not a rate limit such as 20/second, got '{text}'") from None
        return value

    @field_validator("public_url", mode="after")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.strip().rstrip("/")

    @model_validator(mode="after")
    def _fill_derived_defaults(self) -> Self:
        if not self.smtp_port:
            self.smtp_port = _SMTP_DEFAULT_PORTS[self.smtp_tls]
        if not self.vapid_subject:
            self.vapid_subject = f"mailto:{self.mail_from}"
        return self

    @property
    def identity_provider_configured(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def demo_mode(self) -> bool:
        """Demo sign-in can never be switched on next to a real identity provider."""
        return self.demo_mode_requested and not self.identity_provider_configured

    @property
    def secure_cookies(self) -> bool:
        if self.secure_cookies_requested is not None:
            return self.secure_cookies_requested
        return self.public_url.startswith("https://")

    @property
    def session_cookie(self) -> str:
        return HOST_PREFIX + SESSION_COOKIE if self.secure_cookies else SESSION_COOKIE

    @property
    def login_cookie(self) -> str:
        return HOST_PREFIX + LOGIN_COOKIE if self.secure_cookies else LOGIN_COOKIE

    @property
    def well_known_url(self) -> str:
        return self.oidc_well_known or self.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration"

    @property
    def redirect_uri(self) -> str:
        return self.public_url + routes.OIDC_CALLBACK

    @property
    def post_logout_redirect_uri(self) -> str:
        return self.public_url + routes.SIGN_IN

    @property
    def frontchannel_logout_uri(self) -> str:
        return self.public_url + routes.FRONTCHANNEL_LOGOUT

    @property
    def email_configured(self) -> bool:
        return bool(self.smtp_host)

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        origins = [_origin(self.public_url), *(_origin(o) for o in self.extra_origins.split(",") if o.strip())]
        return tuple(dict.fromkeys(o for o in origins if o))


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL, lower case, without a path or a trailing slash."""
    scheme, _, rest = url.strip().partition("://")
    return f"{scheme.lower()}://{rest.split('/', 1)[0].lower()}" if rest else ""


def _variable(location: str) -> str:
    """An error's location is a field name, or the variable itself for fields with an alias."""
    return _ENV_PREFIX + location.upper() if location in Settings.model_fields else location


def get_settings() -> Settings:
    """The settings as the environment says now. Raises SettingsError naming each bad variable."""
    return _settings_for(_our_variables())


def _our_variables() -> tuple[tuple[str, str], ...]:
    """The environment's variables for the settings, sorted. Names are matched without regard to case,
    as pydantic-settings reads them. Every event asks (the session cookie's name, the idle time), so on
    POSIX the names are matched undecoded (decoding the whole environment cost 25-50 us a call), and
    not at all while the environment holds the same names and our variables the same values."""
    global _last  # noqa: PLW0603 - one tuple, replaced whole: safe to read from any thread
    raw = getattr(os.environ, "_data", None)  # CPython's own bytes mapping behind os.environ
    if not isinstance(raw, dict):
        return _decoded(os.environ.items())
    last = _last
    if last is not None and raw.keys() == last[0] and all(raw.get(name) == value for name, value in last[1]):
        return last[2]
    if not all(isinstance(name, bytes) for name in raw):
        return _decoded(os.environ.items())
    ours = [
        (name, value)
        for name, value in raw.items()
        if name.upper().startswith(_ENV_PREFIX_BYTES) or name.upper() in _OTHER_VARIABLES_BYTES
    ]
    found = tuple(sorted((os.fsdecode(name), os.fsdecode(value)) for name, value in ours))
    _last = (frozenset(raw), tuple(ours), found)
    return found


def _decoded(items: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    found = [(n, v) for n, v in items if n.upper().startswith(_ENV_PREFIX) or n.upper() in _OTHER_VARIABLES]
    return tuple(sorted(found))


# The names in the environment, our variables' raw items and what they gave, at the last look.
_last: tuple[frozenset, tuple[tuple[bytes, bytes], ...], tuple[tuple[str, str], ...]] | None = None
_OTHER_VARIABLES = frozenset({"REFLEX_REDIS_URL"})  # read through a validation alias without our prefix
_ENV_PREFIX_BYTES = _ENV_PREFIX.encode()
_OTHER_VARIABLES_BYTES = frozenset(name.encode() for name in _OTHER_VARIABLES)


@lru_cache(maxsize=8)
def _settings_for(_variables: tuple[tuple[str, str], ...]) -> Settings:
    try:
        return Settings()
    except ValidationError as invalid:
        problems = "; ".join(
            f"{_variable(str(error['loc'][0]))}: {error['msg']} (got {error['input']!r})" for error in invalid.errors()
        )
        raise SettingsError(f"Invalid environment: {problems}") from None
