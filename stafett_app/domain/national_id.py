"""Norwegian national identity numbers: fødselsnummer and D-nummer (11 digits, two mod-11 control digits).

Plain rules for staff typing a number in; the sign-in itself trusts the `pid` the provider signed.
"""

import re
from dataclasses import dataclass
from datetime import date

from stafett_app.domain.errors import ValidationFailed

_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class NationalId:
    digits: str
    is_d_number: bool
    birth_date: date


def _control(digits: str, weights: tuple[int, ...]) -> int | None:
    """The control digit for these digits, or None when the sum gives 10 (no valid number exists)."""
    rest = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def _century(individual: int, year: int) -> int | None:
    """The century from the individual number (Skatteetaten's table)."""
    if individual <= 499:
        return 1900
    if individual <= 749 and year >= 54:
        return 1800
    if individual >= 900 and year >= 40:
        return 1900
    if year <= 39:
        return 2000
    return None


def parse_national_id(text: str) -> NationalId:
    """A fødselsnummer or D-nummer, checked; spaces allowed. Raises ValidationFailed with a message key."""
    digits = re.sub(r"\s", "", text or "")
    if not re.fullmatch(r"\d{11}", digits):
        raise ValidationFailed({"national_id": "national_id.eleven_digits"})
    if _control(digits[:9], _WEIGHTS_1) != int(digits[9]) or _control(digits[:10], _WEIGHTS_2) != int(digits[10]):
        raise ValidationFailed({"national_id": "national_id.control_digits"})
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    is_d_number = day > 40  # D-nummer: 4 added to the first digit
    if is_d_number:
        day -= 40
    century = _century(int(digits[6:9]), year)
    try:
        if century is None:
            raise ValueError
        born = date(century + year, month, day)
    except ValueError:
        raise ValidationFailed({"national_id": "national_id.date"}) from None
    return NationalId(digits=digits, is_d_number=is_d_number, birth_date=born)


def is_valid_national_id(text: str) -> bool:
    try:
        parse_national_id(text)
    except ValidationFailed:
        return False
    return True
