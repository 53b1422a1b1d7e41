"""Periods as the sheets name them, in the release's language: in running text as the key points name them
("January–March 2026", "январь-март 2026 года", "2026 жылғы қаңтар-наурыз"), as a column header or a chart's
category with a capital letter, and a whole year by its number alone ("2025"), as the Bureau's tables head it."""

from __future__ import annotations

import textwrap

from migrelease.model.periods import Span
from migrelease.sheets.words import sentence_case
from migrelease.text.period_labels import span_label


def period_label(span: Span, lang: str = "en") -> str:
    return span_label(span, lang)


def column_label(span: Span, lang: str = "en") -> str:
    return str(span.year) if span.is_full_year else sentence_case(span_label(span, lang))


def header_height(texts, width: float, line_height: float = 15.0) -> float:
    """The height in points of a header row whose bold cells wrap `texts` at word boundaries in columns `width`
    characters wide (bold text is wider: a line holds about 0.9 of the width)."""
    lines = max(len(textwrap.wrap(str(text), width=max(int(width * 0.9), 1), break_on_hyphens=False) or [""])
                for text in texts)
    return line_height * lines
