"""The bare Reflex counter the load benchmark (bench/load.py) measures Stafett against: the framework's floor."""

import reflex as rx

config = rx.Config(app_name="counter_app", telemetry_enabled=False, disable_plugins=[rx.plugins.SitemapPlugin])
