"""My logs: cards on a phone, the same cards in columns on wider screens."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.refusals import refusals_card
from stafett_app.pages.my_logs.import_form import import_card
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
        rx.card(
            body,
            rx.text(t("logs.not_participant"), size="1", color_scheme="gray"),
            rx.cond(
                row.can_read_archive,
                rx.link(
                    rx.icon("archive", size=16, aria_hidden="true"),
                    t("archive_page.open"),
                    href=routes.archive(row.log_id),
                    class_name="back-link open-archive",
                ),
            ),
            class_name="log-card closed",
        ),
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


def _asked_card(row) -> rx.Component:
    """A consent request: the family page shows the proposal (a draft is not in the list)."""
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon("file-signature", size=22, aria_hidden="true"),
                rx.vstack(
                    rx.text(t("logs.consent_asked"), " ", row.child_first_name, weight="bold", size="3"),
                    rx.text(
                        rx.cond(row.confirmed_by_me, t("logs.consent_given_waiting"), t("logs.consent_asked_intro")),
                        size="2",
                    ),
                    spacing="0",
                ),
                align="center",
                spacing="3",
            ),
        ),
        href=routes.family(row.log_id),
        underline="none",
        color="inherit",
        class_name="consent-asked-link",
        width="100%",
    )


def _discarded(row) -> rx.Component:
    return rx.box(
        rx.text(rx.text.strong(row.child_name), " · ", row.discarded_on, size="2"),
        rx.text(row.summary, size="2"),
        class_name="discarded-draft",
        padding_y="4px",
    )


def _discarded_drafts() -> rx.Component:
    """Drafts that led nowhere: the author's own short summary, as the guides ask."""
    return rx.cond(
        MyLogsState.discarded.length() > 0,
        rx.el.details(
            rx.el.summary(t("logs.discarded_heading"), class_name="field-label"),
            rx.foreach(MyLogsState.discarded, _discarded),
            class_name="discarded-drafts",
            width="100%",
        ),
    )


def _new_log_button() -> rx.Component:
    return rx.cond(
        MyLogsState.can_start_log,
        rx.link(
            rx.button(rx.icon("plus", size=16, aria_hidden="true"), t("logs.new_log"), class_name="touch new-log"),
            href=routes.NEW_LOG,
        ),
    )


def my_logs_page() -> rx.Component:
    return page_shell(
        rx.cond(
            MyLogsState.loaded,
            rx.vstack(
                rx.hstack(
                    rx.heading(t("logs.heading"), size="7", as_="h1"),
                    _new_log_button(),
                    justify="between",
                    align="center",
                    wrap="wrap",
                    width="100%",
                ),
                rx.foreach(MyLogsState.asked, _asked_card),
                rx.cond(MyLogsState.rows.length() == 0, rx.text(t("logs.none"))),
                _log_grid(MyLogsState.rows),
                rx.cond(
                    MyLogsState.unit_rows.length() > 0,
                    rx.vstack(
                        rx.heading(t("logs.unit_heading"), size="5", as_="h2"),
                        rx.text(t("logs.unit_intro"), size="2"),
                        _log_grid(MyLogsState.unit_rows),
                        refusals_card(MyLogsState.unit_refusals, "access.refusals.unit_title"),
                        spacing="3",
                        width="100%",
                        id="unit-logs",
                    ),
                ),
                _discarded_drafts(),
                _notice_settings_link(),
                rx.cond(MyLogsState.import_children.length() > 0, import_card()),
                spacing="4",
                width="100%",
            ),
            loading(),
        )
    )
