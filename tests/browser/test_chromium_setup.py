"""The Chromium the browser tests drive: Playwright's own switches kept, and no renderer for what a
headless test never opens."""

import re
from pathlib import Path

import playwright
from playwright.sync_api import Browser

from tests.browser.conftest import PLAYWRIGHT_DISABLED_FEATURES

PLAYWRIGHT_BUNDLE = Path(playwright.__file__).parent / "driver" / "package" / "lib" / "coreBundle.js"


def test_playwrights_own_disabled_features_are_passed_again():
    """Chromium obeys only the last --disable-features: ours must repeat Playwright's (Edge's aside)."""
    listed = re.search(r"disabledFeatures = \[(.*?)\]", PLAYWRIGHT_BUNDLE.read_text(encoding="utf-8"), re.DOTALL)
    assert listed, f"no disabledFeatures list in {PLAYWRIGHT_BUNDLE}"
    theirs = {name for name in re.findall(r'"(\w+)"', listed.group(1)) if not name.startswith("ms")}
    assert theirs and theirs <= set(PLAYWRIGHT_DISABLED_FEATURES), theirs - set(PLAYWRIGHT_DISABLED_FEATURES)


def test_a_new_window_has_only_its_page(browser: Browser):
    context = browser.new_context()
    try:
        context.new_page().goto("about:blank")
        targets = browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
        assert [(t["type"], t["url"]) for t in targets] == [("page", "about:blank")]
    finally:
        context.close()
