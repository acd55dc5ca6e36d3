"""Calendar: an agenda list that reads the same on a phone and a tablet."""

import reflex as rx

from stafett_app.components.layout import loading, page_shell
from stafett_app.state.calendar import CalendarState
from stafett_app.state.session import t


def _answer(item, value: str, key: str) -> rx.Component:
    return rx.button(
        t(key),
        on_click=CalendarState.respond(item.meeting_id, value),
        variant=rx.cond(item.my_response == value, "solid", "outline"),
        aria_pressed=item.my_response == value,
        class_name=f"touch answer-{value}",
        size="2",
    )


def _item(item) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.box(
                rx.cond(item.kind == "meeting", rx.icon("users", size=22, aria_hidden="true"), rx.icon("clipboard-check", size=22, aria_hidden="true")),
                class_name="arena-chip",
            ),
            rx.vstack(
                rx.text(item.title, weight="bold", size="3"),
                rx.text(item.day, rx.cond(item.time != "", " " + t("calendar.at") + " " + item.time.to(str), ""), " (", item.day_relative, ")", size="2"),
                rx.text(item.child_first_name, rx.cond(item.where != "", " · " + item.where.to(str), ""), size="2", class_name="muted"),
                spacing="1",
                min_width="0",
            ),
            spacing="3",
            align="start",
        ),
        rx.cond(
            item.invited,
            rx.hstack(
                rx.text(t("calendar.coming"), size="2", weight="medium"),
                _answer(item, "yes", "calendar.answer_yes"),
                _answer(item, "no", "calendar.answer_no"),
                _answer(item, "maybe", "calendar.answer_maybe"),
                rx.link(rx.icon("calendar-plus", size=16, aria_hidden="true"), t("calendar.download"), href="/calendar/meeting/" + item.meeting_id.to(str) + ".ics", class_name="back-link"),
                wrap="wrap",
                align="center",
                spacing="2",
                margin_top="8px",
            ),
        ),
        width="100%",
        class_name="calendar-item",
        data_testid="calendar-item",
    )


def calendar_page() -> rx.Component:
    return page_shell(
        rx.cond(
            CalendarState.loaded,
            rx.vstack(
                rx.heading(t("calendar.heading"), size="7", as_="h1"),
                rx.cond(CalendarState.items.length() == 0, rx.text(t("calendar.empty"))),
                rx.foreach(CalendarState.items, _item),
                rx.card(
                    rx.heading(t("calendar.feed_heading"), size="4", as_="h2"),
                    rx.text(t("calendar.feed_intro"), size="2"),
                    rx.button(t("calendar.feed_make"), on_click=CalendarState.renew_feed, class_name="touch renew-feed", margin_top="8px"),
                    rx.cond(
                        CalendarState.new_feed_url != "",
                        rx.box(
                            rx.text(t("calendar.feed_copy"), size="2", weight="medium"),
                            rx.code(CalendarState.new_feed_url, class_name="feed-url"),
                            margin_top="8px",
                        ),
                    ),
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        )
    )
