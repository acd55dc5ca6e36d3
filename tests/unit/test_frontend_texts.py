"""The UI texts compiled into the frontend: one module per language, read back by a JavaScript
runtime (bun, which the frontend build uses too), and `t()` as a lookup in the browser."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from stafett_app import i18n
from stafett_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALE_DIR, PLURAL_SUFFIX, catalogue, plural_catalogue
from stafett_app.i18n.frontend import ASSETS_DIR, LOADER_HOOK, LOADER_MODULE, TEXTS_DIR, write_texts_modules

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CACHED = (i18n._compiled, i18n.catalogue, i18n.plural_catalogue, i18n.ui_texts)


def bun() -> str:
    found = shutil.which("bun") or PROJECT_ROOT / ".tools" / "node_modules" / ".bin" / "bun"
    assert Path(found).exists(), "bun is installed by scripts/setup.sh"
    return str(found)


def read_in_javascript(directory: Path) -> dict[str, dict[str, str]]:
    """Import each language's module as the browser's bundle does, and give back what it exports."""
    script = directory / "read.mjs"
    imports = "".join(f'import {lang} from "./{lang}.js";\n' for lang in LANGUAGES)
    script.write_text(f"{imports}console.log(JSON.stringify({{{', '.join(LANGUAGES)}}}));\n", encoding="utf-8")
    done = subprocess.run([bun(), str(script)], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


@pytest.fixture
def fresh_catalogues():
    for cached in CACHED:
        cached.cache_clear()
    yield
    for cached in CACHED:
        cached.cache_clear()


def test_every_key_of_every_language_is_in_its_module(tmp_path):
    assert sorted(path.name for path in write_texts_modules(tmp_path)) == ["en.js", "nb.js", "nn.js"]
    modules = read_in_javascript(tmp_path)
    plural_keys = {key + PLURAL_SUFFIX for key in plural_catalogue(DEFAULT_LANGUAGE)}
    weekday_keys = {f"weekday_short.{day}" for day in range(7)}
    for lang in LANGUAGES:
        assert set(modules[lang]) == set(catalogue(DEFAULT_LANGUAGE)) | plural_keys | weekday_keys, lang
        own = catalogue(lang)
        assert all(modules[lang][key] == text for key, text in own.items()), lang
    assert modules["nn"]["nav.skip_to_content"] == "Hopp til innhaldet"
    assert modules["en"]["nav.skip_to_content"] == "Skip to content"
    assert modules["nb"]["nav.skip_to_content"] != modules["nn"]["nav.skip_to_content"]


def test_plural_forms_and_weekday_names(tmp_path):
    write_texts_modules(tmp_path)
    modules = read_in_javascript(tmp_path)
    for lang in LANGUAGES:
        for key, (one, other) in plural_catalogue(lang).items():
            assert (modules[lang][key], modules[lang][key + PLURAL_SUFFIX]) == (one, other), (lang, key)
        assert [modules[lang][f"weekday_short.{day}"] for day in range(7)] == i18n.weekday_names(lang)
    unread = "logs.unread_messages"
    assert [modules["nn"][unread], modules["nn"][unread + PLURAL_SUFFIX]] == ["ny melding", "nye meldingar"]
    assert [modules["en"][unread], modules["en"][unread + PLURAL_SUFFIX]] == ["new message", "new messages"]
    assert modules["nn"]["weekday_short.0"] == "må."


def test_a_key_a_language_lacks_comes_in_bokmaal(tmp_path, monkeypatch, fresh_catalogues):
    shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    po = tmp_path / "locale" / "nn" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    entry = '\nmsgid "nav.skip_to_content"\nmsgstr "Hopp til innhaldet"\n'
    assert entry in text
    po.write_text(text.replace(entry, "\n"), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    write_texts_modules(tmp_path / "texts")
    modules = read_in_javascript(tmp_path / "texts")
    assert modules["nn"]["nav.skip_to_content"] == modules["nb"]["nav.skip_to_content"] == "Hopp til innholdet"
    assert modules["nn"]["role.guardian"] == "Føresett"  # the rest stays nynorsk


def test_an_unchanged_module_is_left_alone_and_a_changed_one_written_whole(tmp_path):
    write_texts_modules(tmp_path)
    nn = tmp_path / "nn.js"
    before = nn.stat().st_mtime_ns
    assert write_texts_modules(tmp_path) == []
    assert nn.stat().st_mtime_ns == before
    nn.write_text("export default {};\n", encoding="utf-8")  # stale, as after a .po edit
    assert write_texts_modules(tmp_path) == [nn]
    assert read_in_javascript(tmp_path)["nn"]["role.guardian"] == "Føresett"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["en.js", "nb.js", "nn.js", "read.mjs"]  # no temp files


def test_the_loader_imports_the_modules_made_here():
    loader = (ASSETS_DIR / "stafett-texts.js").read_text(encoding="utf-8")
    assert LOADER_MODULE == "$/public/stafett-texts.js"  # assets/ is the frontend's public/
    assert f"export function {LOADER_HOOK}(lang)" in loader
    relative = TEXTS_DIR.relative_to(ASSETS_DIR).as_posix()
    assert f'import nb from "./{relative}/nb.js";' in loader
    assert {f'import("./{relative}/{lang}.js")' for lang in LANGUAGES if lang != DEFAULT_LANGUAGE} <= set(
        re.findall(r'import\("[^"]+"\)', loader)
    )


def test_t_looks_the_text_up_in_the_browser_by_the_language():
    from stafett_app.state.session import SessionState, t, tn

    text = t("family.who")
    assert str(text) == 'stafett_texts["family.who"]'
    var_data = text._get_all_var_data()
    assert var_data is not None
    assert dict(var_data.imports)[LOADER_MODULE][0].tag == LOADER_HOOK
    lang = str(SessionState.lang)
    assert f"const stafett_texts = {LOADER_HOOK}({lang})" in var_data.hooks
    # the state the language comes from is read first, so the hook can use it
    assert var_data.hooks.index(f"const stafett_texts = {LOADER_HOOK}({lang})") > 0
    assert "lang" in var_data.field_dependencies[SessionState.get_full_name()]
    counted = str(tn("messages.unread", SessionState.unread_messages))
    assert f'stafett_texts["messages.unread{PLURAL_SUFFIX}"]' in counted
    with pytest.raises(KeyError):
        t("family.no_such_key")


def test_the_state_holds_no_texts():
    from stafett_app.state.session import SessionState

    assert "texts" not in SessionState.computed_vars and "texts" not in SessionState.vars
