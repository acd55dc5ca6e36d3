"""Feedback on accessibility: what did not work, and where. It reaches the municipality's administrator."""

import reflex as rx

from stafett_app.components.layout import page_shell
from stafett_app.pages.feedback.state import FeedbackState as S
from stafett_app.state.session import t


def _error(name: str) -> rx.Component:
    return rx.cond(
        S.errors.contains(name),
        rx.text(S.errors[name], size="2", class_name="field-error", id=f"feedback-error-{name}", role="alert"),
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.box(
                rx.el.label(t("feedback.message"), html_for="feedback-message", class_name="field-label"),
                rx.text_area(id="feedback-message", name="message", rows="6", size="3", width="100%", max_length=2000),
                _error("message"),
                class_name="field",
            ),
            rx.box(
                rx.el.label(t("feedback.page"), html_for="feedback-page", class_name="field-label"),
                rx.input(id="feedback-page", name="page", size="3", width="100%", max_length=200),
                class_name="field",
            ),
            rx.box(
                rx.el.label(t("feedback.contact"), html_for="feedback-contact", class_name="field-label"),
                rx.input(
                    id="feedback-contact", name="contact", type="email", size="3", width="100%", auto_complete="email"
                ),
                rx.text(t("feedback.contact_hint"), size="2", color_scheme="gray"),
                _error("contact"),
                class_name="field",
            ),
            rx.button(t("feedback.send"), type="submit", size="3", class_name="touch send-feedback"),
            spacing="3",
            width="100%",
        ),
        on_submit=S.send,
        reset_on_submit=False,
        width="100%",
    )


def feedback_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(t("feedback.heading"), size="7", as_="h1"),
            rx.text(t("feedback.intro")),
            rx.link(t("footer.statement"), href=S.statement_url, is_external=True),
            rx.cond(
                S.sent,
                rx.vstack(
                    rx.callout(t("feedback.thanks"), icon="circle-check", color_scheme="green", role="status"),
                    rx.button(t("feedback.another"), on_click=S.write_another, variant="soft", class_name="touch"),
                ),
                _form(),
            ),
            spacing="3",
            width="100%",
            max_width="640px",
        )
    )
