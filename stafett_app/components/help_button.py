"""The "?" in the header of every page: it opens the help for the page one is on.

Which page that is comes from the route Reflex matched (its route id, "/logs/[log_id]/family"),
so no page has to pass anything. In meeting mode the help opens in a dialog instead: that screen
has no links away from the one log, and closing the dialog leaves the meeting as it was.
"""

import reflex as rx

from stafett_app import routes
from stafett_app.help import HELP_FOR_ROUTE, help_page
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES
from stafett_app.state.session import SessionState, t


def _route_id(path: str) -> str:
    """Reflex calls the root page "/index"."""
    return "/index" if path == routes.SIGN_IN else path


def _help_href() -> rx.Var:
    return rx.match(
        rx.State.router.route_id,
        *[(_route_id(path), routes.help_topic(key)) for path, key in HELP_FOR_ROUTE.items()],
        routes.HELP,
    )


def _question_mark() -> list[rx.Component]:
    return [
        rx.icon("circle-help", size=20, aria_hidden="true"),
        rx.el.span(t("nav.help"), class_name="nav-label"),
    ]


def help_link() -> rx.Component:
    return rx.link(
        *_question_mark(),
        href=_help_href(),
        aria_label=t("nav.help_for_page"),
        class_name="nav-link help-link-header",
    )


def _in_language(key: str, part: str) -> rx.Component:
    """One help page's title or text in each language, chosen in the browser (public text, no state)."""

    def render(lang: str) -> rx.Component:
        page = help_page(lang, key)
        if page is None:
            raise KeyError(key)  # a missing help file is a build error, not an empty dialog
        return rx.markdown(page.body) if part == "body" else rx.text(page.title)

    others = [(lang, render(lang)) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    return rx.match(SessionState.lang, *others, render(DEFAULT_LANGUAGE))


def help_dialog(key: str) -> rx.Component:
    """The "?" of meeting mode: the page's help in a dialog, and nothing to navigate to."""
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(
                *_question_mark(),
                type="button",
                variant="ghost",
                aria_label=t("nav.help_for_page"),
                class_name="nav-link help-link-header on-dark-plain",
            )
        ),
        rx.dialog.content(
            rx.dialog.title(_in_language(key, "title")),
            rx.dialog.description(t("help.in_meeting"), size="2", color_scheme="gray"),
            rx.box(_in_language(key, "body"), class_name="help-text"),
            rx.flex(
                rx.dialog.close(rx.button(t("help.close"), variant="soft", class_name="touch close-help")),
                justify="end",
                margin_top="12px",
            ),
            max_width="640px",
        ),
    )
