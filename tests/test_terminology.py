"""docs/terminology.md lists every title, glossary term, useful link and region name the packs use, in all three
languages, each with its status: a term changed in a pack and not in the page fails here."""

from pathlib import Path

import pytest

from migrelease.model.regions import regions
from migrelease.sheets.words import LANGUAGES, sheet_words

PAGE = (Path(__file__).resolve().parents[1] / "docs" / "terminology.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_title_term_and_link_is_on_the_page(lang):
    words = sheet_words(lang)
    missing = [text for text in (*words.table_titles.values(), *(term for term, _ in words.glossary),
                                 *(name for name, _ in words.useful_links), *words.ethnic_groups.values(),
                                 words("release_title"), words("publisher"), words("contact"))
               if text not in PAGE]
    assert missing == []


def test_every_region_name_and_form_is_on_the_page():
    for region in regions():
        for name in (region.name_en, region.name_ru, region.name_kk, *region.former, *region.latin_names):
            assert name in PAGE, name


def test_the_page_says_what_no_source_confirmed():
    assert "**U** — **unconfirmed**" in PAGE and "## Not confirmed — for the Department's review" in PAGE
    assert PAGE.count("http") >= 25  # every source by its address
