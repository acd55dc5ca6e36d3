"""The family view and the child view, built from the seeded plan."""

import pytest

from stafett_app.domain.errors import PermissionDenied
from stafett_app.domain.permissions import Action
from stafett_app.services.family_view import child_view, family_view
from stafett_app.services.plan_view import plan_for


def test_family_reads_its_own_measures_first(seeded, people, logs):
    plan = plan_for(seeded, people["lise"], logs["emma"].id, "nb")
    view = family_view(plan, people["lise"].id, "nb")
    assert view.heading == "Planen til Emma" and not view.addressed_to_young_person
    assert [g.key for g in view.groups] == ["family", "child", "service"]
    home = view.groups[0].steps[0]
    assert home.title.startswith("Lise vekker Emma") and home.who == "Du"
    assert view.groups[1].steps[0].who == "Emma"
    assert "Kontaktlærer" in view.groups[2].steps[-1].who or "Miljøarbeider" in view.groups[2].steps[0].who
    assert "Emma er på skolen klokka 08.15 alle skoledager." in view.working_on
    assert all("-" not in s.next_talk[:4] for g in view.groups for s in g.steps)  # never ISO dates
    assert view.latest[0].result_label in ("Grønn – virket", "Rød – virket ikke")


def test_other_guardian_sees_the_family_as_you_all(seeded, people, logs):
    plan = plan_for(seeded, people["ola"], logs["emma"].id, "nb")
    assert family_view(plan, people["ola"].id, "nb").groups[0].steps[0].who == "Dere hjemme"


def test_young_person_is_written_to_directly(seeded, people, logs):
    plan = plan_for(seeded, people["jonas"], logs["jonas"].id, "nb")
    view = family_view(plan, people["jonas"].id, "nb")
    assert view.heading == "Planen din, Jonas" and view.addressed_to_young_person
    assert view.groups[0].key == "child" and view.groups[0].steps[0].who == "Du"
    assert view.groups[0].title == "Det du gjør"


def test_child_view_has_pictures_stars_and_no_red(seeded, people, logs):
    with pytest.raises(PermissionDenied):  # the whole plan is not hers to open
        plan_for(seeded, people["emma"], logs["emma"].id, "nb")
    plan = plan_for(seeded, people["emma"], logs["emma"].id, "nb", Action.VIEW_LOG)  # for her own page
    view = child_view(plan, "nb")
    assert view.greeting == "Hei, Emma!"
    assert {c.title for c in view.my_cards} == {
        "Emma legger fram klær og sekk kvelden før",
        "Emma velger en lek hun lærer bort til gruppa",
    }
    home = {c.title: c for c in view.home_cards}
    wake = home["Lise vekker Emma klokka 07.00 og lager frokost"]
    assert wake.stars == 1 and wake.picture == "breakfast" and wake.picture_alt == "Frokost"
    text = repr(view)
    assert "red" not in text and "Rød" not in text and "Kontaktlærer" not in text


def test_seeded_ended_measure_shows_as_ended(seeded, people, logs):
    plan = plan_for(seeded, people["siri"], logs["sara"].id, "nb")
    measure = plan.concerns[0].goals[0].measures[0]
    assert measure.ended and measure.badge == "ended"


def test_the_next_meeting_is_part_of_what_happens_next(seeded, people, logs):
    plan = plan_for(seeded, people["lise"], logs["emma"].id, "nb")
    assert plan.next_meeting.endswith("klokka 13:00 · Åsen skole, møterom 2")
    assert plan_for(seeded, people["hanne"], logs["jonas"].id, "nb").next_meeting == ""  # none called
