"""The inbox: one row per log, with how many messages are new."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.pages.inbox.state import InboxState
from stafett_app.state.session import t, tn


def _row(row) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon("messages-square", size=22, aria_hidden="true"),
                rx.vstack(
                    rx.heading(row.child_first_name, size="4", as_="h2"),
                    rx.text(
                        t("messages.conversation_count").replace("{n}", row.conversations.to(str)),
                        size="2",
                        class_name="muted",
                    ),
                    spacing="1",
                ),
                rx.spacer(),
                rx.cond(
                    row.unread > 0,
                    rx.badge(
                        row.unread.to(str) + " " + tn("messages.new_count", row.unread),
                        color_scheme="red",
                        variant="solid",
                        size="2",
                    ),
                ),
                align="center",
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
        href=routes.messages(row.log_id),
        underline="none",
        width="100%",
        class_name="inbox-row",
        data_testid="inbox-row",
    )


def inbox_page() -> rx.Component:
    return page_shell(
        rx.cond(
            InboxState.loaded,
            rx.vstack(
                rx.heading(t("messages.inbox_heading"), size="7", as_="h1"),
                rx.cond(InboxState.rows.length() == 0, rx.text(t("messages.inbox_empty"))),
                rx.foreach(InboxState.rows, _row),
                spacing="3",
                width="100%",
            ),
            loading(),
        )
    )
