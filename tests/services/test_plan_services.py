"""Use cases against a real, migrated database (SQLite and PostgreSQL)."""

from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import Session, func, select

from stafett_app.db import make_engine
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import ConsentRequired, PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.domain.roles import LogRole
from stafett_app.models import AccessAttempt, Evaluation, Measure, MeasureRevision, Participant
from stafett_app.services import participation, plan_edit
from stafett_app.services.log_list import my_logs, unit_logs
from stafett_app.services.plan_view import glimmers_of, plan_for

TODAY = today_in_norway()


def refusals(session, person) -> int:
    return session.exec(
        select(func.count()).select_from(AccessAttempt).where(AccessAttempt.person_id == person.id)
    ).one()


def measure_form(responsible, **kw):
    return {
        "title": "Kari leser med Emma",
        "arena": "service",
        "responsible_id": str(responsible.id),
        "start_date": TODAY.isoformat(),
        "evaluation_date": (TODAY + timedelta(days=21)).isoformat(),
        **kw,
    }


class TestSeeing:
    def test_holder_sees_the_whole_tree(self, seeded, people, logs):
        plan = plan_for(seeded, people["kari"], logs["emma"].id, "nb")
        assert plan.child_first_name == "Emma" and plan.level == 2 and plan.can_edit_plan
        assert [h.name for h in plan.holders] == ["Kari Nilsen"]
        assert len(plan.concerns) == 2
        badges = {m.title: m.badge for c in plan.concerns for g in c.goals for m in g.measures}
        assert badges["Emma legger fram klær og sekk kvelden før"] == "overdue"
        assert badges["Emma velger en lek hun lærer bort til gruppa"] == "due"
        assert badges["Lise vekker Emma klokka 07.00 og lager frokost"] == "green"
        assert plan.concerns[1].missing_arenas_label == "Hjemme"
        assert plan.concerns[0].missing_arenas_label == ""
        wake = next(m for c in plan.concerns for g in c.goals for m in g.measures if m.title.startswith("Lise vekker"))
        assert wake.history == ["red", "green"]

    def test_guardian_reads_but_cannot_edit(self, seeded, people, logs):
        plan = plan_for(seeded, people["lise"], logs["emma"].id, "nb")
        assert not plan.can_edit_plan
        measures = [m for c in plan.concerns for g in c.goals for m in g.measures]
        assert measures and all(m.can_comment and not m.can_evaluate for m in measures)

    def test_actor_evaluates_own_measures_only(self, seeded, people, logs):
        plan = plan_for(seeded, people["anders"], logs["jonas"].id, "nb")
        can = {m.title: m.can_evaluate for c in plan.concerns for g in c.goals for m in g.measures}
        assert can["Anders snakker med Jonas hver fredag om uka som kommer"] is True
        assert can["Hanne kjører Jonas til skolen på mandager"] is False

    @pytest.mark.parametrize("who", ["per", "tor", "ingrid"])
    def test_no_role_no_access_and_the_attempt_is_recorded(self, seeded, people, logs, who):
        before = refusals(seeded, people[who])
        with pytest.raises(PermissionDenied):
            plan_for(seeded, people[who], logs["emma"].id, "nb")
        assert refusals(seeded, people[who]) == before + 1

    def test_missing_log_looks_like_a_forbidden_one(self, seeded, people):
        with pytest.raises(PermissionDenied):
            plan_for(seeded, people["kari"], 999_999, "nb")

    def test_draft_only_for_its_author(self, seeded, people, logs):
        assert plan_for(seeded, people["siri"], logs["oskar"].id, "nb").status == "draft"
        with pytest.raises(PermissionDenied):
            plan_for(seeded, people["kari"], logs["oskar"].id, "nb")

    def test_my_logs(self, seeded, people):
        kari = {r.child_first_name: r for r in my_logs(seeded, people["kari"], "nb")}
        assert set(kari) == {"Emma", "Jonas"}
        assert kari["Emma"].overdue_count == 1 and kari["Emma"].my_role_label == "Stafettholder"
        assert {r.child_first_name for r in my_logs(seeded, people["siri"], "nb")} == {"Emma", "Sara", "Oskar"}
        assert my_logs(seeded, people["per"], "nb") == []
        assert {r.child_first_name for r in my_logs(seeded, people["emma"], "nb")} == {"Emma"}

    def test_leader_sees_the_unit_list_without_opening(self, seeded, people):
        rows = unit_logs(seeded, people["tor"], "nb")
        # Åsen skole (Ida: the withdrawn log of the relay seed) and the kindergarten Tor leads too.
        assert {r.child_first_name for r in rows} == {"Emma", "Jonas", "Sara", "Ida", "Noah", "Liam"}
        assert not any(r.can_open for r in rows)
        assert unit_logs(seeded, people["kari"], "nb") == []


class TestChanging:
    def test_holder_builds_a_concern_goal_and_measures(self, seeded, people, logs):
        kari, log_id = people["kari"], logs["emma"].id
        concern = plan_edit.add_concern(
            seeded, kari, log_id, {"text": "Emma gråter når hun skal skrive", "category": "learning"}
        )
        goal = plan_edit.add_goal(
            seeded, kari, log_id, {"text": "Emma skriver tre setninger hver dag"}, concern_id=concern
        )
        sub = plan_edit.add_goal(
            seeded, kari, log_id, {"text": "Emma skriver en setning med hjelp"}, concern_id=concern, parent_goal_id=goal
        )
        plan_edit.add_measure(seeded, kari, log_id, measure_form(kari), goal_id=sub)
        seeded.commit()
        plan = plan_for(seeded, kari, log_id, "nb")
        new = next(c for c in plan.concerns if c.concern_id == concern)
        assert [g.is_sub for g in new.goals] == [False, True]
        assert new.goals[1].measures[0].badge == "pending"
        assert new.missing_arenas_label == "Hjemme, Barnet"

    def test_sub_goal_must_hang_under_a_main_goal_of_the_same_concern(self, seeded, people, logs):
        kari, log_id = people["kari"], logs["emma"].id
        plan = plan_for(seeded, kari, log_id, "nb")
        goal_of_other_concern = plan.concerns[1].goals[0].goal_id
        with pytest.raises(PermissionDenied):
            plan_edit.add_goal(
                seeded,
                kari,
                log_id,
                {"text": "x"},
                concern_id=plan.concerns[0].concern_id,
                parent_goal_id=goal_of_other_concern,
            )

    def test_guardian_and_actor_cannot_change_the_plan(self, seeded, people, logs):
        for who in ("lise", "siri"):
            with pytest.raises(PermissionDenied):
                plan_edit.add_concern(seeded, people[who], logs["emma"].id, {"text": "x", "category": "other"})

    def test_target_from_another_log_is_refused_even_for_its_own_holder(self, seeded, people, logs):
        """Kari holds both logs, but a measure of Jonas's log cannot be reached through Emma's page."""
        kari = people["kari"]
        jonas_plan = plan_for(seeded, kari, logs["jonas"].id, "nb")
        jonas_measure = jonas_plan.concerns[0].goals[0].measures[0].measure_id
        with pytest.raises(PermissionDenied):
            plan_edit.add_comment(seeded, kari, logs["emma"].id, {"text": "hei"}, measure_id=jonas_measure)

    def test_invalid_measure_is_refused_with_field_errors(self, seeded, people, logs):
        kari = people["kari"]
        goal = plan_for(seeded, kari, logs["emma"].id, "nb").concerns[0].goals[0].goal_id
        with pytest.raises(ValidationFailed) as refused:
            plan_edit.add_measure(seeded, kari, logs["emma"].id, measure_form(people["per"], title=""), goal_id=goal)
        assert refused.value.errors == {"title": "error.required", "responsible_id": "error.choose_one"}

    def test_edit_window_then_correction_keeps_history(self, seeded, people, logs):
        kari, log_id = people["kari"], logs["emma"].id
        goal = plan_for(seeded, kari, log_id, "nb").concerns[0].goals[0].goal_id
        measure_id = plan_edit.add_measure(seeded, kari, log_id, measure_form(kari), goal_id=goal)
        assert (
            plan_edit.change_measure(
                seeded, kari, log_id, {"title": "Kari leser med Emma hver dag"}, measure_id=measure_id
            )
            is False
        )
        measure = seeded.get(Measure, measure_id)
        measure.created_at = utcnow() - timedelta(hours=9)
        seeded.add(measure)
        with pytest.raises(ValidationFailed):
            plan_edit.change_measure(seeded, kari, log_id, {"title": "Ny tekst"}, measure_id=measure_id)
        assert (
            plan_edit.change_measure(
                seeded, kari, log_id, {"title": "Ny tekst", "reason": "Feil dag"}, measure_id=measure_id
            )
            is True
        )
        revisions = seeded.exec(
            select(MeasureRevision).where(MeasureRevision.measure_id == measure_id).order_by(MeasureRevision.id)
        ).all()
        assert [(r.title, r.is_correction) for r in revisions] == [
            ("Kari leser med Emma", False),
            ("Kari leser med Emma hver dag", True),
        ]
        assert seeded.get(Measure, measure_id).title == "Ny tekst"

    def test_evaluations_accumulate_and_ending_greys_the_measure(self, seeded, people, logs):
        kari, log_id = people["kari"], logs["emma"].id
        goal = plan_for(seeded, kari, log_id, "nb").concerns[0].goals[0].goal_id
        measure_id = plan_edit.add_measure(seeded, kari, log_id, measure_form(kari), goal_id=goal)
        next_date = (TODAY + timedelta(days=14)).isoformat()
        plan_edit.evaluate_measure(
            seeded,
            kari,
            log_id,
            {
                "result": "red",
                "outcome": "adjust",
                "text": "For lite tid",
                "evaluated_on": TODAY.isoformat(),
                "next_evaluation_date": next_date,
            },
            measure_id=measure_id,
        )
        assert seeded.get(Measure, measure_id).evaluation_date.isoformat() == next_date
        plan_edit.evaluate_measure(
            seeded,
            kari,
            log_id,
            {"result": "green", "outcome": "end", "text": "Målet er nådd", "evaluated_on": TODAY.isoformat()},
            measure_id=measure_id,
        )
        results = seeded.exec(
            select(Evaluation.result).where(Evaluation.measure_id == measure_id).order_by(Evaluation.id)
        ).all()
        assert list(results) == ["red", "green"]
        view = next(
            m
            for c in plan_for(seeded, kari, log_id, "nb").concerns
            for g in c.goals
            for m in g.measures
            if m.measure_id == measure_id
        )
        assert view.badge == "ended" and view.ended and not view.can_evaluate
        with pytest.raises(ValidationFailed):
            plan_edit.evaluate_measure(
                seeded,
                kari,
                log_id,
                {"result": "green", "outcome": "end", "text": "x", "evaluated_on": TODAY.isoformat()},
                measure_id=measure_id,
            )

    def test_passive_log_refuses_changes(self, seeded, people, logs):
        with pytest.raises(PermissionDenied):
            plan_edit.add_concern(seeded, people["siri"], logs["sara"].id, {"text": "x", "category": "other"})


class TestConsentAndLifecycle:
    def test_participant_not_named_waits_for_a_new_consent(self, seeded, people, logs):
        kari, anders, log_id = people["kari"], people["anders"], logs["emma"].id
        assert (
            participation.add_participant(seeded, kari, log_id, anders.id, LogRole.ACTOR)
            == participation.Added.PROPOSED
        )
        assert (
            participation.add_participant(seeded, kari, log_id, anders.id, LogRole.ACTOR)
            == participation.Added.PROPOSED
        )

        def anders_roles():
            return seeded.exec(
                select(Participant.role).where(Participant.log_id == log_id, Participant.person_id == anders.id)
            ).all()

        assert anders_roles() == []
        assert [(p.person_id, p.role) for p in participation.open_proposals(seeded, log_id)] == [(anders.id, "actor")]
        plan = plan_for(seeded, people["lise"], log_id, "nb")
        assert plan.can_consent and plan.consent.proposals == ["Anders Lie (Aktør)"]
        assert participation.consent_to_proposals(seeded, people["lise"], log_id) == 2
        assert anders_roles() == ["actor"]
        assert participation.open_proposals(seeded, log_id) == []
        named = participation.consent_record(seeded, log_id).named
        assert (anders.id, LogRole.ACTOR) in named and (people["mona"].id, LogRole.ACTOR) in named

    def test_named_participant_is_added_at_once(self, seeded, people, logs):
        log_id = logs["emma"].id
        participation.give_consent(seeded, people["lise"], log_id, [(people["per"].id, LogRole.READER)])
        assert (
            participation.add_participant(seeded, people["kari"], log_id, people["per"].id, LogRole.READER)
            == participation.Added.ADDED
        )

    def test_other_services_are_found_only_from_level_two(self, seeded, people, logs):
        at_level_1 = {p.first_name for p in participation.addable_staff(seeded, logs["noah"].id)}
        assert at_level_1 == set()  # Ingrid is the kindergarten's only staff member, and she holds the log
        at_level_2 = {p.first_name for p in participation.addable_staff(seeded, logs["emma"].id)}
        assert {"Anders", "Per", "Ingrid", "Tor"} <= at_level_2 and "Kari" not in at_level_2
        with pytest.raises(ValidationFailed):
            participation.add_participant(seeded, people["ingrid"], logs["noah"].id, people["anders"].id, LogRole.ACTOR)

    def test_only_the_holder_adds_participants(self, seeded, people, logs):
        with pytest.raises(PermissionDenied):
            participation.add_participant(seeded, people["lise"], logs["emma"].id, people["anders"].id, LogRole.ACTOR)

    def test_only_the_family_gives_consent(self, seeded, people, logs):
        for who, log in (("kari", "emma"), ("emma", "emma")):
            with pytest.raises(PermissionDenied):
                participation.give_consent(seeded, people[who], logs[log].id, [])
        assert participation.give_consent(seeded, people["jonas"], logs["jonas"].id, []) == 2

    def test_draft_activates_only_with_consent(self, seeded, people, logs):
        siri, oskar = people["siri"], logs["oskar"]
        with pytest.raises(ConsentRequired):
            participation.activate(seeded, siri, oskar.id)
        guardian = people["nina"]
        seeded.add(Participant(log_id=oskar.id, person_id=guardian.id, role=LogRole.GUARDIAN, added_at=utcnow()))
        participation.give_consent(seeded, guardian, oskar.id, [(siri.id, LogRole.HOLDER)])
        participation.activate(seeded, siri, oskar.id, level=1)
        assert seeded.get(type(oskar), oskar.id).status == "active"

    def test_withdrawing_consent_closes_the_log_at_once(self, seeded, people, logs):
        log_id = logs["emma"].id
        participation.withdraw_consent(seeded, people["ola"], log_id)
        assert seeded.get(type(logs["emma"]), log_id).status == "passive"
        plan = plan_for(seeded, people["kari"], log_id, "nb")
        assert plan.is_read_only and not plan.consent.on_record and not plan.can_edit_plan

    def test_closing_needs_a_note(self, seeded, people, logs):
        with pytest.raises(ValidationFailed):
            participation.close(seeded, people["kari"], logs["jonas"].id, " ")
        participation.close(seeded, people["kari"], logs["jonas"].id, "Målene er nådd.")
        assert seeded.get(type(logs["jonas"]), logs["jonas"].id).status == "passive"


class TestEditingConcernsAndGoals:
    def test_holder_edits_and_marks_reached(self, seeded, people, logs):
        kari, log_id = people["kari"], logs["emma"].id
        plan = plan_for(seeded, kari, log_id, "nb")
        concern_id, goal_id = plan.concerns[0].concern_id, plan.concerns[0].goals[0].goal_id
        plan_edit.edit_concern(
            seeded, kari, log_id, {"text": "Emma kommer for sent", "category": "absence"}, concern_id=concern_id
        )
        plan_edit.edit_goal(seeded, kari, log_id, {"text": "Emma er på skolen 08.15"}, goal_id=goal_id)
        plan_edit.set_goal_reached(seeded, kari, log_id, goal_id=goal_id, reached=True)
        plan = plan_for(seeded, kari, log_id, "nb")
        assert plan.concerns[0].text == "Emma kommer for sent"
        assert plan.concerns[0].goals[0].text == "Emma er på skolen 08.15" and plan.concerns[0].goals[0].reached

    def test_others_cannot_edit(self, seeded, people, logs):
        plan = plan_for(seeded, people["kari"], logs["emma"].id, "nb")
        goal_id = plan.concerns[0].goals[0].goal_id
        with pytest.raises(PermissionDenied):
            plan_edit.set_goal_reached(seeded, people["lise"], logs["emma"].id, goal_id=goal_id, reached=True)
        with pytest.raises(PermissionDenied):  # Kari holds Jonas's log too, but the goal is not in it
            plan_edit.edit_goal(seeded, people["kari"], logs["jonas"].id, {"text": "x"}, goal_id=goal_id)
        with pytest.raises(ValidationFailed):
            plan_edit.edit_concern(
                seeded,
                people["kari"],
                logs["emma"].id,
                {"text": "", "category": "absence"},
                concern_id=plan.concerns[0].concern_id,
            )


class TestGlimmers:
    def test_anyone_but_readers_writes_and_the_child_sees_first_names(self, seeded, people, logs):
        log_id = logs["emma"].id
        plan_edit.add_glimmer(seeded, people["emma"], log_id, {"text": "Jeg lekte med Sara!"})
        plan_edit.add_glimmer(seeded, people["siri"], log_id, {"text": "Emma smilte hele timen."})
        plan = plan_for(seeded, people["emma"], log_id, "nb", Action.VIEW_LOG)  # her own page asks only this
        assert [(g.author, g.text) for g in glimmers_of(seeded, log_id, "nb")[:2]] == [
            ("Siri", "Emma smilte hele timen."),
            ("Emma", "Jeg lekte med Sara!"),
        ]
        assert plan.can_write_glimmer

    def test_refusals(self, seeded, people, logs):
        with pytest.raises(PermissionDenied):
            plan_edit.add_glimmer(seeded, people["per"], logs["emma"].id, {"text": "Hei"})
        with pytest.raises(PermissionDenied):  # closed log
            plan_edit.add_glimmer(seeded, people["nina"], logs["sara"].id, {"text": "Hei"})
        with pytest.raises(ValidationFailed):
            plan_edit.add_glimmer(seeded, people["lise"], logs["emma"].id, {"text": "x" * 281})


def test_the_newest_lysglimt_are_read_through_the_index_not_sorted_whole(sqlite_url):
    # Every log page shows the newest twenty: a log with years of them hands over twenty rows.
    engine = make_engine(sqlite_url)
    read: list[tuple[str, tuple]] = []

    def record(_conn, _cursor, statement, params, _context, _executemany) -> None:
        if "FROM glimmer" in statement:
            read.append((statement, params))

    event.listen(engine, "before_cursor_execute", record)
    with Session(engine) as session:
        glimmers_of(session, 1, "nb")
    event.remove(engine, "before_cursor_execute", record)
    with engine.connect() as connection:
        plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {read[0][0]}", read[0][1]).all()
    engine.dispose()
    steps = " / ".join(step[-1] for step in plan)
    assert "ix_glimmer_log_id_created_at" in steps and "TEMP B-TREE" not in steps, steps
