"""Screenshots of every page as each demo person, at phone and tablet size, for a person to look at.

    source scripts/env.sh && python scripts/screenshots.py [/tmp/shots]

Builds and starts the app on a fresh seeded SQLite file (as the browser tests do), signs in each demo
person, and saves full-page PNGs named <size>-<person>-<page>.png.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, VIEWPORTS, _reflex_env, _stop, start_app_server  # noqa: E402

# Who, and which pages beyond the one they land on: (name in the file, path or a tab of the plan).
PEOPLE = {
    "Emma Andersen": ["/calendar"],
    "Jonas Strand": ["plan", "/messages", "/calendar"],
    "Lise Andersen": ["plan", "plan:tree", "/logs/1/child", "/logs/1/messages", "/calendar", "/logs"],
    "Kari Nilsen": ["plan", "plan:tree", "plan:timeline", "meeting", "family", "/calendar", "/messages"],
    "Siri Berg": ["plan", "plan:tree"],
    "Ingrid Haugen": ["plan", "plan:tree"],
    "Tor Johansen": ["/files/photos/1"],
    "Per Hansen": ["/logs/1"],
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _shoot(page: Page, out: Path, name: str) -> None:
    page.wait_for_timeout(600)
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)


def _first_log(page: Page) -> str | None:
    match = re.search(r"/logs/(\d+)", page.url)
    if match:
        return match.group(1)
    link = page.locator("a.log-link").first
    if link.count() == 0:
        return None
    href = link.get_attribute("href") or ""
    found = re.search(r"/logs/(\d+)", href)
    return found.group(1) if found else None


def shoot_person(page: Page, out: Path, size: str, person: str, pages: list[str]) -> None:
    prefix = f"{size}-{_slug(person.split(maxsplit=1)[0])}"
    page.goto("/")
    page.get_by_role("button", name=re.compile(person)).click()
    page.wait_for_url(re.compile(r"/logs"))
    page.wait_for_timeout(1500)
    _shoot(page, out, f"{prefix}-0-landing")
    log_id = _first_log(page)
    for number, target in enumerate(pages, start=1):
        name = f"{prefix}-{number}-{_slug(target) or 'page'}"
        if target.startswith("/"):
            page.goto(target)
        elif log_id is None:
            continue
        elif target.startswith("plan"):
            page.goto(f"/logs/{log_id}")
            page.wait_for_timeout(1200)
            tab = target.partition(":")[2]
            if tab:
                page.locator(f".tab-{tab}").click()
        elif target == "meeting":
            page.goto(f"/logs/{log_id}/meeting")
        elif target == "family":
            page.goto(f"/logs/{log_id}/family")
        page.wait_for_timeout(1200)
        _shoot(page, out, name)
    page.goto("/logs")
    page.wait_for_timeout(800)
    logout = page.get_by_role("button", name="Logg ut")
    if logout.count():
        logout.first.click()
        page.wait_for_url(re.compile(r"/$"))


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")  # noqa: S108 - a folder to look at, on purpose
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    workdir = Path(tempfile.mkdtemp(prefix="stafett-shots-"))
    server = start_app_server(ROOT, _reflex_env(f"sqlite:///{workdir / 'stafett.db'}"), workdir)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for size, viewport in VIEWPORTS.items():
                for person, pages in PEOPLE.items():
                    context = browser.new_context(
                        base_url=server.url, viewport=viewport, locale="nb-NO", timezone_id="Europe/Oslo"
                    )
                    try:
                        shoot_person(context.new_page(), out, size, person, pages)
                    except Exception as problem:  # noqa: BLE001 - one person's failure should not stop the rest
                        print(f"{size} {person}: {problem}", file=sys.stderr)
                    finally:
                        context.close()
            browser.close()
    finally:
        _stop(server.process)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{len(list(out.glob('*.png')))} screenshots in {out}")


if __name__ == "__main__":
    main()
