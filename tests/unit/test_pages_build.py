"""Every page's component tree builds: a wrong component argument fails here in a second,
before the minute-long production build of the browser tests."""

import pytest

import stafett_app.stafett_app as app_module


@pytest.mark.parametrize("route", sorted(app_module.app._unevaluated_pages))
def test_page_builds(route):
    page = app_module.app._unevaluated_pages[route]
    assert page.component() is not None
