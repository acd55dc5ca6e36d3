"""The administrator's use cases: units, employees, their rights, deactivation, the audit trail, feedback.

Every write asks the domain (`require_admin`) first and leaves one row in the append-only audit trail.
Identity numbers go in only through services.identity (encrypted, with a keyed index) and come out
only masked.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, func, select

from stafett_app import routes
from stafett_app.domain.dates import utcnow
from stafett_app.domain.employees import EmployeeRow, check_email, check_fields, mask_national_id, parse_employees
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.leadership import may_be_made_leader
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.national_id import parse_national_id
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.permissions import AdminAccess, AdminAction, may_deactivate, require_admin
from stafett_app.domain.roles import LogRole, PersonKind, UnitKind
from stafett_app.models import (
    AdminEvent,
    Feedback,
    LoginSession,
    Participant,
    Person,
    StafettLog,
    Unit,
    UnitLeader,
    id_of,
)
from stafett_app.services import identity
from stafett_app.services.notifications import notify

AUDIT_PAGE = 200
MAX_FEEDBACK = 2000
CONTACT_MAX = 200
UNIT_NAME_MAX = 120


def admin_access(person: Person | None) -> AdminAccess:
    if person is None or person.id is None:
        return AdminAccess(person_id=0, is_admin=False, is_active=False)
    return AdminAccess(person_id=person.id, is_admin=person.is_admin, is_active=person.deactivated_at is None)


def is_admin(person: Person | None) -> bool:
    return admin_access(person).is_admin and admin_access(person).is_active


def _require(admin: Person, action: AdminAction) -> int:
    require_admin(admin_access(admin), action)
    return id_of(admin)


def _audit(session: Session, admin_id: int, action: AdminAction, subject: Unit | Person, detail: str = "") -> None:
    kind = "unit" if isinstance(subject, Unit) else "person"
    session.add(
        AdminEvent(
            at=utcnow(),
            admin_id=admin_id,
            action=action.value,
            subject_kind=kind,
            subject_id=id_of(subject),
            detail=detail[:500],
        )
    )


# --- units ---------------------------------------------------------------------------------------


def _unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise ValidationFailed({"unit": "admin.problem.unit"})
    return unit


def _unit_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > UNIT_NAME_MAX:
        raise ValidationFailed({"name": "admin.problem.unit_name"})
    return name


def _unit_kind(kind: str) -> UnitKind:
    try:
        return UnitKind(kind)
    except ValueError:
        raise ValidationFailed({"kind": "error.choose_one"}) from None


def _name_taken(session: Session, name: str, except_id: int | None = None) -> bool:
    # Compared in Python: SQLite's lower() leaves Æ, Ø and Å alone, and a municipality has few units.
    return any(u.name.casefold() == name.casefold() and u.id != except_id for u in session.exec(select(Unit)))


def create_unit(session: Session, admin: Person, name: str, kind: str) -> int:
    admin_id = _require(admin, AdminAction.CREATE_UNIT)
    name, unit_kind = _unit_name(name), _unit_kind(kind)
    if _name_taken(session, name):
        raise ValidationFailed({"name": "admin.problem.unit_taken"})
    unit = Unit(name=name, kind=unit_kind.value)
    session.add(unit)
    session.flush()
    _audit(session, admin_id, AdminAction.CREATE_UNIT, unit, f"{name} ({unit_kind.value})")
    return id_of(unit)


def rename_unit(session: Session, admin: Person, unit_id: int, name: str) -> None:
    admin_id = _require(admin, AdminAction.RENAME_UNIT)
    unit, name = _unit(session, unit_id), _unit_name(name)
    if _name_taken(session, name, except_id=unit.id):
        raise ValidationFailed({"name": "admin.problem.unit_taken"})
    if unit.name != name:
        _audit(session, admin_id, AdminAction.RENAME_UNIT, unit, f"{unit.name} → {name}")
        unit.name = name
        session.add(unit)


def set_unit_kind(session: Session, admin: Person, unit_id: int, kind: str) -> None:
    admin_id = _require(admin, AdminAction.SET_UNIT_KIND)
    unit, unit_kind = _unit(session, unit_id), _unit_kind(kind)
    if unit.kind != unit_kind.value:
        _audit(session, admin_id, AdminAction.SET_UNIT_KIND, unit, f"{unit.kind} → {unit_kind.value}")
        unit.kind = unit_kind.value
        session.add(unit)


def set_unit_leaders(session: Session, admin: Person, unit_id: int, leader_ids: set[int]) -> None:
    """The unit's leaders are exactly these active employees. A leader may work in another unit and
    lead several (a head of two schools); `Person.is_leader` follows the links."""
    admin_id = _require(admin, AdminAction.SET_UNIT_LEADERS)
    unit = _unit(session, unit_id)
    chosen = {
        id_of(p): p
        for p in session.exec(select(Person).where(col(Person.id).in_(sorted(leader_ids)))).all()
        if may_be_made_leader(kind=p.kind, active=p.deactivated_at is None)
    }
    if set(chosen) != leader_ids:
        raise ValidationFailed({"leaders": "admin.problem.leader_not_employee"})
    links = {link.person_id: link for link in session.exec(select(UnitLeader).where(UnitLeader.unit_id == unit_id))}
    changed = []
    for pid in sorted(set(links) - leader_ids):
        session.delete(links[pid])
        changed.append(pid)
    for pid in sorted(leader_ids - set(links)):
        session.add(UnitLeader(unit_id=id_of(unit), person_id=pid))
        changed.append(pid)
    if not changed:
        return
    session.flush()
    people = {id_of(p): p for p in session.exec(select(Person).where(col(Person.id).in_(changed))).all()}
    for pid in changed:
        _follow_links(session, people[pid])
    detail = ", ".join(
        f"{'+' if pid in leader_ids else '-'}{people[pid].first_name} {people[pid].last_name}" for pid in changed
    )
    _audit(session, admin_id, AdminAction.SET_UNIT_LEADERS, unit, detail)


def _follow_links(session: Session, person: Person) -> None:
    """Keep the is_leader flag (leads at least one unit) in step with the person's unit_leader links."""
    leads = session.exec(select(UnitLeader).where(UnitLeader.person_id == person.id)).first() is not None
    if person.is_leader != leads:
        person.is_leader = leads
        session.add(person)


def _stop_leading(session: Session, person: Person) -> None:
    for link in session.exec(select(UnitLeader).where(UnitLeader.person_id == person.id)).all():
        session.delete(link)
    session.flush()
    _follow_links(session, person)


# --- employees -----------------------------------------------------------------------------------


def _employee(session: Session, person_id: int) -> Person:
    """Only staff are the administrator's: a family member's id is refused like an unknown one."""
    person = session.get(Person, person_id)
    if person is None or person.kind != PersonKind.STAFF:
        raise ValidationFailed({"person": "admin.problem.no_such_person"})
    return person


def _masked(person: Person) -> str:
    if not person.national_id_encrypted:
        return ""
    try:
        return mask_national_id(identity.decrypt(person.national_id_encrypted) or "")
    except identity.IdentityKeyMissing:
        return "•••••••••••"


def _require_key() -> None:
    """Without the identity key no number can be stored; say so on the field instead of failing."""
    try:
        identity.keys()
    except identity.IdentityKeyMissing:
        raise ValidationFailed({"national_id": "admin.problem.no_key"}) from None


def _unit_names(session: Session) -> dict[str, int]:
    return {u.name.lower(): id_of(u) for u in session.exec(select(Unit)).all()}


def _mark_registered(session: Session, rows: list[EmployeeRow]) -> None:
    """Problems only the database knows: the number or the address belongs to someone already."""
    for row in rows:
        if "national_id" not in row.problems and identity.person_by_national_id(session, row.national_id):
            row.problems["national_id"] = "admin.problem.registered"
        if "email" not in row.problems and _email_taken(session, row.email):
            row.problems["email"] = "admin.problem.email_taken"


def _email_taken(session: Session, email: str, except_id: int | None = None) -> bool:
    found = session.exec(select(Person).where(func.lower(Person.email) == email.lower())).first()
    return found is not None and found.id != except_id


def _add_employee(session: Session, admin_id: int, row: EmployeeRow, action: AdminAction) -> Person:
    person = Person(
        first_name=row.first_name,
        last_name=row.last_name,
        kind=PersonKind.STAFF.value,
        title=row.title,
        unit_id=row.unit_id,
        email=row.email,
        mobile=row.mobile,
        may_hold_logs=row.may_hold_logs,
        may_be_actor=row.may_be_actor,
    )
    identity.set_national_id(session, person, row.national_id)
    session.flush()
    _audit(session, admin_id, action, person, f"{row.first_name} {row.last_name}, {mask_national_id(row.national_id)}")
    return person


@dataclass
class NewEmployee:
    name: str
    national_id: str
    email: str
    mobile: str = ""
    unit_id: int | None = None
    title: str = ""
    may_hold_logs: bool = True
    may_be_actor: bool = True


def register_employee(session: Session, admin: Person, new: NewEmployee) -> int:
    """One employee typed in. Field problems come back as ValidationFailed, keyed by field."""
    admin_id = _require(admin, AdminAction.REGISTER_EMPLOYEE)
    unit = session.get(Unit, new.unit_id) if new.unit_id is not None else None
    row = EmployeeRow(
        line=0,
        name=new.name.strip(),
        national_id=new.national_id,
        email=new.email,
        mobile=new.mobile,
        unit=unit.name if unit else "",
        title=new.title.strip(),
        may_hold_logs=new.may_hold_logs,
        may_be_actor=new.may_be_actor,
        unit_id=unit.id if unit else None,
    )
    check_fields(row)
    _require_key()
    _mark_registered(session, [row])
    if row.problems:
        raise ValidationFailed(row.problems)
    return id_of(_add_employee(session, admin_id, row, AdminAction.REGISTER_EMPLOYEE))


def preview_import(session: Session, admin: Person, text: str) -> list[EmployeeRow]:
    """Every row of the CSV with its problems; nothing is saved."""
    _require(admin, AdminAction.IMPORT_EMPLOYEES)
    _require_key()
    rows = parse_employees(text, _unit_names(session))
    _mark_registered(session, rows)
    return rows


def import_employees(session: Session, admin: Person, text: str) -> int:
    """All rows or none: a file with any problem saves nothing (the preview shows what to fix)."""
    admin_id = _require(admin, AdminAction.IMPORT_EMPLOYEES)
    rows = preview_import(session, admin, text)
    if not rows:
        raise ValidationFailed({"csv": "admin.problem.empty"})
    if any(row.problems for row in rows):
        raise ValidationFailed({"csv": "admin.problem.fix_first"})
    for row in rows:
        _add_employee(session, admin_id, row, AdminAction.IMPORT_EMPLOYEES)
    return len(rows)


def correct_national_id(session: Session, admin: Person, person_id: int, text: str) -> None:
    """A mistyped identity number, put right by the administrator (no ticket to a vendor)."""
    admin_id = _require(admin, AdminAction.CORRECT_NATIONAL_ID)
    person = _employee(session, person_id)
    _require_key()
    before = _masked(person)
    digits = parse_national_id(text).digits
    owner = identity.person_by_national_id(session, digits)
    if owner is not None and owner.id != person.id:
        raise ValidationFailed({"national_id": "admin.problem.registered"})
    identity.set_national_id(session, person, digits)
    _audit(session, admin_id, AdminAction.CORRECT_NATIONAL_ID, person, f"{before or '–'} → {mask_national_id(digits)}")


def correct_email(session: Session, admin: Person, person_id: int, text: str) -> None:
    admin_id = _require(admin, AdminAction.CORRECT_EMAIL)
    person = _employee(session, person_id)
    email = check_email(text)
    if _email_taken(session, email, except_id=person.id):
        raise ValidationFailed({"email": "admin.problem.email_taken"})
    if email != person.email:
        _audit(session, admin_id, AdminAction.CORRECT_EMAIL, person, f"{person.email or '–'} → {email}")
        person.email = email
        session.add(person)


def move_employee(session: Session, admin: Person, person_id: int, unit_id: int) -> None:
    """To another unit. A leader who moves leads nothing until made leader again: a move is a new job."""
    admin_id = _require(admin, AdminAction.MOVE_EMPLOYEE)
    person, unit = _employee(session, person_id), _unit(session, unit_id)
    if person.unit_id == unit.id:
        return
    old = session.get(Unit, person.unit_id) if person.unit_id else None
    _audit(session, admin_id, AdminAction.MOVE_EMPLOYEE, person, f"{old.name if old else '–'} → {unit.name}")
    person.unit_id = unit.id
    session.add(person)
    _stop_leading(session, person)


def set_rights(session: Session, admin: Person, person_id: int, *, may_hold_logs: bool, may_be_actor: bool) -> None:
    admin_id = _require(admin, AdminAction.SET_RIGHTS)
    person = _employee(session, person_id)
    if (person.may_hold_logs, person.may_be_actor) != (may_hold_logs, may_be_actor):
        detail = f"holder={'ja' if may_hold_logs else 'nei'}, aktør={'ja' if may_be_actor else 'nei'}"
        _audit(session, admin_id, AdminAction.SET_RIGHTS, person, detail)
        person.may_hold_logs, person.may_be_actor = may_hold_logs, may_be_actor
        session.add(person)


def deactivate(session: Session, admin: Person, person_id: int) -> None:
    """Someone who left: cannot sign in again, their sessions end now, and the logs they hold show
    at once in their leader's list of logs needing a new holder."""
    _require(admin, AdminAction.DEACTIVATE)
    if not may_deactivate(admin_access(admin), person_id):
        raise PermissionDenied("admin.problem.not_yourself")
    person = _employee(session, person_id)
    if person.deactivated_at is not None:
        return
    now = utcnow()
    person.deactivated_at = now
    session.add(person)
    _stop_leading(session, person)
    for login in session.exec(
        select(LoginSession).where(LoginSession.person_id == person_id, col(LoginSession.ended_at).is_(None))
    ).all():
        login.ended_at = now
        session.add(login)
    _audit(session, id_of(admin), AdminAction.DEACTIVATE, person, f"{person.first_name} {person.last_name}")


# --- what the page shows -------------------------------------------------------------------------


@dataclass
class UnitView:
    unit_id: int
    name: str
    kind: str
    leaders: list[tuple[int, str]] = field(default_factory=list)  # (id, name)
    # Who may be made leader here: the unit's active employees, and those who lead another unit.
    candidates: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class EmployeeView:
    person_id: int
    name: str
    unit_id: int
    unit_name: str
    title: str
    email: str
    mobile: str
    national_id_masked: str
    may_hold_logs: bool
    may_be_actor: bool
    is_leader: bool
    active: bool


@dataclass
class AuditView:
    at: datetime
    admin_name: str
    action: str
    subject_kind: str
    subject_id: int
    detail: str


@dataclass
class FeedbackView:
    at: datetime
    sender: str
    message: str
    contact: str
    page: str


def units(session: Session, admin: Person) -> list[UnitView]:
    _require(admin, AdminAction.VIEW)
    views = {id_of(u): UnitView(id_of(u), u.name, u.kind) for u in session.exec(select(Unit).order_by(Unit.name))}
    staff = session.exec(
        select(Person)
        .where(Person.kind == PersonKind.STAFF, col(Person.deactivated_at).is_(None))
        .order_by(Person.first_name, Person.last_name)
    ).all()
    led: dict[int, set[int]] = {}
    for link in session.exec(select(UnitLeader)).all():
        led.setdefault(link.person_id, set()).add(link.unit_id)
    for person in staff:
        pid, name = id_of(person), f"{person.first_name} {person.last_name}"
        for unit_id, view in views.items():
            if unit_id in led.get(pid, set()):
                view.leaders.append((pid, name))
            elif unit_id == person.unit_id or pid in led:
                view.candidates.append((pid, name))
    return list(views.values())


def employees(session: Session, admin: Person, search: str = "", limit: int = 100) -> list[EmployeeView]:
    """Staff, active first; a search on name, e-mail or title. The identity number only masked."""
    _require(admin, AdminAction.VIEW)
    unit_names = {id_of(u): u.name for u in session.exec(select(Unit))}
    # Invented colleagues of practice logs are nobody's employees.
    query = select(Person).where(Person.kind == PersonKind.STAFF, col(Person.practice_log_id).is_(None))
    words = search.split()
    for word in words:
        like = f"%{word.lower()}%"
        query = query.where(
            func.lower(Person.first_name).like(like)
            | func.lower(Person.last_name).like(like)
            | func.lower(Person.email).like(like)
            | func.lower(Person.title).like(like)
        )
    query = query.order_by(col(Person.deactivated_at).is_not(None), Person.first_name, Person.last_name).limit(limit)
    return [
        EmployeeView(
            person_id=id_of(p),
            name=f"{p.first_name} {p.last_name}",
            unit_id=p.unit_id or 0,
            unit_name=unit_names.get(p.unit_id or 0, ""),
            title=p.title,
            email=p.email,
            mobile=p.mobile,
            national_id_masked=_masked(p),
            may_hold_logs=p.may_hold_logs,
            may_be_actor=p.may_be_actor,
            is_leader=p.is_leader,
            active=p.deactivated_at is None,
        )
        for p in session.exec(query).all()
    ]


def audit_trail(session: Session, admin: Person, limit: int = AUDIT_PAGE) -> list[AuditView]:
    _require(admin, AdminAction.VIEW)
    rows = session.exec(
        select(AdminEvent, Person)
        .join(Person, col(Person.id) == AdminEvent.admin_id)
        .order_by(col(AdminEvent.at).desc(), col(AdminEvent.id).desc())
        .limit(limit)
    ).all()
    return [
        AuditView(e.at, f"{p.first_name} {p.last_name}", e.action, e.subject_kind, e.subject_id, e.detail)
        for e, p in rows
    ]


def feedback_list(session: Session, admin: Person, limit: int = 100) -> list[FeedbackView]:
    _require(admin, AdminAction.VIEW)
    rows = session.exec(select(Feedback).order_by(col(Feedback.at).desc(), col(Feedback.id).desc()).limit(limit)).all()
    senders = {
        id_of(p): f"{p.first_name} {p.last_name}"
        for p in session.exec(select(Person).where(col(Person.id).in_({f.person_id for f in rows if f.person_id})))
    }
    return [FeedbackView(f.at, senders.get(f.person_id or 0, ""), f.message, f.contact, f.page) for f in rows]


# --- feedback on accessibility -------------------------------------------------------------------


def send_feedback(session: Session, sender: Person | None, message: str, contact: str = "", page: str = "") -> int:
    """Anyone, signed in or not, may tell the municipality what does not work for them. Stored for the
    administrators, who also get a notice through the outbox (e-mail when it is configured)."""
    message, contact, page = message.strip(), contact.strip(), page.strip()
    problems = {}
    if not message:
        problems["message"] = "feedback.problem.empty"
    elif len(message) > MAX_FEEDBACK:
        problems["message"] = "feedback.problem.too_long"
    if contact and "@" in contact:
        try:
            contact = check_email(contact)
        except ValidationFailed:
            problems["contact"] = "admin.problem.email"
    if len(contact) > CONTACT_MAX:
        problems["contact"] = "feedback.problem.too_long"
    if problems:
        raise ValidationFailed(problems)
    row = Feedback(
        at=utcnow(),
        person_id=sender.id if sender else None,
        message=message,
        contact=contact,
        page=page[:200],
    )
    session.add(row)
    session.flush()
    admins = session.exec(select(Person.id).where(Person.is_admin, col(Person.deactivated_at).is_(None))).all()
    notify(session, [pid for pid in admins if pid is not None], EventKind.FEEDBACK, routes.ADMIN)
    return id_of(row)


# --- for the leader: logs whose holder is gone ---------------------------------------------------


@dataclass
class NeedsHolderView:
    log_id: int
    child_name: str
    former_holders: list[str]  # deactivated holders still on the log, by name; empty: none at all


def logs_needing_a_holder(session: Session, unit_id: int) -> list[NeedsHolderView]:
    """The unit's active logs with no active holder: their holder was deactivated (or none is left).
    No access check: the leader's page asks the domain whether this person leads `unit_id`."""
    logs = session.exec(
        select(StafettLog).where(
            StafettLog.unit_id == unit_id,
            StafettLog.status == LogStatus.ACTIVE.value,
            col(StafettLog.is_practice).is_(False),
        )
    ).all()
    if not logs:
        return []
    holders = session.exec(
        select(Participant.log_id, Person)
        .join(Person, col(Person.id) == Participant.person_id)
        .where(
            col(Participant.log_id).in_([log.id for log in logs]),
            Participant.role == LogRole.HOLDER.value,
            col(Participant.removed_at).is_(None),
        )
    ).all()
    active_holder: set[int] = set()
    gone: dict[int, list[str]] = {}
    for log_id, person in holders:
        if person.deactivated_at is None:
            active_holder.add(log_id)
        else:
            gone.setdefault(log_id, []).append(f"{person.first_name} {person.last_name}")
    children = {
        id_of(p): f"{p.first_name} {p.last_name}"
        for p in session.exec(select(Person).where(col(Person.id).in_([log.child_id for log in logs]))).all()
    }
    return [
        NeedsHolderView(id_of(log), children.get(log.child_id, ""), sorted(gone.get(id_of(log), [])))
        for log in sorted(logs, key=id_of)
        if id_of(log) not in active_holder
    ]
