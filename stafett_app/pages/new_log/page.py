"""'Ny stafettlogg': a level 0 draft that only its author sees, until the family has consented."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import loading, page_shell
from stafett_app.forms.fields import waiting_for_network
from stafett_app.pages.new_log.state import NewLogState
from stafett_app.state.session import t

S = NewLogState


def _error(name: str) -> rx.Component:
    return rx.cond(
        S.errors.contains(name),
        rx.text(S.errors[name], id=f"{name}-error", class_name="field-error", role="alert", size="2"),
    )


def _field(name: str, label_key: str, control: rx.Component, hint_key: str | None = None) -> rx.Component:
    return rx.box(
        rx.el.label(t(label_key), html_for=f"field-{name}", class_name="field-label"),
        rx.text(t(hint_key), size="1", color_scheme="gray") if hint_key else rx.fragment(),
        control,
        _error(name),
        class_name="field",
        width="100%",
    )


def _input(name: str, label_key: str, type_: str = "text", max_length: int = 130) -> rx.Component:
    return _field(
        name,
        label_key,
        rx.input(
            id=f"field-{name}",
            name=name,
            type=type_,
            default_value=S.values.get(name, ""),
            max_length=max_length,
            aria_invalid=S.errors.contains(name),
            aria_describedby=f"{name}-error",
            size="3",
        ),
    )


def _form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(t("new_log.intro"), size="3"),
            rx.heading(t("new_log.child"), size="4", as_="h2"),
            rx.grid(
                _input("first_name", "new_log.first_name"),
                _input("last_name", "new_log.last_name"),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            _input("birth_date", "new_log.birth_date", type_="date", max_length=10),
            _field(
                "unit_id",
                "new_log.unit",
                rx.el.select(
                    rx.el.option(t("form.choose"), value=""),
                    rx.foreach(S.unit_options, lambda o: rx.el.option(o[1], value=o[0])),
                    id="field-unit_id",
                    name="unit_id",
                    default_value=S.values.get("unit_id", ""),
                    class_name="native-select",
                ),
            ),
            _field(
                "observations",
                "new_log.observations",
                rx.text_area(
                    id="field-observations",
                    name="observations",
                    default_value=S.values.get("observations", ""),
                    aria_invalid=S.errors.contains("observations"),
                    aria_describedby="observations-error",
                    rows="5",
                    size="3",
                ),
                "new_log.observations_hint",
            ),
            rx.callout(t("new_log.only_you"), icon="lock", color_scheme="blue"),
            waiting_for_network(),
            rx.hstack(
                rx.link(
                    rx.button(
                        t("action.cancel"), type="button", variant="soft", color_scheme="gray", class_name="touch"
                    ),
                    href=routes.MY_LOGS,
                ),
                rx.button(t("new_log.start"), type="submit", class_name="touch start-log"),
                justify="end",
                width="100%",
                spacing="3",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=S.start,
        reset_on_submit=False,
        no_validate=True,  # the server checks and says what is wrong next to the field
        width="100%",
    )


def new_log_page() -> rx.Component:
    return page_shell(
        rx.cond(
            S.loaded,
            rx.vstack(
                rx.link(
                    rx.icon("arrow-left", size=16, aria_hidden="true"),
                    t("nav.back_to_logs"),
                    href=routes.MY_LOGS,
                    class_name="back-link",
                ),
                rx.heading(t("new_log.heading"), size="7", as_="h1"),
                rx.cond(S.may_start, _form(), rx.text(t("new_log.not_allowed"))),
                spacing="3",
                width="100%",
                max_width="640px",
            ),
            loading(),
        )
    )
