"""Plain-language check for what staff write to families, in bokmål and nynorsk.

It points out, never blocks: impersonal "man", vague time words, abbreviations (with the full
words where known), s-passive ("det ringes"), sentences over 20 words, and goals not written in
the present tense. Standard library only; fast enough to run on every pause in typing.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

LONG_SENTENCE_WORDS = 20
ABBREVIATION_LETTERS = range(2, 6)  # ALL-CAPS words of 2-5 letters read as abbreviations
MIN_PASSIVE_LETTERS = 3  # shorter words are never s-passive ("les", "is")
MIN_GUESSED_PASSIVE_LETTERS = 6  # below this, an -es/-ast ending is too often something else
SMART_SPECIFIC_WORDS = 4  # a specific goal names someone and says a little more than that
SMART_SIMPLE_MAX_WORDS = 25


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
    start: int
    end: int
    excerpt: str
    suggestion: str  # the full words of an abbreviation, in the text's language; otherwise ""


@dataclass(frozen=True)
class SmartItem:
    key: str  # specific, measurable, accepted, realistic, time_bound, simple
    hint_met: bool | None  # a guess from the text; None where the text cannot tell


WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜü]+(?:\.[A-Za-zæøå]+)*\.?|\d+")

VAGUE_TIME = [
    "snarest mulig",
    "snarast mogleg",
    "snarest",
    "snarast",
    "etter hvert",
    "etter kvart",
    "i rimelig omfang",
    "i rimeleg omfang",
    "i den grad det er mulig",
    "i den grad det er mogleg",
    "så snart som mulig",
    "så snart som mogleg",
    "så fort som mulig",
    "så fort som mogleg",
    "innen rimelig tid",
    "innan rimeleg tid",
    "ved behov",
    "etter behov",
    "på sikt",
    "fortløpende",
    "fortløpande",
    "om mulig",
    "om mogleg",
    "etter nærmere avtale",
    "etter nærare avtale",
    "med det første",
]
_VAGUE = re.compile(
    r"(?<![\wæøå])(" + "|".join(re.escape(p) for p in sorted(VAGUE_TIME, key=len, reverse=True)) + r")(?![\wæøå])",
    re.IGNORECASE,
)

# Abbreviation -> (bokmål, nynorsk) full words.
ABBREVIATIONS = {
    "PPT": ("pedagogisk-psykologisk tjeneste", "pedagogisk-psykologisk teneste"),
    "BUP": ("barne- og ungdomspsykiatrisk poliklinikk", "barne- og ungdomspsykiatrisk poliklinikk"),
    "IOP": ("individuell opplæringsplan", "individuell opplæringsplan"),
    "IP": ("individuell plan", "individuell plan"),
    "BTI": ("bedre tverrfaglig innsats", "betre tverrfagleg innsats"),
    "SFO": ("skolefritidsordning", "skulefritidsordning"),
    "AKS": ("aktivitetsskolen", "aktivitetsskulen"),
    "f.eks.": ("for eksempel", "til dømes"),
    "t.d.": ("for eksempel", "til dømes"),
    "ca.": ("cirka", "omtrent"),
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
}
ALLOWED_CAPITALS = {"NAV", "ADHD", "TV", "PC", "SMS", "OK", "MINID", "BANKID", "ID", "FAU", "KRLE"}
_LOWER_ABBREVIATIONS = {key.lower(): key for key in ABBREVIATIONS if key.endswith(".")}

MODALS = {"skal", "kan", "må", "bør", "vil", "skulle", "kunne", "måtte", "burde", "ville", "ska"}
# Words before a verb that make a following -es form read as s-passive ("det ringes", "som sendes").
PASSIVE_LEADS = MODALS | {"det", "som", "der", "her", "ikke", "ikkje", "også", "og"}
# Deponent and reciprocal verbs: -s forms that are not passive.
DEPONENTS = {
    "synes",
    "syns",
    "synest",
    "synast",
    "finnes",
    "fins",
    "finst",
    "finnast",
    "trives",
    "trivs",
    "trivst",
    "trivast",
    "lykkes",
    "lukkast",
    "mislykkes",
    "møtes",
    "møtast",
    "minnes",
    "minnast",
    "kjennes",
    "kjennast",
    "føles",
    "høres",
    "slåss",
    "nøyes",
    "lenges",
    "kjedes",
    "svettes",
    "undres",
    "omgås",
    "eldes",
    "ferdes",
    "skjemmes",
    "vises",
    "sees",
    "ses",
}
# Words ending in -es/-s that are not verbs at all.
NOT_VERBS = {
    "hjemmes",
    "heimes",
    "prosess",
    "stress",
    "buss",
    "kurs",
    "mens",
    "siden",
    "sidan",
    "tides",
    "ingenlunde",
    "alles",
    "andres",
    "dagens",
    "ukens",
    "vekas",
    "ens",
    "hvis",
    "kvifor",
    "oss",
    "dels",
    "stundes",
    "morgenes",
    "kveldens",
    "skolens",
    "skulens",
    "barnets",
    "klassens",
}
KNOWN_PASSIVE = {
    "avholdes",
    "avhaldast",
    "gjennomføres",
    "gjennomførast",
    "vurderes",
    "vurderast",
    "følges",
    "følgjast",
    "ringes",
    "sendes",
    "sendast",
    "innkalles",
    "kalles",
    "kartlegges",
    "kartleggjast",
    "iverksettes",
    "evalueres",
    "evaluerast",
    "gjøres",
    "gjerast",
    "meldes",
    "meldast",
    "drøftes",
    "drøftast",
    "undersøkes",
    "undersøkjast",
    "henvises",
    "tilvisast",
    "tilrettelegges",
    "leggjast",
    "observeres",
    "observerast",
    "etableres",
    "etablerast",
    "avklares",
    "avklarast",
    "tas",
    "takast",
    "gis",
    "givast",
    "brukes",
    "brukast",
    "bes",
    "bedast",
    "forventes",
    "forventast",
    "oppfordres",
    "oppmodast",
    "informeres",
    "informerast",
    "vektlegges",
    "prioriteres",
    "prioriterast",
    "kontaktes",
    "kontaktast",
    "sjekkes",
    "sjekkast",
}
FUTURE_MARKERS = re.compile(
    r"(?<![\wæøå])(skal|vil|bør|må|skulle|kommer til å|kjem til å|ska)(?![\wæøå])", re.IGNORECASE
)
# Words only nynorsk has (bokmål writes ikke, jeg, hva, hvordan, fra, hjemme, mulig, de, være ...).
NYNORSK_ONLY = {
    "ikkje",
    "eg",
    "kva",
    "korleis",
    "frå",
    "heime",
    "heim",
    "mogleg",
    "dei",
    "vere",
    "skule",
    "skulen",
    "kvar",
    "gjer",
    "meir",
    "berre",
    "saman",
    "vert",
    "seie",
    "heile",
    "eit",
    "ein",
    "ho",
    "òg",
    "kjem",
    "veke",
    "veka",
    "saka",
    "sjølv",
    "t.d.",
    "m.a.",
    "noko",
    "nokon",
    "mykje",
    "også_nn",
    "kvifor",
    "då",
}
BOKMAAL_ONLY = {"ikke", "hjemme", "hva", "hvordan", "jeg", "fra", "mulig", "være", "skolen", "hun", "noe", "mye"}


def _is_nynorsk(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    return sum(w in NYNORSK_ONLY for w in lowered) > sum(w in BOKMAAL_ONLY for w in lowered)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; dots inside known abbreviations and numbers don't end one."""
    start = 0
    for match in re.finditer(r"[.!?]+(?=\s+|$)", text):
        before = text[max(0, match.start() - 6) : match.end()].lower()
        if any(before.endswith(abbr) for abbr in _LOWER_ABBREVIATIONS) or re.search(r"\d\.$", before):
            continue
        yield start, match.end()
        start = match.end()
    if text[start:].strip():
        yield start, len(text)


def check(text: str, kind: Kind = Kind.COMMENT) -> list[Finding]:
    findings: list[Finding] = []
    tokens = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    nynorsk = _is_nynorsk([t for t, _, _ in tokens])

    def add(rule: Rule, start: int, end: int, suggestion: str = "") -> None:
        findings.append(Finding(rule, start, end, text[start:end], suggestion))

    for match in _VAGUE.finditer(text):
        add(Rule.VAGUE_TIME, match.start(), match.end())

    sentence_starts = {s for s, _ in _sentences(text)}
    previous = ""
    for token, start, _end in tokens:
        lower = token.lower()
        bare = lower.rstrip(".")
        if bare == "man":
            add(Rule.IMPERSONAL_MAN, start, start + 3)
        abbreviation = _abbreviation(token)
        if abbreviation is not None:
            key, full = abbreviation
            add(Rule.ABBREVIATION, start, start + len(key), full[1] if nynorsk else full[0])
        elif (
            token.isupper()
            and len(token.rstrip(".")) in ABBREVIATION_LETTERS
            and token.rstrip(".") not in ALLOWED_CAPITALS
        ):
            add(Rule.ABBREVIATION, start, start + len(token.rstrip(".")))
        if _is_passive(bare, previous, token, start, sentence_starts, text):
            add(Rule.PASSIVE_S, start, start + len(bare))
        previous = bare

    for s_start, s_end in _sentences(text):
        words = WORD.findall(text[s_start:s_end])
        if len(words) > LONG_SENTENCE_WORDS:
            lead = len(text[s_start:s_end]) - len(text[s_start:s_end].lstrip())
            add(Rule.LONG_SENTENCE, s_start + lead, s_end)

    if kind == Kind.GOAL:
        marker = next((m for m in FUTURE_MARKERS.finditer(text) if not _in_subordinate_clause(text, m.start())), None)
        infinitive = re.match(r"\s*(å|Å)\s", text)
        if marker:
            add(Rule.GOAL_NOT_PRESENT, marker.start(), marker.end())
        elif infinitive:
            add(Rule.GOAL_NOT_PRESENT, infinitive.start(1), infinitive.end(1))
    findings.sort(key=lambda f: (f.start, f.rule))
    return findings


SUBORDINATORS = {"hva", "kva", "hvem", "kven", "som", "når", "hvis", "viss", "om", "dersom", "fordi"}


def _in_subordinate_clause(text: str, position: int) -> bool:
    """ "Noah sier hva han vil ha": a modal inside a subordinate clause says nothing of the goal's tense."""
    before = [w.lower() for w in WORD.findall(text[:position])][-3:]
    return any(word in SUBORDINATORS for word in before)


def _abbreviation(token: str) -> tuple[str, tuple[str, str]] | None:
    acronym = token.rstrip(".")
    if acronym in ABBREVIATIONS and acronym.isupper():
        return acronym, ABBREVIATIONS[acronym]
    lower = token.lower()
    for candidate in (lower, lower + "." if not lower.endswith(".") else lower):
        if candidate in _LOWER_ABBREVIATIONS:
            key = _LOWER_ABBREVIATIONS[candidate]
            if token.lower().startswith(key.rstrip(".")) and (token.endswith(".") or "." in token):
                return token[: len(key)], ABBREVIATIONS[key]
    return None


def _is_passive(bare: str, previous: str, token: str, start: int, sentence_starts: set[int], text: str) -> bool:
    if bare in DEPONENTS or bare in NOT_VERBS or len(bare) < MIN_PASSIVE_LETTERS:
        return False
    if token[0].isupper() and start not in sentence_starts and text[:start].strip():
        return False  # a name such as Agnes or Jonas
    if bare in KNOWN_PASSIVE:
        return True
    if bare.endswith("es") and len(bare) >= MIN_GUESSED_PASSIVE_LETTERS and previous in PASSIVE_LEADS:
        return True
    return bare.endswith("ast") and len(bare) >= MIN_GUESSED_PASSIVE_LETTERS and previous in MODALS


_NUMBER_OR_FREQUENCY = re.compile(
    r"\d|(?<![\wæøå])(hver|kvar|alle|minst|høyst|høgst|ganger|gonger|per|klokka|kl\.|dag|dager|dagar|uke|veke|"
    r"mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|en|ein|to|tre|fire|fem)(?![\wæøå])",
    re.IGNORECASE,
)
_TIME_BOUND = re.compile(
    r"\d{1,2}\.\d{1,2}|\d{4}|(?<![\wæøå])(innen|innan|fram til|før|etter|jul|påske|sommarferien|sommerferien|"
    r"vinterferien|haustferien|høstferien|uke|veke|klokka|januar|februar|mars|april|mai|juni|juli|august|"
    r"september|oktober|november|desember|mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag)(?![\wæøå])",
    re.IGNORECASE,
)


def smart_checklist(goal_text: str) -> list[SmartItem]:
    """A SMART checklist for a goal, with a guess where the text can tell."""
    words = WORD.findall(goal_text)
    findings = check(goal_text, Kind.GOAL)
    has_name = any(w[0].isupper() for w in words[1:]) or (bool(words) and words[0][0].isupper() and len(words) > 1)
    simple = (
        not any(f.rule in (Rule.LONG_SENTENCE, Rule.ABBREVIATION) for f in findings)
        and len(words) < SMART_SIMPLE_MAX_WORDS
    )
    return [
        SmartItem("specific", len(words) >= SMART_SPECIFIC_WORDS and has_name),
        SmartItem("measurable", bool(_NUMBER_OR_FREQUENCY.search(goal_text))),
        SmartItem("accepted", None),
        SmartItem("realistic", None),
        SmartItem("time_bound", bool(_TIME_BOUND.search(goal_text))),
        SmartItem("simple", simple),
    ]
