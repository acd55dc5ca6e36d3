"""An access check answers from one statement what it once read with two or three: a page load's from
the header's statement (the person's logs and roles, with a pending handover and whether they lead
its unit beside each log), any other from the log's row read with the same (open_log). Every way
gives the same answer for every person and log."""

from datetime import datetime

from sqlalchemy import event
from sqlmodel import Session, col, select

from stafett_app.domain.roles import LogRole
from stafett_app.models import Handover, Participant, Person, StafettLog, UnitLeader
from stafett_app.services import messages
from stafett_app.services.access import access_for, log_with_access


def _every_access(engine, person_ids: list[int], log_ids: list[int], *, first: str) -> tuple[dict, int]:
    """access_for of each person to each log, in one session per person (as a page load, which may
    check several logs: a list); and how many statements the checks themselves sent. `first`: "" (the
    log by its id, then the check), "header" (the header's statement before) or "log" (open_log's read)."""
    found, sent, counting = {}, [], [False]

    def count(*_args) -> None:
        if counting[0]:
            sent.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        for person_id in person_ids:
            with Session(engine) as session:
                person = session.get(Person, person_id)
                if first == "header":
                    messages.unread_total(session, person)
                for log_id in log_ids:
                    counting[0] = True
                    if first == "log":
                        log = log_with_access(session, person, log_id)
                    else:
                        counting[0] = False
                        log = session.get(StafettLog, log_id)
                        counting[0] = True
                    found[(person_id, log_id)] = access_for(session, log, person)
                    counting[0] = False
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return found, len(sent)


def test_the_header_read_answers_the_access_check_as_its_own_statement_does(seeded, people, logs):
    # A pending handover to someone already in the log, and a holder who leads her log's unit: the
    # two things read beside the roles, each true somewhere.
    liam, emma = logs["liam"], logs["emma"]
    handover = seeded.exec(select(Handover).where(Handover.log_id == liam.id)).one()
    assert handover.status == "pending"
    seeded.add(
        Participant(log_id=liam.id, person_id=handover.to_person_id, role=LogRole.ACTOR, added_at=datetime(2026, 1, 5))
    )
    holder_id = seeded.exec(
        select(Participant.person_id).where(Participant.log_id == emma.id, Participant.role == LogRole.HOLDER)
    ).first()
    seeded.add(UnitLeader(unit_id=emma.unit_id, person_id=holder_id))
    seeded.commit()
    engine = seeded.get_bind()

    # The demo logs, and everyone in them or leading their units.
    log_ids = [log.id for log in logs.values()]
    in_logs = set(
        seeded.exec(
            select(Participant.person_id, Participant.log_id).where(col(Participant.removed_at).is_(None))
        ).all()
    )
    units = {log.unit_id for log in logs.values()}
    leaders = seeded.exec(select(UnitLeader.person_id).where(col(UnitLeader.unit_id).in_(units))).all()
    person_ids = {p for p, log_id in in_logs if log_id in log_ids} | set(leaders)
    pairs = {(p, log_id) for p in person_ids for log_id in log_ids}

    on_their_own, own_statements = _every_access(engine, sorted(person_ids), log_ids, first="")
    after_the_header, header_statements = _every_access(engine, sorted(person_ids), log_ids, first="header")
    with_the_log, log_statements = _every_access(engine, sorted(person_ids), log_ids, first="log")

    assert after_the_header == on_their_own
    assert with_the_log == on_their_own
    assert log_statements == len(pairs)  # the log and the check in one statement each
    assert on_their_own[(handover.to_person_id, liam.id)].pending_handover_to_me
    assert on_their_own[(holder_id, emma.id)].is_unit_leader
    # Each pair where the person takes part in the log was answered without a statement of the check's own.
    assert header_statements <= own_statements - len(in_logs & pairs)
