"""The holder moves or cancels a meeting; the invited are asked again and told, nobody else can."""

from datetime import timedelta

import pytest
from sqlmodel import select

from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.errors import PermissionDenied
from stafett_app.models import Meeting, MeetingInvite, Notification
from stafett_app.services import meetings


@pytest.fixture
def meeting(seeded, logs):
    return seeded.exec(select(Meeting).where(Meeting.log_id == logs["emma"].id)).one()


def _answers(session, meeting_id):
    return {
        i.person_id: i.response
        for i in session.exec(select(MeetingInvite).where(MeetingInvite.meeting_id == meeting_id)).all()
    }


def test_moving_a_meeting_asks_again_and_tells_the_invited(seeded, people, meeting):
    kari = people["kari"]
    form = meetings.form_values(seeded, kari, meeting.id)
    assert form["time"] == "13:00" and form[f"invite_{people['lise'].id}"] == "on"
    form |= {
        "date": (today_in_norway() + timedelta(days=9)).isoformat(),
        "time": "08:30",
        f"invite_{people['mona'].id}": "off",
    }
    meetings.change_meeting(seeded, kari, meeting.id, form)
    answers = _answers(seeded, meeting.id)
    assert people["mona"].id not in answers  # no longer invited
    assert answers[people["lise"].id] == "" and answers[kari.id] == "yes"  # asked again; the holder still comes
    told = set(seeded.exec(select(Notification.person_id).where(Notification.kind == "meeting")).all())
    assert told == {people[name].id for name in ("lise", "ola", "siri", "mona")}
    items = [i for i in meetings.calendar_for(seeded, people["lise"], "nb") if i.kind == "meeting"]
    assert [i.time for i in items] == ["08:30"]


def test_cancelled_meeting_leaves_the_calendars(seeded, people, meeting):
    meetings.cancel_meeting(seeded, people["kari"], meeting.id)
    assert [i for i in meetings.calendar_for(seeded, people["lise"], "nb") if i.kind == "meeting"] == []
    assert len(seeded.exec(select(Notification).where(Notification.kind == "meeting")).all()) == 4
    seeded.commit()
    with pytest.raises(PermissionDenied):  # a cancelled meeting is not changed again
        meetings.cancel_meeting(seeded, people["kari"], meeting.id)


def test_only_the_holder_changes_and_not_after_it_began(seeded, people, meeting):
    seeded.commit()
    for someone in ("lise", "siri", "per"):
        with pytest.raises(PermissionDenied):
            meetings.cancel_meeting(seeded, people[someone], meeting.id)
    meeting.starts_at = utcnow() - timedelta(minutes=5)
    seeded.add(meeting)
    seeded.commit()
    with pytest.raises(PermissionDenied):
        meetings.form_values(seeded, people["kari"], meeting.id)
