"""The stafettholder's main path: a concern, a main goal, a measure in every arena, two evaluations."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    add_concern,
    add_main_goal,
    add_measure,
    evaluate,
    measure_badge,
    measure_card,
    open_log,
    open_tree,
    sign_in,
)

pytestmark = pytest.mark.browser


def test_holder_builds_and_evaluates_a_plan(page: Page, viewport: str):
    concern_text = f"Emma virker trist og sliten om morgenen ({viewport})"
    goal_text = f"Emma sier at hun har det bra på skolen ({viewport})"
    measures = {
        "service": (f"Kari snakker med Emma hver morgen ({viewport})", "Kari Nilsen"),
        "home": (f"Lise spør Emma om dagen ved middagen ({viewport})", "Lise Andersen"),
        "child": (f"Emma tegner hvordan dagen var ({viewport})", "Emma Andersen"),
    }

    sign_in(page, "Kari Nilsen")
    open_log(page, "Emma")
    expect(page.get_by_role("heading", level=1, name="Emma, 10 år")).to_be_visible()
    open_tree(page)

    concern = add_concern(page, concern_text, "wellbeing")
    expect(concern.locator(".concern-summary")).to_contain_text("Trivsel")
    goal = add_main_goal(page, concern_text, goal_text)
    # Without measures, the concern lacks all three arenas.
    warning = concern.locator(".arena-warning")
    expect(warning).to_contain_text("Tjenesten, Hjemme, Barnet")

    title, responsible = measures["service"]
    add_measure(page, goal, title=title, arena="service", responsible=responsible)
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Denne bekymringen mangler tiltak for:")
    expect(warning).to_contain_text("Hjemme")
    expect(warning).to_contain_text("Barnet")
    expect(warning).not_to_contain_text("Tjenesten")

    title, responsible = measures["home"]
    add_measure(page, goal, title=title, arena="home", responsible=responsible)
    expect(warning).to_contain_text("Barnet")
    expect(warning).not_to_contain_text("Hjemme")

    title, responsible = measures["child"]
    add_measure(page, goal, title=title, arena="child", responsible=responsible)
    expect(warning).to_have_count(0)

    for title, _ in measures.values():
        expect(measure_badge(measure_card(page, title))).to_have_class(re.compile(r"\bbadge-pending\b"))
        expect(measure_badge(measure_card(page, title))).to_have_text("Ikke evaluert ennå")

    green_card = measure_card(page, measures["service"][0])
    evaluate(page, green_card, result="green", outcome="continue", text="Emma sier at praten hjelper.", next_in_days=21)
    expect(measure_badge(green_card)).to_have_class(re.compile(r"\bbadge-green\b"))
    expect(measure_badge(green_card)).to_have_text("Virker")

    red_card = measure_card(page, measures["home"][0])
    evaluate(page, red_card, result="red", outcome="adjust", text="Det ble for sent om kvelden. Vi prøver ved frokost.")
    expect(measure_badge(red_card)).to_have_class(re.compile(r"\bbadge-red\b"))
    expect(measure_badge(red_card)).to_have_text("Virker ikke")

    # The third measure was not evaluated; its badge did not change.
    expect(measure_badge(measure_card(page, measures["child"][0]))).to_have_text("Ikke evaluert ennå")
    # The concern's summary counts the two results.
    expect(concern.locator(".concern-summary")).to_contain_text("Virker: 1")
    expect(concern.locator(".concern-summary")).to_contain_text("Virker ikke: 1")
