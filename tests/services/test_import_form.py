"""The import form on "Mine logger" is a browser's own form post: it gets the new draft or the way
back to the form with a known error code, never JSON; other clients keep the JSON answers."""

import io
import json
import zipfile

from sqlmodel import select

from stafett_app import db
from stafett_app.models import Concern, Person
from stafett_app.services import export
from tests.services.test_archive_routes import ORIGIN, client, emma_log, sign_in  # noqa: F401  (fixture)

BROWSER = {**ORIGIN, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _export(client) -> bytes:  # noqa: F811
    log = emma_log()
    with db.session_scope() as session:
        ids = [c.id for c in session.exec(select(Concern).where(Concern.log_id == log.id))]
    sign_in(client, "Kari")
    response = client.get(f"/logs/{log.id}/export.zip?concerns={','.join(map(str, ids))}")
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        return package.read("stafett-eksport.json")


def _oskar_id() -> int:
    with db.session_scope() as session:
        return session.exec(select(Person.id).where(Person.first_name == "Oskar")).one()


def test_the_form_post_opens_the_new_draft(client):  # noqa: F811
    data = _export(client)
    sign_in(client, "Siri")
    files = {"file": ("stafett-eksport.json", data, "application/json")}
    made = client.post(
        "/logs/import", files=files, data={"child_id": _oskar_id()}, headers=BROWSER, follow_redirects=False
    )
    assert made.status_code == 303 and made.headers["location"].startswith("/logs/")
    assert made.headers["location"].removeprefix("/logs/").isdigit()


def test_a_bad_form_post_goes_back_with_a_code_only(client):  # noqa: F811
    data = json.loads(_export(client))
    sign_in(client, "Siri")

    def post(raw: bytes, child_id: object) -> str:
        files = {"file": ("x.json", raw, "application/json")}
        answer = client.post(
            "/logs/import", files=files, data={"child_id": child_id}, headers=BROWSER, follow_redirects=False
        )
        assert answer.status_code == 303
        return answer.headers["location"]

    assert post(b"[1, 2]", _oskar_id()) == "/logs?import_error=not_json"
    assert post(json.dumps({**data, "version": 99}).encode(), _oskar_id()) == "/logs?import_error=version"
    broken = {**data, "concerns": [{"text": "<script>x</script>"}]}
    assert post(json.dumps(broken).encode(), _oskar_id()) == "/logs?import_error=invalid"
    assert post(json.dumps(data).encode(), "") == "/logs?import_error=child"
    assert post(json.dumps(data).encode(), "abc") == "/logs?import_error=child"


def test_a_crafted_child_id_is_refused(client):  # noqa: F811
    """The form offers only children the person works with; another child's id sent anyway is refused."""
    data = _export(client)
    sign_in(client, "Siri")
    with db.session_scope() as session:
        siri = session.exec(select(Person).where(Person.first_name == "Siri")).one()
        children = set(session.exec(select(Person.id).where(Person.kind == "child")).all())
        stranger = min(children - export.importable_child_ids(session, siri))
    files = {"file": ("stafett-eksport.json", data, "application/json")}
    answer = client.post(
        "/logs/import", files=files, data={"child_id": stranger}, headers=BROWSER, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/logs?import_error=child"
    json_answer = client.post("/logs/import", files=files, data={"child_id": 2**70}, headers=ORIGIN)
    assert json_answer.status_code == 422
