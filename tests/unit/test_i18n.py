"""Every UI string goes through the catalogues; a key used in code but missing fails here."""

import re
from datetime import date
from pathlib import Path

from stafett_app.domain.evaluation import Badge, Outcome, Result
from stafett_app.domain.lifecycle import ClosingReason, LogStatus
from stafett_app.domain.notifications import EventKind
from stafett_app.domain.plain_language import Rule
from stafett_app.domain.plan_rules import SCHOOL_ENVIRONMENT_ITEMS, Arena, ConcernCategory
from stafett_app.domain.relay import ConsentPath, FormerHolder, LogEventKind, ObservationKind
from stafett_app.domain.roles import LogRole
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue, format_date, relative_days, translate

APP = Path(__file__).resolve().parents[2] / "stafett_app"


def keys_used_in_code() -> set[str]:
    pattern = re.compile(
        r"""\b(?:t|translate\(self\.lang,|translate\(lang,)\s*\(?\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']"""
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
    keys |= {f"notify.{kind.value}.subject" for kind in EventKind}
    keys |= {f"notify_settings.kind.{kind.value}" for kind in EventKind}
    keys |= {f"school_env.item.{item}" for item in SCHOOL_ENVIRONMENT_ITEMS}
    keys |= {f"month.{m}" for m in range(1, 13)} | {f"weekday.{d}" for d in range(7)}
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
    assert format_date("nb", date(2026, 3, 3)).startswith("tirsdag 3. mars")
    today = date(2026, 11, 23)
    assert relative_days("nb", date(2026, 11, 28), today) == "om 5 dager"
    assert relative_days("nb", date(2026, 11, 20), today) == "for 3 dager siden"
    assert relative_days("nb", today, today) == "i dag"


def test_unknown_language_falls_back_to_bokmaal():
    assert translate("xx", "nav.sign_out") == "Logg ut"


PLACEHOLDER = re.compile(r"\{[a-z]+\}")


def test_every_language_has_every_key_and_nothing_else():
    reference = set(catalogue(DEFAULT_LANGUAGE))
    for lang in LANGUAGES:
        keys = set(catalogue(lang))
        assert (lang, sorted(reference - keys), sorted(keys - reference)) == (lang, [], [])


def test_translations_keep_placeholders_and_are_not_empty():
    reference = catalogue(DEFAULT_LANGUAGE)
    for lang in LANGUAGES:
        for key, text in catalogue(lang).items():
            assert text.strip(), (lang, key)
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(reference[key])), (lang, key)


def test_nynorsk_and_english_are_real_translations():
    for key, nn, en in [
        ("nav.skip_to_content", "Hopp til innhaldet", "Skip to content"),
        ("role.guardian", "Føresett", "Guardian"),
        ("role.holder", "Stafetthaldar", "Relay holder"),
        ("child.my_heading", "Dette gjer eg", "What I do"),
        ("family.who.family", "De heime", "You at home"),
        ("weekday.0", "måndag", "Monday"),
    ]:
        assert translate("nn", key) == nn and translate("en", key) == en
    assert format_date("en", date(2026, 3, 3)).startswith("Tuesday 3 March")
    assert relative_days("nn", date(2026, 11, 28), date(2026, 11, 23)) == "om 5 dagar"


def test_catalogues_match_bokmaal_keys_with_a_readable_report():
    reference = set(catalogue(DEFAULT_LANGUAGE))
    problems = {}
    for lang in LANGUAGES:
        keys = set(catalogue(lang))
        missing, extra = sorted(reference - keys), sorted(keys - reference)
        if missing or extra:
            problems[lang] = {"missing": missing, "extra": extra}
    assert problems == {}, f"catalogue keys differ from {DEFAULT_LANGUAGE}.json: {problems}"


def test_translated_catalogue_files_are_sorted_and_formatted():
    import json

    for lang in ("nn", "en"):
        path = APP / "i18n" / f"{lang}.json"
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert list(data) == sorted(data), lang
        assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", lang


def test_every_translation_keeps_the_placeholders_of_bokmaal():
    reference = catalogue(DEFAULT_LANGUAGE)
    wrong = [
        (lang, key, sorted(set(PLACEHOLDER.findall(text))), sorted(set(PLACEHOLDER.findall(reference[key]))))
        for lang in LANGUAGES
        for key, text in catalogue(lang).items()
        if key in reference and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(reference[key]))
    ]
    assert wrong == [], f"(lang, key, placeholders, expected): {wrong}"


def test_no_nynorsk_or_english_value_is_empty():
    empty = [(lang, key) for lang in ("nn", "en") for key, text in catalogue(lang).items() if not text.strip()]
    assert empty == []


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
        "weekday.0",
        "weekday.1",
        "weekday.5",
        "action.give_consent",
        "action.read_aloud",
        "goal.main",
        "error.no_access",
        "relative.tomorrow",
        "relative.in_days",
        "relative.days_ago",
        "arena.home",
        "arena.service",
        "category.school_environment_duty",
        "form.concern.text",
        "badge.pending",
        "logs.none",
    ]
    same = [(lang, key) for lang in ("nn", "en") for key in keys if translate(lang, key) == translate("nb", key)]
    assert same == []
    assert translate("nn", "child.home_heading") == "Dette gjer vi heime"
    assert translate("nn", "action.give_consent") == "Eg samtykker"
    assert translate("nn", "action.read_aloud") == "Les høgt"
    assert translate("nn", "role.owner") == "Planeigar"
    assert translate("nn", "family.heading.family", name="Emma") == "Planen til Emma"
    assert translate("nn", "family.heading.young_person", name="Jonas") == "Planen din, Jonas"
    assert translate("nn", "child.greeting", name="Emma") == "Hei, Emma!"
    assert translate("en", "category.school_environment_duty") == "School environment (Education Act § 12-4)"
    assert translate("en", "nav.sign_out") == "Sign out"


def test_dates_in_nynorsk_and_english():
    from stafett_app.i18n import format_short_date

    assert format_date("en", date(2026, 3, 3)).startswith("Tuesday 3 March")
    assert format_date("nn", date(2026, 3, 3)).startswith("tysdag 3. mars")
    assert format_date("nn", date(2026, 3, 7)).startswith("laurdag 7. mars")
    assert format_short_date("en", date(2026, 12, 24)) == "24 December 2026"
    assert format_short_date("nn", date(2026, 12, 24)) == "24. desember 2026"
    assert [translate("en", f"weekday.{d}") for d in range(7)] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert [translate("nn", f"weekday.{d}") for d in range(7)] == [
        "måndag",
        "tysdag",
        "onsdag",
        "torsdag",
        "fredag",
        "laurdag",
        "søndag",
    ]
    today = date(2026, 11, 23)
    assert relative_days("nn", today, today) == "i dag"
    assert relative_days("nn", date(2026, 11, 24), today) == "i morgon"
    assert relative_days("nn", date(2026, 11, 22), today) == "i går"
    assert relative_days("nn", date(2026, 11, 28), today) == "om 5 dagar"
    assert relative_days("nn", date(2026, 11, 20), today) == "for 3 dagar sidan"
    assert relative_days("en", date(2026, 11, 24), today) == "tomorrow"
    assert relative_days("en", date(2026, 11, 28), today) == "in 5 days"
    assert relative_days("en", date(2026, 11, 20), today) == "3 days ago"
