"""Steps the browser tests share: signing in, opening a log, and filling the plan form dialog."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Locator, Page, expect

# How long to wait for the server to answer an event (save, open a form) and the page to update.
EVENT_TIMEOUT = 15_000


# The page a person lands on: "Mine logger", or with one log a family's or young person's own plan.
LANDING_HEADING = re.compile(r"^(Mine logger|Planen til |Planen din, )")
OWN_PAGE = re.compile(r"/logs/\d+/(family|child)/?$")


def sign_in(page: Page, full_name: str) -> None:
    """Choose a demo person on the sign-in page; ends on "Mine logger", or, for a child, a young
    person or a guardian with one log, on their own page of it."""
    page.goto("/")
    button = page.get_by_role("button", name=re.compile(full_name))
    expect(button).to_be_visible()
    button.click()
    own_page = page.locator("[data-testid=child-card]")
    # The landing page's content comes with the server's answer to its load, as any event's does: the
    # first load on a server just started (production build, two workers) took over 5 s in a full run.
    landing = own_page.or_(page.get_by_role("heading", level=1, name=LANDING_HEADING)).first
    expect(landing).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(page.locator(".app-header")).to_contain_text(full_name)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1, name="Logg inn i Stafett")).to_be_visible()


def open_log(page: Page, child_first_name: str) -> None:
    """From "Mine logger", open the log of that child by clicking its card (someone who landed on
    their own page of their one log at sign-in goes on to the whole plan from there)."""
    if not OWN_PAGE.search(page.url):
        card = page.locator("a.log-link").filter(has=page.get_by_role("heading", name=child_first_name, exact=True))
        expect(card).to_have_count(1)
        card.click()
        page.wait_for_url(re.compile(r"/logs/\d+(/family|/child)?/?$"))
    if re.search(r"/(family|child)/?$", page.url):
        # Families land on their own view; the whole plan is one link away.
        page.goto(re.sub(r"/(family|child)/?$", "", page.url))
    expect(page.locator(".child-card")).to_be_visible()
    expect(page.locator(".child-card").get_by_role("heading", level=1)).to_contain_text(child_first_name)


def open_tree(page: Page) -> Locator:
    """Switch to the "Mål og tiltak" tab; returns the tree."""
    page.get_by_role("tab", name="Mål og tiltak").click()
    tree = page.locator("#tree")
    expect(tree).to_be_visible()
    return tree


def dialog(page: Page) -> Locator:
    return page.get_by_role("dialog")


def open_form(page: Page, button: Locator, heading: str) -> Locator:
    """Click a button that opens the form dialog; returns the open dialog."""
    button.scroll_into_view_if_needed()
    button.click()
    form = dialog(page)
    expect(form).to_be_visible(timeout=EVENT_TIMEOUT)
    expect(form.get_by_role("heading", name=heading)).to_be_visible()
    return form


def save(page: Page, toast: str) -> None:
    """Press "Lagre" and wait until the dialog has closed and the success toast is shown."""
    form = dialog(page)
    form.locator(".save-button").click()
    expect(form).to_be_hidden(timeout=EVENT_TIMEOUT)
    expect(page.get_by_text(toast).first).to_be_visible(timeout=EVENT_TIMEOUT)


def concern_card(page: Page, text: str) -> Locator:
    return page.locator("[data-testid=concern-card]").filter(has_text=text)


def goal_block(page: Page, concern_text: str, goal_text: str) -> Locator:
    return concern_card(page, concern_text).locator(".goal-block").filter(has_text=goal_text)


def measure_card(page: Page, title: str) -> Locator:
    return page.locator("[data-testid=measure-card]").filter(has_text=title)


def measure_badge(card: Locator) -> Locator:
    """The measure's own badge (its history, further down the card, has badges too)."""
    return card.locator(".measure-badge .badge")


def add_concern(page: Page, text: str, category: str) -> Locator:
    form = open_form(page, page.locator(".add-concern"), "Ny bekymring")
    form.get_by_label("Hva ser vi?").fill(text)
    form.locator("#field-category").select_option(category)
    save(page, "Bekymringen er lagret.")
    card = concern_card(page, text)
    expect(card).to_have_count(1)
    return card


def add_main_goal(page: Page, concern_text: str, text: str) -> Locator:
    form = open_form(page, concern_card(page, concern_text).locator(".add-goal"), "Nytt hovedmål")
    form.get_by_label("Mål", exact=True).fill(text)
    save(page, "Hovedmålet er lagret.")
    block = goal_block(page, concern_text, text)
    expect(block).to_have_count(1)
    return block


def add_measure(page: Page, goal: Locator, *, title: str, arena: str, responsible: str) -> Locator:
    form = open_form(page, goal.locator(".add-measure"), "Nytt tiltak")
    form.get_by_label("Tiltak", exact=True).fill(title)
    form.locator("#field-arena").select_option(arena)
    form.locator("#field-responsible_id").select_option(label=responsible)
    save(page, "Tiltaket er lagret.")
    card = measure_card(page, title)
    expect(card).to_have_count(1)
    expect(card).to_contain_text(responsible)
    return card


def evaluate(page: Page, card: Locator, *, result: str, outcome: str, text: str, next_in_days: int | None = 14) -> None:
    """Evaluate a measure: result "green"/"red", outcome "continue"/"adjust"/"end"."""
    form = open_form(page, card.locator(".evaluate-button"), "Evaluer tiltaket")
    form.locator(f"input[name=result][value={result}]").check()
    form.locator(f"input[name=outcome][value={outcome}]").check()
    form.get_by_label("Kort om hvordan det har gått").fill(text)
    form.locator("#field-participants_text").fill("Lise, Emma, Kari")
    evaluated_on = form.locator("#field-evaluated_on").input_value()
    if next_in_days is not None:
        next_date = date.fromisoformat(evaluated_on) + timedelta(days=next_in_days)
        form.locator("#field-next_evaluation_date").fill(next_date.isoformat())
    save(page, "Evalueringen er lagret.")


def open_landing(page: Page, child_first_name: str) -> None:
    """From "Mine logger", open the log's card and stay on the page it lands on (a child who
    landed on their own page at sign-in is there already)."""
    if OWN_PAGE.search(page.url):
        return
    card = page.locator("a.log-link").filter(has=page.get_by_role("heading", name=child_first_name, exact=True))
    card.click()
    page.wait_for_url(re.compile(r"/logs/\d+(/family|/child)?/?$"))
