"""Help for each page, in the person's language, written for Stafett.

The texts are Markdown files, one per page and language: `help/{nb,nn,en}/<page>.md`. Translators
edit them like any document (bokmål is the reference; a test checks that every page exists in all
three languages with the same number of sections). They are read on the server only: the page
state gets the one page a person opens, never the whole set (unlike the UI catalogue, which every
page load carries).

A file starts with `# Title`, then a short introduction, then `## Section` parts with paragraphs
and lists. Nothing else of Markdown is needed, and the search (help/search.py) reads the same files.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from stafett_app import routes
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES

HELP_DIR = Path(__file__).parent

# Every page a person uses has help, in this order on the help index.
HELP_PAGES = (
    "sign_in",
    "my_logs",
    "new_log",
    "plan",
    "family",
    "child",
    "messages",
    "calendar",
    "meeting_mode",
    "print_log",
    "archive",
    "notification_settings",
    "leader",
    "admin",
    "feedback",
)

# The route pattern of a page (Reflex's route id) -> the help page its "?" opens.
HELP_FOR_ROUTE = {
    routes.SIGN_IN: "sign_in",
    routes.NOT_REGISTERED: "sign_in",
    routes.MY_LOGS: "my_logs",
    routes.NEW_LOG: "new_log",
    routes.PLAN: "plan",
    routes.FAMILY: "family",
    routes.CHILD: "child",
    routes.MEETING_MODE: "meeting_mode",
    routes.MESSAGES: "messages",
    routes.INBOX: "messages",
    routes.CALENDAR: "calendar",
    routes.PRINT_LOG: "print_log",
    routes.ARCHIVE: "archive",
    routes.NOTIFICATION_SETTINGS: "notification_settings",
    routes.LEADER: "leader",
    routes.ADMIN: "admin",
    routes.FEEDBACK: "feedback",
}


@dataclass(frozen=True)
class HelpSection:
    heading: str  # "" for the introduction before the first "##"
    text: str  # Markdown


@dataclass(frozen=True)
class HelpPage:
    key: str
    lang: str
    title: str
    body: str  # Markdown without the title line
    sections: tuple[HelpSection, ...]


def _parse(key: str, lang: str, source: str) -> HelpPage:
    lines = source.strip().splitlines()
    if not lines or not lines[0].startswith("# "):
        raise ValueError(f"help/{lang}/{key}.md must start with '# Title'")
    title, body = lines[0][2:].strip(), "\n".join(lines[1:]).strip()
    sections: list[HelpSection] = []
    heading, part = "", []
    for line in body.splitlines():
        if line.startswith("## "):
            sections.append(HelpSection(heading, "\n".join(part).strip()))
            heading, part = line[3:].strip(), []
        else:
            part.append(line)
    sections.append(HelpSection(heading, "\n".join(part).strip()))
    return HelpPage(key, lang, title, body, tuple(s for s in sections if s.heading or s.text))


@cache
def help_page(lang: str, key: str) -> HelpPage | None:
    """One page in a language (bokmål where a translation is missing); None for an unknown key."""
    if key not in HELP_PAGES:
        return None
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    path = HELP_DIR / lang / f"{key}.md"
    if not path.exists():
        path, lang = HELP_DIR / DEFAULT_LANGUAGE / f"{key}.md", DEFAULT_LANGUAGE
    return _parse(key, lang, path.read_text(encoding="utf-8"))


def help_pages(lang: str) -> tuple[HelpPage, ...]:
    return tuple(page for key in HELP_PAGES if (page := help_page(lang, key)) is not None)


_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s*)|\*\*|__|`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def plain_text(markdown: str) -> str:
    """The words a reader sees: without heading marks, list bullets, emphasis and link targets."""
    lines = (_MARKUP.sub("", _LINK.sub(r"\1", line)).strip() for line in markdown.splitlines())
    return " ".join(line for line in lines if line)


@dataclass(frozen=True)
class HelpLink:
    key: str
    title: str


def help_links(lang: str) -> list[HelpLink]:
    """The list on the help index: every page's title, in the person's language."""
    return [HelpLink(page.key, page.title) for page in help_pages(lang)]
