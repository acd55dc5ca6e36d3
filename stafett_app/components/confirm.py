"""One confirmation dialog for every step that cannot be taken back (or leaves a protected view):
a title, a plain sentence about what happens, "cancel" first and the step itself last. A dialog's
form ends the same way: cancel, then save."""

from typing import Any

import reflex as rx

from stafett_app.state.session import t

Text = rx.Var | str


def confirm_trigger(
    label: Text, name: str, *, icon: str | None = None, icon_size: int = 16, **props: Any
) -> rx.Component:
    """The button that opens a confirm_dialog, touch-sized: an icon for the eye (the label says it to a screen
    reader), then the label. `name` is its class for tests and styles; `props` go to the button (variant, colour)."""
    shown = [rx.icon(icon, size=icon_size, aria_hidden="true")] if icon else []
    return rx.button(*shown, label, **props, class_name=f"touch {name}")


def confirm_dialog(
    trigger: rx.Component,
    *,
    title: Text,
    text: Text,
    confirm: Text,
    confirm_class: str,
    on_confirm=None,
    href: Text | None = None,
    cancel: Text | None = None,
    color_scheme: str | None = None,
) -> rx.Component:
    """`trigger` opens it; the confirm button runs `on_confirm`, or follows `href` (a link, for a
    step that only leaves the page). `confirm_class` names the confirm button for tests and styles."""
    colour = {"color_scheme": color_scheme} if color_scheme else {}
    step = rx.button(confirm, on_click=on_confirm, class_name=f"touch {confirm_class}", **colour)
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(text),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(
                        cancel if cancel is not None else t("action.cancel"),
                        variant="soft",
                        color_scheme="gray",
                        class_name="touch",
                    )
                ),
                rx.alert_dialog.action(step if href is None else rx.link(step, href=href)),
                justify="end",
                wrap="wrap",
                spacing="3",
                margin_top="12px",
            ),
        ),
    )


def cancel_and_save(on_cancel=None) -> rx.Component:
    """A dialog form's last row: cancel (closes the dialog, then runs `on_cancel`), and save (submits)."""
    then = {} if on_cancel is None else {"on_click": on_cancel}
    return rx.hstack(
        rx.dialog.close(
            rx.button(
                t("action.cancel"), type="button", variant="soft", color_scheme="gray", class_name="touch", **then
            )
        ),
        rx.button(t("action.save"), type="submit", class_name="touch save-button"),
        justify="end",
        width="100%",
        spacing="3",
    )
