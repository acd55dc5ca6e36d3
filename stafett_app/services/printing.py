"""A log as a PDF: chosen parts for a person who may print it, or the whole log for the archive.

HTML from a Jinja2 template (escaped), CSS, and WeasyPrint's PDF/A-2b output: the fonts are
embedded, there is no script and no encryption. The layout is the product's own: the child's first
name, the level and the holder on every page, the date it was made, page numbers. No identity
number: Stafett has none to print.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import nh3
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlmodel import Session

from stafett_app.domain.archive import ALL_ELEMENTS, WHAT_HAS_BEEN_TRIED, Period, PrintElement, parse_elements
from stafett_app.domain.dates import NORWAY, today_in_norway
from stafett_app.domain.errors import ValidationFailed
from stafett_app.domain.permissions import Action
from stafett_app.i18n import LANGUAGE_NAMES, format_short_date, translate
from stafett_app.models import Person
from stafett_app.services.access import open_log
from stafett_app.services.log_reader import LogContent, read_log
from stafett_app.services.views import CommentView, EvaluationView, MeasureView

if TYPE_CHECKING:  # own_copy renders through this module
    from stafett_app.services.own_copy import OwnCopy

TEMPLATES = Path(__file__).resolve().parent.parent / "print_templates"
PDF_VARIANT = "pdf/a-2b"


@dataclass(frozen=True)
class PrintChoice:
    elements: frozenset[PrintElement] = ALL_ELEMENTS
    period: Period = field(default_factory=Period)


def parse_choice(element_names: list[str], start: str = "", end: str = "") -> PrintChoice:
    """From a form or a query string; bad input is refused with a message key per field."""
    errors = {}
    try:
        elements = parse_elements([n for n in element_names if n])
    except ValueError as problem:
        errors["elements"] = str(problem)
    dates = {}
    for name, raw in (("start", start), ("end", end)):
        try:
            dates[name] = date.fromisoformat(raw) if raw else None
        except ValueError:
            errors[name] = "error.period_date"
    if not errors:
        try:
            return PrintChoice(elements, Period(dates["start"], dates["end"]))
        except ValueError as problem:
            errors["end"] = str(problem)
    raise ValidationFailed(errors)


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def _css_string(text: str) -> str:
    """A quoted CSS string: control characters dropped, quotes and backslashes escaped."""
    printable = "".join(ch for ch in text if ch.isprintable())
    return '"' + printable.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _page_css(lang: str, running: str, made: str) -> str:
    """The running header and footer of every page."""
    small = 'font: 8pt "DejaVu Sans"; color: #444;'
    page, of = _css_string(translate(lang, "print.page")), _css_string(translate(lang, "print.of"))
    return (
        f"@page {{ @top-left {{ content: {_css_string(running)}; {small} }}"
        f" @bottom-left {{ content: {_css_string(made)}; {small} }}"
        f' @bottom-right {{ content: {page} " " counter(page) " " {of} " " counter(pages); {small} }} }}'
    )


def _running_text(content: LogContent, lang: str) -> str:
    plan = content.plan
    return (
        (f"{translate(lang, 'practice.print_mark')} · " if plan.is_practice else "")
        + f"{plan.child_first_name} · {translate(lang, f'print.level|{plan.level}')} · "
        f"{translate(lang, 'print.holder')}: {content.holder_names}"
    )


def render_html(
    content: LogContent, choice: PrintChoice, lang: str, *, archive: bool = False, own_copy: "OwnCopy | None" = None
) -> str:
    """The print; `own_copy` adds the family's own copy's sections (services.own_copy) after the log."""
    period, elements = choice.period, choice.elements

    def in_period(iso: str) -> bool:
        return not iso or period.holds(date.fromisoformat(iso[:10]))

    def evaluations(m: MeasureView) -> list[EvaluationView]:
        return [e for e in m.evaluations if in_period(e.evaluated_iso)]

    def comments_of(m: MeasureView) -> list[CommentView]:
        return [c for c in m.comments if in_period(c.written_iso)]

    name = content.plan.child_first_name
    if own_copy is not None:
        title = translate(lang, "own_copy.title", name=name)
    elif archive:
        title = translate(lang, "print.archive_title", name=name)
    elif elements == WHAT_HAS_BEEN_TRIED:
        title = f"{translate(lang, 'print.tried_title')}: {name}"
    else:
        title = translate(lang, "print.title", name=name)
    made = today_in_norway()
    period_text = ""
    if period.start or period.end:
        open_end = translate(lang, "print.period_open")
        period_text = translate(
            lang,
            "print.period",
            start=format_short_date(lang, period.start) if period.start else open_end,
            end=format_short_date(lang, period.end) if period.end else open_end,
        )
    return (
        _environment()
        .get_template("log.html")
        .render(
            c=content,
            lang=lang,
            t=lambda key, **params: translate(lang, key, **params),
            short_date=lambda iso: format_short_date(lang, date.fromisoformat(iso[:10])) if iso else "",
            title=title,
            running=_running_text(content, lang),
            made=format_short_date(lang, made),
            made_iso=made.isoformat(),
            period_text=period_text,
            elements={e.value for e in elements},
            show_tree=bool(elements & {PrintElement.CONCERNS, PrintElement.EVALUATIONS, PrintElement.COMMENTS}),
            evaluations=evaluations,
            comments_of=comments_of,
            glimmers=[g for g in content.glimmers if in_period(g.written_iso)],
            notes=[n for n in content.plan.notes if in_period(n.written_iso)],
            meetings=[m for m in content.meetings if period.holds(m.on)],
            consents=[k for k in content.consents if period.holds(k.on)],
            timeline=[e for e in content.timeline if in_period(e.sort_key)],
            own=own_copy,
            language_names=LANGUAGE_NAMES,
            local_day=lambda iso: format_short_date(lang, datetime.fromisoformat(iso).astimezone(NORWAY).date()),
        )
    )


def render_pdf(
    content: LogContent,
    choice: PrintChoice,
    lang: str = "nb",
    *,
    archive: bool = False,
    own_copy: "OwnCopy | None" = None,
) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only the PDF paths need.
    from weasyprint import CSS, HTML  # noqa: PLC0415

    html = render_html(content, choice, lang, archive=archive, own_copy=own_copy)
    made = translate(lang, "print.made", date=format_short_date(lang, today_in_norway()))
    stylesheets = [
        CSS(filename=str(TEMPLATES / "log.css")),
        CSS(string=_page_css(lang, _running_text(content, lang), made)),
    ]
    pdf: bytes = HTML(string=html, base_url=str(TEMPLATES)).write_pdf(stylesheets=stylesheets, pdf_variant=PDF_VARIANT)
    return pdf


def print_pdf(
    session: Session, person: Person, log_id: int, elements: frozenset[PrintElement], period: Period | None = None
) -> bytes:
    """The chosen parts of a log as a PDF, for the holder, the guardians and the young person
    from 15. A refusal is recorded like every other (services.access.open_log)."""
    open_log(session, person, log_id, Action.PRINT)
    lang = person.language or "nb"
    content = read_log(session, log_id, lang)
    return render_pdf(content, PrintChoice(elements or ALL_ELEMENTS, period or Period()), lang)


def print_preview_html(
    session: Session, person: Person, log_id: int, elements: frozenset[PrintElement], period: Period | None = None
) -> str:
    """The same document as print_pdf, as escaped HTML for a preview on the page (no PDF made)."""
    open_log(session, person, log_id, Action.PRINT)
    lang = person.language or "nb"
    return render_html(read_log(session, log_id, lang), PrintChoice(elements or ALL_ELEMENTS, period or Period()), lang)


# What a preview may hold: the print template's own elements and classes, nothing active.
PREVIEW_TAGS = {
    *("section", "article", "header", "div", "p", "span", "strong", "em", "br", "ul", "ol", "li"),
    *("h1", "h2", "h3", "h4", "h5", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td"),
}
# On a screen: the print layout, readable on a phone (no fixed page margins, long words wrap).
PREVIEW_SCREEN_CSS = (
    "body { margin: 12px; overflow-wrap: anywhere; background: #fff; }"
    " .facts { grid-template-columns: minmax(6em, max-content) 1fr; }"
    " @media (max-width: 480px) { .facts { grid-template-columns: 1fr; } .facts dd { margin-bottom: 1mm; } }"
)


@cache
def _log_css() -> str:
    return (TEMPLATES / "log.css").read_text(encoding="utf-8")


def preview_document(html: str, lang: str) -> str:
    """The preview as a whole small document for a sandboxed <iframe srcdoc>: the printed HTML
    sanitised again (nh3) so only plain text elements remain, with the print stylesheet."""
    body = nh3.clean(
        html,
        tags=PREVIEW_TAGS,
        clean_content_tags={"script", "style", "title", "head"},
        attributes={"*": {"class"}},
        link_rel=None,
    )
    safe_lang = lang if lang in ("nb", "nn", "en") else "nb"
    return (
        f'<!DOCTYPE html><html lang="{safe_lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_log_css()}{PREVIEW_SCREEN_CSS}</style></head><body>{body}</body></html>"
    )


def pdf_filename(content_first_name: str, made: date) -> str:
    safe = "".join(ch for ch in content_first_name if ch.isalnum()) or "logg"
    return f"stafettlogg-{safe}-{made.isoformat()}.pdf"
