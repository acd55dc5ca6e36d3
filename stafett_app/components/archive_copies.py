"""The list of a log's archive copies: when, why, how big, and whether it was made (the plan page
for the holder, the archive page for the unit leader)."""

import reflex as rx

from stafett_app.components.file_link import file_link
from stafett_app.state.session import t


def _copy(row) -> rx.Component:
    done = row.status == "done"
    return rx.el.li(
        rx.hstack(
            # Two fixed icons: an icon named by a var pulls in lucide's DynamicIcon, which makes every
            # icon of the build its own file (the plan page then fetches 150 of them one by one).
            rx.cond(
                done, rx.icon("file-check", size=18, aria_hidden="true"), rx.icon("file-x", size=18, aria_hidden="true")
            ),
            rx.vstack(
                rx.text(rx.text.strong(row.made), " · ", row.trigger_label, size="2"),
                rx.text(
                    rx.badge(row.status_label, color_scheme=rx.cond(done, "green", "red"), class_name="copy-status"),
                    rx.cond(row.size_label != "", " " + row.size_label.to(str), ""),
                    size="2",
                ),
                spacing="1",
                flex="1",
                min_width="0",
            ),
            rx.cond(
                done,
                rx.button(
                    file_link(
                        rx.icon("download", size=16, aria_hidden="true"),
                        t("archive_page.download"),
                        href=row.download_url,
                    ),
                    as_child=True,
                    variant="soft",
                    class_name="touch download-copy",
                ),
            ),
            spacing="2",
            align="center",
            width="100%",
        ),
        class_name="archive-copy",
        data_status=row.status,
    )


def archive_copies_list(copies) -> rx.Component:
    return rx.cond(
        copies.length() > 0,
        rx.el.ul(rx.foreach(copies, _copy), class_name="archive-copies"),
        rx.text(t("archive_page.none"), size="2", color_scheme="gray"),
    )
