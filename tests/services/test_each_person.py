"""Issue 14 against a real database: where people land, how the plan speaks to them, what a closed
log still promises, what the summary counts, and who can carry a measure in each arena."""

import pytest

from stafett_app import routes
from stafett_app.domain.errors import ValidationFailed
from stafett_app.services import plan_edit
from stafett_app.services.family_view import family_view
from stafett_app.services.log_list import first_page
from stafett_app.services.plan_view import plan_for
from stafett_app.services.timeline import timeline_of
from tests.services.test_plan_services import measure_form


def test_people_with_one_log_of_their_own_land_on_it(seeded, people, logs):
    assert first_page(seeded, people["lise"]) == routes.family(logs["emma"].id)
    assert first_page(seeded, people["jonas"]) == routes.family(logs["jonas"].id)
    assert first_page(seeded, people["emma"]) == routes.child(logs["emma"].id)
    assert first_page(seeded, people["kari"]) == routes.MY_LOGS  # staff keep their list
    assert first_page(seeded, people["tor"]) == routes.MY_LOGS  # a leader has the unit's list too


def test_young_person_is_spoken_to_as_du(seeded, people, logs):
    plan = plan_for(seeded, people["jonas"], logs["jonas"].id, "nb")
    view = family_view(plan, people["jonas"].id, "nb")
    assert view.consent_heading == "Samtykket ditt" and view.consent_text.startswith("Du bestemmer")
    assert "du" in view.withdraw_text and "dere" not in view.withdraw_text
    assert view.child_page_label == ""  # the picture page is for children under 15
    assert "barnet" not in view.glimmer_intro
    guardian = family_view(plan_for(seeded, people["lise"], logs["emma"].id, "nb"), people["lise"].id, "nb")
    assert guardian.consent_heading == "Samtykket deres" and guardian.child_page_label


def test_a_closed_log_promises_no_dates_and_counts_ended_measures(seeded, people, logs):
    plan = plan_for(seeded, people["siri"], logs["sara"].id, "nb")
    measures = [m for c in plan.concerns for g in c.goals for m in g.measures]
    assert measures and all(m.evaluation_date == "" and m.evaluation_relative == "" for m in measures)
    assert plan.green == 1 and plan.concerns[0].green == 1  # the ended measure worked
    assert not plan.can_call_meeting


def test_a_draft_calls_no_meeting(seeded, people, logs):
    assert not plan_for(seeded, people["siri"], logs["oskar"].id, "nb").can_call_meeting
    assert plan_for(seeded, people["kari"], logs["emma"].id, "nb").can_call_meeting


def test_the_lysglimt_example_names_the_log_s_child(seeded, people, logs):
    plan = plan_for(seeded, people["ingrid"], logs["noah"].id, "nb")
    assert "Noah" in plan.glimmer_placeholder and "Emma" not in plan.glimmer_placeholder


def test_guardian_sees_comments_on_her_steps(seeded, people, logs):
    plan = plan_for(seeded, people["lise"], logs["emma"].id, "nb")
    step = family_view(plan, people["lise"].id, "nb").groups[0].steps[0]
    plan_edit.add_comment(seeded, people["lise"], logs["emma"].id, {"text": "Det går fint"}, measure_id=step.measure_id)
    seeded.commit()
    plan = plan_for(seeded, people["lise"], logs["emma"].id, "nb")
    step = next(
        s for g in family_view(plan, people["lise"].id, "nb").groups for s in g.steps if s.measure_id == step.measure_id
    )
    assert [c.text for c in step.comments][-1] == "Det går fint"


def test_red_evaluations_are_red_in_the_timeline(seeded, logs):
    entries = timeline_of(seeded, logs["emma"].id, "nb", "evaluation")
    assert {e.tone for e in entries} == {"green", "red"}
    assert all(e.tone == "red" for e in entries if "virket ikke" in e.text)


def test_responsible_people_follow_the_arena(seeded, people, logs):
    options = {row.name: row.arenas for row in plan_edit.responsible_options(seeded, people["kari"], logs["emma"].id)}
    assert options["Lise Andersen"] == ["home"] and options["Emma Andersen"] == ["child"]
    assert options["Kari Nilsen"] == ["service"]
    goal = plan_for(seeded, people["kari"], logs["emma"].id, "nb").concerns[0].goals[0].goal_id
    with pytest.raises(ValidationFailed) as refused:  # staff cannot carry a home measure
        plan_edit.add_measure(
            seeded, people["kari"], logs["emma"].id, measure_form(people["kari"], arena="home"), goal_id=goal
        )
    assert "responsible_id" in refused.value.errors
    plan_edit.add_measure(
        seeded, people["kari"], logs["emma"].id, measure_form(people["lise"], arena="home"), goal_id=goal
    )
