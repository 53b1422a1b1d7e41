"""The front of the release workbook as layouts: Cover, Contents, Notes, and the Settings sheet the user edits.

The release's words (title, glossary, methodological explanations, useful links, contact) live here once, as
data: the Cover writes them, and the published release page (publish.py) prints the same text.
"""

from __future__ import annotations

import datetime as dt

from .layout import NOT_AVAILABLE, Block, ExcelTable, SheetLayout, sheet_link, span_label, wrapped_height
from .release import Release

RELEASE_TITLE = "The migration of the population of the Republic of Kazakhstan"
PUBLIC_TITLE = "Migration of the population"  # the published workbook's file name starts with this
CONTACT = "Department of Population Statistics"
PUBLISHER = "Bureau of National Statistics of the Agency for Strategic Planning and Reforms of the Republic of " \
            "Kazakhstan"

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

# The Settings sheet: a small key/value table the user edits; a refresh reads it and never writes over it.
SETTINGS_SHEET = "Settings"
SETTINGS_HEADER = ("Setting", "Value")
SETTING_PUBLICATION = "Date of publication"
SETTING_NEXT_PUBLICATION = "Date of next publication"
SETTING_CONTACT_DETAILS = "Contact details"
DEFAULT_SETTINGS = ((SETTING_PUBLICATION, None), (SETTING_NEXT_PUBLICATION, None), (SETTING_CONTACT_DETAILS, None))
NOT_SET = "not set yet (enter it on the Settings sheet)"

# Numbered notes that titles and info lines refer to as [note N]; note 1 is what [x] means (table_sheet cites it).
NOTES = (
    f"{NOT_AVAILABLE} means not available: the input has no figure for that region and period, or a share, change "
    "or rate has a zero denominator. It is never shown as 0 or left blank.",
    "Shorthand in sheet and table names: Y = by year; M = by month; All = all flows; Ext = external migration "
    "(with the CIS and other countries); CIS = the Commonwealth of Independent States; Oth = other countries "
    "(outside the CIS); Int = internal migration (between and within regions); Arr = arrival; Dep = departure; "
    "Bal = balance (net migration); Rate = intensity per 1,000 population; T_ = an Excel table.",
    "Periods: a span such as January–March 2026 is cumulative from January of that year; it is compared with the "
    "same period a year earlier. A whole year is the calendar year.",
    "The country's figure is the sum of the 20 regions. Net migration (balance) = arrivals − departures. External "
    "migration = migration with the CIS countries + migration with other countries. Internal migration counts "
    "moves between regions (interregional) and within a region (intraregional); interregional net migration sums "
    "to zero for the country.",
    "Migration intensity per 1,000 population = migrants ÷ population on 1 January × 1,000, annualised: times 12 "
    "and divided by the number of months of the period. One decimal.",
    "The structure of external migration by ethnic group: each group's arrivals (departures) as a percentage of "
    "all external arrivals (departures) of the ethnic data; one decimal, so shares may not add up to exactly "
    "100.0.",
    "Percentages, changes and rates are rounded to one decimal as Excel's ROUND does (half away from zero). Counts "
    "are whole people.",
    "Every refresh runs the consistency checks listed on the Checks sheet; an error stops the refresh, a warning "
    "asks for a review of the figures.",
)
NOTE_X, NOTE_SHORTHAND, NOTE_PERIODS, NOTE_IDENTITIES, NOTE_INTENSITY, NOTE_ETHNIC, NOTE_ROUNDING, NOTE_CHECKS = \
    range(1, len(NOTES) + 1)


def note(number: int) -> str:
    return f"[note {number}]"


# --- Settings ---------------------------------------------------------------------------------------------

def format_setting(value) -> str | None:
    """A setting as the Cover prints it: dates as dd.mm.yyyy, text trimmed; None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def book_settings(book) -> dict[str, str]:
    """The key/value pairs of a workbook's Settings sheet ({} if there is none), from its calamine reader."""
    from .sheet_source import find_sheet_name, sheet_rows

    name = find_sheet_name(book, SETTINGS_SHEET)
    return {} if name is None else settings_from_rows(sheet_rows(book, name))


def settings_from_rows(rows) -> dict[str, str]:
    """The key/value pairs under the Settings table's header row (first column = key)."""
    settings, in_table = {}, False
    for row in rows:
        cells = list(row) + [None, None]
        key = cells[0].strip() if isinstance(cells[0], str) else cells[0]
        if not in_table:
            in_table = isinstance(key, str) and key.casefold() == SETTINGS_HEADER[0].casefold()
            continue
        if isinstance(key, str) and key:
            value = format_setting(cells[1] if cells[1] != "" else None)
            if value is not None:
                settings[key] = value
    return settings


def settings_sheet(values: dict[str, object] | None = None) -> SheetLayout:
    """The Settings sheet with `values` (default: blank dates); written only when the workbook has none."""
    values = dict(values or {})
    rows = [(key, values.pop(key, default)) for key, default in DEFAULT_SETTINGS]
    rows += list(values.items())
    rows = tuple((key, format_setting(value) if isinstance(value, (dt.date, dt.datetime)) else value)
                 for key, value in rows)
    header_row = 4
    return SheetLayout(
        name=SETTINGS_SHEET,
        description="Settings you edit: dates of publication and contact details (a refresh never overwrites "
                    "them)",
        blocks=(
            Block(1, 1, (("Settings",),), "title"),
            Block(2, 1, (("Edit the values in column B (dates as dd.mm.yyyy); a refresh reads them for the Cover "
                          "and never overwrites this sheet.",),), "info"),
            Block(header_row, 1, (SETTINGS_HEADER,), "header"),
            Block(header_row + 1, 1, tuple((key,) for key, _ in rows), "label"),
            Block(header_row + 1, 2, tuple((value,) for _, value in rows), "text"),
        ),
        tables=(ExcelTable("T_Settings", header_row, 1, header_row + len(rows), 2),),
        column_widths={1: 30, 2: 40},
    )


def ensure_settings_sheet(workbook) -> bool:
    """Add a default Settings sheet at the end of an openpyxl workbook that has none; True if added."""
    from .openpyxl_writer import write_sheet

    if any(name.casefold() == SETTINGS_SHEET.casefold() for name in workbook.sheetnames):
        return False
    sheet = write_sheet(workbook, settings_sheet())
    workbook.move_sheet(sheet, len(workbook.sheetnames) - 1 - workbook.sheetnames.index(sheet.title))
    return True


# --- Cover, Notes, Contents -------------------------------------------------------------------------------

def release_heading(release: Release) -> str:
    return f"{RELEASE_TITLE} for {span_label(release.span)}"


COVER_WIDTH = 100


def cover_sheet(release: Release) -> SheetLayout:
    settings = release.extras.get("settings", {})
    period = span_label(release.span)
    contact = CONTACT
    if settings.get(SETTING_CONTACT_DETAILS):
        contact = f"{CONTACT}, {settings[SETTING_CONTACT_DETAILS]}"
    supplementary = []
    if release.population is not None:
        supplementary.append("migration intensity per 1,000 population")
    if release.ethnicity is not None:
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
        name="Cover",
        description="Title, period, dates of publication, description, glossary, methodology and contact",
        blocks=tuple(Block(r, 1, (values,), style) for r, values, style in lines),
        column_widths={1: COVER_WIDTH},
        row_heights={r: wrapped_height(values[0], COVER_WIDTH) for r, values, style in lines if style == "wrap"},
    )


def notes_sheet() -> SheetLayout:
    header_row = 4
    rows = tuple((note(number), text) for number, text in enumerate(NOTES, start=1))
    return SheetLayout(
        name="Notes",
        description=f"Numbered notes the titles refer to, including what {NOT_AVAILABLE} and each shorthand means",
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
    sheets = [("Data", "Input: the migration counts (period, region, flow, direction, people)")]
    if release.population is not None:
        sheets.append(("Population", "Input: the population on 1 January by year and region"))
    if release.ethnicity is not None:
        sheets.append(("Ethnicity", "Input: external arrivals and departures by ethnic group"))
    sheets.append((SETTINGS_SHEET, settings_sheet().description))
    return sheets


CONTENTS_DESCRIPTION = "This list of sheets, each name a link to its sheet"


def contents_sheet(entries: list[tuple[str, str]]) -> SheetLayout:
    """One row per sheet (name as an internal link, one-line description), in workbook order."""
    header_row = 4
    rows = tuple(entries)
    return SheetLayout(
        name="Contents",
        description=CONTENTS_DESCRIPTION,
        blocks=(
            Block(1, 1, (("Contents",),), "title"),
            Block(2, 1, (("Select a sheet name to go to that sheet. Shorthand in the names is explained on the "
                          f"Notes sheet {note(NOTE_SHORTHAND)}.",),), "info"),
            Block(header_row, 1, (("Sheet", "Description"),), "header"),
            Block(header_row + 1, 1, tuple((sheet_link(name),) for name, _ in rows), "link"),
            Block(header_row + 1, 2, tuple((description,) for _, description in rows), "label"),
        ),
        tables=(ExcelTable("T_Contents", header_row, 1, header_row + len(rows), 2),),
        column_widths={1: 18, 2: 100},
    )


def with_contents(front: list[SheetLayout], body: list[SheetLayout], release: Release) -> list[SheetLayout]:
    """Cover, Contents, the rest of `front`, then `body`: Contents lists every sheet in workbook order."""
    cover, *rest = front
    entries = [(cover.name, cover.description), ("Contents", CONTENTS_DESCRIPTION),
               *((layout.name, layout.description) for layout in (*rest, *body)),
               *input_sheet_descriptions(release)]
    return [cover, contents_sheet(entries), *rest, *body]


# --- what the refresh leaves for publishing ----------------------------------------------------------------

PERIOD_PROPERTY = "migrelease period"  # custom document property: the reporting month of the last refresh


def stamp_release(workbook, release: Release) -> None:
    """Record the refreshed reporting month (YYYY-MM) in the workbook's custom document properties."""
    from openpyxl.packaging.custom import StringProperty

    properties = workbook.custom_doc_props
    for existing in [prop for prop in properties.props if prop.name == PERIOD_PROPERTY]:
        properties.props.remove(existing)
    properties.append(StringProperty(name=PERIOD_PROPERTY, value=f"{release.year}-{release.month:02d}"))


def stamped_period(workbook) -> str | None:
    for prop in workbook.custom_doc_props.props:
        if prop.name == PERIOD_PROPERTY:
            return str(prop.value)
    return None
