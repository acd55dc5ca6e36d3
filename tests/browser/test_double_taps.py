"""A double tap on the relay's middle steps makes one change: raising the level, removing a
participant and proposing a handover, each saved with a double click, are counted in the database."""

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, func, select

from stafett_app.db import make_engine
from stafett_app.domain.relay import LogEventKind
from stafett_app.models import AccessAttempt, Handover, LogEvent, Participant, Person
from tests.browser.helpers import EVENT_TIMEOUT, open_form, sign_in
from tests.browser.test_relay_flow import relay_log

pytestmark = pytest.mark.browser

CHILD = {"phone": "Oda", "tablet": "Embla"}  # names no seeded person has


class Rows:
    """Counts of one log's rows, read from the app server's database."""

    def __init__(self, db_url: str, log_id: int):
        self.engine, self.log_id = make_engine(db_url), log_id

    def _count(self, statement) -> int:
        with Session(self.engine) as session:
            return session.exec(statement).one()

    def events(self, kind: LogEventKind) -> int:
        return self._count(
            select(func.count()).select_from(LogEvent).where(LogEvent.log_id == self.log_id, LogEvent.kind == kind)
        )

    def handovers(self) -> int:
        return self._count(select(func.count()).select_from(Handover).where(Handover.log_id == self.log_id))

    def refusals(self) -> int:
        return self._count(select(func.count()).select_from(AccessAttempt).where(AccessAttempt.log_id == self.log_id))

    def removed(self, first_name: str) -> int:
        return self._count(
            select(func.count())
            .select_from(Participant)
            .join(Person, col(Person.id) == col(Participant.person_id))
            .where(
                Participant.log_id == self.log_id,
                Person.first_name == first_name,
                col(Participant.removed_at).is_not(None),
            )
        )


def double_tap_save(page: Page, form) -> None:
    form.locator(".save-button").dblclick()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    page.wait_for_timeout(1000)  # time for a second event, if one was sent, to reach the server


def test_a_double_tap_on_each_relay_step_makes_one_change(page: Page, app_server, viewport: str):
    with relay_log(app_server.db_url, CHILD[viewport], actors=("Siri",)) as log_id:
        rows = Rows(app_server.db_url, log_id)
        sign_in(page, "Kari Nilsen")
        page.goto(f"/logs/{log_id}")

        form = open_form(page, page.locator(".change-level"), "Endre nivå")
        form.locator("#field-level").select_option("2")
        form.get_by_label("Hvorfor?").fill("Helsesykepleier bør være med.")
        double_tap_save(page, form)
        expect(page.locator(".level-text")).to_contain_text("Nivå 2")
        assert rows.events(LogEventKind.LEVEL_CHANGED) == 1

        remove_siri = page.get_by_role("button", name="Ta ut av loggen: Siri Berg")
        form = open_form(page, remove_siri, "Ta en person ut av loggen")
        double_tap_save(page, form)
        expect(page.locator(".people-card")).not_to_contain_text("Siri Berg")
        assert rows.removed("Siri") == 1
        assert rows.events(LogEventKind.PARTICIPANT_REMOVED) == 1

        form = open_form(page, page.locator(".propose-handover"), "Foreslå ny stafettholder")
        form.locator("#field-to_person_id").select_option(label="Per Hansen – Faglærer, Åsen skole")
        form.get_by_label("Hvorfor skal stafetten gå videre?").fill("Per er kontaktlærer fra januar.")
        form.locator(".radio-actor").click()
        double_tap_save(page, form)
        expect(page.locator(".pending-handover")).to_contain_text("Per Hansen")
        assert rows.handovers() == 1
        assert rows.events(LogEventKind.HANDOVER_PROPOSED) == 1

        # A second tap that reached the server would have been refused and recorded: none was.
        assert rows.refusals() == 0
        rows.engine.dispose()
