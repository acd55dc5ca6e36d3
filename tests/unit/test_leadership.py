"""A unit leader's rights and the safe parsing of the leader list's sort, filters and page."""

import pytest

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.leadership import (
    PAGE_SIZE,
    HolderFilter,
    ListQuery,
    SortKey,
    chosen_unit,
    led_units,
    may_lead,
    page_count,
    parse_list_query,
    require_lead,
)
from stafett_app.domain.lifecycle import LogStatus


def test_a_leader_leads_the_units_they_are_linked_to_only():
    led = led_units(linked_units=[7])
    assert led == {7}
    assert may_lead(led, 7)
    assert not may_lead(led, 8)
    assert not may_lead(led, None)
    with pytest.raises(PermissionDenied):
        require_lead(led, 8)
    require_lead(led, 7)


def test_one_person_leads_several_units():
    led = led_units(linked_units=[7, 9, 7])
    assert led == {7, 9}
    assert may_lead(led, 7) and may_lead(led, 9) and not may_lead(led, 8)


@pytest.mark.parametrize(("linked", "active"), [([], True), ([7], False), ([7, 9], False)])
def test_nobody_else_leads_anything(linked, active):
    led = led_units(linked_units=linked, active=active)
    assert led == frozenset()
    assert not may_lead(led, 7)


def test_the_chosen_unit_is_one_they_lead():
    led = frozenset({9, 7})
    assert chosen_unit(led, 9) == 9
    assert chosen_unit(led, None) == 7  # the first, stable from load to load
    assert chosen_unit(led, None, home=9) == 9  # the unit they work in, first
    assert chosen_unit(led, None, home=3) == 7  # works where they do not lead
    assert chosen_unit(led, 8) == 7  # a crafted id falls back to a unit they lead, never to unit 8
    assert chosen_unit(frozenset(), 7, home=7) is None


def test_defaults():
    assert parse_list_query() == ListQuery()
    assert ListQuery().sort == SortKey.NEXT_EVALUATION and not ListQuery().descending


def test_known_values_are_taken():
    query = parse_list_query(sort="overdue", direction="desc", status="passive", level="3", holder="missing", page="2")
    assert query == ListQuery(SortKey.OVERDUE, True, LogStatus.PASSIVE, 3, HolderFilter.MISSING, 2)
    assert query.offset == 2 * PAGE_SIZE


@pytest.mark.parametrize(
    "crafted",
    [
        {"sort": "id; DROP TABLE person"},
        {"sort": "national_id_encrypted"},
        {"sort": "description"},
        {"status": "draft"},  # a draft is its author's alone, never listed for a leader
        {"status": "ACTIVE' OR 1=1"},
        {"level": "0"},
        {"level": "4"},
        {"level": "1 OR 1=1"},
        {"holder": "everyone"},
        {"page": "-3"},
        {"page": "abc"},
        {"page": None},
        {"direction": "sideways"},
    ],
)
def test_crafted_values_fall_back_to_the_defaults(crafted):
    query = parse_list_query(**crafted)
    assert query.sort in SortKey
    assert query.status in (None, LogStatus.ACTIVE, LogStatus.PASSIVE)
    assert query.level in (None, 1, 2, 3)
    assert query.page >= 0
    changed = {
        "sort": query.sort != SortKey.NEXT_EVALUATION,
        "status": query.status is not None,
        "level": query.level is not None,
        "holder": query.holder != HolderFilter.ALL,
        "page": query.page != 0,
        "direction": query.descending,
    }
    assert not any(changed.values()), changed


def test_a_huge_page_number_is_capped():
    assert parse_list_query(page="99999999999999999999").page == 10_000


def test_page_count():
    assert page_count(0) == 1
    assert page_count(PAGE_SIZE) == 1
    assert page_count(PAGE_SIZE + 1) == 2
