"""A double tap, or a resend after the connection came back, makes one row: every create use case
called twice with the same request key returns the first result and writes nothing more."""

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.roles import LogRole
from stafett_app.models import (
    Comment,
    Concern,
    Consent,
    ConsentRequest,
    Conversation,
    DeletionRequest,
    Evaluation,
    Glimmer,
    Goal,
    Handover,
    Measure,
    Meeting,
    Message,
    Note,
    Observation,
    Participant,
    Person,
    RequestKey,
    StafettLog,
)
from stafett_app.services import consent_flow, meetings, messages, new_log, notes, participation, plan_edit, relay
from stafett_app.services.consent_flow import Named
from tests.pdf_helpers import one_page_pdf

TODAY = today_in_norway()
KEY = "2f7c1a9e-tap"


def rows(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def twice(session, model, create) -> int:
    """Call `create(key)` twice with the same key; exactly one new row, and the same result."""
    before = rows(session, model)
    first = create(KEY)
    second = create(KEY)
    assert first == second
    assert rows(session, model) == before + 1
    return first


def first_of(session, model, *where):
    return session.exec(select(model).where(*where)).first()


def test_plan_creates(seeded, people, logs):
    kari, lise, log_id = people["kari"], people["lise"], logs["emma"].id
    concern_id = twice(
        seeded,
        Concern,
        lambda k: plan_edit.add_concern(
            seeded, kari, log_id, {"text": "Emma gråter", "category": "wellbeing"}, request_key=k + "c"
        ),
    )
    goal_id = twice(
        seeded,
        Goal,
        lambda k: plan_edit.add_goal(
            seeded, kari, log_id, {"text": "Emma er glad"}, concern_id=concern_id, request_key=k + "g"
        ),
    )
    measure_form = {
        "title": "Kari snakker med Emma hver morgen",
        "arena": "service",
        "responsible_id": str(kari.id),
        "start_date": TODAY.isoformat(),
        "evaluation_date": (TODAY + timedelta(days=21)).isoformat(),
    }
    measure_id = twice(
        seeded,
        Measure,
        lambda k: plan_edit.add_measure(seeded, kari, log_id, measure_form, goal_id=goal_id, request_key=k + "m"),
    )
    twice(
        seeded,
        Comment,
        lambda k: plan_edit.add_comment(
            seeded, lise, log_id, {"text": "Fint!"}, measure_id=measure_id, request_key=k + "k"
        ),
    )
    evaluation = {"result": "green", "outcome": "continue", "text": "Det virker.", "evaluated_on": TODAY.isoformat()}
    evaluation["next_evaluation_date"] = (TODAY + timedelta(days=30)).isoformat()
    twice(
        seeded,
        Evaluation,
        lambda k: plan_edit.evaluate_measure(
            seeded, kari, log_id, evaluation, measure_id=measure_id, request_key=k + "e"
        ),
    )
    twice(
        seeded,
        Glimmer,
        lambda k: plan_edit.add_glimmer(seeded, lise, log_id, {"text": "Emma lo i dag"}, request_key=k + "l"),
    )
    twice(
        seeded,
        Note,
        lambda k: notes.add_note(seeded, kari, log_id, {"title": "Brev", "text": ""}, request_key=k + "n"),
    )


def test_meeting_and_messages(seeded, people, logs):
    kari, log_id = people["kari"], logs["emma"].id
    form = {
        "date": (TODAY + timedelta(days=9)).isoformat(),
        "time": "14:00",
        "duration": "60",
        "place": "Møterom 2",
        "agenda": "1. Status",
        f"invite_{people['lise'].id}": "on",
    }
    twice(seeded, Meeting, lambda k: meetings.call_meeting(seeded, kari, log_id, form, request_key=k))
    conversation_id = twice(
        seeded,
        Conversation,
        lambda k: messages.start_conversation(
            seeded, kari, log_id, {"subject": "Skoleveien", "body": "Hei!"}, request_key=k + "s"
        ),
    )
    twice(
        seeded, Message, lambda k: messages.send(seeded, people["lise"], conversation_id, "Takk!", request_key=k + "r")
    )


def test_consents(seeded, people, logs):
    lise, log_id = people["lise"], logs["emma"].id
    named = [(people["kari"].id, LogRole.HOLDER)]
    twice(seeded, Consent, lambda k: participation.give_consent(seeded, lise, log_id, named, request_key=k))
    participation.add_participant(seeded, people["kari"], log_id, people["per"].id, LogRole.READER)
    twice(seeded, Consent, lambda k: participation.consent_to_proposals(seeded, lise, log_id, request_key=k + "p"))


def test_the_relay_creates(seeded, people, logs):
    ingrid = people["ingrid"]
    draft = {
        "first_name": "Sunniva",
        "last_name": "Aas",
        "birth_date": "2021-04-01",
        "unit_id": str(ingrid.unit_id),
        "observations": "Sitter alene.",
    }
    log_id = twice(seeded, StafettLog, lambda k: new_log.start_draft(seeded, ingrid, draft, request_key=k + "d"))
    assert rows(seeded, Person) == rows(seeded, Person)  # the child too was made once
    assert len(seeded.exec(select(Person).where(Person.first_name == "Sunniva")).all()) == 1
    twice(
        seeded,
        Observation,
        lambda k: new_log.add_observation(
            seeded, ingrid, log_id, {"observed_on": TODAY.isoformat(), "text": "Igjen."}, request_key=k + "o"
        ),
    )
    guardian = {"first_name": "Anne", "last_name": "Aas", "email": "anne@example.no", "mobile": "93211222"}
    anne_id = twice(
        seeded,
        Participant,
        lambda k: new_log.register_guardian(seeded, ingrid, log_id, guardian, request_key=k + "f"),
    )
    request_id = twice(
        seeded,
        ConsentRequest,
        lambda k: consent_flow.ask_consent(seeded, ingrid, log_id, [Named(ingrid.id, LogRole.HOLDER)], request_key=k),
    )
    anne = seeded.get(Person, anne_id)
    twice(
        seeded,
        Consent,
        lambda k: consent_flow.confirm_consent(seeded, anne, log_id, request_id, request_key=k + "y"),
    )
    liam = logs["liam"].id
    seeded.exec(select(Handover).where(Handover.log_id == liam)).one().status = "withdrawn"
    form = {"to_person_id": str(people["eva"].id), "reason": "Skolestart", "closing_note": "Blir igjen"}
    twice(seeded, Handover, lambda k: relay.propose_handover(seeded, ingrid, liam, form, request_key=k + "h"))
    twice(
        seeded,
        DeletionRequest,
        lambda k: relay.request_deletion(seeded, people["nina"], logs["sara"].id, request_key=k + "x"),
    )


def test_paper_consent_once(seeded, people, logs, tmp_path, monkeypatch):
    monkeypatch.setenv("STAFETT_FILES_DIR", str(tmp_path / "files"))
    siri, log_id = people["siri"], logs["sara"].id
    consent_flow.ask_consent(seeded, siri, log_id, [Named(siri.id, LogRole.HOLDER)])
    pdf = one_page_pdf()
    form = {"signed_by": "Nina Moen", "signed_on": TODAY.isoformat()}
    twice(
        seeded,
        Consent,
        lambda k: consent_flow.record_paper_consent(seeded, siri, log_id, form, pdf, "s.pdf", request_key=k),
    )
    assert len(list((tmp_path / "files").glob("*.pdf"))) == 1


def test_a_key_for_another_kind_of_create_is_refused(seeded, people, logs):
    kari, log_id = people["kari"], logs["emma"].id
    plan_edit.add_glimmer(seeded, kari, log_id, {"text": "Bra dag"}, request_key=KEY)
    with pytest.raises(ValidationFailed) as refused:
        notes.add_note(seeded, kari, log_id, {"title": "Brev"}, request_key=KEY)
    assert refused.value.errors == {"request_key": "error.request_key_reused"}


def test_keys_are_per_person(seeded, people, logs):
    log_id = logs["emma"].id
    first = plan_edit.add_glimmer(seeded, people["kari"], log_id, {"text": "Bra dag"}, request_key=KEY)
    second = plan_edit.add_glimmer(seeded, people["lise"], log_id, {"text": "Fin dag"}, request_key=KEY)
    assert first != second


def test_a_failed_create_leaves_the_key_free(seeded, people, logs):
    kari, log_id = people["kari"], logs["emma"].id
    with pytest.raises(ValidationFailed):
        plan_edit.add_glimmer(seeded, kari, log_id, {"text": ""}, request_key=KEY)
    seeded.rollback()  # what session_scope does on any error
    assert rows(seeded, RequestKey) == 0
    assert plan_edit.add_glimmer(seeded, kari, log_id, {"text": "Nå"}, request_key=KEY)


def test_a_resend_from_another_connection_returns_the_first(seeded, people, logs, engine):
    kari, log_id = people["kari"], logs["emma"].id
    first = plan_edit.add_glimmer(seeded, kari, log_id, {"text": "Bra dag"}, request_key=KEY)
    seeded.commit()
    with Session(engine) as other:
        again = plan_edit.add_glimmer(other, other.get(Person, kari.id), log_id, {"text": "Bra dag"}, request_key=KEY)
        other.commit()
    assert again == first
    assert rows(seeded, Glimmer) == len(seeded.exec(select(Glimmer)).all())
    assert len(seeded.exec(select(Glimmer).where(Glimmer.text == "Bra dag")).all()) == 1


def test_two_racing_attempts_make_one_row(engine, people, logs):
    """The second attempt waits at the unique key for the first to commit, then returns its result."""
    import threading

    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has one writer at a time: a racing loser fails as a whole (see request_keys)")
    kari_id, log_id = people["kari"].id, logs["emma"].id
    results: list[int] = []
    with Session(engine) as first:
        results.append(
            plan_edit.add_glimmer(first, first.get(Person, kari_id), log_id, {"text": "Bra dag"}, request_key=KEY)
        )

        def second_attempt() -> None:
            with Session(engine) as second:
                kari = second.get(Person, kari_id)
                results.append(plan_edit.add_glimmer(second, kari, log_id, {"text": "Bra dag"}, request_key=KEY))
                second.commit()

        racer = threading.Thread(target=second_attempt)
        racer.start()
        racer.join(timeout=1)
        assert racer.is_alive()  # waiting at the constraint
        first.commit()
        racer.join(timeout=10)
    assert results[0] == results[1]
    with Session(engine) as check:
        assert len(check.exec(select(Glimmer).where(Glimmer.text == "Bra dag")).all()) == 1
