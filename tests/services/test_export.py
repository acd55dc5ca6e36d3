"""Export to another Stafett and import into a new draft, on SQLite and PostgreSQL."""

import io
import json
import zipfile

import pytest
from sqlmodel import select

from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.models import Concern, Evaluation, Goal, Measure, Participant, StafettLog
from stafett_app.services import export
from tests.archive_helpers import check_archive_pdf


def _without_people(value):
    """The content without who was responsible (people do not travel; the importer takes over)."""
    if isinstance(value, list):
        return [_without_people(v) for v in value]
    if isinstance(value, dict):
        skip = {"responsible", "description"} if "arena" in value else set()
        return {k: _without_people(v) for k, v in value.items() if k not in skip}
    return value


def emma_concerns(session, logs) -> list[Concern]:
    return list(session.exec(select(Concern).where(Concern.log_id == logs["emma"].id).order_by(Concern.id)).all())


def test_round_trip_keeps_concerns_goals_measures_and_evaluations(seeded, people, logs):
    first = emma_concerns(seeded, logs)[0]
    raw = export.export_zip(seeded, people["kari"], logs["emma"].id, [first.id])
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        assert sorted(package.namelist()) == [export.JSON_NAME, export.PDF_NAME]
        data = package.read(export.JSON_NAME)
        check_archive_pdf(package.read(export.PDF_NAME))
    parsed = json.loads(data)
    assert parsed["format"] == "stafett-export" and parsed["version"] == 1
    assert parsed["child_first_name"] == "Emma"
    assert [c["text"] for c in parsed["concerns"]] == [first.text]

    # The receiving service (here Siri, with the child Oskar standing in) imports it.
    log_id = export.import_draft(seeded, people["siri"], data, people["oskar"].id)
    seeded.commit()
    new = seeded.get(StafettLog, log_id)
    assert (new.status, new.level, new.created_by_id, new.child_id) == (
        "draft",
        0,
        people["siri"].id,
        people["oskar"].id,
    )
    roles = {(p.person_id, p.role) for p in seeded.exec(select(Participant).where(Participant.log_id == log_id))}
    assert roles == {(people["siri"].id, "holder"), (people["oskar"].id, "owner")}
    # Read it back through the exporter (a draft is never exported, so as if it were activated).
    new.status = "active"
    seeded.add(new)
    seeded.commit()
    again = export.export_data(seeded, people["siri"], log_id, [c.id for c in emma_concerns(seeded, {"emma": new})])
    original = export.parse_export(data)
    # What came in goes out the same (apart from who and where): concerns, goals, measures, evaluations.
    assert _without_people(again.model_dump()["concerns"]) == _without_people(original.model_dump()["concerns"])
    imported_measures = seeded.exec(
        select(Measure)
        .join(Goal, Goal.id == Measure.goal_id)
        .join(Concern, Concern.id == Goal.concern_id)
        .where(Concern.log_id == log_id)
    ).all()
    assert imported_measures and all(m.responsible_id == people["siri"].id for m in imported_measures)
    assert any("Ansvarlig før flyttingen: Mona Dahl" in m.description for m in imported_measures)
    evaluations = seeded.exec(
        select(Evaluation).where(Evaluation.measure_id.in_([m.id for m in imported_measures]))  # type: ignore[union-attr]
    ).all()
    assert {e.result for e in evaluations} == {"green", "red"}


def test_only_the_holder_exports(seeded, people, logs):
    concern = emma_concerns(seeded, logs)[0]
    for who in ("lise", "mona", "tor"):
        with pytest.raises(PermissionDenied):
            export.export_data(seeded, people[who], logs["emma"].id, [concern.id])


def test_concerns_of_another_log_cannot_be_exported(seeded, people, logs):
    jonas_concern = seeded.exec(select(Concern).where(Concern.log_id == logs["jonas"].id)).first()
    with pytest.raises(ValidationFailed) as refused:
        export.export_data(seeded, people["kari"], logs["emma"].id, [jonas_concern.id])
    assert refused.value.errors == {"concerns": "error.export_no_concerns"}


@pytest.mark.parametrize(
    "raw,message",
    [
        (b"%PDF-1.7 not json", "error.import_not_json"),
        (b'{"format": "something-else", "version": 1}', "error.import_not_json"),
        (b'{"format": "stafett-export", "version": 2}', "error.import_version"),
        (
            (
                b'{"format": "stafett-export", "version": 1, "exported_at": "2026-11-30T05:00:00",'
                b' "source": {"system": "Stafett", "log_id": 1}, "child_first_name": "Emma", "concerns": []}'
            ),
            "error.import_invalid|concerns: List should have at least 1 item after validation, not 0",
        ),
        (b"x" * (export.MAX_IMPORT_BYTES + 1), "error.import_too_large"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(seeded, people, raw, message):
    with pytest.raises(ValidationFailed) as refused:
        export.import_draft(seeded, people["siri"], raw, people["oskar"].id)
    assert refused.value.errors == {"file": message}
    assert seeded.exec(select(StafettLog).where(StafettLog.created_by_id == people["siri"].id)).all()  # only her own


def test_an_unknown_category_or_extra_field_is_named(seeded, people, logs):
    data = json.loads(
        export.export_data(
            seeded, people["kari"], logs["emma"].id, [emma_concerns(seeded, logs)[0].id]
        ).model_dump_json()
    )
    data["concerns"][0]["category"] = "astrology"
    with pytest.raises(ValidationFailed) as refused:
        export.parse_export(json.dumps(data).encode())
    assert refused.value.errors["file"].startswith("error.import_invalid|concerns.0.category: Input should be")


def test_only_staff_import_and_only_for_a_child(seeded, people, logs):
    raw = export.export_data(seeded, people["kari"], logs["emma"].id, [emma_concerns(seeded, logs)[0].id])
    data = raw.model_dump_json().encode()
    with pytest.raises(PermissionDenied):
        export.import_draft(seeded, people["lise"], data, people["oskar"].id)
    with pytest.raises(ValidationFailed) as refused:
        export.import_draft(seeded, people["siri"], data, people["lise"].id)
    assert refused.value.errors == {"child_id": "error.import_child"}


def test_the_import_form_offers_only_children_one_works_with(seeded, people, logs):
    """Not every child registered in the municipality (#9): the children of logs the person takes
    part in, and only for staff who may start a log. A crafted id of another child is refused."""
    siri = people["siri"]
    works_with = set(
        seeded.exec(
            select(StafettLog.child_id)
            .join(Participant, Participant.log_id == StafettLog.id)
            .where(Participant.person_id == siri.id, Participant.removed_at == None)  # noqa: E711
        ).all()
    )
    offered = {option.child_id for option in export.import_children(seeded, siri)}
    assert people["oskar"].id in offered and offered == works_with
    everyone = {p.id for p in people.values() if p.kind == "child"}
    stranger = min(everyone - offered)
    raw = export.export_data(seeded, people["kari"], logs["emma"].id, [emma_concerns(seeded, logs)[0].id])
    with pytest.raises(ValidationFailed) as refused:
        export.import_draft(seeded, siri, raw.model_dump_json().encode(), stranger)
    assert refused.value.errors == {"child_id": "error.import_child"}
    # Staff without the right to hold logs start none, imported or not.
    assert export.import_children(seeded, people["mona"]) == []
    with pytest.raises(PermissionDenied):
        export.import_draft(seeded, people["mona"], raw.model_dump_json().encode(), people["oskar"].id)
