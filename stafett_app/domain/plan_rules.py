"""Rules for the content of a plan: concerns, goals and measures."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from stafett_app.domain.ids import parse_id
from stafett_app.domain.roles import LogRole
from stafett_app.domain.validation import FieldChecks, checked
from stafett_app.pictures import is_known


class Arena(StrEnum):
    """Where a measure happens. Every concern should have one of each."""

    SERVICE = "service"
    HOME = "home"
    CHILD = "child"


class ConcernCategory(StrEnum):
    MOTOR_SKILLS = "motor_skills"
    LANGUAGE = "language"
    ATTENTION = "attention"
    BEHAVIOUR = "behaviour"
    ABSENCE = "absence"
    WELLBEING = "wellbeing"
    SOCIAL = "social"
    LEARNING = "learning"
    HEALTH = "health"
    HOME_SITUATION = "home_situation"
    # The school environment duty: opplæringslova (2023) chapter 12, the written plan of § 12-4.
    # Until 1 August 2024 it was § 9 A under the key "school_environment"; migration 0011 maps the
    # stored rows, and _missing_ still reads the old key wherever one is left.
    SCHOOL_ENVIRONMENT = "school_environment_duty"
    OTHER = "other"

    @classmethod
    def _missing_(cls, value: object) -> "ConcernCategory | None":
        return cls.SCHOOL_ENVIRONMENT if value == LEGACY_SCHOOL_ENVIRONMENT else None


LEGACY_SCHOOL_ENVIRONMENT = "school_environment"


CONCERN_MAX, UNDERSTANDING_MAX, GOAL_MAX = 300, 1000, 300
PUPIL_VIEW_MAX = 1000

# Practical measures are evaluated after 2-3 weeks, others after 1-2 months; forms suggest the first.
SUGGESTED_EVALUATION_AFTER = timedelta(weeks=3)
MEASURE_TITLE_MAX, MEASURE_DESCRIPTION_MAX, COMMENT_MAX = 120, 2000, 2000
GLIMMER_MAX = 280


@dataclass(frozen=True)
class ConcernInput:
    text: str
    category: ConcernCategory
    shared_understanding: str
    pupil_view: str = ""


@dataclass(frozen=True)
class MeasureInput:
    title: str
    description: str
    arena: Arena
    responsible_id: int
    start_date: date
    evaluation_date: date
    picture: str = ""


# Who carries a measure in each arena: the guardians at home, the child their own, staff the service's.
RESPONSIBLE_ROLES: dict[str, frozenset[str]] = {
    "home": frozenset({LogRole.GUARDIAN}),
    "child": frozenset({LogRole.OWNER}),
    "service": frozenset({LogRole.HOLDER, LogRole.ACTOR, LogRole.READER}),
}


def arenas_for(roles: Iterable[str]) -> list[str]:
    """The arenas in which a person with these roles in a log can be responsible for a measure."""
    held = set(roles)
    return [arena.value for arena in Arena if held & RESPONSIBLE_ROLES[arena.value]]


def suggested_evaluation_date(on: date) -> date:
    """The date a form suggests for the next evaluation of a measure started or evaluated `on`."""
    return on + SUGGESTED_EVALUATION_AFTER


def check_concern(form: dict[str, str]) -> ConcernInput:
    checks = FieldChecks()
    text = checks.text("text", form.get("text", ""), max_length=CONCERN_MAX)
    category = checks.choice("category", form.get("category", ""), ConcernCategory)
    understanding = checks.text(
        "shared_understanding", form.get("shared_understanding", ""), max_length=UNDERSTANDING_MAX, required=False
    )
    pupil_view = checks.text("pupil_view", form.get("pupil_view", ""), max_length=PUPIL_VIEW_MAX, required=False)
    checks.raise_if_any()
    return ConcernInput(text, checked(category), understanding, pupil_view)


def check_goal_text(form: dict[str, str]) -> str:
    checks = FieldChecks()
    text = checks.text("text", form.get("text", ""), max_length=GOAL_MAX)
    checks.raise_if_any()
    return text


def check_comment_text(form: dict[str, str]) -> str:
    checks = FieldChecks()
    text = checks.text("text", form.get("text", ""), max_length=COMMENT_MAX)
    checks.raise_if_any()
    return text


def check_glimmer_text(form: dict[str, str]) -> str:
    checks = FieldChecks()
    text = checks.text("text", form.get("text", ""), max_length=GLIMMER_MAX)
    checks.raise_if_any()
    return text


def check_measure(form: dict[str, str], *, allowed_responsible_ids: Iterable[int]) -> MeasureInput:
    """Validate a measure form. The responsible person must take part in the log."""
    checks = FieldChecks()
    title = checks.text("title", form.get("title", ""), max_length=MEASURE_TITLE_MAX)
    description = checks.text(
        "description", form.get("description", ""), max_length=MEASURE_DESCRIPTION_MAX, required=False
    )
    arena = checks.choice("arena", form.get("arena", ""), Arena)
    responsible_id = parse_id(form.get("responsible_id", ""))
    if responsible_id is None or responsible_id not in set(allowed_responsible_ids):
        checks.add("responsible_id", "error.choose_one")
    start = checks.date("start_date", form.get("start_date"))
    evaluation = checks.date("evaluation_date", form.get("evaluation_date"))
    if start and evaluation and evaluation <= start:
        checks.add("evaluation_date", "error.evaluation_before_start")
    picture = form.get("picture", "")
    if picture and not is_known(picture):
        checks.add("picture", "error.choose_one")
    checks.raise_if_any()
    return MeasureInput(
        title, description, checked(arena), checked(responsible_id), checked(start), checked(evaluation), picture
    )


def missing_arenas(active_measure_arenas: Iterable[str]) -> list[Arena]:
    """The arenas a concern has no active measure in, in a fixed order (service, home, child)."""
    present = set(active_measure_arenas)
    return [arena for arena in Arena if arena not in present]


@dataclass(frozen=True)
class MeasureFacts:
    """What the § 12-4 check needs to know of one active measure."""

    start_date: date | None
    responsible_id: int | None
    evaluation_date: date | None


# The written plan of opplæringslova § 12-4 holds the problem, the measures, when they are carried
# out, who is responsible and when they are evaluated; the pupil's own view is heard (§§ 10-1, 12-4).
SCHOOL_ENVIRONMENT_ITEMS = ("problem", "measures", "when", "responsible", "evaluation", "pupil_view")


def school_environment_gaps(problem: str, pupil_view: str, measures: Iterable[MeasureFacts]) -> list[str]:
    """The items of the § 12-4 plan a school environment concern is missing, in a fixed order,
    for the plan to warn about. Empty means the plan holds all of them."""
    active = list(measures)
    present = {
        "problem": bool(problem.strip()),
        "measures": bool(active),
        "when": bool(active) and all(m.start_date for m in active),
        "responsible": bool(active) and all(m.responsible_id for m in active),
        "evaluation": bool(active) and all(m.evaluation_date for m in active),
        "pupil_view": bool(pupil_view.strip()),
    }
    return [item for item in SCHOOL_ENVIRONMENT_ITEMS if not present[item]]
