"""My logs: cards on a phone, the same cards in columns on wider screens."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.confirm import cancel_and_save, confirm_dialog, confirm_trigger
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.refusals import refusals_card
from stafett_app.pages.my_logs.import_form import import_card
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
        rx.card(
            body,
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


def _unit_card(row) -> rx.Component:
    """A log of the leader's unit; for an active one the leader can propose a new holder."""
    return rx.vstack(
        _log_card(row),
        rx.cond(
            row.status == "active",
            rx.button(
                rx.icon("arrow-right-left", size=16, aria_hidden="true"),
                t("handover.leader_propose"),
                variant="soft",
                size="2",
                on_click=MyLogsState.open_leader_handover(row.log_id),
                class_name="touch leader-handover",
            ),
        ),
        spacing="1",
        align="stretch",
        width="100%",
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


def _practice_card(card) -> rx.Component:
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon("flask-conical", size=18, aria_hidden="true"),
                rx.text(card.child_name, weight="bold", size="4"),
                rx.badge(t("practice.badge"), color_scheme="amber", variant="solid", high_contrast=True),
                align="center",
                spacing="2",
                wrap="wrap",
            ),
            rx.text(card.status_label, " · ", t("practice.deleted_on").replace("{date}", card.deleted_on), size="2"),
            class_name="practice-card",
        ),
        href=routes.plan(card.log_id),
        underline="none",
        color="inherit",
        class_name="practice-log-link",
    )


def _practice_section() -> rx.Component:
    """Practice logs, apart from the real ones: a fictitious child to try the whole relay on."""
    return rx.cond(
        MyLogsState.can_practise,
        rx.vstack(
            rx.heading(t("practice.heading"), size="5", as_="h2"),
            rx.text(t("practice.intro"), size="2"),
            rx.grid(
                rx.foreach(MyLogsState.practice, _practice_card),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="3",
                width="100%",
            ),
            rx.button(
                rx.icon("flask-conical", size=16, aria_hidden="true"),
                t("practice.start"),
                on_click=MyLogsState.start_practice,
                variant="outline",
                class_name="touch start-practice",
            ),
            spacing="3",
            width="100%",
            id="practice-logs",
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


def _handover_card(row) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(row.child_first_name, size="4", as_="h3"),
                rx.spacer(),
                rx.badge(
                    rx.match(
                        row.side,
                        ("to_me", t("handover.waiting_for_you")),
                        ("from_me", t("handover.waiting_for_answer")),
                        t("handover.in_unit"),
                    ),
                    color_scheme=rx.cond(row.side == "to_me", "amber", "gray"),
                ),
                width="100%",
                align="center",
            ),
            rx.text(row.from_name, " → ", rx.text.strong(row.to_name), size="2"),
            rx.text(t("handover.reason"), ": ", row.reason, size="2"),
            rx.text(t("handover.proposed_on"), " ", row.proposed_on, size="1", color_scheme="gray"),
            rx.hstack(
                rx.link(
                    rx.button(
                        rx.icon("book-open", size=16, aria_hidden="true"),
                        t("handover.read_log"),
                        variant="soft",
                        class_name="touch",
                    ),
                    href=routes.plan(row.log_id),
                    class_name="read-log",
                ),
                rx.cond(
                    row.side == "to_me",
                    rx.fragment(
                        confirm_dialog(
                            confirm_trigger(t("handover.accept"), "accept-handover", icon="check"),
                            title=t("handover.accept_title"),
                            text=t("handover.accept_text"),
                            confirm=t("handover.accept_confirm"),
                            on_confirm=MyLogsState.accept_handover(row.handover_id),
                            confirm_class="confirm-accept",
                        ),
                        rx.button(
                            t("handover.decline"),
                            variant="outline",
                            color_scheme="gray",
                            on_click=MyLogsState.open_answer("decline", row.handover_id),
                            class_name="touch decline-handover",
                        ),
                    ),
                    confirm_dialog(
                        confirm_trigger(
                            t("handover.withdraw"), "withdraw-handover", variant="outline", color_scheme="gray"
                        ),
                        title=t("handover.withdraw_title"),
                        text=t("handover.withdraw_text"),
                        confirm=t("handover.withdraw"),
                        on_confirm=MyLogsState.withdraw_handover(row.handover_id),
                        confirm_class="confirm-withdraw-handover",
                    ),
                ),
                wrap="wrap",
                spacing="2",
            ),
            spacing="2",
            align="start",
            width="100%",
        ),
        class_name="handover-card",
    )


def _deletion_card(row) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(row.child_first_name, size="4", as_="h3"),
                rx.spacer(),
                rx.badge(row.status_label, color_scheme="gray"),
                width="100%",
                align="center",
            ),
            rx.text(t("deletion.asked_on"), " ", row.requested_on, size="2"),
            rx.cond(row.reason != "", rx.text(row.reason, size="2")),
            rx.text(t("deletion.archive_first"), size="1", color_scheme="gray"),
            rx.hstack(
                rx.button(
                    t("deletion.refuse"),
                    variant="outline",
                    on_click=MyLogsState.open_answer("refuse", row.request_id),
                    class_name="touch refuse-deletion",
                ),
                confirm_dialog(
                    confirm_trigger(t("deletion.delete"), "delete-log", icon="trash-2", color_scheme="red"),
                    title=t("deletion.delete_title"),
                    text=t("deletion.delete_text"),
                    confirm=t("deletion.delete"),
                    on_confirm=MyLogsState.delete_log(row.request_id),
                    confirm_class="confirm-delete",
                ),
                wrap="wrap",
                spacing="2",
            ),
            spacing="2",
            align="start",
            width="100%",
        ),
        class_name="deletion-card",
    )


def _answer_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(
                rx.cond(MyLogsState.answer_kind == "decline", t("handover.decline_title"), t("deletion.refuse_title"))
            ),
            rx.dialog.description(
                rx.cond(MyLogsState.answer_kind == "decline", t("handover.decline_text"), t("deletion.refuse_text")),
                size="2",
            ),
            rx.form(
                rx.vstack(
                    rx.el.label(t("logs.answer_text"), html_for="answer-text", class_name="field-label"),
                    rx.text_area(id="answer-text", name="text", rows="3", size="3", aria_describedby="answer-error"),
                    rx.cond(
                        MyLogsState.answer_error != "",
                        rx.text(
                            MyLogsState.answer_error,
                            id="answer-error",
                            class_name="field-error",
                            role="alert",
                            size="2",
                        ),
                    ),
                    cancel_and_save(),
                    spacing="3",
                    width="100%",
                ),
                on_submit=MyLogsState.submit_answer,
                reset_on_submit=False,
            ),
            class_name="form-dialog",
        ),
        open=MyLogsState.answer_open,
        on_open_change=MyLogsState.set_answer_open,
    )


def _relay_sections() -> rx.Component:
    return rx.fragment(
        rx.cond(
            MyLogsState.handovers.length() > 0,
            rx.vstack(
                rx.heading(t("handover.heading"), size="5", as_="h2"),
                rx.grid(
                    rx.foreach(MyLogsState.handovers, _handover_card),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
                id="pending-handovers",
            ),
        ),
        rx.cond(
            MyLogsState.deletions.length() > 0,
            rx.vstack(
                rx.heading(t("deletion.heading"), size="5", as_="h2"),
                rx.grid(
                    rx.foreach(MyLogsState.deletions, _deletion_card),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
                id="deletion-requests",
            ),
        ),
        _answer_dialog(),
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
                _relay_sections(),
                rx.cond(MyLogsState.rows.length() == 0, rx.text(t("logs.none"))),
                _log_grid(MyLogsState.rows),
                rx.cond(SessionState.person_is_leader, _leader_link()),
                rx.cond(
                    (MyLogsState.unit_rows.length() + MyLogsState.unit_passive_rows.length()) > 0,
                    rx.vstack(
                        rx.heading(t("logs.unit_heading"), size="5", as_="h2"),
                        rx.text(t("logs.unit_intro"), size="2"),
                        rx.cond(
                            MyLogsState.unit_has_closed_cards,
                            rx.text(t("logs.not_participant_unit"), size="2", class_name="not-participant-note"),
                        ),
                        rx.grid(
                            rx.foreach(MyLogsState.unit_rows, _unit_card),
                            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                            spacing="3",
                            width="100%",
                        ),
                        rx.cond(
                            MyLogsState.unit_passive_rows.length() > 0,
                            rx.vstack(
                                rx.heading(t("logs.unit_passive_heading"), size="4", as_="h3"),
                                _log_grid(MyLogsState.unit_passive_rows),
                                spacing="2",
                                width="100%",
                                id="unit-passive-logs",
                            ),
                        ),
                        refusals_card(MyLogsState.unit_refusals, "access.refusals.unit_title"),
                        spacing="3",
                        width="100%",
                        id="unit-logs",
                    ),
                ),
                _discarded_drafts(),
                _practice_section(),
                _notice_settings_link(),
                rx.cond(MyLogsState.import_children.length() > 0, import_card()),
                spacing="4",
                width="100%",
            ),
            loading(),
        )
    )
