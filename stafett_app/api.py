"""HTTP endpoints Reflex does not give: sign-in and sign-out (they set an HttpOnly cookie),
private files behind a permission check, and the Web Push key and subscriptions.

Mounted in front of Reflex (rx.App(api_transformer=...)), so these paths match first.
"""

from dataclasses import asdict

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from stafett_app import pwa, routes
from stafett_app.db import engine, session_scope
from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.i18n import translate
from stafett_app.models import Person
from stafett_app.services import archive, export, meetings, notes, printing, web_push
from stafett_app.services.auth import end_session, is_demo_person, person_for_token, start_session
from stafett_app.services.photos import photo_for
from stafett_app.settings import SESSION_COOKIE, load_delivery_settings, load_settings


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


class NotSignedIn(Exception):
    pass


def _signed_in(request: Request, session) -> Person:
    person = person_for_token(session, request.cookies.get(SESSION_COOKIE))
    if person is None:
        raise NotSignedIn()
    return person


def _refusal(refused: Exception) -> PlainTextResponse:
    """Not signed in: 401. No access: 404, so nobody learns whether the thing exists."""
    if isinstance(refused, NotSignedIn):
        return PlainTextResponse("Not signed in", status_code=401)
    return PlainTextResponse("Not found", status_code=404)


async def photo(request: Request):
    """A photo, only for participants of its log; private and never cached by shared caches."""
    try:
        with session_scope() as session:
            path, content_type = photo_for(session, _signed_in(request, session), request.path_params["photo_id"])
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
            path, name = notes.attachment_for(
                session, _signed_in(request, session), request.path_params["attachment_id"]
            )
    except (NotSignedIn, PermissionDenied) as refused:
        return _refusal(refused)
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return FileResponse(path, media_type="application/pdf", filename=name, headers=headers)


ICS = "text/calendar; charset=utf-8"


async def meeting_calendar_file(request: Request):
    """One meeting as an .ics file, for someone invited to it."""
    try:
        with session_scope() as session:
            body = meetings.meeting_ics(session, _signed_in(request, session), request.path_params["meeting_id"])
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
            if request.method == "DELETE":
                endpoint = data.get("endpoint") if isinstance(data, dict) else None
                if not isinstance(endpoint, str):
                    return PlainTextResponse("Bad request", status_code=400)
                web_push.remove_subscription(session, person, endpoint)
                return Response(status_code=204)
            checked = web_push.check_subscription(data, allow_local=load_delivery_settings().push_allow_local)
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


api = Starlette(
    routes=[
        Route(pwa.MANIFEST_URL, web_manifest, methods=["GET"]),
        Route(pwa.SERVICE_WORKER_URL, service_worker, methods=["GET"]),
        Route(pwa.OFFLINE_URL, offline_page, methods=["GET"]),
        Route(routes.DEMO_LOGIN, demo_login, methods=["POST"]),
        Route(routes.LOGOUT, logout, methods=["POST"]),
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
    ]
)
