"""Matched words in ``<mark>``, everything else escaped: the only HTML a result carries is the marks.

PostgreSQL's ``ts_headline`` wraps each match in the two private-use characters below rather than in
HTML, because it copies the text as it is: a title holding ``<script>`` would come back as markup.
:func:`marked` escapes every piece and turns the pairs into ``<mark>``; on SQLite, where there is no
``ts_headline``, :func:`highlight` finds the words itself and :func:`excerpt` cuts the passage.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)
EXCERPT_CHARACTERS = 240


def marked(text: str) -> SafeString:
    """``text`` with each ``START…STOP`` run in ``<mark>``; every character of the text escaped."""
    pieces, position = [], 0
    for match in _MARKED.finditer(text or ""):
        pieces.append(escape(_bare(text[position : match.start()])))
        pieces.append(f"<mark>{escape(_bare(match.group(1)))}</mark>")
        position = match.end()
    pieces.append(escape(_bare((text or "")[position:])))
    return mark_safe("".join(pieces))  # noqa: S308  (each piece escaped above)


def _bare(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


def words_pattern(words) -> re.Pattern | None:
    """One case-insensitive pattern matching any of ``words``, longest first."""
    words = sorted({word for word in words if word}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def highlight(text: str, words) -> SafeString:
    """``text`` escaped, with every occurrence of any of ``words`` (ignoring case) in ``<mark>``."""
    pattern = words_pattern(words)
    if pattern is None:
        return marked(_bare(text or ""))
    return marked(pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", _bare(text or "")))


def excerpt(text: str, words, length=EXCERPT_CHARACTERS) -> str:
    """About ``length`` characters of ``text`` around the first of ``words`` it holds, with "…" where cut."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    pattern = words_pattern(words)
    found = pattern.search(text) if pattern else None
    start = max(0, (found.start() if found else 0) - length // 3)
    end = min(len(text), start + length)
    start = max(0, end - length)
    cut = text[start:end]
    return ("…" if start else "") + cut + ("…" if end < len(text) else "")


def with_ellipses(passage: str, text: str) -> str:
    """``passage`` (a part of ``text``, as ``ts_headline`` cut it) with "…" where it starts or ends inside it."""
    whole, part = " ".join(_bare(text).split()), " ".join(_bare(passage).split())
    if not part:
        return passage
    edge = min(len(part), 12)
    start = "" if whole.startswith(part[:edge]) else "… "
    end = "" if whole.endswith(part[-edge:]) else " …"
    return f"{start}{passage.strip()}{end}"
