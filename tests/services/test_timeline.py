"""The log's timeline: newest first, filtered by kind, only for people in the log."""

import pytest

from stafett_app.domain.errors import PermissionDenied
from stafett_app.services import plan_edit, timeline


def test_timeline_lists_what_happened_newest_first(seeded, people, logs):
    entries = timeline.timeline_for(seeded, people["lise"], logs["emma"].id, "nb")
    kinds = {e.kind for e in entries}
    assert {"glimmer", "evaluation", "meeting", "plan"} <= kinds
    assert [e.sort_key for e in entries] == sorted((e.sort_key for e in entries), reverse=True)
    glimmers = timeline.timeline_for(seeded, people["lise"], logs["emma"].id, "nb", kind="glimmer")
    assert [g.text for g in glimmers] == [
        "Emma hadde med matpakke hver dag denne uka.",
        "Emma lærte bort «haien kommer» til hele gruppa i dag. Alle ville være med!",
    ]
    assert glimmers[0].who == "Lise"  # lysglimt carry first names: the child reads them too
    evaluation = next(e for e in entries if e.kind == "evaluation")
    assert evaluation.label.startswith("Evaluering av «") and evaluation.text.startswith(("Grønn", "Rød"))


def test_a_new_glimmer_comes_first(seeded, people, logs):
    plan_edit.add_glimmer(seeded, people["siri"], logs["emma"].id, {"text": "Emma hilste på alle i gangen i dag."})
    first = timeline.timeline_for(seeded, people["kari"], logs["emma"].id, "nb", kind="glimmer")[0]
    assert first.text == "Emma hilste på alle i gangen i dag." and first.who == "Siri"


def test_unknown_filter_shows_everything_and_strangers_see_nothing(seeded, people, logs):
    everything = timeline.timeline_for(seeded, people["kari"], logs["emma"].id, "nb")
    assert timeline.timeline_for(seeded, people["kari"], logs["emma"].id, "nb", kind="drop table") == everything
    seeded.commit()
    with pytest.raises(PermissionDenied):
        timeline.timeline_for(seeded, people["per"], logs["emma"].id, "nb")
