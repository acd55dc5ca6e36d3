"""Notices: who gets one for which event, sending by e-mail and Web Push, each exactly once
even with several workers, and evaluation reminders once."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from stafett_app import routes
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.roles import LogRole
from stafett_app.models import (
    Concern,
    Glimmer,
    Goal,
    Measure,
    Notification,
    NotificationChoice,
    Participant,
    Person,
    PushSubscription,
    ReminderSent,
    ServerKey,
    StafettLog,
)
from stafett_app.services import meetings, notification_delivery, participation, plan_edit, web_push
from stafett_app.services.notifications import notify
from stafett_app.settings import Settings
from tests.notify_helpers import BrowserKeys, MailServer, PushService, vapid_claims

NEXT_WEEK = (today_in_norway() + timedelta(days=7)).isoformat()


def outbox(engine, **where) -> list[Notification]:
    with Session(engine) as session:
        query = select(Notification).order_by(col(Notification.id))
        for name, value in where.items():
            query = query.where(getattr(Notification, name) == value)
        return list(session.exec(query).all())


def settings_for(mail: MailServer | None = None, **changes) -> Settings:
    base = {
        "smtp_host": mail.host if mail else "",
        "smtp_port": mail.port if mail else 25,
        "smtp_tls": "none",
        "smtp_user": "",
        "smtp_password": "",
        "mail_from": "stafett@elvdal.example",
        "vapid_subject": "mailto:stafett@elvdal.example",
        "notify_interval": 1,
        "push_allow_local": True,
    }
    return Settings(**{**base, **changes})


@pytest.fixture
def mail():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def push_service():
    service = PushService()
    yield service
    service.stop()


def child_data(session: Session) -> list[str]:
    """Everything about the children that must never leave the app in a notice."""
    children = session.exec(select(Person).where(Person.kind == "child")).all()
    texts = [p.first_name for p in children] + [p.last_name for p in children]
    texts += [m.title for m in session.exec(select(Measure)).all()]
    texts += [c.text[:40] for c in session.exec(select(Concern)).all()]
    texts += [g.text[:40] for g in session.exec(select(Glimmer)).all()]
    texts += [g.text[:40] for g in session.exec(select(Goal)).all()]
    texts += [log.description[:40] for log in session.exec(select(StafettLog)).all() if log.description]
    return texts


# --- producers ---------------------------------------------------------------------------------


class TestProducers:
    def test_a_glimmer_tells_everyone_else_in_the_log_with_their_own_page(self, seeded, engine, people, logs):
        log_id = logs["emma"].id
        plan_edit.add_glimmer(seeded, people["kari"], log_id, {"text": "Emma hjalp en venn i dag."})
        seeded.commit()
        sent = {(n.person_id, n.kind, n.link) for n in outbox(engine)}
        assert sent == {
            (people["lise"].id, "glimmer", routes.family(log_id)),
            (people["ola"].id, "glimmer", routes.family(log_id)),
            (people["emma"].id, "glimmer", routes.child(log_id)),  # 10 years old: the picture page
            (people["siri"].id, "glimmer", routes.plan(log_id)),
            (people["mona"].id, "glimmer", routes.plan(log_id)),
        }  # not Kari, who wrote it

    def test_a_meeting_tells_the_invited(self, seeded, engine, people, logs):
        form = {
            "date": NEXT_WEEK,
            "time": "14:00",
            "duration": "60",
            "place": "Møterom 2",
            "agenda": meetings.agenda_template("nb", 60),
            f"invite_{people['lise'].id}": "on",
            f"invite_{people['siri'].id}": "on",
        }
        meetings.call_meeting(seeded, people["kari"], logs["emma"].id, form)
        seeded.commit()
        assert {(n.person_id, n.kind, n.link) for n in outbox(engine)} == {
            (people["lise"].id, "meeting", routes.CALENDAR),
            (people["siri"].id, "meeting", routes.CALENDAR),
        }

    def test_joining_a_log_is_an_invitation(self, seeded, engine, people, logs):
        log_id = logs["emma"].id
        participation.give_consent(seeded, people["lise"], log_id, [(people["per"].id, LogRole.READER)])
        participation.add_participant(seeded, people["kari"], log_id, people["per"].id, LogRole.READER)
        seeded.commit()
        assert [(n.person_id, n.kind, n.link) for n in outbox(engine)] == [
            (people["per"].id, "invitation", routes.MY_LOGS)
        ]

    def test_a_proposal_is_an_invitation_only_once_the_family_consents(self, seeded, engine, people, logs):
        log_id = logs["emma"].id
        participation.add_participant(seeded, people["kari"], log_id, people["anders"].id, LogRole.ACTOR)
        seeded.commit()
        assert outbox(engine) == []
        participation.consent_to_proposals(seeded, people["lise"], log_id)
        seeded.commit()
        assert [(n.person_id, n.kind) for n in outbox(engine)] == [(people["anders"].id, "invitation")]

    def test_activating_a_draft_invites_those_already_in_it(self, seeded, engine, people, logs):
        log_id = logs["oskar"].id
        oskar_guardian = people["nina"]
        seeded.add(Participant(log_id=log_id, person_id=oskar_guardian.id, role=LogRole.GUARDIAN, added_at=utcnow()))
        seeded.flush()
        participation.give_consent(seeded, oskar_guardian, log_id, [(people["siri"].id, LogRole.HOLDER)])
        participation.activate(seeded, people["siri"], log_id)
        seeded.commit()
        assert {(n.person_id, n.kind) for n in outbox(engine)} == {
            (people["oskar"].id, "invitation"),
            (oskar_guardian.id, "invitation"),
        }

    def test_notify_refuses_links_out_of_the_app(self, seeded, people):
        for link in ("https://evil.example/", "//evil.example/x", "logs"):
            with pytest.raises(ValueError):
                notify(seeded, [people["lise"].id], EventKind.MESSAGE, link)


# --- choices -----------------------------------------------------------------------------------


def test_choices_default_then_stored_and_unknown_kinds_refused(seeded, people):
    from stafett_app.domain.errors import ValidationFailed
    from stafett_app.domain.notifications import DEFAULT_CHANNELS, Channel

    lise = people["lise"]
    assert notification_delivery.current_choices(seeded, lise.id) == DEFAULT_CHANNELS
    notification_delivery.save_choices(seeded, lise, {"glimmer": (True, False), "meeting": (False, False)})
    seeded.commit()
    chosen = notification_delivery.current_choices(seeded, lise.id)
    assert chosen[EventKind.GLIMMER] == {Channel.EMAIL} and chosen[EventKind.MEETING] == frozenset()
    assert chosen[EventKind.MESSAGE] == DEFAULT_CHANNELS[EventKind.MESSAGE]
    with pytest.raises(ValidationFailed):
        notification_delivery.save_choices(seeded, lise, {"glimmer": (True, True), "salary": (True, True)})
    seeded.rollback()
    assert len(seeded.exec(select(NotificationChoice).where(NotificationChoice.person_id == lise.id)).all()) == 2


# --- e-mail ------------------------------------------------------------------------------------


def test_email_arrives_in_the_persons_language_without_child_data(seeded, engine, people, logs, mail):
    lise, siri = people["lise"], people["siri"]
    lise.language = "en"
    seeded.add(lise)
    plan_edit.add_glimmer(seeded, people["kari"], logs["emma"].id, {"text": "Emma delte matpakken sin med Ida."})
    notification_delivery.save_choices(seeded, lise, {"glimmer": (True, False)})  # lysglimt are push-only by default
    form = {
        "date": NEXT_WEEK,
        "time": "14:00",
        "duration": "60",
        "place": "Møterom 2",
        "agenda": meetings.agenda_template("nb", 60),
        f"invite_{siri.id}": "on",
    }
    meetings.call_meeting(seeded, people["kari"], logs["emma"].id, form)
    seeded.commit()

    assert notification_delivery.dispatch(engine, settings_for(mail), "worker-1") == 6
    to_lise, to_siri = mail.to("lise@elvdal.example"), mail.to("siri@elvdal.example")
    assert len(to_lise) == 1 and len(to_siri) == 1
    assert len(mail.received) == 2  # the others have only push for lysglimt, and no device
    english, bokmaal = to_lise[0], to_siri[0]
    assert english.subject == "New bright spot in Stafett"
    assert english.text.startswith("Something new is waiting for you in Stafett.")
    assert f"http://localhost:3000/logs/{logs['emma'].id}/family" in english.text
    assert "http://localhost:3000/settings/notifications" in english.text
    assert english.message["From"] == "stafett@elvdal.example"
    assert bokmaal.subject == "Møte i Stafett: innkalling eller endring"
    assert "Du har noe nytt i Stafett" in bokmaal.text and "http://localhost:3000/calendar" in bokmaal.text
    for received in (english, bokmaal):
        whole = received.raw.decode("utf-8", errors="replace") + received.subject + received.text
        leaked = [text for text in [*child_data(seeded), "matpakken", "Møterom"] if text in whole]
        assert leaked == []

    rows = outbox(engine)
    assert all(r.sent_at is not None and r.claimed_by == "worker-1" for r in rows)
    outcomes = {r.person_id: r.outcome for r in rows if r.kind == "glimmer"}
    assert outcomes[lise.id] == "email:sent"
    assert outcomes[people["ola"].id] == "push:none"
    assert notification_delivery.dispatch(engine, settings_for(mail), "worker-1") == 0  # nothing twice
    assert len(mail.received) == 2


def test_no_email_without_an_address_or_without_smtp(seeded, engine, people, logs, mail):
    lise = people["lise"]
    lise.email = ""
    seeded.add(lise)
    notify(seeded, [lise.id, people["siri"].id], EventKind.MESSAGE, "/messages")
    seeded.commit()
    notification_delivery.dispatch(engine, settings_for(None), "w")  # e-mail switched off
    notify(seeded, [lise.id], EventKind.MESSAGE, "/messages")
    seeded.commit()
    notification_delivery.dispatch(engine, settings_for(mail), "w")
    # Siri's row first (lower id), then Lise's; e-mail being off is what counts first
    assert [r.outcome.split()[0] for r in outbox(engine)] == ["email:off", "email:off", "email:no-address"]
    assert mail.received == []


def test_a_mail_server_that_is_down_is_tried_again_later(seeded, engine, people):
    notify(seeded, [people["siri"].id], EventKind.MESSAGE, "/messages")
    seeded.commit()
    down = settings_for(None, smtp_host="127.0.0.1", smtp_port=9)  # nothing listens there
    notification_delivery.dispatch(engine, down, "w")
    [row] = outbox(engine)
    assert row.sent_at is None and row.outcome == "email:failed push:none"
    assert notification_delivery.claim(engine, "w2") == []  # its claim is fresh
    assert notification_delivery.claim(
        engine, "w2", now=utcnow() + notification_delivery.STALE_CLAIM + timedelta(seconds=1)
    ) == [row.id]


def test_a_notice_that_cannot_be_sent_for_a_day_is_given_up(seeded, engine, people):
    notify(seeded, [people["siri"].id], EventKind.MESSAGE, "/messages")
    seeded.commit()
    down = settings_for(None, smtp_host="127.0.0.1", smtp_port=9)
    notification_delivery.dispatch(engine, down, "w")
    a_day_later = utcnow() + notification_delivery.GIVE_UP_AFTER + timedelta(minutes=1)
    assert notification_delivery.claim(engine, "w", now=a_day_later) == []
    [row] = outbox(engine)
    assert row.sent_at is not None and row.outcome == "gave-up email:failed push:none"


def test_a_broken_address_or_a_broken_row_does_not_stop_the_others(seeded, engine, people, mail, monkeypatch):
    siri = people["siri"]
    siri.email = "siri@elvdal.example\nBcc: someone@evil.example"
    seeded.add(siri)
    notify(seeded, [siri.id, people["kari"].id, people["lise"].id], EventKind.MESSAGE, "/messages")
    seeded.commit()
    real_job = notification_delivery._job
    kari_row_id = outbox(engine, person_id=people["kari"].id)[0].id

    def job(batch, notification_id):
        if notification_id == kari_row_id:  # a bug, say
            raise RuntimeError("boom")
        return real_job(batch, notification_id)

    monkeypatch.setattr(notification_delivery, "_job", job)
    assert notification_delivery.dispatch(engine, settings_for(mail), "w") == 3
    [siri_row], [kari_row], [lise_row] = (
        outbox(engine, person_id=people[name].id) for name in ("siri", "kari", "lise")
    )
    assert siri_row.outcome.startswith("email:bad-address") and siri_row.sent_at is not None
    assert kari_row.sent_at is None and kari_row.claimed_by == "w"  # tried again after STALE_CLAIM
    assert lise_row.outcome.startswith("email:sent")
    assert [r.recipients for r in mail.received] == [["lise@elvdal.example"]]


# --- exactly once ------------------------------------------------------------------------------


def test_the_outbox_is_worked_through_in_batches_one_statement_a_notice(seeded, engine, people):
    """A batch is claimed with one UPDATE and read with four queries; each notice then costs only the
    UPDATE that records it (it cost seven statements and three transactions)."""
    staff = [p.id for p in seeded.exec(select(Person).where(Person.kind == "staff")).all()]
    for n in range(3):
        notify(seeded, staff, EventKind.MESSAGE, f"/messages#n{n}")
    seeded.commit()
    notices = len(outbox(engine))
    executed = []
    count = lambda *_args: executed.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert notification_delivery.dispatch(engine, settings_for(None), "w") == notices
    finally:
        event.remove(engine, "before_cursor_execute", count)
    batches = -(-notices // notification_delivery.BATCH)
    assert len(executed) == notices + batches * (2 + 4) + 1  # + the last claim, which finds nothing


def test_a_stale_claim_is_taken_over_but_a_fresh_one_is_not(seeded, engine, people):
    notify(seeded, [people["lise"].id, people["siri"].id], EventKind.MESSAGE, "/messages")
    seeded.commit()
    first, second = (r.id for r in outbox(engine))
    assert notification_delivery.claim(engine, "a", limit=1) == [first]
    later = utcnow() + timedelta(minutes=2)
    assert notification_delivery.claim(engine, "b", now=later) == [second]
    much_later = utcnow() + timedelta(minutes=13)
    assert notification_delivery.claim(engine, "c", now=much_later) == [first, second]


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_two_workers_send_each_notice_exactly_once(seeded, engine, people, mail):
    # Real staff only: a practice log's invented colleague (the seed has one) is noticed through Kari.
    real_staff = select(Person).where(Person.kind == "staff", col(Person.practice_log_id).is_(None))
    staff = [p.id for p in seeded.exec(real_staff).all()]
    for n in range(12):
        notify(seeded, staff, EventKind.MESSAGE, f"/messages#n{n}")
    seeded.commit()
    expected = len(outbox(engine))
    assert expected == 12 * len(staff)

    barrier = threading.Barrier(3)
    handled: dict[str, int] = {}

    def work(name: str):
        barrier.wait()
        handled[name] = notification_delivery.dispatch(engine, settings_for(mail), name)

    threads = [threading.Thread(target=work, args=(f"worker-{i}",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(handled.values()) == expected
    links = sorted((r.recipients[0], r.text.splitlines()[1]) for r in mail.received)
    assert len(links) == expected and len(set(links)) == expected  # each (person, notice) once
    rows = outbox(engine)
    assert all(r.sent_at is not None for r in rows)
    assert {r.claimed_by for r in rows} <= set(handled)


# --- reminders -----------------------------------------------------------------------------------


def _measure_due_in_three_days(session, people, logs, *, responsible="mona", log="emma") -> Measure:
    goal = session.exec(
        select(Goal).join(Concern, col(Concern.id) == col(Goal.concern_id)).where(Concern.log_id == logs[log].id)
    ).first()
    today = today_in_norway()
    measure = Measure(
        goal_id=goal.id,
        title="Mona spiller kort med Emma i storefri",
        arena="service",
        responsible_id=people[responsible].id,
        start_date=today - timedelta(days=20),
        evaluation_date=today + timedelta(days=3),
        created_by_id=people["kari"].id,
        created_at=utcnow(),
    )
    session.add(measure)
    session.commit()
    return measure


def test_reminder_goes_to_the_responsible_and_the_holder_once(seeded, engine, people, logs):
    measure = _measure_due_in_three_days(seeded, people, logs)
    today = today_in_norway()
    # Four days ahead is not its day yet (the round still reminds of the seed's measure due today).
    notification_delivery.create_evaluation_reminders(engine, today - timedelta(days=1))
    before = len(outbox(engine, kind="evaluation_due"))
    assert notification_delivery.create_evaluation_reminders(engine, today) == 2
    assert notification_delivery.create_evaluation_reminders(engine, today) == 0
    rows = outbox(engine, kind="evaluation_due")[before:]
    assert {(r.person_id, r.link) for r in rows} == {
        (people["mona"].id, routes.plan(logs["emma"].id)),
        (people["kari"].id, routes.plan(logs["emma"].id)),
    }
    with Session(engine) as session:
        sent = session.exec(select(ReminderSent).where(ReminderSent.subject_id == measure.id)).all()
    assert {(r.subject_id, r.person_id, r.due_on) for r in sent} == {
        (measure.id, people["mona"].id, measure.evaluation_date),
        (measure.id, people["kari"].id, measure.evaluation_date),
    }


def test_no_reminder_for_ended_measures_closed_logs_or_people_who_left(seeded, engine, people, logs):
    ended = _measure_due_in_three_days(seeded, people, logs)
    ended.ended_at = utcnow()
    seeded.add(ended)
    _measure_due_in_three_days(seeded, people, logs, responsible="per")  # Per takes no part in Emma's log
    seeded.commit()
    assert notification_delivery.create_evaluation_reminders(engine, today_in_norway()) == 1
    assert [r.person_id for r in outbox(engine)] == [people["kari"].id]


def test_a_reminder_missed_while_the_server_was_down_is_made_up_once(seeded, engine, people, logs):
    measure = _measure_due_in_three_days(seeded, people, logs)
    today = today_in_norway()
    # The server was down on the reminder day (three days before); it runs again the day after.
    assert notification_delivery.create_evaluation_reminders(engine, today + timedelta(days=1)) == 2
    assert notification_delivery.create_evaluation_reminders(engine, today + timedelta(days=2)) == 0
    with Session(engine) as session:
        sent = session.exec(select(ReminderSent).where(ReminderSent.subject_id == measure.id)).all()
    assert {r.person_id for r in sent} == {people["mona"].id, people["kari"].id}
    # On the evaluation day itself nothing late is sent.
    assert notification_delivery.create_evaluation_reminders(engine, measure.evaluation_date) == 0


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_reminders_from_two_workers_at_once_are_made_once(seeded, engine, people, logs):
    _measure_due_in_three_days(seeded, people, logs)
    _measure_due_in_three_days(seeded, people, logs, responsible="lise")
    barrier = threading.Barrier(4)
    made: list[int] = []

    def work():
        barrier.wait()
        made.append(notification_delivery.create_evaluation_reminders(engine, today_in_norway()))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(made) == 4  # Mona, Lise, and Kari for each of the two measures
    rows = outbox(engine, kind="evaluation_due")
    assert sorted(r.person_id for r in rows) == sorted(
        [people["mona"].id, people["lise"].id, people["kari"].id, people["kari"].id]
    )


# --- Web Push ------------------------------------------------------------------------------------


def test_push_is_encrypted_for_the_device_signed_with_vapid_and_holds_no_child_data(
    seeded, engine, people, logs, push_service
):
    lise = people["lise"]
    keys = BrowserKeys.new()
    endpoint = f"{push_service.url}/push/lise-phone"
    web_push.save_subscription(seeded, lise, web_push.check_subscription(keys.subscription(endpoint), allow_local=True))
    plan_edit.add_glimmer(seeded, people["kari"], logs["emma"].id, {"text": "Emma bar sekken selv hele veien."})
    seeded.commit()

    notification_delivery.dispatch(engine, settings_for(None), "w")
    [request] = push_service.to("/push/lise-phone")
    assert request.headers["content-encoding"] == "aes128gcm" and int(request.headers["ttl"]) > 0
    notice = keys.decrypt(request.body)
    assert notice == {"title": "Stafett", "body": "Nytt lysglimt i Stafett", "url": routes.family(logs["emma"].id)}
    assert not any(text in str(notice) for text in child_data(seeded))

    public_key = web_push.application_server_key(web_push.vapid_private_key(engine))
    claims = vapid_claims(request.headers["authorization"], public_key)
    assert claims["aud"] == push_service.url and claims["sub"] == "mailto:stafett@elvdal.example"
    assert claims["exp"] > utcnow().timestamp()
    [row] = outbox(engine, person_id=lise.id)
    assert row.outcome == "push:sent=1" and row.sent_at is not None


def test_a_subscription_the_push_service_calls_gone_is_deleted(seeded, engine, people, push_service):
    lise = people["lise"]
    for name in ("gone/old-phone", "push/tablet"):
        keys = BrowserKeys.new()
        web_push.save_subscription(
            seeded, lise, web_push.check_subscription(keys.subscription(f"{push_service.url}/{name}"), allow_local=True)
        )
    notify(seeded, [lise.id], EventKind.MESSAGE, "/messages")
    seeded.commit()
    notification_delivery.dispatch(engine, settings_for(None), "w")
    with Session(engine) as session:
        left = [s.endpoint for s in session.exec(select(PushSubscription)).all()]
    assert left == [f"{push_service.url}/push/tablet"]
    assert outbox(engine)[0].outcome == "email:off push:gone=1,sent=1"


def test_an_unreachable_push_service_does_not_stop_the_round(seeded, engine, people):
    keys = BrowserKeys.new()
    web_push.save_subscription(
        seeded, people["siri"], web_push.check_subscription(keys.subscription("http://127.0.0.1:9/x"), allow_local=True)
    )
    notify(seeded, [people["siri"].id, people["lise"].id], EventKind.MEETING, "/calendar")
    seeded.commit()
    assert notification_delivery.dispatch(engine, settings_for(None), "w") == 2
    siri_row, lise_row = outbox(engine)
    assert (siri_row.outcome, lise_row.outcome) == ("email:off push:failed=1", "email:off push:none")
    assert siri_row.sent_at is None and lise_row.sent_at is not None  # Siri's is tried again later


def test_one_device_belongs_to_whoever_signed_in_last(seeded, people):
    keys = BrowserKeys.new()
    data = web_push.check_subscription(keys.subscription("https://fcm.googleapis.com/fcm/send/abc"), allow_local=False)
    web_push.save_subscription(seeded, people["kari"], data)
    seeded.flush()
    web_push.save_subscription(seeded, people["lise"], data)
    seeded.flush()
    assert [s.person_id for s in seeded.exec(select(PushSubscription)).all()] == [people["lise"].id]
    assert not web_push.remove_subscription(seeded, people["kari"], data.endpoint)
    assert web_push.remove_subscription(seeded, people["lise"], data.endpoint)


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_workers_starting_together_share_one_vapid_key(engine):
    barrier = threading.Barrier(4)
    keys: list[str] = []

    def work():
        barrier.wait()
        keys.append(web_push.vapid_private_key(engine))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(keys) == 4 and len(set(keys)) == 1
    with Session(engine) as session:
        assert len(session.exec(select(ServerKey)).all()) == 1
    assert len(web_push.application_server_key(keys[0])) == 87  # 65 bytes, base64url


@pytest.mark.parametrize(
    "endpoint,allow_local,ok",
    [
        ("https://fcm.googleapis.com/fcm/send/abc", False, True),
        ("https://web.push.apple.com/QG9", False, True),
        ("http://fcm.googleapis.com/fcm/send/abc", False, False),  # not encrypted on the way
        ("https://10.0.0.5/inside", False, False),  # an address in our own network
        ("https://[::1]/x", False, False),
        ("http://127.0.0.1:8000/push", False, False),  # local only for tests
        ("http://127.0.0.1:8000/push", True, True),
        ("http://localhost:8000/push", True, True),
        ("ftp://localhost/push", True, False),
        ("javascript:alert(1)", True, False),
    ],
)
def test_which_endpoints_are_accepted(endpoint, allow_local, ok):
    from stafett_app.domain.errors import ValidationFailed

    data = BrowserKeys.new().subscription(endpoint)
    if ok:
        assert web_push.check_subscription(data, allow_local=allow_local).endpoint == endpoint
    else:
        with pytest.raises(ValidationFailed):
            web_push.check_subscription(data, allow_local=allow_local)


@pytest.mark.parametrize(
    "broken",
    [
        None,
        [],
        {"endpoint": "https://push.example/x"},
        {"endpoint": 3, "keys": {"p256dh": "a", "auth": "b"}},
        {"endpoint": "https://push.example/x", "keys": {"p256dh": "AAAA", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}},
        {"endpoint": "https://push.example/" + "x" * 1000, "keys": {}},
    ],
)
def test_broken_subscriptions_are_refused(broken):
    from stafett_app.domain.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        web_push.check_subscription(broken, allow_local=True)
