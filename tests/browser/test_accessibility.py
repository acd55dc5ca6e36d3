"""WCAG 2.1 AA as axe-core checks it, on every page in every role at phone and tablet size, and the
keyboard alone: the skip link, the sign-in buttons and the plan's tabs with a visible focus ring.

axe-core comes from the npm registry into .tools (scripts/setup.sh --test).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PROJECT_ROOT
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.browser

AXE = PROJECT_ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Radix Themes paints a card's background on its ::before, and axe then gives up on the contrast of
# everything inside a card ("incomplete", not checked). With ignorePseudo axe measures that text
# against what lies under the card (the white page, the card's own colour), so it is checked too.
RUN_AXE = """async tags => {
    const contrast = axe._audit.checks['color-contrast'];
    axe.configure({checks: [{id: 'color-contrast', options: {...contrast.options, ignorePseudo: true}}]});
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return {
        passes: result.passes.length,
        violations: result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
            targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
            detail: ((v.nodes[0].any[0] || v.nodes[0].all[0] || v.nodes[0].none[0] || {}).message || ''),
        })),
    };
}"""


# Resolves when every running CSS animation and transition (a dialog fading in, a tab switching)
# has ended; endless ones (a spinner) are not waited for.
ANIMATIONS_FINISHED = """async () => {
    await new Promise(requestAnimationFrame);
    const running = document.getAnimations().filter(a => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(running.map(a => a.finished.catch(() => null)));
    return running.length;
}"""


def axe_violations(page: Page, where: str) -> list[str]:
    """Run axe on the page as it is now; one readable line per violated rule."""
    page.evaluate(ANIMATIONS_FINISHED)  # axe reads computed colours: a dialog still fading in has others
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Not a <script> tag: the CSP lets inline scripts run only by their hashes. Evaluated
        # through DevTools instead, as the browser's own console would.
        page.evaluate("source => { (0, eval)(source); }", AXE.read_text())
    result = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert result["passes"] > 5, f"{where}: axe ran almost no rules; is the page empty?"
    return [
        f"{where}: [{v['impact']}] {v['id']} – {v['help']} ({v['count']}×) {v['detail'][:240]}\n      at "
        + "\n      at ".join(v["targets"])
        for v in result["violations"]
    ]


def open_dialog_and_check(page: Page, opener: str, where: str) -> list[str]:
    button = page.locator(opener).first
    button.scroll_into_view_if_needed()
    button.click()
    dialog = page.get_by_role("dialog").or_(page.get_by_role("alertdialog"))
    expect(dialog).to_be_visible()
    found = axe_violations(page, f"{where} dialog {opener}")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    return found


def check_plan(page: Page, where: str, *, tree_dialogs=(), overview_dialogs=()) -> list[str]:
    """The plan page's overview tab, its dialogs, then the "Mål og tiltak" tab and its dialogs."""
    found = axe_violations(page, f"{where} overview")
    for opener in overview_dialogs:
        found += open_dialog_and_check(page, opener, where)
    page.get_by_role("tab", name="Mål og tiltak").click()
    expect(page.locator("#tree")).to_be_visible()
    found += axe_violations(page, f"{where} tree")
    for opener in tree_dialogs:
        found += open_dialog_and_check(page, opener, where)
    return found


# Who signs in, and what they visit: (path, what shows the page has loaded, what else to check there).
HOLDER_TREE_DIALOGS = (
    ".add-concern",
    ".add-goal",
    ".add-measure",
    ".evaluate-button",
    ".edit-button",
    ".comment-button",
    ".photo-button",
)
HOLDER_OVERVIEW_DIALOGS = (
    ".call-meeting",
    ".add-participant",
    ".add-note",
    ".close-log",
    ".cancel-meeting",
    ".change-meeting",
)
VISITS = {
    None: [("/", ".demo-person", None)],
    "Kari Nilsen": [
        ("/logs/", ".log-card", None),
        ("/logs/1", ".child-card", {"tree_dialogs": HOLDER_TREE_DIALOGS, "overview_dialogs": HOLDER_OVERVIEW_DIALOGS}),
        ("/calendar", "h1", None),  # the agenda list on phones, the week view on tablets
        ("/logs/1/meeting", "[data-testid=concern-card]", None),
        ("/messages", "[data-testid=inbox-row]", None),
        ("/logs/1/messages", ".new-conversation", None),
        ("/settings/notifications", ".notice-kind", None),
    ],
    "Tor Johansen": [("/logs/", "#unit-logs .leader-link", None), ("/leader", "#leader-table", None)],
    "Per Hansen": [("/logs/", "h1", None), ("/logs/1", "no-access", None)],
    "Lise Andersen": [
        ("/logs/", ".log-card", None),
        ("/logs/1/family", "[data-testid=step-card]", None),
        ("/logs/1", ".child-card", {"overview_dialogs": (".withdraw-consent",)}),
        ("/logs/1/messages", ".conversation-list", None),
        ("/settings/notifications", ".notice-kind", None),
    ],
    # Siri is an actor in Emma's log and holds Sara's closed (read-only) log.
    "Siri Berg": [
        ("/logs/", ".log-card", None),
        ("/logs/1", ".child-card", {}),
        ("/logs/4", ".child-card.passive", {}),
    ],
    "Jonas Strand": [("/logs/", ".log-card", None), ("/logs/2/family", "[data-testid=step-card]", None)],
    "Emma Andersen": [("/logs/1/child", "[data-testid=child-card]", None)],
}


@pytest.mark.parametrize(
    "person", list(VISITS), ids=lambda person: person.split()[0].lower() if person else "signed-out"
)
def test_no_axe_violations(page, viewport, person):
    if person:
        sign_in(page, person)  # ends on /logs/
    found: list[str] = []
    for path, ready, plan in VISITS[person]:
        if not (path == "/logs/" and re.search(r"/logs/?$", page.url)):
            page.goto(path)
        if ready == "no-access":
            page.wait_for_url(re.compile(r"/no-access/?$"))
            expect(page.get_by_role("heading", level=1)).to_be_visible()
        else:
            expect(page.locator(ready).first).to_be_visible()
        where = f"{person or 'signed out'} {'/no-access' if ready == 'no-access' else path}"
        found += axe_violations(page, where) if plan is None else check_plan(page, where, **plan)
    assert not found, f"{len(found)} axe violation(s) at {viewport} size:\n" + "\n".join(found)


def focused(page: Page, expression: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def focus_is_visible(page: Page) -> bool:
    return focused(
        page,
        "(s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none')"
        "(getComputedStyle(el))",
    )


def test_keyboard_sign_in(page, viewport):
    """Skip link first, it moves focus to #main, the next Tab is the first person, Enter signs in."""
    page.goto("/")
    expect(page.locator(".demo-person").first).to_be_visible()
    page.keyboard.press("Tab")
    assert focused(page, "el.classList.contains('skip-link')"), "the skip link must be the first thing Tab reaches"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link must be on screen"
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    page.keyboard.press("Tab")
    assert focused(page, "el === document.querySelector('.demo-person')"), (
        "after the skip link, Tab should reach the first demo person; focus is on "
        + focused(page, "el.outerHTML.slice(0, 200)")
    )
    assert focus_is_visible(page), "the focused person button has no visible focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/logs/?$"))
    expect(page.get_by_role("heading", level=1, name="Mine logger")).to_be_visible()


def test_keyboard_plan_tabs(page, viewport):
    """On the plan page Tab reaches the tabs with a visible focus ring; the arrow keys switch tab."""
    sign_in(page, "Kari Nilsen")
    page.goto("/logs/1")
    expect(page.locator(".child-card")).to_be_visible()
    page.keyboard.press("Tab")
    assert focused(page, "el.classList.contains('skip-link')"), "the skip link must be the first thing Tab reaches"
    for _ in range(15):
        page.keyboard.press("Tab")
        if focused(page, "el.getAttribute('role')") == "tab":
            break
    else:
        pytest.fail("Tab never reached the plan's tabs; focus ended on " + focused(page, "el.outerHTML.slice(0, 200)"))
    expect(page.get_by_role("tab", name="Oversikt")).to_be_focused()
    assert focus_is_visible(page), "the focused tab has no visible outline"
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Mål og tiltak")).to_be_focused()
    assert focus_is_visible(page)
    expect(page.locator("#tree")).to_be_visible()
