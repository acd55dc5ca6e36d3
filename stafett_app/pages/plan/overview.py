"""The top of a plan: the child, the level and status, who is in it, and the consent."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.glimmers import glimmer_card
from stafett_app.components.log_ending import withdraw_consent_button
from stafett_app.components.picture import picture_icon
from stafett_app.pages.plan.minutes_panel import minutes_panel
from stafett_app.pages.plan.notes import notes_card
from stafett_app.pages.plan.print_and_archive import archive_card, print_and_export
from stafett_app.pages.plan.state import PlanState
from stafett_app.state.session import t, tn

plan = PlanState.plan


def _person(row) -> rx.Component:
    """A person in the log; the holder can remove staff other than themself from here (confirmed)."""
    return rx.hstack(
        _person_text(row),
        rx.spacer(),
        rx.cond(
            # A sole holder is never removed: the log needs one (a handover changes the holder).
            plan.can_remove_participants & (~row.is_holder | (plan.holders.length() > 1)),
            rx.icon_button(
                rx.icon("user-minus", size=16, aria_hidden="true"),
                on_click=PlanState.open_form("remove_participant", row.participant_id, 0),
                variant="ghost",
                color_scheme="gray",
                aria_label=t("action.remove_participant") + " " + row.name.to(str),
                class_name="touch remove-participant",
            ),
        ),
        width="100%",
        align="center",
    )


def _family_person(row) -> rx.Component:
    return _person_text(row)


def _person_text(row) -> rx.Component:
    return rx.hstack(
        rx.cond(
            row.is_holder, rx.icon("star", size=16, aria_hidden="true"), rx.icon("user", size=16, aria_hidden="true")
        ),
        rx.vstack(
            rx.text(row.name, weight="medium", size="2"),
            rx.text(
                row.role_label,
                rx.cond(row.unit_name != "", ", " + row.unit_name.to(str), ""),
                size="1",
                color_scheme="gray",
            ),
            spacing="0",
        ),
        spacing="2",
        align="start",
    )


def _count(label_key: str, value, colour: str, icon: str) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=18, aria_hidden="true", color=f"var(--{colour}-11)"),
        rx.text(t(label_key), ": ", rx.text.strong(value), size="2"),
        spacing="1",
        align="center",
    )


def _section(title_key: str, *children, **props) -> rx.Component:
    return rx.card(rx.heading(t(title_key), size="3", as_="h2", margin_bottom="8px"), *children, **props)


def plan_overview() -> rx.Component:
    return rx.box(
        rx.card(
            rx.hstack(
                rx.vstack(
                    rx.heading(
                        plan.child_first_name,
                        ", ",
                        plan.child_age,
                        " ",
                        tn("common.years", plan.child_age),
                        size="7",
                        as_="h1",
                    ),
                    rx.hstack(
                        rx.badge(t("plan.level"), " ", plan.level, size="2", color_scheme="indigo"),
                        rx.badge(
                            plan.status_label,
                            size="2",
                            color_scheme=rx.cond(plan.status == "active", "green", "gray"),
                            class_name="status-badge",
                        ),
                        spacing="2",
                    ),
                    rx.cond(
                        plan.level_text != "", rx.text(plan.level_text, size="2", class_name="level-text level-note")
                    ),
                    rx.cond(plan.description != "", rx.text(plan.description, size="3")),
                    spacing="2",
                    flex="1",
                ),
                rx.cond(
                    plan.interest_text != "",
                    rx.vstack(
                        rx.box(picture_icon(plan.interest_picture, size=40), class_name="interest-picture"),
                        rx.text(t("plan.likes"), " ", plan.interest_text, size="2", text_align="center"),
                        align="center",
                        spacing="1",
                        max_width="140px",
                    ),
                ),
                spacing="4",
                align="start",
                width="100%",
            ),
            class_name=rx.cond(plan.is_read_only, "child-card passive", "child-card"),
        ),
        rx.cond(
            plan.is_read_only, rx.callout(t("plan.read_only"), icon="lock", color_scheme="gray", margin_top="10px")
        ),
        closing_note(),
        relay_notices(),
        rx.cond(
            plan.can_read_messages,
            rx.link(
                rx.icon("mail", size=16, aria_hidden="true"),
                t("messages.open_for_log"),
                href=routes.messages(plan.log_id),
                class_name="back-link open-messages",
                margin_top="10px",
            ),
        ),
        print_and_export(),
        rx.box(minutes_panel(), margin_top="10px"),
        rx.cond(
            plan.can_edit_plan & ~plan.is_read_only,
            rx.hstack(
                rx.cond(
                    plan.can_call_meeting,
                    rx.fragment(
                        rx.button(
                            rx.icon("calendar-plus", size=16, aria_hidden="true"),
                            t("action.call_meeting"),
                            on_click=PlanState.open_form("meeting", 0, 0),
                            class_name="touch call-meeting",
                        ),
                        rx.link(
                            rx.button(
                                rx.icon("presentation", size=16, aria_hidden="true"),
                                t("action.meeting_mode"),
                                variant="outline",
                                class_name="touch",
                            ),
                            href=routes.meeting_mode(plan.log_id),
                            class_name="start-meeting-mode",
                        ),
                    ),
                ),
                relay_buttons(),
                close_log_button(),
                wrap="wrap",
                spacing="2",
                margin_top="10px",
            ),
        ),
        rx.grid(
            _section(
                "plan.summary",
                rx.vstack(
                    _count("summary.green", plan.green, "green", "circle-check"),
                    _count("summary.red", plan.red, "red", "circle-x"),
                    _count("summary.not_evaluated", plan.not_evaluated, "gray", "circle-dashed"),
                    rx.cond(plan.overdue > 0, _count("summary.overdue", plan.overdue, "orange", "triangle-alert")),
                    spacing="1",
                ),
                rx.vstack(
                    rx.foreach(
                        plan.concerns,
                        lambda c: rx.text(
                            "• ",
                            c.text,
                            " — ",
                            c.green,
                            " ",
                            tn("summary.green_short", c.green),
                            ", ",
                            c.red,
                            " ",
                            tn("summary.red_short", c.red),
                            size="2",
                        ),
                    ),
                    spacing="1",
                    margin_top="8px",
                ),
            ),
            _section(
                "plan.people",
                rx.vstack(
                    rx.text(
                        rx.cond(plan.holders.length() > 1, t("plan.two_holders"), t("role.holder")),
                        size="1",
                        weight="bold",
                        class_name="eyebrow holders-heading",
                    ),
                    rx.foreach(plan.holders, _person),
                    rx.text(t("plan.family"), size="1", weight="bold", class_name="eyebrow"),
                    rx.foreach(plan.family, _family_person),
                    rx.cond(
                        plan.professionals.length() > 0,
                        rx.fragment(
                            rx.text(t("plan.professionals"), size="1", weight="bold", class_name="eyebrow"),
                            rx.foreach(plan.professionals, _person),
                        ),
                    ),
                    rx.cond(
                        plan.can_manage_participants,
                        rx.button(
                            rx.icon("user-plus", size=16, aria_hidden="true"),
                            t("action.add_participant"),
                            on_click=PlanState.open_form("participant", 0, 0),
                            variant="soft",
                            class_name="touch add-participant",
                        ),
                    ),
                    spacing="2",
                ),
                class_name="people-card",
            ),
            _section(
                "plan.consent",
                rx.cond(
                    plan.consent.on_record,
                    rx.vstack(
                        rx.text(
                            t("consent.version"),
                            " ",
                            plan.consent.version,
                            ", ",
                            t("consent.given_by"),
                            " ",
                            plan.consent.given_by,
                            " ",
                            plan.consent.given_on,
                            size="2",
                        ),
                        rx.text(t("consent.names"), size="2", weight="medium"),
                        rx.foreach(plan.consent.named, lambda n: rx.text("• ", n, size="2")),
                        spacing="1",
                    ),
                    rx.text(t("consent.none"), size="2", color_scheme="gray"),
                ),
                rx.box(withdraw_consent_button(PlanState, plan), margin_top="8px"),
                rx.cond(
                    plan.consent.proposals.length() > 0,
                    rx.callout(
                        rx.vstack(
                            rx.text(t("consent.proposals_waiting"), weight="medium"),
                            rx.foreach(plan.consent.proposals, lambda n: rx.text("• ", n, size="2")),
                            rx.cond(
                                plan.can_consent,
                                rx.button(
                                    t("action.give_consent"),
                                    on_click=PlanState.give_consent,
                                    class_name="touch give-consent",
                                ),
                            ),
                            spacing="1",
                        ),
                        icon="hourglass",
                        color_scheme="amber",
                        margin_top="8px",
                        class_name="consent-proposals",
                    ),
                ),
            ),
            glimmer_card(PlanState, plan),
            notes_card(),
            archive_card(),
            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
            spacing="3",
            margin_top="12px",
            width="100%",
        ),
        width="100%",
    )


def close_log_button() -> rx.Component:
    return rx.cond(
        plan.can_close,
        rx.button(
            rx.icon("archive", size=16, aria_hidden="true"),
            t("action.close_log"),
            variant="outline",
            color_scheme="gray",
            on_click=PlanState.open_form("close_log", 0, 0),
            class_name="touch close-log",
        ),
    )


def closing_note() -> rx.Component:
    return rx.cond(
        plan.closing_note != "",
        rx.box(
            rx.text(t("plan.closing_note"), weight="bold", size="2"),
            rx.text(plan.closing_note, size="2"),
            margin_top="8px",
        ),
    )


def relay_buttons() -> rx.Component:
    """The holder's steps in the middle of the relay: the level and a handover."""
    return rx.fragment(
        rx.cond(
            plan.can_change_level,
            rx.button(
                rx.icon("layers", size=16, aria_hidden="true"),
                t("action.change_level"),
                variant="outline",
                on_click=PlanState.open_form("level", 0, 0),
                class_name="touch change-level",
            ),
        ),
        rx.cond(
            plan.can_propose_handover,
            rx.button(
                rx.icon("arrow-right-left", size=16, aria_hidden="true"),
                t("action.propose_handover"),
                variant="outline",
                on_click=PlanState.open_form("handover", 0, 0),
                class_name="touch propose-handover",
            ),
        ),
    )


def relay_notices() -> rx.Component:
    """Why the log is closed (a family's withdrawal shown as such), a pending handover, and the way back."""
    return rx.fragment(
        rx.cond(
            plan.is_withdrawn,
            rx.callout(
                t("plan.withdrawn"), icon="shield-off", color_scheme="red", margin_top="10px", class_name="withdrawn"
            ),
            rx.cond(
                plan.closing_reason_label != "",
                rx.text(
                    t("plan.closing_reason"),
                    ": ",
                    rx.text.strong(plan.closing_reason_label),
                    size="2",
                    margin_top="8px",
                    class_name="closing-reason",
                ),
            ),
        ),
        rx.cond(
            plan.pending_handover != "",
            rx.callout(
                plan.pending_handover,
                icon="arrow-right-left",
                color_scheme="amber",
                margin_top="10px",
                class_name="pending-handover",
            ),
        ),
        rx.cond(
            plan.reopen_asked,
            rx.callout(
                t("plan.reopen_asked"),
                icon="hourglass",
                color_scheme="amber",
                margin_top="10px",
                class_name="reopen-asked",
            ),
        ),
        rx.cond(
            plan.can_reopen,
            rx.button(
                rx.icon("rotate-ccw", size=16, aria_hidden="true"),
                t("action.reopen"),
                on_click=PlanState.open_form("reopen", 0, 0),
                margin_top="10px",
                class_name="touch reopen-log",
            ),
        ),
    )
