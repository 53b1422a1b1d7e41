"""The publication record: what `migrelease publish` made public — every dynamic-table and Key-indicator figure
with its code, region, period and value, the date of publication and the release stamp it was made from — kept
in the refresh-owned `_Release` sheet beside the stamp, so that every refresh can tell which published figures
its data revises (sheets/revisions.py).

The record keeps, for every figure ever published, the value of the latest publication that showed it: a new
publication overrides the figures it shows again and keeps the others with their own publication. So a revision
is always measured against the last value the public saw.

In the sheet (columns D onwards; the stamp holds A:B), found by its header cells, never by fixed addresses:

    D4  Record key | Record value  G4  publication | published_on | next_publication | recorded_at | <stamp keys>
        format     | 1                 1           | 12.05.2026   | 12.08.2026       | 2026-05-12T…| …
        regions    | 000000000 100000000 … (KATO codes, the order of every values cell)
    T4  publication | figure    | period          | values
        1           | Y_Ext_Arr | 2025-01/2025-03 | 4922 84 130 … [x] …

A values cell lists the figure's value for each region of `regions`, separated by spaces: a number as published
(counts whole, percentages with one decimal), `[x]` published as not available, `-` not part of the figure (the
interregional figures have no country); trailing `-` are left out (a Key indicator is the country's only). One
text cell per figure and period keeps the record compact (a few hundred cells for thousands of figures) and
identical through any program's save: no program converts a text cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

from migrelease.model.periods import Span
from migrelease.model.regions import COUNTRY, Region, regions
from migrelease.sheets.blocks import NOT_AVAILABLE, Block
from migrelease.release.compute import Release
from migrelease.sheets.figures import Figure, iso_period, key_indicator_figures, table_figures

RECORD_FORMAT = "1"
NOT_PART = "-"
KEY_HEADER = ("Record key", "Record value")  # not the stamp's "Key | Value": each table is found by its header
PUBLICATION_FIELDS = ("publication", "published_on", "next_publication", "recorded_at")
# What a publication keeps of the release stamp it published (helper B's stamp keys).
STAMP_KEYS = ("refreshed_at", "migrelease_version", "door", "period", "fingerprint_data", "fingerprint_population",
              "fingerprint_ethnicity", "fingerprint_settings")
FIGURES_HEADER = ("publication", "figure", "period", "values")
RECORD_TOP = 4  # header row of the record's three tables
KEYS_COLUMN, PUBLICATIONS_COLUMN = 4, 7  # D, G
FIGURES_COLUMN = PUBLICATIONS_COLUMN + len(PUBLICATION_FIELDS) + len(STAMP_KEYS) + 1

FigureKey = tuple[str, str, str]  # (figure code, region KATO, ISO period)


@dataclass(frozen=True)
class Publication:
    number: int
    published_on: str  # the date of publication, dd.mm.yyyy, as the Settings sheet and the Cover show it
    next_publication: str
    recorded_at: str  # when `publish` ran, ISO 8601 with the local offset
    stamp: Mapping[str, str] = field(default_factory=dict)  # STAMP_KEYS -> the stamp's values

    def row(self) -> tuple[str, ...]:
        return (str(self.number), self.published_on, self.next_publication, self.recorded_at,
                *(self.stamp.get(key, "") for key in STAMP_KEYS))


@dataclass(frozen=True)
class PublishedValue:
    value: float  # as published; NaN = published as not available
    publication: int


@dataclass(frozen=True)
class PublicationRecord:
    publications: tuple[Publication, ...] = ()
    values: Mapping[FigureKey, PublishedValue] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.publications

    @property
    def last(self) -> Publication | None:
        return self.publications[-1] if self.publications else None

    def publication(self, number: int) -> Publication:
        return next(publication for publication in self.publications if publication.number == number)


NO_RECORD = PublicationRecord()


def recorded_figures(release: Release) -> list[Figure]:
    """What a publication records: every figure of the dynamic tables and the Key indicators (the intensity
    rates and ethnic shares are derived from other inputs and are not tracked)."""
    return table_figures(release) + key_indicator_figures(release)


def figure_key(figure: Figure) -> FigureKey:
    return figure.indicator, figure.region.kato, iso_period(figure.span)


def same_value(a: float, b: float) -> bool:
    """Two published values are the same figure: equal numbers, or both not available."""
    return (math.isnan(a) and math.isnan(b)) or a == b


def record_after_publication(record: PublicationRecord, figures: Sequence[Figure], published_on: str,
                             next_publication: str, recorded_at: str,
                             stamp: Mapping[str, str]) -> PublicationRecord:
    """The record once `figures` are published: a new publication, whose figures override the same keys."""
    number = max((publication.number for publication in record.publications), default=0) + 1
    publication = Publication(number, published_on, next_publication, recorded_at,
                              MappingProxyType({key: str(stamp.get(key, "")) for key in STAMP_KEYS}))
    values = dict(record.values)
    for figure in figures:
        values[figure_key(figure)] = PublishedValue(float(figure.value), number)
    return PublicationRecord((*record.publications, publication), MappingProxyType(values))


# --- the `_Release` sheet's cells ----------------------------------------------------------------------------

def _token(value: float) -> str:
    if math.isnan(value):
        return NOT_AVAILABLE
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _region_order() -> tuple[Region, ...]:
    return (COUNTRY, *regions())


def record_blocks(record: PublicationRecord) -> tuple[Block, ...]:
    """The record's cells in the `_Release` sheet (nothing when nothing was published); all text."""
    if record.empty:
        return ()
    order = _region_order()
    rows: dict[tuple[int, str, str], list[str]] = {}
    for (code, kato, period), published in record.values.items():
        rows.setdefault((published.publication, code, period), [NOT_PART] * len(order))
    position = {region.kato: i for i, region in enumerate(order)}
    for (code, kato, period), published in record.values.items():
        rows[(published.publication, code, period)][position[kato]] = _token(published.value)
    figure_rows = tuple((str(number), code, period, " ".join(_without_trailing(tokens)))
                        for (number, code, period), tokens in rows.items())
    publication_header = (*PUBLICATION_FIELDS, *STAMP_KEYS)
    return (
        Block(1, KEYS_COLUMN, (("Publication record",),), "title"),
        Block(2, KEYS_COLUMN, (("Written by `migrelease publish` (every figure it published); every refresh keeps "
                                "it and lists the published figures its data revises on the Revisions sheet: do "
                                "not edit.",),), "info"),
        Block(RECORD_TOP, KEYS_COLUMN, (KEY_HEADER,), "header"),
        Block(RECORD_TOP + 1, KEYS_COLUMN, (("format", RECORD_FORMAT),
                                             ("regions", " ".join(region.kato for region in order))), "text"),
        Block(RECORD_TOP, PUBLICATIONS_COLUMN, (publication_header,), "header"),
        Block(RECORD_TOP + 1, PUBLICATIONS_COLUMN, tuple(publication.row() for publication in record.publications),
              "text"),
        Block(RECORD_TOP, FIGURES_COLUMN, (FIGURES_HEADER,), "header"),
        Block(RECORD_TOP + 1, FIGURES_COLUMN, figure_rows, "text"),
    )


def _without_trailing(tokens: list[str]) -> list[str]:
    while tokens and tokens[-1] == NOT_PART:
        tokens = tokens[:-1]
    return tokens


class RecordUnreadable(ValueError):
    """The `_Release` sheet holds a publication record that cannot be read (edited by hand, or a newer format)."""


def _text(value) -> str:
    """A cell as text, whatever the reading library made of it (a number read back from a text cell that some
    program converted is written the way we wrote it)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _find(rows: list[list], text: str, after: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """(row, column) of the first cell reading `text` whose right-hand neighbours read `after`."""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if _text(value) == text and all(_text(row[c + 1 + i]) == following if c + 1 + i < len(row) else False
                                            for i, following in enumerate(after)):
                return r, c
    return None


def _table(rows: list[list], header: Sequence[str]) -> list[dict[str, str]]:
    """The rows under `header` (found anywhere), as dicts, up to the first row whose first cell is empty."""
    found = _find(rows, header[0], tuple(header[1:]))
    if found is None:
        return []
    top, left = found
    names = [_text(value) for value in rows[top][left:]]
    names = names[:names.index("")] if "" in names else names
    table = []
    for row in rows[top + 1:]:
        cells = [_text(value) for value in list(row[left:left + len(names)]) + [None] * len(names)]
        if not cells[0]:
            break
        table.append(dict(zip(names, cells)))
    return table


def _number(token: str, where: str) -> float:
    if token == NOT_AVAILABLE:
        return math.nan
    try:
        return float(token)
    except ValueError:
        raise RecordUnreadable(f"{where}: '{token}' is not a number or {NOT_AVAILABLE}") from None


def record_from_rows(rows: Iterable | None) -> PublicationRecord:
    """The record in the `_Release` sheet's rows as any door reads them (a 2-D list from any cell on); NO_RECORD
    when the sheet has none. Raises RecordUnreadable for a record that is there but cannot be read."""
    grid = [list(row) if isinstance(row, (list, tuple)) else [row] for row in (rows or ())]
    keys = {entry[KEY_HEADER[0]]: entry.get(KEY_HEADER[1], "") for entry in _table(grid, KEY_HEADER)}
    publications = _table(grid, PUBLICATION_FIELDS)
    if not publications and "regions" not in keys:
        return NO_RECORD
    where = "sheet '_Release', the publication record"
    if keys.get("format") != RECORD_FORMAT:
        raise RecordUnreadable(f"{where} has format {keys.get('format')!r}; this migrelease reads format "
                               f"{RECORD_FORMAT} (a newer migrelease wrote it?)")
    katos = keys.get("regions", "").split()
    known = {region.kato for region in _region_order()}
    unknown = [kato for kato in katos if kato not in known]
    if not katos or unknown:
        raise RecordUnreadable(f"{where}: the regions line lists {', '.join(unknown) or 'no'} unknown KATO codes")
    try:
        parsed = tuple(Publication(int(entry["publication"]), entry["published_on"], entry["next_publication"],
                                   entry["recorded_at"],
                                   MappingProxyType({key: entry.get(key, "") for key in STAMP_KEYS}))
                       for entry in publications)
    except (KeyError, ValueError):
        raise RecordUnreadable(f"{where}: a publication row is incomplete") from None
    numbers = {publication.number for publication in parsed}
    values: dict[FigureKey, PublishedValue] = {}
    for entry in _table(grid, FIGURES_HEADER):
        number = int(_number(entry["publication"], where)) if entry["publication"] else 0
        if number not in numbers:
            raise RecordUnreadable(f"{where}: figure {entry['figure']} {entry['period']} names publication "
                                   f"{entry['publication']!r}, which the record does not list")
        tokens = entry.get("values", "").split()
        if len(tokens) > len(katos):
            raise RecordUnreadable(f"{where}: figure {entry['figure']} {entry['period']} has {len(tokens)} values "
                                   f"for {len(katos)} regions")
        for kato, token in zip(katos, tokens):
            if token != NOT_PART:
                values[(entry["figure"], kato, entry["period"])] = PublishedValue(
                    _number(token, f"{where}, figure {entry['figure']} {entry['period']}"), number)
    return PublicationRecord(parsed, MappingProxyType(values))


def span_of_period(period: str) -> Span:
    """The span of an ISO period as the record writes it: '2025', '2025-02', '2025-01/2025-03'."""
    first, _, last = period.partition("/")
    year, _, month = first.partition("-")
    if not month:
        return Span(int(year))
    last_month = int(last.partition("-")[2]) if last else int(month)
    return Span(int(year), int(month), last_month)
