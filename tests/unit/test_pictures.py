"""The bundled picture set: enough pictures, valid Lucide icons, alt text in every language,
every theme the children's measures need, and a component that builds."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import reflex as rx
from reflex_components_lucide.icon import LUCIDE_ICON_LIST, LUCIDE_LIBRARY

from stafett_app.components.picture import FALLBACK_ICON, picture_icon
from stafett_app.i18n import LANGUAGES
from stafett_app.pictures import CATEGORIES, PICTURES, PICTURES_BY_KEY, Picture, alt_text, is_known, picture

# One key (at least) for every theme a child's measure may need.
REQUIRED_THEMES = {
    "school": "school",
    "homework": "homework",
    "reading": "reading",
    "writing": "writing",
    "teacher": "teacher",
    "school bag": "school_bag",
    "sleep / bedtime": "bedtime",
    "bed": "bed",
    "waking up": "alarm",
    "morning": "morning",
    "breakfast": "breakfast",
    "lunch box": "lunch_box",
    "dinner": "dinner",
    "drinking water": "water",
    "friends": "friends",
    "play": "play",
    "games": "games",
    "board game": "board_game",
    "football": "football",
    "swimming": "swimming",
    "cycling": "cycling",
    "running": "running",
    "skiing": "skiing",
    "happy": "happy",
    "sad": "sad",
    "angry": "angry",
    "calm": "calm",
    "worried": "worried",
    "clothes": "clothes",
    "shoes": "shoes",
    "bus": "bus",
    "walking to school": "walking",
    "doctor": "doctor",
    "medicine": "medicine",
    "school nurse": "health_nurse",
    "family": "family",
    "home": "home",
    "pets": "pets",
    "animals": "dog",
    "music": "music",
    "singing": "singing",
    "drawing": "drawing",
    "phone / screen time": "screen_time",
    "phone call": "phone_call",
    "clock": "clock",
    "calendar": "calendar",
    "talking": "talking",
    "ask for help": "ask_for_help",
    "helping": "helping",
    "quiet place / break": "quiet_place",
    "nature / outdoors": "outdoors",
    "rain": "rain",
    "sun": "sun",
    "shower": "shower",
    "washing hands": "washing",
    "brushing teeth": "brush_teeth",
    "toilet": "toilet",
    "kindness": "kindness",
    "heart": "heart",
    "star / reward": "star",
    "well done": "well_done",
    "building": "building",
}

# Keys already stored by seed data and other modules: they must never disappear.
STORED_KEYS = {
    "breakfast",
    "clothes",
    "board_game",
    "phone_call",
    "singing",
    "drawing",
    "football",
    "building",
    "swimming",
    "star",
    "home",
    "school",
    "school_bag",
}

# Lucide has no runner; a running shoe is the clearest picture for both.
SHARED_ICONS = {"sport_shoe": {"running", "shoes"}}


def test_enough_pictures_with_unique_snake_case_keys():
    assert len(PICTURES) >= 60
    keys = [p.key for p in PICTURES]
    assert [k for k, n in Counter(keys).items() if n > 1] == []
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", k) for k in keys), keys
    assert all(len(k) <= 40 for k in keys)  # measure.picture / stafett_log.interest_picture are 40 wide
    assert {p.key: p for p in PICTURES} == PICTURES_BY_KEY
    assert all(isinstance(p, Picture) for p in PICTURES)


def test_categories():
    assert {p.category for p in PICTURES} == set(CATEGORIES)
    assert len(CATEGORIES) == len(set(CATEGORIES))


def test_every_icon_is_in_lucide_as_reflex_knows_it():
    assert [p.icon for p in PICTURES if p.icon not in LUCIDE_ICON_LIST] == []


@pytest.mark.parametrize("name", sorted({p.icon for p in PICTURES} | {FALLBACK_ICON}))
def test_rx_icon_takes_the_name_without_falling_back(name):
    # rx.icon only logs a warning for an unknown name and draws "circle_help" instead.
    assert rx.icon(name).tag != "CircleHelp"


# The lucide-react release Reflex bundles, installed by scripts/setup.sh (no frontend build needed).
LUCIDE_REACT = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / "lucide-react"


def test_every_icon_module_is_in_the_lucide_react_reflex_bundles():
    package = LUCIDE_REACT / "package.json"
    assert package.is_file(), f"{LUCIDE_REACT} is missing: run `make setup` (scripts/setup.sh installs it)"
    bundled = LUCIDE_LIBRARY.rsplit("@", 1)[1]
    assert json.loads(package.read_text())["version"] == bundled, f"run `make setup` to install {LUCIDE_LIBRARY}"
    icons = LUCIDE_REACT / "dist" / "esm" / "icons"
    paths = {name: rx.icon(name)._import_path for name in {p.icon for p in PICTURES} | {FALLBACK_ICON}}
    assert {name: path for name, path in paths.items() if not (icons / Path(path).name).is_file()} == {}


def test_icons_are_unique_except_the_documented_shared_ones():
    by_icon: dict[str, set[str]] = {}
    for p in PICTURES:
        by_icon.setdefault(p.icon, set()).add(p.key)
    assert {icon: keys for icon, keys in by_icon.items() if len(keys) > 1} == SHARED_ICONS


def test_alt_text_in_every_language():
    assert set(LANGUAGES) == {"nb", "nn", "en"}
    for p in PICTURES:
        assert set(p.alt) == set(LANGUAGES), p.key
        assert all(p.alt[lang].strip() == p.alt[lang] and p.alt[lang] for lang in LANGUAGES), p.key
        assert all(len(p.alt[lang]) <= 30 for lang in LANGUAGES), p.key  # short, for a picture card


@pytest.mark.parametrize(
    ("key", "nb", "nn", "en"),
    [
        ("school_bag", "Skolesekk", "Skulesekk", "School bag"),
        ("bedtime", "Leggetid", "Leggjetid", "Bedtime"),
        ("friends", "Venner", "Vener", "Friends"),
        ("home", "Hjemme", "Heime", "Home"),
        ("water", "Drikke vann", "Drikke vatn", "Drinking water"),
        ("calm", "Rolig", "Roleg", "Calm"),
        ("swimming", "Svømme", "Symje", "Swimming"),
        ("breakfast", "Frokost", "Frukost", "Breakfast"),
    ],
)
def test_nynorsk_is_nynorsk(key, nb, nn, en):
    assert (alt_text(key, "nb"), alt_text(key, "nn"), alt_text(key, "en")) == (nb, nn, en)


def test_every_required_theme_is_covered():
    assert {theme: key for theme, key in REQUIRED_THEMES.items() if not is_known(key)} == {}
    assert set(PICTURES_BY_KEY) >= STORED_KEYS


def test_lookup_and_alt_text_fallback():
    assert picture("school_bag") == PICTURES_BY_KEY["school_bag"]
    assert picture("school_bag").icon == "backpack"
    assert picture("nonsense") is None and picture("") is None
    assert is_known("school_bag") and not is_known("nonsense") and not is_known("")
    assert alt_text("school_bag", "xx") == "Skolesekk"  # unknown language: bokmål
    assert alt_text("nonsense", "nb") == "" and alt_text("", "en") == ""


class PictureTestState(rx.State):
    key: str = "school_bag"
    alt: str = "Skolesekk"


def test_component_builds_for_a_literal_key():
    rendered = str(picture_icon(rx.Var.create("school_bag")))
    assert "LucideBackpack" in rendered


def test_component_builds_for_a_state_key_with_label():
    component = picture_icon(PictureTestState.key, size=96, lang_alt=PictureTestState.alt)
    rendered = str(component)
    assert 'role:"img"' in rendered and '"aria-label":' in rendered and "size:96" in rendered
    for name in ("LucideBackpack", "LucideSportShoe", "LucideStar"):
        assert name in rendered
    assert "CircleHelp" not in rendered


def test_component_without_label_is_decorative():
    rendered = str(picture_icon(PictureTestState.key))
    assert '"aria-label":' not in rendered and 'role:"img"' not in rendered
    assert rendered.count('"aria-hidden":"true"') == len(PICTURES) + 1
