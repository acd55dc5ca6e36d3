"""Evaluation badges and arena icons: colour is never the only signal, each has a word and an icon."""

import reflex as rx

from stafett_app.state.session import t

_BADGE_COLOUR = {
    "green": "green",
    "red": "red",
    "ended": "gray",
    "due": "amber",
    "overdue": "orange",
    "pending": "gray",
}
_BADGE_ICON = {
    "green": "circle-check",
    "red": "circle-x",
    "ended": "circle-minus",
    "due": "clock",
    "overdue": "triangle-alert",
    "pending": "circle-dashed",
}
_ARENA_ICON = {"service": "school", "home": "house", "child": "smile"}


def _switch(value: rx.Var, options: dict[str, rx.Component], default: rx.Component) -> rx.Component:
    return rx.match(value, *list(options.items()), default)


def evaluation_badge(badge: rx.Var, label: rx.Var | None = None) -> rx.Component:
    """A measure's badge; its label is the catalogue's ("badge.green") unless given (an evaluation's
    result says more): looked up in the browser, so a page's data carries only the kind."""

    def one(kind: str) -> rx.Component:
        return rx.badge(
            rx.icon(_BADGE_ICON[kind], size=14, aria_hidden="true"),
            t(f"badge.{kind}") if label is None else label,
            color_scheme=_BADGE_COLOUR[kind],
            variant="solid" if kind in ("green", "red") else "soft",
            size="2",
            high_contrast=kind in ("due", "overdue", "pending", "ended"),
            class_name=f"badge badge-{kind}",
        )

    return _switch(badge, {kind: one(kind) for kind in _BADGE_COLOUR}, one("pending"))


def arena_icon(arena: rx.Var) -> rx.Component:
    return _switch(
        arena,
        {key: rx.icon(icon, size=18, aria_hidden="true") for key, icon in _ARENA_ICON.items()},
        rx.icon("circle", size=18, aria_hidden="true"),
    )


def history_dots(history: rx.Var) -> rx.Component:
    """Earlier results, oldest first: a small row showing development over time."""
    return rx.hstack(
        rx.foreach(
            history,
            lambda result: rx.box(
                class_name=rx.cond(result == "green", "dot dot-green", "dot dot-red"),
                title=result,
            ),
        ),
        spacing="1",
        aria_hidden="true",
    )
