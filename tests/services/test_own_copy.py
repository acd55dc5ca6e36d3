"""The family's own copy (GDPR art. 15): what it holds, for whom, and nothing of another family."""

import io
import json
from datetime import datetime

import pikepdf
import pytest
from sqlmodel import select

from stafett_app.domain.errors import PermissionDenied
from stafett_app.models import AccessAttempt, FormDraft, NotificationChoice
from stafett_app.services import own_copy, printing
from tests.archive_helpers import check_archive_pdf

OTHER_FAMILIES = ("Khalil", "Strand", "Moen", "Vik", "Solberg")


def test_a_guardian_gets_everything_about_the_family_in_the_log(seeded, people, logs):
    lise, ola, emma = people["lise"], people["ola"], people["emma"]
    log_id = logs["emma"].id
    seeded.add(FormDraft(person_id=lise.id, kind="comment", log_id=log_id, values_json='{"text": "Halvskrevet"}',
                         updated_at=datetime(2026, 11, 1, 12)))  # fmt: skip
    seeded.add(FormDraft(person_id=people["kari"].id, kind="comment", log_id=log_id, values_json='{"text": "Karis"}',
                         updated_at=datetime(2026, 11, 1, 12)))  # fmt: skip
    seeded.add(NotificationChoice(person_id=lise.id, kind="message", email=True, push=False))
    seeded.flush()

    copy = own_copy.own_copy(seeded, lise, log_id)
    data = own_copy.to_json(copy)
    assert (data["format"], data["version"]) == ("stafett-own-copy", 1)
    family = {m["name"]: m for m in data["family"]}
    assert set(family) == {"Lise Andersen", "Ola Andersen", "Emma Andersen"}
    assert family["Lise Andersen"]["is_you"] and family["Lise Andersen"]["mobile"] == lise.mobile
    assert family["Emma Andersen"]["birth_date"] == emma.birth_date.isoformat()
    assert family["Ola Andersen"]["email"] == "" and ola.email  # the other guardian's contact is his own
    text = json.dumps(data, ensure_ascii=False)
    for name in OTHER_FAMILIES:
        assert name not in text, name
    assert data["concerns"] and data["concerns"][0]["goals"][0]["measures"]
    assert data["consents"] and data["lysglimt"] and data["meetings"]
    assert data["notification_settings"] == [{"kind": "message", "email": True, "push": False}]
    assert data["form_drafts"] == [
        {"form": "comment", "updated_at": "2026-11-01T12:00:00+00:00", "values": {"text": "Halvskrevet"}}
    ]
    assert all(c["with_everyone"] or "Lise Andersen" in c["members"] for c in data["messages"])
    json.loads(own_copy.json_bytes(copy))  # the file itself parses


def test_the_young_person_from_15_gets_their_own(seeded, people, logs):
    data = own_copy.to_json(own_copy.own_copy(seeded, people["jonas"], logs["jonas"].id))
    assert [m["name"] for m in data["family"] if m["is_you"]] == ["Jonas Strand"]
    assert "Andersen" not in json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("who", ["kari", "siri", "emma", "tor", "per", "astrid"])
def test_staff_a_child_under_15_and_strangers_are_refused_and_recorded(seeded, people, logs, who):
    with pytest.raises(PermissionDenied):
        own_copy.own_copy(seeded, people[who], logs["emma"].id)
    attempts = seeded.exec(select(AccessAttempt.action).where(AccessAttempt.person_id == people[who].id)).all()
    assert "own_copy" in attempts


def test_another_familys_log_is_refused(seeded, people, logs):
    with pytest.raises(PermissionDenied):
        own_copy.own_copy(seeded, people["lise"], logs["jonas"].id)


def test_the_pdf_is_the_print_with_the_copys_sections(seeded, people, logs):
    copy = own_copy.own_copy(seeded, people["lise"], logs["emma"].id)
    html = printing.render_html(copy.content, printing.PrintChoice(), "nb", own_copy=copy)
    for heading in ("Om denne kopien", "Familien", "Meldinger du er med i", "Hvem har åpnet loggen", "Varslene dine"):
        assert heading in html
    assert "Alt Stafett har om dere: Emmas stafettlogg" in html
    pdf = check_archive_pdf(own_copy.pdf_bytes(copy))  # PDF/A-2b, fonts embedded, no script
    assert len(pdf.pages) >= 2
    with pikepdf.open(io.BytesIO(own_copy.pdf_bytes(copy))) as again:
        assert "Emma" in str(again.open_metadata().get("{http://purl.org/dc/elements/1.1/}title"))


@pytest.mark.parametrize(
    ("who", "child", "offered"), [("lise", "emma", True), ("jonas", "jonas", True), ("kari", "emma", False)]
)
def test_the_family_page_offers_the_copy_to_those_who_may_have_it(seeded, people, logs, who, child, offered):
    from stafett_app.services.family_view import family_view
    from stafett_app.services.plan_view import plan_for

    plan = plan_for(seeded, people[who], logs[child].id, "nb")
    assert plan.can_own_copy is offered
    assert family_view(plan, people[who].id, "nb").can_own_copy is offered


def test_the_file_name_is_plain_ascii(seeded, people, logs):
    copy = own_copy.own_copy(seeded, people["lise"], logs["emma"].id)
    copy.content.plan.child_first_name = "Åse-Łucja"
    assert own_copy.filename(copy, "pdf").startswith("stafett-kopi-Aseucja-")
