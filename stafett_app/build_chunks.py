"""Fewer, larger JavaScript files in the production build (a Reflex plugin, see rxconfig.py).

Left to itself the bundler gives every Radix component and every lucide icon a file of its own,
because pages share them in different combinations: the sign-in page then fetches about 40 files
and the plan page 60, each a few hundred bytes of code behind a round trip and the response
headers (the CSP alone is over a kilobyte). On a slow phone the browser fetches six at a time, so
those round trips, not the bytes, decided when a page showed. Here the icons the app uses form one
file and Radix another; every page needs most of both anyway.
"""

import dataclasses
from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex_base import constants

# Where Reflex's vite.config.js template lists its own chunk group; ours follow it.
ANCHOR = 'name: "reflex-env",\n            },'
GROUPS = """
            {
              test: /node_modules[\\\\/]lucide-react[\\\\/]/,
              name: "icons-lucide",
            },
            {
              test: /node_modules[\\\\/]@radix-ui[\\\\/]/,
              name: "radix",
            },"""


def with_groups(config: str) -> str:
    if ANCHOR not in config:
        raise RuntimeError("vite.config.js has changed shape: see stafett_app/build_chunks.py")
    return config.replace(ANCHOR, ANCHOR + GROUPS, 1)


class FewerChunks(rx.plugins.Plugin):
    def pre_compile(self, **context: Any) -> None:
        modify: Callable[[str, Callable[[str], str]], None] = context["add_modify_task"]
        modify(constants.ReactRouter.VITE_CONFIG_FILE, with_groups)


# Radix Themes' one stylesheet carries the colour tokens of all 31 colour scales (35 KB of its 88 KB
# gzipped), and it blocks the first paint. The app uses these (accent, grey scale, color_scheme=...);
# a colour not listed here would show uncoloured: add it here first.
RADIX_COLOURS = ("indigo", "gray", "slate", "red", "green", "amber", "blue", "orange", "violet")


@dataclasses.dataclass
class RadixThemesUsedColours(rx.plugins.RadixThemesPlugin):
    """Radix Themes with only the colour scales the app uses (the parts styles.css imports, in its order)."""

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        if not self.enabled:
            return ()
        return (
            *(f"@radix-ui/themes/tokens/colors/{colour}.css" for colour in RADIX_COLOURS),
            "@radix-ui/themes/tokens/base.css",
            "@radix-ui/themes/components.css",
            "@radix-ui/themes/utilities.css",
        )
