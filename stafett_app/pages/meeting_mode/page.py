"""Meeting mode: one log on the big screen in a meeting room. Large text; no links to other logs,
lists or the calendar; leaving is a deliberate, confirmed action."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.practice import practice_banner
from stafett_app.forms.dialog import form_dialog
from stafett_app.pages.plan.minutes_panel import minutes_panel
from stafett_app.pages.plan.state import PlanState
from stafett_app.pages.plan.tree import plan_tree
from stafett_app.state.session import t

plan = PlanState.plan


def _leave() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                rx.icon("log-out", size=18, aria_hidden="true"),
                t("meeting_mode.leave"),
                variant="outline",
                class_name="touch leave-meeting-mode",
            )
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("meeting_mode.leave_title")),
            rx.alert_dialog.description(t("meeting_mode.leave_text")),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(t("meeting_mode.stay"), variant="soft", color_scheme="gray", class_name="touch")
                ),
                rx.alert_dialog.action(
                    rx.link(
                        rx.button(t("meeting_mode.leave_confirm"), class_name="touch confirm-leave"),
                        href=routes.plan(plan.log_id),
                    )
                ),
                justify="end",
                spacing="3",
                margin_top="12px",
            ),
        ),
    )


def meeting_mode_page() -> rx.Component:
    return page_shell(
        practice_banner(PlanState.practice_until),
        rx.cond(
            PlanState.loaded,
            rx.vstack(
                rx.hstack(
                    rx.vstack(
                        rx.text(t("meeting_mode.badge"), class_name="eyebrow"),
                        rx.heading(plan.child_first_name, size="9", as_="h1"),
                        spacing="0",
                    ),
                    rx.spacer(),
                    _leave(),
                    wrap="wrap",  # a phone puts the exit under the name
                    width="100%",
                    align="center",
                ),
                plan_tree(),
                minutes_panel(),
                form_dialog(PlanState),
                spacing="4",
                width="100%",
                class_name="meeting-mode",
            ),
            loading(),
        ),
        meeting_mode=True,
    )
