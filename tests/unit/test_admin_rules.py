"""The administrator's rights and the rules for an employee row, without a database."""

import pytest

from stafett_app.domain.employees import check_email, check_mobile, mask_national_id, parse_employees, split_name
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.permissions import AdminAccess, AdminAction, may_administer, may_deactivate, require_admin

UNITS = {"åsen skole": 1, "legekontoret": 2}
GOOD = "15076500565"  # Skatteetaten's worked example
D_NUMBER = "41019012393"


@pytest.mark.parametrize("action", list(AdminAction))
def test_only_an_active_administrator_may_administer(action):
    assert may_administer(AdminAccess(1, is_admin=True), action)
    assert not may_administer(AdminAccess(1, is_admin=False), action)
    assert not may_administer(AdminAccess(1, is_admin=True, is_active=False), action)
    with pytest.raises(PermissionDenied):
        require_admin(AdminAccess(1, is_admin=False), action)


def test_an_administrator_cannot_deactivate_themselves():
    admin = AdminAccess(7, is_admin=True)
    assert may_deactivate(admin, 8) and not may_deactivate(admin, 7)
    assert not may_deactivate(AdminAccess(7, is_admin=False), 8)


def test_email_and_mobile_are_normalised_or_refused():
    assert check_email(" kari@Elvdal.example ") == "kari@elvdal.example"
    assert check_mobile("912 34 567") == "+4791234567" and check_mobile("+47 412 34 567") == "+4741234567"
    assert check_mobile("") == ""
    for bad in ("kari", "kari@", "a b@c.no"):
        with pytest.raises(ValidationFailed):
            check_email(bad)
    for bad in ("123", "2212 3456", "abc"):  # too short, a landline, letters
        with pytest.raises(ValidationFailed):
            check_mobile(bad)


def test_names_need_a_first_and_a_last_name():
    assert split_name("Kari Anne  Nordmann") == ("Kari Anne", "Nordmann")
    with pytest.raises(ValidationFailed):
        split_name("Kari")


def test_the_mask_never_shows_the_birth_date():
    assert mask_national_id(GOOD) == "••••••• 0565"
    assert "150765" not in mask_national_id(GOOD)
    assert mask_national_id("") == mask_national_id("123") == ""


def test_a_good_file_with_a_header_and_semicolons():
    rows = parse_employees(
        "navn;fødselsnummer;e-post;mobil;enhet;stilling;kan holde;kan være aktør\n"
        f"Kari Nilsen;{GOOD};kari@elvdal.example;91234567;Åsen skole;Kontaktlærer;ja;ja\n"
        f"Lege Lund;{D_NUMBER};lund@lege.example;;Legekontoret;Fastlege;nei;\n",
        UNITS,
    )
    assert [r.problems for r in rows] == [{}, {}]
    assert (rows[0].first_name, rows[0].last_name, rows[0].unit_id, rows[0].mobile) == (
        "Kari",
        "Nilsen",
        1,
        "+4791234567",
    )
    assert rows[1].may_hold_logs is False and rows[1].may_be_actor is True  # empty: yes


def test_each_row_names_its_own_problems_and_duplicates():
    rows = parse_employees(
        f"Kari Nilsen,{GOOD},kari@elvdal.example,91234567,Åsen skole,Lærer,ja,ja\n"
        f"Per,{GOOD[:-1]}4,per@,123,Nowhere,Lærer,kanskje,ja\n"
        f"Kari Berg,{GOOD},kari@elvdal.example,,Åsen skole,,,\n",
        UNITS,
    )
    assert rows[0].ok
    assert rows[1].problems == {
        "name": "admin.problem.name",
        "national_id": "national_id.control_digits",
        "email": "admin.problem.email",
        "mobile": "admin.problem.mobile",
        "unit": "admin.problem.unit",
        "may_hold_logs": "admin.problem.yes_no",
    }
    assert rows[2].problems == {"national_id": "admin.problem.duplicate", "email": "admin.problem.duplicate"}
    assert [r.line for r in rows] == [1, 2, 3]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationFailed):
        parse_employees(" \n", UNITS)


def test_every_text_key_of_the_administration_is_in_every_catalogue():
    import re
    from pathlib import Path

    from stafett_app.domain.permissions import AdminAction as Action
    from stafett_app.domain.roles import UnitKind
    from stafett_app.i18n import catalogue

    root = Path(__file__).resolve().parents[2] / "stafett_app"
    sources = [
        root / "domain" / "employees.py",
        root / "domain" / "national_id.py",
        root / "services" / "admin.py",
        *(root / "pages" / "admin").glob("*.py"),
        *(root / "pages" / "feedback").glob("*.py"),
        root / "components" / "layout.py",
    ]
    keys = {
        key
        for source in sources
        for key in re.findall(r"\"((?:admin|feedback|national_id|footer|nav|title)\.[a-z_.]+)\"", source.read_text())
    }
    keys |= {f"admin.action.{a.value}" for a in Action} | {f"admin.kind.{k.value}" for k in UnitKind}
    keys |= {f"admin.column.{c}" for c in ("name", "national_id", "email", "mobile", "unit", "title", "row")}
    keys |= {"title.admin", "title.feedback", "notify.feedback.subject"}
    assert len(keys) > 60
    for lang in ("nb", "nn", "en"):
        texts = catalogue(lang)
        assert not sorted(k for k in keys if not texts.get(k)), lang


def test_the_rights_decide_which_roles_a_person_may_take():
    from stafett_app.domain.permissions import may_take_role
    from stafett_app.domain.roles import LogRole

    both = {"may_hold_logs": True, "may_be_actor": True}
    assert all(may_take_role(role, active=True, **both) for role in (LogRole.HOLDER, LogRole.ACTOR, LogRole.READER))
    assert not any(may_take_role(role, active=False, **both) for role in LogRole)
    assert not may_take_role(LogRole.HOLDER, active=True, may_hold_logs=False, may_be_actor=True)
    assert not may_take_role(LogRole.ACTOR, active=True, may_hold_logs=True, may_be_actor=False)
    assert may_take_role(LogRole.READER, active=True, may_hold_logs=False, may_be_actor=False)
