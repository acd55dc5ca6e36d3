"""Draw Stafett's app icons into assets/icons/ (run: python scripts/make_icons.py).

The mark: two relay batons handed over, white on the theme blue #1f4e79. The baton in front has a
thin blue gap around it, so the hand-over reads at every size. Everything is drawn four times as
large and scaled down, for smooth edges. The PNGs are committed; rerun this after changing it.

  icon-192.png, icon-512.png   rounded blue square on transparent corners (manifest, purpose "any")
  icon-maskable-512.png        full-bleed blue; the mark stays inside the central 80 % safe zone
  apple-touch-icon-180.png     full-bleed blue (iOS rounds the corners itself, no transparency)
  favicon-32.png               rounded square, for browser tabs
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (31, 78, 121, 255)  # #1f4e79
WHITE = (255, 255, 255, 255)
SUPERSAMPLE = 4
OUT = Path(__file__).resolve().parents[1] / "assets" / "icons"

# The mark on a unit square centred on (0.5, 0.5): two capsules along a 45° axis, the back one
# lower left, the front one upper right, overlapping lengthwise and shifted sideways.
ANGLE = math.radians(-45)  # up and to the right (y grows downwards)
BATON_LENGTH = 0.5
BATON_WIDTH = 0.16
OVERLAP = 0.22  # how far the batons overlap along the axis
SIDEWAYS = 0.1  # how far they sit apart across the axis
GAP = 0.035  # the blue ring around the front baton


def _batons() -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Centre-line end points (unit square) of the back and the front baton."""
    ux, uy = math.cos(ANGLE), math.sin(ANGLE)  # along the axis
    nx, ny = -uy, ux  # across it
    shift = (BATON_LENGTH - OVERLAP) / 2
    half = BATON_LENGTH / 2 - BATON_WIDTH / 2  # the capsule's straight part, from its centre
    batons = []
    for along, across in ((-shift, SIDEWAYS / 2), (shift, -SIDEWAYS / 2)):
        cx, cy = 0.5 + ux * along + nx * across, 0.5 + uy * along + ny * across
        batons.append(((cx - ux * half, cy - uy * half), (cx + ux * half, cy + uy * half)))
    return batons


def mark_radius() -> float:
    """How far the mark reaches from the centre (unit square), gap ring excluded."""
    return max(math.dist((0.5, 0.5), end) for baton in _batons() for end in baton) + BATON_WIDTH / 2


def _capsule(draw: ImageDraw.ImageDraw, a, b, width: float, fill) -> None:
    """A stadium shape: the band between a and b, `width` wide, with round ends."""
    r = width / 2
    length = math.dist(a, b)
    nx, ny = -(b[1] - a[1]) / length * r, (b[0] - a[0]) / length * r
    corners = [(a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny), (b[0] - nx, b[1] - ny), (a[0] - nx, a[1] - ny)]
    draw.polygon(corners, fill=fill)
    for x, y in (a, b):
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill)


def draw_mark(draw: ImageDraw.ImageDraw, size: int, scale: float, colour, background) -> None:
    """The two batons, scaled about the centre by `scale`, on a canvas `size` pixels wide."""

    def px(point):
        return ((0.5 + (point[0] - 0.5) * scale) * size, (0.5 + (point[1] - 0.5) * scale) * size)

    (back_a, back_b), (front_a, front_b) = _batons()
    width = BATON_WIDTH * scale * size
    _capsule(draw, px(back_a), px(back_b), width, colour)
    _capsule(draw, px(front_a), px(front_b), width + 2 * GAP * scale * size, background)
    _capsule(draw, px(front_a), px(front_b), width, colour)


def icon(size: int, *, full_bleed: bool, mark_reach: float) -> Image.Image:
    """An icon `size` pixels square; the mark reaches `mark_reach` × size from the centre."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if full_bleed:
        draw.rectangle([0, 0, big, big], fill=BLUE)
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=round(big * 0.22), fill=BLUE)
    draw_mark(draw, big, mark_reach / mark_radius(), WHITE, BLUE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    outputs = {
        "icon-192.png": icon(192, full_bleed=False, mark_reach=0.36),
        "icon-512.png": icon(512, full_bleed=False, mark_reach=0.36),
        # The maskable safe zone is a circle of radius 0.4 × size; keep a margin inside it.
        "icon-maskable-512.png": icon(512, full_bleed=True, mark_reach=0.30),
        "apple-touch-icon-180.png": icon(180, full_bleed=True, mark_reach=0.33),
        "favicon-32.png": icon(32, full_bleed=False, mark_reach=0.40),
    }
    for name, drawn in outputs.items():
        image = drawn.convert("RGB") if name.startswith("apple-touch") else drawn  # iOS shows transparency as black
        image.save(OUT / name, optimize=True)
        print(f"wrote {OUT / name} ({image.width}×{image.height})")


if __name__ == "__main__":
    main()
