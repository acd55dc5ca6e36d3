"""Pages at an address with an id in it (/logs/12/family) are not prerendered: the build serves them its
SPA fallback page, which preloads only the app's shell. The page's own module, and the chunks it
imports, were then fetched only after the shell had been downloaded and run: one more chain of round
trips before anything shows (about a second on a slow phone). Here such a page gets that same
fallback page with a modulepreload link for each module of its route, read from React Router's
build manifest, so the browser fetches them with the shell. Inline scripts are untouched (the CSP
hashes stay right). Without a build (the dev server serves its own pages) there is nothing to do.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from pathlib import Path

from reflex.utils import prerequisites
from reflex_base import constants
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

FALLBACK = "__spa-fallback.html"
MANIFEST = re.compile(r'href="(/assets/manifest-[\w-]+\.js)"')
MANIFEST_PREFIX = "window.__reactRouterManifest="
SEGMENT = re.compile(r"\[(\w+)\]")


def _build_dir() -> Path:
    return prerequisites.get_web_dir() / constants.Dirs.STATIC


@lru_cache(maxsize=4)
def _pages(build_dir: Path, built_at: float) -> dict[str, tuple[bytes, bytes]]:
    """Route path as the manifest writes it (logs/:log_id/family) -> (html, gzipped html)."""
    del built_at  # the cache key: a new build is read again
    fallback = (build_dir / FALLBACK).read_text()
    found = MANIFEST.search(fallback)
    if found is None:
        return {}
    text = (build_dir / found.group(1).lstrip("/")).read_text().strip()
    manifest = json.loads(text.removeprefix(MANIFEST_PREFIX).rstrip(";"))
    pages = {}
    for route in manifest["routes"].values():
        path = route.get("path") or ""
        if ":" not in path:
            continue  # prerendered: its own page already preloads its modules
        links = "".join(
            f'<link rel="modulepreload" href="{module}"/>'
            for module in dict.fromkeys([route["module"], *route.get("imports", [])])
            if f'href="{module}"' not in fallback
        )
        html = fallback.replace("</head>", links + "</head>", 1).encode()
        pages[path] = (html, gzip.compress(html, 6))
    return pages


def _manifest_path(reflex_route: str) -> str:
    """/logs/[log_id]/family -> logs/:log_id/family"""
    return SEGMENT.sub(r":\1", reflex_route.strip("/"))


def _starlette_path(reflex_route: str) -> str:
    """/logs/[log_id]/family -> /logs/{log_id:int}/family (ids are numbers; /logs/new stays its own page)."""
    return SEGMENT.sub(lambda m: f"{{{m[1]}:int}}" if m[1].endswith("_id") else f"{{{m[1]}}}", reflex_route)


def preloading_page(reflex_route: str):
    wanted = _manifest_path(reflex_route)

    async def page(request: Request) -> Response:
        build_dir = _build_dir()
        try:
            built = _pages(build_dir, (build_dir / FALLBACK).stat().st_mtime)
        except OSError:
            return PlainTextResponse("Not Found", status_code=404)
        if wanted not in built:
            return PlainTextResponse("Not Found", status_code=404)
        html, zipped = built[wanted]
        headers = {"Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(zipped, media_type="text/html", headers={**headers, "Content-Encoding": "gzip"})
        return Response(html, media_type="text/html", headers=headers)

    return page


def preload_routes(page_routes: list[str]) -> list[Route]:
    """One route for each page with a variable part in its address."""
    return [
        Route(_starlette_path(path), preloading_page(path), methods=["GET", "HEAD"])
        for path in page_routes
        if SEGMENT.search(path)
    ]
