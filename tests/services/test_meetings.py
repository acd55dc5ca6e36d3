"""Meetings: who may call them, the 20/80 agenda, answers, the calendar, and iCalendar files."""

from datetime import timedelta

import pytest
from icalendar import Calendar

from stafett_app.domain import meetings as rules
from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.services import meetings

TOMORROW = (today_in_norway() + timedelta(days=1)).isoformat()
NEXT_WEEK = (today_in_norway() + timedelta(days=7)).isoformat()


def form(people, *invited, **kw):
    base = {
        "date": NEXT_WEEK,
        "time": "14:00",
        "duration": "60",
        "place": "Åsen skole, møterom 2",
        "agenda": meetings.agenda_template("nb", 60),
    }
    base.update({f"invite_{people[name].id}": "on" for name in invited})
    return {**base, **kw}


def test_agenda_follows_the_20_80_rule():
    assert rules.agenda_minutes(60) == (10, 50) and rules.agenda_minutes(90) == (20, 70)
    text = meetings.agenda_template("nb", 60)
    assert "10 min" in text and "50 min" in text


def test_holder_calls_a_meeting_and_invitees_see_it(seeded, people, logs):
    meeting_id = meetings.call_meeting(seeded, people["kari"], logs["emma"].id, form(people, "lise", "siri"))

    def mine(who):
        return [i for i in meetings.calendar_for(seeded, people[who], "nb") if i.meeting_id == meeting_id]

    assert [(i.invited, i.my_response, i.time) for i in mine("lise")] == [(True, "", "14:00")]
    meetings.respond(seeded, people["lise"], meeting_id, "no")
    assert [i.my_response for i in mine("lise")] == ["no"]
    assert mine("kari")[0].my_response == "yes"  # the one who calls comes
    evaluations = [i for i in meetings.calendar_for(seeded, people["lise"], "nb") if i.kind == "evaluation"]
    assert evaluations and all(i.child_first_name == "Emma" for i in evaluations)
    assert meetings.calendar_for(seeded, people["per"], "nb") == []


def test_short_notice_is_flagged(seeded, people, logs):
    meeting_id = meetings.call_meeting(seeded, people["kari"], logs["emma"].id, form(people, "lise", date=TOMORROW))
    item = next(i for i in meetings.calendar_for(seeded, people["lise"], "nb") if i.meeting_id == meeting_id)
    assert item.title == "Samarbeidsmøte på kort varsel"


@pytest.mark.parametrize(
    "change,field",
    [
        ({"date": "2020-01-01"}, "date"),
        ({"time": "25:00"}, "time"),
        ({"duration": "5"}, "duration"),
        ({"place": "", "video_link": ""}, "place"),
        ({"video_link": "http://x.example"}, "video_link"),
        ({"agenda": ""}, "agenda"),
    ],
)
def test_invalid_meeting(seeded, people, logs, change, field):
    with pytest.raises(ValidationFailed) as refused:
        meetings.call_meeting(seeded, people["kari"], logs["emma"].id, form(people, "lise", **change))
    assert field in refused.value.errors


def test_only_participants_can_be_invited_and_only_the_holder_calls(seeded, people, logs):
    with pytest.raises(ValidationFailed) as refused:
        meetings.call_meeting(seeded, people["kari"], logs["emma"].id, form(people, "per"))
    assert refused.value.errors == {"invitees": "error.invite_someone"}
    with pytest.raises(PermissionDenied):
        meetings.call_meeting(seeded, people["lise"], logs["emma"].id, form(people, "kari"))


def test_ics_files_hold_no_child_data(seeded, people, logs):
    meeting_id = meetings.call_meeting(seeded, people["kari"], logs["emma"].id, form(people, "lise"))
    single = meetings.meeting_ics(seeded, people["lise"], meeting_id)
    token = meetings.renew_feed(seeded, people["lise"])
    feed = meetings.feed_ics(seeded, token)
    for body, count in ((single, 1), (feed, 2)):  # the feed also has the seeded meeting Lise is invited to
        events = list(Calendar.from_ical(body).walk("VEVENT"))
        assert len(events) == count and all(str(e["SUMMARY"]) == "Stafett-møte" for e in events)
        assert all(e["DTEND"].dt - e["DTSTART"].dt == timedelta(minutes=60) for e in events)
        text = body.decode()
        for secret in ("Emma", "Andersen", "Åsen", "møterom", "Kari"):
            assert secret not in text
    seeded.commit()  # the refusal is audited in its own transaction, as each request is in the app
    with pytest.raises(PermissionDenied):
        meetings.meeting_ics(seeded, people["per"], meeting_id)


def test_renewing_the_feed_kills_the_old_address(seeded, people):
    old = meetings.renew_feed(seeded, people["lise"])
    new = meetings.renew_feed(seeded, people["lise"])
    assert meetings.feed_ics(seeded, old) is None and meetings.feed_ics(seeded, new) is not None
    assert meetings.feed_ics(seeded, "guess") is None
