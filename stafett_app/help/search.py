"""Search across the help pages of one language: simple, on the server, and good enough to trust.

- Words are normalised: lower case, Unicode NFKC, split on anything that is not a letter or digit,
  so "Samtykke," and "samtykke" are one word and æ, ø and å stay letters.
- Someone who types without Norwegian letters still finds them: "forstaelse" finds "forståelse" and
  "fodselsnummer" "fødselsnummer" (both sides folded: æ→ae, ø→o, å→a, "aa"→"a"), a little lower.
- Endings are cut off both sides, lightly ("slette", "slettes" and "sletting" meet as "slett"), so
  a word found in another form still counts, below the exact form.
- A query word matches the start of a longer word ("samty" finds "samtykke") and, from four letters,
  the inside of a compound ("samtykke" finds "foreldresamtykke"), each ranked lower than a whole word.
- Small words of the question ("hvordan", "jeg", "how") are left out unless nothing else is left.
- Ranking: pages matching more of the query words first; then a score where the title counts most,
  then section headings, then the text; a word that stands often counts more (log-damped), and a
  word found on few pages more than a common one.
- A hit shows a snippet of the text around the first place the best word stands.
"""

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from stafett_app.help import HelpPage, help_pages, plain_text

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "é": "e", "è": "e", "ü": "u"})


def _listed(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words of a question that say nothing about what it is about.
STOP_WORDS = {
    "nb": set(
        _listed(
            "og i jeg du det en et ei at på er som for med til av å hvordan hva hvem hvor når kan meg min mitt mine"
            " den de seg om ikke har skal vil man vi oss vår våre der her så eller men fra hvis må"
        ),
    ),
    "nn": set(
        _listed(
            "og i eg du det ein eit ei at på er som for med til av å korleis kva kven kvar når kan meg min mitt mine"
            " den dei seg om ikkje har skal vil ein vi oss vår våre der her så eller men frå viss må"
        ),
    ),
    "en": set(
        _listed(
            "a an and the to of in on at for with how what who where when do does can i me my is are it this that"
            " be or not from if must"
        ),
    ),
}

# Common endings of nouns and verbs in bokmål, nynorsk and English, longest first; a stem keeps four letters.
ENDINGS = sorted(
    _listed("ingane ingene ingar inger ingen inga ande ende ane ene ing ar er en et es ed a e s"), key=len, reverse=True
)
MIN_STEM = 4
MIN_PREFIX = 2  # a query word this long matches the start of a longer word
MIN_INSIDE = 4  # ... and this long, the inside of a compound

FIELD_WEIGHTS = {"title": 4.0, "heading": 2.0, "text": 1.0}
EXACT, FOLDED, SAME_STEM, PREFIX, FOLDED_PREFIX, INSIDE = 1.0, 0.9, 0.75, 0.6, 0.5, 0.3
SNIPPET_BEFORE, SNIPPET_AFTER = 60, 120


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def fold(word: str) -> str:
    """The word as typed on a keyboard without Norwegian letters."""
    return word.translate(_FOLD).replace("aa", "a")


def stem(word: str) -> str:
    """The folded word without its ending ("sletting" -> "slett"); short words stay whole."""
    folded = fold(word)
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            return folded[: -len(ending)]
    return folded


def match_weight(query_word: str, word: str) -> float:
    """How well one word of the text answers one query word (0: not at all)."""
    if word == query_word:
        return EXACT
    folded_query, folded_word = fold(query_word), fold(word)
    if folded_word == folded_query:
        return FOLDED
    if stem(word) == stem(query_word):
        return SAME_STEM
    if len(query_word) >= MIN_PREFIX and word.startswith(query_word):
        return PREFIX
    if len(folded_query) >= MIN_PREFIX and folded_word.startswith(folded_query):
        return FOLDED_PREFIX
    if len(folded_query) >= MIN_INSIDE and folded_query in folded_word:
        return INSIDE
    return 0.0


@dataclass(frozen=True)
class _Indexed:
    page: HelpPage
    text: str  # the page's plain text, for snippets
    fields: dict[str, dict[str, int]]  # field -> each distinct word and how often it stands there


@dataclass(frozen=True)
class HelpHit:
    key: str
    title: str
    before: str  # snippet: text before the word found
    hit: str  # the word found, as written
    after: str
    score: float


@cache
def _index(lang: str) -> tuple[_Indexed, ...]:
    indexed = []
    for page in help_pages(lang):
        text = plain_text("\n".join(section.text for section in page.sections))
        headings = " ".join(section.heading for section in page.sections)
        fields = {
            "title": dict(Counter(words(page.title))),
            "heading": dict(Counter(words(headings))),
            "text": dict(Counter(words(text))),
        }
        indexed.append(_Indexed(page, text, fields))
    return tuple(indexed)


def query_words(lang: str, query: str) -> list[str]:
    """The words of a query that carry meaning (all of them if every one is a small word)."""
    found = list(dict.fromkeys(words(query)))
    meaningful = [word for word in found if word not in STOP_WORDS.get(lang, STOP_WORDS["nb"])]
    return meaningful or found


def _best(query_word: str, field_words: dict[str, int]) -> tuple[float, str]:
    """The best match in a field, damped by how often matching words stand there, and that word."""
    best, best_word, occurrences = 0.0, "", 0
    for word, count in field_words.items():
        weight = match_weight(query_word, word)
        if weight:
            occurrences += count
            if weight > best:
                best, best_word = weight, word
    return best * (1 + math.log(occurrences)) if occurrences else 0.0, best_word


def _snippet(text: str, word: str) -> tuple[str, str, str]:
    """The text around the first place `word` stands (as a whole word), cut at spaces."""
    for match in _WORD.finditer(text):
        if unicodedata.normalize("NFKC", match.group()).casefold() == word:
            start, end = match.span()
            break
    else:
        return "", "", text[: SNIPPET_BEFORE + SNIPPET_AFTER].rsplit(" ", 1)[0] + "…"
    before = text[max(0, start - SNIPPET_BEFORE) : start]
    if start > SNIPPET_BEFORE:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    after = text[end : end + SNIPPET_AFTER]
    if end + SNIPPET_AFTER < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return before, text[start:end], after


def search(lang: str, query: str, limit: int = 10) -> list[HelpHit]:
    """The help pages of a language that answer the query, best first (none for an empty query)."""
    terms = query_words(lang, query)[:8]
    if not terms:
        return []
    index = _index(lang)
    ranked = []
    for term in terms:
        per_page = [{field: _best(term, field_words) for field, field_words in doc.fields.items()} for doc in index]
        pages_with = sum(1 for found in per_page if any(weight for weight, _ in found.values()))
        rarity = math.log(1 + len(index) / max(pages_with, 1))
        ranked.append((rarity, per_page))
    hits = []
    for position, doc in enumerate(index):
        matched, score, snippet_word, snippet_rarity = 0, 0.0, "", 0.0
        for rarity, per_page in ranked:
            found = per_page[position]
            term_score = sum(FIELD_WEIGHTS[field] * weight for field, (weight, _) in found.items())
            if term_score:
                matched += 1
                score += term_score * rarity
            text_weight, text_word = found["text"]
            if text_weight and rarity > snippet_rarity:  # show the rarest word found, where it stands
                snippet_word, snippet_rarity = text_word, rarity
        if matched:
            before, hit, after = _snippet(doc.text, snippet_word) if snippet_word else _snippet(doc.text, "")
            hits.append((matched, score, HelpHit(doc.page.key, doc.page.title, before, hit, after, round(score, 3))))
    hits.sort(key=lambda item: (-item[0], -item[1], item[2].title))
    return [hit for _, _, hit in hits[:limit]]
