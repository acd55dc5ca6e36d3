"""The family view: what we work on, what happens next and who does it, in plain words."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.badges import arena_icon, evaluation_badge
from stafett_app.components.child_mode import show_child_button
from stafett_app.components.confirm import confirm_dialog, confirm_trigger
from stafett_app.components.file_link import file_link
from stafett_app.components.glimmers import glimmer_card
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.log_ending import withdraw_consent_button
from stafett_app.components.practice import practice_banner
from stafett_app.components.read_aloud import read_aloud_button
from stafett_app.forms.dialog import draft_offer, form_dialog
from stafett_app.pages.family.consent_card import consent_requests
from stafett_app.pages.family.state import FamilyState
from stafett_app.state.session import t

family = FamilyState.family


def _spoken(step) -> rx.Var[str]:
    """What the read-aloud button says of a step, put together in the browser from the catalogue."""
    # A closed log has no next talk (next_talk is empty): the sentence names none.
    text: rx.Var[str] = rx.cond(step.next_talk, t("family.step.spoken"), t("family.step.spoken_closed"))  # type: ignore[assignment]
    for name, value in (("{title}", step.title), ("{who}", step.who), ("{date}", step.next_talk)):
        text = text.split(name).join(value)  # not replace: a "$&" in a title is no pattern here
    return text


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
            evaluation_badge(step.badge),
            rx.spacer(),
            read_aloud_button(_spoken(step)),
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


def _opening(row) -> rx.Component:
    return rx.box(
        rx.text(rx.text.strong(row.name), " · ", row.role, size="3"),
        rx.text(row.unit, " · ", row.day, size="2"),
        rx.text(row.what, size="2", color_scheme="gray"),
        class_name="opening",
        data_testid="opening",
        padding_y="6px",
        border_bottom="1px solid var(--gray-a5)",
        width="100%",
    )


def _openings() -> rx.Component:
    """Who has opened our plan: like the health portal shows a patient who read their record."""
    return rx.cond(
        FamilyState.openings.length() > 0,
        rx.card(
            rx.heading(t("access.openings.title"), size="4", as_="h2"),
            rx.text(t("access.openings.intro"), size="2"),
            rx.foreach(FamilyState.openings, _opening),
            rx.cond(
                FamilyState.more_openings,
                rx.button(
                    t("access.more"), on_click=FamilyState.show_more_openings, variant="soft", class_name="touch"
                ),
            ),
            width="100%",
            class_name="openings",
            data_testid="openings",
        ),
    )


def _to_reader(key: str) -> rx.Var:
    """A text for the family, or its ".young_person" form for the young person from 15 ("du")."""
    return rx.cond(family.addressed_to_young_person, t(key + ".young_person"), t(key))


def _closed_card() -> rx.Component:
    """A closed log says so at once, and why: nothing more happens in it."""
    return rx.card(
        rx.hstack(
            rx.icon("lock", size=22, aria_hidden="true"),
            rx.vstack(
                rx.text(t("family.closed.heading"), weight="bold", size="4"),
                rx.text(family.closed_text, size="3"),
                rx.cond(family.closing_note != "", rx.text(family.closing_note, size="2", color_scheme="gray")),
                spacing="1",
            ),
            spacing="3",
            align="start",
        ),
        width="100%",
        class_name="family-closed",
    )


def _reopen_card() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text(_to_reader("family.reopen.heading"), weight="bold"),
            rx.text(_to_reader("family.reopen.text"), size="2"),
            rx.button(
                _to_reader("family.reopen.confirm"),
                on_click=FamilyState.confirm_reopen,
                class_name="touch confirm-reopen",
            ),
            spacing="2",
        ),
        icon="rotate-ccw",
        color_scheme="amber",
        width="100%",
        class_name="family-reopen",
    )


def _holders_card() -> rx.Component:
    """Who holds the baton, in plain words: two holders are both shown, and said to be two."""
    return rx.card(
        rx.text(
            rx.cond(family.holders.length() > 1, t("family.two_holders"), t("family.holder")),
            weight="bold",
            size="3",
        ),
        rx.foreach(family.holders, lambda name: rx.text(name, size="3")),
        rx.cond(family.level_text != "", rx.text(family.level_text, size="2", color_scheme="gray", margin_top="6px")),
        width="100%",
        class_name="family-holders",
    )


def _own_copy_card() -> rx.Component:
    """Everything Stafett holds about the family in this log (GDPR art. 15), readable and for a program."""

    def download(kind: str, label_key: str, icon: str) -> rx.Component:
        return rx.button(
            file_link(
                rx.icon(icon, size=16, aria_hidden="true"), t(label_key), href=routes.own_copy(family.log_id, kind)
            ),
            as_child=True,
            size="3",
            variant="outline",
            class_name=f"touch own-copy-{kind}",
        )

    return rx.cond(
        family.can_own_copy,
        rx.card(
            rx.heading(t("own_copy.heading"), size="4", as_="h2"),
            rx.text(t("own_copy.explain"), size="2"),
            rx.hstack(
                download("pdf", "own_copy.pdf", "file-text"),
                download("json", "own_copy.json", "file-code"),
                wrap="wrap",
                spacing="3",
                margin_top="8px",
            ),
            width="100%",
            class_name="own-copy",
        ),
    )


def _deletion_card() -> rx.Component:
    return rx.cond(
        family.deletion_requested,
        rx.callout(
            _to_reader("family.deletion.requested"),
            icon="hourglass",
            color_scheme="gray",
            width="100%",
            class_name="deletion-requested",
        ),
        rx.cond(
            family.can_request_deletion,
            rx.card(
                rx.heading(t("family.deletion.heading"), size="4", as_="h2"),
                rx.text(_to_reader("family.deletion.text"), size="2"),
                confirm_dialog(
                    confirm_trigger(
                        t("family.deletion.ask"),
                        "request-deletion",
                        variant="outline",
                        color_scheme="red",
                        margin_top="8px",
                    ),
                    title=t("family.deletion.ask"),
                    text=t("family.deletion.confirm_text"),
                    confirm=t("family.deletion.send"),
                    on_confirm=FamilyState.request_deletion,
                    confirm_class="confirm-deletion",
                    color_scheme="red",
                ),
                width="100%",
                class_name="family-deletion",
            ),
        ),
    )


def family_page() -> rx.Component:
    return page_shell(
        practice_banner(FamilyState.practice_until),
        rx.cond(
            FamilyState.loaded,
            rx.vstack(
                rx.heading(family.heading, size="7", as_="h1"),
                draft_offer(FamilyState),
                consent_requests(),
                rx.cond(family.is_closed, _closed_card()),
                rx.cond(family.reopen_request_id > 0, _reopen_card()),
                _holders_card(),
                rx.card(
                    rx.heading(t("family.working_on"), size="4", as_="h2"),
                    rx.foreach(family.working_on, lambda goal: rx.text("• ", goal, size="3")),
                    rx.box(read_aloud_button(family.working_on.join(" ")), margin_top="6px"),
                    width="100%",
                    class_name="working-on",
                ),
                rx.cond(
                    ~family.is_closed,
                    rx.heading(t("family.next_heading"), size="5", as_="h2", margin_top="8px"),
                ),
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
                rx.cond(~family.is_closed, rx.text(t("family.next_intro"), size="2")),
                rx.cond(family.groups.length() == 0, rx.text(t("family.no_steps"))),
                rx.foreach(family.groups, _group),
                # A closed log invites nobody to write: its lysglimt show only if there are any.
                rx.cond(~family.is_closed | (FamilyState.glimmers.length() > 0), glimmer_card(FamilyState, family)),
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
                    show_child_button(FamilyState),
                    rx.cond(
                        family.can_print,
                        rx.link(
                            rx.icon("printer", size=16, aria_hidden="true"),
                            t("print_page.open"),
                            href=routes.print_log(family.log_id),
                            class_name="back-link open-print",
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
                _openings(),
                _own_copy_card(),
                _deletion_card(),
                form_dialog(FamilyState),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
    )
