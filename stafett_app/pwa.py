"""Installable app (PWA): the web app manifest, the service worker, the offline page, head tags.

stafett_app/api.py serves the manifest, the worker and the offline page from routes; the icons are
files in assets/icons/ (drawn by scripts/make_icons.py), which Reflex serves from /icons/.

The worker is deliberately small. It keeps the app shell (the offline page and the icons) and
Vite's content-hashed build files (/assets/..., the UI texts of each language among them), and
nothing else: pages are always fetched from the network (Reflex reloads when the state schema
changes, so a stale page would break), and a child's data comes over the websocket (/_event),
which the worker never touches. When the network is gone, a page request gets the offline page.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import reflex as rx

THEME_COLOUR = "#1f4e79"
BACKGROUND_COLOUR = "#ffffff"
START_URL = "/logs/"

ICONS_DIR = Path(__file__).resolve().parents[1] / "assets" / "icons"
ICONS_URL = "/icons"
MANIFEST_URL = "/manifest.webmanifest"
SERVICE_WORKER_URL = "/sw.js"
OFFLINE_URL = "/offline.html"
FAVICON = f"{ICONS_URL}/favicon-32.png"
APPLE_TOUCH_ICON = f"{ICONS_URL}/apple-touch-icon-180.png"

# file name, pixel size, manifest purpose (None: not listed in the manifest)
ICON_FILES: list[tuple[str, int, str | None]] = [
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("icon-maskable-512.png", 512, "maskable"),
    ("apple-touch-icon-180.png", 180, None),
    ("favicon-32.png", 32, None),
]

MANIFEST: dict = {
    "id": "/",
    "name": "Stafett",
    "short_name": "Stafett",
    "description": (
        "Stafettloggen for barn og familier: planen, tiltakene og evalueringene samlet på ett sted, "
        "for familien og dem som hjelper."
    ),
    "lang": "nb",
    "dir": "ltr",
    "start_url": START_URL,
    "scope": "/",
    "display": "standalone",
    "theme_color": THEME_COLOUR,
    "background_color": BACKGROUND_COLOUR,
    "categories": ["education", "government"],
    "icons": [
        {"src": f"{ICONS_URL}/{name}", "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
        for name, size, purpose in ICON_FILES
        if purpose is not None
    ],
}

# The worker never intercepts these (the path itself or anything under it), so the browser
# handles them as if there were no worker, and nothing from them is ever cached.
NEVER_TOUCHED = [
    "/_event",  # Reflex's websocket: every child's data
    "/_upload",
    "/ping",
    "/_health",
    "/auth",  # sign-in and sign-out
    "/files",  # private files
    "/calendar",  # calendar feeds
    "/push",  # push key and subscriptions
    MANIFEST_URL,
    SERVICE_WORKER_URL,
]

# Cached when the worker installs: what the offline page needs, and the icons.
APP_SHELL = [OFFLINE_URL, *(f"{ICONS_URL}/{name}" for name, _, _ in ICON_FILES)]

# Vite's build output: every file name carries a content hash, so cache-first is safe.
STATIC_PREFIX = "/assets/"
CACHE_PREFIX = "stafett-"


def manifest_json() -> str:
    return json.dumps(MANIFEST, ensure_ascii=False, indent=2)


OFFLINE_HTML = (
    """<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="__THEME__">
<meta name="robots" content="noindex">
<title>Du er uten nett – Stafett</title>
<link rel="icon" type="image/png" href="__FAVICON__">
<style>
  *, *::before, *::after { box-sizing: border-box; }
  html, body { margin: 0; }
  body {
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
    font-size: 18px; line-height: 1.5; color: #1c2024; background: #f9f9f9;
    min-height: 100vh; display: flex; flex-direction: column;
  }
  header { background: __THEME__; color: #fff; padding: 10px 16px; font-weight: 700; font-size: 20px; }
  main { flex: 1; display: flex; align-items: center; justify-content: center; padding: 24px 16px; }
  .card {
    max-width: 30rem; width: 100%; background: #fff; border: 1px solid #e0e0e0;
    border-radius: 12px; padding: 28px 24px; text-align: center;
  }
  .card img { width: 72px; height: 72px; border-radius: 16px; }
  h1 { font-size: 26px; margin: 16px 0 8px; }
  p { margin: 0 0 12px; }
  .small { font-size: 15px; color: #60646c; }
  button {
    font: inherit; font-weight: 600; color: #fff; background: __THEME__; border: 0;
    border-radius: 8px; padding: 12px 24px; min-height: 48px; margin: 8px 0 16px; cursor: pointer;
  }
  :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
</style>
</head>
<body>
<header>Stafett</header>
<main>
  <div class="card">
    <img src="__ICON__" alt="">
    <h1>Du er uten nett</h1>
    <p>Stafett trenger nett for å vise planen og det som står i loggen.
       Prøv igjen når du har dekning.</p>
    <button type="button" id="retry">Prøv igjen</button>
    <p class="small">Av hensyn til personvernet lagres ingenting fra loggen på denne enheten.
       Siden lastes inn på nytt av seg selv når nettet er tilbake.</p>
  </div>
</main>
<script>
  // Reload by hand, or by itself once the server answers again. /ping is Reflex's own check,
  // which the service worker leaves alone. Probed only while the device says it has a network.
  (function () {
    var delay = 3000, timer = null;
    function probe() {
      if (!navigator.onLine) return later();
      fetch("/ping", { cache: "no-store" }).then(function (response) {
        if (response.ok) location.reload(); else later();
      }, later);
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(probe, delay);
      delay = Math.min(delay * 2, 60000);
    }
    document.getElementById("retry").addEventListener("click", function () { location.reload(); });
    window.addEventListener("online", function () { clearTimeout(timer); delay = 3000; probe(); });
    later();
  })();
</script>
</body>
</html>
""".replace("__THEME__", THEME_COLOUR)
    .replace("__FAVICON__", FAVICON)
    .replace("__ICON__", f"{ICONS_URL}/icon-192.png")
)


SERVICE_WORKER_TEMPLATE = """// Stafett's service worker, made by stafett_app/pwa.py and served by stafett_app/api.py.
// It keeps only the app shell and Vite's content-hashed build files. Pages go to the network
// first and are never stored; the websocket, sign-in, files and feeds are never touched.
"use strict";

const CACHE = __CACHE__;
const CACHE_PREFIX = __CACHE_PREFIX__;
const OFFLINE_URL = __OFFLINE_URL__;
const APP_SHELL = __APP_SHELL__;
const NEVER_TOUCHED = __NEVER_TOUCHED__;
const STATIC_PREFIX = __STATIC_PREFIX__;
const NOTICE_ICON = __NOTICE_ICON__;
const NOTICE_BADGE = __NOTICE_BADGE__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(APP_SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

function neverTouched(path) {
  return NEVER_TOUCHED.some((prefix) => path === prefix || path.startsWith(prefix + "/"));
}

// Only plain static files are stored: never JSON, never an HTML page, never a partial response.
function storable(response) {
  if (!response || response.status !== 200 || response.type !== "basic") return false;
  const type = (response.headers.get("content-type") || "").toLowerCase();
  return !type.includes("json") && !type.includes("html");
}

// Pages: network first, and the response is never stored. Offline: the offline page.
// "no-cache": the browser's HTTP cache may answer only after the server confirmed the page, so
// a page is never taken from there when the network is gone (Reflex sends HTML without
// Cache-Control, which browsers otherwise keep for a while).
async function networkFirstPage(request) {
  try {
    return await fetch(request, { cache: "no-cache" });
  } catch (error) {
    const cache = await caches.open(CACHE);
    return (await cache.match(OFFLINE_URL)) || Response.error();
  }
}

// Shell and build files: from the cache, else from the network and then kept.
async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (storable(response)) event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (neverTouched(url.pathname)) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirstPage(request));
    return;
  }
  if (request.headers.has("range")) return;
  if (url.pathname.startsWith(STATIC_PREFIX) || (APP_SHELL.includes(url.pathname) && url.pathname !== OFFLINE_URL)) {
    event.respondWith(cacheFirst(event));
  }
  // Anything else (data, API responses, other files) goes to the network untouched.
});

// A notice from the server: {title, body, url}. It never holds names or content, only that
// something new is waiting and where; the url is a path in the app.
function inAppUrl(url) {
  try {
    const target = new URL(url || "/logs/", self.location.origin);
    return target.origin === self.location.origin ? target.href : new URL("/logs/", self.location.origin).href;
  } catch (error) {
    return new URL("/logs/", self.location.origin).href;
  }
}

self.addEventListener("push", (event) => {
  let notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch (error) {
    notice = {};
  }
  event.waitUntil(
    self.registration.showNotification(notice.title || "Stafett", {
      body: notice.body || "",
      icon: NOTICE_ICON,
      badge: NOTICE_BADGE,
      data: { url: inAppUrl(notice.url) },
    })
  );
});

// Tapping the notice: bring an open Stafett window to that page, or open one.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = inAppUrl(event.notification.data && event.notification.data.url);
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    for (const client of windows) {
      if (new URL(client.url).origin !== self.location.origin) continue;
      const focused = await client.focus();
      if ("navigate" in focused) return focused.navigate(url);
      return focused;
    }
    return self.clients.openWindow(url);
  })());
});
"""


def _build_dir() -> Path:
    """Where Reflex puts the production frontend build (served from the site root)."""
    try:
        # Imported here: Reflex internals that may move between versions (the except below).
        from reflex.utils.prerequisites import get_web_dir  # noqa: PLC0415
        from reflex_base.constants import Dirs  # noqa: PLC0415

        return get_web_dir() / Dirs.STATIC
    except (ImportError, AttributeError):  # another Reflex layout: fall back to the default
        return Path(".web") / "build" / "client"


@functools.lru_cache(maxsize=8)
def _release_digest(build_stamp: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for text in (SERVICE_WORKER_TEMPLATE, OFFLINE_HTML, manifest_json(), *build_stamp):
        digest.update(text.encode())
    for name, _, _ in ICON_FILES:
        path = ICONS_DIR / name
        digest.update(path.read_bytes() if path.exists() else name.encode())
    return digest.hexdigest()[:12]


def cache_name() -> str:
    """The worker's cache name: it changes with each release (the build's hashed file names), with
    the worker itself, the offline page, the manifest or an icon. A changed name makes the browser
    install the new worker, which then drops the old caches."""
    assets = _build_dir() / "assets"
    try:
        stamp = tuple(sorted(entry.name for entry in assets.iterdir()))
    except OSError:  # no production build (dev mode)
        stamp = ()
    return CACHE_PREFIX + _release_digest(stamp)


def service_worker_js() -> str:
    values = {
        "__CACHE__": cache_name(),
        "__CACHE_PREFIX__": CACHE_PREFIX,
        "__OFFLINE_URL__": OFFLINE_URL,
        "__APP_SHELL__": APP_SHELL,
        "__NEVER_TOUCHED__": NEVER_TOUCHED,
        "__STATIC_PREFIX__": STATIC_PREFIX,
        "__NOTICE_ICON__": f"{ICONS_URL}/icon-192.png",
        "__NOTICE_BADGE__": f"{ICONS_URL}/favicon-32.png",
    }
    text = SERVICE_WORKER_TEMPLATE
    for placeholder, value in values.items():
        text = text.replace(placeholder, json.dumps(value))
    return text


# Registers the worker once the page has loaded; says nothing when it cannot (e.g. in dev mode,
# where the frontend server has no /sw.js).
REGISTER_SERVICE_WORKER = f"""
if ("serviceWorker" in navigator) {{
  var registerStafettWorker = function () {{
    navigator.serviceWorker.register({json.dumps(SERVICE_WORKER_URL)}, {{ scope: "/", updateViaCache: "none" }})
      .catch(function () {{}});
  }};
  if (document.readyState === "complete") registerStafettWorker();
  else window.addEventListener("load", registerStafettWorker, {{ once: true }});
}}
"""

PWA_HEAD: list[rx.Component] = [
    rx.el.link(rel="manifest", href=MANIFEST_URL),
    rx.el.link(rel="icon", type="image/png", sizes="32x32", href=FAVICON),
    rx.el.link(rel="apple-touch-icon", sizes="180x180", href=APPLE_TOUCH_ICON),
    rx.el.meta(name="application-name", content="Stafett"),
    rx.el.meta(name="mobile-web-app-capable", content="yes"),
    rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
    rx.el.meta(name="apple-mobile-web-app-title", content="Stafett"),
    rx.el.meta(name="apple-mobile-web-app-status-bar-style", content="default"),
    rx.el.script(REGISTER_SERVICE_WORKER),
]
