"""The family view: what we work on, what happens next and who does it, in plain words."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.badges import arena_icon, evaluation_badge
from stafett_app.components.glimmers import glimmer_card
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.log_ending import withdraw_consent_button
from stafett_app.components.read_aloud import read_aloud_button
from stafett_app.forms.dialog import form_dialog
from stafett_app.pages.family.state import FamilyState
from stafett_app.state.session import t

family = FamilyState.family


def _step(step) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.box(arena_icon(step.arena), class_name="arena-chip"),
            rx.vstack(
                rx.text(step.title, weight="bold", size="4", class_name="step-title"),
                rx.text(rx.text.strong(t("family.who")), " ", step.who, size="3", class_name="step-who"),
                spacing="1",
                min_width="0",
            ),
            spacing="3",
            align="start",
        ),
        rx.cond(
            step.next_talk != "",
            rx.text(
                t("family.next_talk"),
                " ",
                rx.text.strong(step.next_talk),
                " (",
                step.next_talk_relative,
                ")",
                size="3",
                margin_top="8px",
                class_name="next-talk",
            ),
        ),
        rx.hstack(
            evaluation_badge(step.badge, step.badge_label),
            rx.spacer(),
            read_aloud_button(step.spoken),
            rx.cond(
                step.can_comment,
                rx.button(
                    rx.icon("message-square", size=16, aria_hidden="true"),
                    t("action.comment"),
                    on_click=FamilyState.open_form("comment", step.measure_id, 0),
                    variant="soft",
                    class_name="touch comment-button",
                ),
            ),
            wrap="wrap",
            align="center",
            spacing="2",
            margin_top="8px",
            width="100%",
        ),
        rx.cond(
            step.comments.length() > 0,
            rx.el.ul(rx.foreach(step.comments, _comment), class_name="step-comments", aria_label=t("family.comments")),
        ),
        class_name="step-card",
        data_testid="step-card",
        width="100%",
    )


def _comment(comment) -> rx.Component:
    return rx.el.li(
        rx.text(comment.text, size="2"),
        rx.text(comment.author_name, " · ", comment.written, size="1", class_name="muted"),
        class_name="step-comment",
    )


def _group(group) -> rx.Component:
    return rx.vstack(
        rx.heading(group.title, size="4", as_="h3", class_name="group-title"),
        rx.foreach(group.steps, _step),
        spacing="2",
        width="100%",
        class_name=f"step-group group-{group.key}",
    )


def _latest(item) -> rx.Component:
    return rx.box(
        rx.hstack(
            evaluation_badge(item.result, item.result_label),
            rx.text(item.when, size="2"),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.text(item.title, weight="bold", size="3", margin_top="4px"),
        rx.text(item.text, size="3"),
        class_name="history-item",
    )


def family_page() -> rx.Component:
    return page_shell(
        rx.cond(
            FamilyState.loaded,
            rx.vstack(
                rx.heading(family.heading, size="7", as_="h1"),
                rx.card(
                    rx.heading(t("family.working_on"), size="4", as_="h2"),
                    rx.foreach(family.working_on, lambda goal: rx.text("• ", goal, size="3")),
                    rx.box(read_aloud_button(family.working_on_spoken), margin_top="6px"),
                    width="100%",
                    class_name="working-on",
                ),
                rx.cond(
                    family.closed_text != "",
                    rx.callout(family.closed_text, icon="lock", color_scheme="gray", class_name="family-closed"),
                ),
                rx.heading(t("family.next_heading"), size="5", as_="h2", margin_top="8px"),
                rx.cond(
                    family.next_meeting != "",
                    rx.card(
                        rx.hstack(
                            rx.box(rx.icon("users", size=22, aria_hidden="true"), class_name="arena-chip"),
                            rx.vstack(
                                rx.text(t("family.next_meeting"), weight="bold", size="4"),
                                rx.text(family.next_meeting, size="3"),
                                rx.link(t("family.answer_in_calendar"), href=routes.CALENDAR, class_name="back-link"),
                                spacing="1",
                            ),
                            spacing="3",
                            align="start",
                        ),
                        width="100%",
                        class_name="next-meeting",
                        data_testid="next-meeting",
                    ),
                    rx.cond(
                        family.no_meeting_text != "",
                        rx.text(family.no_meeting_text, size="3", class_name="no-meeting"),
                    ),
                ),
                rx.text(t("family.next_intro"), size="2"),
                rx.cond(family.groups.length() == 0, rx.text(t("family.no_steps"))),
                rx.foreach(family.groups, _group),
                glimmer_card(FamilyState, family),
                rx.cond(
                    family.latest.length() > 0,
                    rx.card(
                        rx.heading(t("family.latest_heading"), size="4", as_="h2"),
                        rx.foreach(family.latest, _latest),
                        width="100%",
                    ),
                ),
                rx.hstack(
                    rx.link(
                        rx.icon("list-tree", size=16, aria_hidden="true"),
                        t("family.whole_plan"),
                        href=routes.plan(family.log_id),
                        class_name="back-link whole-plan",
                    ),
                    rx.cond(
                        family.child_page_label != "",
                        rx.link(
                            rx.icon("smile", size=16, aria_hidden="true"),
                            family.child_page_label,
                            href=routes.child(family.log_id),
                            class_name="back-link child-page-link",
                        ),
                    ),
                    rx.cond(
                        family.can_read_messages,
                        rx.link(
                            rx.icon("mail", size=16, aria_hidden="true"),
                            t("messages.open_for_log"),
                            href=routes.messages(family.log_id),
                            class_name="back-link open-messages",
                        ),
                    ),
                    wrap="wrap",
                    spacing="4",
                ),
                rx.cond(
                    family.can_withdraw_consent,
                    rx.card(
                        rx.heading(family.consent_heading, size="4", as_="h2"),
                        rx.text(family.consent_text, size="2"),
                        rx.box(withdraw_consent_button(FamilyState, family), margin_top="8px"),
                        width="100%",
                        class_name="family-consent",
                    ),
                ),
                form_dialog(FamilyState),
                spacing="3",
                width="100%",
            ),
            loading(),
        )
    )
