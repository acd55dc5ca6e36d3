"""A real OpenID provider (the npm package oidc-provider, set up like ID-porten) on a free loopback port."""

import html
import json
import shutil
import socket
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from joserfc.jwk import RSAKey
from sqlmodel import select
from starlette.testclient import TestClient

from stafett_app import db
from stafett_app.api import api
from stafett_app.models import Person
from stafett_app.services.auth import person_for_token
from stafett_app.services.identity import set_national_id

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_SCRIPT = Path(__file__).with_name("provider.mjs")
NODE_MODULES = ROOT / ".tools" / "node_modules"
CLIENT_ID = "stafett-test-kommune"
CLIENT_SECRET = "a-client-secret-for-the-tests-0123456789"
IDENTITY_KEY = "test-identity-key-0123456789-abcdefghijklmnop"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_private_jwk: str  # JSON, as STAFETT_OIDC_CLIENT_KEY takes it
    public_url: str


def start_provider(tmp_dir: Path, public_url: str) -> tuple[subprocess.Popen, Provider]:
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "oidc-provider").is_dir():
        pytest.fail("node and .tools/node_modules/oidc-provider are needed: run scripts/setup.sh --test")
    key = RSAKey.generate_key(2048, parameters={"kid": "stafett-test-key"}, private=True)
    port = free_port()
    config = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "client_public_jwk": key.as_dict(private=False),
        "redirect_uri": f"{public_url}/auth/callback",
        "post_logout_redirect_uri": f"{public_url}/",
        "frontchannel_logout_uri": f"{public_url}/auth/frontchannel-logout",
    }
    config_path = tmp_dir / "provider.json"
    config_path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [node, str(PROVIDER_SCRIPT), str(port), str(config_path), str(NODE_MODULES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    seen = []
    for line in process.stdout:  # its warnings (Node 20 "unsupported runtime", in-memory store), then "ready"
        seen.append(line)
        if line.strip() == "ready":
            break
    else:
        process.kill()
        pytest.fail(f"the OpenID provider did not start: {''.join(seen)[:2000]}")
    threading.Thread(target=process.stdout.read, daemon=True).start()  # keep its pipe drained
    return process, Provider(f"http://127.0.0.1:{port}", json.dumps(key.as_dict(private=True)), public_url)


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    process, running = start_provider(tmp_path_factory.mktemp("op"), "https://stafett.test")
    yield running
    process.terminate()
    process.wait(timeout=10)


def provider_env(monkeypatch: pytest.MonkeyPatch, op: Provider, **extra: str) -> None:
    from stafett_app.services import oidc

    values = {
        "STAFETT_OIDC_ISSUER": op.issuer,
        "STAFETT_OIDC_CLIENT_ID": CLIENT_ID,
        "STAFETT_OIDC_CLIENT_AUTH": "private_key_jwt",
        "STAFETT_OIDC_CLIENT_KEY": op.client_private_jwk,
        "STAFETT_PUBLIC_URL": op.public_url,
        "STAFETT_IDENTITY_KEY": IDENTITY_KEY,
        "STAFETT_SECURE_COOKIES": "1" if op.public_url.startswith("https") else "0",
        **extra,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    oidc.clear_cache()


class ProviderBrowser:
    """The person's browser at the provider: follows its redirects, fills in its login page."""

    def __init__(self, op: Provider):
        self.op = op
        self.http = httpx.Client(follow_redirects=False, timeout=10)

    def run_until_back(self, url: str, *, pid: str | None = None, acr: str = "idporten-loa-substantial") -> str:
        """Follow the provider from `url` until it sends the browser back to the app; gives that address."""
        for _ in range(10):
            if url.startswith(self.op.public_url):
                return url
            if urlsplit(url).path.startswith("/interaction/"):
                assert pid is not None, "the provider asks for a sign-in"
                page = self.http.get(url)
                assert page.status_code == 200, page.text
                response = self.http.post(url, data={"pid": pid, "acr": acr})
            else:
                response = self.http.get(url)
            assert response.status_code in (302, 303), f"{response.status_code} {response.text[:500]}"
            url = urljoin(url, response.headers["location"])
        raise AssertionError("the provider never sent the browser back")

    def logout_elsewhere(self) -> list[str]:
        """Sign out in another service: the provider's page frames each client's front-channel address."""
        page = self.http.get(f"{self.op.issuer}/test/logout-elsewhere").text
        return [html.unescape(src) for src in _iframe_sources(page)]


def _iframe_sources(page: str) -> list[str]:
    import re

    return re.findall(r'<iframe src="([^"]+)"', page)


LISE_PID = "15076500565"  # Lise, guardian
KARI_PID = "41019012393"  # Kari, teacher (a D-nummer)
UNKNOWN_PID = "29022050034"
SESSION = "__Host-stafett_session"
LOGIN = "__Host-stafett_login"


@pytest.fixture
def app(state_db, provider, monkeypatch):
    provider_env(monkeypatch, provider)
    with db.session_scope() as session:
        for first_name, pid in (("Lise", LISE_PID), ("Kari", KARI_PID)):
            set_national_id(session, session.exec(select(Person).where(Person.first_name == first_name)).one(), pid)
    return TestClient(api, base_url=provider.public_url)


def start(app: TestClient) -> str:
    response = app.get("/auth/login?lang=nn", follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"]


def sign_in(app, provider, pid=LISE_PID, acr="idporten-loa-substantial", browser=None):
    browser = browser or ProviderBrowser(provider)
    back = browser.run_until_back(start(app), pid=pid, acr=acr)
    return app.get(back.removeprefix(provider.public_url), follow_redirects=False), browser


def signed_in_person(app) -> str | None:
    with db.session_scope() as session:
        person = person_for_token(session, app.cookies.get(SESSION))
        return person.first_name if person else None
