"""Every UI string goes through the catalogues; a key used in code but missing fails here."""

import os
import re
import shutil
from datetime import date
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from stafett_app import i18n
from stafett_app.domain.evaluation import Badge, Outcome, Result
from stafett_app.domain.lifecycle import ClosingReason, LogStatus
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.plain_language import Rule
from stafett_app.domain.plan_rules import SCHOOL_ENVIRONMENT_ITEMS, Arena, ConcernCategory
from stafett_app.domain.relay import ConsentPath, FormerHolder, LogEventKind, ObservationKind
from stafett_app.domain.roles import LogRole
from stafett_app.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALE_DIR,
    PLURAL_SUFFIX,
    catalogue,
    compile_catalogue,
    format_date,
    format_day_short,
    format_month_title,
    format_short_date,
    plural_catalogue,
    relative_days,
    translate,
    translate_plural,
    ui_texts,
    weekday_names,
)

APP = Path(__file__).resolve().parents[2] / "stafett_app"


def keys_used_in_code() -> set[str]:
    pattern = re.compile(
        r"""\b(?:tn?|translate(?:_plural)?\(self\.lang,|translate(?:_plural)?\(lang,)\s*\(?\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']"""
    )
    return {m for path in APP.rglob("*.py") for m in pattern.findall(path.read_text())}


def keys_built_from_enums() -> set[str]:
    families = {
        "arena": Arena,
        "badge": Badge,
        "category": ConcernCategory,
        "outcome": Outcome,
        "result": Result,
        "role": LogRole,
        "status": LogStatus,
        "closing_reason": ClosingReason,
        "timeline.event": LogEventKind,
        "observation.kind": ObservationKind,
        "handover.former": FormerHolder,
        "consent.path": ConsentPath,
    }
    keys = {f"{prefix}.{member.value}" for prefix, enum in families.items() for member in enum}
    forms = (
        "concern",
        "goal",
        "subgoal",
        "measure",
        "edit_measure",
        "edit_concern",
        "edit_goal",
        "comment",
        "evaluate",
        "participant",
        "photo",
        "meeting",
        "edit_meeting",
        "close_log",
        "note",
        "attachment",
    )
    keys |= {f"form.{kind}.heading" for kind in forms}
    keys |= {
        f"saved.{kind}"
        for kind in (*forms, "correction", "consent", "consent_withdrawn", "goal_reached", "goal_reopened")
    }
    keys |= {"proposed.participant", "hint.abbreviation_known", "saved.glimmer", "saved.response"}
    keys |= {f"hint.{rule.value}" for rule in Rule}
    keys |= {f"smart.{key}" for key in ("specific", "measurable", "accepted", "realistic", "time_bound", "simple")}
    keys |= {"date.format", "date.format_year", "date.short"}
    keys |= {f"notify.{kind.value}.subject" for kind in EventKind}
    keys |= {f"notify_settings.kind.{kind.value}" for kind in EventKind}
    keys |= {f"school_env.item.{item}" for item in SCHOOL_ENVIRONMENT_ITEMS}
    return keys


def error_keys_in_domain() -> set[str]:
    """Error keys raised by the domain and by the services."""
    pattern = re.compile(r"""["'](error\.[a-z_0-9]+)""")
    folders = (APP / "domain", APP / "services")
    return {m for folder in folders for path in folder.rglob("*.py") for m in pattern.findall(path.read_text())}


def test_every_key_exists_in_bokmaal():
    needed = keys_used_in_code() | keys_built_from_enums() | error_keys_in_domain()
    assert len(needed) > 150
    missing = sorted(needed - set(catalogue(DEFAULT_LANGUAGE)))
    assert missing == []


def test_parameters_and_dates():
    assert translate("nb", "error.too_long|120") == "Teksten er for lang. Bruk høyst 120 tegn."
    assert format_date("nb", date(2026, 3, 3), today=date(2026, 1, 1)) == "tirsdag 3. mars"
    today = date(2026, 11, 23)
    assert relative_days("nb", date(2026, 11, 28), today) == "om 5 dager"
    assert relative_days("nb", date(2026, 11, 20), today) == "for 3 dager siden"
    assert relative_days("nb", today, today) == "i dag"


def test_unknown_language_falls_back_to_bokmaal():
    assert translate("xx", "nav.sign_out") == "Logg ut"
    assert translate_plural("xx", "child.stars", 2) == "2 stjerner: dette går bra!"
    assert ui_texts("xx") == ui_texts("nb")


PLACEHOLDER = re.compile(r"\{[a-z]+\}")


def all_forms(lang: str) -> dict[str, tuple[str, ...]]:
    """Every text of a language: singular entries as one form, plural entries with all forms."""
    return {key: plural_catalogue(lang).get(key, (text,)) for key, text in catalogue(lang).items()}


def test_every_language_has_every_key_and_nothing_else():
    reference = set(catalogue(DEFAULT_LANGUAGE))
    for lang in LANGUAGES:
        keys = set(catalogue(lang))
        assert (lang, sorted(reference - keys), sorted(keys - reference)) == (lang, [], [])


def test_catalogues_match_bokmaal_keys_with_a_readable_report():
    reference = set(catalogue(DEFAULT_LANGUAGE))
    problems = {}
    for lang in LANGUAGES:
        keys = set(catalogue(lang))
        missing, extra = sorted(reference - keys), sorted(keys - reference)
        if missing or extra:
            problems[lang] = {"missing": missing, "extra": extra}
    assert problems == {}, f"catalogue msgids differ from {DEFAULT_LANGUAGE}: {problems}"


def test_every_translation_keeps_the_placeholders_of_bokmaal_in_every_form():
    reference = all_forms(DEFAULT_LANGUAGE)
    wrong = [
        (lang, key, form, sorted(set(PLACEHOLDER.findall(form))))
        for lang in LANGUAGES
        for key, forms in all_forms(lang).items()
        for form in forms
        if set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(reference[key][0]))
    ]
    assert wrong == [], f"(lang, key, text, placeholders): {wrong}"


def test_no_text_is_empty_and_no_entry_is_fuzzy():
    problems = []
    for lang in LANGUAGES:
        with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
            po = read_po(f, locale=lang)
        for message in po:
            if not message.id:
                continue
            forms = message.string if message.pluralizable else (message.string,)
            if message.fuzzy or not all(form.strip() for form in forms):
                problems.append((lang, message.id))
    assert problems == []


def test_plural_entries_are_the_same_in_every_language_and_have_both_forms():
    reference = set(plural_catalogue(DEFAULT_LANGUAGE))
    assert {"child.stars", "calendar.count_meetings", "logs.unread_messages", "summary.green_short"} <= reference
    for lang in LANGUAGES:
        plurals = plural_catalogue(lang)
        assert set(plurals) == reference, lang
        assert [key for key, forms in plurals.items() if len(forms) != 2] == [], lang


def test_po_files_declare_the_plural_rule_the_browser_uses():
    """`tn` in the pages picks the singular with count == 1; that is only right for this rule."""
    for lang in LANGUAGES:
        with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
            po = read_po(f, locale=lang)
        assert po.plural_forms == "nplurals=2; plural=(n != 1);", lang
        rule = Locale.parse(lang).plural_form
        assert [rule(n) for n in (0, 1, 2, 5, 21, 100)] == ["other", "one", "other", "other", "other", "other"]


def test_po_files_are_sorted_by_key():
    for lang in LANGUAGES:
        with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
            keys = [m.id[0] if m.pluralizable else m.id for m in read_po(f, locale=lang) if m.id]
        assert keys == sorted(keys), lang


def test_a_stale_or_missing_mo_is_compiled_again(tmp_path, monkeypatch):
    shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    po = tmp_path / "locale" / "nn" / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    compile_catalogue("nn")
    assert mo.exists()
    po.write_text(po.read_text(encoding="utf-8").replace('"Hopp til innhaldet"', '"Gå til innhaldet"'), "utf-8")
    old = mo.stat().st_mtime_ns - 10**9
    os.utime(mo, ns=(old, old))  # as if compiled before the edit
    assert b"G\xc3\xa5 til innhaldet" in compile_catalogue("nn")
    assert b"G\xc3\xa5 til innhaldet" in mo.read_bytes()


def test_counted_texts_have_real_plurals_in_every_language():
    expected = {
        "nb": ("1 stjerne: dette går bra!", "2 stjerner: dette går bra!", "1 møte", "2 møter", "grønn", "grønne"),
        "nn": ("1 stjerne: dette går bra!", "2 stjerner: dette går bra!", "1 møte", "2 møte", "grøn", "grøne"),
        "en": (
            "1 star: this is going well!",
            "2 stars: this is going well!",
            "1 meeting",
            "2 meetings",
            "green",
            "green",
        ),
    }
    for lang, texts in expected.items():
        assert (
            translate_plural(lang, "child.stars", 1),
            translate_plural(lang, "child.stars", 2),
            translate_plural(lang, "calendar.count_meetings", 1),
            translate_plural(lang, "calendar.count_meetings", 2),
            translate_plural(lang, "summary.green_short", 1),
            translate_plural(lang, "summary.green_short", 2),
        ) == texts, lang
    assert [translate_plural("nb", "logs.unread_messages", n) for n in (1, 3)] == ["ny melding", "nye meldinger"]
    assert [translate_plural("nn", "logs.unread_messages", n) for n in (1, 3)] == ["ny melding", "nye meldingar"]
    assert [translate_plural("en", "logs.unread_messages", n) for n in (1, 3)] == ["new message", "new messages"]
    assert [translate_plural("nb", "summary.red_short", n) for n in (1, 2)] == ["rød", "røde"]
    assert [translate_plural("nn", "summary.red_short", n) for n in (1, 2)] == ["raud", "raude"]
    assert [translate_plural("nn", "messages.unread", n) for n in (1, 2)] == ["ulesen", "ulesne"]
    assert [translate_plural("nb", "calendar.count_evaluations", n) for n in (1, 0)] == [
        "1 evaluering",
        "0 evalueringer",
    ]
    # a `key|n` value (as domain errors carry) picks the form too
    assert translate("en", "error.too_long|1") == "The text is too long. Use at most 1 character."
    assert translate("en", "error.too_long|120") == "The text is too long. Use at most 120 characters."
    assert translate("en", "demo.child_age|1") == "Child, 1 year old"
    assert translate("nn", "calendar.count_evaluations", n=2) == "2 evalueringar"
    # without a count a plural key reads as its singular, as t() shows it
    assert catalogue("nb")["messages.new_count"] == "ny"


def test_the_browser_gets_both_forms_and_weekday_names():
    for lang in LANGUAGES:
        texts = ui_texts(lang)
        for key, forms in plural_catalogue(lang).items():
            assert (texts[key], texts[key + PLURAL_SUFFIX]) == forms
        assert [texts[f"weekday_short.{d}"] for d in range(7)] == weekday_names(lang)
    assert ui_texts("nb")["logs.unread_messages" + PLURAL_SUFFIX] == "nye meldinger"


def test_nynorsk_and_english_are_real_translations():
    for key, nn, en in [
        ("nav.skip_to_content", "Hopp til innhaldet", "Skip to content"),
        ("role.guardian", "Føresett", "Guardian"),
        ("role.holder", "Stafetthaldar", "Relay holder"),
        ("child.my_heading", "Det {name} gjer", "What {name} does"),
        ("family.who.family", "De heime", "You at home"),
    ]:
        assert translate("nn", key) == nn and translate("en", key) == en
    assert format_date("en", date(2026, 3, 3), today=date(2026, 1, 1)) == "Tuesday 3 March"
    assert relative_days("nn", date(2026, 11, 28), date(2026, 11, 23)) == "om 5 dagar"


def test_nynorsk_and_english_differ_from_bokmaal_where_the_languages_differ():
    keys = [
        "nav.skip_to_content",
        "role.guardian",
        "role.holder",
        "role.owner",
        "role.reader",
        "child.my_heading",
        "child.home_heading",
        "family.who.family",
        "family.next_intro",
        "action.give_consent",
        "action.read_aloud",
        "goal.main",
        "error.no_access",
        "relative.tomorrow",
        "arena.home",
        "arena.service",
        "category.school_environment_duty",
        "form.concern.text",
        "badge.pending",
        "logs.none",
    ]
    same = [(lang, key) for lang in ("nn", "en") for key in keys if translate(lang, key) == translate("nb", key)]
    assert same == []
    for key in ("relative.in_days", "relative.days_ago"):
        assert [translate_plural(lang, key, 5) for lang in LANGUAGES] == [
            translate_plural("nb", key, 5),
            translate_plural("nb", key, 5).replace("dager", "dagar").replace("siden", "sidan"),
            "in 5 days" if key == "relative.in_days" else "5 days ago",
        ]
    assert translate("nn", "child.home_heading") == "Dette gjer vi heime"
    assert translate("nn", "action.give_consent") == "Eg samtykker"
    assert translate("nn", "action.read_aloud") == "Les høgt"
    assert translate("nn", "role.owner") == "Planeigar"
    assert translate("nn", "family.heading.family", name="Emma") == "Planen til Emma"
    assert translate("nn", "family.heading.young_person", name="Jonas") == "Planen din, Jonas"
    assert translate("nn", "child.greeting", name="Emma") == "Hei, Emma!"
    assert translate("en", "category.school_environment_duty") == "School environment (Education Act § 12-4)"
    assert translate("en", "nav.sign_out") == "Sign out"


def test_dates_in_every_language():
    this_year = date(2026, 1, 1)
    assert format_date("nb", date(2026, 3, 3), today=this_year) == "tirsdag 3. mars"
    assert format_date("nb", date(2027, 3, 3), today=this_year) == "onsdag 3. mars 2027"
    assert format_date("nn", date(2026, 3, 3), today=this_year) == "tysdag 3. mars"
    assert format_date("nn", date(2026, 3, 7), today=this_year) == "laurdag 7. mars"
    assert format_date("nn", date(2025, 3, 3), today=this_year) == "måndag 3. mars 2025"
    assert format_date("en", date(2026, 3, 3), today=this_year) == "Tuesday 3 March"
    assert format_date("en", date(2027, 3, 3), today=this_year) == "Wednesday 3 March 2027"
    assert format_date("nb", None) == ""
    assert format_short_date("nb", date(2026, 12, 24)) == "24. desember 2026"
    assert format_short_date("en", date(2026, 12, 24)) == "24 December 2026"
    assert format_short_date("nn", date(2026, 12, 24)) == "24. desember 2026"
    assert format_month_title("nb", date(2026, 3, 1)) == "Mars 2026"
    assert format_month_title("en", date(2026, 3, 1)) == "March 2026"
    assert format_day_short("nb", date(2026, 11, 23)) == "man. 23.11."
    assert format_day_short("nn", date(2026, 11, 24)) == "ty. 24.11."
    # Babel's nynorsk is real nynorsk, not bokmål
    assert weekday_names("nn", "wide") == ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "søndag"]
    assert weekday_names("nb", "wide") == ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    assert weekday_names("en", "wide") == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert weekday_names("nn") == ["må.", "ty.", "on.", "to.", "fr.", "la.", "sø."]
    today = date(2026, 11, 23)
    assert relative_days("nn", today, today) == "i dag"
    assert relative_days("nn", date(2026, 11, 24), today) == "i morgon"
    assert relative_days("nn", date(2026, 11, 22), today) == "i går"
    assert relative_days("nn", date(2026, 11, 28), today) == "om 5 dagar"
    assert relative_days("nn", date(2026, 11, 20), today) == "for 3 dagar sidan"
    assert relative_days("en", date(2026, 11, 24), today) == "tomorrow"
    assert relative_days("en", date(2026, 11, 28), today) == "in 5 days"
    assert relative_days("en", date(2026, 11, 20), today) == "3 days ago"
    assert relative_days("nb", date(2026, 11, 21), today) == "for 2 dager siden"
    assert relative_days("nb", None, today) == ""


def test_page_helper_picks_the_form_by_count_in_the_browser():
    from stafett_app.state.session import SessionState, tn

    code = str(tn("messages.unread", SessionState.unread_messages))
    assert '["messages.unread"]' in code and f'["messages.unread{PLURAL_SUFFIX}"]' in code
    assert "=== 1" in code and 'replaceAll("{n}"' in code
