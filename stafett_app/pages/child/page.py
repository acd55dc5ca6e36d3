"""The child's own page: big pictures of what I do and what we do at home, stars for what works."""

import reflex as rx

from stafett_app.components.glimmers import glimmer_card
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.picture import picture_icon
from stafett_app.components.practice import practice_banner
from stafett_app.components.read_aloud import read_aloud_button
from stafett_app.pages.child.state import ChildState
from stafett_app.state.session import t


def _stars(card) -> rx.Component:
    return rx.cond(
        card.stars > 0,
        rx.hstack(
            rx.foreach(
                rx.Var.range(card.stars), lambda _i: rx.icon("star", size=28, aria_hidden="true", class_name="star")
            ),
            rx.text(card.stars_label, class_name="visually-hidden"),
            spacing="1",
            class_name="stars",
            role="img",
            aria_label=card.stars_label,
        ),
    )


def _spoken(card) -> rx.Var[str]:
    """The title, then the stars if any: "Jeg leser. 2 stjerner: dette går bra!"."""
    return rx.cond(card.stars_label != "", card.title + ". " + card.stars_label, card.title + ".").to(str)


def _card(card) -> rx.Component:
    return rx.box(
        rx.cond(
            card.photo_url != "",
            rx.image(src=card.photo_url, alt=card.title, class_name="child-photo"),
            rx.box(picture_icon(card.picture, size=96, lang_alt=card.picture_alt), class_name="child-picture"),
        ),
        rx.text(card.title, class_name="child-card-text"),
        rx.cond(card.when != "", rx.text(card.when, size="4", class_name="child-when")),
        _stars(card),
        read_aloud_button(_spoken(card)),
        class_name="child-measure",
        data_testid="child-card",
    )


def _section(title, cards) -> rx.Component:
    return rx.cond(
        cards.length() > 0,
        rx.vstack(
            rx.heading(title, size="6", as_="h2"),
            rx.grid(
                rx.foreach(cards, _card), columns=rx.breakpoints(initial="1", sm="2", md="3"), spacing="4", width="100%"
            ),
            spacing="3",
            width="100%",
        ),
    )


def child_content(S) -> rx.Component:
    """The child's page for a state `S` with a `child` view: the ordinary page and the one shown
    full screen on an adult's device."""
    child = S.child
    return rx.vstack(
        rx.hstack(
            rx.box(picture_icon(child.interest_picture, size=48), class_name="interest-picture"),
            rx.heading(child.greeting, size="8", as_="h1"),
            align="center",
            spacing="4",
        ),
        _section(child.my_heading, child.my_cards),
        _section(t("child.home_heading"), child.home_cards),
        rx.cond(
            child.is_closed,
            rx.callout(t("child.closed"), icon="lock", color_scheme="gray", class_name="child-closed"),
        ),
        # A closed log invites nobody to write: its lysglimt show only if there are any.
        rx.cond(
            ~child.is_closed | (S.glimmers.length() > 0),
            glimmer_card(S, child, "child.glimmer_heading"),
        ),
        rx.cond(
            (child.my_cards.length() == 0) & (child.home_cards.length() == 0),
            rx.text(t("child.nothing_yet"), size="4"),
        ),
        spacing="5",
        width="100%",
        class_name="child-page",
    )


def child_page() -> rx.Component:
    return page_shell(
        practice_banner(ChildState.practice_until), rx.cond(ChildState.loaded, child_content(ChildState), loading())
    )
