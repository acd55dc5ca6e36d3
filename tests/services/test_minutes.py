"""Minutes: written by the holder or the chosen secretary, sent once as a message after the meeting begins."""

from datetime import timedelta

import pytest
from sqlmodel import select

from stafett_app.domain.dates import utcnow
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.models import ConversationMember, Meeting, Message, Notification
from stafett_app.services import messages, minutes


@pytest.fixture
def meeting(seeded, logs):
    found = seeded.exec(select(Meeting).where(Meeting.log_id == logs["emma"].id)).one()
    return found


def test_holder_writes_and_sends_minutes_to_the_invited(seeded, people, logs, meeting):
    kari = people["kari"]
    text = minutes.start_text(seeded, kari, meeting.id, "nb")
    assert text.startswith("Til stede: Kari Nilsen, Lise Andersen, Mona Dahl")  # answered yes or maybe
    minutes.save_minutes(seeded, kari, meeting.id, text + "Mona møter Emma i skolegården.")
    with pytest.raises(ValidationFailed) as early:
        minutes.send_minutes(seeded, kari, meeting.id, "nb")
    assert early.value.errors == {"minutes": "error.minutes_before_meeting"}

    meeting.starts_at = utcnow() - timedelta(hours=1)
    seeded.add(meeting)
    conversation_id = minutes.send_minutes(seeded, kari, meeting.id, "nb")
    message = seeded.exec(select(Message).where(Message.conversation_id == conversation_id)).one()
    assert message.kind == "minutes" and message.meeting_id == meeting.id and "skolegården" in message.body
    members = set(
        seeded.exec(
            select(ConversationMember.person_id).where(ConversationMember.conversation_id == conversation_id)
        ).all()
    )
    assert members == {people[name].id for name in ("kari", "lise", "ola", "siri", "mona")}
    notified = set(seeded.exec(select(Notification.person_id).where(Notification.kind == "message")).all())
    assert notified == members - {kari.id}
    assert messages.read_conversation(seeded, people["lise"], conversation_id, "nb")[0].kind_label == "Referat"
    with pytest.raises(ValidationFailed):  # sent once; later additions are new messages
        minutes.save_minutes(seeded, kari, meeting.id, "Endret i ettertid")


def test_only_the_chosen_secretary_writes_besides_the_holder(seeded, people, meeting):
    kari, siri, lise = people["kari"], people["siri"], people["lise"]
    seeded.commit()
    with pytest.raises(PermissionDenied):
        minutes.save_minutes(seeded, siri, meeting.id, "Siri skriver")
    minutes.choose_secretary(seeded, kari, meeting.id, siri.id)
    seeded.commit()
    minutes.save_minutes(seeded, siri, meeting.id, "Siri skriver")
    overview = minutes.overview(seeded, siri, meeting.log_id, "nb")
    assert overview.rows[0].can_write and overview.rows[0].secretary_name == "Siri Berg"
    assert overview.secretary_options == []  # only the holder chooses
    seeded.commit()
    with pytest.raises(PermissionDenied):  # a guardian cannot make herself the secretary
        minutes.choose_secretary(seeded, lise, meeting.id, lise.id)
    with pytest.raises(PermissionDenied):  # someone outside the log cannot be chosen
        minutes.choose_secretary(seeded, kari, meeting.id, people["hanne"].id)
