"""Matching the columns of a file with its own header row to the fields of an import.

Each column of the file is suggested the field whose name, one of its other
names, or one of its words its header says ("Timescale" → Due date, "RAG" →
Status), each field to one column at most: the closest match wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spreadsheets.readers import Column, Layout, normalise_header

WORD = re.compile(r"[a-z0-9]+")


def header_words(text) -> list[str]:
    return WORD.findall(re.sub(r"\(.*?\)", "", str(text or "").lower()))


def suggested_keys(layout: Layout, columns: Sequence[Column]) -> list[str]:
    """The field suggested for each column of the file's header row ("" to ignore it)."""
    scored = []
    for position, header in enumerate(layout.headers):
        samples = layout.samples[position] if position < len(layout.samples) else []
        for column in columns:
            if column.looks_like and not all(re.search(column.looks_like, value) for value in samples):
                continue
            score = match_score(header, column)
            if score:
                scored.append((score, -position, position, column.key))
    keys = [""] * len(layout.headers)
    used = set()
    for _, _, position, key in sorted(scored, reverse=True):
        if keys[position] or key in used:
            continue
        keys[position] = key
        used.add(key)
    return keys


def match_score(header, column: Column) -> int:
    """How closely a header names a field: 100 its name, 90 a word list equal to it, less for a part of it."""
    name = normalise_header(header)
    if not name:
        return 0
    if name in column.names():
        return 100
    words = header_words(header)
    best = 0
    for phrase in column.words:
        wanted = header_words(phrase)
        if wanted == words:
            best = max(best, 90)
        elif _contains(words, wanted):
            best = max(best, 40 + 10 * len(wanted))
    return best


def _contains(words: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return bool(size) and any(words[i : i + size] == wanted for i in range(len(words) - size + 1))
