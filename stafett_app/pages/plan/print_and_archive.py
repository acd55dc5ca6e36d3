"""On the plan overview: print (holder and family), the archive copies (holder), and export to
another Stafett (holder). Each shows only to those the server says may use it."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.archive_copies import archive_copies_list
from stafett_app.components.file_link import file_link
from stafett_app.pages.plan.export_state import ExportState
from stafett_app.pages.plan.state import PlanState
from stafett_app.state.session import t

plan = PlanState.plan


def _export_concern(concern) -> rx.Component:
    return rx.box(
        rx.checkbox(
            concern.text,
            checked=ExportState.chosen.contains(concern.concern_id),
            on_change=lambda checked: ExportState.toggle(concern.concern_id, checked),
            size="3",
        ),
        class_name="print-element touch export-concern",
    )


def _export_dialog() -> rx.Component:
    # A plain button opens it (a Radix trigger around a Reflex button rendered as a div with
    # aria-expanded, which axe refuses).
    opener = rx.button(
        rx.icon("package", size=16, aria_hidden="true"),
        t("export.open"),
        variant="outline",
        on_click=ExportState.start(plan.log_id, plan.concerns.foreach(lambda c: c.concern_id)),
        class_name="touch open-export",
    )
    return rx.fragment(
        opener,
        rx.dialog.root(
            rx.dialog.content(
                rx.dialog.title(t("export.heading")),
                rx.dialog.description(t("export.intro"), size="2"),
                rx.el.fieldset(
                    rx.el.legend(t("export.choose"), class_name="field-label"),
                    rx.vstack(rx.foreach(plan.concerns, _export_concern), spacing="1", width="100%"),
                    class_name="print-fieldset",
                    margin_top="10px",
                ),
                rx.cond(
                    ExportState.error != "",
                    rx.text(ExportState.error, color_scheme="red", size="2", class_name="export-error"),
                ),
                rx.hstack(
                    rx.dialog.close(
                        rx.button(t("action.cancel"), variant="soft", color_scheme="gray", class_name="touch")
                    ),
                    rx.cond(
                        ExportState.zip_url != "",
                        rx.button(
                            file_link(
                                rx.icon("download", size=16, aria_hidden="true"),
                                t("export.download"),
                                href=ExportState.zip_url,
                            ),
                            as_child=True,
                            class_name="touch download-export",
                        ),
                    ),
                    justify="end",
                    spacing="2",
                    margin_top="12px",
                    wrap="wrap",
                ),
            ),
            open=ExportState.dialog_open,
            on_open_change=ExportState.set_dialog_open,
        ),
    )


def print_and_export() -> rx.Component:
    return rx.hstack(
        rx.cond(
            plan.can_print,
            rx.link(
                rx.icon("printer", size=16, aria_hidden="true"),
                t("print_page.open"),
                href=routes.print_log(plan.log_id),
                class_name="back-link open-print",
            ),
        ),
        rx.cond(plan.can_export & (plan.concerns.length() > 0), _export_dialog()),
        wrap="wrap",
        spacing="4",
        align="center",
        margin_top="10px",
    )


def archive_card() -> rx.Component:
    return rx.cond(
        plan.can_read_archive,
        rx.card(
            rx.heading(t("archive_page.heading"), size="3", as_="h2", margin_bottom="8px"),
            rx.text(t("archive_page.intro_short"), size="2", color_scheme="gray", margin_bottom="6px"),
            archive_copies_list(PlanState.archive_copies),
            class_name="archive-card",
        ),
    )
