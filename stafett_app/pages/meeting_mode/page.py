"""Meeting mode: one log on the big screen in a meeting room. Large text; no links to other logs,
lists or the calendar; leaving is a deliberate, confirmed action."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.confirm import confirm_dialog, confirm_trigger
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.practice import practice_banner
from stafett_app.forms.dialog import form_dialog
from stafett_app.pages.plan.minutes_panel import minutes_panel
from stafett_app.pages.plan.state import PlanState
from stafett_app.pages.plan.tree import plan_tree
from stafett_app.state.session import t

plan = PlanState.plan


def _leave() -> rx.Component:
    return confirm_dialog(
        confirm_trigger(t("meeting_mode.leave"), "leave-meeting-mode", icon="log-out", icon_size=18, variant="outline"),
        title=t("meeting_mode.leave_title"),
        text=t("meeting_mode.leave_text"),
        confirm=t("meeting_mode.leave_confirm"),
        cancel=t("meeting_mode.stay"),
        href=routes.plan(plan.log_id),
        confirm_class="confirm-leave",
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
