"""Print a log: choose the parts and a period, see the preview, download the PDF."""

import reflex as rx

from stafett_app.components.file_link import file_link
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.practice import practice_banner
from stafett_app.pages.print_log.state import ELEMENT_NAMES, PrintLogState
from stafett_app.state.session import t

S = PrintLogState


def _element(name: str) -> rx.Component:
    return rx.box(
        rx.checkbox(
            t(f"print_page.element.{name}"),
            checked=S.chosen.contains(name),
            on_change=lambda checked: S.toggle(name, checked),
            size="3",
        ),
        class_name="print-element touch",
        data_element=name,
    )


def _error(text, error_id: str) -> rx.Component:
    return rx.cond(
        text != "",
        rx.text(
            rx.icon("circle-alert", size=16, aria_hidden="true"), " ", text, color_scheme="red", size="2", id=error_id
        ),
    )


def _date_field(field_id: str, label_key: str, value, on_change, error) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=field_id, class_name="field-label"),
        rx.input(
            type="date",
            id=field_id,
            value=value,
            on_change=on_change,
            size="3",
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-error",
            class_name="touch",
            width="100%",
        ),
        _error(error, f"{field_id}-error"),
        spacing="1",
        min_width="0",
        width="100%",
    )


def _choice() -> rx.Component:
    return rx.card(
        rx.el.fieldset(
            rx.el.legend(rx.heading(t("print_page.what"), size="4", as_="h2")),
            rx.hstack(
                rx.button(
                    rx.icon("list-checks", size=16, aria_hidden="true"),
                    t("print_page.preset_tried"),
                    on_click=S.use_preset("tried"),
                    variant="soft",
                    class_name="touch preset-tried",
                ),
                rx.button(
                    rx.icon("files", size=16, aria_hidden="true"),
                    t("print_page.preset_all"),
                    on_click=S.use_preset("all"),
                    variant="soft",
                    class_name="touch preset-all",
                ),
                wrap="wrap",
                spacing="2",
                margin_y="8px",
            ),
            rx.text(t("print_page.preset_tried_help"), size="2", color_scheme="gray"),
            rx.grid(
                *[_element(name) for name in ELEMENT_NAMES],
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="1",
                margin_top="8px",
                width="100%",
            ),
            _error(S.elements_error, "print-elements-error"),
            class_name="print-fieldset",
        ),
        width="100%",
    )


def _period() -> rx.Component:
    return rx.card(
        rx.el.fieldset(
            rx.el.legend(rx.heading(t("print_page.period"), size="4", as_="h2")),
            rx.text(t("print_page.period_help"), size="2", color_scheme="gray", margin_bottom="6px"),
            rx.grid(
                _date_field("print-start", "print_page.from", S.start, S.choose_start, S.start_error),
                _date_field("print-end", "print_page.to", S.end, S.choose_end, S.end_error),
                columns=rx.breakpoints(initial="1", xs="2"),
                spacing="3",
                width="100%",
            ),
            class_name="print-fieldset",
        ),
        width="100%",
    )


def _download() -> rx.Component:
    no_errors = (S.elements_error == "") & (S.start_error == "") & (S.end_error == "")
    return rx.cond(
        no_errors,
        rx.button(
            file_link(rx.icon("download", size=16, aria_hidden="true"), t("print_page.download"), href=S.pdf_url),
            as_child=True,
            size="3",
            class_name="touch download-pdf",
        ),
        rx.text(t("print_page.fix_first"), size="2", color_scheme="red", class_name="download-blocked"),
    )


def print_log_page() -> rx.Component:
    return page_shell(
        practice_banner(S.practice_until),
        rx.cond(
            S.loaded,
            rx.vstack(
                rx.link(
                    rx.icon("arrow-left", size=16, aria_hidden="true"),
                    t("print_page.back"),
                    href=S.back_url,
                    class_name="back-link",
                ),
                rx.heading(t("print_page.heading"), size="7", as_="h1"),
                rx.text(t("print_page.intro"), size="3"),
                _choice(),
                _period(),
                _download(),
                rx.heading(t("print_page.preview"), size="5", as_="h2", margin_top="8px"),
                rx.el.iframe(
                    src_doc=S.preview,
                    sandbox="",  # no scripts, no forms, no same-origin access: the preview only shows
                    title=t("print_page.preview_title"),
                    class_name="print-preview",
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
    )
