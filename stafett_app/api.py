"""HTTP endpoints Reflex does not give: sign-in (demo, or OpenID Connect with ID-porten) and sign-out
(they set an HttpOnly cookie), front-channel logout,
private files behind a permission check, and the Web Push key and subscriptions.

Mounted in front of Reflex (rx.App(api_transformer=...)), so these paths match first.
"""

import logging
from dataclasses import asdict
from urllib.parse import urlsplit

import requests
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from stafett_app import pwa, routes
from stafett_app.db import engine, session_scope
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.http_security import BodyLimit, SecurityHeaders
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from stafett_app.models import Person
from stafett_app.services import (
    archive,
    export,
    identity,
    leader_stats,
    meetings,
    notes,
    oidc,
    printing,
    rate_limits,
    web_push,
)
from stafett_app.services.auth import (
    end_provider_sessions,
    end_session,
    is_demo_person,
    person_for_token,
    start_session,
)
from stafett_app.services.photos import photo_for
from stafett_app.settings import Settings, get_settings

log = logging.getLogger(__name__)
FRESH_TAB_COOKIE = "stafett_fresh"  # read by assets/stafett-boot.js: start the tab on a new state


def _fresh_tab(response: Response) -> Response:
    """The next page this browser loads starts with an empty Reflex state (a new client token)."""
    response.set_cookie(FRESH_TAB_COOKIE, "1", max_age=60, httponly=False, samesite="lax", path="/")
    return response


def _same_origin(request: Request) -> bool:
    """Refuse cross-site form posts (a second line after SameSite=Lax). Under Referrer-Policy
    no-referrer a browser sends `Origin: null` with a form post; its Fetch Metadata then tells
    whether the post came from our own pages."""
    origin = request.headers.get("origin")
    if origin == "null":
        return request.headers.get("sec-fetch-site") == "same-origin"
    return origin is None or origin.split("://", 1)[-1] == request.headers.get("host")


def _set_cookie(response: Response, name: str, value: str, *, max_age: int, secure: bool) -> None:
    # __Host- names (when secure) need Secure, Path=/ and no Domain; the browser then refuses any other.
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax", secure=secure, path="/")


def _signed_in_response(settings: Settings, token: str, target: str = routes.MY_LOGS) -> Response:
    response = RedirectResponse(target, status_code=303)
    _set_cookie(
        response,
        settings.session_cookie,
        token,
        max_age=settings.session_max_minutes * 60,
        secure=settings.secure_cookies,
    )
    response.delete_cookie(settings.login_cookie, path="/", secure=settings.secure_cookies, httponly=True)
    return _fresh_tab(response)


async def demo_login(request: Request):
    settings = get_settings()
    if not settings.demo_mode:
        return PlainTextResponse("Demo sign-in is switched off.", status_code=404)
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    if not rate_limits.allow("sign_in", _client(request)):
        return _too_many()
    form = await request.form()
    try:
        person_id = int(str(form.get("person_id", "")))
    except ValueError:
        return RedirectResponse(routes.SIGN_IN, status_code=303)
    with session_scope() as session:
        person = session.get(Person, person_id)
        if not is_demo_person(person):
            return RedirectResponse(routes.SIGN_IN, status_code=303)
        end_session(session, request.cookies.get(settings.session_cookie))
        token = start_session(session, person_id)
    return _signed_in_response(settings, token)


def _provider_settings() -> Settings | None:
    settings = get_settings()
    return settings if settings.identity_provider_configured else None


def _begin(request: Request, *, silent: bool) -> Response:
    settings = _provider_settings()
    if settings is None:
        return PlainTextResponse("No identity provider is configured.", status_code=404)
    lang = request.query_params.get("lang", "")
    try:
        with session_scope() as session:
            started = oidc.begin_login(
                session, settings, lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE, silent=silent
            )
    except (oidc.SignInRefused, requests.RequestException) as problem:
        log.warning(
            "sign-in could not start: %s",
            problem if isinstance(problem, oidc.SignInRefused) else type(problem).__name__,
        )
        return HTMLResponse(
            _UNAVAILABLE_PAGE, status_code=503, headers={"Cache-Control": "no-store", "Retry-After": "30"}
        )
    response = RedirectResponse(started.url, status_code=303)
    max_age = int(oidc.PENDING_LIFETIME.total_seconds())
    _set_cookie(response, settings.login_cookie, started.browser_token, max_age=max_age, secure=settings.secure_cookies)
    return response


async def oidc_login(request: Request):
    """Start a sign-in at the identity provider (the sign-in page's button)."""
    return await run_in_threadpool(_begin, request, silent=False)


async def oidc_renew(request: Request):
    """Silent renewal: prompt=none at the provider; back signed in while its session lives, else to sign-in."""
    return await run_in_threadpool(_begin, request, silent=True)


_UNAVAILABLE_PAGE = """<!doctype html><html lang="nb"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Stafett</title>
<main style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem">
<h1>ID-porten svarer ikkje / ID-porten does not answer</h1>
<p>Innlogginga kan ikkje starte akkurat no. Prøv igjen om litt.</p>
<p>Signing in cannot start right now. Please try again in a moment.</p>
<p><a href="/">Til innlogginga / Back to sign-in</a></p></main></html>"""

_FAILED_PAGE = """<!doctype html><html lang="nb"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Stafett</title>
<main style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem">
<h1>Innlogginga gjekk ikkje / Sign-in failed</h1>
<p>Innlogginga vart avbroten eller kunne ikkje kontrollerast. Prøv på nytt.</p>
<p>The sign-in was interrupted or could not be verified. Please try again.</p>
<p><a href="/">Til innlogginga / Back to sign-in</a></p></main></html>"""


def _finish(request: Request) -> Response:
    settings = _provider_settings()
    if settings is None:
        return PlainTextResponse("No identity provider is configured.", status_code=404)
    query = request.query_params
    try:
        with session_scope() as session:
            signed_in = oidc.finish_login(
                session,
                settings,
                state=query.get("state"),
                code=query.get("code"),
                error=query.get("error"),
                browser_token=request.cookies.get(settings.login_cookie),
                issuer=query.get("iss"),
            )
            person = identity.person_by_national_id(session, signed_in.national_id)
            end_session(session, request.cookies.get(settings.session_cookie))
            if person is None:
                log.info("sign-in by a person not registered in Stafett")
                response: Response = RedirectResponse(routes.NOT_REGISTERED, status_code=303)
                response.delete_cookie(settings.session_cookie, path="/", secure=settings.secure_cookies, httponly=True)
                response.delete_cookie(settings.login_cookie, path="/", secure=settings.secure_cookies, httponly=True)
                return response
            token = start_session(session, person.id, provider=signed_in.provider)  # type: ignore[arg-type]
    except oidc.SilentRenewalFailed:
        with session_scope() as session:
            end_session(session, request.cookies.get(settings.session_cookie))
        response = RedirectResponse(routes.SIGN_IN, status_code=303)
        response.delete_cookie(settings.session_cookie, path="/", secure=settings.secure_cookies, httponly=True)
        return response
    except oidc.SignInRefused as refused:
        log.warning("sign-in refused: %s", refused)
        return HTMLResponse(_FAILED_PAGE, status_code=400, headers={"Cache-Control": "no-store"})
    except requests.RequestException as problem:
        log.warning("sign-in could not finish: %s", type(problem).__name__)
        return HTMLResponse(_UNAVAILABLE_PAGE, status_code=503, headers={"Cache-Control": "no-store"})
    return _signed_in_response(settings, token)


async def oidc_callback(request: Request):
    """The provider sends the browser back here with a code (or an error) and our state."""
    return await run_in_threadpool(_finish, request)


def _logout(request: Request) -> Response:
    settings = get_settings()
    with session_scope() as session:
        ended = end_session(session, request.cookies.get(settings.session_cookie))
    target = None
    if ended is not None and ended.provider_issuer and settings.identity_provider_configured:
        target = oidc.end_session_url(settings, ended.id_token_encrypted)  # the provider comes back to sign-in
    response = RedirectResponse(target or routes.SIGN_IN, status_code=303)
    response.delete_cookie(settings.session_cookie, path="/", secure=settings.secure_cookies, httponly=True)
    return _fresh_tab(response)


async def logout(request: Request):
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    return await run_in_threadpool(_logout, request)


async def frontchannel_logout(request: Request):
    """The provider, in a hidden frame, says its session `sid` has ended: end ours that it started."""
    settings = _provider_settings()
    if settings is None:
        return PlainTextResponse("No identity provider is configured.", status_code=404)
    issuer, sid = request.query_params.get("iss", ""), request.query_params.get("sid", "")
    if issuer == settings.oidc_issuer and sid:
        with session_scope() as session:
            end_provider_sessions(session, issuer, sid)
    headers = {
        "Cache-Control": "no-store",
        # Only the provider's page may frame this one (it loads it in an iframe at sign-out).
        "Content-Security-Policy": f"frame-ancestors {_origin(settings.oidc_issuer)}",
    }
    return HTMLResponse("<!doctype html><title>Stafett</title>", headers=headers)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _too_many() -> PlainTextResponse:
    return PlainTextResponse("Too many requests, wait a minute", status_code=429, headers={"Retry-After": "60"})


class NotSignedIn(Exception):
    pass


def _signed_in(request: Request, session) -> Person:
    person = person_for_token(session, request.cookies.get(get_settings().session_cookie))
    if person is None:
        raise NotSignedIn()
    return person


MAX_ID = 2**63 - 1  # the largest BIGINT; a larger number in a path is simply not found


def _id(request: Request, name: str) -> int:
    value = request.path_params[name]
    if not 0 < value <= MAX_ID:
        raise PermissionDenied()
    return value


def _refusal(refused: Exception) -> PlainTextResponse:
    """Not signed in: 401. No access: 404, so nobody learns whether the thing exists."""
    if isinstance(refused, NotSignedIn):
        return PlainTextResponse("Not signed in", status_code=401)
    return PlainTextResponse("Not found", status_code=404)


async def photo(request: Request):
    """A photo, only for participants of its log; private and never cached by shared caches."""
    try:
        with session_scope() as session:
            path, content_type = photo_for(session, _signed_in(request, session), _id(request, "photo_id"))
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return FileResponse(path, media_type=content_type, headers=headers)


async def web_manifest(request: Request):
    return Response(pwa.manifest_json(), media_type="application/manifest+json")


async def service_worker(request: Request):
    # no-cache: the browser checks for a new worker on every visit, so a release takes over.
    headers = {"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"}
    return Response(pwa.service_worker_js(), media_type="application/javascript", headers=headers)


async def offline_page(request: Request):
    return HTMLResponse(pwa.OFFLINE_HTML, headers={"Cache-Control": "no-cache"})


async def attachment(request: Request):
    """A note's PDF, only for participants of its log; always downloaded, never shown inline."""
    try:
        with session_scope() as session:
            path, name = notes.attachment_for(session, _signed_in(request, session), _id(request, "attachment_id"))
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return FileResponse(path, media_type="application/pdf", filename=name, headers=headers)


ICS = "text/calendar; charset=utf-8"


async def meeting_calendar_file(request: Request):
    """One meeting as an .ics file, for someone invited to it."""
    try:
        with session_scope() as session:
            body = meetings.meeting_ics(session, _signed_in(request, session), _id(request, "meeting_id"))
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    headers = {"Content-Disposition": 'attachment; filename="stafett-mote.ics"', "Cache-Control": "private, no-store"}
    return Response(body, media_type=ICS, headers=headers)


async def calendar_feed(request: Request):
    """A person's private feed: the random token in the address is the key."""
    with session_scope() as session:
        body = meetings.feed_ics(session, request.path_params["token"])
    if body is None:
        return PlainTextResponse("Not found", status_code=404)
    return Response(body, media_type=ICS, headers={"Cache-Control": "private, no-store"})


async def push_public_key(request: Request):
    """The applicationServerKey a browser needs to subscribe (public by nature)."""
    key = web_push.application_server_key(web_push.vapid_private_key(engine()))
    return JSONResponse({"publicKey": key}, headers={"Cache-Control": "no-cache"})


async def push_subscription(request: Request):
    """Save (POST) or forget (DELETE) this device's push subscription for the signed-in person.
    The body is the browser's PushSubscription.toJSON(); only its endpoint for DELETE."""
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    try:
        data = await request.json()
    except ValueError:
        return PlainTextResponse("Bad request", status_code=400)
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            if not rate_limits.allow("write", f"person:{person.id}"):
                return _too_many()
            if request.method == "DELETE":
                endpoint = data.get("endpoint") if isinstance(data, dict) else None
                if not isinstance(endpoint, str):
                    return PlainTextResponse("Bad request", status_code=400)
                web_push.remove_subscription(session, person, endpoint)
                return Response(status_code=204)
            checked = web_push.check_subscription(data, allow_local=get_settings().push_allow_local)
            web_push.save_subscription(session, person, checked)
    except NotSignedIn as refused:
        return _refusal(refused)
    except ValidationFailed:
        return PlainTextResponse("Not a usable push subscription", status_code=422)
    return Response(status_code=201)


PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _invalid(person: Person, failed: ValidationFailed) -> JSONResponse:
    """Bad input: 422 with each field's message in the person's language."""
    lang = person.language or "nb"
    messages = {}
    for name, key in failed.errors.items():
        messages[name] = translate(lang, key, detail=key.partition("|")[2])
    return JSONResponse({"errors": messages}, status_code=422)


def _list_param(request: Request, name: str) -> list[str]:
    return [part.strip() for value in request.query_params.getlist(name) for part in value.split(",") if part.strip()]


async def print_log(request: Request):
    """The chosen parts of a log as a PDF (holder, guardians, the young person from 15).
    ?elements=overview,concerns,...&preset=tried|all&start=YYYY-MM-DD&end=YYYY-MM-DD"""
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            log_id = request.path_params["log_id"]
            try:
                choice = printing.parse_choice(
                    _list_param(request, "elements") + _list_param(request, "preset"),
                    request.query_params.get("start", ""),
                    request.query_params.get("end", ""),
                )
            except ValidationFailed as failed:
                return _invalid(person, failed)
            pdf = printing.print_pdf(session, person, log_id, choice.elements, choice.period)
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    filename = f"stafettlogg-{log_id}-{today_in_norway().isoformat()}.pdf"
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


async def archive_list(request: Request):
    """The log's archive copies (made and failed), for its holder and the unit leader."""
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            rows = archive.copies_for(session, person, request.path_params["log_id"], person.language or "nb")
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    return JSONResponse({"copies": [asdict(row) for row in rows]}, headers=PRIVATE)


async def archive_copy(request: Request):
    """One archive copy's PDF; every read is in the access log."""
    try:
        with session_scope() as session:
            path, name = archive.copy_file_for(session, _signed_in(request, session), request.path_params["copy_id"])
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    return FileResponse(path, media_type="application/pdf", filename=name, headers=PRIVATE)


async def export_log(request: Request):
    """The chosen concerns for another Stafett: the JSON file and the PDF, in a zip (holder)."""
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            try:
                concern_ids = [int(value) for value in _list_param(request, "concerns")]
                body = export.export_zip(session, person, request.path_params["log_id"], concern_ids)
            except ValueError:
                return _invalid(person, ValidationFailed({"concerns": "error.export_no_concerns"}))
            except ValidationFailed as failed:
                return _invalid(person, failed)
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{export.export_filename()}"'}
    return Response(body, media_type="application/zip", headers=headers)


async def leader_figures(request: Request):
    """A unit leader's figures as CSV (counts only); ?unit=ID picks one of the units they lead."""
    raw_unit = request.query_params.get("unit", "")
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            if raw_unit and not (raw_unit.isdigit() and 0 < int(raw_unit) <= MAX_ID):
                raise PermissionDenied()
            lang = person.language or DEFAULT_LANGUAGE
            board = leader_stats.dashboard(
                session,
                person,
                today=today_in_norway(),
                now=utcnow(),
                idle_weeks=get_settings().leader_idle_weeks,
                labels=leader_stats.labels_in(lang),
                unit_id=int(raw_unit) if raw_unit else None,
            )
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    filename = f"stafett-tall-{today_in_norway().isoformat()}.csv"
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(leader_stats.figures_csv(board, lang), media_type="text/csv; charset=utf-8", headers=headers)


async def import_log(request: Request):
    """A new draft log from an export file (multipart: file, child_id), for staff."""
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            try:
                if upload is None or isinstance(upload, str):
                    raise ValidationFailed({"file": "error.import_not_json"})
                raw = await upload.read(export.MAX_IMPORT_BYTES + 1)
                child_id = int(str(form.get("child_id", "")) or 0)
                log_id = export.import_draft(session, person, raw, child_id)
            except ValueError:
                return _invalid(person, ValidationFailed({"child_id": "error.import_child"}))
            except ValidationFailed as failed:
                return _invalid(person, failed)
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    return JSONResponse({"log_id": log_id, "url": routes.plan(log_id)}, status_code=201)


ROUTES = [
    Route(pwa.MANIFEST_URL, web_manifest, methods=["GET"]),
    Route(pwa.SERVICE_WORKER_URL, service_worker, methods=["GET"]),
    Route(pwa.OFFLINE_URL, offline_page, methods=["GET"]),
    Route(routes.DEMO_LOGIN, demo_login, methods=["POST"]),
    Route(routes.LOGOUT, logout, methods=["POST"]),
    Route(routes.OIDC_LOGIN, oidc_login, methods=["GET"]),
    Route(routes.OIDC_RENEW, oidc_renew, methods=["GET"]),
    Route(routes.OIDC_CALLBACK, oidc_callback, methods=["GET"]),
    Route(routes.FRONTCHANNEL_LOGOUT, frontchannel_logout, methods=["GET"]),
    Route(routes.PHOTO, photo, methods=["GET"]),
    Route(routes.ATTACHMENT, attachment, methods=["GET"]),
    Route(routes.MEETING_ICS, meeting_calendar_file, methods=["GET"]),
    Route(routes.CALENDAR_FEED, calendar_feed, methods=["GET"]),
    Route(routes.PUSH_PUBLIC_KEY, push_public_key, methods=["GET"]),
    Route(routes.PUSH_SUBSCRIPTION, push_subscription, methods=["POST", "DELETE"]),
    Route(routes.PRINT_PDF, print_log, methods=["GET"]),
    Route(routes.ARCHIVE_LIST, archive_list, methods=["GET"]),
    Route(routes.ARCHIVE_COPY, archive_copy, methods=["GET"]),
    Route(routes.EXPORT, export_log, methods=["GET"]),
    Route(routes.IMPORT, import_log, methods=["POST"]),
    Route(routes.LEADER_FIGURES_CSV, leader_figures, methods=["GET"]),
]


def build_api() -> Starlette:
    """Our routes; Reflex mounts itself inside (rx.App(api_transformer=...)), so the middleware here
    covers every response of the app: our routes, Reflex's /_upload and the built pages."""
    app = Starlette(routes=ROUTES)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    return app


api = build_api()
