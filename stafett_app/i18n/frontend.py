"""The UI texts compiled into the frontend: one JavaScript module per language.

A page looks its texts up in the browser, in the module of the language in `SessionState.lang`, so
the websocket carries two letters instead of the whole catalogue, and a tab's state holds no texts.
Vite bundles the modules with a content hash: the browser and the service worker cache them like
the rest of the build.

`assets/stafett-texts.js` (written by hand) imports bokmål with the bundle and loads nynorsk and
English the first time a page needs them. The three modules it imports are made here from the .po
catalogues, into `assets/texts/` (ignored by git; Reflex copies assets/ into the frontend when it
compiles), whenever the app is imported: `reflex run` in dev and prod mode and `reflex export` alike.
"""

import json
from pathlib import Path

from stafett_app.i18n import LANGUAGES, ui_texts, write_atomically

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
TEXTS_DIR = ASSETS_DIR / "texts"
# What the pages import: the loader, by its path in Reflex's frontend folder (assets/ -> public/).
LOADER_MODULE = "$/public/stafett-texts.js"
LOADER_HOOK = "useStafettTexts"


def texts_module(lang: str) -> str:
    """The module of one language: `export default` every key with its text (bokmål for a key the
    language lacks; plural forms under `key#plural`; `weekday_short.0`-`.6`), see `ui_texts`."""
    data = json.dumps(ui_texts(lang), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # One JSON string parsed once loads faster than the same object written as a JS literal.
    return (
        f"// Made by stafett_app/i18n/frontend.py from the {lang} catalogue. Do not edit.\n"
        f"export default JSON.parse({json.dumps(data, ensure_ascii=False)});\n"
    )


def write_texts_modules(directory: Path = TEXTS_DIR) -> list[Path]:
    """Write each language's module whose text changed (an unchanged file is left alone, so Vite's
    dev server does not reload for nothing); returns the files written. A read-only folder is left
    as it is: the build then uses the modules already there."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return []
    written = []
    for lang in LANGUAGES:
        path = directory / f"{lang}.js"
        text = texts_module(lang)
        try:
            if path.read_text(encoding="utf-8") == text:
                continue
        except OSError:
            pass  # not there yet
        if write_atomically(path, text.encode()):
            written.append(path)
    return written
