"""Fødselsnummer and D-nummer: both mod-11 control digits, the D-nummer's +4, and a real date."""

from datetime import date

import pytest

from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.national_id import is_valid_national_id, parse_national_id


def test_a_published_example_fodselsnummer_is_accepted():
    parsed = parse_national_id("15076500565")  # Skatteetaten's own worked example
    assert parsed.birth_date == date(1965, 7, 15) and not parsed.is_d_number


def test_spaces_are_allowed():
    assert parse_national_id("150765 00565").digits == "15076500565"


def test_d_number_has_four_added_to_the_first_digit():
    parsed = parse_national_id("41019012393")
    assert parsed.is_d_number and parsed.birth_date == date(1990, 1, 1)
    assert parse_national_id("64120512321").birth_date == date(1905, 12, 24)


def test_the_century_comes_from_the_individual_number():
    assert parse_national_id("29022050034").birth_date == date(2020, 2, 29)  # 500-999 and year < 40
    assert parse_national_id("31129949980").birth_date == date(1999, 12, 31)
    assert parse_national_id("01010190025").birth_date == date(2001, 1, 1)  # 900-999 and year < 40: 2000s
    assert parse_national_id("01014590001").birth_date == date(1945, 1, 1)  # 900-999 and year >= 40: 1900s
    assert parse_national_id("01016060085").birth_date == date(1860, 1, 1)  # 500-749 and year >= 54: 1800s


@pytest.mark.parametrize("number", ["15076500575", "15076500566", "41019012394", "41019012383"])
def test_a_wrong_control_digit_is_refused(number):
    with pytest.raises(ValidationFailed) as refused:
        parse_national_id(number)
    assert refused.value.errors == {"national_id": "national_id.control_digits"}


@pytest.mark.parametrize("text", ["", "1507650056", "150765005655", "1507650056a", "15-07-65-00565"])
def test_anything_but_eleven_digits_is_refused(text):
    with pytest.raises(ValidationFailed) as refused:
        parse_national_id(text)
    assert refused.value.errors == {"national_id": "national_id.eleven_digits"}


def test_control_digits_that_fit_an_impossible_date_are_refused():
    # 31 February with correct control digits computed for it
    from stafett_app.domain.national_id import _WEIGHTS_1, _WEIGHTS_2, _control

    base = "310290123"
    first = _control(base, _WEIGHTS_1)
    second = _control(base + str(first), _WEIGHTS_2)
    assert first is not None and second is not None
    assert not is_valid_national_id(f"{base}{first}{second}")
    assert is_valid_national_id("15076500565")
