"""Help texts: every page in every language, in the right shape, and a search that finds them."""

import re

import pytest

from stafett_app import routes
from stafett_app.help import HELP_DIR, HELP_FOR_ROUTE, HELP_PAGES, help_page, help_pages, plain_text
from stafett_app.help.search import fold, match_weight, query_words, search, stem, words
from stafett_app.i18n import LANGUAGES
from stafett_app.pages import ROUTES

# Words that give away bokmål in a nynorsk text (and the nynorsk words that should be there).
BOKMAAL_ONLY = re.compile(
    r"\b(ikke|jeg|hva|hvem|hvordan|hvis|noen|bare|mye|enn?å|deg selv|eller hvis)\b", re.IGNORECASE
)
NYNORSK_MARKERS = ("ikkje", "kva", "berre", "korleis", "kven", "eit", "frå", "noko")


def test_every_page_has_help_in_every_language_and_nothing_else():
    for lang in LANGUAGES:
        files = {path.stem for path in (HELP_DIR / lang).glob("*.md")}
        assert files == set(HELP_PAGES), lang


def test_translations_have_the_same_shape_as_bokmaal():
    for key in HELP_PAGES:
        reference = help_page("nb", key)
        assert reference is not None and reference.title and len(reference.sections) >= 2
        for lang in ("nn", "en"):
            page = help_page(lang, key)
            assert page is not None and page.lang == lang
            assert len(page.sections) == len(reference.sections), (lang, key)
            assert lang == "nn" or page.title != reference.title, key  # nynorsk titles may be bokmål's
            assert page.body != reference.body, (lang, key)


def test_nynorsk_help_is_nynorsk():
    for page in help_pages("nn"):
        text = plain_text(page.body)
        assert not BOKMAAL_ONLY.findall(text), (page.key, BOKMAAL_ONLY.findall(text))
    all_words = set(words(" ".join(page.body for page in help_pages("nn"))))
    assert set(NYNORSK_MARKERS) <= all_words


def test_every_route_a_person_uses_has_its_help_page():
    """The "?" of each page in the route table opens that page's help. The shown child page has no
    header; "no access" and the help pages themselves open the help index."""
    without_help = {routes.NO_ACCESS, routes.CHILD_SHOWN, routes.HELP, routes.HELP_TOPIC}
    for route in ROUTES:
        if route.path not in without_help:
            assert HELP_FOR_ROUTE.get(route.path) in HELP_PAGES, route.path
    assert set(HELP_FOR_ROUTE.values()) == set(HELP_PAGES)


def test_an_unknown_page_or_language():
    assert help_page("nb", "../settings") is None
    assert help_page("xx", "plan") == help_page("nb", "plan")


def test_plain_text_drops_markup_and_keeps_words():
    assert plain_text("## Tittel\n\n- **Barnet:** navn\n1. Steg [lenke](/help)") == "Tittel Barnet: navn Steg lenke"


def test_words_are_normalised():
    assert words("Samtykke, SAMTYKKE! Føresette – Øyvind's") == ["samtykke", "samtykke", "føresette", "øyvind", "s"]
    assert fold("forståelse") == "forstaelse" and fold("fødselsnummer") == "fodselsnummer"
    assert fold("Paal".lower()) == fold("pål")


def test_match_weights_rank_whole_words_over_prefixes_over_compounds():
    assert match_weight("samtykke", "samtykke") > match_weight("forstaelse", "forståelse") > 0
    assert match_weight("forstaelse", "forståelse") > match_weight("samty", "samtykke") > 0
    assert match_weight("samty", "samtykke") > match_weight("samtykke", "foreldresamtykke") > 0
    assert match_weight("sam", "foreldresamtykke") == 0  # too short to look inside a word
    assert match_weight("katt", "samtykke") == 0


def test_small_question_words_are_left_out():
    assert query_words("nb", "Hvordan gir jeg samtykke?") == ["gir", "samtykke"]
    assert query_words("nn", "korleis gir eg samtykke") == ["gir", "samtykke"]
    assert query_words("en", "how do I print") == ["print"]
    assert query_words("nb", "hva") == ["hva"]  # nothing else: keep it


@pytest.mark.parametrize(
    ("lang", "query", "first"),
    [
        ("nb", "samtykke", "family"),
        ("nn", "samtykke", "family"),
        ("en", "consent", "family"),
        ("nb", "samty", "family"),
        ("nb", "Trekke tilbake samtykket", "family"),
        ("nb", "møtemodus", "meeting_mode"),
        ("nb", "motemodus", "meeting_mode"),  # typed without ø
        ("nn", "storskjerm", "meeting_mode"),
        ("nb", "skriv ut pdf", "print_log"),
        ("en", "print", "print_log"),
        ("nb", "CSV", "admin"),
        ("nb", "fødselsnummer rette", "admin"),
        ("nb", "fodselsnummer rette", "admin"),
        ("nb", "kalender abonnere", "calendar"),
        ("nn", "varsel telefonen", "notification_settings"),
        ("en", "baton", "my_logs"),
        ("nb", "lysglimt", "plan"),
        ("nb", "BankID", "sign_in"),
    ],
)
def test_search_finds_the_page_that_answers(lang, query, first):
    hits = search(lang, query)
    assert hits and hits[0].key == first, [(hit.key, hit.score) for hit in hits]


def test_search_ranks_and_shows_a_snippet_around_the_word():
    hits = search("nb", "samtykke")
    assert len(hits) > 2 and [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    family = hits[0]
    assert family.title == "Planen vår"
    assert family.hit.lower() == "samtykke" or family.hit.lower().startswith("samtykke")
    assert len(family.before) <= 62 and len(family.after) <= 122
    assert f"{family.before}{family.hit}{family.after}".strip("…") in plain_text(help_page("nb", "family").body)


def test_pages_matching_more_words_come_first():
    hits = search("nb", "evaluering møtemodus")
    assert hits[0].key == "meeting_mode"  # the one page with both words, before pages with many evaluations


def test_no_hits_and_empty_queries():
    assert search("nb", "kryptovaluta") == []
    assert search("nb", "") == []
    assert search("nb", "  ,.!  ") == []
    assert len(search("nb", "og i er", limit=3)) <= 3


def test_search_stays_in_the_language():
    assert search("en", "samtykke") == []
    assert search("nb", "consent") == []


def test_endings_are_cut_lightly():
    assert stem("sletting") == stem("slettes") == stem("slette") == "slett"
    assert stem("samtykket") == stem("samtykke")
    assert stem("meldingar") == stem("meldinger") == stem("melding")
    assert stem("printing") == stem("printed") == "print"
    assert stem("ny") == "ny" and stem("alle") == "alle"  # too short to cut
    assert match_weight("forstaelse", "forståelse") > match_weight("slette", "sletting") > match_weight("sam", "samt")


def test_a_word_in_another_form_finds_the_page():
    assert search("nb", "sletting")[0].key in {"family", "leader"}
    assert {"family", "leader"} <= {hit.key for hit in search("nb", "slette")[:3]}
