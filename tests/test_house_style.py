"""The house style as data (issue 19): every rule and template of each language pack names the public text it
follows (a URL, or the Bureau's published English release) or says why it was chosen where none was found, and
docs/house-style.md is rendered from the packs and up to date."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from migrelease.model.periods import Span
from migrelease.text import house_style
from migrelease.text.keypoints import draft_key_points
from migrelease.text.lang import LANGUAGES, NO_SOURCE, language_pack
from migrelease.text.lang.sources import SEED
from migrelease.text.period_labels import span_label

DOC = Path(__file__).resolve().parents[1] / "docs" / "house-style.md"


def test_the_document_is_rendered_from_the_packs():
    assert DOC.read_text(encoding="utf-8") == house_style.render(), (
        "docs/house-style.md is out of date: python -m migrelease.text.house_style > docs/house-style.md")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_and_template_has_a_source(lang):
    pack = language_pack(lang)
    keys = house_style.rule_keys(pack) + list(pack.templates)
    assert set(pack.sources) == set(keys), "sources for exactly the rules and templates"
    for key in keys:
        source = pack.sources[key]
        assert "https://" in source or "http://" in source or source.startswith((NO_SOURCE, SEED)), (key, source)


@pytest.mark.parametrize("lang, dash, quarter, full_year", [
    ("en", "–", "In January–March 2026 ", "In January–December 2025 "),
    ("ru", "-", "В январе-марте 2026 года ", "В январе-декабре 2025 года "),
    ("kk", "-", "2026 жылғы қаңтар-наурызда ", "2025 жылғы қаңтар-желтоқсанда "),
])
def test_one_dash_per_language_in_text_and_labels(sample_release, lang, dash, quarter, full_year):
    assert language_pack(lang).style.period_dash == dash
    assert draft_key_points(sample_release.figures, lang)[0].startswith(quarter)
    year = replace(sample_release.figures, current=Span(2025), previous=Span(2024))
    assert draft_key_points(year, lang)[0].startswith(full_year)
    assert dash in span_label(Span(2026, 1, 3), lang) and span_label(Span(2026), lang).startswith("2026")
