"""Render a picture of the bundled set by its key (known only at runtime, so one rx.match)."""

import reflex as rx

from stafett_app.pictures import PICTURES

FALLBACK_ICON = "star"


def picture_icon(key: rx.Var, size: int = 64, lang_alt: rx.Var | None = None) -> rx.Component:
    icon = rx.match(
        key,
        *[(p.key, rx.icon(p.icon, size=size, aria_hidden="true")) for p in PICTURES],
        rx.icon(FALLBACK_ICON, size=size, aria_hidden="true"),
    )
    if lang_alt is None:
        return rx.box(icon, class_name="picture", line_height="0")
    return rx.box(icon, role="img", aria_label=lang_alt, class_name="picture", line_height="0")
