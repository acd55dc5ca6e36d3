"""/admin: units and their leaders, employees (one by one or a CSV with a preview), corrections, moves,
rights, deactivation, the audit trail and the feedback people sent."""

import reflex as rx

from stafett_app.components.layout import loading, page_shell
from stafett_app.domain.roles import UnitKind
from stafett_app.pages.admin.state import AdminState as S
from stafett_app.pages.admin.state import NamedId, PreviewLine, UnitLine
from stafett_app.services.admin import EmployeeView
from stafett_app.state.session import t


def _error(name: str) -> rx.Component:
    return rx.cond(
        S.errors.contains(name),
        rx.text(S.errors[name], size="2", class_name="field-error", id=f"error-{name}", role="alert"),
    )


def _field(name: str, label_key: str, *, prefix: str, **props) -> rx.Component:
    field_id = f"{prefix}-{name}"
    return rx.box(
        rx.el.label(t(label_key), html_for=field_id, class_name="field-label"),
        rx.input(id=field_id, name=name, size="3", width="100%", **props),
        _error(name),
        class_name="field",
    )


def _kind_options() -> list[rx.Component]:
    return [rx.el.option(t(f"admin.kind.{kind.value}"), value=kind.value) for kind in UnitKind]


def _select(name: str, label_key: str, options, *, prefix: str, **props) -> rx.Component:
    field_id = f"{prefix}-{name}"
    return rx.box(
        rx.el.label(t(label_key), html_for=field_id, class_name="field-label"),
        rx.el.select(*options, id=field_id, name=name, class_name="admin-select", **props),
        _error(name),
        class_name="field",
    )


def _unit_options() -> rx.Component:
    return rx.foreach(S.units, lambda u: rx.el.option(u.name, value=u.unit_id.to(str)))


def _check(name: str, label_key: str, *, prefix: str, checked=True) -> rx.Component:
    return rx.el.label(
        rx.el.input(type="checkbox", name=name, default_checked=checked, id=f"{prefix}-{name}"),
        rx.text(t(label_key), as_="span", size="3"),
        class_name="admin-check",
    )


# --- units -------------------------------------------------------------------------------------


def _leader(unit: UnitLine, leader: NamedId) -> rx.Component:
    return rx.el.li(
        rx.text(leader.name, as_="span"),
        rx.button(
            t("admin.remove_leader"),
            type="button",
            variant="ghost",
            size="2",
            on_click=S.remove_leader(unit.unit_id, leader.person_id),
            aria_label=t("admin.remove_leader") + ": " + leader.name,
            class_name="touch",
        ),
        class_name="admin-leader",
    )


def _unit_card(unit: UnitLine) -> rx.Component:
    prefix = "unit-" + unit.unit_id.to(str)
    return rx.card(
        rx.heading(unit.name, size="4", as_="h3"),
        rx.form(
            rx.el.input(type="hidden", name="unit_id", value=unit.unit_id.to(str)),
            rx.el.label(t("admin.unit_name"), html_for=prefix + "-name", class_name="field-label"),
            rx.hstack(
                rx.input(id=prefix + "-name", name="name", default_value=unit.name, size="3", flex="1"),
                rx.button(t("admin.rename"), type="submit", size="3", class_name="touch"),
                width="100%",
            ),
            on_submit=S.rename_unit,
            reset_on_submit=False,
        ),
        rx.el.label(t("admin.unit_kind"), html_for=prefix + "-kind", class_name="field-label"),
        rx.el.select(
            *_kind_options(),
            id=prefix + "-kind",
            value=unit.kind,
            on_change=lambda kind: S.set_unit_kind(unit.unit_id, kind),
            class_name="admin-select",
        ),
        rx.text(t("admin.leaders"), weight="bold", size="3", margin_top="8px"),
        rx.cond(
            unit.leaders.length() > 0,
            rx.el.ul(rx.foreach(unit.leaders, lambda leader: _leader(unit, leader)), class_name="admin-leaders"),
            rx.text(t("admin.no_leaders"), size="2", color_scheme="gray"),
        ),
        rx.cond(
            unit.others.length() > 0,
            rx.form(
                rx.el.input(type="hidden", name="unit_id", value=unit.unit_id.to(str)),
                rx.el.label(t("admin.add_leader"), html_for=prefix + "-leader", class_name="field-label"),
                rx.hstack(
                    rx.el.select(
                        rx.foreach(unit.others, lambda p: rx.el.option(p.name, value=p.person_id.to(str))),
                        id=prefix + "-leader",
                        name="person_id",
                        class_name="admin-select",
                    ),
                    rx.button(t("admin.make_leader"), type="submit", size="3", class_name="touch"),
                    width="100%",
                    wrap="wrap",
                ),
                on_submit=S.add_leader,
                reset_on_submit=False,
            ),
        ),
        width="100%",
        class_name="admin-unit",
    )


def _new_unit() -> rx.Component:
    return rx.card(
        rx.heading(t("admin.new_unit"), size="4", as_="h3"),
        rx.form(
            rx.vstack(
                _field("name", "admin.unit_name", prefix="new-unit"),
                _select("kind", "admin.unit_kind", _kind_options(), prefix="new-unit"),
                rx.button(t("admin.create_unit"), type="submit", size="3", class_name="touch create-unit"),
                spacing="2",
                width="100%",
            ),
            on_submit=S.create_unit,
            reset_on_submit=True,
        ),
        width="100%",
    )


def _units() -> rx.Component:
    return rx.el.section(
        rx.heading(t("admin.units"), size="6", as_="h2"),
        rx.grid(rx.foreach(S.units, _unit_card), _new_unit(), columns=rx.breakpoints(initial="1", md="2"), spacing="3"),
        aria_label=t("admin.units"),
        class_name="admin-section",
    )


# --- employees ---------------------------------------------------------------------------------


def _register() -> rx.Component:
    p = "register"
    return rx.card(
        rx.heading(t("admin.register"), size="4", as_="h3"),
        rx.form(
            rx.grid(
                _field("name", "admin.column.name", prefix=p, auto_complete="off"),
                _field("national_id", "admin.column.national_id", prefix=p, input_mode="numeric", auto_complete="off"),
                _field("email", "admin.column.email", prefix=p, type="email", auto_complete="off"),
                _field("mobile", "admin.column.mobile", prefix=p, type="tel", auto_complete="off"),
                _select("unit_id", "admin.column.unit", [_unit_options()], prefix=p),
                _field("title", "admin.column.title", prefix=p),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.flex(
                _check("may_hold_logs", "admin.column.may_hold_logs", prefix=p),
                _check("may_be_actor", "admin.column.may_be_actor", prefix=p),
                wrap="wrap",
                column_gap="24px",
                margin_y="8px",
            ),
            rx.button(t("admin.register_button"), type="submit", size="3", class_name="touch register-employee"),
            on_submit=S.register,
            reset_on_submit=False,
        ),
        width="100%",
    )


def _preview_row(row: PreviewLine) -> rx.Component:
    return rx.el.tr(
        rx.el.td(row.line),
        rx.el.td(row.name),
        rx.el.td(
            rx.cond(row.ok, rx.text(t("admin.row_ok"), color_scheme="green"), rx.text(row.problems, color_scheme="red"))
        ),
        rx.el.td(row.national_id),
        rx.el.td(row.email),
        rx.el.td(row.unit),
        class_name=rx.cond(row.ok, "preview-row ok", "preview-row problem"),
    )


def _import() -> rx.Component:
    return rx.card(
        rx.heading(t("admin.import"), size="4", as_="h3"),
        rx.text(t("admin.import_intro"), size="2"),
        rx.el.code(t("admin.import_columns"), class_name="admin-columns"),
        rx.form(
            rx.el.label(t("admin.import_label"), html_for="csv-text", class_name="field-label", margin_top="8px"),
            rx.text_area(id="csv-text", name="csv", rows="6", size="3", width="100%", class_name="csv-text"),
            _error("csv"),
            rx.hstack(
                rx.button(t("admin.preview"), type="submit", size="3", class_name="touch preview"),
                rx.button(
                    t("admin.import_button"),
                    type="button",
                    on_click=S.import_csv,
                    disabled=~S.preview_ok,
                    size="3",
                    class_name="touch import",
                ),
                margin_y="8px",
                wrap="wrap",
            ),
            on_submit=S.preview_csv,
            reset_on_submit=False,
        ),
        rx.cond(
            S.preview.length() > 0,
            rx.box(
                rx.el.table(
                    rx.el.caption(t("admin.preview_caption")),
                    rx.el.thead(
                        rx.el.tr(
                            *[
                                rx.el.th(t(key), scope="col")
                                for key in (
                                    "admin.line",
                                    "admin.column.name",
                                    "admin.problems",
                                    "admin.column.national_id",
                                    "admin.column.email",
                                    "admin.column.unit",
                                )
                            ]
                        )
                    ),
                    rx.el.tbody(rx.foreach(S.preview, _preview_row)),
                    class_name="admin-table preview-table",
                ),
                class_name="table-scroll",
                tab_index=0,
                role="region",
                aria_label=t("admin.preview_caption"),
            ),
        ),
        width="100%",
    )


def _editor(person: EmployeeView) -> rx.Component:
    p = "edit"
    return rx.vstack(
        rx.grid(*_editor_forms(person, p), columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
        *_editor_end(person),
        width="100%",
        spacing="3",
        padding_top="8px",
        class_name="employee-editor",
    )


def _editor_forms(person: EmployeeView, p: str) -> list[rx.Component]:
    return [
        rx.form(
            _field("national_id", "admin.correct_national_id", prefix=p, input_mode="numeric", auto_complete="off"),
            rx.button(t("admin.save"), type="submit", size="3", class_name="touch save-national-id", margin_top="4px"),
            on_submit=S.correct_national_id,
            reset_on_submit=True,
            width="100%",
        ),
        rx.form(
            _field("email", "admin.correct_email", prefix=p, type="email", default_value=person.email),
            rx.button(t("admin.save"), type="submit", size="3", class_name="touch save-email", margin_top="4px"),
            on_submit=S.correct_email,
            reset_on_submit=False,
            width="100%",
        ),
        rx.form(
            _select("unit_id", "admin.move_to", [_unit_options()], prefix=p, default_value=person.unit_id.to(str)),
            rx.button(t("admin.move"), type="submit", size="3", class_name="touch move", margin_top="4px"),
            on_submit=S.move,
            reset_on_submit=False,
            width="100%",
        ),
        rx.form(
            rx.flex(
                _check("may_hold_logs", "admin.column.may_hold_logs", prefix=p, checked=person.may_hold_logs),
                _check("may_be_actor", "admin.column.may_be_actor", prefix=p, checked=person.may_be_actor),
                wrap="wrap",
                column_gap="24px",
            ),
            rx.button(
                t("admin.save_rights"), type="submit", size="3", class_name="touch save-rights", margin_top="4px"
            ),
            on_submit=S.set_rights,
            reset_on_submit=False,
            width="100%",
        ),
    ]


def _editor_end(person: EmployeeView) -> list[rx.Component]:
    return [
        rx.cond(
            person.active,
            rx.cond(
                S.confirm_deactivate,
                rx.box(
                    rx.callout(t("admin.deactivate_confirm"), icon="triangle-alert", color_scheme="red", width="100%"),
                    rx.button(
                        t("admin.deactivate_yes"),
                        on_click=S.deactivate,
                        color_scheme="red",
                        size="3",
                        class_name="touch deactivate-yes",
                        margin_top="8px",
                    ),
                    width="100%",
                ),
                rx.button(
                    t("admin.deactivate"),
                    on_click=S.ask_deactivate,
                    color_scheme="red",
                    variant="outline",
                    size="3",
                    class_name="touch deactivate",
                ),
            ),
        ),
        rx.button(
            t("admin.close"),
            on_click=S.close_employee,
            variant="soft",
            color_scheme="gray",
            size="3",
            class_name="touch",
        ),
    ]


def _employee(person: EmployeeView) -> rx.Component:
    return rx.el.li(
        rx.card(
            rx.flex(
                rx.box(
                    rx.text(
                        rx.text.strong(person.name, class_name="employee-name"),
                        rx.cond(
                            ~person.active, rx.badge(t("admin.deactivated"), color_scheme="gray", margin_left="8px")
                        ),
                        rx.cond(person.is_leader, rx.badge(t("admin.leader"), color_scheme="blue", margin_left="8px")),
                        size="3",
                    ),
                    rx.text(person.title, " · ", person.unit_name, size="2"),
                    rx.text(person.email, " ", person.mobile, size="2", class_name="employee-contact"),
                    rx.text(
                        t("admin.column.national_id"),
                        ": ",
                        rx.cond(person.national_id_masked != "", person.national_id_masked, t("admin.no_national_id")),
                        size="2",
                        class_name="masked-id",
                    ),
                    rx.text(
                        rx.cond(person.may_hold_logs, t("admin.may_hold_yes"), t("admin.may_hold_no")),
                        " · ",
                        rx.cond(person.may_be_actor, t("admin.may_act_yes"), t("admin.may_act_no")),
                        size="2",
                    ),
                    flex="1",
                ),
                rx.cond(
                    S.selected_id != person.person_id,
                    rx.button(
                        t("admin.edit"),
                        on_click=S.select_employee(person.person_id),
                        variant="outline",
                        size="2",
                        aria_label=t("admin.edit") + ": " + person.name,
                        class_name="touch edit-employee",
                    ),
                ),
                wrap="wrap",
                gap="8px",
            ),
            rx.cond(S.selected_id == person.person_id, _editor(person)),
            width="100%",
        ),
        class_name="employee",
        data_name=person.name,
    )


def _employees() -> rx.Component:
    return rx.el.section(
        rx.heading(t("admin.employees"), size="6", as_="h2"),
        _register(),
        _import(),
        rx.form(
            rx.el.label(t("admin.search"), html_for="employee-search", class_name="field-label"),
            rx.hstack(
                rx.input(id="employee-search", name="search", type="search", size="3", flex="1"),
                rx.button(t("admin.search_button"), type="submit", size="3", class_name="touch"),
                width="100%",
            ),
            on_submit=S.find,
            reset_on_submit=False,
            width="100%",
        ),
        rx.el.ul(rx.foreach(S.employees, _employee), class_name="employee-list"),
        aria_label=t("admin.employees"),
        class_name="admin-section",
    )


# --- audit trail and feedback ------------------------------------------------------------------


def _audit() -> rx.Component:
    return rx.el.section(
        rx.heading(t("admin.audit"), size="6", as_="h2"),
        rx.text(t("admin.audit_intro"), size="2"),
        rx.box(
            rx.el.table(
                rx.el.caption(t("admin.audit")),
                rx.el.thead(
                    rx.el.tr(
                        *[
                            rx.el.th(t(key), scope="col")
                            for key in ("admin.when", "admin.who", "admin.what", "admin.detail")
                        ]
                    )
                ),
                rx.el.tbody(
                    rx.foreach(
                        S.audit,
                        lambda e: rx.el.tr(
                            rx.el.td(e.at), rx.el.td(e.admin_name), rx.el.td(e.action), rx.el.td(e.detail)
                        ),
                    )
                ),
                class_name="admin-table audit-table",
            ),
            class_name="table-scroll",
            tab_index=0,
            role="region",
            aria_label=t("admin.audit"),
        ),
        class_name="admin-section",
        aria_label=t("admin.audit"),
    )


def _feedback() -> rx.Component:
    return rx.el.section(
        rx.heading(t("admin.feedback"), size="6", as_="h2"),
        rx.cond(
            S.feedback.length() > 0,
            rx.el.ul(
                rx.foreach(
                    S.feedback,
                    lambda f: rx.el.li(
                        rx.card(
                            rx.text(f.at, " · ", rx.cond(f.sender != "", f.sender, t("admin.anonymous")), size="2"),
                            rx.text(f.message, white_space="pre-wrap"),
                            rx.cond(f.page != "", rx.text(t("admin.feedback_page"), ": ", f.page, size="2")),
                            rx.cond(f.contact != "", rx.text(t("admin.feedback_contact"), ": ", f.contact, size="2")),
                            width="100%",
                        )
                    ),
                ),
                class_name="feedback-list",
            ),
            rx.text(t("admin.no_feedback"), size="2"),
        ),
        class_name="admin-section",
        aria_label=t("admin.feedback"),
    )


def admin_page() -> rx.Component:
    return page_shell(
        rx.cond(
            S.loaded,
            rx.vstack(
                rx.heading(t("admin.heading"), size="7", as_="h1"),
                rx.text(t("admin.intro")),
                _units(),
                _employees(),
                _audit(),
                _feedback(),
                spacing="5",
                width="100%",
            ),
            loading(),
        )
    )
