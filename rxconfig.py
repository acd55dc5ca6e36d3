"""Reflex configuration. The database URL is the app's own (STAFETT_DB_URL, see stafett_app/db.py);
REFLEX_REDIS_URL switches Reflex to its Redis state manager for several workers."""

import reflex as rx

config = rx.Config(
    app_name="stafett_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="light",
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(appearance="light", accent_color="indigo", radius="medium", scaling="100%"),
        ),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
