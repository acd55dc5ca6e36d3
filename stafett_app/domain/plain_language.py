"""Plain-language check for what staff write to families, in bokmål and nynorsk.

It points out, never blocks. Six rules:

* impersonal_man: the pronoun "man" ("man bør ringe"), and the impersonal "ein"/"en" where the
  next or previous word shows it is a pronoun and not an article ("tek ein kontakt", "når en ikke vet").
* vague_time: set phrases and bureaucratic adverbs that leave open when or how often
  ("snarest", "etter hvert", "ved behov", "på sikt", "fortløpende", "jevnlig" ...). Everyday words
  such as "snart", "ofte" and "av og til" are left alone; "etter hvert som" is a condition, not a time.
* abbreviation: known abbreviations, with the full words in the text's language ("f.eks." ->
  "for eksempel" / "til dømes"), and any other ALL-CAPS word of 2-5 letters not on an allow-list.
* passive_s: the s-passive ("det ringes", "saken følges opp", "skal vurderast"), but not deponent
  verbs ("synes", "trivst", "lykkes", "finst"), reciprocal use ("vi møtes", "vi ses"), names
  ("Agnes", "Jonas"), possessives and genitives ("hennes", "elevenes") or superlatives ("lettast").
* long_sentence: a sentence of more than 20 words. A line break ends a sentence (lists).
* goal_not_present (goals only): "skal", "vil", "bør", "må", "kommer til å" ... in the main clause,
  an opening "Å ...", or a goal that is only a noun phrase ("Økt oppmøte").

Standard library only, one pass over the text per rule group; a few hundred microseconds for a
2000-character text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

LONG_SENTENCE_WORDS = 20
SMART_MAX_WORDS = 25


class Rule(StrEnum):
    IMPERSONAL_MAN = "impersonal_man"
    VAGUE_TIME = "vague_time"
    ABBREVIATION = "abbreviation"
    PASSIVE_S = "passive_s"
    LONG_SENTENCE = "long_sentence"
    GOAL_NOT_PRESENT = "goal_not_present"


class Kind(StrEnum):
    CONCERN = "concern"
    GOAL = "goal"
    MEASURE = "measure"
    COMMENT = "comment"
    MESSAGE = "message"


@dataclass(frozen=True)
class Finding:
    rule: Rule
    start: int  # character offset in the text
    end: int
    excerpt: str  # text[start:end]
    suggestion: str  # the full words of an abbreviation, in the text's language; otherwise ""


@dataclass(frozen=True)
class SmartItem:
    key: str  # specific, measurable, accepted, realistic, time_bound, simple
    hint_met: bool | None  # a guess from the text; None where the text cannot tell


# --- tokens ---------------------------------------------------------------------------------------

_L = "A-Za-zÆØÅæøåÀ-ÖØ-öø-ÿ"  # letters, with accented Latin ones (é, ü, ô ...)
_UPPER = "A-ZÆØÅ"
# One "word": a dotted abbreviation (f.eks, bl.a), a word with inner hyphens or apostrophes
# (PP-tjenesten, barne-), or a number with inner separators (08.15, 3,5).
_TOKEN = re.compile(rf"[{_L}]+(?:\.[{_L}]+)+\.?|[{_L}]+(?:[-'’][{_L}]+)*-?|\d+(?:[.,:]\d+)*")

# --- vague time -----------------------------------------------------------------------------------

VAGUE_TIME = [
    # bokmål
    "snarest", "snarest mulig", "snarest råd", "så snart som mulig", "så fort som mulig", "så raskt som mulig",
    "etter hvert", "i rimelig omfang", "i den grad det er mulig", "så langt det er mulig",
    "så langt det lar seg gjøre", "innen rimelig tid", "ved behov", "etter behov", "om nødvendig",
    "hvis nødvendig", "dersom nødvendig", "på sikt", "fortløpende", "om mulig", "hvis mulig", "dersom mulig",
    "etter nærmere avtale", "med det første", "om kort tid", "innen kort tid", "i løpet av kort tid",
    "på et senere tidspunkt", "i nær fremtid", "i nær framtid", "inntil videre", "jevnlig", "jevnlige",
    "regelmessig", "regelmessige", "med jevne mellomrom", "ved jevne mellomrom", "ved anledning",
    "når det passer", "i tiden fremover", "i tiden framover",
    # nynorsk
    "snarast", "snarast mogleg", "snarast råd", "så snart som mogleg", "så fort som mogleg",
    "så raskt som mogleg", "etter kvart", "i rimeleg omfang", "i den grad det er mogleg",
    "så langt det er mogleg", "så langt det let seg gjere", "innan rimeleg tid", "om naudsynt",
    "viss naudsynt", "dersom naudsynt", "fortløpande", "om mogleg", "viss mogleg", "dersom mogleg",
    "etter nærare avtale", "innan kort tid", "på eit seinare tidspunkt", "inntil vidare", "jamleg", "jamlege",
    "med jamne mellomrom", "ved jamne mellomrom", "ved høve", "i tida framover",
]
_VAGUE = re.compile(
    rf"(?<![{_L}\d])("
    + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(VAGUE_TIME), key=len, reverse=True))
    + rf")(?![{_L}\d])(?!\s+som\b)",
    re.IGNORECASE,
)
# "etter hvert som Emma blir tryggere" is a condition; "snarest" is vague however it goes on.
_CONDITION_OK = {"etter hvert", "etter kvart"}

# --- abbreviations --------------------------------------------------------------------------------

# Upper-case acronyms -> (bokmål, nynorsk).
ACRONYMS: dict[str, tuple[str, str]] = {
    "PPT": ("pedagogisk-psykologisk tjeneste", "pedagogisk-psykologisk teneste"),
    "BUP": ("barne- og ungdomspsykiatrisk poliklinikk", "barne- og ungdomspsykiatrisk poliklinikk"),
    "ABUP": ("akuttenheten ved barne- og ungdomspsykiatrisk poliklinikk",
             "akutteininga ved barne- og ungdomspsykiatrisk poliklinikk"),
    "IOP": ("individuell opplæringsplan", "individuell opplæringsplan"),
    "IP": ("individuell plan", "individuell plan"),
    "BTI": ("bedre tverrfaglig innsats", "betre tverrfagleg innsats"),
    "SFO": ("skolefritidsordning", "skulefritidsordning"),
    "AKS": ("aktivitetsskolen", "aktivitetsskulen"),
    "BVT": ("barnevernet", "barnevernet"),
    "DPS": ("distriktspsykiatrisk senter", "distriktspsykiatrisk senter"),
    "FAU": ("foreldrerådets arbeidsutvalg", "foreldrerådet sitt arbeidsutval"),
    "ASK": ("alternativ og supplerende kommunikasjon", "alternativ og supplerande kommunikasjon"),
    "HFK": ("hjemme-fra-kontakt", "heime-frå-kontakt"),
    "NB": ("merk", "merk"),
    "OBS": ("merk", "merk"),
}
# Acronyms that are the everyday name of the thing.
ALLOWED_CAPITALS = {"NAV", "ADHD", "ADD", "TV", "PC", "SMS", "OK", "ID", "EU", "FN", "USA", "NRK", "PDF", "KRLE"}
# Ordinary words someone may write in capitals for emphasis.
SHOUTED_WORDS = {
    "IKKE", "IKKJE", "HUSK", "MÅ", "SKAL", "ALLE", "ALLTID", "ALDRI", "KUN", "BARE", "BERRE", "NÅ", "NO", "JA",
    "NEI", "OG", "ER", "DET", "HER", "MEG", "DEG", "SEG", "INGEN", "MYE", "MYKJE", "GODT", "BRA", "FINT", "LES",
    "VIKTIG", "MERK", "HEI", "TAKK",
}
_COMPOUND_ACRONYM = {
    "pp-tjenesten": "pedagogisk-psykologisk tjeneste", "pp-tjeneste": "pedagogisk-psykologisk tjeneste",
    "pp-tenesta": "pedagogisk-psykologisk teneste", "pp-teneste": "pedagogisk-psykologisk teneste",
}

# Lower-case abbreviations, written as the dotted standard form -> (bokmål, nynorsk).
DOTTED: dict[str, tuple[str, str]] = {
    "f.eks.": ("for eksempel", "til dømes"),
    "t.d.": ("for eksempel", "til dømes"),
    "ca.": ("omtrent", "omtrent"),
    "osv.": ("og så videre", "og så vidare"),
    "o.l.": ("og lignende", "og liknande"),
    "bl.a.": ("blant annet", "mellom anna"),
    "m.a.": ("blant annet", "mellom anna"),
    "evt.": ("eventuelt", "eventuelt"),
    "ev.": ("eventuelt", "eventuelt"),
    "iht.": ("i henhold til", "i samsvar med"),
    "mht.": ("med hensyn til", "med omsyn til"),
    "dvs.": ("det vil si", "det vil seie"),
    "mtp.": ("med tanke på", "med tanke på"),
    "pga.": ("på grunn av", "på grunn av"),
    "kl.": ("klokka", "klokka"),
    "ift.": ("i forhold til", "i forhold til"),
    "vha.": ("ved hjelp av", "ved hjelp av"),
    "ifm.": ("i forbindelse med", "i samband med"),
    "iflg.": ("ifølge", "ifølgje"),
    "ang.": ("angående", "angåande"),
    "vedr.": ("om", "om"),
    "jf.": ("se også", "sjå også"),
    "jfr.": ("se også", "sjå også"),
    "etc.": ("og så videre", "og så vidare"),
    "m.m.": ("med mer", "med meir"),
    "m.fl.": ("med flere", "med fleire"),
    "f.o.m.": ("fra og med", "frå og med"),
    "t.o.m.": ("til og med", "til og med"),
    "nr.": ("nummer", "nummer"),
    "tlf.": ("telefon", "telefon"),
    "mnd.": ("måned", "månad"),
    "spes.ped.": ("spesialpedagogisk", "spesialpedagogisk"),
    "mvh": ("med vennlig hilsen", "med venleg helsing"),
    "man.": ("mandag", "måndag"),
    "tir.": ("tirsdag", "tysdag"),
    "tirs.": ("tirsdag", "tysdag"),
    "ons.": ("onsdag", "onsdag"),
    "tor.": ("torsdag", "torsdag"),
    "tors.": ("torsdag", "torsdag"),
    "fre.": ("fredag", "fredag"),
    "lør.": ("lørdag", "laurdag"),
    "søn.": ("søndag", "sundag"),
}
# Abbreviations that are also read without their dots ("pga", "osv", "f.eks").
_DOT_OPTIONAL = {"f.eks.", "t.d.", "ca.", "osv.", "bl.a.", "m.a.", "evt.", "iht.", "mht.", "dvs.", "mtp.", "pga.",
                 "ift.", "vha.", "ifm.", "iflg.", "etc.", "tlf.", "mnd.", "f.o.m.", "t.o.m.", "mvh"}
_WEEKDAYS = {"man.", "tir.", "tirs.", "ons.", "tor.", "tors.", "fre.", "lør.", "søn."}
# Abbreviations that may close a sentence ("matpakke, gymtøy osv. Emma ...").
_SENTENCE_FINAL = {"osv.", "o.l.", "etc.", "m.m.", "m.fl.", "mnd.", "mvh"}


def _dotted_pattern(key: str) -> str:
    parts = [re.escape(p) for p in key.rstrip(".").split(".")]
    if key in _WEEKDAYS:
        # "man.–fre.", "tirs. og tors.", "ons. 12.3.": a weekday only before a dash, "og", a list or a date.
        return rf"(?<=[-–—/]){parts[0]}\.|{parts[0]}\.(?=\s*(?:[-–—/,]|og\b|\d)|[-–—])"
    body = r"\.\s?".join(parts)
    if key == "kl.":
        return body + r"(?:\.|(?=\s*\d))"
    if key.endswith(".") and key not in _DOT_OPTIONAL:
        return body + r"\."
    if "." in key.rstrip("."):
        return body + r"\.?"
    return body + r"\.?" if key.endswith(".") else body


_DOTTED = re.compile(
    rf"(?<![{_L}\d.])(?:"
    + "|".join(f"(?P<a{i}>{_dotted_pattern(k)})" for i, k in enumerate(DOTTED))
    + rf")(?![{_L}\d])",
    re.IGNORECASE,
)
_DOTTED_KEYS = list(DOTTED)
_ACRONYM = re.compile(rf"(?<![{_L}\d])[{_UPPER}]{{2,5}}(?![{_L}\d])|(?<![{_L}\d])[{_UPPER}]{{2,5}}(?=s(?![{_L}\d]))")
_PP_COMPOUND = re.compile(rf"(?<![{_L}])PP-(?:tjenesten|tjeneste|tenesta|teneste)(?![{_L}])", re.IGNORECASE)

# --- language -------------------------------------------------------------------------------------

# Words only one of the two written standards uses. Ties go to bokmål.
NYNORSK_MARKERS = {
    "ikkje", "eg", "kva", "korleis", "kvifor", "kven", "frå", "heime", "heim", "mogleg", "dei", "vere", "skule",
    "skulen", "kvar", "gjer", "meir", "berre", "saman", "vert", "seie", "seier", "heile", "eit", "ein", "ho", "òg",
    "kjem", "veke", "veka", "veker", "saka", "sjølv", "t.d.", "m.a.", "noko", "nokon", "mykje", "då", "enno",
    "synest", "trivst", "tek", "gong", "dykk", "hjå", "ynskjer", "ønskjer", "treng", "fleire", "korleis", "kven",
    "nokre", "difor", }
BOKMAAL_MARKERS = {
    "ikke", "jeg", "hva", "hvordan", "hvorfor", "hvem", "fra", "hjemme", "hjem", "mulig", "være", "skolen", "skole",
    "hver", "gjør", "mer", "bare", "sammen", "hele", "en", "hun", "kommer", "uka", "uker", "saken", "selv",
    "f.eks.", "bl.a.", "noe", "noen", "mye", "da", "ennå", "synes", "trives", "gang", "dere", "ønsker", "trenger",
    "flere", "derfor",
}


# --- s-passive ------------------------------------------------------------------------------------

MODALS = {"skal", "kan", "må", "bør", "vil", "skulle", "kunne", "måtte", "burde", "ville", "ska", "treng", "trenger",
          "trengte", "får", "fekk", "fikk"}
# Words that may stand between a modal and the passive infinitive ("skal ikkje sendast").
_MIDDLE_WORDS = {"ikke", "ikkje", "også", "òg", "og", "bare", "berre", "alltid", "aldri", "kanskje", "gjerne",
                 "straks", "heller", "helst", "snart", "først", "fyrst", "likevel", "derfor", "difor", "da", "då",
                 "nok", "no", "nå", "raskt", "videre", "vidare", "etter", "ofte"}
# Deponent verbs: -s forms that are not passive.
DEPONENTS = {
    "synes", "syns", "synest", "synast", "finnes", "fins", "finst", "finnast", "trives", "trivs", "trivst",
    "trivast", "lykkes", "lukkast", "lykkast", "mislykkes", "mislukkast", "minnes", "minnast", "kjennes",
    "kjennast", "føles", "følast", "høres", "høyrest", "høyrast", "slåss", "slåst", "nøyes", "nøyast", "lenges",
    "lengtast", "kjedes", "kjedast", "svettes", "sveittast", "undres", "undrast", "omgås", "omgåast", "eldes",
    "eldast", "ferdes", "ferdast", "skjemmes", "skjemmast", "andes", "andast", "spørs", "trengs", "trengst",
    "møtes", "møtast", "møtest", "vantrives", "vantrivst", "mistrives", "mistrivst", "kjennest",
    "enes", "einast", "skilles", "skiljast", "synst", "tykkjest", "tykkjast", "trengast", "dugast", "fortes",
    "skjønnes", "låtes", "latast",
}
# Reciprocal verbs: "vi ses", "de følges til skolen" are not passive; "det ses en bedring" is.
RECIPROCAL = {"ses", "sees", "sjåast", "treffes", "treffast", "følges", "følgjast", "snakkes", "snakkast",
              "krangles", "kranglast", "klemmes", "hjelpes", "hjelpast", "skrives", "skrivast", "høres"}
_PLURAL_SUBJECTS = {"vi", "me", "dere", "de", "dei", "dykk", "begge", "alle", "to", "tre"}
# Words ending in -es/-ast that are not verbs at all.
NOT_VERBS = {
    "hennes", "deres", "andres", "alles", "hverandres", "kvarandres", "våres", "dines", "mines", "sines", "hvems",
    "hjemmes", "heimes", "annerledes", "forgjeves", "likeledes", "fremdeles", "forbausende", "sammes", "times", "ukes", "jentes",
    "kvinnes", "diabetes", "herpes", "moses", "ines", "agnes", "hannes", "johannes", "mercedes", "dolores",
    "lourdes", "charles", "james", "jules", "andres", "yes", "tes", "kakes", "ens", "des", "pres", "ekspres",
    "fast", "kast", "last", "hast", "utkast", "kontrast", "podkast", "ballast", "entusiast", "gymnast", "fantast",
    "forekast", "omkast", "bast", "mast", "rast", "kvast", "prast", "gast", "gjest", "sist", "mest",
    # superlatives in -ast
    "oftast", "seinast", "tidlegast", "snarast", "lettast", "raskast", "tryggast", "kjekkast", "enklast",
    "vanskelegast", "sjeldnast", "fortast", "gladast", "nærast", "fjernast", "lengst", "sterkast", "svakast",
    "finast", "klarast", "sikrast", "viktigast", "roligast", "rolegast", "lågast", "høgast", "eldst", "yngst",
    "minst", "vakrast", "varmast", "kaldast", "tyngst", "stillast", "triveligast", "trivelegast", "mjukast",
    "nyast", "gamlast", "beinast", "kortast", "rettast", "strengast", "lausast", "tettast", "fastast",
}
# Passive forms that the endings alone would not catch, or that should be caught anywhere.
KNOWN_PASSIVE = {
    "tas", "gis", "fås", "nås", "slås", "bes", "sees", "ses", "spørres",
    "avholdes", "avhaldast", "gjennomføres", "gjennomførast", "vurderes", "vurderast", "følges", "følgjast",
    "ringes", "ringjast", "sendes", "sendast", "innkalles", "innkallast", "kalles", "kallast", "kartlegges",
    "kartleggjast", "iverksettes", "iverksetjast", "evalueres", "evaluerast", "gjøres", "gjerast", "meldes",
    "meldast", "drøftes", "drøftast", "undersøkes", "undersøkjast", "henvises", "tilvisast", "tilrettelegges",
    "leggjast", "legges", "observeres", "observerast", "etableres", "etablerast", "avklares", "avklarast",
    "takast", "givast", "gjevast", "brukes", "brukast", "bedast", "forventes", "forventast", "oppfordres",
    "oppmodast", "informeres", "informerast", "vektlegges", "vektleggjast", "prioriteres", "prioriterast",
    "kontaktes", "kontaktast", "sjekkes", "sjekkast", "fjernes", "fjernast", "menes", "meinast", "tegnes",
    "regnes", "reknast", "åpnes", "opnast", "lånes", "lånast", "vises", "visast", "hentes", "hentast",
    "tilbys", "tilbodast", "avlyses", "avlysast", "justeres", "justerast", "nevnes", "nemnast", "sees",
    "gjennomgås", "gjennomgåast", "nås", "nåast", "sjåast", "fåast", "gåast", "tilkalles", "varsles",
    "varslast", "dokumenteres", "dokumenterast", "loggføres", "loggførast", "skrives", "skrivast", "leses",
    "lesast", "utredes", "utgreiast", "søkes", "søkjast", "innhentes", "innhentast", "tilpasses", "tilpassast",
    "ordnes", "ordnast", "planlegges", "planleggjast", "tilsettes", "tilsetjast", "bekreftes", "stadfestast",
}
_ES_EXCLUDED_ENDINGS = ("ss", "ies", "enes", "ernes")
# Personal names ending in -s are capitalised; these are only told apart at the start of a sentence.
_NAMES = {"agnes", "ines", "moses", "hannes", "johannes", "mercedes", "dolores", "lourdes", "charles", "james",
          "jules", "andres", "jonas", "tobias", "elias", "lucas", "lukas", "mathias", "matias", "andreas",
          "thomas", "tomas", "nikolas", "klaus", "marius", "julius", "linus", "magnus", "markus", "marcus",
          "aksel", "iris", "doris", "alis", "denis", "chris", "lars", "nils", "hans", "jens", "mons", "ares"}
_ARTICLES = {"en", "ei", "et", "ein", "eit", "min", "mi", "mitt", "din", "sin", "sitt", "vår", "vårt", "denne"}

# --- impersonal ein/en ----------------------------------------------------------------------------

_PRONOUN_NEXT = {
    "bør", "må", "kan", "skal", "vil", "burde", "kunne", "skulle", "ville", "måtte", "får", "ser", "har", "tek",
    "tar", "gjer", "gjør", "seier", "sier", "veit", "vet", "trur", "tror", "kjem", "kommer", "opplever", "merkar",
    "merker", "blir", "vert", "er", "treng", "trenger", "hadde", "fekk", "fikk", "ikkje", "ikke", "alltid",
    "aldri", "berre", "bare", "òg", "også", "sjølv", "selv", "snakkar", "snakker", "prøver", "prøvar", "forstår",
    "skjønar", "skjønner", "kjenner", "føler", "høyrer", "hører", "skriv", "skriver", "ringer", "ringjer", "går",
    "står", "sit", "sitter",
}
_INFINITIVE_SHORT = {"sjå", "se", "ta", "gå", "få", "be", "gje", "gi", "la", "nå", "tru", "tro", "dra", "slå",
                     "stå", "bu", "bo", "snu", "spø", "vite", "ha"}
_PRONOUN_SUBJECTS = {"vi", "me", "eg", "jeg", "du", "han", "hun", "ho", "hen", "de", "dei", "dere", "dykk", "det",
                     "den"}
# Nouns in -e/-a that can follow "kan ein" as an object ("Emma kan ein regle").
_NOUNS_IN_EA = {"samtale", "avtale", "time", "uke", "veke", "runde", "pause", "liste", "stund", "prøve", "regle",
                "tavle", "periode", "måte", "side", "klasse", "gruppe", "ide", "idé", "sløyfe", "sang", "vise"}
_MODAL_BEFORE_PRONOUN = {"bør", "må", "kan", "skal", "vil", "burde", "kunne", "skulle", "ville", "måtte"}

# --- goals ----------------------------------------------------------------------------------------

_GOAL_MODALS = {"skal", "vil", "bør", "må", "skulle", "ville", "burde", "måtte", "ska"}
_SUBORDINATORS = {"hva", "kva", "hvem", "kven", "som", "når", "hvis", "viss", "dersom", "fordi", "sidan", "siden",
                  "mens", "medan", "hvor", "hvordan", "korleis", "hvorfor", "kvifor"}
# Prepositions and adverbs that open a clause only before a subject: "om hun vil", "før Emma legg seg".
_MAYBE_SUBORDINATORS = {"om", "før", "etter", "til", "så", "slik", "der", "enn", "kor", "uten", "utan"}
# A goal that opens with one of these and has no verb is a wish, not a state: "Økt oppmøte".
_NOMINAL_GOAL_OPENERS = {"økt", "økte", "auka", "auke", "bedre", "betre", "redusert", "reduserte", "mindre", "mer",
                         "meir", "færre", "fleire", "flere", "høyere", "høgare", "styrket", "styrka", "bedret",
                         "betra", "forbedret", "forbetra", "stabilt", "stabil", "trygg", "tryggere", "tryggare",
                         "god", "godt", "gode", "mest", "mindre"}
_COMMON_VERBS = {"er", "har", "kommer", "kjem", "får", "gjør", "gjer", "går", "sier", "seier", "spiser", "et", "leser",
                 "les", "sover", "søv", "deltar", "deltek", "møter", "blir", "vert", "bruker", "brukar", "gir", "gjev",
                 "tar", "tek", "ser", "ber", "kan", "vet", "veit", "føler", "kjenner", "opplever", "viser", "syns",
                 "synes", "synest", "trives", "trivst", "klarer", "klarar", "mestrer", "meistrar", "leker", "leikar"}


def check(text: str, kind: Kind = Kind.COMMENT) -> list[Finding]:
    """Every finding in the text, sorted by start offset."""
    if not text or not text.strip():
        return []
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    lowered = [t.lower() for t, _, _ in tokens]
    nynorsk = _nynorsk_score(lowered) > 0
    findings: list[Finding] = []

    def add(rule: Rule, start: int, end: int, suggestion: str = "") -> None:
        findings.append(Finding(rule, start, end, text[start:end], suggestion))

    for match in _VAGUE.finditer(text):
        add(Rule.VAGUE_TIME, match.start(), match.end())
    abbreviation_ends = _abbreviations(text, nynorsk, add)
    sentences = _sentence_tokens(text, tokens, abbreviation_ends)
    first_tokens = {first for first, _last, _end in sentences if first is not None}
    _man_and_passive(text, tokens, lowered, first_tokens, abbreviation_ends, add)
    for first, last, end in sentences:
        if first is not None and last - first + 1 > LONG_SENTENCE_WORDS:
            add(Rule.LONG_SENTENCE, tokens[first][1], end)
    if kind == Kind.GOAL:
        _goal(text, tokens, lowered, sentences, add)
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


def _nynorsk_score(lowered: list[str]) -> int:
    return sum((w in NYNORSK_MARKERS) - (w in BOKMAAL_MARKERS) for w in lowered)


def is_nynorsk(text: str) -> bool:
    """A guess from marker words ("ikkje", "kva", "heime" against "ikke", "hva", "hjemme"); ties go to bokmål."""
    return _nynorsk_score([m.group().lower() for m in _TOKEN.finditer(text)]) > 0


def _abbreviations(text: str, nynorsk: bool, add) -> dict[int, str]:
    """Adds the abbreviation findings; returns {end offset of a dotted abbreviation: its key}."""
    ends: dict[int, str] = {}
    taken: list[tuple[int, int]] = []
    for match in _PP_COMPOUND.finditer(text):
        add(Rule.ABBREVIATION, match.start(), match.end(), _COMPOUND_ACRONYM.get(match.group().lower(), ""))
        taken.append((match.start(), match.end()))
    for match in _DOTTED.finditer(text):
        key = _DOTTED_KEYS[int(match.lastgroup[1:])]
        full = DOTTED[key]
        add(Rule.ABBREVIATION, match.start(), match.end(), full[1] if nynorsk else full[0])
        ends[match.end()] = key
    for match in _ACRONYM.finditer(text):
        acronym = match.group()
        if acronym in ALLOWED_CAPITALS or acronym in SHOUTED_WORDS:
            continue
        if any(s <= match.start() < e for s, e in taken) or _in_capitals_run(text, match.start(), match.end()):
            continue
        full = ACRONYMS.get(acronym)
        add(Rule.ABBREVIATION, match.start(), match.end(), (full[1] if nynorsk else full[0]) if full else "")
    return ends


def _in_capitals_run(text: str, start: int, end: int) -> bool:
    """Part of a heading or a phrase shouted in capitals ("IKKE GLEM GYMTØY")."""
    before = text[max(0, start - 12):start].split()
    after = text[end:end + 12].split()
    for word in before[-1:] + after[:1]:
        word = word.strip(".,:;!?()«»\"")
        if len(word) >= 2 and word.isalpha() and word.isupper() and word not in ALLOWED_CAPITALS \
                and word not in ACRONYMS:
            return True
    return False


_BOUNDARY = re.compile(r"[.!?…]+[\"»”')\]]*(?=\s|$)|\n")


def _sentence_tokens(text: str, tokens, abbreviation_ends: dict[int, str]) -> list[tuple[int | None, int, int]]:
    """(index of first token, index of last token, end offset) per sentence. A line break ends a
    sentence; the dots of abbreviations, ordinals and times don't ("kl. 14", "3. klasse")."""
    ends = []
    for match in _BOUNDARY.finditer(text):
        mark = match.group()
        if mark[0] == ".":
            following = text[match.end():match.end() + 3].lstrip(" \t")
            if following and (following[0].islower() or following[0].isdigit()):
                continue
            key = abbreviation_ends.get(match.start() + 1)
            if key is not None and key not in _SENTENCE_FINAL and following:
                continue  # "f.eks. Emma"
        ends.append(match.end())
    ends.append(len(text))
    result = []
    index = 0
    count = len(tokens)
    for end in ends:
        first = index
        while index < count and tokens[index][1] < end:
            index += 1
        if index > first:
            result.append((first, index - 1, end))
    return result


def _man_and_passive(text, tokens, lowered, first_tokens, abbreviation_ends, add) -> None:
    for i, (token, start, end) in enumerate(tokens):
        lower = lowered[i]
        if lower == "man":
            if not (end + 1 in abbreviation_ends and abbreviation_ends[end + 1] == "man."):
                add(Rule.IMPERSONAL_MAN, start, end)
        elif lower == "ein" or lower == "en":
            if _is_impersonal_one(lowered, i):
                add(Rule.IMPERSONAL_MAN, start, end)
        elif lower[-1] in "st" and _is_passive(token, lower, lowered, i, i in first_tokens):
            add(Rule.PASSIVE_S, start, end)


def _is_impersonal_one(lowered: list[str], i: int) -> bool:
    """"ein"/"en" as a pronoun ("når ein ser", "tek ein kontakt"), not as an article or number."""
    following = lowered[i + 1] if i + 1 < len(lowered) else ""
    previous = lowered[i - 1] if i else ""
    if following in _PRONOUN_NEXT:
        return True
    if previous in ("tek", "tar", "tok") and following == "kontakt":
        return True
    if previous in _MODAL_BEFORE_PRONOUN and (i < 2 or lowered[i - 2] not in _PRONOUN_SUBJECTS):
        # inverted word order: "Då kan ein sjå ...", "Her må en huske ..."
        return following in _INFINITIVE_SHORT or (
            len(following) > 3 and following[-1] in "ea" and following not in _NOUNS_IN_EA)
    return False


def _is_passive(token: str, lower: str, lowered: list[str], i: int, opens_sentence: bool) -> bool:
    if len(lower) < 3 or lower in DEPONENTS or lower in NOT_VERBS:
        return False
    if token[0].isupper() and (not opens_sentence or lower in _NAMES or token.isupper()):
        return False  # a name (Agnes, Jonas); note style may open with a verb ("Vurderes i mars.")
    previous = lowered[i - 1] if i else ""
    if lower in RECIPROCAL and previous in _PLURAL_SUBJECTS:
        return False  # "vi ses", "de følges til skolen"
    if lower in KNOWN_PASSIVE:
        return True
    if lower.endswith("es"):
        if len(lower) < 5 or lower.endswith(_ES_EXCLUDED_ENDINGS) or "-" in lower or "'" in lower:
            return False
        return previous not in _ARTICLES  # "en times samtale"
    if lower.endswith("ast") and len(lower) >= 6:
        # nynorsk s-passive follows a modal ("skal sendast"); -ast is otherwise a superlative
        return lower.endswith("erast") or _after_modal(lowered, i)
    return False


def _after_modal(lowered: list[str], i: int) -> bool:
    j = i - 1
    while j >= 0 and i - j <= 3:
        word = lowered[j]
        if word in MODALS:
            return True
        if word not in _MIDDLE_WORDS:
            return False
        j -= 1
    return False


def _goal(text, tokens, lowered, sentences, add) -> None:
    for first, last, end in sentences:
        if first is None:
            continue
        opener = lowered[first]
        if opener == "å":
            add(Rule.GOAL_NOT_PRESENT, tokens[first][1], tokens[first][2])
            continue
        words = lowered[first:last + 1]
        if opener in _NOMINAL_GOAL_OPENERS and not any(w in _COMMON_VERBS or w in _GOAL_MODALS for w in words):
            add(Rule.GOAL_NOT_PRESENT, tokens[first][1], tokens[first][2])  # "Økt oppmøte på skolen."
            continue
        if len(words) > 2 and words[0] in ("målet", "målsettingen", "målsetjinga") and words[1] == "er" \
                and words[2] == "å":
            add(Rule.GOAL_NOT_PRESENT, tokens[first + 2][1], tokens[first + 2][2])  # "Målet er å ..."
            continue
        subordinate = False
        for i in range(first, last + 1):
            word = lowered[i]
            if i > first and any(c in ",;:" for c in text[tokens[i - 1][2]:tokens[i][1]]):
                subordinate = False  # a new clause
            if word in _SUBORDINATORS or (word in _MAYBE_SUBORDINATORS and _clause_follows(tokens, lowered, i)):
                subordinate = True  # "når han vil ha noe", "sier hva hun vil"
            elif word in _GOAL_MODALS and not subordinate:
                add(Rule.GOAL_NOT_PRESENT, tokens[i][1], tokens[i][2])
            elif word in ("kommer", "kjem") and not subordinate and lowered[i + 1:i + 3] == ["til", "å"]:
                add(Rule.GOAL_NOT_PRESENT, tokens[i][1], tokens[i + 2][2])


def _clause_follows(tokens, lowered, i) -> bool:
    """"om hun vil", "før Emma legg seg", "slik at": a preposition or adverb that opens a clause."""
    if i + 1 >= len(lowered):
        return False
    following = lowered[i + 1]
    return following in _PRONOUN_SUBJECTS or following == "at" or (
        tokens[i + 1][0][0].isupper() and not tokens[i + 1][0].isupper())


# --- SMART ----------------------------------------------------------------------------------------

_NUMBER_OR_FREQUENCY = re.compile(
    rf"\d|(?<![{_L}])(?:hver|hvert|kvar|kvart|annenhver|annakvar|alle|minst|høyst|høgst|maks|maksimalt|"
    r"ganger|gonger|gang|gong|per|pr\.|klokka|klokken|kl\.|daglig|dagleg|ukentlig|vekentleg|ingen|"
    r"to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tjue|halv|halvparten|prosent|"
    r"mandag|mandager|måndag|måndagar|tirsdag|tirsdager|tysdag|tysdagar|onsdag|onsdager|onsdagar|torsdag|"
    rf"torsdager|torsdagar|fredag|fredager|fredagar|lørdag|laurdag|søndag|sundag)(?![{_L}])",
    re.IGNORECASE,
)
_TIME_BOUND = re.compile(
    rf"\d{{1,2}}\.\s?\d{{1,2}}\.|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\b(?:19|20)\d\d\b|\d{{1,2}}\.\s+[a-zæøå]+|"
    rf"(?<![{_L}])(?:innen|innan|fram til|frem til|til og med|ut|før|etter|til|i løpet av)\s+"
    r"(?:jul|jula|påske|påska|sommeren|sommaren|ferien|sommerferien|sommarferien|vinterferien|høstferien|"
    r"haustferien|juleferien|påskeferien|nyttår|skoleslutt|skuleslutt|skoleåret|skuleåret|semesteret|"
    r"januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|neste|uke|veke|"
    r"mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|\d)|"
    rf"(?<![{_L}])(?:innen|innan|klokka|klokken|kl\.|januar|februar|mars|april|mai|juni|juli|august|"
    r"september|oktober|november|desember|mandag|mandager|måndag|måndagar|tirsdag|tirsdager|tysdag|tysdagar|"
    r"onsdag|onsdager|onsdagar|torsdag|torsdager|torsdagar|fredag|fredager|fredagar|lørdag|laurdag|søndag|"
    rf"sundag|uke\s+\d+|veke\s+\d+|i\s+høst|i\s+haust|i\s+vår|til\s+sommeren|til\s+sommaren)(?![{_L}])",
    re.IGNORECASE,
)
_NOT_NAMES = {
    "vi", "me", "eg", "jeg", "du", "han", "hun", "ho", "hen", "de", "dei", "dere", "dykk", "det", "den", "dette",
    "denne", "disse", "desse", "målet", "barnet", "eleven", "gutten", "jenta", "foreldrene", "foreldra", "mor",
    "far", "alle", "ingen", "å", "økt", "auka", "bedre", "betre", "mer", "meir", "mindre", "færre", "når", "hvis",
    "viss", "om", "i", "på", "til", "etter", "før", "hver", "kvar", "klassen", "skolen", "skulen", "familien",
}


def smart_checklist(goal_text: str) -> list[SmartItem]:
    """A SMART checklist for a goal, with a guess where the text can tell."""
    words = [m.group() for m in _TOKEN.finditer(goal_text)]
    findings = check(goal_text, Kind.GOAL)
    sentence_starts = {s for s, _ in _sentences(goal_text, {})}
    has_name = False
    for match in _TOKEN.finditer(goal_text):
        word = match.group()
        if len(word) < 2 or not word[0].isupper() or word.isupper() or word.lower() in _NOT_NAMES:
            continue
        opens_sentence = match.start() in sentence_starts or not goal_text[:match.start()].strip()
        if not opens_sentence or len(word) >= 2:
            has_name = True
            break
    simple = (bool(words) and len(words) < SMART_MAX_WORDS
              and not any(f.rule in (Rule.LONG_SENTENCE, Rule.ABBREVIATION) for f in findings))
    return [
        SmartItem("specific", len(words) >= 4 and has_name),
        SmartItem("measurable", bool(_NUMBER_OR_FREQUENCY.search(goal_text))),
        SmartItem("accepted", None),
        SmartItem("realistic", None),
        SmartItem("time_bound", bool(_TIME_BOUND.search(goal_text))),
        SmartItem("simple", simple),
    ]
