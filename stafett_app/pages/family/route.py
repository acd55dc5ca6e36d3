"""The family page's route: the family view, or, for a draft, only what the family is asked."""

import reflex as rx

from stafett_app.pages.family.consent_card import consent_only_page
from stafett_app.pages.family.page import family_page
from stafett_app.pages.family.state import FamilyState


def family_or_consent_page() -> rx.Component:
    return rx.cond(FamilyState.consent_only, consent_only_page(), family_page())
