"""Reflex configuration. The database URL is the app's own (STAFETT_DB_URL, see stafett_app/db.py);
REFLEX_REDIS_URL switches Reflex to its Redis state manager for several workers.

The socket and CORS answer only the app's own origin (STAFETT_PUBLIC_URL, plus STAFETT_ALLOWED_ORIGINS):
Reflex's default "*" lets a page on any other site drive a signed-in person's socket.

A tab's state expires STAFETT_STATE_EXPIRY_MINUTES after its last event, in every state manager
(Reflex names the setting after Redis; the memory manager uses it too). Reflex's default is an hour.

Without Redis, a tab's state stays in this process's memory. Reflex's default writes every tab's state
to disk after its events, pickled: what a page shows of a child on the server's disk, and a fifth of
the event loop's time in the load benchmark. A restart forgets it; the tab reconnects and loads its
page again (everything a page shows is read from the database; drafts of forms are kept there too).

With Redis, a worker holds a tab's lock between its events and keeps the state in memory (Reflex's
opportunistic lock, REFLEX_OPLOCK_ENABLED, on unless set otherwise): a tab's socket stays on one worker,
so its events need no Redis round trip and no pickling. Another worker that needs the tab asks for the
lock, and the holder writes the state to Redis and lets go at once; otherwise after 5 s (half of
`redis_lock_expiration`). In the load benchmark (bench/redis_cost.py) Redis cost a worker a quarter to a
third of its page loads without it, and at most a seventh with it."""

import os

import reflex as rx

from stafett_app.build_chunks import FewerChunks, RadixThemesUsedColours
from stafett_app.settings import get_settings

# With REFLEX_REDIS_URL Reflex chooses Redis itself (only while the mode is left unset).
_STATE_IN_MEMORY = {} if get_settings().redis_url else {"state_manager_mode": rx.constants.StateManagerMode.MEMORY}
if get_settings().redis_url:
    os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "true")

config = rx.Config(
    app_name="stafett_app",
    telemetry_enabled=False,
    cors_allowed_origins=list(get_settings().allowed_origins),
    redis_token_expiration=get_settings().state_expiry_minutes * 60,
    show_built_with_reflex=False,
    default_color_mode="light",
    plugins=[
        FewerChunks(),  # one file for the icons, one for Radix: fewer round trips on a slow phone
        RadixThemesUsedColours(
            theme=rx.theme(appearance="light", accent_color="indigo", radius="medium", scaling="100%"),
        ),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
    # Build files are compressed once at build time; a browser gets Brotli (a sixth fewer bytes than gzip
    # before the family page shows: on a slow phone link every KB before the first paint counts).
    frontend_compression_formats=["brotli", "gzip"],
    **_STATE_IN_MEMORY,
)
