"""Secure messages: who takes part, unread counts, corrections with history, and the outbox."""

from datetime import timedelta

import pytest
from sqlmodel import select

from stafett_app.domain import messages as rules
from stafett_app.domain.errors import PermissionDenied, ValidationFailed
from stafett_app.models import AccessAttempt, Message, MessageRevision, Notification
from stafett_app.services import messages


def _start(session, person, log, **form):
    conversation_id = messages.start_conversation(
        session, person, log.id, {"subject": "Skoleveien", "body": "Hei alle!", **form}
    )
    session.flush()
    return conversation_id


def test_everyone_conversation_reaches_the_adults_and_the_young_person_but_not_the_child(seeded, people, logs):
    kari, lise, siri, emma = people["kari"], people["lise"], people["siri"], people["emma"]
    _start(seeded, kari, logs["emma"])
    # The newest first: the seeded one from last week comes after.
    assert [row.subject for row in messages.conversations_in(seeded, lise, logs["emma"].id, "nb")] == [
        "Skoleveien",
        "Frokost og skoleveien",
    ]
    assert messages.conversations_in(seeded, siri, logs["emma"].id, "nb")[0].unread == 1
    assert messages.conversations_in(seeded, kari, logs["emma"].id, "nb")[0].unread == 0  # one's own message is read
    # Emma (10) has the picture view; messages are between the adults.
    seeded.commit()  # a refusal is recorded in its own transaction
    with pytest.raises(PermissionDenied):
        messages.conversations_in(seeded, emma, logs["emma"].id, "nb")
    # The outbox: everyone who reads messages, except the sender; only a link, no content.
    notices = seeded.exec(select(Notification).where(Notification.kind == "message")).all()
    assert {n.person_id for n in notices} == {people[name].id for name in ("lise", "ola", "siri", "mona")}
    assert {n.link for n in notices} == {f"/logs/{logs['emma'].id}/messages"}
    # The young person from 15 reads and writes in his own log.
    jonas_conversation = _start(seeded, people["jonas"], logs["jonas"], subject="Mandager")
    assert messages.read_conversation(seeded, kari, jonas_conversation, "nb")[0].sender_name == "Jonas Strand"


def test_chosen_members_only(seeded, people, logs):
    kari, lise, siri = people["kari"], people["lise"], people["siri"]
    conversation_id = _start(
        seeded, kari, logs["emma"], audience="chosen", member_ids=[str(lise.id)], subject="Bare oss"
    )
    assert messages.conversations_in(seeded, lise, logs["emma"].id, "nb")[0].audience == "Kari"
    assert "Bare oss" not in [row.subject for row in messages.conversations_in(seeded, siri, logs["emma"].id, "nb")]
    seeded.commit()
    with pytest.raises(PermissionDenied):
        messages.read_conversation(seeded, siri, conversation_id, "nb")
    with pytest.raises(PermissionDenied):
        messages.send(seeded, siri, conversation_id, "Kan jeg være med?")
    assert seeded.exec(select(AccessAttempt).where(AccessAttempt.person_id == siri.id)).first() is not None
    notices = seeded.exec(select(Notification.person_id).where(Notification.kind == "message")).all()
    assert notices == [lise.id]


def test_members_must_be_in_the_log_and_someone_must_be_chosen(seeded, people, logs):
    kari = people["kari"]
    with pytest.raises(PermissionDenied):  # Hanne is Jonas's mother, not in Emma's log
        _start(seeded, kari, logs["emma"], audience="chosen", member_ids=[str(people["hanne"].id)])
    with pytest.raises(ValidationFailed) as refused:
        _start(seeded, kari, logs["emma"], audience="chosen", member_ids=[str(kari.id)], subject="", body="")
    assert refused.value.errors == {
        "subject": "error.required",
        "body": "error.required",
        "member_ids": "error.choose_someone",
    }


def test_strangers_and_readers_of_other_logs_are_refused(seeded, people, logs):
    conversation_id = _start(seeded, people["kari"], logs["emma"])
    seeded.commit()
    for outsider in ("per", "tor", "ingrid"):
        with pytest.raises(PermissionDenied):
            messages.read_conversation(seeded, people[outsider], conversation_id, "nb")
        with pytest.raises(PermissionDenied):
            messages.send(seeded, people[outsider], conversation_id, "Hei")


def test_unread_counts_go_down_when_read(seeded, people, logs):
    kari, lise = people["kari"], people["lise"]
    conversation_id = _start(seeded, kari, logs["emma"])
    messages.send(seeded, kari, conversation_id, "Husk møtet på torsdag.")
    assert messages.unread_by_log(seeded, lise) == {logs["emma"].id: 2}
    rows = messages.read_conversation(seeded, lise, conversation_id, "nb")
    assert [r.body for r in rows] == ["Hei alle!", "Husk møtet på torsdag."]
    assert messages.unread_total(seeded, lise) == 0
    messages.send(seeded, lise, conversation_id, "Takk!")
    assert messages.unread_total(seeded, kari) == 1 and messages.unread_total(seeded, lise) == 0


def test_sender_corrects_within_the_window_and_history_is_kept(seeded, people, logs):
    kari, lise = people["kari"], people["lise"]
    conversation_id = _start(seeded, kari, logs["emma"], body="Møtet er på tosdag.")
    message = seeded.exec(select(Message).where(Message.conversation_id == conversation_id)).one()
    with pytest.raises(PermissionDenied):  # never someone else's message
        messages.correct(seeded, lise, message.id, "Noe annet")
    messages.correct(seeded, kari, message.id, "Møtet er på torsdag.")
    row = messages.read_conversation(seeded, lise, conversation_id, "nb")[0]
    assert row.body == "Møtet er på torsdag." and row.corrected and not row.can_correct
    assert [h.body for h in row.history] == ["Møtet er på tosdag."]
    assert messages.read_conversation(seeded, kari, conversation_id, "nb")[0].can_correct
    # After the window the message stands as it is.
    message.sent_at -= rules.CORRECTION_WINDOW + timedelta(seconds=1)
    seeded.add(message)
    with pytest.raises(ValidationFailed) as refused:
        messages.correct(seeded, kari, message.id, "Møtet er på fredag.")
    assert refused.value.errors == {"body": "error.correction_window_over"}
    assert len(seeded.exec(select(MessageRevision)).all()) == 1


def test_passive_log_keeps_its_messages_readable_but_closed(seeded, people, logs):
    conversation_id = _start(seeded, people["kari"], logs["emma"])
    logs["emma"].status = "passive"
    seeded.add(logs["emma"])
    seeded.commit()
    assert messages.read_conversation(seeded, people["lise"], conversation_id, "nb")[0].body == "Hei alle!"
    seeded.commit()
    with pytest.raises(PermissionDenied):
        messages.send(seeded, people["lise"], conversation_id, "Hei igjen")


def test_one_notice_per_conversation_until_it_is_read(seeded, people, logs):
    kari, lise = people["kari"], people["lise"]
    conversation_id = _start(seeded, kari, logs["emma"], audience="chosen", member_ids=[str(lise.id)])

    def notices_to_lise():
        return len(
            seeded.exec(
                select(Notification).where(Notification.kind == "message", Notification.person_id == lise.id)
            ).all()
        )

    messages.send(seeded, kari, conversation_id, "Og en ting til.")
    messages.send(seeded, kari, conversation_id, "Og en til.")
    assert notices_to_lise() == 1  # three messages, one notice: she has not read yet
    messages.read_conversation(seeded, lise, conversation_id, "nb")
    messages.send(seeded, kari, conversation_id, "Takk for svar!")
    assert notices_to_lise() == 2  # read since: told again
