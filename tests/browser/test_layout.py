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
