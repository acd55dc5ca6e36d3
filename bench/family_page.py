"""Family page on a phone profile: bytes over the wire, first contentful paint, and the time until
"what happens next" is on screen. Cold cache, throttled network (about 4G) and a 4x slower CPU.

Needs the app running (`make run`), then: .venv/bin/python bench/family_page.py [base-url]
"""

import re
import statistics
import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:3000"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8 * 5,
    "uploadThroughput": 750_000 / 8 * 2,
}
RUNS = 3


def measure_once(browser) -> dict[str, float]:
    signing_in = browser.new_context(**PHONE)
    page = signing_in.new_page()
    page.goto(f"{BASE}/")
    page.get_by_role("button", name=re.compile("Lise Andersen")).click()
    page.wait_for_url(re.compile(r"/logs/?$"))
    target = page.locator("a.log-link").first.get_attribute("href")
    cookies = signing_in.cookies()
    signing_in.close()
    # A new context: empty HTTP cache and no service worker, as on the first visit from an e-mail link.
    context = browser.new_context(**PHONE)
    context.add_cookies(cookies)
    fresh = context.new_page()
    cdp = context.new_cdp_session(fresh)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    transferred = {"http": 0, "websocket": 0}
    cdp.on(
        "Network.loadingFinished",
        lambda e: transferred.__setitem__("http", transferred["http"] + e["encodedDataLength"]),
    )
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda e: transferred.__setitem__(
            "websocket", transferred["websocket"] + len(e["response"]["payloadData"].encode())
        ),
    )
    fresh.goto(f"{BASE}{target}", wait_until="commit")
    fresh.locator("[data-testid=step-card]").first.wait_for(timeout=60_000)
    steps_ms = fresh.evaluate("performance.now()")
    fcp = fresh.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || -1")
    fresh.wait_for_timeout(500)
    context.close()
    return {
        "http_kb": transferred["http"] / 1024,
        "ws_kb": transferred["websocket"] / 1024,
        "fcp_ms": fcp,
        "steps_ms": steps_ms,
    }


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        runs = [measure_once(browser) for _ in range(RUNS)]
        browser.close()
    print(f"family page, phone profile (150 ms RTT, ~1 MB/s down, CPU x4), cold cache, {RUNS} runs, median:")
    for key, label in [
        ("http_kb", "transferred over HTTP (KiB)"),
        ("ws_kb", "websocket data received (KiB)"),
        ("fcp_ms", "first contentful paint (ms)"),
        ("steps_ms", "'what happens next' visible (ms)"),
    ]:
        values = [run[key] for run in runs]
        print(f"  {label:<36}{statistics.median(values):>9.1f}   (runs: {', '.join(f'{v:.0f}' for v in values)})")


if __name__ == "__main__":
    main()
