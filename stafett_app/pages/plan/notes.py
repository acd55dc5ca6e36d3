"""Notes: history that is not a measure, with PDFs only the log's participants can open."""

import reflex as rx

from stafett_app.pages.plan.state import PlanState
from stafett_app.state.session import t

plan = PlanState.plan


def _attachment(item) -> rx.Component:
    return rx.link(
        rx.icon("file-text", size=16, aria_hidden="true"),
        item.name,
        " (",
        item.size_label,
        ")",
        href=item.url,
        class_name="back-link attachment-link",
    )


def _note(note) -> rx.Component:
    return rx.box(
        rx.text(note.title, weight="bold", size="3"),
        rx.text(note.author, " · ", note.written, size="1", class_name="muted"),
        rx.cond(note.text != "", rx.text(note.text, size="2", margin_top="4px")),
        rx.foreach(note.attachments, _attachment),
        rx.cond(
            plan.can_write_note & ~plan.is_read_only,
            rx.button(
                rx.icon("paperclip", size=16, aria_hidden="true"),
                t("action.attach_pdf"),
                variant="soft",
                on_click=PlanState.open_form("attachment", note.note_id, 0),
                class_name="touch attach-pdf",
                size="2",
            ),
        ),
        class_name="history-item",
        data_testid="note",
    )


def notes_card() -> rx.Component:
    return rx.card(
        rx.heading(t("notes.heading"), size="3", as_="h2", margin_bottom="8px"),
        rx.cond(
            plan.notes.length() > 0,
            rx.foreach(plan.notes, _note),
            rx.text(t("notes.none"), size="2", class_name="muted"),
        ),
        rx.cond(
            plan.can_write_note & ~plan.is_read_only,
            rx.button(
                rx.icon("plus", size=16, aria_hidden="true"),
                t("action.add_note"),
                variant="soft",
                on_click=PlanState.open_form("note", 0, 0),
                class_name="touch add-note",
                margin_top="8px",
            ),
        ),
        class_name="notes-card",
    )
