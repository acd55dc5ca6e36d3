"""The consent proposal on the family's own page: what a stafettlogg is, in plain words, who is
proposed (role, unit, why), who else is asked, and a clear, confirmed step to consent."""

import reflex as rx

from stafett_app.components.confirm import confirm_dialog, confirm_trigger
from stafett_app.components.layout import loading, page_shell
from stafett_app.components.practice import practice_banner
from stafett_app.pages.family.state import FamilyState
from stafett_app.state.session import t


def _person(row) -> rx.Component:
    return rx.card(
        rx.text(row.name, weight="bold", size="3"),
        rx.text(row.role_label, rx.cond(row.unit_name != "", " · " + row.unit_name.to(str), ""), size="2"),
        rx.cond(row.why != "", rx.text(t("consent_request.why"), " ", row.why, size="2")),
        width="100%",
        class_name="proposed-person",
    )


def _asked(row) -> rx.Component:
    return rx.hstack(
        rx.text(row.name, size="2"),
        rx.cond(
            row.confirmed,
            rx.badge(rx.icon("check", size=14, aria_hidden="true"), t("start.consented"), color_scheme="green"),
            rx.badge(rx.icon("clock", size=14, aria_hidden="true"), t("start.still_asked"), color_scheme="orange"),
        ),
        spacing="2",
        align="center",
    )


def _confirm(proposal) -> rx.Component:
    return confirm_dialog(
        confirm_trigger(
            t("consent_request.consent"),
            "give-consent",
            icon="circle-check",
            icon_size=18,
            size="3",
            color_scheme="green",
        ),
        title=t("consent_request.confirm_title"),
        text=t("consent_request.confirm_text"),
        confirm=t("consent_request.confirm"),
        on_confirm=FamilyState.confirm_consent(proposal.request_id),
        confirm_class="confirm-consent",
        color_scheme="green",
    )


def _proposal(proposal) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(
                rx.cond(proposal.reopen, t("consent_request.heading_reopen"), t("consent_request.heading")),
                size="5",
                as_="h2",
            ),
            rx.text(t("consent_request.what_is"), size="3"),
            rx.text(t("consent_request.your_rights"), size="2"),
            rx.heading(t("consent_request.proposed"), size="3", as_="h3"),
            rx.foreach(proposal.proposed, _person),
            rx.heading(t("consent_request.asked"), size="3", as_="h3"),
            rx.foreach(proposal.asked, _asked),
            rx.cond(
                proposal.confirmed_by_me,
                rx.callout(t("consent_request.you_consented"), icon="circle-check", color_scheme="green"),
                _confirm(proposal),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        class_name="consent-request",
        data_testid="consent-request",
    )


def consent_requests() -> rx.Component:
    return rx.foreach(FamilyState.proposals, _proposal)


def draft_waiting() -> rx.Component:
    """A draft with nothing (more) to confirm: the log starts when the holder activates it."""
    return rx.cond(
        FamilyState.proposals.length() == 0,
        rx.callout(t("consent_request.waiting_for_start"), icon="info", class_name="draft-waiting"),
    )


def consent_only_page() -> rx.Component:
    """Before the log starts: the proposal, and nothing else of the draft."""
    return page_shell(
        practice_banner(FamilyState.practice_until),
        rx.cond(
            FamilyState.loaded,
            rx.vstack(
                rx.heading(t("consent_request.page_heading"), size="7", as_="h1"),
                consent_requests(),
                draft_waiting(),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
    )
