"""Form drafts on SQLite and PostgreSQL: one row per person and form, replaced as typed."""

from sqlmodel import select

from stafett_app.models import FormDraft
from stafett_app.services import drafts
from stafett_app.services.drafts import DraftKey


def test_a_draft_is_kept_per_person_and_form(seeded, people, logs):
    key = DraftKey("goal", logs["emma"].id, 0, 7)
    drafts.keep_field(seeded, people["kari"], key, "text", "Emma")
    drafts.keep_field(seeded, people["kari"], key, "text", "Emma kommer")
    drafts.keep_field(seeded, people["kari"], key, "description", "x" * 9000)
    seeded.commit()
    assert len(seeded.exec(select(FormDraft)).all()) == 1
    values = drafts.draft_values(seeded, people["kari"], key)
    assert values["text"] == "Emma kommer" and len(values["description"]) == drafts.MAX_FIELD_CHARS
    assert drafts.draft_values(seeded, people["siri"], key) == {}
    assert drafts.draft_values(seeded, people["kari"], DraftKey("goal", logs["emma"].id, 0, 8)) == {}
    assert drafts.latest_in_log(seeded, people["kari"], logs["emma"].id, frozenset({"goal"})) == key
    assert drafts.latest_in_log(seeded, people["kari"], logs["emma"].id, frozenset({"comment"})) is None
    drafts.forget(seeded, people["kari"], key)
    seeded.commit()
    assert seeded.exec(select(FormDraft)).all() == []


def test_empty_text_is_not_offered(seeded, people, logs):
    key = DraftKey("comment", logs["emma"].id, 3)
    drafts.keep_field(seeded, people["lise"], key, "text", "   ")
    seeded.commit()
    assert drafts.latest_in_log(seeded, people["lise"], logs["emma"].id, frozenset({"comment"})) is None
