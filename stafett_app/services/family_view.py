"""The plan told to the family, and to the child: built from the permission-checked PlanView.

Pure functions over view models: no database, no Reflex. The family reads its own measures
first, then the child's, then the services'; the child sees only pictures of what it does
itself and what happens at home, with green evaluations as stars and no red labels.
"""

from datetime import date

from stafett_app.domain.dates import today_in_norway
from stafett_app.domain.lifecycle import LogStatus
from stafett_app.domain.roles import LogRole
from stafett_app.i18n import format_short_date, translate, translate_plural, weekday_names
from stafett_app.pictures import alt_text, is_known
from stafett_app.services.views import (
    ChildCardView,
    ChildView,
    FamilyView,
    LatestEvaluationView,
    MeasureView,
    PlanView,
    StepGroup,
    StepView,
)

LATEST_EVALUATIONS_SHOWN = 5
DAYS_IN_A_WEEK = 7  # within a week a child hears the weekday ("på fredag"), later the date
# A picture for measures that have none of their own, by arena.
DEFAULT_PICTURE = {"child": "star", "home": "home", "service": "school"}


def _active_measures(plan: PlanView) -> list[MeasureView]:
    return [m for c in plan.concerns for g in c.goals for m in g.measures if not m.ended]


def _family_roles(plan: PlanView) -> dict[int, str]:
    return {row.person_id: row.role for row in plan.family}


def _owner_id(plan: PlanView) -> int | None:
    return next((pid for pid, role in _family_roles(plan).items() if role == LogRole.OWNER), None)


def family_view(plan: PlanView, viewer_id: int, lang: str) -> FamilyView:
    roles = _family_roles(plan)
    owner_id = _owner_id(plan)
    to_young_person = viewer_id == owner_id
    staff = {row.person_id: f"{row.name} ({row.role_label})" for row in [*plan.holders, *plan.professionals]}

    def who(measure: MeasureView) -> str:
        responsible = measure.responsible_id
        if responsible == viewer_id:
            return translate(lang, "family.who.you")
        if roles.get(responsible) == LogRole.GUARDIAN:
            return measure.responsible_name if to_young_person else translate(lang, "family.who.family")
        if responsible == owner_id:
            return plan.child_first_name
        return staff.get(responsible, measure.responsible_name)

    def group(measure: MeasureView) -> str:
        if roles.get(measure.responsible_id) == LogRole.GUARDIAN:
            return "family"
        return "child" if measure.responsible_id == owner_id else "service"

    order = ("child", "family", "service") if to_young_person else ("family", "child", "service")
    measures = sorted(_active_measures(plan), key=lambda m: (order.index(group(m)), m.evaluation_iso))
    audience = "young_person" if to_young_person else "family"
    closed = plan.is_read_only  # a passive log has no next talk, meeting or invitation to write
    steps = [
        (
            group(m),
            StepView(
                measure_id=m.measure_id,
                title=m.title,
                who=who(m),
                arena=m.arena,
                next_talk="" if closed else m.evaluation_date,
                next_talk_relative="" if closed else m.evaluation_relative,
                badge=m.badge,
                can_comment=m.can_comment,
                comments=m.comments,
            ),
        )
        for m in measures
    ]
    groups = [
        StepGroup(
            key=key,
            title=translate(lang, f"family.group.{audience}.{key}", name=plan.child_first_name),
            steps=[step for in_group, step in steps if in_group == key],
        )
        for key in order
    ]
    working_on = [g.text for c in plan.concerns for g in c.goals if not g.is_sub and not g.reached] or [
        c.text for c in plan.concerns
    ]
    evaluated = [
        (e.evaluated_iso, m.title, e) for c in plan.concerns for g in c.goals for m in g.measures for e in m.evaluations
    ]
    evaluated.sort(key=lambda item: item[0], reverse=True)
    heading_key = "family.heading.young_person" if to_young_person else "family.heading.family"
    return FamilyView(
        heading=translate(lang, heading_key, name=plan.child_first_name),
        addressed_to_young_person=to_young_person,
        working_on=working_on,
        groups=[g for g in groups if g.steps],
        latest=[
            LatestEvaluationView(
                title=title, result=e.result, result_label=e.result_label, text=e.text, when=e.evaluated_on
            )
            for _iso, title, e in evaluated[:LATEST_EVALUATIONS_SHOWN]
        ],
        log_id=plan.log_id,
        next_meeting=plan.next_meeting,
        can_read_messages=plan.can_read_messages,
        can_withdraw_consent=plan.can_withdraw_consent,
        can_write_glimmer=plan.can_write_glimmer and not closed,
        holders=[
            f"{row.name} ({row.role_label})" + (f", {row.unit_name}" if row.unit_name else "") for row in plan.holders
        ],
        level_text=plan.level_text,
        is_closed=closed,
        closed_text=_closed_text(plan, lang) if closed else "",
        closing_note=plan.closing_note if closed else "",
        can_print=plan.can_print,
        can_own_copy=plan.can_own_copy,
        glimmer_intro=plan.glimmer_intro,
        glimmer_placeholder=plan.glimmer_placeholder,
        consent_heading=translate(lang, f"consent.family_heading.{audience}"),
        consent_text=translate(lang, f"consent.family_text.{audience}"),
        withdraw_text=plan.withdraw_text,
        child_page_label="" if to_young_person else translate(lang, "family.child_page"),
        no_meeting_text=translate(lang, "family.no_meeting") if plan.status == LogStatus.ACTIVE else "",
    )


def _closed_text(plan: PlanView, lang: str) -> str:
    if plan.audience == "young_person":  # spoken to as "du", whoever closed it
        return translate(lang, "family.closed.young_person")
    if plan.is_withdrawn:
        return translate(lang, "family.closed.withdrawn")
    return translate(lang, "family.closed.by_holder", reason=plan.closing_reason_label)


def _child_when(lang: str, m: MeasureView, today: date) -> str:
    """When we next talk about a measure, as a child says it: "i dag", "i morgen", "på fredag" within
    a week, else the date. Nothing for a date that has passed or is no longer planned."""
    if not m.evaluation_date:
        return ""
    on = date.fromisoformat(m.evaluation_iso)
    days = (on - today).days
    if days < 0:
        return ""
    if days == 0:
        when = translate(lang, "child.when.today")
    elif days == 1:
        when = translate(lang, "child.when.tomorrow")
    elif days < DAYS_IN_A_WEEK:
        when = translate(lang, "child.when.weekday", day=weekday_names(lang, "wide")[on.weekday()])
    else:
        when = translate(lang, "child.when.date", date=format_short_date(lang, on).rsplit(" ", 1)[0])
    return translate(lang, "child.when", when=when)


def child_view(plan: PlanView, lang: str) -> ChildView:
    owner_id = _owner_id(plan)

    def card(m: MeasureView, at_home: bool) -> ChildCardView:
        picture = m.picture if is_known(m.picture) else DEFAULT_PICTURE.get(m.arena, "star")
        stars = sum(1 for result in m.history if result == "green")
        stars_label = translate_plural(lang, "child.stars", stars) if stars else ""
        return ChildCardView(
            when=_child_when(lang, m, today),
            measure_id=m.measure_id,
            title=m.title,
            picture=picture,
            picture_alt=alt_text(picture, lang),
            photo_url=m.photo_url,
            stars=stars,
            stars_label=stars_label,
            at_home=at_home,
        )

    today = today_in_norway()
    measures = _active_measures(plan)
    mine = [m for m in measures if m.responsible_id == owner_id or m.arena == "child"]
    home = [m for m in measures if m.arena == "home" and m not in mine]
    return ChildView(
        greeting=translate(lang, "child.greeting", name=plan.child_first_name),
        my_heading=translate(lang, "child.my_heading", name=plan.child_first_name),
        interest_picture=plan.interest_picture,
        interest_text=plan.interest_text,
        my_cards=[card(m, False) for m in mine],
        home_cards=[card(m, True) for m in home],
        can_write_glimmer=plan.can_write_glimmer and not plan.is_read_only,
        is_closed=plan.is_read_only,
        glimmer_intro=plan.glimmer_intro,
        glimmer_placeholder=plan.glimmer_placeholder,
    )
