"""Pages with an id in the address get the built fallback page with their own modules preloaded
(stafett_app/page_preload.py), and the build puts icons and Radix into one file each
(stafett_app/build_chunks.py)."""

from __future__ import annotations

import json

from reflex.config import get_config
from reflex.utils.frontend_skeleton import _compile_vite_config
from starlette.applications import Starlette
from starlette.testclient import TestClient

from stafett_app import page_preload, routes
from stafett_app.build_chunks import with_groups

FALLBACK = (
    '<!DOCTYPE html><html><head><link rel="modulepreload" href="/assets/manifest-ab12.js"/>'
    '<link rel="modulepreload" href="/assets/root-1.js"/><script>boot()</script></head><body></body></html>'
)
MANIFEST = {
    "entry": {"module": "/assets/entry.js", "imports": []},
    "routes": {
        "root": {"path": "", "module": "/assets/root-1.js", "imports": []},
        "routes/family": {
            "path": "logs/:log_id/family",
            "module": "/assets/family-9.js",
            "imports": ["/assets/root-1.js", "/assets/texts-3.js"],
        },
        "routes/new": {"path": "logs/new", "module": "/assets/new-4.js", "imports": []},
    },
}


def _client(tmp_path, monkeypatch) -> TestClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / page_preload.FALLBACK).write_text(FALLBACK)
    (tmp_path / "assets" / "manifest-ab12.js").write_text(f"window.__reactRouterManifest={json.dumps(MANIFEST)};")
    monkeypatch.setattr(page_preload, "_build_dir", lambda: tmp_path)
    return TestClient(Starlette(routes=page_preload.preload_routes(routes.PAGES_WITH_IDS)))


def test_a_page_with_an_id_preloads_its_own_modules(tmp_path, monkeypatch):
    response = _client(tmp_path, monkeypatch).get("/logs/12/family")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<link rel="modulepreload" href="/assets/family-9.js"/>' in html
    assert '<link rel="modulepreload" href="/assets/texts-3.js"/>' in html
    assert html.count('href="/assets/root-1.js"') == 1  # already in the page: not twice
    assert "<script>boot()</script>" in html  # inline scripts as built: their CSP hashes hold


def test_the_page_is_sent_gzipped_when_asked(tmp_path, monkeypatch):
    client = _client(tmp_path, monkeypatch)
    response = client.get("/logs/12/family", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "family-9.js" in response.text  # the test client unpacks it


def test_only_numeric_ids_and_no_build_means_not_found(tmp_path, monkeypatch):
    client = _client(tmp_path, monkeypatch)
    assert client.get("/logs/new").status_code == 404  # a prerendered page: the build serves it itself
    (tmp_path / page_preload.FALLBACK).unlink()
    assert client.get("/logs/12/family").status_code == 404


def test_the_build_groups_icons_and_radix():
    config = with_groups(_compile_vite_config(get_config()))
    assert 'name: "icons-lucide"' in config
    assert 'name: "radix"' in config
