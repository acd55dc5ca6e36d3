"""Help: the text for one page (/help/<page>), or the index with a search across every help page
in the person's language (/help?q=...). Reachable signed out: sign-in has help too."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.layout import page_shell
from stafett_app.pages.help.state import HelpState as S
from stafett_app.state.session import t, tn


def search_form() -> rx.Component:
    return rx.form(
        rx.el.label(t("help.search_label"), html_for="help-query", class_name="field-label"),
        rx.hstack(
            rx.input(
                id="help-query",
                name="q",
                type="search",
                default_value=S.query,
                key=S.query,  # a new query from the address bar fills the box again
                size="3",
                max_length=200,
                auto_complete="off",
                flex="1",
            ),
            rx.button(
                rx.icon("search", size=18, aria_hidden="true"),
                t("help.search"),
                type="submit",
                size="3",
                class_name="touch help-search-button",
            ),
            width="100%",
            spacing="2",
        ),
        on_submit=S.run_search,
        reset_on_submit=False,
        role="search",
        width="100%",
        class_name="help-search",
    )


def _hit(hit) -> rx.Component:
    return rx.el.li(
        rx.link(rx.heading(hit.title, size="4", as_="h3"), href=routes.help_topic(hit.key), class_name="help-hit-link"),
        rx.text(hit.before, rx.el.mark(hit.hit), hit.after, size="2", class_name="help-snippet"),
        class_name="help-hit",
    )


def _results() -> rx.Component:
    return rx.box(
        rx.cond(
            S.searched,
            rx.cond(
                S.hits.length() > 0,
                rx.vstack(
                    rx.heading(tn("help.hits", S.hits.length()), size="4", as_="h2"),
                    rx.el.ul(rx.foreach(S.hits, _hit), class_name="help-hits"),
                    width="100%",
                ),
                rx.callout(
                    t("help.no_hits").replace("{query}", S.query),
                    icon="search-x",
                    color_scheme="gray",
                    class_name="help-no-hits",
                ),
            ),
        ),
        role="status",  # read out when the hits change
        width="100%",
    )


def _all_pages() -> rx.Component:
    return rx.vstack(
        rx.heading(t("help.all_pages"), size="4", as_="h2"),
        rx.el.ul(
            rx.foreach(
                S.links,
                lambda link: rx.el.li(rx.link(link.title, href=routes.help_topic(link.key), class_name="help-link")),
            ),
            class_name="help-pages",
        ),
        width="100%",
    )


def _index() -> rx.Component:
    return rx.vstack(
        rx.heading(t("help.heading"), size="7", as_="h1"),
        rx.cond(
            S.not_found,
            rx.callout(t("help.not_found"), icon="info", color_scheme="amber"),
            rx.text(t("help.intro")),
        ),
        search_form(),
        _results(),
        _all_pages(),
        spacing="4",
        width="100%",
    )


def _topic() -> rx.Component:
    return rx.vstack(
        rx.link(
            rx.icon("arrow-left", size=16, aria_hidden="true"),
            t("help.all_pages"),
            href=routes.HELP,
            class_name="back-link",
        ),
        rx.heading(S.title, size="7", as_="h1"),
        rx.box(rx.markdown(S.body), class_name="help-text"),
        rx.divider(),
        search_form(),
        _results(),
        spacing="4",
        width="100%",
    )


def help_page() -> rx.Component:
    return page_shell(
        rx.box(rx.cond(S.page_key != "", _topic(), _index()), width="100%", max_width="720px", class_name="help-page")
    )
