"""Ids from a crafted event: beyond 64 bits, negative, text or a boolean are refused in one place
(`state/ids.py`) with the usual notice, never an exception (which the database would raise: #9.10)."""

import inspect

import pytest
from reflex.state import BaseState, State

from stafett_app.pages.calendar.state import CalendarState
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.messages.state import MessagesState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.plan.export_state import ExportState
from stafett_app.pages.plan.minutes_state import MinutesState
from stafett_app.pages.plan.state import PlanState
from stafett_app.state.ids import CHECKED_MARK, is_id_parameter

NOT_IDS = [2**70, 2**63, -(2**70), -1, "x", "12a", True, 1.5, None, {"id": 1}]


def _states(cls: type[BaseState]) -> list[type[BaseState]]:
    found = [cls]
    for sub in cls.get_substates():
        found += _states(sub)
    return found


def _handlers_with_ids() -> list[tuple[type[BaseState], str, list[str]]]:
    found = []
    for cls in _states(State):
        if not cls.__module__.startswith("stafett_app."):
            continue
        for name, handler in cls.event_handlers.items():
            ids = [p for p in inspect.signature(handler.fn).parameters if is_id_parameter(p)]
            if ids:
                found.append((cls, name, ids))
    return found


def test_every_handler_with_an_id_argument_checks_it():
    found = _handlers_with_ids()
    assert len(found) >= 15  # the plan's forms, goals, meetings, messages, handovers, admin...
    unchecked = [
        f"{cls.__name__}.{name}"
        for cls, name, _ in found
        if not getattr(cls.event_handlers[name].fn, CHECKED_MARK, False)
    ]
    assert unchecked == []


CALLS = [
    (PlanState, lambda s, bad: s.open_form("measure", bad)),
    (PlanState, lambda s, bad: s.open_form("goal", 0, bad)),
    (PlanState, lambda s, bad: s.set_goal_reached(bad, True)),
    (FamilyState, lambda s, bad: s.confirm_consent(bad)),
    (MyLogsState, lambda s, bad: s.accept_handover(bad)),
    (MyLogsState, lambda s, bad: s.open_answer("handover", bad)),
    (MyLogsState, lambda s, bad: s.open_leader_handover(bad)),
    (MinutesState, lambda s, bad: s.open_editor(bad)),
    (MinutesState, lambda s, bad: s.cancel_meeting(bad)),
    (MessagesState, lambda s, bad: s.open_conversation(bad)),
    (MessagesState, lambda s, bad: s.begin_correction(bad)),
    (CalendarState, lambda s, bad: s.respond(bad, "yes")),
    (ExportState, lambda s, bad: s.start(1, [1, bad])),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("state_class", "call"), CALLS)
async def test_a_crafted_id_is_refused_not_an_error(sign_in, state_class, call):
    state = await sign_in("Kari", log_id="1").get_state(state_class)
    if hasattr(state, "load"):
        await state.load()
    for bad in NOT_IDS:
        result = call(state, bad)
        if inspect.isawaitable(result):
            result = await result
        assert result is not None, bad  # the refusal notice, and no exception


@pytest.mark.asyncio
async def test_a_valid_id_still_reaches_the_handler(sign_in):
    state = await sign_in("Kari", log_id="1").get_state(PlanState)
    await state.load()
    goal_id = state.plan.concerns[0].goals[0].goal_id
    await state.open_form("measure", str(goal_id))  # digits as text, as a form sends them, are an id too
    assert state.form_open and state.form_kind == "measure"


@pytest.mark.asyncio
@pytest.mark.parametrize("route_id", [str(2**70), "-1", "1e3", "x"])
async def test_a_log_address_beyond_64_bits_is_no_access(sign_in, route_id):
    state = await sign_in("Kari", log_id=route_id).get_state(PlanState)
    assert await state.load() is not None and not state.loaded  # to the no-access page, no exception
