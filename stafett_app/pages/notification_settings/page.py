"""Notice settings: a card per kind of event with two switches, and notices on this device."""

import reflex as rx

from stafett_app.components.layout import loading, page_shell
from stafett_app.domain.notifications import PERSONAL_KINDS, Channel, EventKind
from stafett_app.pages.notification_settings.state import NotificationSettingsState as State
from stafett_app.state.session import t


def _switch(kind: EventKind, channel: Channel) -> rx.Component:
    """A switch inside its label, so the whole row is one big target."""
    values = State.email if channel == Channel.EMAIL else State.push
    channel_label = t(f"notify_settings.{channel.value}")
    return rx.el.label(
        rx.switch(
            checked=values[kind.value].to(bool),
            on_change=lambda on: State.toggle(kind.value, channel.value, on),
            aria_label=t(f"notify_settings.kind.{kind.value}") + " – " + channel_label,
            size="3",
            class_name=f"switch-{channel.value}",
        ),
        rx.text(channel_label, as_="span", size="3"),
        class_name="channel-choice",
    )


def _kind_card(kind: EventKind) -> rx.Component:
    return rx.card(
        rx.heading(t(f"notify_settings.kind.{kind.value}"), size="4", as_="h2"),
        rx.flex(
            _switch(kind, Channel.EMAIL), _switch(kind, Channel.PUSH), wrap="wrap", column_gap="24px", margin_top="4px"
        ),
        width="100%",
        class_name="notice-kind",
        data_kind=kind.value,
    )


def _email_line() -> rx.Component:
    return rx.cond(
        State.email_address != "",
        rx.text(
            t("notify_settings.email_address"),
            " ",
            rx.text.strong(State.email_address),
            ".",
            size="2",
            class_name="email-address",
        ),
        rx.text(t("notify_settings.no_email"), size="2", class_name="no-email"),
    )


def _device_card() -> rx.Component:
    """Turning on push for this browser happens in assets/stafett.js (it needs the browser's own
    permission prompt); the button carries the texts it shows afterwards."""
    return rx.card(
        rx.heading(t("notify_settings.device_heading"), size="4", as_="h2"),
        rx.box(
            rx.text(t("notify_settings.device_intro"), size="2"),
            rx.button(
                rx.icon("bell-ring", size=18, aria_hidden="true"),
                t("notify_settings.device_button"),
                type="button",
                class_name="touch push-enable",
                data_text_on=t("notify_settings.device_on"),
                data_text_denied=t("notify_settings.device_denied"),
                data_text_failed=t("notify_settings.device_failed"),
                margin_top="8px",
            ),
            class_name="push-device",
        ),
        rx.text(t("notify_settings.device_unsupported"), size="2", class_name="push-unsupported"),
        rx.el.p(class_name="push-status", role="status"),  # written by stafett.js; React leaves it alone
        width="100%",
    )


def notification_settings_page() -> rx.Component:
    return page_shell(
        rx.cond(
            State.loaded,
            rx.vstack(
                rx.heading(t("notify_settings.heading"), size="7", as_="h1"),
                rx.text(t("notify_settings.intro")),
                rx.callout(
                    t("notify_settings.privacy"), icon="shield-check", color_scheme="blue", size="1", width="100%"
                ),
                _email_line(),
                *[_kind_card(kind) for kind in PERSONAL_KINDS],
                rx.button(t("notify_settings.save"), on_click=State.save, size="3", class_name="touch save-notices"),
                _device_card(),
                spacing="3",
                width="100%",
            ),
            loading(),
        )
    )
