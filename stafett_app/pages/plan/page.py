"""One log: overview and the concern -> goal -> measure tree, in two tabs."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.child_mode import show_child_button
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.practice import practice_banner
from stafett_app.components.refusals import refusals_card
from stafett_app.forms.dialog import draft_offer, form_dialog
from stafett_app.pages.plan.overview import plan_overview
from stafett_app.pages.plan.start_panel import start_panel
from stafett_app.pages.plan.state import PlanState
from stafett_app.pages.plan.timeline_state import TimelineState
from stafett_app.pages.plan.timeline_tab import timeline_tab
from stafett_app.pages.plan.tree import plan_tree
from stafett_app.state.session import t


def plan_page() -> rx.Component:
    return page_shell(
        practice_banner(PlanState.practice_until),
        rx.cond(
            PlanState.loaded,
            rx.vstack(
                rx.link(
                    rx.icon("arrow-left", size=16, aria_hidden="true"),
                    t("nav.back_to_logs"),
                    href=routes.MY_LOGS,
                    class_name="back-link",
                ),
                draft_offer(PlanState),
                show_child_button(PlanState),
                start_panel(),
                rx.tabs.root(
                    rx.tabs.list(
                        rx.tabs.trigger(t("plan.tab_overview"), value="overview", class_name="touch"),
                        rx.tabs.trigger(t("plan.tab_tree"), value="tree", class_name="touch tab-tree"),
                        rx.tabs.trigger(
                            t("plan.tab_timeline"),
                            value="timeline",
                            class_name="touch tab-timeline",
                            on_click=TimelineState.load,
                        ),
                    ),
                    rx.tabs.content(plan_overview(), value="overview", padding_top="12px"),
                    rx.tabs.content(plan_tree(), value="tree", padding_top="12px"),
                    rx.tabs.content(timeline_tab(), value="timeline", padding_top="12px"),
                    default_value="overview",
                    width="100%",
                ),
                refusals_card(PlanState.refusals, "access.refusals.title"),
                form_dialog(PlanState),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
    )
