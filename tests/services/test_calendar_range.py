"""The calendar's optional date range: beyond the agenda's window, narrowing only, same permission filter."""

from datetime import timedelta

from stafett_app.domain.dates import today_in_norway
from stafett_app.services import meetings
from tests.services.test_meetings import form

FAR_AHEAD = today_in_norway() + timedelta(days=200)


def test_a_date_range_reaches_beyond_the_agenda_window(seeded, people, logs):
    meeting_id = meetings.call_meeting(
        seeded, people["kari"], logs["emma"].id, form(people, "lise", date=FAR_AHEAD.isoformat(), time="09:30")
    )
    agenda = meetings.calendar_for(seeded, people["lise"], "nb")
    assert meeting_id not in [i.meeting_id for i in agenda]  # the list keeps its four months ahead
    week = meetings.calendar_for(
        seeded, people["lise"], "nb", start=FAR_AHEAD - timedelta(days=3), end=FAR_AHEAD + timedelta(days=3)
    )
    assert [(i.meeting_id, i.iso_day, i.time, i.child_first_name) for i in week] == [
        (meeting_id, FAR_AHEAD.isoformat(), "09:30", "Emma")
    ]
    assert (
        meetings.calendar_for(
            seeded, people["lise"], "nb", start=FAR_AHEAD + timedelta(days=1), end=FAR_AHEAD + timedelta(days=7)
        )
        == []
    )


def test_a_range_only_narrows_and_keeps_the_permission_filter(seeded, people):
    today = today_in_norway()
    first, last = today.isoformat(), (today + timedelta(days=13)).isoformat()
    agenda = meetings.calendar_for(seeded, people["kari"], "nb")
    ranged = meetings.calendar_for(seeded, people["kari"], "nb", start=today, end=today + timedelta(days=13))
    assert ranged and [i.sort_key for i in ranged] == [i.sort_key for i in agenda if first <= i.iso_day <= last]
    wide = {"start": today - timedelta(days=400), "end": today + timedelta(days=400)}
    # Per takes part in no log; Kari never sees Noah's log (Ingrid's); Siri only Emma's (her own log is closed).
    assert meetings.calendar_for(seeded, people["per"], "nb", **wide) == []
    assert {i.child_first_name for i in meetings.calendar_for(seeded, people["kari"], "nb", **wide)} == {
        "Emma",
        "Jonas",
    }
    assert {i.child_first_name for i in meetings.calendar_for(seeded, people["siri"], "nb", **wide)} == {"Emma"}


def test_a_meeting_belongs_to_its_local_day_at_either_edge_of_the_range(seeded, people, logs):
    # Stored in UTC: 00:30 and 23:30 in Norway fall on the UTC day before and (in summer) the same day.
    day = today_in_norway() + timedelta(days=20)
    early, late = (
        meetings.call_meeting(
            seeded, people["kari"], logs["emma"].id, form(people, "lise", date=day.isoformat(), time=at)
        )
        for at in ("00:30", "23:30")
    )

    def found(start, end) -> list[int]:
        return [i.meeting_id for i in meetings.calendar_for(seeded, people["lise"], "nb", start=start, end=end)]

    assert {early, late} <= set(found(day, day))
    assert not {early, late} & set(found(day - timedelta(days=1), day - timedelta(days=1)))
    assert not {early, late} & set(found(day + timedelta(days=1), day + timedelta(days=1)))
