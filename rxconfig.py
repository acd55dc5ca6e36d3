"""Reflex configuration. Every value can be overridden from the environment (REFLEX_*)."""

import os

import reflex as rx

config = rx.Config(
    app_name="stafett_app",
    db_url=os.environ.get("STAFETT_DB_URL", "sqlite:///stafett.db"),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="light",
    disable_plugins=["reflex.plugins.sitemap.SitemapPlugin"],
)
