"""Who is who: kinds of people, kinds of units, and roles inside one log."""

from enum import StrEnum


class PersonKind(StrEnum):
    STAFF = "staff"
    GUARDIAN = "guardian"
    CHILD = "child"


class UnitKind(StrEnum):
    SCHOOL = "school"
    KINDERGARTEN = "kindergarten"
    HEALTH = "health"  # health station (helsestasjon og skulehelseteneste)
    PPT = "ppt"
    CHILD_WELFARE = "child_welfare"
    OTHER = "other"  # GP offices, BUP, Statped, private providers: external actors' units


class LogRole(StrEnum):
    """A person's role in one log. The child is always the owner of their own plan."""

    OWNER = "owner"
    GUARDIAN = "guardian"
    HOLDER = "holder"
    ACTOR = "actor"
    READER = "reader"


FAMILY_ROLES = frozenset({LogRole.OWNER, LogRole.GUARDIAN})
STAFF_ROLES = frozenset({LogRole.HOLDER, LogRole.ACTOR, LogRole.READER})

# From this age the young person consents and is written to directly.
AGE_OF_OWN_CONSENT = 15


def landing_view(roles: frozenset[LogRole] | set[str], age: int | None) -> str:
    """Which page of a log a person opens first: staff the plan, the family the family view,
    a child under 15 the picture view."""
    if roles & STAFF_ROLES:
        return "plan"
    if LogRole.OWNER in roles and (age or 0) < AGE_OF_OWN_CONSENT:
        return "child"
    return "family"


def is_young_child(kind: str, age: int | None) -> bool:
    """A child under 15: sees only their own picture page, never staff lists, messages or the calendar."""
    return kind == PersonKind.CHILD and (age or 0) < AGE_OF_OWN_CONSENT


def direct_landing(views: list[str]) -> str | None:
    """The page a person opens straight after signing in, skipping the list of logs: a child, a
    young person or a guardian with exactly one log lands on their own view of it. Staff keep the list."""
    if len(views) == 1 and views[0] in ("family", "child"):
        return views[0]
    return None


def audience(roles: frozenset[LogRole] | set[str], child_age: int | None) -> str:
    """How the plan speaks to a person: "child" (their own plan, under 15: simple words about
    themself), "young_person" (their own plan, from 15: "du", never "barnet" or "dere"), "family"
    (guardians: "dere" and the child's name) or "staff"."""
    if LogRole.OWNER in roles:
        return "child" if (child_age or 0) < AGE_OF_OWN_CONSENT else "young_person"
    if roles & STAFF_ROLES:
        return "staff"
    return "family"
