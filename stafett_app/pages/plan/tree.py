"""The concern -> goal -> measure tree, expandable on every screen size."""

import reflex as rx

from stafett_app.components.badges import arena_icon, evaluation_badge, history_dots
from stafett_app.domain.plan_rules import SCHOOL_ENVIRONMENT_ITEMS
from stafett_app.pages.plan.state import PlanState
from stafett_app.state.session import t


def _small_button(label, icon: str, on_click, marker: str, **props) -> rx.Component:
    """A soft button with an icon; `marker` is a class the tests and styles find it by."""
    return rx.button(
        rx.icon(icon, size=16, aria_hidden="true"),
        label,
        on_click=on_click,
        variant="soft",
        size="2",
        class_name=f"touch {marker}",
        **props,
    )


def _evaluation(item) -> rx.Component:
    return rx.box(
        rx.hstack(
            evaluation_badge(item.result, item.result_label),
            rx.text(item.evaluated_on, size="2", weight="medium"),
            rx.text("· ", item.outcome_label, size="2", color_scheme="gray"),
            wrap="wrap",
            align="center",
            spacing="2",
        ),
        rx.text(item.text, size="2", margin_top="4px"),
        rx.cond(
            item.participants_text != "",
            rx.text(t("evaluation.participants"), ": ", item.participants_text, size="1", color_scheme="gray"),
        ),
        class_name="history-item",
    )


def _comment(item) -> rx.Component:
    return rx.box(
        rx.text(rx.text.strong(item.author_name), " · ", item.written, size="1", color_scheme="gray"),
        rx.text(item.text, size="2"),
        class_name="history-item",
    )


def _revision(item) -> rx.Component:
    return rx.box(
        rx.text(
            rx.cond(item.is_correction, t("measure.corrected_by"), t("measure.edited_by")),
            " ",
            item.replaced_by,
            " · ",
            item.replaced,
            size="1",
            color_scheme="gray",
        ),
        rx.text(t("measure.earlier_text"), ": ", rx.el.s(item.title), size="2"),
        rx.cond(item.reason != "", rx.text(t("revision.reason"), " ", item.reason, size="2")),
        class_name="history-item",
    )


def measure_card(measure) -> rx.Component:
    editable = PlanState.plan.can_edit_plan & ~measure.ended
    return rx.box(
        rx.hstack(
            rx.box(arena_icon(measure.arena), class_name="arena-chip"),
            rx.vstack(
                rx.text(measure.title, weight="bold", size="3", class_name="measure-title"),
                rx.text(measure.arena_label, " · ", measure.responsible_name, size="2", color_scheme="gray"),
                spacing="0",
                flex="1",
                min_width="0",
            ),
            align="start",
            spacing="3",
            width="100%",
        ),
        rx.box(evaluation_badge(measure.badge), margin_top="6px", class_name="measure-badge"),
        rx.cond(measure.description != "", rx.text(measure.description, size="2", margin_top="6px")),
        rx.cond(
            measure.photo_url != "",
            rx.image(src=measure.photo_url, alt=measure.title, class_name="measure-photo", loading="lazy"),
        ),
        rx.hstack(
            rx.text(t("measure.started"), " ", measure.start_date, size="2"),
            rx.cond(
                measure.evaluation_date != "",
                rx.text(
                    t("measure.evaluate_on"),
                    " ",
                    rx.text.strong(measure.evaluation_date),
                    " (",
                    measure.evaluation_relative,
                    ")",
                    size="2",
                    class_name="evaluate-on",
                ),
            ),
            history_dots(measure.history),
            wrap="wrap",
            spacing="3",
            margin_top="6px",
        ),
        rx.hstack(
            rx.cond(
                measure.can_evaluate,
                _small_button(
                    t("action.evaluate"),
                    "clipboard-check",
                    PlanState.open_form("evaluate", measure.measure_id, 0),
                    "evaluate-button",
                ),
            ),
            rx.cond(
                measure.can_comment,
                _small_button(
                    t("action.comment"),
                    "message-square",
                    PlanState.open_form("comment", measure.measure_id, 0),
                    "comment-button",
                ),
            ),
            rx.cond(
                editable,
                _small_button(
                    t("action.add_photo"),
                    "image-plus",
                    PlanState.open_form("photo", measure.measure_id, 0),
                    "photo-button",
                ),
            ),
            rx.cond(
                editable,
                _small_button(
                    rx.cond(measure.freely_editable, t("action.edit"), t("action.correct")),
                    "pencil",
                    PlanState.open_form("edit_measure", measure.measure_id, 0),
                    "edit-button",
                ),
            ),
            wrap="wrap",
            spacing="2",
            margin_top="8px",
        ),
        rx.cond(
            (measure.evaluations.length() > 0) | (measure.comments.length() > 0) | (measure.revisions.length() > 0),
            rx.el.details(
                rx.el.summary(
                    t("measure.history"),
                    " (",
                    measure.evaluations.length() + measure.comments.length() + measure.revisions.length(),
                    ")",
                    class_name="summary-small",
                ),
                rx.foreach(measure.evaluations, _evaluation),
                rx.foreach(measure.comments, _comment),
                rx.foreach(measure.revisions, _revision),
                class_name="measure-history",
            ),
        ),
        class_name=rx.cond(measure.ended, "measure-card ended", "measure-card"),
        data_testid="measure-card",
    )


def goal_block(goal, concern_id) -> rx.Component:
    can_edit = PlanState.plan.can_edit_plan
    return rx.box(
        rx.hstack(
            rx.cond(
                goal.is_sub,
                rx.icon("corner-down-right", size=18, aria_hidden="true"),
                rx.icon("target", size=18, aria_hidden="true"),
            ),
            rx.vstack(
                rx.text(
                    rx.cond(goal.is_sub, t("goal.sub"), t("goal.main")), size="1", weight="bold", class_name="eyebrow"
                ),
                rx.text(goal.text, size="3", weight="medium"),
                spacing="0",
            ),
            rx.cond(
                goal.reached,
                rx.badge(
                    rx.icon("flag", size=14, aria_hidden="true"),
                    t("goal.reached"),
                    color_scheme="green",
                    class_name="goal-reached",
                ),
            ),
            align="start",
            spacing="2",
        ),
        rx.vstack(rx.foreach(goal.measures, measure_card), spacing="2", width="100%", margin_top="8px"),
        rx.cond(
            can_edit,
            rx.hstack(
                _small_button(
                    t("action.add_measure"), "plus", PlanState.open_form("measure", goal.goal_id, 0), "add-measure"
                ),
                _small_button(
                    t("action.edit"), "pencil", PlanState.open_form("edit_goal", goal.goal_id, 0), "edit-goal"
                ),
                rx.cond(
                    goal.reached,
                    _small_button(
                        t("action.reopen_goal"),
                        "rotate-ccw",
                        PlanState.set_goal_reached(goal.goal_id, False),
                        "reopen-goal",
                    ),
                    _small_button(
                        t("action.goal_reached"), "flag", PlanState.set_goal_reached(goal.goal_id, True), "mark-reached"
                    ),
                ),
                rx.cond(
                    ~goal.is_sub,
                    _small_button(
                        t("action.add_subgoal"),
                        "plus",
                        PlanState.open_form("subgoal", concern_id, goal.goal_id),
                        "add-subgoal",
                    ),
                ),
                wrap="wrap",
                spacing="2",
                margin_top="8px",
            ),
        ),
        class_name=rx.cond(goal.is_sub, "goal-block sub", "goal-block"),
    )


def concern_card(concern) -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            rx.vstack(
                rx.hstack(
                    rx.badge(concern.category_label, variant="outline", color_scheme="indigo"),
                    rx.cond(
                        concern.is_school_environment, rx.badge(t("concern.activity_plan_needed"), color_scheme="amber")
                    ),
                    wrap="wrap",
                    spacing="2",
                ),
                rx.text(concern.text, size="4", weight="bold"),
                rx.hstack(
                    rx.text(t("summary.green"), ": ", concern.green, size="2"),
                    rx.text(t("summary.red"), ": ", concern.red, size="2"),
                    rx.text(t("summary.not_evaluated"), ": ", concern.not_evaluated, size="2"),
                    spacing="3",
                    wrap="wrap",
                ),
                spacing="1",
                align="start",
            ),
            class_name="concern-summary",
        ),
        rx.box(
            rx.cond(
                concern.shared_understanding != "",
                rx.box(
                    rx.text(t("concern.shared_understanding"), size="1", weight="bold", class_name="eyebrow"),
                    rx.text(concern.shared_understanding, size="2"),
                    margin_bottom="10px",
                ),
            ),
            rx.cond(
                concern.missing_arenas_label != "",
                rx.callout(
                    rx.text(t("concern.missing_arenas"), " ", rx.text.strong(concern.missing_arenas_label)),
                    icon="info",
                    color_scheme="amber",
                    size="1",
                    margin_bottom="10px",
                    class_name="arena-warning",
                ),
            ),
            rx.cond(concern.is_school_environment, school_environment_plan(concern)),
            rx.vstack(
                rx.foreach(concern.goals, lambda goal: goal_block(goal, concern.concern_id)), spacing="3", width="100%"
            ),
            rx.cond(
                PlanState.plan.can_edit_plan,
                rx.hstack(
                    _small_button(
                        t("action.add_goal"), "plus", PlanState.open_form("goal", concern.concern_id, 0), "add-goal"
                    ),
                    _small_button(
                        t("action.edit_concern"),
                        "pencil",
                        PlanState.open_form("edit_concern", concern.concern_id, 0),
                        "edit-concern",
                    ),
                    wrap="wrap",
                    spacing="2",
                    margin_top="10px",
                ),
            ),
            class_name="concern-body",
        ),
        open=True,
        class_name="concern-card",
        data_testid="concern-card",
    )


def school_environment_plan(concern) -> rx.Component:
    """The written plan the duty to act requires (opplæringslova § 12-4): what it must hold, the
    pupil's own view, and a warning naming what is missing."""
    missing = concern.school_environment_missing

    def item(key: str) -> rx.Component:
        return rx.el.li(
            rx.cond(
                missing.contains(key),
                rx.icon("circle-alert", size=16, aria_hidden="true", color="var(--amber-11)"),
                rx.icon("circle-check", size=16, aria_hidden="true", color="var(--green-11)"),
            ),
            rx.text(t(f"school_env.item.{key}"), as_="span", size="2"),
            class_name=rx.cond(missing.contains(key), "school-env-item missing", "school-env-item"),
            style={"display": "flex", "gap": "6px", "align_items": "center"},
        )

    return rx.box(
        rx.text(t("school_env.heading"), size="2", weight="bold"),
        rx.el.ul(
            *[item(key) for key in SCHOOL_ENVIRONMENT_ITEMS],
            class_name="school-env-list",
            style={"list_style": "none", "padding": "0", "margin": "6px 0"},
        ),
        rx.box(
            rx.text(t("school_env.pupil_view"), size="1", weight="bold", class_name="eyebrow"),
            rx.cond(
                concern.pupil_view != "",
                rx.text(concern.pupil_view, size="2", class_name="pupil-view"),
                rx.text(t("school_env.pupil_view_missing"), size="2", color_scheme="gray"),
            ),
            margin_top="6px",
        ),
        rx.cond(
            missing.length() > 0,
            rx.callout(
                rx.vstack(
                    rx.text(t("school_env.missing")),
                    rx.foreach(
                        missing,
                        lambda key: rx.text(
                            "• ",
                            rx.match(
                                key,
                                *[(k, t(f"school_env.item.{k}")) for k in SCHOOL_ENVIRONMENT_ITEMS],
                                key,
                            ),
                            size="2",
                        ),
                    ),
                    spacing="1",
                ),
                icon="triangle-alert",
                color_scheme="amber",
                size="1",
                margin_top="8px",
                role="alert",
                class_name="school-env-warning",
            ),
        ),
        class_name="school-env-plan",
        margin_bottom="10px",
    )


def plan_tree() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("plan.tree_heading"), size="5", as_="h2"),
            rx.spacer(),
            rx.cond(
                PlanState.plan.can_edit_plan,
                rx.button(
                    rx.icon("plus", size=16, aria_hidden="true"),
                    t("action.add_concern"),
                    on_click=PlanState.open_form("concern", 0, 0),
                    class_name="touch add-concern",
                ),
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            PlanState.plan.concerns.length() == 0,
            rx.text(t("plan.no_concerns"), color_scheme="gray"),
        ),
        rx.foreach(PlanState.plan.concerns, concern_card),
        spacing="3",
        width="100%",
        id="tree",
    )
