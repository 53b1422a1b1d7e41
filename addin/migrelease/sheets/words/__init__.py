"""The words of the release's sheets, one pack per language (en, ru, kk), as data.

Every text a sheet, a chart or the release page shows comes from the pack of the release's language: titles as
the Bureau words them, column headers, units, info lines, the Cover's description, glossary, methodological
explanations and useful links, the notes, the Checks rules. Sheet names and Excel table names are codes, the same
in every language (formulas and the VBA refer to them), so they are not here.

A text is a `str.format` template; its slots are filled by the sheet that uses it ("{period}", "{note}", …).
Every pack has the same keys and, key by key, the same slots (tests/test_words.py holds them to it). Where each
Russian and Kazakh term comes from is docs/terminology.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Mapping

LANGUAGES = ("en", "ru", "kk")  # the editions, in the order the language switch of the page lists them
LANGUAGE_TITLES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}  # each language's name in itself


@dataclass(frozen=True)
class SheetWords:
    code: str  # "en", "ru", "kk"
    text: Mapping[str, str]  # key -> template
    table_titles: Mapping[str, str]  # "<flow group>.<measure>" -> the table's title as the release lists it
    glossary: tuple[tuple[str, str], ...]  # (term, definition)
    methodology: tuple[str, ...]  # paragraphs
    useful_links: tuple[tuple[str, str], ...]  # (name, URL)
    notes: Mapping[str, str]  # note key (sheets.notes) -> text
    rules: Mapping[int, str]  # check rule number -> text (slots: limit, minimum)
    ethnic_groups: Mapping[str, str]  # an ethnic group as the input names it (English, case-insensitive) -> here
    months: tuple[str, ...]  # month names in the nominative, for labels that stand alone

    def __call__(self, key: str, **values) -> str:
        try:
            template = self.text[key]
        except KeyError:
            raise KeyError(f"the '{self.code}' words have no '{key}'") from None
        return template.format(**values)

    @property
    def language_title(self) -> str:
        return LANGUAGE_TITLES[self.code]

    def table_title(self, flow_group: str, measure: str) -> str:
        return self.table_titles[f"{flow_group}.{measure}"]

    def ethnic_group(self, name: str) -> str:
        """A group's name in this language when the pack knows it, else as the input wrote it."""
        return self.ethnic_groups.get(str(name).strip().casefold(), str(name))


def sheet_words(lang: str) -> SheetWords:
    code = str(lang or "en").strip().casefold()
    if code not in LANGUAGES:
        raise ValueError(f"language '{lang}' is not available; choose one of {', '.join(LANGUAGES)}")
    return import_module(f"{__name__}.{code}").WORDS


def read_language(value) -> str | None:
    """A language as a user writes it (en, ru, kk, English, Русский, Қазақша, any case) -> its code; None if it
    is none of these."""
    text = str(value or "").strip().casefold()
    for code, title in LANGUAGE_TITLES.items():
        if text in (code, title.casefold()):
            return code
    return None


def sentence_case(text: str) -> str:
    """The text with a capital first letter ("январь-март 2026 года" -> "Январь-март 2026 года"); a text that
    starts with a number stays as it is ("2026 жылғы қаңтар-наурыз")."""
    return text[:1].upper() + text[1:] if text[:1].isalpha() else text


# The English words several modules name directly (the release page, the public file name).
_EN = import_module(f"{__name__}.en").WORDS
RELEASE_TITLE = _EN("release_title")
PUBLIC_TITLE = _EN("public_title")  # the published workbook's file name starts with this
CONTACT = _EN("contact")
PUBLISHER = _EN("publisher")
SOURCE_LINE = _EN("source_line", publisher=PUBLISHER)
