"""Sign-in: in demo mode, choose one of the seeded people."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import page_shell, post_button
from stafett_app.pages.sign_in.state import SignInState
from stafett_app.state.session import t


def _person_choice(person) -> rx.Component:
    return post_button(
        rx.vstack(
            rx.text(person.name, weight="bold", size="3"),
            rx.text(person.description, size="2"),
            spacing="0",
            align="start",
        ),
        routes.DEMO_LOGIN,
        hidden={"person_id": person.person_id},
        variant="surface",
        size="3",
        class_name="demo-person",
        width="100%",
    )


def sign_in_page() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(t("signin.heading"), size="7", as_="h1"),
            rx.text(t("signin.intro"), size="3"),
            rx.cond(
                SignInState.demo_mode,
                rx.vstack(
                    rx.callout(t("signin.demo_notice"), icon="info", color_scheme="blue"),
                    rx.heading(t("signin.choose_person"), size="4", as_="h2"),
                    rx.grid(
                        rx.foreach(SignInState.people, _person_choice),
                        columns=rx.breakpoints(initial="1", sm="2"),
                        spacing="3",
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                rx.vstack(
                    rx.text(t("signin.idporten"), size="3"),
                    # A plain GET form: a full page load to our HTTP route (a link would go through the SPA router).
                    rx.el.form(
                        rx.el.input(type="hidden", name="lang", value=SignInState.lang),
                        rx.button(t("signin.with_idporten"), type="submit", size="3", id="idporten-sign-in"),
                        action=routes.OIDC_LOGIN,
                        method="get",
                        on_submit=None,
                    ),
                    spacing="3",
                ),
            ),
            spacing="4",
            width="100%",
        )
    )
