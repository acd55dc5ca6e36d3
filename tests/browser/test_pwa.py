"""The installable app in Chromium: installable, an offline page instead of the browser's error,
and a service worker that keeps no pages and no event traffic."""

from __future__ import annotations

import gzip
import re
import urllib.request
from collections.abc import Iterator

import brotli
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from stafett_app.i18n import translate
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, IGNORED_CONSOLE, VIEWPORTS, watched_page
from tests.browser.helpers import open_log, sign_in

pytestmark = pytest.mark.browser

LIST_CACHES = """async () => {
  const entries = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      entries.push({ cache: name, url: request.url, type: response.headers.get("content-type") || "" });
    }
  }
  return entries;
}"""

# The URL of the cached file whose text holds `needle`, waiting 15 s at most (the worker stores
# fetched files in the background), or null.
CACHED_FILE_WITH = """async (needle) => {
  const deadline = Date.now() + 15000;
  for (;;) {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if ((await (await cache.match(request)).text()).includes(needle)) return request.url;
      }
    }
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}"""


def wait_for_control(page: Page) -> None:
    """Wait until the service worker is active, then reload once so it controls the page."""
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)") is True
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


@pytest.fixture
def installed_context(browser, app_server, tmp_path) -> Iterator[BrowserContext]:
    """A persistent profile: Chromium judges installability only outside incognito-like contexts."""
    context = browser.browser_type.launch_persistent_context(
        user_data_dir=str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        base_url=app_server.url,
        viewport=VIEWPORTS["phone"],
        locale="nb-NO",
        timezone_id="Europe/Oslo",
    )
    context.set_default_timeout(15_000)
    context.set_default_navigation_timeout(30_000)
    try:
        yield context
    finally:
        context.close()


def test_the_app_is_installable(installed_context: BrowserContext, app_server):
    page = installed_context.pages[0] if installed_context.pages else installed_context.new_page()
    console_errors: list[str] = []
    page.on(
        "console",
        lambda m: m.type == "error" and not any(i in m.text for i in IGNORED_CONSOLE) and console_errors.append(m.text),
    )
    page.goto(app_server.url + "/")
    expect(page.get_by_role("heading", level=1, name="Logg inn i Stafett")).to_be_visible()
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)") is True

    cdp = installed_context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest["errors"] == []
    assert '"start_url": "/logs/"' in manifest["data"]
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], f"Chromium says the app is not installable: {errors}"
    assert console_errors == []


def test_offline_navigation_shows_the_offline_page(request, browser, app_server):
    with watched_page(request, browser, app_server, "phone") as page:
        sign_in(page, "Kari Nilsen")
        wait_for_control(page)
        context = page.context

        context.set_offline(True)
        try:
            page.goto("/logs/")
            expect(page.get_by_role("heading", level=1, name="Du er uten nett")).to_be_visible()
            expect(page.get_by_text("Prøv igjen når du har dekning.")).to_be_visible()
            expect(page.get_by_role("button", name="Prøv igjen")).to_be_visible()
            assert page.evaluate("document.documentElement.lang") == "nb"
            # The icon comes from the worker's cache, with the network gone.
            assert page.evaluate("document.querySelector('.card img').naturalWidth") == 192
        finally:
            context.set_offline(False)

        # Back online, the offline page reloads itself and the app is there again.
        expect(page.get_by_role("heading", level=1, name="Mine logger")).to_be_visible(timeout=20_000)
        page.goto("/logs/")
        expect(page.get_by_role("heading", level=1, name="Mine logger")).to_be_visible()
        open_log(page, "Emma")


def test_the_worker_keeps_no_pages_and_no_event_traffic(request, browser, app_server):
    with watched_page(request, browser, app_server, "phone") as page:
        page.goto("/")
        wait_for_control(page)
        sign_in(page, "Kari Nilsen")
        open_log(page, "Emma")
        page.reload()
        expect(page.locator(".child-card")).to_be_visible()
        assert page.evaluate("navigator.serviceWorker.controller !== null")

        # The worker stores fetched files in the background: wait (15 s at most) for the build files.
        entries = page.evaluate(
            f"""async () => {{
                const deadline = Date.now() + 15000;
                for (;;) {{
                    const entries = await ({LIST_CACHES})();
                    if (entries.some(e => e.url.includes("/assets/")) || Date.now() > deadline) return entries;
                    await new Promise(resolve => setTimeout(resolve, 100));
                }}
            }}"""
        )
        urls = [entry["url"] for entry in entries]

        assert any(url.endswith("/offline.html") for url in urls), urls
        assert any(url.endswith("/icons/icon-192.png") for url in urls), urls
        assert any("/assets/" in url for url in urls), f"no build files were cached: {urls}"
        for url in urls:
            path = re.sub(r"^https?://[^/]+", "", url)
            for forbidden in ("/_event", "/logs", "/auth", "/files", "/calendar", "/_upload"):
                assert not path.startswith(forbidden), f"the worker cached {url}"
            assert path == "/offline.html" or path.startswith(("/assets/", "/icons/")), f"unexpected cache entry {url}"
        for entry in entries:
            assert "json" not in entry["type"], f"the worker cached JSON: {entry}"
            if "html" in entry["type"]:
                assert entry["url"].endswith("/offline.html"), f"the worker cached a page: {entry}"
        # The UI texts are build files too (stafett_app/i18n/frontend.py): kept like the rest.
        texts_url = page.evaluate(CACHED_FILE_WITH, translate("nb", "nav.skip_to_content"))
        assert texts_url is not None and "/assets/" in texts_url, texts_url


def _get(url: str, accept_encoding: str = "identity") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_manifest_worker_and_icons_are_served(app_server):
    status, headers, body = _get(app_server.url + "/manifest.webmanifest")
    assert status == 200 and headers["content-type"].startswith("application/manifest+json")
    assert b'"name": "Stafett"' in body

    status, headers, body = _get(app_server.url + "/sw.js")
    assert status == 200 and headers["content-type"].startswith("application/javascript")
    assert headers["cache-control"] == "no-cache"
    assert headers["service-worker-allowed"] == "/"

    status, headers, body = _get(app_server.url + "/offline.html")
    assert status == 200 and headers["content-type"].startswith("text/html")

    # assets/icons/ is served from the site root: /icons/...
    for name in ("icon-192.png", "icon-512.png", "icon-maskable-512.png", "apple-touch-icon-180.png", "favicon-32.png"):
        status, headers, body = _get(f"{app_server.url}/icons/{name}")
        assert status == 200 and headers["content-type"] == "image/png" and body[:8] == b"\x89PNG\r\n\x1a\n"

    # Every page links the manifest and the icons and registers the worker; start_url answers.
    status, _, body = _get(app_server.url + "/")
    html = body.decode()
    links = re.findall(r"<link[^>]*>", html)
    assert any('rel="manifest"' in link and 'href="/manifest.webmanifest"' in link for link in links), links
    assert "/icons/favicon-32.png" in html and "/icons/apple-touch-icon-180.png" in html
    assert 'navigator.serviceWorker.register("/sw.js"' in html
    status, _, _ = _get(app_server.url + "/logs/")
    assert status == 200


def test_build_files_are_sent_with_brotli_to_browsers_that_take_it(app_server):
    """A phone on a slow link gets the page's script and style files Brotli-compressed (rxconfig.py),
    the same bytes as uncompressed; a client without Brotli gets gzip."""
    _, _, body = _get(app_server.url + "/")
    files = sorted(set(re.findall(r'"(/assets/[^"]+\.(?:js|css))"', body.decode())))
    assert any(f.endswith(".css") for f in files) and len(files) > 5, files
    for path in files:
        _, _, plain = _get(app_server.url + path)
        _, headers, sent = _get(app_server.url + path, "gzip, deflate, br, zstd")
        assert headers.get("content-encoding") == "br" and brotli.decompress(sent) == plain, path
        _, headers, sent = _get(app_server.url + path, "gzip")
        assert headers.get("content-encoding") == "gzip" and gzip.decompress(sent) == plain, path
