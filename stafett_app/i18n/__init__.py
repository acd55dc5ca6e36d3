"""One translation mechanism for every UI string: JSON catalogues per language, keyed by id.

Bokmål (nb) is the default and the reference catalogue; nynorsk (nn) and English (en) fill the
same keys. A key missing in a catalogue falls back to bokmål, and a test lists any such gap.
Parameters: a key may carry one value after '|', inserted where the text says {n}; keyword
arguments fill named places such as {who}.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path

LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"
_CATALOGUE_DIR = Path(__file__).parent


@cache
def catalogue(lang: str) -> dict[str, str]:
    path = _CATALOGUE_DIR / f"{lang}.json"
    if lang not in LANGUAGES or not path.exists():
        return {}
    entries: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return entries


def translate(lang: str, key_with_param: str, **params: object) -> str:
    """The text for a key; `key|value` fills {n}, and keyword arguments fill {name}."""
    key, _, param = key_with_param.partition("|")
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    if param:
        text = text.replace("{n}", param)
    for name, value in params.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def translate_all(lang: str, keys: dict[str, str]) -> dict[str, str]:
    return {field: translate(lang, key) for field, key in keys.items()}


def format_date(lang: str, value: date | None) -> str:
    """'tirsdag 3. mars 2026'; the year is left out when it is this year."""
    if value is None:
        return ""
    weekday = translate(lang, f"weekday.{value.weekday()}")
    month = translate(lang, f"month.{value.month}")
    pattern = translate(lang, "date.format")
    text = pattern.replace("{weekday}", weekday).replace("{day}", str(value.day)).replace("{month}", month)
    if value.year != date.today().year:
        text += f" {value.year}"
    return text


def format_short_date(lang: str, value: date | None) -> str:
    """'3. mars 2026': for lists where the weekday is noise."""
    if value is None:
        return ""
    month = translate(lang, f"month.{value.month}")
    return (
        translate(lang, "date.short")
        .replace("{day}", str(value.day))
        .replace("{month}", month)
        .replace("{year}", str(value.year))
    )


def relative_days(lang: str, value: date | None, today: date) -> str:
    """'i dag', 'i morgen', 'om 5 dager', 'for 3 dager siden'."""
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
        return translate(lang, f"relative.in_days|{days}")
    return translate(lang, f"relative.days_ago|{-days}")
