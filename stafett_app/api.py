"""HTTP endpoints Reflex does not give: sign-in and sign-out, which must set an HttpOnly cookie.

Mounted in front of Reflex (rx.App(api_transformer=...)), so these paths match first.
"""

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route

from stafett_app import routes
from stafett_app.db import session_scope
from stafett_app.models import Person
from stafett_app.services.auth import end_session, is_demo_person, start_session
from stafett_app.settings import SESSION_COOKIE, load_settings


def _same_origin(request: Request) -> bool:
    """Refuse cross-site form posts (a second line after SameSite=Lax)."""
    origin = request.headers.get("origin")
    return origin is None or origin.split("://", 1)[-1] == request.headers.get("host")


async def demo_login(request: Request):
    settings = load_settings()
    if not settings.demo_mode:
        return PlainTextResponse("Demo sign-in is switched off.", status_code=404)
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    form = await request.form()
    try:
        person_id = int(str(form.get("person_id", "")))
    except ValueError:
        return RedirectResponse(routes.SIGN_IN, status_code=303)
    with session_scope() as session:
        person = session.get(Person, person_id)
        if not is_demo_person(person):
            return RedirectResponse(routes.SIGN_IN, status_code=303)
        token = start_session(session, person_id, hours=settings.session_hours)
    response = RedirectResponse(routes.MY_LOGS, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )
    return response


async def logout(request: Request):
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    with session_scope() as session:
        end_session(session, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(routes.SIGN_IN, status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


api = Starlette(
    routes=[
        Route(routes.DEMO_LOGIN, demo_login, methods=["POST"]),
        Route(routes.LOGOUT, logout, methods=["POST"]),
    ]
)
