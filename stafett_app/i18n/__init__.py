"""One translation mechanism for every UI string: gettext catalogues per language, keyed by id.

The source of truth is `locale/{lang}/LC_MESSAGES/messages.po` (msgid = the key used in code, such
as "family.who"; msgstr = the text). Bokmål (nb) is the default and the reference; nynorsk (nn) and
English (en) fill the same keys, and a key missing in a catalogue falls back to bokmål.
Parameters: a key may carry one value after '|', inserted where the text says {n}; keyword
arguments fill named places such as {who}. Counts shown in words are plural entries, read with
`translate_plural` (ngettext), so "1 stjerne" and "2 stjerner" both come out right.

Dates, weekday and month names come from Babel (CLDR); the catalogues hold only the LDML patterns
that give the product's shape ("tirsdag 3. mars").
"""

import io
import os
import tempfile
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton, get_day_names
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from stafett_app.domain.dates import today_in_norway

LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}  # each in its own words
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
# The CLDR locale behind each UI language: Norwegian dates as written in Norway, British English
# ("Tuesday 3 March") rather than American.
BABEL_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
# The browser gets the plural form of a counted text under this suffix (see `ui_texts`).
PLURAL_SUFFIX = "#plural"


def _po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalogue(lang: str) -> bytes:
    """The .mo for a language, compiled again when it is missing or older than its .po.

    setup.sh compiles with pybabel; this covers a fresh clone, tests, and a .po edited since.
    Written atomically (`write_atomically`); if the folder is read-only the compiled bytes are
    still used, just not kept.
    """
    po, mo = _po_path(lang), _po_path(lang).with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime_ns > po.stat().st_mtime_ns:
        return mo.read_bytes()
    with po.open("rb") as f:
        po_catalog = read_po(f, locale=lang, domain=DOMAIN)
    with tempfile.TemporaryFile() as buffer:
        write_mo(buffer, po_catalog)
        buffer.seek(0)
        data = buffer.read()
    write_atomically(mo, data)
    return data


def write_atomically(path: Path, data: bytes) -> bool:
    """Write to a temporary file beside `path` and rename it over `path`, so another process never
    reads half a file. False when the folder is read-only (the caller then keeps its bytes in memory)."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; these files are no secret
        os.replace(temporary, path)
    except OSError:
        return False
    return True


@cache
def _compiled(lang: str) -> tuple[Translations, Catalog]:
    """The gettext translations (for lookups) and the catalogue (to list keys) of one language."""
    data = compile_catalogue(lang)
    translations = Translations(io.BytesIO(data), domain=DOMAIN)
    if lang != DEFAULT_LANGUAGE:
        translations.add_fallback(_compiled(DEFAULT_LANGUAGE)[0])
    return translations, read_mo(io.BytesIO(data))


def _language(lang: str) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


@cache
def plural_catalogue(lang: str) -> dict[str, tuple[str, ...]]:
    """Every plural entry of a language: key -> (form for 1, form for other counts)."""
    if lang not in LANGUAGES:
        return {}
    return {
        str(m.id[0]): tuple(str(form) for form in m.string or ()) for m in _compiled(lang)[1] if m.id and m.pluralizable
    }


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every key of a language with its text; a plural entry gives its singular form."""
    if lang not in LANGUAGES:
        return {}
    texts = {str(m.id): str(m.string or "") for m in _compiled(lang)[1] if m.id and not m.pluralizable}
    texts.update({key: forms[0] for key, forms in plural_catalogue(lang).items()})
    return dict(sorted(texts.items()))


def _fill(text: str, params: dict[str, object]) -> str:
    for name, value in params.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def translate_plural(lang: str, key: str, n: int, **params: object) -> str:
    """The form of a counted text that fits n ("1 stjerne", "2 stjerner"); n also fills {n}."""
    return _fill(_compiled(_language(lang))[0].ngettext(key, key, n), {"n": n, **params})


def translate(lang: str, key_with_param: str, **params: object) -> str:
    """The text for a key; `key|value` fills {n}, and keyword arguments fill {name}.

    For a plural entry a whole number after '|' (or n=...) picks the form, so `error.too_long|1`
    and `error.too_long|120` both read right.
    """
    key, _, param = key_with_param.partition("|")
    lang = _language(lang)
    count = params.pop("n", param or None)
    if key in plural_catalogue(DEFAULT_LANGUAGE):
        if str(count).lstrip("-").isdigit():
            return translate_plural(lang, key, int(str(count)), **params)
        text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE)[key]
    else:
        text = _compiled(lang)[0].gettext(key)
    return _fill(text, params if count is None else {"n": count, **params})


def translate_all(lang: str, keys: dict[str, str]) -> dict[str, str]:
    return {field: translate(lang, key) for field, key in keys.items()}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[_language(lang)])


# A page load formats the same few dates many times, and Babel parses the pattern on every call.
@lru_cache(maxsize=4096)
def _pattern(lang: str, key: str, value: date) -> str:
    return babel_format_date(value, translate(lang, key), locale=_locale(lang))


def format_date(lang: str, value: date | None, today: date | None = None) -> str:
    """'tirsdag 3. mars'; the year is added when it is not this year ('tirsdag 3. mars 2027')."""
    if value is None:
        return ""
    this_year = (today or today_in_norway()).year  # the server's own clock may run on UTC
    return _pattern(lang, "date.format" if value.year == this_year else "date.format_year", value)


def format_short_date(lang: str, value: date | None) -> str:
    """'3. mars 2026': for lists where the weekday is noise."""
    return "" if value is None else _pattern(lang, "date.short", value)


def format_day_short(lang: str, value: date) -> str:
    """A calendar column head: 'tir. 3.3.' (CLDR's weekday with day and month)."""
    return format_skeleton("MEd", value, locale=_locale(lang))


def format_month_title(lang: str, value: date) -> str:
    """'Mars 2026': a month view's heading (CLDR writes month names in lower case in Norwegian)."""
    text = format_skeleton("yMMMM", value, locale=_locale(lang))
    return text[:1].upper() + text[1:]


def weekday_names(lang: str, width: Literal["abbreviated", "narrow", "short", "wide"] = "abbreviated") -> list[str]:
    """Monday first, as CLDR writes them: 'man.' … 'søn.' in bokmål, 'må.' … 'sø.' in nynorsk."""
    names = get_day_names(width, context="stand-alone", locale=_locale(lang))
    return [names[day] for day in range(7)]  # Babel numbers the days from Monday = 0


def relative_days(lang: str, value: date | None, today: date) -> str:
    """'i dag', 'i morgen', 'om 5 dager', 'for 3 dager siden'.

    Babel's format_timedelta says 'om 5 døgn' in Norwegian (CLDR's unit for a duration), so the
    catalogues hold these as plural entries instead.
    """
    if value is None:
        return ""
    days = (value - today).days
    if days == 0:
        return translate(lang, "relative.today")
    if days == 1:
        return translate(lang, "relative.tomorrow")
    if days == -1:
        return translate(lang, "relative.yesterday")
    if days > 0:
        return translate_plural(lang, "relative.in_days", days)
    return translate_plural(lang, "relative.days_ago", -days)


@cache
def ui_texts(lang: str) -> dict[str, str]:
    """What the browser gets (i18n/frontend.py compiles it into the bundle): every key, bokmål where
    a language lacks one.

    A plural entry comes as `key` (the form for 1) and `key#plural` (every other count); the page
    helper `tn` picks between them with `count == 1`, which is the plural rule of all three
    languages (a test checks the catalogues' Plural-Forms). Weekday short names for the month
    grid's column heads come from Babel as `weekday_short.0` (Monday) to `weekday_short.6`.
    """
    lang = _language(lang)
    plurals = {**plural_catalogue(DEFAULT_LANGUAGE), **plural_catalogue(lang)}
    return {
        **catalogue(DEFAULT_LANGUAGE),
        **catalogue(lang),
        **{key + PLURAL_SUFFIX: forms[-1] for key, forms in plurals.items()},
        **{f"weekday_short.{day}": name for day, name in enumerate(weekday_names(lang))},
    }
