"""The bundled picture set: enough pictures, valid icons, alt text in every language."""

import re

from reflex_components_lucide.icon import LUCIDE_ICON_LIST

from stafett_app.i18n import LANGUAGES
from stafett_app.pictures import PICTURES, PICTURES_BY_KEY, alt_text, is_known

REQUIRED = {"school", "homework", "bedtime", "breakfast", "lunch_box", "friends", "football", "swimming", "happy",
            "sad", "play", "clothes", "bus", "doctor", "school_bag", "home", "music", "drawing", "star"}


def test_enough_unique_pictures():
    assert len(PICTURES) >= 60
    assert len(PICTURES_BY_KEY) == len(PICTURES)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", p.key) for p in PICTURES)
    assert REQUIRED <= set(PICTURES_BY_KEY)


def test_every_icon_exists_in_lucide_as_reflex_knows_it():
    assert [p.icon for p in PICTURES if p.icon.replace("-", "_") not in LUCIDE_ICON_LIST] == []


def test_alt_text_in_every_language():
    assert all(p.alt.get(lang, "").strip() for p in PICTURES for lang in LANGUAGES)
    assert alt_text("school_bag", "nn") == "Skulesekk" and alt_text("school_bag", "en") == "School bag"
    assert alt_text("school_bag", "xx") == "Skolesekk"
    assert alt_text("nonsense", "nb") == "" and not is_known("nonsense")
