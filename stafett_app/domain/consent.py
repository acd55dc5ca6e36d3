"""Consent: the family (or the young person from 15) names who may take part, and in which role."""

from dataclasses import dataclass

from stafett_app.domain.errors import ConsentRequired
from stafett_app.domain.roles import FAMILY_ROLES, LogRole


@dataclass(frozen=True)
class ConsentRecord:
    """The consent in force: who gave it, and which (person, role) pairs it names."""

    version: int
    named: frozenset[tuple[int, LogRole]]
    withdrawn: bool = False


def require_consent_on_record(consent: ConsentRecord | None) -> ConsentRecord:
    """A log becomes active only with a consent in force; returns that consent."""
    if consent is None or consent.withdrawn:
        raise ConsentRequired("error.consent_missing")
    return consent


def require_named(consent: ConsentRecord | None, person_id: int, role: LogRole) -> None:
    """Staff join only when the consent in force names them in that role.

    The child and the guardians are the family itself and never need to be named.
    """
    if role in FAMILY_ROLES:
        return
    if (person_id, role) not in require_consent_on_record(consent).named:
        raise ConsentRequired("error.consent_new_participant")
