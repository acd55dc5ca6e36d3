"""Fictional demo data for Elvdal, an invented small municipality.

Run with `python -m stafett_app.seed`. It fills an empty database and leaves a filled one alone.
Dates are relative to today, so the demo always has something due, overdue and evaluated.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from stafett_app.db import session_scope
from stafett_app.domain.dates import NORWAY, today_in_norway
from stafett_app.domain.lifecycle import ClosingReason
from stafett_app.domain.plan_rules import ConcernCategory
from stafett_app.domain.relay import FormerHolder, LogEventKind
from stafett_app.domain.roles import LogRole, PersonKind, UnitKind
from stafett_app.migrate import upgrade_to_head
from stafett_app.models import (
    AccessAttempt,
    Comment,
    Concern,
    Consent,
    ConsentAsk,
    ConsentEntry,
    ConsentRequest,
    ConsentRequestEntry,
    Conversation,
    ConversationRead,
    DeletionRequest,
    Evaluation,
    Glimmer,
    Goal,
    Handover,
    HandoverConcern,
    LogEvent,
    Measure,
    Meeting,
    MeetingInvite,
    Message,
    Observation,
    Participant,
    Person,
    StafettLog,
    Unit,
    UnitLeader,
)
from stafett_app.services.auth import DEMO_SUBJECT_PREFIX
from stafett_app.services.practice_log import start_practice_log


class _Seeder:
    def __init__(self, session: Session, today: date):
        self.s, self.today = session, today

    def add(self, row):
        self.s.add(row)
        self.s.flush()
        return row

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def at(self, offset: int) -> datetime:
        return datetime.combine(self.day(offset), time(9, 0))

    def person(
        self,
        slug,
        first,
        last,
        kind,
        *,
        title="",
        unit=None,
        leader=False,
        age=None,
        demo=True,
        may_hold=True,
        mobile="",
    ):
        birth = date(self.today.year - age, 3, 14) if age is not None else None
        person = self.add(
            Person(
                first_name=first,
                last_name=last,
                kind=kind,
                title=title,
                unit_id=unit.id if unit else None,
                is_leader=leader,
                birth_date=birth,
                email=f"{slug}@elvdal.example",
                mobile=mobile,
                may_hold_logs=kind == PersonKind.STAFF and may_hold,
                login_subject=f"{DEMO_SUBJECT_PREFIX}{slug}" if demo else f"seed:{slug}",
            )
        )
        if leader:
            self.add(UnitLeader(unit_id=unit.id, person_id=person.id))
        return person

    def log(self, child, unit, holder, *, level, status="active", description="", likes=("", ""), created=-120):
        log = self.add(
            StafettLog(
                child_id=child.id,
                unit_id=unit.id,
                status=status,
                level=level,
                description=description,
                interest_picture=likes[0],
                interest_text=likes[1],
                created_by_id=holder.id,
                created_at=self.at(created),
                activated_at=self.at(created + 2) if status != "draft" else None,
            )
        )
        self.join(log, holder, LogRole.HOLDER, created)
        self.join(log, child, LogRole.OWNER, created)
        return log

    def join(self, log, person, role, offset=-118):
        self.add(Participant(log_id=log.id, person_id=person.id, role=role, added_at=self.at(offset)))

    def consent(self, log, given_by, named, offset=-119, version=1):
        consent = self.add(Consent(log_id=log.id, version=version, given_by_id=given_by.id, given_at=self.at(offset)))
        for person, role in named:
            self.add(ConsentEntry(consent_id=consent.id, person_id=person.id, role=role))

    def event(self, log, kind, actor, offset, text=""):
        self.add(LogEvent(log_id=log.id, kind=kind, at=self.at(offset), actor_id=actor.id, text=text))

    def concern(self, log, author, text, category, understanding=""):
        return self.add(
            Concern(
                log_id=log.id,
                text=text,
                category=category,
                shared_understanding=understanding,
                created_by_id=author.id,
                created_at=self.at(-100),
            )
        )

    def goal(self, concern, author, text, parent=None):
        return self.add(
            Goal(
                concern_id=concern.id,
                parent_id=parent.id if parent else None,
                text=text,
                created_by_id=author.id,
                created_at=self.at(-100),
            )
        )

    def measure(self, goal, author, title, arena, responsible, *, start, evaluate, description="", picture=""):
        return self.add(
            Measure(
                goal_id=goal.id,
                title=title,
                description=description,
                arena=arena,
                responsible_id=responsible.id,
                start_date=self.day(start),
                evaluation_date=self.day(evaluate),
                picture=picture,
                created_by_id=author.id,
                created_at=self.at(start - 1),
            )
        )

    def evaluate(self, measure, by, result, outcome, text, on, who=""):
        self.add(
            Evaluation(
                measure_id=measure.id,
                result=result,
                outcome=outcome,
                text=text,
                participants_text=who,
                evaluated_on=self.day(on),
                recorded_by_id=by.id,
                recorded_at=self.at(on),
            )
        )

    def glimmer(self, log, author, text, offset):
        self.add(Glimmer(log_id=log.id, author_id=author.id, text=text, created_at=self.at(offset)))

    def conversation(self, log, subject, lines, *, read_by=()):
        """A conversation with everyone in the log; `lines` are (sender, text, day offset)."""
        first_at = self.at(lines[0][2])
        found = self.add(
            Conversation(
                log_id=log.id,
                subject=subject,
                with_everyone=True,
                started_by_id=lines[0][0].id,
                created_at=first_at,
                last_message_at=self.at(lines[-1][2]),
            )
        )
        sent = [
            self.add(Message(conversation_id=found.id, sender_id=who.id, body=text, sent_at=self.at(offset)))
            for who, text, offset in lines
        ]
        for person in read_by:
            self.add(ConversationRead(conversation_id=found.id, person_id=person.id, last_read_message_id=sent[-1].id))

    def comment(self, log, measure, author, text, offset):
        self.add(
            Comment(log_id=log.id, measure_id=measure.id, author_id=author.id, text=text, created_at=self.at(offset))
        )


def seed(session: Session, today: date | None = None) -> bool:
    """Fill an empty database. Returns False when there was data already."""
    if session.exec(select(Unit)).first() is not None:
        return False
    d = _Seeder(session, today or today_in_norway())
    school = d.add(Unit(name="Åsen skole", kind=UnitKind.SCHOOL))
    kindergarten = d.add(Unit(name="Solsikken barnehage", kind=UnitKind.KINDERGARTEN))
    health = d.add(Unit(name="Helsestasjonen i Elvdal", kind=UnitKind.HEALTH))
    ppt = d.add(Unit(name="PPT Elvdal", kind=UnitKind.PPT))

    S, G, C = PersonKind.STAFF, PersonKind.GUARDIAN, PersonKind.CHILD
    kari = d.person("kari", "Kari", "Nilsen", S, title="Kontaktlærer", unit=school)
    ingrid = d.person("ingrid", "Ingrid", "Haugen", S, title="Pedagogisk leder", unit=kindergarten)
    siri = d.person("siri", "Siri", "Berg", S, title="Helsesykepleier", unit=health)
    lise = d.person("lise", "Lise", "Andersen", G, mobile="+4791234567")
    emma = d.person("emma", "Emma", "Andersen", C, age=10)
    jonas = d.person("jonas", "Jonas", "Strand", C, age=16)
    # The leader and the unrelated teacher hold no roles in any log: that is the point.
    tor = d.person("tor", "Tor", "Johansen", S, title="Rektor", unit=school, leader=True)
    # Tor heads the kindergarten too (as in a small oppvekstsenter): one person, two units.
    d.add(UnitLeader(unit_id=kindergarten.id, person_id=tor.id))
    d.person("per", "Per", "Hansen", S, title="Faglærer", unit=school)
    ola = d.person("ola", "Ola", "Andersen", G, demo=False)
    # Mona works on measures but has not been given the right to hold logs.
    mona = d.person("mona", "Mona", "Dahl", S, title="Miljøarbeider", unit=school, demo=False, may_hold=False)
    anders = d.person("anders", "Anders", "Lie", S, title="Rådgiver", unit=ppt, demo=False)
    hanne = d.person("hanne", "Hanne", "Strand", G, demo=False)
    ahmed = d.person("ahmed", "Ahmed", "Khalil", G, demo=False)
    noah = d.person("noah", "Noah", "Khalil", C, age=4, demo=False)
    sara = d.person("sara", "Sara", "Moen", C, age=12, demo=False)
    nina = d.person("nina", "Nina", "Moen", G, demo=False)
    oskar = d.person("oskar", "Oskar", "Vik", C, age=8, demo=False)
    # The municipality's project lead: the administrator on /admin, no role in any log.
    astrid = d.person("astrid", "Astrid", "Moe", S, title="Prosjektleder BTI")
    astrid.is_admin = True

    # Emma, 10: late for school, and alone in the breaks. Level 2: the health nurse takes part.
    log = d.log(
        emma,
        school,
        kari,
        level=2,
        description="Emma går i 5. klasse. Hun er nysgjerrig, glad i dyr og tegner mye.",
        likes=("drawing", "å tegne"),
    )
    for person, role in (
        (lise, LogRole.GUARDIAN),
        (ola, LogRole.GUARDIAN),
        (siri, LogRole.ACTOR),
        (mona, LogRole.ACTOR),
    ):
        d.join(log, person, role)
    d.consent(log, lise, [(kari, LogRole.HOLDER), (siri, LogRole.ACTOR), (mona, LogRole.ACTOR)])
    late = d.concern(
        log,
        kari,
        "Emma kommer for sent til skolen tre av fem dager og har ofte ikke spist frokost.",
        "absence",
        "Vi ser etter hva som skjer om morgenen hjemme og på skoleveien. Det har vart siden høstferien.",
    )
    on_time = d.goal(late, kari, "Emma er på skolen klokka 08.15 alle skoledager.")
    breakfast = d.goal(late, kari, "Emma spiser frokost hjemme før hun går.", parent=on_time)
    meet = d.measure(
        on_time, kari, "Mona møter Emma i skolegården klokka 08.10", "service", mona, start=-70, evaluate=10
    )
    d.evaluate(
        meet, kari, "green", "continue", "Emma kom i tide 9 av 10 dager. Hun liker å bli møtt.", -49, "Lise, Kari, Mona"
    )
    wake = d.measure(
        breakfast,
        kari,
        "Lise vekker Emma klokka 07.00 og lager frokost",
        "home",
        lise,
        start=-70,
        evaluate=21,
        picture="breakfast",
    )
    d.evaluate(
        wake,
        kari,
        "red",
        "adjust",
        "Det ble for travelt. Vi prøver å legge fram frokosten kvelden før.",
        -42,
        "Lise, Ola, Kari",
    )
    d.evaluate(wake, kari, "green", "continue", "Frokost på bordet kvelden før fungerer godt.", -14, "Lise, Kari")
    clothes = d.measure(
        on_time,
        kari,
        "Emma legger fram klær og sekk kvelden før",
        "child",
        emma,
        start=-30,
        evaluate=-5,
        picture="clothes",
    )
    d.comment(log, clothes, lise, "Emma har husket det fire kvelder denne uka.", -8)
    lonely = d.concern(log, kari, "Emma står alene i friminuttene og sier at hun ikke har noen å være med.", "social")
    friend = d.goal(lonely, kari, "Emma leker med minst én venn i storefri.")
    d.measure(
        friend,
        kari,
        "Kari setter opp faste lekegrupper i storefri mandag og onsdag",
        "service",
        kari,
        start=-20,
        evaluate=12,
    )
    d.measure(
        friend,
        kari,
        "Emma velger en lek hun lærer bort til gruppa",
        "child",
        emma,
        start=-20,
        evaluate=0,
        picture="board_game",
    )
    d.glimmer(log, mona, "Emma lærte bort «haien kommer» til hele gruppa i dag. Alle ville være med!", -3)
    d.glimmer(log, lise, "Emma hadde med matpakke hver dag denne uka.", -1)
    meeting = d.add(
        Meeting(
            log_id=log.id,
            starts_at=datetime.combine(d.day(8), time(13, 0), tzinfo=NORWAY).astimezone(UTC).replace(tzinfo=None),
            duration_minutes=60,
            place="Åsen skole, møterom 2",
            agenda="1. Hvordan har det gått? (10 min)\n2. Hva gjør vi videre? (50 min)",
            called_by_id=kari.id,
            created_at=d.at(-2),
        )
    )
    for person, answer in ((kari, "yes"), (lise, "yes"), (ola, ""), (siri, ""), (mona, "maybe")):
        d.add(
            MeetingInvite(
                meeting_id=meeting.id, person_id=person.id, response=answer, responded_at=d.at(-1) if answer else None
            )
        )
    d.conversation(
        log,
        "Frokost og skoleveien",
        [
            (kari, "Hei! Mona møter Emma i skolegården hver morgen nå. Si gjerne fra om noe endrer seg hjemme.", -4),
            (lise, "Takk! Emma gleder seg til å bli møtt. Vi legger fram frokosten kvelden før.", -3),
        ],
        read_by=(kari, lise),
    )

    # Jonas, 16: absence on Mondays. He consents himself. Level 3: PPT takes part.
    log = d.log(
        jonas,
        school,
        kari,
        level=3,
        description="Jonas går i 10. klasse, spiller fotball og vil bli elektriker.",
        likes=("football", "fotball"),
    )
    d.join(log, hanne, LogRole.GUARDIAN)
    d.join(log, anders, LogRole.ACTOR)
    d.consent(log, jonas, [(kari, LogRole.HOLDER), (anders, LogRole.ACTOR)])
    absence = d.concern(
        log, kari, "Jonas har vært borte fra skolen 14 dager dette halvåret, oftest på mandager.", "absence"
    )
    mondays = d.goal(absence, kari, "Jonas er på skolen alle mandager fram til jul.")
    talk = d.measure(
        mondays,
        kari,
        "Anders snakker med Jonas hver fredag om uka som kommer",
        "service",
        anders,
        start=-60,
        evaluate=9,
    )
    d.evaluate(
        talk,
        anders,
        "green",
        "continue",
        "Jonas sier samtalene hjelper. Fire mandager på rad på skolen.",
        -30,
        "Jonas, Hanne, Anders",
    )
    d.evaluate(
        talk,
        anders,
        "red",
        "adjust",
        "To mandager borte etter høstferien. Vi flytter samtalen til torsdag.",
        -5,
        "Jonas, Anders, Kari",
    )
    d.measure(mondays, kari, "Hanne kjører Jonas til skolen på mandager", "home", hanne, start=-60, evaluate=9)
    d.glimmer(log, anders, "Jonas var på skolen hele uka og hjalp en ny elev i gymmen.", -2)
    d.measure(
        mondays,
        kari,
        "Jonas sender Kari en melding søndag kveld om hvordan han har det",
        "child",
        jonas,
        start=-40,
        evaluate=-3,
        picture="phone_call",
    )

    # Noah, 4: few words. Level 1, in the kindergarten.
    log = d.log(
        noah,
        kindergarten,
        ingrid,
        level=1,
        description="Noah er 4 år, glad i biler og å bygge.",
        likes=("building", "å bygge"),
    )
    d.join(log, ahmed, LogRole.GUARDIAN)
    d.consent(log, ahmed, [(ingrid, LogRole.HOLDER)])
    words = d.concern(log, ingrid, "Noah bruker få ord og peker i stedet for å si hva han vil ha.", "language")
    two_words = d.goal(words, ingrid, "Noah sier hva han vil ha med to ord ved måltidene.")
    book = d.measure(
        two_words,
        ingrid,
        "Ingrid leser bildebok med Noah fem minutter hver dag",
        "service",
        ingrid,
        start=-50,
        evaluate=20,
    )
    d.evaluate(book, ingrid, "green", "continue", "Noah peker og sier ordene selv nå.", -20, "Ahmed, Ingrid")
    d.measure(two_words, ingrid, "Ahmed snakker med Noah om maten ved middagen", "home", ahmed, start=-50, evaluate=15)
    song = d.measure(
        two_words,
        ingrid,
        "Noah velger dagens sang på samlingsstund",
        "child",
        noah,
        start=-50,
        evaluate=25,
        picture="singing",
    )
    d.evaluate(
        song,
        ingrid,
        "red",
        "adjust",
        "Noah syntes det var skummelt foran alle. Vi prøver med én voksen og to barn.",
        -20,
        "Ahmed, Ingrid",
    )

    # Sara, 12: closed after the goals were reached.
    log = d.log(
        sara,
        school,
        siri,
        level=1,
        status="passive",
        created=-400,
        description="Sara er 12 år og glad i å svømme.",
        likes=("swimming", "å svømme"),
    )
    log.closed_at, log.closing_note = d.at(-60), "Målene er nådd. Sara og familien trenger ikke lenger planen."
    log.closing_reason = ClosingReason.GOALS_REACHED  # passive, and can be reopened with a new consent
    d.event(log, LogEventKind.CLOSED, siri, -60, text=log.closing_note)
    d.join(log, nina, LogRole.GUARDIAN, -400)
    d.consent(log, nina, [(siri, LogRole.HOLDER)], offset=-400)
    sleep = d.concern(log, siri, "Sara sovner sent og er trett på skolen.", "wellbeing")
    rest = d.goal(sleep, siri, "Sara sover før klokka 22 på skoledager.")
    screen = d.measure(rest, siri, "Nina tar inn mobilen klokka 21", "home", nina, start=-300, evaluate=-270)
    d.evaluate(
        screen, siri, "green", "end", "Sara sover tidligere og er opplagt om morgenen.", -270, "Nina, Sara, Siri"
    )
    screen.ended_at = d.at(-270)  # "end" closes the measure, as evaluate_measure does in the app

    # Oskar, 8: the health nurse's early observations, not yet shared with anyone.
    log = d.log(
        oskar, health, siri, level=0, status="draft", created=-7, description="Observasjoner fra helsestasjonen."
    )
    d.concern(log, siri, "Oskar har hatt vondt i magen før skolen fem ganger de siste to ukene.", "health")
    for offset, kind, text in (
        (-7, "observation", "Oskar kom til helsestasjonen med vondt i magen. Tredje gang denne måneden."),
        (-4, "observation", "Oskar sa at han gruer seg til friminuttene."),
        (-2, "talk", "Snakket med lederen min. Vi venter med å kontakte skolen til jeg har snakket med foreldrene."),
    ):
        d.add(
            Observation(
                log_id=log.id,
                author_id=siri.id,
                kind=kind,
                observed_on=d.day(offset),
                text=text,
                created_at=d.at(offset),
            )
        )

    _relay_examples(d, school, kindergarten, ingrid)
    _seed_lower_secondary(d)
    # Kari's practice log (domain.practice), started three days ago: invented people, deleted after 30 days.
    practice = session.get(StafettLog, start_practice_log(session, kari))
    practice.created_at = d.at(-3)  # type: ignore[union-attr]
    session.add(practice)
    return True


# Invented names for the generated unit; combined deterministically, never taken from a register.
_FIRST_NAMES = [
    "Aksel",
    "Alva",
    "Birk",
    "Dina",
    "Eirik",
    "Frida",
    "Gard",
    "Hedda",
    "Isak",
    "Julie",
    "Kasper",
    "Lea",
    "Magnus",
    "Nora",
    "Oliver",
    "Pia",
    "Rasmus",
    "Selma",
    "Theo",
    "Tiril",
    "Ulrik",
    "Vilde",
    "Wilmer",
    "Ylva",
]
_LAST_NAMES = [
    "Aune",
    "Bakke",
    "Dalen",
    "Engen",
    "Fjell",
    "Grande",
    "Holm",
    "Lund",
    "Moe",
    "Nes",
    "Rud",
    "Sande",
    "Tangen",
    "Vik",
    "Aas",
]
_UNIT_LOGS = 60
# Every how many generated logs one is closed, lacks a holder or stands idle.
_CLOSED_EVERY, _WITHOUT_HOLDER_EVERY, _IDLE_EVERY = 15, 12, 5
_NO_REMINDERS_DAYS = 10
_EVALUATED_BEFORE = -20  # a measure due earlier than this was evaluated and goes on


def _seed_lower_secondary(d: _Seeder) -> None:
    """A second school with about sixty logs, so a leader's figures and list have something real in them.

    The same every time (a fixed random seed): levels, categories, overdue and idle logs, a few
    without a holder and a few closed ones."""
    pick = random.Random(13)  # noqa: S311 - the same demo every time, not a secret
    unit = d.add(Unit(name="Elvdal ungdomsskole", kind=UnitKind.SCHOOL))
    S, C = PersonKind.STAFF, PersonKind.CHILD
    d.person("marte", "Marte", "Solberg", S, title="Rektor", unit=unit, leader=True)
    holders = [
        d.person(f"u-holder-{n}", first, last, S, title="Kontaktlærer", unit=unit, demo=False)
        for n, (first, last) in enumerate([("Geir", "Myhre"), ("Hilde", "Fossum"), ("Jon", "Eide"), ("Randi", "Foss")])
    ]
    categories = [c.value for c in ConcernCategory]
    logs = []
    for n in range(_UNIT_LOGS):
        first = _FIRST_NAMES[n % len(_FIRST_NAMES)]
        child = d.person(f"u-child-{n}", first, pick.choice(_LAST_NAMES), C, age=13 + n % 4, demo=False)
        holder = holders[n % len(holders)]
        status = "passive" if (n + 1) % _CLOSED_EVERY == 0 else "active"
        # Started 70 to 210 days ago: each has had its first two-monthly archive copy, and none turns
        # a year old within the next five months (the archive tests count on both).
        created = -pick.randint(70, 210)
        log = d.log(child, unit, holder, level=1 + pick.randrange(3), status=status, created=created)
        logs.append(log)
        if (n + 7) % _WITHOUT_HOLDER_EVERY == 0:  # the holder left the log: it needs a new one
            log_holder = d.s.exec(
                select(Participant).where(Participant.log_id == log.id, Participant.role == LogRole.HOLDER)
            ).one()
            log_holder.removed_at = d.at(-10)
        concern = d.concern(log, holder, "Generert bekymring for demonstrasjon.", categories[n % len(categories)])
        goal = d.goal(concern, holder, "Generert mål.")
        idle = n % _IDLE_EVERY == 0  # nothing written for months: the relay may have stopped
        evaluate = pick.randint(-40, 40)
        if 0 <= evaluate <= _NO_REMINDERS_DAYS:
            # Nothing generated is due in the coming days: the reminders then are the demo's own
            # (and the notification tests count them).
            evaluate += _NO_REMINDERS_DAYS + 1
        start = max(created + 3, -200) if idle else max(created + 3, evaluate - 60)
        measure = d.measure(goal, holder, "Generert tiltak", "school", holder, start=start, evaluate=evaluate)
        if idle:
            measure.created_at = d.at(created + 3)
        elif evaluate < _EVALUATED_BEFORE:
            d.evaluate(measure, holder, "green", "continue", "Generert evaluering.", evaluate)
            measure.evaluation_date = d.day(evaluate + 60)  # goes on; due again after the reminder days
        if not idle:  # something written lately
            d.glimmer(log, holder, "Fin uke!", -pick.randint(1, 20))
    # A teacher tried to open logs she has no part in: the leader follows that up.
    for offset, log, action in ((-2, logs[1], "view_plan"), (-3, logs[2], "view_plan"), (-4, logs[1], "read_messages")):
        d.add(AccessAttempt(person_id=holders[3].id, log_id=log.id, action=action, at=d.at(offset)))


def _relay_examples(d: _Seeder, school: Unit, kindergarten: Unit, ingrid: Person) -> None:
    """The relay's beginning and end: a log waiting for consent, a handover from the kindergarten
    to the school, and a withdrawn log whose family asks for deletion."""
    S, G, C = PersonKind.STAFF, PersonKind.GUARDIAN, PersonKind.CHILD
    eva = d.person("eva", "Eva", "Lund", S, title="Kontaktlærer 1. trinn", unit=school)
    maria = d.person("maria", "Maria", "Solberg", G, mobile="+4741234567")
    ella = d.person("ella", "Ella", "Solberg", C, age=5, demo=False)
    kristin = d.person("kristin", "Kristin", "Berg", G, mobile="+4798765432")
    ida = d.person("ida", "Ida", "Berg", C, age=9, demo=False)
    tobias = d.person("tobias", "Tobias", "Lunde", G, demo=False)
    liam = d.person("liam", "Liam", "Lunde", C, age=6, demo=False)

    # Ella, 5: Ingrid's draft, the guardian registered and asked; the consent is not on record yet.
    log = d.log(ella, kindergarten, ingrid, level=0, status="draft", created=-10)
    d.add(
        Observation(
            log_id=log.id,
            author_id=ingrid.id,
            kind="observation",
            observed_on=d.day(-10),
            text="Ella gråter lenge ved levering og vil ikke slippe mamma.",
            created_at=d.at(-10),
        )
    )
    d.join(log, maria, LogRole.GUARDIAN, -6)
    request = d.add(ConsentRequest(log_id=log.id, asked_by_id=ingrid.id, asked_at=d.at(-5)))
    d.add(
        ConsentRequestEntry(
            request_id=request.id, person_id=ingrid.id, role=LogRole.HOLDER, why="Ingrid er Ellas pedagogiske leder."
        )
    )
    d.add(ConsentAsk(request_id=request.id, person_id=maria.id))
    d.event(log, LogEventKind.CONSENT_ASKED, ingrid, -5)

    # Liam, 6: starts school in August. Ingrid proposes Eva at the school as the new holder; the
    # family consented to the school taking part, and Eva has not answered yet.
    log = d.log(
        liam,
        kindergarten,
        ingrid,
        level=2,
        description="Liam er 6 år og glad i dinosaurer.",
        likes=("building", "å bygge"),
    )
    d.join(log, tobias, LogRole.GUARDIAN)
    d.join(log, eva, LogRole.READER)
    d.consent(log, tobias, [(ingrid, LogRole.HOLDER), (eva, LogRole.READER)])
    along = d.concern(log, ingrid, "Liam trekker seg unna når det blir mange barn rundt ham.", "social")
    d.concern(log, ingrid, "Liam sover middag lenge og er trett på ettermiddagen.", "wellbeing")
    handover = d.add(
        Handover(
            log_id=log.id,
            from_holder_id=ingrid.id,
            to_person_id=eva.id,
            proposed_by_id=ingrid.id,
            proposed_at=d.at(-2),
            reason="Liam begynner på Åsen skole i august.",
            former=FormerHolder.ACTOR,
            closing_note="Søvnen hører til barnehagedagen og følger ikke med til skolen.",
        )
    )
    d.add(HandoverConcern(handover_id=handover.id, concern_id=along.id))
    d.event(log, LogEventKind.HANDOVER_PROPOSED, ingrid, -2, text=handover.reason)

    # Ida, 9: the family withdrew the consent, and now asks the school's leader to delete the log.
    log = d.log(ida, school, eva, level=1, status="passive", created=-200, description="Ida er 9 år og liker å lese.")
    d.join(log, kristin, LogRole.GUARDIAN, -200)
    d.consent(log, kristin, [(eva, LogRole.HOLDER)], offset=-199)
    consent = d.s.exec(select(Consent).where(Consent.log_id == log.id)).one()
    consent.withdrawn_at, consent.withdrawn_by_id = d.at(-20), kristin.id
    log.closed_at, log.closing_reason = d.at(-20), ClosingReason.CONSENT_WITHDRAWN
    d.event(log, LogEventKind.CONSENT_WITHDRAWN, kristin, -20)
    d.add(DeletionRequest(log_id=log.id, requested_by_id=kristin.id, requested_at=d.at(-1)))
    d.event(log, LogEventKind.DELETION_REQUESTED, kristin, -1)


def main() -> None:
    upgrade_to_head()
    with session_scope() as session:
        created = seed(session)
    print("Demo data created." if created else "Database already has data; nothing seeded.")


if __name__ == "__main__":
    main()
