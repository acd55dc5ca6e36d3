"""Time and peak memory to make an archive copy's PDF/A: the largest demo log, and a generated log
with 40 measures and 200 comments. No server needed: a throw-away SQLite database.

Run: .venv/bin/python bench/archive_pdf.py
"""

import os
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func
from sqlmodel import Session, col, select

from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.models import (
    Comment,
    Concern,
    Evaluation,
    Goal,
    Measure,
    Participant,
    StafettLog,
)

MEASURES, COMMENTS = 40, 200


def largest_demo_log(session: Session) -> int:
    counts = session.exec(
        select(Concern.log_id, func.count(col(Measure.id)))
        .join(Goal, col(Goal.concern_id) == col(Concern.id))
        .join(Measure, col(Measure.goal_id) == col(Goal.id))
        .group_by(col(Concern.log_id))
    ).all()
    return max(counts, key=lambda row: row[1])[0]


def generated_log(session: Session) -> int:
    """A log as a busy year leaves it: 4 concerns, 2 goals each, 5 measures per goal (40), one or
    two evaluations per measure, and 200 comments of ordinary length spread over the measures."""
    template = session.get(StafettLog, largest_demo_log(session))
    holder = session.exec(
        select(Participant).where(Participant.log_id == template.id, Participant.role == "holder")
    ).first()
    now, today = utcnow(), today_in_norway()
    log = StafettLog(
        child_id=template.child_id,
        unit_id=template.unit_id,
        status="active",
        level=2,
        description="Generert logg for måling: fire bekymringer, førti tiltak og to hundre kommentarer.",
        created_by_id=holder.person_id,
        created_at=now - timedelta(days=365),
        activated_at=now - timedelta(days=360),
    )
    session.add(log)
    session.flush()
    session.add(Participant(log_id=log.id, person_id=holder.person_id, role="holder", added_at=log.created_at))
    session.add(Participant(log_id=log.id, person_id=template.child_id, role="owner", added_at=log.created_at))
    measures = []
    for c in range(4):
        concern = Concern(
            log_id=log.id,
            text=f"Bekymring {c + 1}: barnet trekker seg unna i friminuttene og sier lite i timene.",
            category="social",
            shared_understanding="Vi ser det mest etter helger og ferier. Det har vart i et halvt år." * 2,
            created_by_id=holder.person_id,
            created_at=log.created_at,
        )
        session.add(concern)
        session.flush()
        for g in range(2):
            goal = Goal(
                concern_id=concern.id,
                text=f"Mål {g + 1}: barnet leker med minst én venn i storefri tre dager i uka.",
                created_by_id=holder.person_id,
                created_at=log.created_at,
            )
            session.add(goal)
            session.flush()
            for m in range(5):
                measure = Measure(
                    goal_id=goal.id,
                    title=f"Tiltak {len(measures) + 1}: faste lekegrupper mandag og onsdag",
                    description="Kontaktlæreren setter opp gruppene og følger med de første ti minuttene. " * 3,
                    arena=("service", "home", "child")[m % 3],
                    responsible_id=holder.person_id,
                    start_date=today - timedelta(days=300 - len(measures)),
                    evaluation_date=today + timedelta(days=20 + len(measures)),
                    created_by_id=holder.person_id,
                    created_at=log.created_at,
                )
                session.add(measure)
                session.flush()
                measures.append(measure)
                for e in range(1 + m % 2):
                    session.add(
                        Evaluation(
                            measure_id=measure.id,
                            result=("green", "red")[(m + e) % 2],
                            outcome="continue",
                            text="Det gikk bedre de fleste dagene, men ikke etter helgene.",
                            participants_text="Foresatte, kontaktlærer, helsesykepleier",
                            evaluated_on=today - timedelta(days=100 - e * 30),
                            recorded_by_id=holder.person_id,
                            recorded_at=now - timedelta(days=100 - e * 30),
                        )
                    )
    for n in range(COMMENTS):
        session.add(
            Comment(
                log_id=log.id,
                measure_id=measures[n % MEASURES].id,
                author_id=holder.person_id,
                text=f"Kommentar {n + 1}: i dag ble barnet med i fotballen etter lunsj og lo mye sammen med de andre.",
                created_at=now - timedelta(days=200 - n // 2),
            )
        )
    session.commit()
    return log.id


def measure(name: str, session: Session, log_id: int) -> None:
    from stafett_app.services.log_reader import read_log
    from stafett_app.services.printing import PrintChoice, render_pdf

    started = time.perf_counter()
    content = read_log(session, log_id)
    pdf = render_pdf(content, PrintChoice(), archive=True)
    seconds = time.perf_counter() - started
    # Memory in a second run: tracemalloc slows Python down several times, so it is not timed.
    tracemalloc.start()
    render_pdf(read_log(session, log_id), PrintChoice(), archive=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    measures = sum(len(g.measures) for c in content.plan.concerns for g in c.goals)
    comments = sum(len(m.comments) for c in content.plan.concerns for g in c.goals for m in g.measures)
    print(
        f"{name:<28} {measures:>3} measures {comments:>4} comments  {seconds:6.2f} s  "
        f"python peak {peak / 2**20:6.1f} MiB  process max RSS {rss:6.1f} MiB  {len(pdf) / 1024:6.0f} KiB PDF"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        os.environ["STAFETT_DB_URL"] = url
        from alembic import command
        from stafett_app.db import make_engine
        from stafett_app.migrate import alembic_config
        from stafett_app.seed import seed

        command.upgrade(alembic_config(), "head")
        engine = make_engine(url)
        with Session(engine) as session:
            seed(session)
            session.commit()
            # A first, untimed run: loading WeasyPrint, Pango and the fonts happens once per process.
            from stafett_app.services.log_reader import read_log
            from stafett_app.services.printing import PrintChoice, render_pdf

            render_pdf(read_log(session, largest_demo_log(session)), PrintChoice())
            measure("largest demo log", session, largest_demo_log(session))
            measure("generated 40/200 log", session, generated_log(session))
        engine.dispose()


if __name__ == "__main__":
    main()
