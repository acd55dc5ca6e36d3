"""Settings read from the environment. Nothing secret has a default."""

import os
from dataclasses import dataclass

SESSION_COOKIE = "stafett_session"


@dataclass(frozen=True)
class Settings:
    oidc_issuer: str
    oidc_client_id: str
    oidc_client_secret: str
    demo_requested: bool
    secure_cookies: bool
    session_hours: int

    @property
    def identity_provider_configured(self) -> bool:
        return bool(self.oidc_issuer)

    @property
    def demo_mode(self) -> bool:
        """Demo sign-in can never be switched on next to a real identity provider."""
        return self.demo_requested and not self.identity_provider_configured


def load_settings() -> Settings:
    env = os.environ.get
    return Settings(
        oidc_issuer=env("STAFETT_OIDC_ISSUER", ""),
        oidc_client_id=env("STAFETT_OIDC_CLIENT_ID", ""),
        oidc_client_secret=env("STAFETT_OIDC_CLIENT_SECRET", ""),
        demo_requested=env("STAFETT_DEMO_MODE", "1") == "1",
        secure_cookies=env("STAFETT_SECURE_COOKIES", "0") == "1",
        session_hours=int(env("STAFETT_SESSION_HOURS", "12")),
    )


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


DEFAULT_PUBLIC_URL = "http://localhost:3000"


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL, lower case, without a path or a trailing slash."""
    scheme, _, rest = url.strip().partition("://")
    return f"{scheme.lower()}://{rest.split('/', 1)[0].lower()}" if rest else ""


@dataclass(frozen=True)
class WebSettings:
    """The app's own address(es) and the limits of what a request may carry."""

    public_url: str  # where people open the app; its origin is the one the socket and CORS accept
    extra_origins: tuple[str, ...]  # more origins of this same app (another host name), if any
    max_upload_bytes: int  # a whole upload request, refused above this before any byte is read

    @property
    def allowed_origins(self) -> tuple[str, ...]:
        origins = [_origin(self.public_url), *(_origin(o) for o in self.extra_origins)]
        return tuple(dict.fromkeys(o for o in origins if o))


def load_web_settings() -> WebSettings:
    env = os.environ.get
    return WebSettings(
        public_url=env("STAFETT_PUBLIC_URL", "") or DEFAULT_PUBLIC_URL,
        extra_origins=tuple(o for o in env("STAFETT_ALLOWED_ORIGINS", "").split(",") if o.strip()),
        # The largest file we keep is a 10 MB PDF; the rest is room for the multipart wrapping.
        max_upload_bytes=int(env("STAFETT_MAX_UPLOAD_BYTES", "") or 11 * 1024 * 1024),
    )
