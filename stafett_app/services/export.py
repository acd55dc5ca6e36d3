"""Carrying a log's concerns to another Stafett when the child moves (docs/export-format.md).

Export: the holder chooses concerns; the file holds them with their goals, measures and
evaluations, plus the PDF of the same log. Import: a staff member in the receiving Stafett, after
the family's consent there, makes a new draft log from a checked file. People do not travel: the
importer becomes the author, holder and responsible for every measure until they hand them out,
and the earlier responsible person's name stays in the measure's description.
"""

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlmodel import Session, col, select

from stafett_app.domain.archive import WHAT_HAS_BEEN_TRIED
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.domain.evaluation import Outcome, Result
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.permissions import Action, may_start_log
from stafett_app.domain.plan_rules import Arena, ConcernCategory
from stafett_app.domain.roles import LogRole, PersonKind
from stafett_app.i18n import translate
from stafett_app.models import Concern, Evaluation, Goal, Measure, Participant, Person, StafettLog, Unit
from stafett_app.services import read
from stafett_app.services.access import led_unit_ids, open_log
from stafett_app.services.log_reader import read_log
from stafett_app.services.printing import PrintChoice, render_pdf

FORMAT_NAME: Literal["stafett-export"] = "stafett-export"
FORMAT_VERSION: Literal[1] = 1
MAX_IMPORT_BYTES = 2 * 1024 * 1024
DESCRIPTION_MAX = 2000  # Measure.description
JSON_NAME, PDF_NAME = "stafett-eksport.json", "stafett-eksport.pdf"


def _text(max_length: int, min_length: int = 0) -> object:
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportEvaluation(_Strict):
    result: Result
    outcome: Outcome
    text: _text(1000, 1)  # type: ignore[valid-type]
    participants_text: _text(300) = ""  # type: ignore[valid-type]
    evaluated_on: date


class ExportMeasure(_Strict):
    title: _text(120, 1)  # type: ignore[valid-type]
    description: _text(2000) = ""  # type: ignore[valid-type]
    arena: Arena
    responsible: _text(200) = ""  # type: ignore[valid-type]
    start_date: date
    evaluation_date: date
    ended: bool = False
    evaluations: list[ExportEvaluation] = Field(default_factory=list, max_length=200)


class ExportGoal(_Strict):
    text: _text(300, 1)  # type: ignore[valid-type]
    reached: bool = False
    measures: list[ExportMeasure] = Field(default_factory=list, max_length=200)
    sub_goals: list["ExportGoal"] = Field(default_factory=list, max_length=50)


class ExportConcern(_Strict):
    text: _text(300, 1)  # type: ignore[valid-type]
    category: ConcernCategory
    shared_understanding: _text(1000) = ""  # type: ignore[valid-type]
    goals: list[ExportGoal] = Field(default_factory=list, max_length=50)


class ExportSource(_Strict):
    system: _text(40, 1)  # type: ignore[valid-type]
    unit: _text(120) = ""  # type: ignore[valid-type]
    log_id: int


class ExportFile(_Strict):
    """Version 1 of the export format, as documented in docs/export-format.md."""

    format: Literal["stafett-export"]
    version: Literal[1]
    exported_at: datetime
    source: ExportSource
    child_first_name: _text(80, 1)  # type: ignore[valid-type]
    concerns: list[ExportConcern] = Field(min_length=1, max_length=50)


# --- export ----------------------------------------------------------------------------------


def export_data(session: Session, person: Person, log_id: int, concern_ids: list[int]) -> ExportFile:
    log, _ = open_log(session, person, log_id, Action.EXPORT)
    chosen = set(concern_ids)
    concerns = list(
        session.exec(
            select(Concern).where(Concern.log_id == log_id, col(Concern.id).in_(chosen)).order_by(col(Concern.id))
        ).all()
    )
    if not concerns or len(concerns) != len(chosen):
        raise ValidationFailed({"concerns": "error.export_no_concerns"})
    goals = list(session.exec(select(Goal).where(col(Goal.concern_id).in_(chosen)).order_by(col(Goal.id))).all())
    measures = list(
        session.exec(
            select(Measure).where(col(Measure.goal_id).in_([g.id for g in goals])).order_by(col(Measure.id))
        ).all()
    )
    evaluations = list(
        session.exec(
            select(Evaluation)
            .where(col(Evaluation.measure_id).in_([m.id for m in measures]))
            .order_by(col(Evaluation.evaluated_on), col(Evaluation.id))
        ).all()
    )
    people = read.people_by_id(session, {m.responsible_id for m in measures} | {log.child_id})
    unit = session.get(Unit, log.unit_id)

    def measure(m: Measure) -> ExportMeasure:
        who = people.get(m.responsible_id)
        return ExportMeasure(
            title=m.title,
            description=m.description,
            arena=Arena(m.arena),
            responsible=f"{read.full_name(who)}{f' ({who.title})' if who.title else ''}" if who else "",
            start_date=m.start_date,
            evaluation_date=m.evaluation_date,
            ended=m.ended_at is not None,
            evaluations=[
                ExportEvaluation(
                    result=Result(e.result),
                    outcome=Outcome(e.outcome),
                    text=e.text,
                    participants_text=e.participants_text,
                    evaluated_on=e.evaluated_on,
                )
                for e in evaluations
                if e.measure_id == m.id
            ],
        )

    def goal(g: Goal) -> ExportGoal:
        return ExportGoal(
            text=g.text,
            reached=g.reached_at is not None,
            measures=[measure(m) for m in measures if m.goal_id == g.id],
            sub_goals=[goal(sub) for sub in goals if sub.parent_id == g.id],
        )

    return ExportFile(
        format=FORMAT_NAME,
        version=FORMAT_VERSION,
        exported_at=utcnow().replace(microsecond=0),
        source=ExportSource(system="Stafett", unit=unit.name if unit else "", log_id=log_id),
        child_first_name=people[log.child_id].first_name,
        concerns=[
            ExportConcern(
                text=c.text,
                category=ConcernCategory(c.category),
                shared_understanding=c.shared_understanding,
                goals=[goal(g) for g in goals if g.concern_id == c.id and g.parent_id is None],
            )
            for c in concerns
        ],
    )


def export_zip(session: Session, person: Person, log_id: int, concern_ids: list[int]) -> bytes:
    """The JSON file and the PDF of the log (its overview, concerns, evaluations), in one zip."""
    data = export_data(session, person, log_id, concern_ids)
    lang = person.language or "nb"
    content = read_log(session, log_id, lang)
    content.plan.concerns = [c for c in content.plan.concerns if c.concern_id in set(concern_ids)]
    pdf = render_pdf(content, PrintChoice(elements=WHAT_HAS_BEEN_TRIED), lang)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(JSON_NAME, data.model_dump_json(indent=2))
        archive.writestr(PDF_NAME, pdf)
    return buffer.getvalue()


# --- import ----------------------------------------------------------------------------------


def parse_export(raw: bytes) -> ExportFile:
    """The checked file, or ValidationFailed with a message a person can act on."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ValidationFailed({"file": "error.import_too_large"})
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValidationFailed({"file": "error.import_not_json"}) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ValidationFailed({"file": "error.import_not_json"})
    if data.get("version") != FORMAT_VERSION:
        raise ValidationFailed({"file": "error.import_version"})
    try:
        return ExportFile.model_validate(data)
    except ValidationError as problem:
        first = problem.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ValidationFailed({"file": f"error.import_invalid|{where}: {first['msg']}"}) from None


def import_draft(session: Session, person: Person, raw: bytes, child_id: int) -> int:
    """A new draft log for `child_id` from an export file, authored and held by the importer."""
    if not may_start_log(person.kind, person.may_hold_logs) or person.unit_id is None:
        raise PermissionDenied()
    data = parse_export(raw)
    if child_id not in importable_child_ids(session, person):  # a crafted id: not offered, not taken
        raise ValidationFailed({"child_id": "error.import_child"})
    now, lang = utcnow(), person.language or "nb"
    origin = translate(lang, "export.imported_from", unit=data.source.unit or data.source.system)
    log = StafettLog(
        child_id=child_id,
        unit_id=person.unit_id,
        status=LogStatus.DRAFT,
        level=0,
        description=f"{origin} ({data.exported_at.date().isoformat()})"[:600],
        created_by_id=person.id,  # type: ignore[arg-type]
        created_at=now,
    )
    session.add(log)
    session.flush()
    session.add(Participant(log_id=log.id, person_id=person.id, role=LogRole.HOLDER, added_at=now))  # type: ignore[arg-type]
    session.add(Participant(log_id=log.id, person_id=child_id, role=LogRole.OWNER, added_at=now))  # type: ignore[arg-type]

    def add_goal(concern_id: int, goal: ExportGoal, parent_id: int | None) -> None:
        row = Goal(
            concern_id=concern_id,
            parent_id=parent_id,
            text=goal.text,
            created_by_id=person.id,  # type: ignore[arg-type]
            created_at=now,
            reached_at=now if goal.reached else None,
        )
        session.add(row)
        session.flush()
        for m in goal.measures:
            earlier = translate(lang, "export.earlier_responsible", name=m.responsible) if m.responsible else ""
            room = DESCRIPTION_MAX - len(earlier) - 2  # the earlier name is kept whole
            measure = Measure(
                goal_id=row.id,  # type: ignore[arg-type]
                title=m.title,
                description="\n\n".join(part for part in (m.description[:room], earlier) if part),
                arena=m.arena.value,
                responsible_id=person.id,  # type: ignore[arg-type]
                start_date=m.start_date,
                evaluation_date=m.evaluation_date,
                created_by_id=person.id,  # type: ignore[arg-type]
                created_at=now,
                ended_at=now if m.ended else None,
            )
            session.add(measure)
            session.flush()
            for e in m.evaluations:
                session.add(
                    Evaluation(
                        measure_id=measure.id,  # type: ignore[arg-type]
                        result=e.result.value,
                        outcome=e.outcome.value,
                        text=e.text,
                        participants_text=e.participants_text,
                        evaluated_on=e.evaluated_on,
                        recorded_by_id=person.id,  # type: ignore[arg-type]
                        recorded_at=now,
                    )
                )
        for sub in goal.sub_goals:
            add_goal(concern_id, sub, row.id)

    for c in data.concerns:
        concern = Concern(
            log_id=log.id,  # type: ignore[arg-type]
            text=c.text,
            category=c.category.value,
            shared_understanding=c.shared_understanding,
            created_by_id=person.id,  # type: ignore[arg-type]
            created_at=now,
        )
        session.add(concern)
        session.flush()
        for goal in c.goals:
            add_goal(concern.id, goal, None)  # type: ignore[arg-type]
    return log.id  # type: ignore[return-value]


@dataclass
class ChildOption:
    child_id: int
    label: str  # name and birth year, to tell two children of the same name apart


def importable_child_ids(session: Session, person: Person) -> set[int]:
    """The children a staff member may make an imported draft for: as for a new log, only staff who
    may hold logs, and only children they already work with: a log of the child they take part in,
    or, for a unit leader, a log in the unit they lead (its list shows those children already). For a
    child new to the municipality the log is started first, then the file imported for that child."""
    if not may_start_log(person.kind, person.may_hold_logs) or person.unit_id is None:
        return set()
    real = col(StafettLog.is_practice).is_(False)  # an invented child never gets a real log
    taking_part = session.exec(
        select(StafettLog.child_id)
        .join(Participant, col(Participant.log_id) == col(StafettLog.id))
        .where(Participant.person_id == person.id, col(Participant.removed_at).is_(None), real)
    ).all()
    led = led_unit_ids(session, person)
    in_led_units = (
        session.exec(select(StafettLog.child_id).where(col(StafettLog.unit_id).in_(led), real)).all() if led else []
    )
    return set(taking_part) | set(in_led_units)


def import_children(session: Session, person: Person) -> list[ChildOption]:
    """What the import form offers (exactly what import_draft accepts)."""
    ids = importable_child_ids(session, person)
    if not ids:
        return []
    children = session.exec(
        select(Person)
        .where(col(Person.id).in_(ids), Person.kind == PersonKind.CHILD)
        .order_by(col(Person.first_name), col(Person.last_name))
    ).all()
    return [
        ChildOption(
            child_id=c.id,  # type: ignore[arg-type]
            label=f"{c.first_name} {c.last_name}" + (f" ({c.birth_date.year})" if c.birth_date else ""),
        )
        for c in children
    ]


def export_filename(today: date | None = None) -> str:
    return f"stafett-eksport-{(today or today_in_norway()).isoformat()}.zip"
