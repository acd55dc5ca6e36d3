""" "Hent inn fra en annen Stafett": a staff member chooses an export file and the child, and the
browser posts it to the import route, which opens the new draft (or comes back here with the
reason, shown in the person's language)."""

import reflex as rx

from stafett_app import routes
from stafett_app.pages.my_logs.state import MyLogsState
from stafett_app.state.session import t


def _native_form(*children, **props) -> rx.Component:
    """A form the browser submits itself: Reflex's form stops every submit for its own handler."""
    form = rx.el.form(*children, **props)
    form.event_triggers.pop("on_submit", None)
    return form


def import_card() -> rx.Component:
    error = MyLogsState.import_error
    return rx.card(
        rx.heading(t("import.heading"), size="4", as_="h2", margin_bottom="4px"),
        rx.text(t("import.intro"), size="2", margin_bottom="8px"),
        rx.cond(
            error != "",
            rx.callout(error, icon="circle-alert", color_scheme="red", role="alert", class_name="import-error"),
        ),
        _native_form(
            rx.vstack(
                rx.el.label(t("import.file"), html_for="import-file", class_name="field-label"),
                rx.el.input(
                    type="file",
                    id="import-file",
                    name="file",
                    accept=".json,application/json",
                    required=True,
                    class_name="touch native-file",
                ),
                rx.el.label(t("import.child"), html_for="import-child", class_name="field-label"),
                rx.el.select(
                    rx.el.option(t("import.choose_child"), value=""),
                    rx.foreach(
                        MyLogsState.import_children,
                        lambda child: rx.el.option(child.label, value=child.child_id.to(str)),
                    ),
                    id="import-child",
                    name="child_id",
                    required=True,
                    class_name="native-select",
                ),
                rx.button(
                    rx.icon("file-input", size=16, aria_hidden="true"),
                    t("import.submit"),
                    type="submit",
                    class_name="touch import-submit",
                ),
                spacing="2",
                align="start",
                width="100%",
            ),
            action=routes.IMPORT,
            method="post",
            enc_type="multipart/form-data",
            class_name="import-form",
        ),
        width="100%",
        class_name="import-card",
    )
