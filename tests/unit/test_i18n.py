"""Every UI string goes through the catalogues; a key used in code but missing fails here."""

import re
from datetime import date
from pathlib import Path

from stafett_app.domain.evaluation import Badge, Outcome, Result
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.plain_language import Rule
from stafett_app.domain.plan_rules import Arena, ConcernCategory
from stafett_app.domain.roles import LogRole
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue, format_date, relative_days, translate

APP = Path(__file__).resolve().parents[2] / "stafett_app"


def keys_used_in_code() -> set[str]:
    pattern = re.compile(r"""\b(?:t|translate\(self\.lang,|translate\(lang,)\s*\(?\s*f?["']([a-z_]+\.[a-z0-9_.]+)["']""")
    return {m for path in APP.rglob("*.py") for m in pattern.findall(path.read_text())}


def keys_built_from_enums() -> set[str]:
    families = {"arena": Arena, "badge": Badge, "category": ConcernCategory, "outcome": Outcome, "result": Result,
                "role": LogRole, "status": LogStatus}
    keys = {f"{prefix}.{member.value}" for prefix, enum in families.items() for member in enum}
    forms = ("concern", "goal", "subgoal", "measure", "edit_measure", "edit_concern", "edit_goal", "comment", "evaluate", "participant", "photo", "meeting", "note", "attachment")
    keys |= {f"form.{kind}.heading" for kind in forms}
    keys |= {f"saved.{kind}" for kind in (*forms, "correction", "consent", "goal_reached", "goal_reopened")}
    keys |= {"proposed.participant", "hint.abbreviation_known", "saved.glimmer", "saved.response"}
    keys |= {f"hint.{rule.value}" for rule in Rule}
    keys |= {f"smart.{key}" for key in ("specific", "measurable", "accepted", "realistic", "time_bound", "simple")}
    keys |= {f"month.{m}" for m in range(1, 13)} | {f"weekday.{d}" for d in range(7)}
    return keys


def error_keys_in_domain() -> set[str]:
    pattern = re.compile(r"""["'](error\.[a-z_]+)""")
    return {m for path in (APP / "domain").rglob("*.py") for m in pattern.findall(path.read_text())}


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
