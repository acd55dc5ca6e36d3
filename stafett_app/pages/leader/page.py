"""The unit leader's overview: figures with charts (and their tables), then every log in a sortable table.

Charts are pictures for sighted readers; each one's figures are in a real table right under it,
so a screen reader (and anyone who prefers numbers) gets the same."""

from typing import Any

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.pages.leader.state import LeaderState
from stafett_app.state.session import t, tn

CHART_COLOUR = "var(--accent-9)"


def _figure(value, label_key: str, test_id: str, tone: str = "gray") -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(value, size="7", weight="bold", color_scheme=tone),
            rx.text(t(label_key), size="2"),
            spacing="1",
        ),
        data_testid=test_id,
        class_name="leader-figure",
    )


def _figures() -> rx.Component:
    return rx.grid(
        _figure(LeaderState.active_logs, "leader.active_logs", "figure-active"),
        _figure(LeaderState.overdue_logs, "leader.overdue_logs", "figure-overdue", "orange"),
        _figure(LeaderState.idle_logs, "leader.idle_logs", "figure-idle", "orange"),
        _figure(LeaderState.without_holder, "leader.without_holder", "figure-without-holder", "red"),
        _figure(LeaderState.school_environment, "leader.school_environment", "figure-school-environment"),
        _figure(LeaderState.refusals, "leader.refusals", "figure-refusals"),
        columns=rx.breakpoints(initial="2", sm="3", lg="6"),
        spacing="3",
        width="100%",
    )


def _count_table(rows, caption_key: str, test_id: str) -> rx.Component:
    return rx.table.root(
        rx.el.caption(t(caption_key), class_name="table-caption"),
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(t("leader.what")),
                rx.table.column_header_cell(t("leader.count"), justify="end"),
            )
        ),
        rx.table.body(
            rx.foreach(
                rows,
                lambda row: rx.table.row(rx.table.row_header_cell(row.label), rx.table.cell(row.count, justify="end")),
            )
        ),
        size="1",
        variant="surface",
        width="100%",
        data_testid=test_id,
    )


def _chart(rows, *, vertical: bool) -> rx.Component:
    """A bar chart; hidden from assistive technology, which reads the table below instead."""
    axes = (
        (
            rx.recharts.x_axis(type_="number", allow_decimals=False),
            rx.recharts.y_axis(data_key="label", type_="category", width=170, tick={"fontSize": 12}),
        )
        if vertical
        else (rx.recharts.x_axis(data_key="label"), rx.recharts.y_axis(allow_decimals=False, width=30))
    )
    return rx.box(
        rx.recharts.responsive_container(
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="count", fill=CHART_COLOUR, is_animation_active=False),
                *axes,
                data=rows.to(list[dict[str, Any]]),  # recharts takes plain objects
                layout="vertical" if vertical else "horizontal",
                # Recharts makes the chart focusable for keyboard reading; here the table does that.
                custom_attrs={"accessibilityLayer": False},
            ),
            width="100%",
            height=40 + rows.length() * 32 if vertical else 220,
        ),
        aria_hidden="true",
        width="100%",
    )


def _section(*children: rx.Component, spacing: str, **props: Any) -> rx.Component:
    """One card of the dashboard: a heading (h2) and what it counts, stacked the card's full width."""
    return rx.card(rx.vstack(*children, spacing=spacing, width="100%"), width="100%", **props)


def _chart_section(heading_key: str, rows, caption_key: str, test_id: str, *, vertical: bool) -> rx.Component:
    return _section(
        rx.heading(t(heading_key), size="4", as_="h2"),
        rx.cond(
            rows.length() > 0,
            rx.fragment(_chart(rows, vertical=vertical), _count_table(rows, caption_key, test_id)),
            rx.text(t("leader.none"), size="2"),
        ),
        spacing="3",
    )


def _log_lines(rows, detail_key: str) -> rx.Component:
    return rx.cond(
        rows.length() > 0,
        rx.el.ul(
            rx.foreach(
                rows,
                lambda row: rx.el.li(
                    rx.text.strong(row.child),
                    " (",
                    t("leader.log_number"),
                    " ",
                    row.log_id,
                    ") · ",
                    rx.cond(row.holder != "", row.holder, t("leader.no_holder")),
                    rx.cond(row.detail != "", rx.fragment(" · ", t(detail_key), ": ", row.detail)),
                ),
            ),
            class_name="leader-log-lines",
        ),
        rx.text(t("leader.none"), size="2"),
    )


def _list_section(heading, count, rows, detail_key: str, test_id: str) -> rx.Component:
    return _section(
        rx.heading(heading, " (", count, ")", size="4", as_="h2"),
        _log_lines(rows, detail_key),
        rx.cond(count > rows.length(), rx.text(t("leader.more_in_table"), size="1")),
        spacing="2",
        data_testid=test_id,
    )


def _sections(*sections: rx.Component) -> rx.Component:
    """Cards side by side from a tablet up, one above the other on a phone."""
    return rx.grid(*sections, columns=rx.breakpoints(initial="1", md="2"), spacing="3", width="100%", align="start")


def _sort_header(key: str, label_key: str) -> rx.Component:
    active = LeaderState.sort == key
    return rx.table.column_header_cell(
        rx.button(
            t(label_key),
            rx.cond(
                active,
                rx.cond(
                    LeaderState.descending,
                    rx.icon("arrow-down", size=14, aria_hidden="true"),
                    rx.icon("arrow-up", size=14, aria_hidden="true"),
                ),
            ),
            on_click=LeaderState.sort_by(key),
            variant="ghost",
            size="1",
            class_name="sort-button",
        ),
        aria_sort=rx.cond(active, rx.cond(LeaderState.descending, "descending", "ascending"), "none"),
        white_space="nowrap",
    )


def _level(n: str) -> rx.Var[str]:
    return t("leader.level_n").replace("{n}", n)


def _choice(label_key: str, value, handler, options: list[tuple[str, rx.Var[str]]], test_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="1", weight="bold", as_="label", html_for=test_id),
        rx.select.root(
            rx.select.trigger(id=test_id, aria_label=t(label_key)),
            rx.select.content(*[rx.select.item(text, value=val) for val, text in options]),
            value=value,
            on_change=handler,
            size="2",
        ),
        spacing="1",
    )


def _filters() -> rx.Component:
    return rx.flex(
        _choice(
            "leader.col.status",
            LeaderState.status_filter,
            LeaderState.filter_status,
            [("all", t("leader.all")), ("active", t("status.active")), ("passive", t("status.passive"))],
            "filter-status",
        ),
        _choice(
            "leader.col.level",
            LeaderState.level_filter,
            LeaderState.filter_level,
            [("all", t("leader.all")), ("1", _level("1")), ("2", _level("2")), ("3", _level("3"))],
            "filter-level",
        ),
        _choice(
            "leader.col.holder",
            LeaderState.holder_filter,
            LeaderState.filter_holder,
            [("all", t("leader.all")), ("missing", t("leader.holder_missing"))],
            "filter-holder",
        ),
        spacing="3",
        wrap="wrap",
    )


def _table_row(row) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            row.child, " ", rx.el.span("(", row.log_id, ")", class_name="log-number"), white_space="nowrap"
        ),
        rx.table.cell(rx.badge(row.status_label, color_scheme=rx.cond(row.status == "active", "green", "gray"))),
        rx.table.cell(row.level),
        rx.table.cell(
            rx.cond(row.holder != "", row.holder, rx.text(t("leader.no_holder"), color_scheme="red")),
            white_space="nowrap",
        ),
        rx.table.cell(row.next_evaluation, white_space="nowrap"),
        rx.table.cell(rx.cond(row.overdue > 0, rx.badge(row.overdue, color_scheme="orange"), "0")),
        rx.table.cell(row.last_activity, white_space="nowrap"),
        class_name="leader-row",
    )


def _log_table() -> rx.Component:
    return rx.vstack(
        rx.heading(t("leader.table_heading"), size="5", as_="h2", id="leader-table-heading"),
        _filters(),
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        _sort_header("child", "leader.col.child"),
                        _sort_header("status", "leader.col.status"),
                        _sort_header("level", "leader.col.level"),
                        _sort_header("holder", "leader.col.holder"),
                        _sort_header("next_evaluation", "leader.col.next_evaluation"),
                        _sort_header("overdue", "leader.col.overdue"),
                        _sort_header("last_activity", "leader.col.last_activity"),
                    )
                ),
                rx.table.body(rx.foreach(LeaderState.rows, _table_row)),
                size="1",
                width="100%",
                id="leader-table",
            ),
            # Wider than a phone: it scrolls sideways, and the keyboard can reach the scrolling.
            overflow_x="auto",
            width="100%",
            tab_index=0,
            role="region",
            aria_labelledby="leader-table-heading",
        ),
        rx.hstack(
            rx.button(
                t("leader.previous"),
                on_click=LeaderState.previous_page,
                disabled=LeaderState.page == 0,
                variant="soft",
            ),
            rx.text(
                t("leader.page_of")
                .replace("{page}", (LeaderState.page + 1).to(str))
                .replace("{pages}", LeaderState.pages.to(str)),
                " · ",
                tn("leader.total", LeaderState.total),
                size="2",
                aria_live="polite",
                data_testid="table-position",
            ),
            rx.button(
                t("leader.next"),
                on_click=LeaderState.next_page,
                disabled=LeaderState.page + 1 >= LeaderState.pages,
                variant="soft",
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
    )


def _unit_chooser() -> rx.Component:
    """Only for a person who leads more than one unit: the figures and the list follow the choice."""
    return rx.cond(
        LeaderState.unit_choices.length() > 1,
        rx.vstack(
            rx.el.label(t("leader.choose_unit"), html_for="leader-unit", class_name="field-label"),
            rx.el.select(
                rx.foreach(LeaderState.unit_choices, lambda u: rx.el.option(u.label, value=u.value)),
                id="leader-unit",
                value=LeaderState.unit,
                on_change=LeaderState.choose_unit,
                class_name="admin-select",
            ),
            spacing="1",
        ),
    )


def leader_page() -> rx.Component:
    return page_shell(
        rx.cond(
            LeaderState.loaded,
            rx.vstack(
                rx.heading(t("leader.heading"), size="7", as_="h1"),
                rx.text(t("leader.intro"), " ", rx.text.strong(LeaderState.unit_names), size="2"),
                _unit_chooser(),
                _figures(),
                _sections(
                    _chart_section(
                        "leader.by_level", LeaderState.by_level, "leader.by_level", "table-level", vertical=False
                    ),
                    _chart_section(
                        "leader.by_category",
                        LeaderState.by_category,
                        "leader.by_category",
                        "table-category",
                        vertical=True,
                    ),
                ),
                _sections(
                    _list_section(
                        t("leader.overdue_logs"),
                        LeaderState.overdue_logs,
                        LeaderState.overdue_list,
                        "leader.overdue_measures",
                        "list-overdue",
                    ),
                    _list_section(
                        t("leader.idle_heading").replace("{n}", LeaderState.idle_weeks.to(str)),
                        LeaderState.idle_logs,
                        LeaderState.idle_list,
                        "leader.last_activity_on",
                        "list-idle",
                    ),
                    _list_section(
                        t("leader.without_holder"),
                        LeaderState.without_holder,
                        LeaderState.without_holder_list,
                        "leader.none",
                        "list-without-holder",
                    ),
                    _list_section(
                        t("leader.handovers"),
                        LeaderState.handovers_waiting,
                        LeaderState.handovers_waiting_list,
                        "leader.none",
                        "list-handovers",
                    ),
                    _chart_section(
                        "leader.refusals",
                        LeaderState.refusals_by_action,
                        "leader.refusals",
                        "table-refusals",
                        vertical=True,
                    ),
                ),
                rx.link(
                    rx.hstack(
                        rx.icon("download", size=16, aria_hidden="true"), t("leader.csv"), spacing="2", align="center"
                    ),
                    href=routes.leader_figures_csv(LeaderState.unit),
                    class_name="leader-csv",
                    is_external=False,
                ),
                _log_table(),
                spacing="4",
                width="100%",
                id="leader-dashboard",
            ),
            loading(),
        )
    )
