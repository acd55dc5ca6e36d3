"""The log's latest meetings with their minutes: written here, then sent as a message."""

import reflex as rx

from stafett_app.components.confirm import confirm_dialog, confirm_trigger
from stafett_app.pages.plan.minutes_state import MinutesState as S
from stafett_app.pages.plan.state import PlanState
from stafett_app.state.session import t

HOLDER_WRITES = "holder"


def _secretary_choice(row) -> rx.Component:
    return rx.el.label(
        rx.text(t("minutes.secretary"), size="2", weight="medium"),
        rx.el.select(
            rx.el.option(t("minutes.holder_writes"), value=HOLDER_WRITES),
            rx.foreach(S.secretary_options, lambda o: rx.el.option(o.name, value=o.person_id.to(str))),
            value=rx.cond(row.secretary_id == 0, HOLDER_WRITES, row.secretary_id.to(str)),
            on_change=lambda value: S.choose_secretary(row.meeting_id, value),
            class_name="secretary-choice",
        ),
        class_name="secretary-label",
    )


def _editor(row) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(t("minutes.label"), html_for="minutes-text", class_name="field-label"),
            rx.text(t("minutes.autosaved"), size="1", class_name="muted"),
            rx.text_area(
                id="minutes-text",
                name="minutes",
                default_value=S.text,
                on_change=S.save_text.debounce(800),
                rows="12",
                size="3",
                width="100%",
                aria_invalid=S.error != "",
            ),
            rx.cond(S.error != "", rx.text(S.error, role="alert", class_name="field-error", size="2")),
            rx.hstack(
                rx.cond(
                    row.has_begun,
                    rx.button(
                        rx.icon("send", size=16, aria_hidden="true"),
                        t("minutes.send"),
                        type="submit",
                        class_name="touch send-minutes",
                    ),
                ),
                rx.button(
                    t("minutes.close"),
                    type="button",
                    on_click=S.close_editor,
                    variant="soft",
                    color_scheme="gray",
                    class_name="touch",
                ),
                wrap="wrap",
                spacing="2",
            ),
            width="100%",
            spacing="2",
        ),
        on_submit=S.send,
        reset_on_submit=False,
        width="100%",
    )


def _cancel(row) -> rx.Component:
    return confirm_dialog(
        confirm_trigger(
            t("meeting.cancel"), "cancel-meeting", icon="calendar-x", variant="outline", color_scheme="red"
        ),
        title=t("meeting.cancel_title"),
        text=t("meeting.cancel_text"),
        confirm=t("meeting.cancel_confirm"),
        cancel=t("meeting.keep"),
        on_confirm=S.cancel_meeting(row.meeting_id),
        confirm_class="confirm-cancel-meeting",
        color_scheme="red",
    )


def _change_buttons(row) -> rx.Component:
    return rx.hstack(
        rx.button(
            rx.icon("calendar-cog", size=16, aria_hidden="true"),
            t("meeting.change"),
            variant="outline",
            on_click=PlanState.open_form("edit_meeting", row.meeting_id, 0),
            class_name="touch change-meeting",
        ),
        _cancel(row),
        wrap="wrap",
        spacing="2",
    )


def _row(row) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.icon("users", size=18, aria_hidden="true"),
            rx.text(row.when, weight="bold", size="3"),
            rx.cond(~row.has_begun, rx.badge(t("minutes.upcoming"), variant="soft", color_scheme="gray")),
            rx.cond(
                row.sent,
                rx.badge(
                    rx.icon("check", size=14, aria_hidden="true"),
                    t("minutes.sent"),
                    color_scheme="green",
                    variant="soft",
                ),
            ),
            wrap="wrap",
            align="center",
            spacing="2",
        ),
        rx.cond(row.can_change, _change_buttons(row)),
        rx.cond(
            row.can_choose_secretary,
            _secretary_choice(row),
            rx.cond(row.secretary_name != "", rx.text(t("minutes.secretary"), ": ", row.secretary_name, size="2")),
        ),
        rx.cond(
            S.editing_id == row.meeting_id,
            _editor(row),
            rx.cond(
                row.can_write,
                rx.button(
                    rx.icon("notebook-pen", size=16, aria_hidden="true"),
                    t("minutes.write"),
                    on_click=S.open_editor(row.meeting_id),
                    variant="outline",
                    class_name="touch write-minutes",
                ),
            ),
        ),
        class_name="minutes-row",
        data_testid="minutes-row",
    )


def minutes_panel() -> rx.Component:
    return rx.cond(
        S.rows.length() > 0,
        rx.card(
            rx.heading(t("minutes.heading"), size="4", as_="h2"),
            rx.vstack(rx.foreach(S.rows, _row), spacing="3", width="100%"),
            width="100%",
            class_name="minutes-panel",
        ),
    )
