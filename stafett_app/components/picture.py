"""Render a picture of the bundled set by its key.

The key is only known at runtime (it comes from the database through state), so the icon is
picked with one rx.match over the whole set: every icon is a static, tree-shaken import of
lucide-react, and an unknown or empty key shows the fallback picture.
"""

import reflex as rx

from stafett_app.pictures import PICTURES

FALLBACK_ICON = "star"


def picture_icon(key: rx.Var[str], size: int = 64, lang_alt: rx.Var[str] | None = None) -> rx.Component:
    """The picture for ``key``.

    With ``lang_alt`` (the alt text in the reader's language, e.g. from ``alt_text``) the picture
    is an image with that accessible name; without it the picture is decorative and hidden from
    screen readers (use that when the text next to it already says the same).
    """
    icon = rx.match(
        key,
        *[(p.key, rx.icon(p.icon, size=size, aria_hidden="true")) for p in PICTURES],
        rx.icon(FALLBACK_ICON, size=size, aria_hidden="true"),
    )
    if lang_alt is None:
        return rx.box(icon, class_name="picture", line_height="0")
    return rx.box(icon, role="img", aria_label=lang_alt, class_name="picture", line_height="0")
