"""The one dialog a page's forms open in, built from the registry for the kinds the page offers."""

import reflex as rx

from stafett_app.components.confirm import cancel_and_save
from stafett_app.forms.fields import waiting_for_network
from stafett_app.forms.registry import FORMS
from stafett_app.state.session import t


def draft_offer(S) -> rx.Component:
    """After a new sign-in (or coming back): the form the person had begun, one tap away."""
    return rx.cond(
        S.draft_offer_heading != "",
        rx.callout(
            rx.vstack(
                rx.text(t("draft.offer"), " ", rx.text.strong(S.draft_offer_heading)),
                rx.hstack(
                    rx.button(t("draft.resume"), on_click=S.resume_draft, class_name="touch resume-draft"),
                    rx.button(
                        t("draft.discard"),
                        on_click=S.discard_draft,
                        variant="soft",
                        color_scheme="gray",
                        class_name="touch",
                    ),
                    wrap="wrap",
                    spacing="3",
                ),
                spacing="2",
            ),
            icon="pencil",
            width="100%",
            class_name="draft-offer",
            data_testid="draft-offer",
        ),
    )


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
                        S.form_restored,
                        rx.callout(
                            t("draft.restored"), icon="history", color_scheme="blue", class_name="draft-restored"
                        ),
                    ),
                    rx.cond(
                        errors.contains("_form"),
                        rx.callout(errors["_form"], icon="triangle-alert", color_scheme="red", role="alert"),
                    ),
                    rx.match(S.form_kind, *[(kind.key, kind.fields(S)) for kind in typed], rx.fragment()),
                    waiting_for_network(),
                    cancel_and_save(S.close_form),  # cancelling drops the kept text; Escape keeps it
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.submit_form,
                reset_on_submit=False,
                no_validate=True,  # the server checks and says what is wrong next to the field
                hidden=rx.Var.create([kind.key for kind in uploads]).contains(S.form_kind),
            ),
            class_name="form-dialog",
        ),
        open=S.form_open,
        on_open_change=S.set_form_open,
    )
