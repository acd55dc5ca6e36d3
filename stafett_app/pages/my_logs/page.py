"""My logs: cards on a phone, the same cards in columns on wider screens."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.state.session import SessionState, t, tn


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
        rx.card(body, rx.text(t("logs.not_participant"), size="1", color_scheme="gray"), class_name="log-card closed"),
    )


def _log_grid(rows) -> rx.Component:
    return rx.grid(
        rx.foreach(rows, _log_card), columns=rx.breakpoints(initial="1", sm="2", lg="3"), spacing="3", width="100%"
    )


def _link_card(icon: str, title_key: str, intro_key: str, href: str, class_name: str) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon(icon, size=22, aria_hidden="true"),
                rx.vstack(
                    rx.text(t(title_key), weight="bold", size="3"),
                    rx.text(t(intro_key), size="2"),
                    spacing="0",
                ),
                align="center",
                spacing="3",
            ),
        ),
        href=href,
        underline="none",
        color="inherit",
        class_name=class_name,
        width="100%",
    )


def _notice_settings_link() -> rx.Component:
    return _link_card(
        "bell", "logs.notify_link", "logs.notify_link_intro", routes.NOTIFICATION_SETTINGS, "notice-settings-link"
    )


def _leader_link() -> rx.Component:
    """A leader's unit list lives on the leader page: figures, and every log in a sortable table."""
    return rx.box(
        _link_card("chart-column", "logs.leader_link", "logs.leader_link_intro", routes.LEADER, "leader-link"),
        id="unit-logs",
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
                rx.cond(SessionState.person_is_leader, _leader_link()),
                _notice_settings_link(),
                spacing="4",
                width="100%",
            ),
            loading(),
        )
    )
