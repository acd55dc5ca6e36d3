"""Pictures for what a child likes. Keys are stored in the log; icons come from the bundled Lucide set."""

import reflex as rx

INTEREST_ICONS = {
    "football": "volleyball",
    "fishing": "fish",
    "drawing": "palette",
    "music": "music",
    "animals": "dog",
    "games": "gamepad-2",
    "books": "book-open",
    "cycling": "bike",
    "swimming": "waves",
    "building": "blocks",
}


def interest_picture(key: rx.Var, size: int = 40) -> rx.Component:
    return rx.match(
        key,
        *[(name, rx.icon(icon, size=size, aria_hidden="true")) for name, icon in INTEREST_ICONS.items()],
        rx.icon("heart", size=size, aria_hidden="true"),
    )
