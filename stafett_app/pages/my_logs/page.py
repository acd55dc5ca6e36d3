"""My logs: cards on a phone, the same cards in columns on wider screens."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.state.session import t, tn


def _log_card(row) -> rx.Component:
    body = rx.vstack(
        rx.hstack(
            rx.heading(row.child_first_name, size="5", as_="h3"),
            rx.spacer(),
            rx.badge(
                row.status_label, color_scheme=rx.match(row.status, ("active", "green"), ("draft", "blue"), "gray")
            ),
            width="100%",
            align="center",
        ),
        rx.text(
            t("plan.level"),
            " ",
            row.level,
            rx.cond(row.my_role_label != "", " · " + row.my_role_label.to(str), ""),
            size="2",
        ),
        rx.text(t("role.holder"), ": ", row.holder_name, size="2"),
        rx.cond(
            row.next_evaluation != "",
            rx.text(
                t("logs.next_evaluation"),
                ": ",
                rx.text.strong(row.next_evaluation),
                " (",
                row.next_evaluation_relative,
                ")",
                size="2",
            ),
        ),
        rx.cond(
            row.overdue_count > 0,
            rx.badge(
                rx.icon("triangle-alert", size=14, aria_hidden="true"),
                row.overdue_count,
                " ",
                tn("logs.overdue", row.overdue_count),
                color_scheme="orange",
                class_name="overdue-badge",
            ),
        ),
        rx.cond(
            row.unread_messages > 0,
            rx.badge(
                rx.icon("mail", size=14, aria_hidden="true"),
                row.unread_messages,
                " ",
                tn("logs.unread_messages", row.unread_messages),
                color_scheme="indigo",
                class_name="unread-messages-badge",
            ),
        ),
        spacing="1",
        align="start",
        width="100%",
    )
    return rx.cond(
        row.can_open,
        rx.link(
            rx.card(body, class_name="log-card"),
            href=rx.match(
                row.view,
                ("family", routes.family(row.log_id)),
                ("child", routes.child(row.log_id)),
                routes.plan(row.log_id),
            ),
            underline="none",
            color="inherit",
            class_name="log-link",
        ),
        # Said once above the leader's list, not on every card.
        rx.card(body, class_name="log-card closed"),
    )


def _log_grid(rows) -> rx.Component:
    return rx.grid(
        rx.foreach(rows, _log_card), columns=rx.breakpoints(initial="1", sm="2", lg="3"), spacing="3", width="100%"
    )


def _notice_settings_link() -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon("bell", size=22, aria_hidden="true"),
                rx.vstack(
                    rx.text(t("logs.notify_link"), weight="bold", size="3"),
                    rx.text(t("logs.notify_link_intro"), size="2"),
                    spacing="0",
                ),
                align="center",
                spacing="3",
            ),
        ),
        href=routes.NOTIFICATION_SETTINGS,
        underline="none",
        color="inherit",
        class_name="notice-settings-link",
        width="100%",
    )


def my_logs_page() -> rx.Component:
    return page_shell(
        rx.cond(
            MyLogsState.loaded,
            rx.vstack(
                rx.heading(t("logs.heading"), size="7", as_="h1"),
                rx.cond(MyLogsState.rows.length() == 0, rx.text(t("logs.none"))),
                _log_grid(MyLogsState.rows),
                rx.cond(
                    (MyLogsState.unit_rows.length() + MyLogsState.unit_passive_rows.length()) > 0,
                    rx.vstack(
                        rx.heading(t("logs.unit_heading"), size="5", as_="h2"),
                        rx.text(t("logs.unit_intro"), size="2"),
                        rx.cond(
                            MyLogsState.unit_has_closed_cards,
                            rx.text(t("logs.not_participant_unit"), size="2", class_name="not-participant-note"),
                        ),
                        _log_grid(MyLogsState.unit_rows),
                        rx.cond(
                            MyLogsState.unit_passive_rows.length() > 0,
                            rx.vstack(
                                rx.heading(t("logs.unit_passive_heading"), size="4", as_="h3"),
                                _log_grid(MyLogsState.unit_passive_rows),
                                spacing="2",
                                width="100%",
                                id="unit-passive-logs",
                            ),
                        ),
                        spacing="3",
                        width="100%",
                        id="unit-logs",
                    ),
                ),
                _notice_settings_link(),
                spacing="4",
                width="100%",
            ),
            loading(),
        )
    )
