"""The start of the relay on the plan page: the level 0 draft's observations, the family, who is
proposed and who has consented, the paper path, and activation. Shown to the draft's author and
the holder only (PlanState.start is empty for everyone else)."""

import reflex as rx

from stafett_app.pages.plan.state import PlanState
from stafett_app.state.session import t

start = PlanState.start


def _button(label_key: str, kind: str, icon: str, class_name: str, **props) -> rx.Component:
    return rx.button(
        rx.icon(icon, size=16, aria_hidden="true"),
        t(label_key),
        on_click=PlanState.open_form(kind, 0, 0),
        class_name=f"touch {class_name}",
        **props,
    )


def _observation(row) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.badge(row.kind_label, color_scheme=rx.cond(row.kind == "talk", "violet", "blue")),
            rx.text(row.observed_on, size="2", color_scheme="gray"),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.text(row.text, size="3", margin_top="2px"),
        class_name="observation-item",
        padding_y="6px",
    )


def _proposed(row) -> rx.Component:
    return rx.box(
        rx.text(rx.text.strong(row.name), " – ", row.role_label, size="2"),
        rx.cond(row.unit_name != "", rx.text(row.unit_name, size="1", color_scheme="gray")),
        rx.cond(row.why != "", rx.text(row.why, size="2", font_style="italic")),
        class_name="proposed-person",
    )


def _asked(row) -> rx.Component:
    return rx.hstack(
        rx.text(row.name, size="2"),
        rx.cond(
            row.confirmed,
            rx.badge(rx.icon("check", size=14, aria_hidden="true"), t("start.consented"), color_scheme="green"),
            rx.badge(rx.icon("clock", size=14, aria_hidden="true"), t("start.still_asked"), color_scheme="orange"),
        ),
        spacing="2",
        align="center",
        class_name="asked-person",
        data_confirmed=rx.cond(row.confirmed, "yes", "no"),
    )


def _observations() -> rx.Component:
    return rx.vstack(
        rx.heading(t("start.observations"), size="3", as_="h3"),
        rx.cond(start.observations.length() == 0, rx.text(t("start.no_observations"), size="2")),
        rx.foreach(start.observations, _observation),
        rx.cond(start.is_draft, _button("start.add_observation", "observation", "notebook-pen", "add-observation")),
        spacing="2",
        width="100%",
        class_name="observations",
    )


def _family() -> rx.Component:
    return rx.vstack(
        rx.heading(t("start.family"), size="3", as_="h3"),
        rx.cond(start.guardians.length() == 0, rx.text(t("start.no_family"), size="2")),
        rx.foreach(start.guardians, lambda name: rx.text("• ", name, " (", t("role.guardian"), ")", size="2")),
        rx.cond(start.young_person_registered, rx.text(t("start.young_person_consents"), size="2")),
        rx.cond(
            start.can_register,
            rx.hstack(
                _button("start.register_guardian", "guardian", "user-plus", "register-guardian"),
                rx.cond(
                    start.young_person_possible,
                    _button("start.register_young_person", "young_person", "user-plus", "register-young-person"),
                ),
                wrap="wrap",
                spacing="2",
            ),
        ),
        spacing="2",
        width="100%",
        class_name="start-family",
    )


def _consent() -> rx.Component:
    return rx.vstack(
        rx.heading(t("start.consent"), size="3", as_="h3"),
        rx.cond(
            start.consent_version > 0,
            rx.callout(
                start.consent_path_label,
                icon="circle-check",
                color_scheme="green",
                class_name="consent-path",
                data_path=start.consent_path,
            ),
        ),
        rx.cond(
            start.request_id > 0,
            rx.vstack(
                rx.text(t("start.proposed"), weight="medium", size="2"),
                rx.foreach(start.proposed, _proposed),
                rx.text(t("start.asked"), weight="medium", size="2", margin_top="6px"),
                rx.foreach(start.asked, _asked),
                spacing="1",
                width="100%",
                class_name="consent-request",
            ),
            rx.cond(start.consent_version == 0, rx.text(t("start.nothing_asked"), size="2")),
        ),
        rx.cond(
            start.is_practice & (start.request_id > 0),
            rx.callout(
                rx.vstack(
                    rx.text(t("practice.confirm_hint"), size="2"),
                    rx.button(
                        rx.icon("flask-conical", size=16, aria_hidden="true"),
                        t("practice.confirm_for_family"),
                        on_click=PlanState.confirm_for_family,
                        class_name="touch confirm-for-family",
                    ),
                    spacing="2",
                ),
                icon="flask-conical",
                color_scheme="amber",
                class_name="practice-confirm",
            ),
        ),
        rx.hstack(
            _button("start.ask_consent", "ask_consent", "send", "ask-consent"),
            rx.cond(
                start.request_id > 0,
                _button("start.paper_consent", "paper_consent", "file-signature", "paper-consent", variant="outline"),
            ),
            wrap="wrap",
            spacing="2",
        ),
        spacing="2",
        width="100%",
    )


def start_panel() -> rx.Component:
    return rx.cond(
        start.shown,
        rx.card(
            rx.vstack(
                rx.cond(
                    start.is_draft,
                    rx.callout(t("start.draft_intro"), icon="lock", color_scheme="blue", class_name="draft-callout"),
                ),
                rx.cond(start.is_draft | (start.observations.length() > 0), _observations()),
                rx.cond(start.is_draft, _family()),
                _consent(),
                rx.cond(
                    start.is_draft,
                    rx.vstack(
                        rx.heading(t("start.activation"), size="3", as_="h3"),
                        rx.cond(
                            start.can_activate,
                            _button("start.activate", "activate", "play", "activate-log", color_scheme="green"),
                            rx.text(t("start.activate_after_consent"), size="2", color_scheme="gray"),
                        ),
                        rx.divider(),
                        _button(
                            "start.discard",
                            "discard_draft",
                            "trash-2",
                            "discard-draft",
                            variant="soft",
                            color_scheme="red",
                        ),
                        spacing="2",
                        width="100%",
                    ),
                ),
                rx.cond(
                    start.can_edit_intro,
                    _button(
                        "start.edit_introduction", "edit_introduction", "pencil", "edit-introduction", variant="outline"
                    ),
                ),
                spacing="4",
                width="100%",
            ),
            class_name="start-panel",
            width="100%",
        ),
    )
