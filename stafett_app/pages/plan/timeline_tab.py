"""The log's timeline: newest first, with a filter (everything, lysglimt, evaluations, meetings …)."""

import reflex as rx

from stafett_app.pages.plan.timeline_state import TimelineState as S
from stafett_app.services.timeline import KINDS
from stafett_app.state.session import t

ICONS = (
    "sparkles",
    "circle-check",
    "circle-x",
    "list-plus",
    "eye",
    "message-square",
    "file-text",
    "users",
    "shield-check",
)


def _filter(kind: str, label_key: str) -> rx.Component:
    return rx.button(
        t(label_key),
        on_click=S.choose_kind(kind),
        variant=rx.cond(S.kind == kind, "solid", "outline"),
        aria_pressed=S.kind == kind,
        size="2",
        class_name=f"touch timeline-filter filter-{kind or 'all'}",
    )


def _icon(name) -> rx.Component:
    # rx.icon needs a name known when the page is built; match the entry's icon to one of them.
    return rx.match(
        name,
        *[(icon, rx.icon(icon, size=18, aria_hidden="true")) for icon in ICONS],
        rx.icon("circle", size=18, aria_hidden="true"),
    )


def _entry(entry) -> rx.Component:
    return rx.el.li(
        rx.box(_icon(entry.icon), class_name=f"timeline-dot dot-{entry.kind} tone-{entry.tone}"),
        rx.vstack(
            rx.text(rx.text.strong(entry.label), " · ", entry.when, size="2"),
            rx.cond(entry.text != "", rx.text(entry.text, size="3", class_name="timeline-text")),
            rx.cond(entry.who != "", rx.text(entry.who, size="2", class_name="muted")),
            spacing="1",
            min_width="0",
        ),
        class_name="timeline-entry",
        data_testid="timeline-entry",
    )


def timeline_tab() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            _filter("", "timeline.all"),
            *[_filter(kind, f"timeline.filter_{kind}") for kind in KINDS],
            wrap="wrap",
            spacing="2",
            role="group",
            aria_label=t("timeline.filter_label"),
        ),
        rx.cond(S.loaded & (S.entries.length() == 0), rx.text(t("timeline.empty"))),
        rx.el.ol(rx.foreach(S.entries, _entry), class_name="timeline"),
        spacing="3",
        width="100%",
    )
