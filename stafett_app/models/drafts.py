"""Text typed into a form and not saved yet, kept on the server so a timeout loses nothing."""

from pydantic import NaiveDatetime
from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


class FormDraft(SQLModel, table=True):
    """One person's unsaved text in one form (kind + target); replaced as they type."""

    __tablename__ = "form_draft"
    __table_args__ = (
        UniqueConstraint("person_id", "kind", "log_id", "target_id", "parent_id", name="uq_form_draft_form"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: str = Field(max_length=40)  # forms.registry FORMS key
    log_id: int
    target_id: int = 0  # the concern, goal, measure ... the form was opened for (0: none)
    parent_id: int = 0  # where a new one goes (a new goal: its concern)
    values_json: str = Field(default="{}")
    updated_at: NaiveDatetime
