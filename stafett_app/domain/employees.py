"""Employees as the administrator types or imports them: the rules for one row, before anything is saved.

A CSV row is: name; identity number; e-mail; mobile; unit; job title; may hold logs; may be actor.
Excel in Norway writes semicolons, other tools commas: both are read. Each row's problems are
translation keys, so the preview shows them in the administrator's language.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.national_id import parse_national_id

COLUMNS = ("name", "national_id", "email", "mobile", "unit", "title", "may_hold_logs", "may_be_actor")
MAX_ROWS = 2000
NAME_MAX = 80  # Person.first_name, last_name and title
NATIONAL_ID_LENGTH = 11
_YES = {"ja", "yes", "j", "y", "1", "true", "x", ""}  # empty: the usual case, staff may do both
T = TypeVar("T")
_NO = {"nei", "no", "n", "0", "false"}


def check_email(text: str) -> str:
    """The address normalised, or ValidationFailed. No DNS lookup: the check must work offline."""
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValidationFailed({"email": "admin.problem.email"}) from None


def check_mobile(text: str) -> str:
    """A mobile number in E.164 (+4791234567); Norwegian without a country code. Empty is allowed."""
    if not text.strip():
        return ""
    try:
        number = phonenumbers.parse(text, "NO")
    except phonenumbers.NumberParseException:
        raise ValidationFailed({"mobile": "admin.problem.mobile"}) from None
    kinds = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
    if not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) not in kinds:
        raise ValidationFailed({"mobile": "admin.problem.mobile"})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def split_name(text: str) -> tuple[str, str]:
    """'Kari Anne Nordmann' -> ('Kari Anne', 'Nordmann'). Both parts are needed."""
    words = text.split()
    if len(words) < 2:  # noqa: PLR2004 - a first and a last name
        raise ValidationFailed({"name": "admin.problem.name"})
    first, last = " ".join(words[:-1]), words[-1]
    if len(first) > NAME_MAX or len(last) > NAME_MAX:
        raise ValidationFailed({"name": "admin.problem.name"})
    return first, last


def mask_national_id(digits: str | None) -> str:
    """What a page may show of an identity number: the birth date's day and month hidden too."""
    if not digits or len(digits) != NATIONAL_ID_LENGTH:
        return ""
    return "••••••• " + digits[-4:]


@dataclass
class EmployeeRow:
    """One row of an import, checked. `problems` maps a column to a translation key."""

    line: int
    name: str = ""
    national_id: str = ""  # the digits; never shown back in full
    email: str = ""
    mobile: str = ""
    unit: str = ""
    title: str = ""
    may_hold_logs: bool = True
    may_be_actor: bool = True
    first_name: str = ""
    last_name: str = ""
    unit_id: int | None = None
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _flag(text: str) -> bool | None:
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


def _checked(row: EmployeeRow, column: str, check: Callable[[], T]) -> T | None:
    """The checked value, or None with the problem noted on the row."""
    try:
        return check()
    except ValidationFailed as failed:
        row.problems[column] = next(iter(failed.errors.values()))
        return None


def check_fields(row: EmployeeRow) -> EmployeeRow:
    """Name, identity number, e-mail, mobile, unit and title of one employee, normalised in place."""
    names = _checked(row, "name", lambda: split_name(row.name))
    if names:
        row.first_name, row.last_name = names
    row.national_id = _checked(row, "national_id", lambda: parse_national_id(row.national_id).digits) or row.national_id
    row.email = _checked(row, "email", lambda: check_email(row.email)) or row.email
    row.mobile = _checked(row, "mobile", lambda: check_mobile(row.mobile)) or row.mobile
    if row.unit_id is None:
        row.problems["unit"] = "admin.problem.unit"
    if len(row.title) > NAME_MAX:
        row.problems["title"] = "admin.problem.title"
    return row


def check_row(line: int, cells: list[str], units: dict[str, int]) -> EmployeeRow:
    """One row against the rules; `units` maps a unit's name (lower case) to its id."""
    cells = [c.strip() for c in cells] + [""] * (len(COLUMNS) - len(cells))
    name, national_id, email, mobile, unit, title = cells[:6]
    row = EmployeeRow(line, name, national_id, email, mobile, unit, title)
    if len([c for c in cells[len(COLUMNS) :] if c]) > 0:
        row.problems["row"] = "admin.problem.columns"
    row.unit_id = units.get(row.unit.lower())
    check_fields(row)
    for column, cell in zip(COLUMNS[6:], cells[6:8], strict=True):
        flag = _flag(cell)
        if flag is None:
            row.problems[column] = "admin.problem.yes_no"
        else:
            setattr(row, column, flag)
    return row


def _is_header(cells: list[str]) -> bool:
    return len(cells) > 1 and not any(ch.isdigit() for ch in cells[1])


def parse_employees(text: str, units: dict[str, int]) -> list[EmployeeRow]:
    """Every non-empty row of the CSV text, checked, including duplicates inside the file."""
    lines = text.strip().splitlines()
    if not lines:
        raise ValidationFailed({"csv": "admin.problem.empty"})
    if len(lines) > MAX_ROWS + 1:
        raise ValidationFailed({"csv": "admin.problem.too_many"})
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows: list[EmployeeRow] = []
    for number, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells) or (number == 1 and _is_header(cells)):
            continue
        rows.append(check_row(number, cells, units))
    seen_ids: set[str] = set()
    seen_emails: set[str] = set()
    for row in rows:
        if "national_id" not in row.problems:
            if row.national_id in seen_ids:
                row.problems["national_id"] = "admin.problem.duplicate"
            seen_ids.add(row.national_id)
        if "email" not in row.problems:
            if row.email.lower() in seen_emails:
                row.problems["email"] = "admin.problem.duplicate"
            seen_emails.add(row.email.lower())
    return rows
