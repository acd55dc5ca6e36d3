"""/admin: the administrator's page. Every handler asks the services, which ask the domain, whether the
signed-in person is an active administrator; ids from the browser are only ever looked up there."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import reflex as rx
from sqlmodel import Session

from stafett_app import routes
from stafett_app.domain.dates import NORWAY
from stafett_app.domain.errors import DomainError, PermissionDenied, ValidationFailed
from stafett_app.domain.ids import parse_id
from stafett_app.domain.roles import UnitKind
from stafett_app.i18n import translate
from stafett_app.models import Person
from stafett_app.services import admin as svc
from stafett_app.state.ids import checked_ids
from stafett_app.state.session import SessionState, Shown, notify_refused, notify_saved

UNIT_KINDS = [kind.value for kind in UnitKind]
CSV_MAX_CHARS = 400_000  # 2000 rows of generous length


@dataclass
class NamedId:
    person_id: int
    name: str


@dataclass
class UnitLine:
    unit_id: int
    name: str
    kind: str
    leaders: list[NamedId] = field(default_factory=list)
    others: list[NamedId] = field(default_factory=list)  # who may be made leader: see services.admin.units


@dataclass
class PreviewLine:
    line: int
    name: str
    national_id: str  # masked, or empty when the number has a problem
    email: str
    unit: str
    problems: str  # translated, one per column, joined
    ok: bool


@dataclass
class AuditLine:
    at: str
    admin_name: str
    action: str  # translated
    detail: str


@dataclass
class FeedbackLine:
    at: str
    sender: str
    message: str
    contact: str
    page: str


def _when(value: datetime) -> str:
    """Stored in UTC, shown in Norwegian time."""
    return value.replace(tzinfo=UTC).astimezone(NORWAY).strftime("%d.%m.%Y %H:%M")


def _int(value: object) -> int | None:
    return parse_id(str(value))


class AdminState(SessionState):
    loaded: bool = False
    units: list[UnitLine] = []
    employees: list[svc.EmployeeView] = []
    audit: list[AuditLine] = []
    feedback: list[FeedbackLine] = []
    search: str = ""
    selected_id: int = 0  # the employee whose edit panel is open
    confirm_deactivate: bool = False
    csv_text: str = ""
    preview: list[PreviewLine] = []
    preview_ok: bool = False
    errors: dict[str, str] = {}  # field -> translated problem, for the form last sent
    _saved: bool = False  # whether the last write went through

    async def _admin(self) -> Person | None:
        person = await self._signed_in_person()
        return person if svc.is_admin(person) else None

    def _read(self, session: Session, admin: Person) -> Shown:
        """Everything the page lists (on a database thread)."""
        lang, units = self.lang, []
        for unit in svc.units(session, admin):
            leaders = [NamedId(pid, name) for pid, name in unit.leaders]
            others = [NamedId(pid, name) for pid, name in unit.candidates]
            units.append(UnitLine(unit.unit_id, unit.name, unit.kind, leaders, others))
        return {
            "units": units,
            "employees": svc.employees(session, admin, self.search),
            "audit": [
                AuditLine(_when(e.at), e.admin_name, translate(lang, f"admin.action.{e.action}"), e.detail)
                for e in svc.audit_trail(session, admin)
            ],
            "feedback": [
                FeedbackLine(_when(f.at), f.sender, f.message, f.contact, f.page)
                for f in svc.feedback_list(session, admin)
            ],
        }

    @rx.event
    async def load(self):
        self.loaded = False
        person = await self._page_person()
        if person is None:
            return rx.redirect(routes.SIGN_IN)
        if not svc.is_admin(person):
            return rx.redirect(routes.NO_ACCESS)
        self._assign(await self._db(lambda session: self._read(session, person)))
        self.loaded = True
        return None

    async def _run(self, use_case: Callable[[Session, Person], object], saved_key: str):
        """One write: refused for anyone but an administrator; field problems shown by the form."""
        self._saved = False
        admin = await self._admin()
        if admin is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        self.errors = {}
        try:
            await self._db(lambda session: use_case(session, admin))
        except ValidationFailed as failed:
            self.errors = {name: translate(self.lang, key) for name, key in failed.errors.items()}
            return notify_refused(translate(self.lang, "error.check_fields"))
        except (PermissionDenied, DomainError) as refused:
            return notify_refused(translate(self.lang, refused.key))
        self._assign(await self._db(lambda session: self._read(session, admin)))
        self._saved = True
        return notify_saved(translate(self.lang, saved_key))

    # --- units

    @rx.event
    async def create_unit(self, form: dict):
        name, kind = str(form.get("name", "")), str(form.get("kind", ""))
        return await self._run(lambda s, a: svc.create_unit(s, a, name, kind), "admin.saved.unit")

    @rx.event
    async def rename_unit(self, form: dict):
        unit_id, name = _int(form.get("unit_id")), str(form.get("name", ""))
        if unit_id is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        return await self._run(lambda s, a: svc.rename_unit(s, a, unit_id, name), "admin.saved.unit")

    @rx.event
    @checked_ids
    async def set_unit_kind(self, unit_id: int, kind: str):
        checked = _int(unit_id)
        if checked is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        return await self._run(lambda s, a: svc.set_unit_kind(s, a, checked, str(kind)), "admin.saved.unit")

    def _leaders(self, unit_id: int) -> set[int]:
        for unit in self.units:
            if unit.unit_id == unit_id:
                return {leader.person_id for leader in unit.leaders}
        return set()

    @rx.event
    async def add_leader(self, form: dict):
        unit_id, person_id = _int(form.get("unit_id")), _int(form.get("person_id"))
        if unit_id is None or person_id is None:
            return notify_refused(translate(self.lang, "admin.problem.choose_person"))
        leaders = self._leaders(unit_id) | {person_id}
        return await self._run(lambda s, a: svc.set_unit_leaders(s, a, unit_id, leaders), "admin.saved.leaders")

    @rx.event
    @checked_ids
    async def remove_leader(self, unit_id: int, person_id: int):
        unit, person = _int(unit_id), _int(person_id)
        if unit is None or person is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        leaders = self._leaders(unit) - {person}
        return await self._run(lambda s, a: svc.set_unit_leaders(s, a, unit, leaders), "admin.saved.leaders")

    # --- employees

    @rx.event
    async def register(self, form: dict):
        new = svc.NewEmployee(
            name=str(form.get("name", "")),
            national_id=str(form.get("national_id", "")),
            email=str(form.get("email", "")),
            mobile=str(form.get("mobile", "")),
            unit_id=_int(form.get("unit_id")),
            title=str(form.get("title", "")),
            may_hold_logs=form.get("may_hold_logs") in (True, "on", "true"),
            may_be_actor=form.get("may_be_actor") in (True, "on", "true"),
        )
        return await self._run(lambda s, a: svc.register_employee(s, a, new), "admin.saved.employee")

    @rx.event
    async def preview_csv(self, form: dict):
        """Check the pasted rows. What is imported afterwards is exactly the text previewed here."""
        admin = await self._admin()
        if admin is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        self.csv_text = text = str(form.get("csv", ""))[:CSV_MAX_CHARS]
        self.errors = {}
        try:
            rows = await self._db(lambda session: svc.preview_import(session, admin, text))
        except ValidationFailed as failed:
            self.preview, self.preview_ok = [], False
            self.errors = {name: translate(self.lang, key) for name, key in failed.errors.items()}
            return None
        lang = self.lang
        self.preview = [
            PreviewLine(
                line=row.line,
                name=row.name,
                national_id="" if "national_id" in row.problems else svc.mask_national_id(row.national_id),
                email=row.email,
                unit=row.unit,
                problems=" ".join(
                    f"{translate(lang, f'admin.column.{column}')}: {translate(lang, key)}"
                    for column, key in row.problems.items()
                ),
                ok=row.ok,
            )
            for row in rows
        ]
        self.preview_ok = bool(rows) and all(row.ok for row in rows)
        return None

    @rx.event
    async def import_csv(self):
        text = self.csv_text
        result = await self._run(lambda s, a: svc.import_employees(s, a, text), "admin.saved.import")
        if not self._saved:
            return result
        self.csv_text, self.preview, self.preview_ok = "", [], False
        return [result, rx.set_value("csv-text", "")]

    @rx.event
    async def find(self, form: dict):
        admin = await self._admin()
        if admin is None:
            return notify_refused(translate(self.lang, "error.no_access"))
        self.search = search = str(form.get("search", ""))[:100]
        self.employees = await self._db(lambda session: svc.employees(session, admin, search))
        return None

    @rx.event
    @checked_ids
    def select_employee(self, person_id: int):
        self.selected_id = _int(person_id) or 0
        self.confirm_deactivate, self.errors = False, {}

    @rx.event
    def close_employee(self):
        self.selected_id, self.confirm_deactivate, self.errors = 0, False, {}

    @rx.event
    async def correct_national_id(self, form: dict):
        person_id, text = self.selected_id, str(form.get("national_id", ""))
        return await self._run(lambda s, a: svc.correct_national_id(s, a, person_id, text), "admin.saved.national_id")

    @rx.event
    async def correct_email(self, form: dict):
        person_id, text = self.selected_id, str(form.get("email", ""))
        return await self._run(lambda s, a: svc.correct_email(s, a, person_id, text), "admin.saved.email")

    @rx.event
    async def move(self, form: dict):
        person_id, unit_id = self.selected_id, _int(form.get("unit_id"))
        if unit_id is None:
            return notify_refused(translate(self.lang, "admin.problem.unit"))
        return await self._run(lambda s, a: svc.move_employee(s, a, person_id, unit_id), "admin.saved.moved")

    @rx.event
    async def set_rights(self, form: dict):
        person_id = self.selected_id
        hold = form.get("may_hold_logs") in (True, "on", "true")
        act = form.get("may_be_actor") in (True, "on", "true")
        return await self._run(
            lambda s, a: svc.set_rights(s, a, person_id, may_hold_logs=hold, may_be_actor=act), "admin.saved.rights"
        )

    @rx.event
    def ask_deactivate(self):
        self.confirm_deactivate = True

    @rx.event
    async def deactivate(self):
        person_id = self.selected_id
        result = await self._run(lambda s, a: svc.deactivate(s, a, person_id), "admin.saved.deactivated")
        self.confirm_deactivate = False
        return result
