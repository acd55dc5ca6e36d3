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
