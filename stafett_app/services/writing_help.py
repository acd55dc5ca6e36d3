"""The plain-language check, turned into short messages in the person's language."""

from dataclasses import dataclass

from stafett_app.domain.plain_language import Kind, Rule, check, smart_checklist
from stafett_app.i18n import translate

MAX_HINTS = 6


@dataclass
class SmartRow:
    label: str
    status: str  # yes, no or ask (the text cannot tell: talk about it with the family)


def writing_hints(text: str, kind: Kind, lang: str) -> list[str]:
    hints = []
    for finding in check(text, kind)[:MAX_HINTS]:
        key = f"hint.{finding.rule.value}"
        if finding.rule == Rule.ABBREVIATION and finding.suggestion:
            key = "hint.abbreviation_known"
        if finding.rule == Rule.LONG_SENTENCE:
            hints.append(translate(lang, key))
        else:
            hints.append(translate(lang, key, excerpt=finding.excerpt, suggestion=finding.suggestion))
    return hints


def smart_rows(goal_text: str, lang: str) -> list[SmartRow]:
    status = {True: "yes", False: "no", None: "ask"}
    return [
        SmartRow(translate(lang, f"smart.{item.key}"), status[item.hint_met]) for item in smart_checklist(goal_text)
    ]
