"""The leader page's state: a leader sees their own unit, others are sent away, and crafted
sort, filter and page values fall back to the defaults."""

import pytest

from stafett_app.domain.leadership import PAGE_SIZE
from stafett_app.pages.leader.state import LeaderState
from tests.state.test_plan_state import redirect_path


async def leader_state(root) -> LeaderState:
    return await root.get_state(LeaderState)


@pytest.mark.asyncio
async def test_the_leader_sees_the_figures_and_the_first_page(sign_in):
    state = await leader_state(sign_in("Marte"))
    assert await state.load() is None and state.loaded
    assert state.unit_names == "Elvdal ungdomsskole"
    assert state.active_logs == sum(row.count for row in state.by_level) == 56
    assert state.without_holder == 4 and len(state.without_holder_list) == 4
    assert state.refusals == 3
    assert [row.label for row in state.by_level] == ["Nivå 1", "Nivå 2", "Nivå 3"]
    assert state.total == 60 and state.pages == 3 and len(state.rows) == PAGE_SIZE
    assert {row.child for row in state.rows} <= {
        "Aksel", "Alva", "Birk", "Dina", "Eirik", "Frida", "Gard", "Hedda", "Isak", "Julie", "Kasper", "Lea",
        "Magnus", "Nora", "Oliver", "Pia", "Rasmus", "Selma", "Theo", "Tiril", "Ulrik", "Vilde", "Wilmer", "Ylva",
    }  # fmt: skip


@pytest.mark.asyncio
async def test_turning_the_page_sends_the_list_and_not_the_figures_again(sign_in):
    """Every var assigned goes to the browser: the next page of the list sends its rows and page
    number, not the unchanged figures and charts above it."""
    root = sign_in("Marte")
    state = await leader_state(root)
    await state.load()
    root._clean()
    await state.next_page()
    assert {name for name in state.dirty_vars if not name.startswith("_")} == {"rows", "page"}


@pytest.mark.asyncio
async def test_the_other_leader_sees_only_her_unit(sign_in):
    state = await leader_state(sign_in("Tor"))
    await state.load()
    assert state.unit_names == "Åsen skole"
    assert {row.child for row in state.rows} == {"Emma", "Ida", "Jonas", "Sara"}  # Ida: the relay seed
    assert state.total == 4


@pytest.mark.asyncio
@pytest.mark.parametrize("who", ["Per", "Kari", "Lise", "Jonas"])
async def test_a_non_leader_is_sent_to_no_access(sign_in, who):
    state = await leader_state(sign_in(who))
    assert redirect_path(await state.load()) == "/no-access"
    assert not state.loaded and state.rows == [] and state.total == 0
    # The handlers check again: a crafted event gets nothing either.
    assert redirect_path(await state.sort_by("child")) == "/no-access"
    assert redirect_path(await state.next_page()) == "/no-access"
    assert state.rows == []


@pytest.mark.asyncio
async def test_signed_out_goes_to_sign_in(sign_in):
    state = await leader_state(sign_in(None))
    assert redirect_path(await state.load()) == "/"
    assert redirect_path(await state.filter_status("active")) == "/"


@pytest.mark.asyncio
async def test_sorting_filtering_and_paging(sign_in):
    state = await leader_state(sign_in("Marte"))
    await state.load()
    await state.sort_by("overdue")
    assert state.sort == "overdue" and not state.descending
    await state.sort_by("overdue")  # the same column again: the other way
    assert state.descending and state.rows[0].overdue >= state.rows[-1].overdue
    await state.filter_holder("missing")
    # The four active ones the dashboard counts, and one closed log.
    assert state.total == 5 and all(row.holder == "" for row in state.rows)
    await state.filter_holder("all")
    await state.filter_status("passive")
    assert state.total == 4 and {row.status for row in state.rows} == {"passive"}
    await state.filter_status("all")
    await state.filter_level("2")
    assert state.rows and {row.level for row in state.rows} == {2}
    await state.filter_level("all")
    await state.next_page()
    await state.next_page()
    assert state.page == 2 and len(state.rows) == 60 - 2 * PAGE_SIZE
    await state.next_page()  # past the end: stays on the last page
    assert state.page == 2 and len(state.rows) == 60 - 2 * PAGE_SIZE
    await state.previous_page()
    assert state.page == 1


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("handler", "value"),
    [
        ("sort_by", "national_id_encrypted"),
        ("sort_by", "id desc; DROP TABLE person"),
        ("filter_status", "draft"),
        ("filter_status", "x' OR '1'='1"),
        ("filter_level", "0"),
        ("filter_level", "9"),
        ("filter_holder", "someone"),
    ],
)
async def test_crafted_values_fall_back_safely(sign_in, handler, value):
    state = await leader_state(sign_in("Marte"))
    await state.load()
    assert await getattr(state, handler)(value) is None
    assert (state.sort, state.status_filter, state.level_filter, state.holder_filter) == (
        "next_evaluation",
        "all",
        "all",
        "all",
    )
    assert state.total == 60


@pytest.mark.asyncio
async def test_a_crafted_page_var_is_clamped(sign_in):
    state = await leader_state(sign_in("Marte"))
    await state.load()
    state.page = 10_000  # as if the browser set the var itself
    await state.previous_page()
    assert state.page == 2 and len(state.rows) == 60 - 2 * PAGE_SIZE


@pytest.mark.asyncio
async def test_one_load_stays_small(sign_in):
    """Everything the page's state sends on a load (the figures and one page of the list)."""
    from reflex.utils.format import json_dumps

    state = await leader_state(sign_in("Marte"))
    await state.load()
    sent = json_dumps(state.dict(include_computed=False))
    assert len(sent.encode()) < 60_000, len(sent.encode())
    assert "national_id" not in sent and "Generert" not in sent  # no identity numbers, no log content


@pytest.mark.asyncio
async def test_a_leader_of_two_units_chooses_one_and_a_crafted_unit_is_refused(sign_in):
    from sqlmodel import Session, select

    from stafett_app import db
    from stafett_app.models import AccessAttempt, Person, Unit

    state = await leader_state(sign_in("Tor"))
    await state.load()
    with Session(db.engine()) as session:
        units = {u.name: u.id for u in session.exec(select(Unit)).all()}
        tor = session.exec(select(Person).where(Person.first_name == "Tor")).one()
    assert [(c.label, c.value) for c in state.unit_choices] == [
        ("Solsikken barnehage", str(units["Solsikken barnehage"])),
        ("Åsen skole", str(units["Åsen skole"])),
    ]
    assert state.unit == str(units["Åsen skole"])  # the unit he works in comes first
    await state.choose_unit(str(units["Solsikken barnehage"]))
    assert state.unit_names == "Solsikken barnehage" and state.unit == str(units["Solsikken barnehage"])
    assert {row.child for row in state.rows} == {"Noah", "Liam"} and state.handovers_waiting == 1
    await state.next_page()  # the other handlers keep to the chosen unit
    assert {row.child for row in state.rows} == {"Noah", "Liam"}
    for crafted in (str(units["Elvdal ungdomsskole"]), "abc", "-1", "99999999999999999999999"):
        assert await state.choose_unit(crafted) is not None  # a refusal toast
        assert state.unit_names == "Solsikken barnehage" and {row.child for row in state.rows} == {"Noah", "Liam"}
    with Session(db.engine()) as session:
        recorded = session.exec(
            select(AccessAttempt).where(AccessAttempt.person_id == tor.id, AccessAttempt.action == "leader_overview")
        ).all()
    assert len(recorded) == 3  # every number that is not his unit is recorded; "abc" is no unit at all


@pytest.mark.asyncio
async def test_a_leader_of_one_unit_has_no_chooser(sign_in):
    state = await leader_state(sign_in("Marte"))
    await state.load()
    assert len(state.unit_choices) == 1
