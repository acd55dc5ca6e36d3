"""A login shown to a child: no sign-in goes over it, and once it has ended the provider must ask
the adult again (prompt=login), not pass on its own live session."""

from urllib.parse import parse_qs, urlsplit

from sqlmodel import select

from stafett_app import db
from stafett_app.domain.dates import utcnow
from stafett_app.models import LoginSession
from tests.oidc.conftest import sign_in


def _show_to_child(ended: bool) -> None:
    with db.session_scope() as session:
        login = session.exec(select(LoginSession).where(LoginSession.provider_sid.is_not(None))).one()  # type: ignore[union-attr]
        login.child_log_id = 1
        login.ended_at = utcnow() if ended else None
        session.add(login)


def test_no_sign_in_or_renewal_goes_over_a_login_shown_to_a_child(app, provider):
    sign_in(app, provider)
    _show_to_child(ended=False)
    for path in ("/auth/login", "/auth/renew"):
        response = app.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/logs/1/child/shown"


def test_after_it_ended_the_provider_asks_the_adult_again(app, provider, monkeypatch):
    from stafett_app.services import oidc

    sign_in(app, provider)
    _show_to_child(ended=True)
    offered = oidc.metadata
    monkeypatch.setattr(
        oidc,
        "metadata",
        lambda s: {k: v for k, v in offered(s).items() if k != "pushed_authorization_request_endpoint"},
    )
    for path in ("/auth/login", "/auth/renew"):  # never a silent renewal either
        location = app.get(path, follow_redirects=False).headers["location"]
        assert parse_qs(urlsplit(location).query)["prompt"] == ["login"]
    with db.session_scope() as session:  # an ordinary login is not asked again
        session.exec(select(LoginSession)).one().child_log_id = None  # type: ignore[union-attr]
    location = app.get("/auth/login", follow_redirects=False).headers["location"]
    assert "prompt" not in parse_qs(urlsplit(location).query)
