"""The help page's handlers: open to everyone, in the person's language, and small."""

import pytest
from reflex.istate.data import PageData, ReflexURL, URLData

from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.help.state import MAX_QUERY, HelpState
from tests.state.test_plan_state import redirect_path


async def help_state(root, *, topic: str = "", query: str = "") -> HelpState:
    root.rx_router_page = PageData(params={"topic": topic} if topic else {})
    root.rx_router_url = URLData.from_url(ReflexURL(f"http://127.0.0.1/help{'?q=' + query if query else ''}"))
    return await root.get_state(HelpState)


@pytest.mark.asyncio
async def test_a_visitor_reads_the_sign_in_help_in_the_chosen_language(sign_in):
    state = await help_state(sign_in(None), topic="sign_in")
    state.stored_lang = "nn"
    assert await state.load() is None
    assert state.person_name == "" and state.lang == "nn"
    assert state.page_key == "sign_in" and state.title == "Logge inn" and "ID-porten" in state.body
    assert "ikkje" in state.body and not state.searched


@pytest.mark.asyncio
async def test_a_signed_in_person_gets_their_own_language_and_the_index(sign_in):
    state = await help_state(sign_in("Lise"))
    await state.load()
    assert state.person_name.startswith("Lise") and state.page_key == "" and state.body == ""
    assert [link.key for link in state.links][:2] == ["sign_in", "my_logs"] and len(state.links) == 15


@pytest.mark.asyncio
async def test_search_from_the_address_and_from_the_form(sign_in):
    state = await help_state(sign_in(None), query="samtykke")
    await state.load()
    assert state.searched and state.hits[0].key == "family" and len(state.hits) <= 10
    state = await help_state(sign_in(None), query="kryptovaluta")
    await state.load()
    assert state.searched and state.hits == [] and state.query == "kryptovaluta"
    state = await help_state(sign_in(None), query="x" * 5000)
    await state.load()
    assert len(state.query) == MAX_QUERY
    # The form goes to the address (a link, and "back" works); a crafted call is harmless.
    assert redirect_path(state.run_search({"q": " samtykke & co "})) == "/help?q=samtykke+%26+co"
    assert redirect_path(state.run_search({"q": "  "})) == "/help"
    assert redirect_path(state.run_search({})) == "/help"
    assert len(redirect_path(state.run_search({"q": "y" * 5000})) or "") < MAX_QUERY + 20


@pytest.mark.asyncio
async def test_a_crafted_topic_finds_no_file(sign_in):
    for topic in ("../../settings", "plan.md", "__init__", "PLAN"):
        state = await help_state(sign_in(None), topic=topic)
        await state.load()
        assert state.not_found and state.page_key == "" and state.body == ""


@pytest.mark.asyncio
async def test_a_child_being_shown_their_page_stays_on_it(sign_in):
    root = sign_in("Lise")
    family = await root.get_state(FamilyState)
    root.rx_router_page = PageData(params={"log_id": "1"})
    await family.load()
    assert redirect_path(await family.show_to_child()) == "/logs/1/child/shown"
    state = await help_state(root, topic="plan")
    assert redirect_path(await state.load()) == "/logs/1/child/shown"
    assert state.body == ""
