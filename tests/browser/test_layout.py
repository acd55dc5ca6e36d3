"""The plan fits a phone: nothing makes the page scroll sideways."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import open_log, open_tree, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_plan_tree_fits_a_phone(page: Page):
    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    tree = open_tree(page)
    expect(tree.locator("[data-testid=measure-card]").first).to_be_visible()

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the tree tab scrolls sideways on a phone: scrollWidth {width} > 390"
    # html and body hide sideways overflow, so also look for parts of the tree that stick out.
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('#tree *')]
            .map(el => [el, el.getBoundingClientRect()])
            .filter(([el, r]) => r.width > 0 && r.right > window.innerWidth + 1)
            .slice(0, 5)
            .map(([el, r]) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`)"""
    )
    assert overflowing == [], f"parts of the tree stick out to the right: {overflowing}"


SMALL_PHONE = {"width": 360, "height": 740}
TARGETS = """() => [...document.querySelectorAll(
        'main button, main a[href], main select, main summary, main input[type=radio], '
        + 'header button, header a, header select')]
    .filter(e => e.offsetParent !== null)
    .map(e => { const target = e.closest('label') || e; const r = target.getBoundingClientRect();
                return {text: (e.innerText || e.getAttribute('aria-label') || e.tagName).slice(0, 40),
                        w: r.width, h: r.height, right: r.right}; })
    // Too small to hit, or pushed past the right edge (html and body hide sideways overflow).
    .filter(t => t.w < 44 || t.h < 44 || t.right > window.innerWidth + 1)"""


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize(
    "person,path,ready",
    [
        ("Lise Andersen", "/logs/1/family", "[data-testid=step-card]"),
        ("Emma Andersen", "/logs/1/child", "[data-testid=child-card]"),
        ("Kari Nilsen", "/logs/1", ".child-card"),
        ("Kari Nilsen", "/calendar", "[data-testid=calendar-item]"),
        ("Lise Andersen", "/logs/1/messages", ".conversation-list"),
        ("Kari Nilsen", "/messages", "[data-testid=inbox-row]"),
        ("Siri Berg", "/logs/", ".unread-messages-badge"),  # the header carries an unread count
        ("Lise Andersen", "/settings/notifications", ".notice-kind"),
        ("Lise Andersen", "/logs/", ".notice-settings-link"),
    ],
)
def test_360_px_phone_fits_and_targets_are_big_enough(page, viewport, person, path, ready):
    page.set_viewport_size(SMALL_PHONE)
    sign_in(page, person)
    page.goto(path)
    page.locator(ready).first.wait_for()
    if path == "/logs/1":
        page.get_by_role("tab", name="Mål og tiltak").click()
        page.locator("#tree").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]
    too_small = page.evaluate(TARGETS)
    assert too_small == [], too_small
