"""The load benchmark's data generator (bench/municipality_data.py) at a tiny scale: the counts it
reports are in the database, each demo log renders through the app's own services for its holder,
guardian and child, and the data look settled (no archive copies or reminders left for the server)."""

from sqlalchemy import func, select
from sqlmodel import Session

from bench.municipality_data import demo_logs, generate, shape_at
from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.permissions import Action
from stafett_app.domain.plan_rules import Arena
from stafett_app.models import Measure, Message, Person, StafettLog
from stafett_app.services import archive, notification_delivery
from stafett_app.services.auth import is_demo_person
from stafett_app.services.family_view import child_view, family_view
from stafett_app.services.plan_view import plan_for
from stafett_app.services.timeline import timeline_for

SCALE = 0.003  # 30 logs over 5 units


def test_generated_data_match_the_counts_and_the_plan_page_renders(engine):
    today = today_in_norway()
    counts, demos = generate(engine, scale=SCALE, today=today)

    assert counts["stafett_log"] == shape_at(SCALE).logs == 30
    with Session(engine) as session:
        for model, table in ((StafettLog, "stafett_log"), (Measure, "measure"), (Message, "message")):
            assert session.scalar(select(func.count()).select_from(model)) == counts[table] > 0
        assert len(demos) == 30  # every log is a demo log at this size (one per generated holder)
        assert demo_logs(engine) == demos

        demo = demos[0]
        holder, guardian, child = (session.get(Person, p) for p in (demo.holder_id, demo.guardian_id, demo.child_id))
        assert all(is_demo_person(p) for p in (holder, guardian, child))
        plan = plan_for(session, holder, demo.log_id, "nb")
        assert plan.status == "active"
        assert plan.consent.on_record
        assert plan.family and plan.professionals
        arenas = {m.arena for c in plan.concerns for g in c.goals for m in g.measures}
        assert arenas <= {a.value for a in Arena} and arenas
        assert timeline_for(session, holder, demo.log_id, "nb")
        family = family_view(plan_for(session, guardian, demo.log_id, "nb"), guardian.id, "nb")
        assert family.working_on
        assert child_view(plan_for(session, child, demo.log_id, "nb", Action.VIEW_LOG), "nb").my_cards

    # Settled: a server started on these data has no archive copies or reminders to catch up on.
    assert archive.schedule_periodic(engine, today) == 0
    assert notification_delivery.create_evaluation_reminders(engine, today) == 0
