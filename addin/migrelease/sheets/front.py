"""The front of the release workbook as layouts: Cover, Contents and Notes.

The release's words (title, glossary, methodological explanations, useful links, contact) live here once, as
data: the Cover writes them, and the published release page prints the same text.
"""

from __future__ import annotations

from typing import Sequence

from migrelease.model.facts import DATA, ETHNICITY, POPULATION
from migrelease.release.compute import Release
from migrelease.sheets.blocks import NOT_AVAILABLE, Block, ExcelTable, SheetLayout, sheet_link, wrapped_height
from migrelease.sheets.notes import NOTES, cite
from migrelease.sheets.settings import (SETTING_CONTACT_DETAILS, SETTING_NEXT_PUBLICATION, SETTING_PUBLICATION,
                                        SETTINGS_DESCRIPTION, SETTINGS_SHEET)
from migrelease.sheets.words import CONTACT, PUBLISHER, RELEASE_TITLE
from migrelease.text.period_labels import span_label

NOT_SET = "not set yet (enter it on the Settings sheet)"
COVER_SHEET = "Cover"
COVER_DESCRIPTION = "Title, period, dates of publication, description, glossary, methodology and contact"

# The glossary and the methodological explanations of the release, in correct English.
GLOSSARY = (
    ("Population migration", "the movement of people (migrants) across the borders of certain territories with a "
                             "change of place of residence."),
    ("Number of arrivals", "the number of people who arrived in the region from outside it during the reporting "
                           "period."),
    ("Number of departures", "the number of people who left the region for a place outside it during the "
                             "reporting period."),
    ("Net migration", "the difference between the number of arrivals in the region and the number of departures "
                      "from it during the reporting period."),
)
METHODOLOGY = (
    "Population migration is the movement of people (migrants) across the borders of certain territories with a "
    "change of place of residence.",
    "In current statistical accounting the figures are conventionally called the numbers of people who arrived "
    "and departed, but they count moves: a person who changes residence more than once in the period is counted "
    "each time.",
    "The main indicators of migration are the number of arrivals, the number of departures and the migration "
    "increase (or decrease), that is, net migration: arrivals minus departures.",
    "Migration intensity rates show how often people change their place of residence relative to the whole "
    "population over a period. The most commonly used are the general annual migration intensity rates per 1,000 "
    "population: here the migrants of the period, annualised (times 12 and divided by the number of months), per "
    "1,000 people living in the region on 1 January.",
)
USEFUL_LINKS = (
    "Methodology for calculating the main indicators of population migration",
    "Population migration, quality report",
    "Migration of the population, information and analytical system «Taldau»",
)

# --- Cover, Notes, Contents -------------------------------------------------------------------------------

def release_heading(release: Release) -> str:
    return f"{RELEASE_TITLE} for {span_label(release.span)}"


COVER_WIDTH = 100


def cover_sheet(release: Release) -> SheetLayout:
    settings = release.settings
    period = span_label(release.span)
    contact = CONTACT
    if settings.get(SETTING_CONTACT_DETAILS):
        contact = f"{CONTACT}, {settings[SETTING_CONTACT_DETAILS]}"
    supplementary = []
    if release.intensity:
        supplementary.append("migration intensity per 1,000 population")
    if release.ethnic is not None:
        supplementary.append("the structure of external migration by selected ethnic groups")
    description = (
        f"This workbook presents the migration of the population of the Republic of Kazakhstan for {period}: "
        "arrivals, departures and net migration for the country and its 20 regions, for external migration (with "
        "the CIS and other countries) and internal migration, by year and by month, with the key points of the "
        "release" + (", " + " and ".join(supplementary) if supplementary else "") + ". The Contents sheet lists "
        f"every sheet; the Notes sheet explains {NOT_AVAILABLE} and the shorthand used.")
    lines: list[tuple[int, tuple, str]] = []  # (row, values, style)
    row = 1
    lines.append((row, (release_heading(release),), "title"))
    row += 1
    for text in (f"Period: {period}",
                 f"Date of publication: {settings.get(SETTING_PUBLICATION) or NOT_SET}",
                 f"Date of next publication: {settings.get(SETTING_NEXT_PUBLICATION) or NOT_SET}",
                 f"Source: {PUBLISHER}",
                 f"Contact: {contact}"):
        lines.append((row, (text,), "info"))
        row += 1
    row += 1
    sections = (
        ("About this release", (description,)),
        ("Glossary", tuple(f"{term} – {definition}" for term, definition in GLOSSARY)),
        ("Methodological explanations", METHODOLOGY),
        ("Useful links", USEFUL_LINKS),
    )
    for heading, paragraphs in sections:
        lines.append((row, (heading,), "subtitle"))
        row += 1
        for paragraph in paragraphs:
            lines.append((row, (paragraph,), "wrap"))
            row += 1
        row += 1
    lines.append((row, (f"Responsible for the release: {CONTACT}.",), "info"))
    return SheetLayout(
        name=COVER_SHEET,
        description=COVER_DESCRIPTION,
        blocks=tuple(Block(r, 1, (values,), style) for r, values, style in lines),
        column_widths={1: COVER_WIDTH},
        row_heights={r: wrapped_height(values[0], COVER_WIDTH) for r, values, style in lines if style == "wrap"},
    )


NOTES_SHEET = "Notes"
NOTES_DESCRIPTION = f"Numbered notes the titles refer to, including what {NOT_AVAILABLE} and each shorthand means"


def notes_sheet(order: Sequence[str]) -> SheetLayout:
    """The notes the workbook cites, numbered in the order of first citation."""
    header_row = 4
    rows = tuple((f"[note {number}]", NOTES[key]) for number, key in enumerate(order, start=1))
    return SheetLayout(
        name=NOTES_SHEET,
        description=NOTES_DESCRIPTION,
        blocks=(
            Block(1, 1, (("Notes",),), "title"),
            Block(2, 1, (("Titles and lines of the other sheets refer to these notes as [note 1], [note 2], …",),),
                  "info"),
            Block(header_row, 1, (("Note number", "Note text"),), "header"),
            Block(header_row + 1, 1, tuple((r[0],) for r in rows), "label"),
            Block(header_row + 1, 2, tuple((r[1],) for r in rows), "wrap"),
        ),
        tables=(ExcelTable("T_Notes", header_row, 1, header_row + len(rows), 2),),
        column_widths={1: 14, 2: 100},
        row_heights={header_row + i: wrapped_height(text, 100) for i, (_, text) in enumerate(rows, start=1)},
    )


def input_sheet_descriptions(release: Release) -> list[tuple[str, str]]:
    """The input sheets the workbook has after a refresh, after the generated ones."""
    sheets = [(DATA.sheet, "Input: the migration counts (period, region, flow, direction, people)")]
    if release.population is not None:
        sheets.append((POPULATION.sheet, "Input: the population on 1 January by year and region"))
    if release.ethnicity is not None:
        sheets.append((ETHNICITY.sheet, "Input: external arrivals and departures by ethnic group"))
    sheets.append((SETTINGS_SHEET, SETTINGS_DESCRIPTION))
    return sheets


CONTENTS_SHEET = "Contents"
CONTENTS_DESCRIPTION = "This list of sheets, each name a link to its sheet"


def contents_sheet(entries: list[tuple[str, str]]) -> SheetLayout:
    """One row per sheet (name as an internal link, one-line description), in workbook order."""
    header_row = 4
    rows = tuple(entries)
    return SheetLayout(
        name=CONTENTS_SHEET,
        description=CONTENTS_DESCRIPTION,
        blocks=(
            Block(1, 1, (("Contents",),), "title"),
            Block(2, 1, (("Select a sheet name to go to that sheet. Shorthand in the names is explained on the "
                          f"Notes sheet {cite('shorthand')}.",),), "info"),
            Block(header_row, 1, (("Sheet", "Description"),), "header"),
            Block(header_row + 1, 1, tuple((sheet_link(name),) for name, _ in rows), "link"),
            Block(header_row + 1, 2, tuple((description,) for _, description in rows), "label"),
        ),
        tables=(ExcelTable("T_Contents", header_row, 1, header_row + len(rows), 2),),
        column_widths={1: 18, 2: 100},
    )
