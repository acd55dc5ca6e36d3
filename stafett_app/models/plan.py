"""The content of a log: concern -> main goal -> sub-goals -> measures -> evaluations."""

from datetime import date

from pydantic import NaiveDatetime
from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Concern(SQLModel, table=True):
    """What we see, in one descriptive sentence, with a category and a shared understanding."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    text: str = Field(max_length=300)
    category: str = Field(max_length=30)  # domain.plan_rules.ConcernCategory
    shared_understanding: str = Field(default="", max_length=1000)
    # The pupil's own view: required in the § 12-4 plan of the school environment duty.
    pupil_view: str = Field(default="", max_length=1000, sa_column_kwargs={"server_default": ""})
    # Closed when it did not go along with a handover, with a note why.
    closed_at: NaiveDatetime | None = None
    closing_note: str = Field(default="", max_length=600, sa_column_kwargs={"server_default": ""})
    created_by_id: int = Field(foreign_key="person.id")
    created_at: NaiveDatetime


class Goal(SQLModel, table=True):
    """A main goal (parent_id is None) or a sub-goal under a main goal."""

    id: int | None = Field(default=None, primary_key=True)
    concern_id: int = Field(foreign_key="concern.id", index=True)
    parent_id: int | None = Field(default=None, foreign_key="goal.id", index=True)
    text: str = Field(max_length=300)
    created_by_id: int = Field(foreign_key="person.id")
    created_at: NaiveDatetime
    reached_at: NaiveDatetime | None = None


class Measure(SQLModel, table=True):
    """What somebody does to reach one goal: one responsible person, one arena, two dates."""

    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", index=True)
    title: str = Field(max_length=120)
    description: str = Field(default="", max_length=2000)
    arena: str = Field(max_length=10)  # domain.plan_rules.Arena
    responsible_id: int = Field(foreign_key="person.id", index=True)
    start_date: date
    evaluation_date: date
    picture: str = Field(default="", max_length=40)
    photo_id: int | None = Field(default=None, foreign_key="photo.id")
    created_by_id: int = Field(foreign_key="person.id")
    created_at: NaiveDatetime
    ended_at: NaiveDatetime | None = None


class MeasureRevision(SQLModel, table=True):
    """The text a measure had before an edit or a correction: the history is never lost."""

    __tablename__ = "measure_revision"

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="measure.id", index=True)
    title: str = Field(max_length=120)
    description: str = Field(default="", max_length=2000)
    replaced_by_id: int = Field(foreign_key="person.id")
    replaced_at: NaiveDatetime
    is_correction: bool = False
    reason: str = Field(default="", max_length=300)


class Comment(SQLModel, table=True):
    """A running note on a measure or a goal."""

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id", index=True)
    measure_id: int | None = Field(default=None, foreign_key="measure.id", index=True)
    goal_id: int | None = Field(default=None, foreign_key="goal.id", index=True)
    author_id: int = Field(foreign_key="person.id")
    text: str = Field(max_length=2000)
    created_at: NaiveDatetime


class Evaluation(SQLModel, table=True):
    """Did the measure work? Saved once and never changed; a later one adds to the history."""

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = Field(foreign_key="measure.id", index=True)
    result: str = Field(max_length=5)  # domain.evaluation.Result
    outcome: str = Field(max_length=10)  # domain.evaluation.Outcome
    text: str = Field(max_length=1000)
    participants_text: str = Field(default="", max_length=300)
    evaluated_on: date
    recorded_by_id: int = Field(foreign_key="person.id")
    recorded_at: NaiveDatetime


class Glimmer(SQLModel, table=True):
    """A lysglimt: a short positive note from anyone in the log, meant to reach the child too."""

    # Every log page shows the newest: read by log and time, never sorted whole.
    __table_args__ = (Index("ix_glimmer_log_id_created_at", "log_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    log_id: int = Field(foreign_key="stafett_log.id")
    author_id: int = Field(foreign_key="person.id")
    text: str = Field(max_length=280)
    created_at: NaiveDatetime
