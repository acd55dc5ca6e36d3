"""Settings read from the environment. Nothing secret has a default."""

import os
from dataclasses import dataclass

from stafett_app import routes

SESSION_COOKIE = "stafett_session"
LOGIN_COOKIE = "stafett_login"  # binds a started sign-in (state, nonce, PKCE verifier) to this browser
# Browsers accept a __Host- cookie only with Secure, Path=/ and no Domain: no subdomain can plant or read it.
HOST_PREFIX = "__Host-"
CLIENT_AUTH_METHODS = ("private_key_jwt", "client_secret_basic")


@dataclass(frozen=True)
class Settings:
    oidc_issuer: str
    oidc_client_id: str
    oidc_client_secret: str
    demo_requested: bool
    secure_cookies: bool
    session_idle_minutes: int = 30
    session_max_minutes: int = 120
    session_max_parallel: int = 5  # signed-in devices per person; a new sign-in ends the oldest beyond it
    oidc_client_auth: str = "private_key_jwt"
    oidc_client_key: str = ""  # a PEM file path, or the private JWK itself (JSON)
    oidc_client_key_id: str = ""  # the kid registered with the provider; default the JWK's kid or thumbprint
    oidc_acr_values: str = "idporten-loa-substantial"
    oidc_scope: str = "openid profile"
    oidc_well_known: str = ""  # defaults to the issuer's /.well-known/openid-configuration
    public_url: str = "http://localhost:3000"
    identity_key: str = ""  # secret for the national identity number: encryption and the lookup hash

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
    def identity_provider_configured(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def demo_mode(self) -> bool:
        """Demo sign-in can never be switched on next to a real identity provider."""
        return self.demo_requested and not self.identity_provider_configured


def load_settings() -> Settings:
    env = os.environ.get
    public_url = (env("STAFETT_PUBLIC_URL", "") or "http://localhost:3000").rstrip("/")
    return Settings(
        oidc_issuer=env("STAFETT_OIDC_ISSUER", ""),
        oidc_client_id=env("STAFETT_OIDC_CLIENT_ID", ""),
        oidc_client_secret=env("STAFETT_OIDC_CLIENT_SECRET", ""),
        demo_requested=env("STAFETT_DEMO_MODE", "1") == "1",
        # Secure by default wherever the app is served over HTTPS; plain for `make run` on http://localhost.
        secure_cookies=env("STAFETT_SECURE_COOKIES", "") == "1"
        or (env("STAFETT_SECURE_COOKIES", "") == "" and public_url.startswith("https://")),
        session_idle_minutes=int(env("STAFETT_SESSION_IDLE_MINUTES", "30")),
        session_max_minutes=int(env("STAFETT_SESSION_MAX_MINUTES", "120")),
        session_max_parallel=max(1, int(env("STAFETT_SESSION_MAX_PARALLEL", "5"))),
        oidc_client_auth=_choice(env("STAFETT_OIDC_CLIENT_AUTH", "private_key_jwt"), CLIENT_AUTH_METHODS),
        oidc_client_key=env("STAFETT_OIDC_CLIENT_KEY", ""),
        oidc_client_key_id=env("STAFETT_OIDC_CLIENT_KEY_ID", ""),
        oidc_acr_values=env("STAFETT_OIDC_ACR_VALUES", "") or "idporten-loa-substantial",
        oidc_scope=env("STAFETT_OIDC_SCOPE", "") or "openid profile",
        oidc_well_known=env("STAFETT_OIDC_WELL_KNOWN", ""),
        public_url=public_url,
        identity_key=env("STAFETT_IDENTITY_KEY", ""),
    )


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"must be one of {', '.join(allowed)}, not {value!r}")
    return value


SMTP_TLS_MODES = ("none", "starttls", "ssl")
_SMTP_DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


@dataclass(frozen=True)
class DeliverySettings:
    """How notices leave the app: e-mail over SMTP, Web Push, and how often the sender looks."""

    smtp_host: str
    smtp_port: int
    smtp_tls: str  # one of SMTP_TLS_MODES
    smtp_user: str
    smtp_password: str
    mail_from: str
    vapid_subject: str
    interval_seconds: float
    push_allow_local: bool  # tests only: push endpoints on http://127.0.0.1 or localhost

    @property
    def email_configured(self) -> bool:
        return bool(self.smtp_host)


def load_delivery_settings() -> DeliverySettings:
    env = os.environ.get
    tls = env("STAFETT_SMTP_TLS", "starttls").strip().lower()
    if tls not in SMTP_TLS_MODES:
        raise ValueError(f"STAFETT_SMTP_TLS must be one of {', '.join(SMTP_TLS_MODES)}")
    mail_from = env("STAFETT_MAIL_FROM", "") or "stafett@localhost"
    return DeliverySettings(
        smtp_host=env("STAFETT_SMTP_HOST", "").strip(),
        smtp_port=int(env("STAFETT_SMTP_PORT", "") or _SMTP_DEFAULT_PORTS[tls]),
        smtp_tls=tls,
        smtp_user=env("STAFETT_SMTP_USER", ""),
        smtp_password=env("STAFETT_SMTP_PASSWORD", ""),
        mail_from=mail_from,
        vapid_subject=env("STAFETT_VAPID_SUBJECT", "") or f"mailto:{mail_from}",
        interval_seconds=max(0.2, float(env("STAFETT_NOTIFY_INTERVAL", "15"))),
        push_allow_local=env("STAFETT_PUSH_ALLOW_LOCAL", "0") == "1",
    )
