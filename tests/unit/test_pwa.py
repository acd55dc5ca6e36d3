"""The installable app: manifest, icons, the service worker's rules, and the routes that serve them.

The service worker is also run in Node with fake caches and a fake network (when Node is there),
so its rules are checked by behaviour, not only by reading its text.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import pytest
from PIL import Image
from starlette.testclient import TestClient

from stafett_app import pwa

REQUIRED_NEVER = ["/_event", "/_upload", "/auth", "/files", "/calendar"]


# --- manifest -------------------------------------------------------------------------------------


def test_manifest_fields():
    manifest = json.loads(pwa.manifest_json())
    assert manifest["name"] == "Stafett"
    assert manifest["short_name"] == "Stafett"
    assert manifest["start_url"] == "/logs/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#1f4e79"
    assert manifest["background_color"].startswith("#")
    assert manifest["lang"] == "nb"
    assert len(manifest["description"]) > 20


def test_manifest_icons():
    icons = json.loads(pwa.manifest_json())["icons"]
    sizes = {icon["sizes"] for icon in icons if "any" in icon["purpose"].split()}
    assert {"192x192", "512x512"} <= sizes
    maskable = [icon for icon in icons if "maskable" in icon["purpose"].split()]
    assert len(maskable) == 1
    for icon in icons:
        assert icon["type"] == "image/png"
        assert icon["src"].startswith("/icons/")


# --- icons ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "size"), [(name, size) for name, size, _ in pwa.ICON_FILES])
def test_icon_files_have_their_pixel_size(name, size):
    path = pwa.ICONS_DIR / name
    assert path.exists(), f"{path} is missing: run python scripts/make_icons.py"
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (size, size)


def test_manifest_icon_sizes_match_the_files():
    for icon in json.loads(pwa.manifest_json())["icons"]:
        with Image.open(pwa.ICONS_DIR / icon["src"].rsplit("/", 1)[-1]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]


def _close(a, b, tolerance=3):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def test_maskable_icon_is_full_bleed_with_the_mark_in_the_safe_zone():
    blue = (0x1F, 0x4E, 0x79, 255)
    with Image.open(pwa.ICONS_DIR / "icon-maskable-512.png") as image:
        rgba = image.convert("RGBA")
    size = rgba.width
    pixels = rgba.load()
    safe_radius = 0.4 * size  # the central 80 %: a circle of 40 % of the size around the centre
    outside = [
        (x, y)
        for y in range(0, size, 2)
        for x in range(0, size, 2)
        if math.dist((x + 0.5, y + 0.5), (size / 2, size / 2)) > safe_radius
    ]
    stray = [(x, y) for x, y in outside if not _close(pixels[x, y], blue)]
    assert stray == [], f"the mark leaves the safe zone at {stray[:5]}"
    white = sum(1 for y in range(size) for x in range(size) if pixels[x, y][:3] == (255, 255, 255))
    assert white > size * size * 0.05, "the maskable icon has no visible mark"


def test_apple_touch_icon_is_opaque_and_any_icons_show_the_mark():
    with Image.open(pwa.ICONS_DIR / "apple-touch-icon-180.png") as image:
        assert image.mode == "RGB"
    for name in ("icon-192.png", "icon-512.png", "favicon-32.png"):
        with Image.open(pwa.ICONS_DIR / name) as image:
            rgba = image.convert("RGBA")
        centre = rgba.getpixel((rgba.width // 2, rgba.height // 2))
        assert centre[3] == 255
        colours = {rgba.getpixel((x, y))[:3] for x in range(rgba.width) for y in range(rgba.height)}
        assert (255, 255, 255) in colours and (0x1F, 0x4E, 0x79) in colours


# --- service worker text ----------------------------------------------------------------------------


def test_service_worker_never_touches_event_upload_auth_files_or_calendar():
    script = pwa.service_worker_js()
    for path in REQUIRED_NEVER:
        assert path in pwa.NEVER_TOUCHED
    never_line = next(line for line in script.splitlines() if line.startswith("const NEVER_TOUCHED"))
    assert json.loads(never_line.split("=", 1)[1].strip().rstrip(";")) == pwa.NEVER_TOUCHED
    shell_line = next(line for line in script.splitlines() if line.startswith("const APP_SHELL"))
    shell = json.loads(shell_line.split("=", 1)[1].strip().rstrip(";"))
    assert "/offline.html" in shell
    assert not any(entry.startswith(tuple(REQUIRED_NEVER)) for entry in shell)
    # the never-list is checked before anything is answered or stored
    fetch_handler = script[script.index('addEventListener("fetch"') :]
    assert fetch_handler.index("neverTouched(") < fetch_handler.index("respondWith(")


def test_service_worker_is_network_first_for_pages_and_versioned():
    script = pwa.service_worker_js()
    assert 'request.mode === "navigate"' in script
    page_function = script[script.index("async function networkFirstPage") :]
    page_function = page_function[: page_function.index("\n}\n")]
    assert 'fetch(request, { cache: "no-cache" })' in page_function, "pages must come from the server, not a cache"
    assert ".put(" not in page_function, "navigation responses must never be stored"
    assert "skipWaiting()" in script and "clients.claim()" in script
    assert pwa.cache_name().startswith("stafett-") and f'"{pwa.cache_name()}"' in script


def test_offline_page_is_norwegian_and_self_contained():
    html = pwa.OFFLINE_HTML
    assert '<html lang="nb">' in html
    assert "Du er uten nett" in html
    assert "Prøv igjen" in html
    # nothing it needs may come from the network, except the icons the worker keeps
    for marker in ('src="http', 'href="http', '<link rel="stylesheet"'):
        assert marker not in html


# --- the service worker, run in Node ---------------------------------------------------------------

HARNESS = r"""
const vm = require("vm");
const fs = require("fs");
const ORIGIN = "https://stafett.example.no";
const source = fs.readFileSync(process.argv[2], "utf8");

class FakeRequest {
  constructor(input, init = {}) {
    this.url = new URL(typeof input === "string" ? input : input.url, ORIGIN).href;
    this.method = init.method || "GET";
    this.mode = init.mode || "cors";
    this.headers = new Headers(init.headers || {});
  }
}
const key = (request) => (typeof request === "string" ? new URL(request, ORIGIN).href : request.url);

let online = true;
const network = [];
async function fakeFetch(input) {
  const url = key(input);
  network.push(url);
  if (!online) throw new TypeError("Failed to fetch");
  const path = new URL(url).pathname;
  let type = "text/html; charset=utf-8";
  if (path.endsWith(".js")) type = "application/javascript";
  else if (path.endsWith(".css")) type = "text/css";
  else if (path.endsWith(".png")) type = "image/png";
  else if (path.endsWith(".json")) type = "application/json";
  const response = new Response("network:" + path, { status: 200, headers: { "content-type": type } });
  Object.defineProperty(response, "type", { value: new URL(url).origin === ORIGIN ? "basic" : "cors" });
  return response;
}

const stores = new Map();
class FakeCache {
  constructor() { this.entries = new Map(); }
  async match(request) { const hit = this.entries.get(key(request)); return hit ? hit.clone() : undefined; }
  async put(request, response) { this.entries.set(key(request), response); }
  async addAll(requests) { for (const request of requests) this.entries.set(key(request), await fakeFetch(request)); }
}
const caches = {
  async open(name) { if (!stores.has(name)) stores.set(name, new FakeCache()); return stores.get(name); },
  async keys() { return [...stores.keys()]; },
  async delete(name) { return stores.delete(name); },
};

const listeners = {};
const calls = [];
const self = {
  location: new URL(ORIGIN + "/sw.js"),
  addEventListener(type, listener) { (listeners[type] = listeners[type] || []).push(listener); },
  skipWaiting() { calls.push("skipWaiting"); return Promise.resolve(); },
  clients: { claim() { calls.push("claim"); return Promise.resolve(); } },
};
vm.runInNewContext(source, { self, caches, fetch: fakeFetch, Request: FakeRequest, Response, Headers, URL, console });

async function lifecycle(type) {
  const waits = [];
  listeners[type].forEach((listener) => listener({ waitUntil(p) { waits.push(p); } }));
  await Promise.all(waits);
}

async function request(url, init = {}) {
  const request = new FakeRequest(url, init);
  let answer = null;
  const waits = [];
  const event = { request, respondWith(p) { answer = Promise.resolve(p); }, waitUntil(p) { waits.push(p); } };
  const before = network.length;
  listeners.fetch.forEach((listener) => listener(event));
  let body = null;
  if (answer) {
    try { body = await (await answer).text(); } catch (error) { body = "error:" + error.message; }
  }
  await Promise.all(waits);
  return { url, intercepted: answer !== null, body, network: network.length - before };
}

function cached() {
  const urls = [];
  for (const [name, cache] of stores) {
    for (const url of cache.entries.keys()) urls.push([name, url.replace(ORIGIN, "")]);
  }
  return urls;
}

(async () => {
  await caches.open("stafett-old-release");
  await caches.open("someone-else");
  await lifecycle("install");
  await lifecycle("activate");
  const out = { calls: [...calls], caches: await caches.keys(), afterInstall: cached(), requests: {} };
  const plan = JSON.parse(process.argv[3]);
  for (const [label, url, init, offline] of plan) {
    online = !offline;
    out.requests[label] = await request(url, init);
  }
  online = true;
  out.afterRequests = cached();
  console.log(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
"""

ORIGIN = "https://stafett.example.no"
NAV = {"mode": "navigate"}
PLAN = [
    # label, url, request init, offline?
    ("event websocket", "/_event/?transport=websocket", {}, False),
    ("event polling", "/_event", {}, False),
    ("upload", "/_upload/photo.jpg", {}, False),
    ("ping", "/ping", {}, False),
    ("health", "/_health", {}, False),
    ("auth page", "/auth/callback?code=1", NAV, False),
    ("auth post", "/auth/demo-login", {"method": "POST", "mode": "navigate"}, False),
    ("file", "/files/photos/3", {}, False),
    ("file page", "/files/photos/3", NAV, False),
    ("calendar", "/calendar/abc.ics", {}, False),
    ("manifest", "/manifest.webmanifest", {}, False),
    ("post asset", "/assets/x-1.js", {"method": "POST"}, False),
    ("cross origin", "https://cdn.example.com/assets/lib-1.js", {}, False),
    ("json data", "/api/children.json", {}, False),
    ("stylesheet", "/stafett.css", {}, False),
    ("asset first", "/assets/root-BC2oAfR1.js", {}, False),
    ("asset again", "/assets/root-BC2oAfR1.js", {}, False),
    ("asset offline", "/assets/root-BC2oAfR1.js", {}, True),
    ("json asset", "/assets/data-1.json", {}, False),
    ("html asset", "/assets/page-1.html", {}, False),
    ("page", "/logs/3", NAV, False),
    ("page offline", "/logs/3", NAV, True),
    ("icon offline", "/icons/icon-192.png", {}, True),
]


@pytest.fixture(scope="module")
def worker_run(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed")
    folder = tmp_path_factory.mktemp("sw")
    (folder / "sw.js").write_text(pwa.service_worker_js())
    (folder / "harness.js").write_text(HARNESS)
    result = subprocess.run(
        [node, str(folder / "harness.js"), str(folder / "sw.js"), json.dumps(PLAN)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_worker_install_caches_the_shell_and_activate_drops_old_caches(worker_run):
    assert worker_run["calls"] == ["skipWaiting", "claim"]
    assert sorted(worker_run["caches"]) == sorted([pwa.cache_name(), "someone-else"])
    assert sorted(url for _, url in worker_run["afterInstall"]) == sorted(pwa.APP_SHELL)


@pytest.mark.parametrize(
    "label",
    [
        "event websocket",
        "event polling",
        "upload",
        "ping",
        "health",
        "auth page",
        "auth post",
        "file",
        "file page",
        "calendar",
        "manifest",
        "post asset",
        "cross origin",
        "json data",
        "stylesheet",
    ],
)
def test_worker_leaves_these_requests_alone(worker_run, label):
    assert worker_run["requests"][label]["intercepted"] is False


def test_worker_serves_build_files_cache_first(worker_run):
    first, again, offline = (worker_run["requests"][k] for k in ("asset first", "asset again", "asset offline"))
    assert first["intercepted"] and first["network"] == 1 and first["body"] == "network:/assets/root-BC2oAfR1.js"
    assert again["intercepted"] and again["network"] == 0 and again["body"] == first["body"]
    assert offline["body"] == first["body"]
    assert worker_run["requests"]["icon offline"]["body"] == "network:/icons/icon-192.png"


def test_worker_fetches_pages_network_first_and_falls_back_to_the_offline_page(worker_run):
    page, offline = worker_run["requests"]["page"], worker_run["requests"]["page offline"]
    assert page["intercepted"] and page["network"] == 1 and page["body"] == "network:/logs/3"
    assert offline["intercepted"] and offline["body"] == "network:/offline.html"


def test_worker_stores_no_page_no_json_and_no_event_traffic(worker_run):
    stored = [url for _, url in worker_run["afterRequests"]]
    assert sorted(stored) == sorted([*pwa.APP_SHELL, "/assets/root-BC2oAfR1.js"])
    for url in stored:
        assert not url.startswith(("/_event", "/logs", "/auth", "/files", "/calendar", "/_upload"))
        assert not url.endswith((".json", ".html")) or url == "/offline.html"


# --- routes ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    from stafett_app.api import api

    with TestClient(api) as client:
        yield client


def test_manifest_route(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    assert response.json() == pwa.MANIFEST


def test_service_worker_route(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["service-worker-allowed"] == "/"
    assert "const NEVER_TOUCHED" in response.text


def test_offline_route(client):
    response = client.get("/offline.html")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Du er uten nett" in response.text


def test_head_components_link_the_manifest_icons_and_register_the_worker():
    rendered = "\n".join(str(component) for component in pwa.PWA_HEAD)
    for expected in (
        "/manifest.webmanifest",
        "/icons/favicon-32.png",
        "/icons/apple-touch-icon-180.png",
        "apple-mobile-web-app-capable",
        "serviceWorker",
        "/sw.js",
    ):
        assert expected in rendered
