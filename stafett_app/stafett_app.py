"""The Reflex app: pages from the route table, our HTTP routes mounted in front, and the
background round that sends notices."""

from pathlib import Path

import reflex as rx

from stafett_app.api import api
from stafett_app.i18n.frontend import write_texts_modules
from stafett_app.pages import ROUTES
from stafett_app.pwa import PWA_HEAD
from stafett_app.scheduler import notification_rounds
from stafett_app.services.client_errors import log_frontend_exception
from stafett_app.state.session import t

THEME_COLOUR = "#1f4e79"
BOOT_SCRIPT = (Path(__file__).resolve().parents[1] / "assets" / "stafett-boot.js").read_text()

# Before Reflex compiles (and copies assets/ into the frontend): the UI texts of each language.
write_texts_modules()

app = rx.App(
    stylesheets=["/stafett.css"],
    head_components=[
        # First, before the app's own scripts: a fresh tab state after signing in or out. Inline: a
        # script file here blocks the first paint until it arrives, behind every module the page
        # preloads (a second on a slow phone). Its hash goes into the CSP with the other inline ones.
        rx.el.script(BOOT_SCRIPT),
        # Read aloud, skip link, Web Push (delegated listeners): fetched early, run after parsing.
        rx.el.script(src="/stafett.js", defer=True),
        rx.el.meta(name="theme-color", content=THEME_COLOUR),
        rx.el.meta(name="robots", content="noindex"),
        *PWA_HEAD,
    ],
    html_lang="nb",
    api_transformer=api,
    frontend_exception_handler=log_frontend_exception,  # truncated, escaped, rate-limited
)

for route in ROUTES:
    app.add_page(route.page, route=route.path, title=t(route.title_key), on_load=list(route.on_load))

app.register_lifespan_task(notification_rounds)
