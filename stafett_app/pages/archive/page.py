"""A log's archive copies: the unit leader's way to them (the holder sees them on the plan page)."""

import reflex as rx

from stafett_app import routes
from stafett_app.components.archive_copies import archive_copies_list
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.practice import practice_banner
from stafett_app.pages.archive.state import ArchiveState
from stafett_app.state.session import t


def archive_page() -> rx.Component:
    return page_shell(
        practice_banner(ArchiveState.practice_until),
        rx.cond(
            ArchiveState.loaded,
            rx.vstack(
                rx.link(
                    rx.icon("arrow-left", size=16, aria_hidden="true"),
                    t("nav.back_to_logs"),
                    href=routes.MY_LOGS,
                    class_name="back-link",
                ),
                rx.heading(t("archive_page.heading"), ": ", ArchiveState.child_first_name, size="7", as_="h1"),
                rx.text(t("archive_page.intro"), size="3"),
                rx.card(archive_copies_list(ArchiveState.copies), width="100%"),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
    )
