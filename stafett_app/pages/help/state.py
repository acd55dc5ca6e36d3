"""The help page: one help text, or the index with a search. Open to everyone, signed in or not.

The state holds only what is on the screen: the open page's Markdown, the query and at most ten hits.
"""

import reflex as rx

from stafett_app import routes
from stafett_app.help import HelpLink, help_links, help_page
from stafett_app.help.search import HelpHit, search
from stafett_app.state.session import SessionState

MAX_QUERY = 200


class HelpState(SessionState):
    page_key: str = ""  # "" on the index
    title: str = ""
    body: str = ""  # Markdown of the open page
    not_found: bool = False
    query: str = ""
    searched: bool = False
    hits: list[HelpHit] = []
    links: list[HelpLink] = []

    @rx.event
    async def load(self):
        if (shown := await self._shown_child_log()) is not None:
            return rx.redirect(routes.child_shown(shown))  # a child is looking: only their page
        if await self._page_person() is None:
            self._visitor_language()
        topic = str(self.topic or "")  # the dynamic route argument of /help/[topic]; "" on /help
        page = help_page(self.lang, topic) if topic else None
        shown = {
            "links": help_links(self.lang),
            "page_key": page.key if page else "",
            "not_found": bool(topic) and page is None,
            "title": page.title if page else "",
            "body": page.body if page else "",
        }
        self._assign(shown | self._found(str(self.router.url.query_parameters.get("q", ""))))
        return None

    @rx.event
    def run_search(self, form: dict):
        """To /help?q=...: the hits on top of the index, a search one can link to, and "back" works."""
        query = str(form.get("q", "")).strip()[:MAX_QUERY]
        return rx.redirect(routes.help_search(query) if query else routes.HELP)

    def _found(self, query: str) -> dict:
        query = query.strip()[:MAX_QUERY]
        return {"query": query, "searched": bool(query), "hits": search(self.lang, query) if query else []}
