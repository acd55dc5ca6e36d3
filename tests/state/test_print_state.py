"""The print page's state: who may open it, what the choice does, and that bad input keeps the choice."""

from datetime import timedelta

import pytest
from reflex.istate.data import PageData

from stafett_app import db
from stafett_app.domain.dates import today_in_norway, utcnow
from stafett_app.models import ArchiveCopy
from stafett_app.pages.archive.state import ArchiveState
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.pages.plan.state import PlanState
from stafett_app.pages.print_log.state import ELEMENT_NAMES, PrintLogState
from stafett_app.services.printing import preview_document

EMMA_LOG, JONAS_LOG, NOAH_LOG = "1", "2", "3"


async def _opened(sign_in, name: str, log_id: str) -> PrintLogState:
    state = await sign_in(name, log_id=log_id).get_state(PrintLogState)
    state.start_fresh()
    await state.load()
    return state


@pytest.mark.asyncio
async def test_holder_chooses_parts_and_a_period(sign_in):
    kari = await _opened(sign_in, "Kari", EMMA_LOG)
    assert kari.loaded and kari.chosen == ELEMENT_NAMES
    assert "Emma" in kari.preview and "<script" not in kari.preview
    assert kari.pdf_url.startswith("/logs/1/print.pdf?elements=overview%2Cconcerns")
    assert kari.back_url == "/logs/1"

    await kari.use_preset("tried")
    assert kari.chosen == ["overview", "concerns", "evaluations"]
    assert "elements=overview%2Cconcerns%2Cevaluations" in kari.pdf_url
    await kari.toggle("comments", True)
    assert kari.chosen == ["overview", "concerns", "evaluations", "comments"]
    await kari.toggle("overview", False)
    assert kari.chosen == ["concerns", "evaluations", "comments"] and "Oversikt" not in kari.preview

    start = (today_in_norway() - timedelta(days=30)).isoformat()
    await kari.choose_start(start)
    assert f"start={start}" in kari.pdf_url and kari.start_error == kari.end_error == ""
    good_url, good_preview = kari.pdf_url, kari.preview

    # The end before the start: a message by the end field; the choice stays, the link and preview
    # stay at the last good choice.
    await kari.choose_end((today_in_norway() - timedelta(days=60)).isoformat())
    assert kari.end_error == "Tidsrommet må begynne før det slutter."
    assert kari.start == start and kari.end != "" and kari.pdf_url == good_url and kari.preview == good_preview
    await kari.choose_end("")
    assert kari.end_error == ""

    for name in list(kari.chosen):
        await kari.toggle(name, False)
    assert kari.chosen == [] and kari.elements_error == "Velg minst én del som skal være med."
    await kari.use_preset("all")
    assert kari.chosen == ELEMENT_NAMES and kari.elements_error == ""


@pytest.mark.asyncio
async def test_crafted_choices_change_nothing(sign_in):
    kari = await _opened(sign_in, "Kari", EMMA_LOG)
    await kari.use_preset("tried")
    before = list(kari.chosen)
    await kari.toggle("../../etc", True)
    await kari.use_preset("everything-and-more")
    await kari.choose_start("2026-13-45")
    assert kari.chosen == before and kari.start_error == "Skriv datoen som åååå-mm-dd."
    await kari.choose_start("x" * 5000)
    assert len(kari.start) == 10


@pytest.mark.asyncio
@pytest.mark.parametrize("log_id", [NOAH_LOG, "999", "-1", "abc", "1.5"])
async def test_a_crafted_log_id_is_refused(sign_in, log_id):
    kari = await _opened(sign_in, "Kari", log_id)  # Kari has no role in Noah's log
    assert not kari.loaded and kari.preview == "" and kari.pdf_url == ""


@pytest.mark.asyncio
async def test_who_may_print(sign_in):
    # A child under 15 has the picture page, not a print of the plan.
    emma = await _opened(sign_in, "Emma", EMMA_LOG)
    assert not emma.loaded and emma.preview == ""
    # An actor, a leader without a role, a teacher outside the log: no.
    for name in ("Mona", "Tor", "Per"):
        other = await _opened(sign_in, name, EMMA_LOG)
        assert not other.loaded and other.preview == "", name
    # The guardian (back to the family page) and the young person from 15.
    lise = await _opened(sign_in, "Lise", EMMA_LOG)
    assert lise.loaded and "Emma" in lise.preview and lise.back_url == "/logs/1/family"
    jonas = await _opened(sign_in, "Jonas", JONAS_LOG)
    assert jonas.loaded and "Jonas" in jonas.preview


@pytest.mark.asyncio
async def test_a_refusal_after_loading_empties_the_page(sign_in):
    """The same tab, signed in as someone else: the next event checks again and clears the page."""
    root = sign_in("Kari", log_id=EMMA_LOG)
    kari = await root.get_state(PrintLogState)
    await kari.load()
    assert kari.loaded and kari.preview
    root.rx_router_headers = sign_in("Mona", log_id=EMMA_LOG).rx_router_headers
    await kari.toggle("notes", False)
    assert kari.preview == "" and kari.pdf_url == ""


@pytest.mark.asyncio
async def test_links_show_only_to_those_allowed(sign_in):
    kari = await sign_in("Kari", log_id=EMMA_LOG).get_state(PlanState)
    await kari.load()
    assert kari.plan.can_print and kari.plan.can_export and kari.plan.can_read_archive
    mona = await sign_in("Mona", log_id=EMMA_LOG).get_state(PlanState)
    await mona.load()
    assert not (mona.plan.can_print or mona.plan.can_export or mona.plan.can_read_archive)
    assert mona.archive_copies == []


@pytest.mark.asyncio
async def test_the_unit_leader_reaches_the_archive_copies(sign_in):
    tor_root = sign_in("Tor")
    logs = await tor_root.get_state(MyLogsState)
    await logs.load()
    assert logs.unit_rows and all(row.can_read_archive for row in logs.unit_rows)
    assert logs.import_children  # staff may bring in a log from another Stafett
    tor = await sign_in("Tor", log_id=EMMA_LOG).get_state(ArchiveState)
    await tor.load()
    assert tor.loaded and tor.copies == [] and tor.child_first_name == "Emma"
    per = await sign_in("Per", log_id=EMMA_LOG).get_state(ArchiveState)
    await per.load()
    assert not per.loaded and per.child_first_name == ""
    lise = await sign_in("Lise").get_state(MyLogsState)
    await lise.load()
    assert lise.import_children == []  # a guardian does not import logs


@pytest.mark.asyncio
async def test_an_import_error_is_shown_only_from_a_known_code(sign_in):
    root = sign_in("Kari")
    root.rx_router_page = PageData(params={"import_error": "version"})
    logs = await root.get_state(MyLogsState)
    await logs.load()
    assert logs.import_error == "Denne eksportversjonen kan ikke leses her."
    root.rx_router_page = PageData(params={"import_error": "<b>Ring 815 00 000</b>"})
    await logs.load()
    assert logs.import_error == ""


def test_the_preview_keeps_only_plain_elements():
    html = (
        '<html><head><title>T</title><script>alert(1)</script></head><body><h1 class="x" onclick="alert(1)">Hei</h1>'
        '<img src=x onerror="alert(1)"><a href="javascript:alert(1)">lenke</a><iframe src="/"></iframe>'
        "<style>body{display:none}</style><p>&lt;script&gt;</p></body></html>"
    )
    document = preview_document(html, "nn")
    body = document.split("<body>", 1)[1]
    assert body == '<h1 class="x">Hei</h1>lenke<p>&lt;script&gt;</p></body></html>'
    assert document.startswith('<!DOCTYPE html><html lang="nn">')
    assert preview_document("", 'en"><script>').startswith('<!DOCTYPE html><html lang="nb">')


def _add_copies(log_id: int) -> None:
    """One made and one failed copy, as the archive job leaves them; one being made is not listed."""
    now = utcnow()
    with db.session_scope() as session:
        for status, key, size in (
            ("done", "consent:1", 48_000),
            ("failed", "passive:1", 0),
            ("pending", "yearly:1", 0),
        ):
            session.add(
                ArchiveCopy(
                    log_id=log_id, trigger=key.split(":")[0], trigger_key=key, status=status, created_at=now, size=size
                )
            )


@pytest.mark.asyncio
async def test_archive_copies_show_made_and_failed_ones(sign_in):
    _add_copies(int(EMMA_LOG))
    kari = await sign_in("Kari", log_id=EMMA_LOG).get_state(PlanState)
    await kari.load()
    rows = {row.status: row for row in kari.archive_copies}
    assert set(rows) == {"done", "failed"}
    assert rows["done"].download_url.startswith("/files/archive/") and rows["done"].size_label == "46 KB"
    assert rows["done"].trigger_label == "Nytt samtykke" and rows["failed"].trigger_label == "Loggen ble avsluttet"
    assert rows["failed"].download_url == "" and rows["failed"].status_label == "Feilet, prøves igjen"
    tor = await sign_in("Tor", log_id=EMMA_LOG).get_state(ArchiveState)
    await tor.load()
    assert [row.status for row in tor.copies] == [row.status for row in kari.archive_copies]


def test_the_print_and_archive_pages_carry_no_lysglimt():
    # Each page's state holds what it shows: the lysglimt and their form belong to the plan, family and
    # child pages (state.log_page.GlimmerPage), not to every page about a log.
    for page_state in (PrintLogState, ArchiveState):
        assert not {"glimmers", "glimmer_error"} & set(page_state.vars)
        assert "add_glimmer" not in page_state.event_handlers
    assert {"glimmers", "glimmer_error"} <= set(PlanState.vars) and "add_glimmer" in PlanState.event_handlers
