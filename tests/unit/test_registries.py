"""The form registry and the route table: each entry complete, in every language."""

import pytest

from stafett_app.forms.registry import FORM_KINDS, FORMS
from stafett_app.i18n import LANGUAGES, catalogue
from stafett_app.pages import ROUTES
from stafett_app.pages.family.state import FamilyState
from stafett_app.pages.plan.state import PlanState


@pytest.mark.parametrize("kind", FORM_KINDS, ids=lambda kind: kind.key)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_form_has_a_heading_and_a_saved_message(kind, lang):
    texts = catalogue(lang)
    assert texts.get(kind.heading_key), (lang, kind.heading_key)
    assert kind.save is None or texts.get(kind.saved_key), (lang, kind.saved_key)


def test_form_keys_are_unique_and_pages_offer_only_registered_kinds():
    assert len(FORMS) == len(FORM_KINDS)
    for state in (PlanState, FamilyState):
        assert state._offered_kinds() <= set(FORMS)
    assert FamilyState._offered_kinds() == {"comment"}  # the family writes comments, nothing else


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_a_translated_title(lang):
    for route in ROUTES:
        assert catalogue(lang).get(route.title_key), (lang, route.path)


def test_routes_are_unique_and_every_page_checks_the_person_on_load():
    assert len({route.path for route in ROUTES}) == len(ROUTES)
    for route in ROUTES:
        assert route.on_load, route.path
