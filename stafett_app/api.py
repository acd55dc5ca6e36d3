"""HTTP endpoints Reflex does not give: sign-in (demo, or OpenID Connect with ID-porten) and sign-out
(they set an HttpOnly cookie), front-channel logout,
private files behind a permission check, and the Web Push key and subscriptions.

Mounted in front of Reflex (rx.App(api_transformer=...)), so these paths match first.
"""

import html
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
from stafett_app.domain.ids import parse_id
from stafett_app.http_security import BodyLimit, SecurityHeaders, SocketLimit
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from stafett_app.models import Person
from stafett_app.page_preload import preload_routes
from stafett_app.services import (
    access_log,
    archive,
    child_mode,
    export,
    identity,
    leader_stats,
    meetings,
    notes,
    oidc,
    own_copy,
    photos,
    printing,
    rate_limits,
    web_push,
)
from stafett_app.services.auth import (
    end_provider_sessions,
    end_session,
    is_demo_person,
    login_for_token,
    person_for_token,
    start_session,
    was_shown_to_child,
)
from stafett_app.services.log_list import first_page
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
    return await run_in_threadpool(_demo_sign_in, request, settings, str(form.get("person_id", "")))


def _demo_sign_in(request: Request, settings: Settings, chosen: str) -> Response:
    if (to_child := _shown_to_child(request)) is not None:
        return to_child
    try:
        person_id = int(chosen)
        if parse_id(person_id) is None:
            raise ValueError("not a person id")
    except ValueError:
        return RedirectResponse(routes.SIGN_IN, status_code=303)
    with session_scope() as session:
        person = session.get(Person, person_id)
        if not is_demo_person(person) or person.deactivated_at is not None:  # type: ignore[union-attr]
            return RedirectResponse(routes.SIGN_IN, status_code=303)
        end_session(session, request.cookies.get(settings.session_cookie))
        token = start_session(session, person_id)
        target = first_page(session, person)
    return _signed_in_response(settings, token, target)


def _provider_settings() -> Settings | None:
    settings = get_settings()
    return settings if settings.identity_provider_configured else None


def _begin(request: Request, *, silent: bool) -> Response:
    settings = _provider_settings()
    if settings is None:
        return PlainTextResponse("No identity provider is configured.", status_code=404)
    if (to_child := _shown_to_child(request)) is not None:
        return to_child
    lang = request.query_params.get("lang", "")
    try:
        with session_scope() as session:
            # After a login shown to a child, only the adult's MinID or BankID starts a new one.
            ask_again = was_shown_to_child(session, _session_token(request))
            started = oidc.begin_login(
                session,
                settings,
                lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
                silent=silent and not ask_again,
                ask_again=ask_again,
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
            if person is None or person.deactivated_at is not None:
                log.info("sign-in by a person not registered in Stafett, or deactivated")
                response: Response = RedirectResponse(routes.NOT_REGISTERED, status_code=303)
                response.delete_cookie(settings.session_cookie, path="/", secure=settings.secure_cookies, httponly=True)
                response.delete_cookie(settings.login_cookie, path="/", secure=settings.secure_cookies, httponly=True)
                return response
            token = start_session(session, person.id, provider=signed_in.provider)  # type: ignore[arg-type]
            target = first_page(session, person)
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
    return _signed_in_response(settings, token, target)


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


def frontchannel_logout(request: Request):
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


def _signed_in(request: Request, session, *, child_log_id: int | None = None) -> Person:
    """The signed-in person. A login shown to a child (services.child_mode) gets nothing here,
    except what the child page of its log shows (`child_log_id`: the log of the file asked for)."""
    login = login_for_token(session, _session_token(request))
    if login is None:
        raise NotSignedIn()
    if login.child_log_id is not None and login.child_log_id != child_log_id:
        raise PermissionDenied()
    person = session.get(Person, login.person_id)
    if person is None:
        raise NotSignedIn()
    return person


def _shown_to_child(request: Request) -> Response | None:
    """A sign-in started from a login a child is looking at goes back to the child's page: only
    signing out (the adult) ends it, never a new or silent sign-in over it."""
    with session_scope() as session:
        shown = child_mode.shown_log(session, _session_token(request))
    return RedirectResponse(routes.child_shown(shown), status_code=303) if shown is not None else None


def _id(request: Request, name: str) -> int:
    """An id in the path: a number no row can have (beyond 64 bits) is simply not found."""
    value = parse_id(request.path_params[name])
    if value is None:
        raise PermissionDenied()
    return value


def _concern_id(raw: str) -> int:
    value = parse_id(raw)
    if value is None:
        raise ValueError(raw)
    return value


def _session_token(request: Request) -> str | None:
    return request.cookies.get(get_settings().session_cookie)


def _logged_download(request: Request, session, person: Person, what: str, subject_id: int) -> None:
    """In the access log, in the same transaction as the check that let the file out."""
    access_log.record_download(session, person, what, subject_id, _session_token(request))


def _refusal(request: Request, refused: Exception) -> Response:
    """Not signed in: 401. No access: 404, so nobody learns whether the thing exists; the 404 is the
    product's own page in the person's language, with a way back, not a bare "Not found"."""
    if isinstance(refused, NotSignedIn):
        return PlainTextResponse("Not signed in", status_code=401)
    return _not_found_page(request)


_NOT_FOUND_PAGE = """<!doctype html><html lang="{lang}"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} – Stafett</title>
<body style="margin:0;font-family:system-ui,sans-serif;line-height:1.5">
<header style="background:#1f4e79;color:white;padding:12px 16px;font-weight:700">Stafett</header>
<main style="max-width:36rem;margin:1.5rem auto;padding:0 16px">
<h1 style="font-size:1.6rem;line-height:1.25">{title}</h1><p>{body}</p>
<p><a href="{back}" style="color:#1f4e79;font-weight:600">{back_text}</a></p></main></body></html>"""


def _not_found_page(request: Request) -> HTMLResponse:
    with session_scope() as session:
        person = person_for_token(session, request.cookies.get(get_settings().session_cookie))
        lang = person.language if person is not None and person.language in LANGUAGES else DEFAULT_LANGUAGE
    page = _NOT_FOUND_PAGE.format(
        lang=lang,
        title=html.escape(translate(lang, "file_missing.heading")),
        body=html.escape(translate(lang, "file_missing.body")),
        back=routes.MY_LOGS,
        back_text=html.escape(translate(lang, "nav.back_to_logs")),
    )
    return HTMLResponse(page, status_code=404, headers={"Cache-Control": "private, no-store"})


def photo(request: Request):
    """A photo, only for participants of its log; private and never cached by shared caches."""
    try:
        with session_scope() as session:
            photo_id = _id(request, "photo_id")
            person = _signed_in(request, session, child_log_id=photos.log_of_photo(session, photo_id))
            path, content_type = photo_for(session, person, photo_id)
            _logged_download(request, session, person, "photo", photo_id)
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return FileResponse(path, media_type=content_type, headers=headers)


def web_manifest(request: Request):
    return Response(pwa.manifest_json(), media_type="application/manifest+json")


def service_worker(request: Request):
    # no-cache: the browser checks for a new worker on every visit, so a release takes over.
    headers = {"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"}
    return Response(pwa.service_worker_js(), media_type="application/javascript", headers=headers)


def offline_page(request: Request):
    return HTMLResponse(pwa.OFFLINE_HTML, headers={"Cache-Control": "no-cache"})


def attachment(request: Request):
    """A note's PDF, only for participants of its log; always downloaded, never shown inline."""
    try:
        with session_scope() as session:
            person, attachment_id = _signed_in(request, session), _id(request, "attachment_id")
            path, name = notes.attachment_for(session, person, attachment_id)
            _logged_download(request, session, person, "attachment", attachment_id)
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return FileResponse(path, media_type="application/pdf", filename=name, headers=headers)


ICS = "text/calendar; charset=utf-8"


def meeting_calendar_file(request: Request):
    """One meeting as an .ics file, for someone invited to it."""
    try:
        with session_scope() as session:
            person, meeting_id = _signed_in(request, session), _id(request, "meeting_id")
            body = meetings.meeting_ics(session, person, meeting_id)
            _logged_download(request, session, person, "calendar", meeting_id)
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    headers = {"Content-Disposition": 'attachment; filename="stafett-mote.ics"', "Cache-Control": "private, no-store"}
    return Response(body, media_type=ICS, headers=headers)


def calendar_feed(request: Request):
    """A person's private feed: the random token in the address is the key."""
    with session_scope() as session:
        body = meetings.feed_ics(session, request.path_params["token"])
    if body is None:
        return PlainTextResponse("Not found", status_code=404)
    return Response(body, media_type=ICS, headers={"Cache-Control": "private, no-store"})


def push_public_key(request: Request):
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
    return await run_in_threadpool(_keep_subscription, request, data)


def _keep_subscription(request: Request, data: object) -> Response:
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
        return _refusal(request, refused)
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


def print_log(request: Request):
    """The chosen parts of a log as a PDF (holder, guardians, the young person from 15).
    ?elements=overview,concerns,...&preset=tried|all&start=YYYY-MM-DD&end=YYYY-MM-DD"""
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            log_id = _id(request, "log_id")
            try:
                choice = printing.parse_choice(
                    _list_param(request, "elements") + _list_param(request, "preset"),
                    request.query_params.get("start", ""),
                    request.query_params.get("end", ""),
                )
            except ValidationFailed as failed:
                return _invalid(person, failed)
            pdf = printing.print_pdf(session, person, log_id, choice.elements, choice.period)
            access_log.record_opening(session, person, log_id, "pdf", _session_token(request))
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    filename = f"stafettlogg-{log_id}-{today_in_norway().isoformat()}.pdf"
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


def own_copy_download(request: Request):
    """The family's own copy (GDPR art. 15) as PDF or JSON: a guardian or the young person from 15.
    Anyone else gets 404 and the attempt is recorded; every download is in the access log."""
    kind = request.path_params["kind"]
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            log_id = request.path_params["log_id"]
            if kind not in ("pdf", "json"):
                raise PermissionDenied()
            copy = own_copy.own_copy(session, person, log_id)
            body = own_copy.pdf_bytes(copy) if kind == "pdf" else own_copy.json_bytes(copy)
            access_log.record_opening(session, person, log_id, "own_copy", _session_token(request))
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    media = "application/pdf" if kind == "pdf" else "application/json; charset=utf-8"
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{own_copy.filename(copy, kind)}"'}
    return Response(body, media_type=media, headers=headers)


def archive_list(request: Request):
    """The log's archive copies (made and failed), for its holder and the unit leader."""
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            rows = archive.copies_for(session, person, _id(request, "log_id"), person.language or "nb")
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    return JSONResponse({"copies": [asdict(row) for row in rows]}, headers=PRIVATE)


def archive_copy(request: Request):
    """One archive copy's PDF; every read is in the access log."""
    try:
        with session_scope() as session:
            path, name = archive.copy_file_for(session, _signed_in(request, session), _id(request, "copy_id"))
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    return FileResponse(path, media_type="application/pdf", filename=name, headers=PRIVATE)


def export_log(request: Request):
    """The chosen concerns for another Stafett: the JSON file and the PDF, in a zip (holder)."""
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            try:
                concern_ids = [_concern_id(value) for value in _list_param(request, "concerns")]
                body = export.export_zip(session, person, _id(request, "log_id"), concern_ids)
            except ValueError:
                return _invalid(person, ValidationFailed({"concerns": "error.export_no_concerns"}))
            except ValidationFailed as failed:
                return _invalid(person, failed)
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{export.export_filename()}"'}
    return Response(body, media_type="application/zip", headers=headers)


IMPORT_ERROR_PARAM = "import_error"
IMPORT_ERROR_CODES = {
    "error.import_not_json": "not_json",
    "error.import_too_large": "too_large",
    "error.import_version": "version",
    "error.import_invalid": "invalid",
    "error.import_child": "child",
}


def leader_figures(request: Request):
    """A unit leader's figures as CSV (counts only); ?unit=ID picks one of the units they lead."""
    raw_unit = request.query_params.get("unit", "")
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            if raw_unit and parse_id(raw_unit) is None:
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
        return _refusal(request, refused)
    filename = f"stafett-tall-{today_in_norway().isoformat()}.csv"
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(leader_stats.figures_csv(board, lang), media_type="text/csv; charset=utf-8", headers=headers)


async def import_log(request: Request):
    """A new draft log from an export file (multipart: file, child_id), for staff."""
    if not _same_origin(request):
        return PlainTextResponse("Forbidden", status_code=403)
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    raw = None if upload is None or isinstance(upload, str) else await upload.read(export.MAX_IMPORT_BYTES + 1)
    return await run_in_threadpool(_import_draft, request, raw, str(form.get("child_id", "")))


def _import_draft(request: Request, raw: bytes | None, chosen_child: str) -> Response:
    # A browser's own form post (the form on "Mine logger") gets pages back; other clients JSON.
    from_page = "text/html" in request.headers.get("accept", "")
    try:
        with session_scope() as session:
            person = _signed_in(request, session)
            try:
                if raw is None:
                    raise ValidationFailed({"file": "error.import_not_json"})
                child_id = parse_id(chosen_child or "")
                if child_id is None:
                    raise ValueError("not a child id")
                log_id = export.import_draft(session, person, raw, child_id)
            except ValueError:
                failed = ValidationFailed({"child_id": "error.import_child"})
                return _import_failed_page(failed) if from_page else _invalid(person, failed)
            except ValidationFailed as failed:
                return _import_failed_page(failed) if from_page else _invalid(person, failed)
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(request, refused)
    if from_page:  # the form on "Mine logger": open the new draft
        return RedirectResponse(routes.plan(log_id), status_code=303)
    return JSONResponse({"log_id": log_id, "url": routes.plan(log_id)}, status_code=201)


def _import_failed_page(failed: ValidationFailed) -> RedirectResponse:
    """Back to "Mine logger", which shows the message in the person's language next to the form.
    Only a known code travels in the address, never text."""
    key = next(iter(failed.errors.values()), "").partition("|")[0]
    code = IMPORT_ERROR_CODES.get(key, "invalid")
    return RedirectResponse(f"{routes.MY_LOGS}?{IMPORT_ERROR_PARAM}={code}", status_code=303)


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
    Route(routes.OWN_COPY, own_copy_download, methods=["GET"]),
    Route(routes.ARCHIVE_LIST, archive_list, methods=["GET"]),
    Route(routes.ARCHIVE_COPY, archive_copy, methods=["GET"]),
    Route(routes.EXPORT, export_log, methods=["GET"]),
    Route(routes.IMPORT, import_log, methods=["POST"]),
    Route(routes.LEADER_FIGURES_CSV, leader_figures, methods=["GET"]),
    # Pages with an id in the address: the built fallback page, preloading the page's own modules.
    *preload_routes(routes.PAGES_WITH_IDS),
]


def build_api() -> Starlette:
    """Our routes; Reflex mounts itself inside (rx.App(api_transformer=...)), so the middleware here
    covers every response of the app: our routes, Reflex's /_upload and the built pages."""
    rate_limits.check_settings()
    app = Starlette(routes=ROUTES)
    app.add_middleware(BodyLimit)
    app.add_middleware(SocketLimit)
    app.add_middleware(SecurityHeaders)
    return app


api = build_api()
