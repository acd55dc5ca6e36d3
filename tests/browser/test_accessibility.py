"""WCAG 2.1 AA as axe-core checks it, on every page in every role, and the keyboard alone."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PROJECT_ROOT
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser
AXE = PROJECT_ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations
            .map(v => ({id: v.id, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""",
        WCAG,
    )


def check(page, where: str) -> list[str]:
    page.wait_for_timeout(300)  # let transitions finish: axe reads computed colours
    return [f"{where}: {json.dumps(v, ensure_ascii=False)}" for v in violations(page)]


# (person, pages to visit with the element that shows each is ready)
ROLES = {
    None: [("/", ".demo-person")],
    "Kari Nilsen": [("/logs/", ".log-card"), ("/logs/1", ".child-card"), ("/calendar", "[data-testid=calendar-item]"),
                    ("/logs/1/meeting", "[data-testid=concern-card]")],
    "Tor Johansen": [("/logs/", "#unit-logs")],
    "Per Hansen": [("/logs/", "h1"), ("/logs/1", "h1")],
    "Lise Andersen": [("/logs/1/family", "[data-testid=step-card]"), ("/logs/1", ".child-card")],
    "Siri Berg": [("/logs/1", ".child-card")],
    "Jonas Strand": [("/logs/2/family", "[data-testid=step-card]")],
    "Emma Andersen": [("/logs/1/child", "[data-testid=child-card]")],
}


@pytest.mark.parametrize("person", list(ROLES), ids=lambda p: p or "visitor")
def test_no_axe_violations(page, viewport, person):
    if person:
        sign_in(page, person)
    found = []
    for path, ready in ROLES[person]:
        page.goto(path)
        page.locator(ready).first.wait_for()
        found += check(page, path)
        if path == "/logs/1" and person in ("Kari Nilsen", "Lise Andersen"):
            page.get_by_role("tab", name="Mål og tiltak").click()
            page.locator("#tree").wait_for()
            found += check(page, "/logs/1 tree")
            if person == "Kari Nilsen":
                for button in (".add-concern", ".add-measure", ".evaluate-button"):
                    page.locator(button).first.click()
                    page.get_by_role("dialog").wait_for()
                    found += check(page, f"/logs/1 dialog {button}")
                    page.keyboard.press("Escape")
                    expect(page.get_by_role("dialog")).to_be_hidden()
    assert found == []


@pytest.mark.parametrize("viewport", ["phone"])
def test_keyboard_alone(page, viewport):
    page.goto("/")
    page.locator(".demo-person").first.wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").find("skip-link") >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(10):
        page.keyboard.press("Tab")
        if "Kari Nilsen" in (page.evaluate("document.activeElement.innerText") or ""):
            break
    else:
        pytest.fail("Tab never reached the first person on the sign-in page")
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style != "none", "focus must be visible"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/logs/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine logger")
