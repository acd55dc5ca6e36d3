"""A unit leader's rights and the safe parsing of the leader list's sort, filters and page."""

import pytest

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.leadership import (
    PAGE_SIZE,
    HolderFilter,
    ListQuery,
    SortKey,
    led_units,
    may_lead,
    page_count,
    parse_list_query,
    require_lead,
)
from stafett_app.domain.lifecycle import LogStatus


def test_a_leader_leads_their_own_unit_only():
    led = led_units(is_leader=True, unit_id=7)
    assert led == {7}
    assert may_lead(led, 7)
    assert not may_lead(led, 8)
    assert not may_lead(led, None)
    with pytest.raises(PermissionDenied):
        require_lead(led, 8)
    require_lead(led, 7)


@pytest.mark.parametrize(
    ("is_leader", "unit_id", "active"), [(False, 7, True), (True, None, True), (True, 7, False), (False, None, True)]
)
def test_nobody_else_leads_anything(is_leader, unit_id, active):
    led = led_units(is_leader=is_leader, unit_id=unit_id, active=active)
    assert led == frozenset()
    assert not may_lead(led, 7)


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
