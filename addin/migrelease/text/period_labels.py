"""Periods as the release names them in each language: "January–March 2026", "March 2026", "2026"."""

from __future__ import annotations

from migrelease.model.periods import Span
from migrelease.text.lang import language_pack


def span_label(span: Span, lang: str = "en") -> str:
    pack = language_pack(lang)
    names = pack.month_names["plain"] if "plain" in pack.month_names else next(iter(pack.month_names.values()))
    patterns = next(iter(pack.period_patterns.values()))
    kind = "year" if span.is_full_year else "month" if span.is_single_month else "span"
    return patterns[kind].format(first=names[span.first_month - 1], last=names[span.last_month - 1], year=span.year,
                                 dash=pack.style.period_dash)
