"""The whole release workbook as layouts, in workbook order: Cover, Contents, Notes, the key points and
indicators, the interregional table, the dynamic tables, the supplementary tables (when their input sheets
exist), Charts, Revisions, Checks and Check rows — every word in the release's language.

Composition decides what depends on the whole: Contents lists every sheet, notes are numbered by first citation,
every sheet holding a table scrolls under its header, and every sheet prints on A4 landscape, one page wide.
"""

from __future__ import annotations

import dataclasses

from migrelease.model.tables import TABLE_SPECS
from migrelease.release.checks import RuleResult
from migrelease.release.compute import Release
from migrelease.release.supplementary import ETHNIC_SHEET
from migrelease.sheets.blocks import NOT_AVAILABLE, PrintSetup, SheetLayout
from migrelease.sheets.charts import charts_sheet
from migrelease.sheets.checks_sheet import check_rows_sheet, checks_sheet
from migrelease.sheets.front import (CONTENTS_SHEET, NOTES_SHEET, contents_sheet, cover_sheet,
                                     input_sheet_descriptions, notes_sheet)
from migrelease.sheets.key_sheets import interregional_sheet, key_indicators_sheet, key_points_sheet
from migrelease.sheets.notes import cited_in_order, number_notes
from migrelease.sheets.revisions import Revisions, revisions_sheet, with_revision_markers
from migrelease.sheets.supplementary_sheets import supplementary_sheets
from migrelease.sheets.table_sheets import table_sheet
from migrelease.sheets.words import sheet_words


def with_table_view(layout: SheetLayout) -> SheetLayout:
    """A sheet whose first table scrolls under its header and labels, and prints landscape, one page wide, with
    the header repeated on every page (unless the layout says otherwise); a sheet without a table prints
    landscape, one page wide."""
    if not layout.tables:
        return dataclasses.replace(layout, print_setup=layout.print_setup or PrintSetup())
    first = layout.tables[0]
    return dataclasses.replace(
        layout,
        freeze_panes=layout.freeze_panes or (first.first_row + 1, first.first_column + 1),
        print_setup=layout.print_setup or PrintSetup(repeat_rows=(first.first_row, first.first_row)),
    )


def release_layout(release: Release, checks: tuple[RuleResult, ...], revisions: Revisions, public: bool = False,
                   include_data: bool = False) -> list[SheetLayout]:
    """`revisions`: the published figures the data revises; their tables are marked [r]. `public`: the sheets of
    the published file of values instead — no Checks, Contents listing only what the file holds (the input sheets
    only with `include_data`, never Settings), Key indicators worded for values, not formulas."""
    lang = release.lang
    words = sheet_words(lang)
    supplementary = supplementary_sheets(release)
    ethnic = next((layout for layout in supplementary if layout.name == ETHNIC_SHEET), None)
    body = [*with_revision_markers([key_points_sheet(release), key_indicators_sheet(release, public),
                                    interregional_sheet(release),
                                    *(table_sheet(release.tables[spec.code], lang) for spec in TABLE_SPECS)],
                                   revisions, lang),
            *supplementary, charts_sheet(release, ethnic), revisions_sheet(revisions, release.span, lang)]
    if not public:
        body += [checks_sheet(release, checks), check_rows_sheet(release, checks)]
    inputs = input_sheet_descriptions(release)
    if public:
        inputs = inputs[:-1] if include_data else []  # the last is Settings, which is never published
    cover = cover_sheet(release)
    entries = [(cover.name, cover.description), (CONTENTS_SHEET, words("contents.sheet_description")),
               (NOTES_SHEET, words("notes.sheet_description", x=NOT_AVAILABLE)),
               *((layout.name, layout.description) for layout in body), *inputs]
    contents = contents_sheet(entries, lang)
    order = cited_in_order([cover, contents, *body])
    layouts = number_notes([cover, contents, notes_sheet(order, lang), *body], order, lang)
    return [with_table_view(layout) for layout in layouts]
