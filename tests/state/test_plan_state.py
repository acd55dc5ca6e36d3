"""Event handlers of the plan page, called the way a browser would call them, crafted calls included."""

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from stafett_app import db
from stafett_app.domain.dates import today_in_norway
from stafett_app.i18n import translate
from stafett_app.models import AccessAttempt, AccessLogEntry, Comment, Concern, Evaluation, Measure
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.plan.state import PlanState
from stafett_app.services.auth import set_language

EMMA_LOG, JONAS_LOG = "1", "2"


def count(model, *where) -> int:
    with Session(db.engine()) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def redirect_path(event) -> str | None:
    """The path of an rx.redirect event spec, or None."""
    if event is None:
        return None
    args = {str(k): str(v) for k, v in getattr(event, "args", ())}
    return next((v.strip('"') for k, v in args.items() if k.strip('"') == "path"), None)


async def plan_state(root) -> PlanState:
    return await root.get_state(PlanState)


@pytest.mark.asyncio
async def test_holder_loads_plan(sign_in):
    state = await plan_state(sign_in("Kari", log_id=EMMA_LOG))
    assert await state.load() is None
    assert state.loaded and state.plan.child_first_name == "Emma" and state.plan.can_edit_plan
    assert state.person_name == "Kari Nilsen"


@pytest.mark.asyncio
async def test_a_fresh_tab_shows_the_plan_in_the_persons_own_language_and_records_one_opening(sign_in, person_id):
    """The person, the header and the page come from one database trip; when the tab still shows
    another language than the person's, the page is read again in theirs, and opened once."""
    with Session(db.engine()) as session:
        set_language(session, person_id("Kari"), "nn")
        session.commit()
    kari = AccessLogEntry.person_id == person_id("Kari")
    before = count(AccessLogEntry, kari)
    state = await plan_state(sign_in("Kari", log_id=EMMA_LOG))
    assert state.lang == "nb"
    assert redirect_path(await state.load()) is None
    assert state.lang == "nn" and state.plan.glimmer_placeholder == translate("nn", "glimmer.placeholder", name="Emma")
    assert count(AccessLogEntry, kari) == before + 1


@pytest.mark.asyncio
async def test_a_tab_filled_for_someone_else_is_cleared_before_the_page_is_read(sign_in, person_id):
    """Nothing of the person before reaches the page: here the key that makes a double tap on the
    family's consent confirm once."""
    state = await sign_in("Lise", log_id=EMMA_LOG).get_state(FamilyState)
    state._owner_id, state._confirm_key = person_id("Kari"), "kari-key"
    assert redirect_path(await state.load()) is None
    assert state.loaded and state._owner_id == person_id("Lise")
    assert state._confirm_key not in ("", "kari-key")


@pytest.mark.asyncio
async def test_unrelated_teacher_is_sent_to_no_access_and_recorded(sign_in, person_id):
    state = await plan_state(sign_in("Per", log_id=EMMA_LOG))
    before = count(AccessAttempt, AccessAttempt.person_id == person_id("Per"))
    assert redirect_path(await state.load()) == "/no-access"
    assert not state.loaded and state.plan.child_first_name == ""
    assert count(AccessAttempt, AccessAttempt.person_id == person_id("Per")) == before + 1


@pytest.mark.asyncio
async def test_the_page_load_fills_the_meetings_panel_and_empties_it_on_a_refusal(sign_in):
    """One on_load for the page: the plan's load also reads the meetings panel (MinutesState), in the
    same session; a log the person may not see leaves the panel empty, not showing the last log's."""
    from stafett_app.pages.plan.minutes_state import MinutesState

    root = sign_in("Kari", log_id=EMMA_LOG)
    state, panel = await plan_state(root), await root.get_state(MinutesState)
    assert await state.load() is None
    assert panel.rows and all(row.meeting_id for row in panel.rows)
    assert panel.secretary_options  # the holder may choose a secretary
    assert state.glimmers
    root.rx_router_page = root.rx_router_page.__class__(params={"log_id": "999999"})
    assert redirect_path(await state.load()) == "/no-access"
    assert panel.rows == [] and panel.secretary_options == []
    assert state.glimmers == [] and state.plan.child_first_name == ""


@pytest.mark.asyncio
async def test_a_load_that_fails_leaves_the_page_not_loaded(sign_in, monkeypatch):
    """`loaded` is set once, at the end of a load: a refused or failing load after one that went
    through leaves the page showing that it has not loaded, not the log before."""
    from reflex.istate.data import PageData

    root = sign_in("Kari", log_id=EMMA_LOG)
    state = await plan_state(root)
    assert await state.load() is None and state.loaded
    root.rx_router_page = PageData(params={"log_id": "99999"})
    assert redirect_path(await state.load()) == "/no-access"
    assert not state.loaded
    root.rx_router_page = PageData(params={"log_id": EMMA_LOG})
    assert await state.load() is None and state.loaded

    def broken(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("stafett_app.pages.plan.state.plan_for", broken)
    with pytest.raises(RuntimeError):
        await state.load()
    assert not state.loaded


@pytest.mark.asyncio
async def test_loading_an_unchanged_log_again_sends_nothing_of_it(sign_in):
    """Every var assigned goes to the browser, equal or not: a second load of the plan page on an
    unchanged log sends nothing of the page (the navigation's answer is Reflex's is_hydrated), and of
    its timeline tab only `loaded` (the tab's answer), not the entries."""
    from stafett_app.pages.plan.minutes_state import MinutesState
    from stafett_app.pages.plan.timeline_state import TimelineState

    root = sign_in("Kari", log_id=EMMA_LOG)
    state, panel, timeline = (
        await plan_state(root),
        await root.get_state(MinutesState),
        await root.get_state(TimelineState),
    )
    assert await state.load() is None
    await timeline.load()
    assert panel.rows and timeline.entries
    root._clean()
    assert await state.load() is None
    await timeline.load()
    sent = lambda s: {name for name in s.dirty_vars if not name.startswith("_")}  # noqa: E731 - backend vars stay
    assert not sent(state) and not sent(panel) and sent(timeline) == {"loaded"}


@pytest.mark.asyncio
async def test_a_lysglimt_written_sends_the_lysglimt_not_the_plan(sign_in):
    """The lysglimt are a var of their own: the plan view (16 KB on the demo log) stays as it was."""
    root = sign_in("Kari", log_id=EMMA_LOG)
    state = await plan_state(root)
    assert await state.load() is None
    plan = state.plan
    root._clean()
    await state.add_glimmer({"text": "Emma lo hele dagen"})
    assert {name for name in state.dirty_vars if not name.startswith("_")} == {"glimmers"}
    assert state.glimmers[0].text == "Emma lo hele dagen" and state.plan == plan


@pytest.mark.asyncio
async def test_signed_out_is_sent_to_sign_in(sign_in):
    state = await plan_state(sign_in(None, log_id=EMMA_LOG))
    assert redirect_path(await state.load()) == "/"


@pytest.mark.asyncio
async def test_adding_a_concern_through_the_form(sign_in):
    state = await plan_state(sign_in("Kari", log_id=EMMA_LOG))
    await state.load()
    await state.open_form("concern")
    assert state.form_open and state.form_kind == "concern"
    await state.submit_form({"text": "Emma glemmer gymtøyet", "category": "other", "shared_understanding": ""})
    assert not state.form_open and state.form_errors == {}
    assert "Emma glemmer gymtøyet" in [c.text for c in state.plan.concerns]


@pytest.mark.asyncio
async def test_invalid_input_keeps_what_was_typed(sign_in):
    state = await plan_state(sign_in("Kari", log_id=EMMA_LOG))
    await state.load()
    goal_id = state.plan.concerns[0].goals[0].goal_id
    await state.open_form("measure", goal_id)
    typed = {
        "title": "Mona leser med Emma",
        "description": "Hver dag",
        "arena": "service",
        "responsible_id": state.form_values["responsible_id"],
        "start_date": "2026-12-10",
        "evaluation_date": "2026-12-01",
    }
    await state.submit_form(typed)
    assert state.form_open
    assert state.form_errors == {"evaluation_date": "Evalueringsdatoen må komme etter startdatoen."}
    assert state.form_values["title"] == "Mona leser med Emma" and state.form_values["description"] == "Hver dag"


@pytest.mark.asyncio
async def test_guardian_cannot_open_a_plan_form_into_a_change(sign_in):
    state = await plan_state(sign_in("Lise", log_id=EMMA_LOG))
    await state.load()
    before = count(Concern)
    await state.open_form("concern")  # a crafted event: the button is not even shown to her
    await state.submit_form({"text": "Lagt til av foresatt", "category": "other"})
    assert count(Concern) == before and not state.form_open


@pytest.mark.asyncio
async def test_crafted_call_with_another_logs_id_is_refused(sign_in, person_id):
    """Lise may comment in Emma's log; a measure id from Jonas's log must not let her in there."""
    with Session(db.engine()) as session:
        jonas_measure = session.exec(select(Measure.id).where(Measure.title.startswith("Anders snakker"))).one()
    state = await plan_state(sign_in("Lise", log_id=EMMA_LOG))
    await state.load()
    before_comments = count(Comment, Comment.measure_id == jonas_measure)
    before_refusals = count(AccessAttempt, AccessAttempt.person_id == person_id("Lise"))
    await state.open_form("comment", jonas_measure)
    await state.submit_form({"text": "Hei fra feil logg"})
    assert count(Comment, Comment.measure_id == jonas_measure) == before_comments
    assert count(AccessAttempt, AccessAttempt.person_id == person_id("Lise")) == before_refusals + 1


@pytest.mark.asyncio
async def test_client_set_vars_do_not_grant_rights(sign_in):
    """Public vars can be set by any browser (setvar); the server never trusts them."""
    state = await plan_state(sign_in("Lise", log_id=EMMA_LOG))
    await state.load()
    measure_id = state.plan.concerns[0].goals[0].measures[0].measure_id
    state.plan.can_edit_plan = True
    state.form_kind = "evaluate"
    before = count(Evaluation, Evaluation.measure_id == measure_id)
    await state.open_form("comment", measure_id)
    state.form_kind = "evaluate"  # only the backend-only _form_kind decides what submit does
    await state.submit_form(
        {"result": "green", "outcome": "end", "text": "x", "evaluated_on": today_in_norway().isoformat()}
    )
    assert count(Evaluation, Evaluation.measure_id == measure_id) == before
    assert count(Comment, Comment.text == "x") == 1


@pytest.mark.asyncio
async def test_evaluating_green_updates_the_badge(sign_in):
    state = await plan_state(sign_in("Kari", log_id=EMMA_LOG))
    await state.load()
    measure = next(m for c in state.plan.concerns for g in c.goals for m in g.measures if m.badge == "overdue")
    await state.open_form("evaluate", measure.measure_id)
    today = today_in_norway()
    await state.submit_form(
        {
            "result": "green",
            "outcome": "continue",
            "text": "Det går fint",
            "participants_text": "Lise, Kari",
            "evaluated_on": today.isoformat(),
            "next_evaluation_date": (today + timedelta(days=14)).isoformat(),
        }
    )
    assert state.form_errors == {}
    updated = next(
        m for c in state.plan.concerns for g in c.goals for m in g.measures if m.measure_id == measure.measure_id
    )
    assert updated.badge == "green" and updated.history[-1] == "green"


@pytest.mark.asyncio
async def test_my_logs_state(sign_in):
    root = sign_in("Tor")
    state = await root.get_state(MyLogsState)
    await state.load()
    # Åsen skole's and, as he leads it too, Solsikken barnehage's active logs.
    assert state.rows == [] and {r.child_first_name for r in state.unit_rows} == {"Emma", "Jonas", "Noah", "Liam"}
    # The closed logs kept apart: Sara's (goals reached) and Ida's (consent withdrawn).
    assert {r.child_first_name for r in state.unit_passive_rows} == {"Ida", "Sara"}
    assert state.unit_has_closed_cards  # "not a participant" is said once, above the list


@pytest.mark.asyncio
async def test_adding_an_unnamed_participant_asks_the_family(sign_in, person_id):
    from stafett_app.models import Participant

    holder = await plan_state(sign_in("Kari", log_id=EMMA_LOG))
    await holder.load()
    await holder.open_form("participant")
    assert "Per Hansen" in [p.name for p in holder.participant_options]
    await holder.submit_form({"person_id": str(person_id("Per")), "role": "reader"})
    assert holder.form_open and "nytt samtykke" in holder.form_errors["_form"]
    assert count(Participant, Participant.person_id == person_id("Per")) == 0

    guardian = await plan_state(sign_in("Lise", log_id=EMMA_LOG))
    await guardian.load()
    assert guardian.plan.can_consent and guardian.plan.consent.proposals == ["Per Hansen (Leser)"]
    await guardian.give_consent()
    assert count(Participant, Participant.person_id == person_id("Per")) == 1
    assert guardian.plan.consent.version == 2 and guardian.plan.consent.proposals == []


@pytest.mark.asyncio
async def test_guardian_cannot_add_participants(sign_in, person_id):
    from stafett_app.models import ParticipantProposal

    state = await plan_state(sign_in("Lise", log_id=EMMA_LOG))
    await state.load()
    await state.open_form("participant")
    from stafett_app.forms.registry import FORMS, FormTarget, Opened

    state._show_form(FORMS["participant"], FormTarget(int(EMMA_LOG)), Opened())  # as if forced open
    await state.submit_form({"person_id": str(person_id("Per")), "role": "reader"})
    assert count(ParticipantProposal) == 0


@pytest.mark.asyncio
async def test_writing_help_for_staff_only(sign_in):
    state = await plan_state(sign_in("Kari", log_id=EMMA_LOG))
    await state.load()
    await state.open_form("goal", state.plan.concerns[0].concern_id)
    await state.check_writing("text", "Man skal ringe PPT snarest.")
    hints = state.writing_hints["text"]
    assert any("pedagogisk-psykologisk tjeneste" in h for h in hints) and any("snarest" in h for h in hints)
    assert any("presens" in h for h in hints)
    assert [row.status for row in state.smart_items][2:4] == ["ask", "ask"]
    await state.check_writing("text", "Emma kommer på skolen klokka 08.15 alle dager.")
    assert state.writing_hints["text"] == []
    guardian = await plan_state(sign_in("Lise", log_id=EMMA_LOG))
    await guardian.load()
    await guardian.open_form("comment", guardian.plan.concerns[0].goals[0].measures[0].measure_id)
    await guardian.check_writing("text", "Man bør ringe snarest.")
    assert guardian.writing_hints == {}


@pytest.mark.asyncio
async def test_upload_dialogs_open_only_for_those_who_may_upload(sign_in):
    """Finding: the photo and attachment dialogs opened for anyone (the upload was checked, the
    dialog was not). A guardian's crafted open is refused and no dialog opens."""
    state = await plan_state(sign_in("Lise", log_id=EMMA_LOG))
    await state.load()
    measure_id = state.plan.concerns[0].goals[0].measures[0].measure_id
    await state.open_form("photo", measure_id, 0)
    assert not state.form_open
    kari = await plan_state(sign_in("Kari", log_id=EMMA_LOG))
    await kari.load()
    await kari.open_form("photo", measure_id, 0)
    assert kari.form_open and kari.form_kind == "photo"
    await kari.open_form("attachment", 999_999, 0)  # no such note in this log
    assert kari.form_kind == "photo"  # the refused open changed nothing
