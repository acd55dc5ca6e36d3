"""What the browser reports as an error reaches the server log only as one short, escaped line, and
only so often: anyone can send such a report (Reflex's frontend exception event needs no sign-in),
so it must neither forge log lines nor fill the disk."""

import logging
import re

from stafett_app.services import rate_limits

MAX_REPORT_CHARS = 1000
# Line breaks and every other control character (C0, DEL, C1, and the Unicode line separators
# that some log viewers break on) are written as escapes, so one report is always one line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

logger = logging.getLogger("stafett.frontend")


ONE_BYTE = 256  # below this a character is escaped as \xNN, above as \uNNNN


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(
        char, f"\\x{ord(char):02x}" if ord(char) < ONE_BYTE else f"\\u{ord(char):04x}"
    )


def one_line(text: str, limit: int = MAX_REPORT_CHARS) -> str:
    """Cut first (so escaping cannot be made to cost much), then escape, then mark the cut."""
    cut = len(text) > limit
    line = _CONTROL.sub(_escape, text[:limit])
    return f"{line}… [{len(text)} chars]" if cut else line


def log_frontend_exception(exception: Exception) -> None:
    """rx.App(frontend_exception_handler=...): one escaped, truncated line, within the rate limit."""
    if not rate_limits.allow("frontend_error", "all"):
        return
    logger.error("Frontend exception: %s", one_line(str(exception)))
