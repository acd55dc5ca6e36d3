"""Calendar: an agenda list on phones; on tablets and larger also a week and a month view."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.pages.calendar.state import CalendarState
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
                rx.cond(
                    item.kind == "meeting",
                    rx.icon("users", size=22, aria_hidden="true"),
                    rx.icon("clipboard-check", size=22, aria_hidden="true"),
                ),
                class_name="arena-chip",
            ),
            rx.vstack(
                rx.text(item.title, weight="bold", size="3"),
                rx.text(
                    item.day,
                    rx.cond(item.time != "", " " + t("calendar.at") + " " + item.time.to(str), ""),
                    " (",
                    item.day_relative,
                    ")",
                    size="2",
                ),
                rx.text(
                    item.child_first_name,
                    rx.cond(item.where != "", " · " + item.where.to(str), ""),
                    size="2",
                    class_name="muted",
                ),
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
                rx.link(
                    rx.icon("calendar-plus", size=16, aria_hidden="true"),
                    t("calendar.download"),
                    href=routes.meeting_ics(item.meeting_id),
                    class_name="back-link",
                ),
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


S = CalendarState


def _view_button(view: str, key: str) -> rx.Component:
    return rx.button(
        t(key),
        on_click=S.choose_view(view),
        variant=rx.cond(S.view == view, "solid", "outline"),
        aria_pressed=S.view == view,
        class_name=f"touch view-{view}",
    )


def _view_switch() -> rx.Component:
    return rx.hstack(
        _view_button("list", "calendar.view_list"),
        _view_button("week", "calendar.view_week"),
        _view_button("month", "calendar.view_month"),
        role="group",
        aria_label=t("calendar.view_label"),
        spacing="2",
        class_name="calendar-switch",
    )


def _period_nav(previous_key: str, next_key: str) -> rx.Component:
    return rx.hstack(
        rx.button(
            rx.icon("chevron-left", size=18, aria_hidden="true"),
            rx.el.span(t(previous_key), class_name="nav-label-small"),
            on_click=S.step(-1),
            variant="soft",
            class_name="touch step-back",
            aria_label=t(previous_key),
        ),
        rx.button(t("calendar.today"), on_click=S.go_to_today, variant="soft", class_name="touch go-today"),
        rx.button(
            rx.el.span(t(next_key), class_name="nav-label-small"),
            rx.icon("chevron-right", size=18, aria_hidden="true"),
            on_click=S.step(1),
            variant="soft",
            class_name="touch step-on",
            aria_label=t(next_key),
        ),
        rx.heading(S.period_title, size="5", as_="h2", class_name="period-title"),
        align="center",
        wrap="wrap",
        spacing="2",
    )


def _week_item(item) -> rx.Component:
    return rx.el.button(
        rx.text(
            rx.cond(item.time != "", item.time.to(str) + " ", ""),
            item.title,
            size="2",
            weight="medium",
            class_name="week-item-title",
        ),
        rx.text(item.child_first_name, size="1"),
        on_click=S.choose_day(item.iso_day),
        class_name=rx.cond(item.kind == "meeting", "week-item meeting", "week-item evaluation"),
        data_testid="week-item",
    )


def _week_column(column) -> rx.Component:
    return rx.el.section(
        rx.el.h3(column.short_label, aria_label=column.full_label, class_name="week-day-heading"),
        rx.foreach(column.day_items, _week_item),
        class_name=rx.cond(column.is_today, "week-day today", "week-day"),
        data_testid="week-day",
        data_day=column.iso,
    )


def _week_view() -> rx.Component:
    return rx.vstack(
        _period_nav("calendar.previous_week", "calendar.next_week"),
        rx.box(rx.foreach(S.week_columns, _week_column), class_name="week-grid"),
        width="100%",
        spacing="3",
        class_name="week-view",
    )


def _month_cell(cell) -> rx.Component:
    return rx.el.td(
        rx.el.button(
            rx.el.span(cell.number, class_name="month-day-number"),
            rx.hstack(
                # Dots without text: the button's name says what and how many, and its visible text stays the date.
                rx.cond(cell.meetings > 0, rx.el.span(class_name="marker meeting-marker", aria_hidden="true")),
                rx.cond(cell.evaluations > 0, rx.el.span(class_name="marker evaluation-marker", aria_hidden="true")),
                spacing="1",
            ),
            on_click=S.choose_day(cell.iso),
            aria_label=cell.label,
            aria_pressed=S.selected_day == cell.iso,
            class_name=rx.cond(cell.in_month, "month-day", "month-day outside"),
        ),
        class_name=rx.cond(cell.is_today, "today", ""),
        data_day=cell.iso,
        data_testid="month-day",
    )


def _month_view() -> rx.Component:
    return rx.vstack(
        _period_nav("calendar.previous_month", "calendar.next_month"),
        rx.el.table(
            rx.el.thead(
                rx.el.tr(
                    rx.el.th(t("calendar.week_short"), scope="col"),
                    *[rx.el.th(t(f"weekday_short.{d}"), scope="col") for d in range(7)],
                )
            ),
            rx.el.tbody(
                rx.foreach(
                    S.month_rows,
                    lambda row: rx.el.tr(
                        rx.el.th(row.week, scope="row", class_name="week-number"), rx.foreach(row.days, _month_cell)
                    ),
                )
            ),
            class_name="month-grid",
        ),
        width="100%",
        spacing="3",
        class_name="month-view",
    )


def _selected_day() -> rx.Component:
    return rx.cond(
        (S.view != "list") & (S.selected_day != ""),
        rx.vstack(
            rx.heading(S.selected_label, size="4", as_="h2"),
            rx.cond(S.selected_items.length() == 0, rx.text(t("calendar.nothing_this_day"))),
            rx.foreach(S.selected_items, _item),
            width="100%",
            spacing="2",
            class_name="selected-day",
        ),
    )


def calendar_page() -> rx.Component:
    return page_shell(
        rx.cond(
            CalendarState.loaded,
            rx.vstack(
                rx.hstack(
                    rx.heading(t("calendar.heading"), size="7", as_="h1"),
                    rx.spacer(),
                    _view_switch(),
                    width="100%",
                    align="center",
                    wrap="wrap",
                ),
                rx.cond(S.view == "week", _week_view()),
                rx.cond(S.view == "month", _month_view()),
                _selected_day(),
                rx.vstack(
                    rx.cond(CalendarState.items.length() == 0, rx.text(t("calendar.empty"))),
                    rx.foreach(CalendarState.items, _item),
                    spacing="3",
                    width="100%",
                    class_name=rx.cond(S.view == "list", "agenda-list", "agenda-list wide-hidden"),
                ),
                rx.card(
                    rx.heading(t("calendar.feed_heading"), size="4", as_="h2"),
                    rx.text(t("calendar.feed_intro"), size="2"),
                    rx.button(
                        t("calendar.feed_make"),
                        on_click=CalendarState.renew_feed,
                        class_name="touch renew-feed",
                        margin_top="8px",
                    ),
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
