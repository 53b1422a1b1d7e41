"""The front of the release workbook as layouts: Cover, Contents and Notes, in the release's language.

The release's words (title, glossary, methodological explanations, useful links, contact) are the word pack's
(sheets.words): the Cover writes them, and the published release page prints the same text.
"""

from __future__ import annotations

from typing import Sequence

from migrelease.model.facts import DATA, ETHNICITY, POPULATION
from migrelease.release.compute import Release
from migrelease.sheets.blocks import NOT_AVAILABLE, Block, ExcelTable, Hyperlink, PrintSetup, SheetLayout, \
    sheet_link, wrapped_height
from migrelease.sheets.labels import period_label
from migrelease.sheets.notes import cite, note_label
from migrelease.sheets.settings import (SETTING_CONTACT_DETAILS, SETTING_NEXT_PUBLICATION, SETTING_PUBLICATION,
                                        SETTINGS_SHEET)
from migrelease.sheets.words import SheetWords, sheet_words

COVER_SHEET = "Cover"
NOTES_SHEET = "Notes"
CONTENTS_SHEET = "Contents"
# A4 landscape, one page: the Cover's one column is as wide as the page prints at 100 %, its paragraphs wrap in it.
COVER_WIDTH = 130
COVER_PRINT = PrintSetup(fit_width=1, fit_height=1)


def release_heading(release: Release) -> str:
    words = sheet_words(release.lang)
    return words("cover.heading", title=words("release_title"), period=period_label(release.span, release.lang))


def contact_line(release: Release, words: SheetWords) -> str:
    contact = words("contact")
    details = release.settings.get(SETTING_CONTACT_DETAILS)
    return f"{contact}, {details}" if details else contact


def cover_description(release: Release, words: SheetWords) -> str:
    supplementary = []
    if release.intensity:
        supplementary.append(words("cover.supplementary.intensity"))
    if release.ethnic is not None:
        supplementary.append(words("cover.supplementary.ethnic"))
    return words("cover.description", period=period_label(release.span, release.lang), x=NOT_AVAILABLE,
                 supplementary=", " + words("list_and").join(supplementary) if supplementary else "")


def cover_sheet(release: Release) -> SheetLayout:
    words = sheet_words(release.lang)
    settings = release.settings
    not_set = words("cover.not_set")
    lines: list[tuple[int, object, str]] = []  # (row, value, style)
    row = 1
    lines.append((row, release_heading(release), "title"))
    row += 1
    for text in (words("cover.period", period=period_label(release.span, release.lang)),
                 words("cover.published", date=settings.get(SETTING_PUBLICATION) or not_set),
                 words("cover.next", date=settings.get(SETTING_NEXT_PUBLICATION) or not_set),
                 words("source_line", publisher=words("publisher")),
                 words("cover.contact", contact=contact_line(release, words))):
        lines.append((row, text, "info"))
        row += 1
    row += 1
    sections = (
        (words("cover.about"), [(cover_description(release, words), "wrap")]),
        (words("cover.glossary"), [(f"{term} – {definition}", "wrap") for term, definition in words.glossary]),
        (words("cover.methodology"), [(text, "wrap") for text in words.methodology]),
        (words("cover.links"), [(Hyperlink(name, url), "link") for name, url in words.useful_links]),
    )
    for heading, paragraphs in sections:
        lines.append((row, heading, "subtitle"))
        row += 1
        for value, style in paragraphs:
            lines.append((row, value, style))
            row += 1
        row += 1
    lines.append((row, words("cover.responsible", contact=words("contact")), "info"))
    return SheetLayout(
        name=COVER_SHEET,
        description=words("cover.sheet_description"),
        blocks=tuple(Block(r, 1, ((value,),), style) for r, value, style in lines),
        column_widths={1: COVER_WIDTH},
        row_heights={r: wrapped_height(value, COVER_WIDTH) for r, value, style in lines if style == "wrap"},
        print_setup=COVER_PRINT,
    )


def notes_sheet(order: Sequence[str], lang: str = "en") -> SheetLayout:
    """The notes the workbook cites, numbered in the order of first citation."""
    words = sheet_words(lang)
    header_row = 4
    rows = tuple((note_label(number, lang), words.notes[key].format(x=NOT_AVAILABLE))
                 for number, key in enumerate(order, start=1))
    return SheetLayout(
        name=NOTES_SHEET,
        description=words("notes.sheet_description", x=NOT_AVAILABLE),
        blocks=(
            Block(1, 1, ((words("notes.title"),),), "title"),
            Block(2, 1, ((words("notes.info"),),), "info"),
            Block(header_row, 1, ((words("notes.number"), words("notes.text")),), "header"),
            Block(header_row + 1, 1, tuple((r[0],) for r in rows), "label"),
            Block(header_row + 1, 2, tuple((r[1],) for r in rows), "wrap"),
        ),
        tables=(ExcelTable("T_Notes", header_row, 1, header_row + len(rows), 2),),
        column_widths={1: 18, 2: 100},
        row_heights={header_row: 30,
                     **{header_row + i: wrapped_height(text, 100) for i, (_, text) in enumerate(rows, start=1)}},
    )


def input_sheet_descriptions(release: Release) -> list[tuple[str, str]]:
    """The input sheets the workbook has after a refresh, after the generated ones."""
    words = sheet_words(release.lang)
    sheets = [(DATA.sheet, words("input.data"))]
    if release.population is not None:
        sheets.append((POPULATION.sheet, words("input.population")))
    if release.ethnicity is not None:
        sheets.append((ETHNICITY.sheet, words("input.ethnicity")))
    sheets.append((SETTINGS_SHEET, words("input.settings")))
    return sheets


def contents_sheet(entries: list[tuple[str, str]], lang: str = "en") -> SheetLayout:
    """One row per sheet (name as an internal link, one-line description), in workbook order."""
    words = sheet_words(lang)
    header_row = 4
    rows = tuple(entries)
    return SheetLayout(
        name=CONTENTS_SHEET,
        description=words("contents.sheet_description"),
        blocks=(
            Block(1, 1, ((words("contents.title"),),), "title"),
            Block(2, 1, ((words("contents.info", note=cite("shorthand")),),), "info"),
            Block(header_row, 1, ((words("contents.sheet"), words("contents.description")),), "header"),
            Block(header_row + 1, 1, tuple((sheet_link(name),) for name, _ in rows), "link"),
            Block(header_row + 1, 2, tuple((description,) for _, description in rows), "label"),
        ),
        tables=(ExcelTable("T_Contents", header_row, 1, header_row + len(rows), 2),),
        column_widths={1: 18, 2: 100},
    )
