"""The one dialog a page's forms open in, built from the registry for the kinds the page offers."""

import reflex as rx

from stafett_app.forms.registry import FORMS
from stafett_app.state.session import t


def form_dialog(S) -> rx.Component:
    """`S` is a FormHost state; only its own kinds are rendered."""
    kinds = [FORMS[key] for key in sorted(S._offered_kinds())]
    uploads = [kind for kind in kinds if kind.save is None]
    typed = [kind for kind in kinds if kind.save is not None]
    errors = S.form_errors
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(S.form_heading),
            rx.dialog.description(S.form_hint, size="2", color_scheme="gray"),
            rx.match(S.form_kind, *[(kind.key, kind.fields(S)) for kind in uploads], rx.fragment())
            if uploads
            else rx.fragment(),
            rx.form(
                rx.vstack(
                    rx.cond(
                        errors.contains("_form"),
                        rx.callout(errors["_form"], icon="triangle-alert", color_scheme="red", role="alert"),
                    ),
                    rx.match(S.form_kind, *[(kind.key, kind.fields(S)) for kind in typed], rx.fragment()),
                    rx.hstack(
                        rx.dialog.close(
                            rx.button(
                                t("action.cancel"),
                                type="button",
                                variant="soft",
                                color_scheme="gray",
                                class_name="touch",
                            )
                        ),
                        rx.button(t("action.save"), type="submit", class_name="touch save-button"),
                        justify="end",
                        width="100%",
                        spacing="3",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.submit_form,
                reset_on_submit=False,
                hidden=rx.Var.create([kind.key for kind in uploads]).contains(S.form_kind),
            ),
            class_name="form-dialog",
        ),
        open=S.form_open,
        on_open_change=S.set_form_open,
    )
