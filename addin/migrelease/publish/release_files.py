"""Publishing: the public, macro-free workbook and the release page (Markdown and HTML) from a refreshed workbook.

The public has no add-in, so every formula that calls a MIG_ function is replaced by its value, computed by the
add-in's own UDF functions (udfs.MIG_BALANCE, …, over measures.py): the published number is the one Excel shows
with the add-in. The formulas are evaluated by a small parser of exactly the forms the layout writes
(`=MIG_NAME(arg, …)` with cell references or numbers as arguments, and `=Sheet!A1`), not by the `formulas`
package: our forms are few and known, the parser needs no model of the whole workbook (35 sheets; `formulas`
compiles every cell and takes seconds), it passes the cells to the UDFs exactly as Excel would (`[x]` and blanks
included), and it refuses any other MIG_ formula loudly instead of guessing. A formula without MIG_ that the
parser does not know is left to Excel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path


from migrelease import udfs
from migrelease.filedoor.chart_images import chart_alt_texts, write_chart_pngs
from migrelease.filedoor.guard import FileIdentity
from migrelease.filedoor.refresh import check_workbook_file, date_settings, refresh_workbook, with_settings
from migrelease.filedoor.staging import check_target_folder, commit, staged
from migrelease.model.measures import times
from migrelease.publish.gates import publish_gate
from migrelease.publish.opendata import FORMATS as OPEN_DATA_FORMATS, write_open_data
from migrelease.publish.opendata_csv import DESCRIPTOR
from migrelease.publish.opendata_sdmx import SDMX_FILES
from migrelease.publish.page import ChartImage, PageFiles, page_languages, page_title, release_html, \
    release_markdown
from migrelease.publish.public_copy import public_layouts, web_safe_name, write_public_workbook
from migrelease.publish.record import publication_record, record_publication, refuse_unaccepted
from migrelease.model.problems import InputProblems, Problem
from migrelease.sheets.blocks import NOT_AVAILABLE, Formula, cell_value
from migrelease.sheets.key_sheets import KEY_POINTS_SHEET
from migrelease.sheets.labels import period_label
from migrelease.sheets.plan import RefreshPlan
from migrelease.sheets.publication_record import PublicationRecord
from migrelease.sheets.revisions import Revisions, page_section
from migrelease.sheets.words import PUBLIC_TITLE, sheet_words
from migrelease.text.period_labels import span_label

# The add-in's worksheet functions, by name: the very functions Excel calls through the add-in.
MIG_FUNCTIONS = {name: getattr(udfs, name) for name in ("MIG_BALANCE", "MIG_CHANGE", "MIG_SHARE", "MIG_INTENSITY")}
ADD_IN_SHEETS = ("xlwings.conf", "_xlwings.conf")
LANGUAGE = "en-GB"

_SHEET = r"(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[A-Za-z_][A-Za-z0-9_.]*))"
_REFERENCE = re.compile(rf"^(?:{_SHEET}!)?\$?(?P<column>[A-Za-z]{{1,3}})\$?(?P<row>[0-9]+)$")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")
_RATIO = re.compile(r'^IFERROR\(ROUND\(([^/(),]+)/([^/(),]+),1\),""\)$')
_CALL = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_.]*)\((?P<args>.*)\)$", re.S)


class UnknownFormula(ValueError):
    pass


def _split_arguments(text: str) -> list[str]:
    """Arguments at the top level, respecting quoted sheet names (a comma inside quotes is not a separator)."""
    arguments, current, quoted, depth = [], "", False, 0
    for character in text:
        if character == "'":
            quoted = not quoted
        elif not quoted and character == "(":
            depth += 1
        elif not quoted and character == ")":
            depth -= 1
        if character == "," and not quoted and depth == 0:
            arguments.append(current.strip())
            current = ""
        else:
            current += character
    if current.strip() or arguments:
        arguments.append(current.strip())
    return arguments


class FormulaEvaluator:
    """Values of the layout's formulas in an openpyxl workbook (loaded with formulas, not cached values)."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._values: dict[tuple[str, str], object] = {}
        self._busy: set[tuple[str, str]] = set()

    def value(self, sheet: str, coordinate: str):
        key = (sheet, coordinate.upper())
        if key in self._values:
            return self._values[key]
        if sheet not in self.workbook.sheetnames:
            raise UnknownFormula(f"refers to a sheet '{sheet}' the workbook does not have")
        if key in self._busy:
            raise UnknownFormula(f"refers to itself through {sheet}!{coordinate}")
        raw = self.workbook[sheet][coordinate].value
        if isinstance(raw, str) and raw.startswith("=") and self.workbook[sheet][coordinate].data_type == "f":
            self._busy.add(key)
            try:
                raw = self.evaluate(raw, sheet)
            finally:
                self._busy.discard(key)
        self._values[key] = raw
        return raw

    def _argument(self, text: str, sheet: str):
        if _NUMBER.match(text):
            return float(text)
        reference = _REFERENCE.match(text)
        if reference:
            return self._reference(reference, sheet)  # the cell as Excel passes it: number, text or empty
        raise UnknownFormula(f"has an argument '{text}' that is neither a cell nor a number")

    def _reference(self, match: re.Match, sheet: str):
        target = match.group("quoted")
        target = target.replace("''", "'") if target is not None else (match.group("plain") or sheet)
        return self.value(target, f"{match.group('column')}{match.group('row')}")

    def evaluate(self, formula: str, sheet: str):
        """The value of `formula` written on `sheet`: a number, or NOT_AVAILABLE."""
        body = formula[1:].strip()
        reference = _REFERENCE.match(body)
        if reference:
            return self._reference(reference, sheet)
        call = _CALL.match(body)
        if call and call.group("name").upper() in MIG_FUNCTIONS:
            arguments = [self._argument(text, sheet) for text in _split_arguments(call.group("args"))]
            result = MIG_FUNCTIONS[call.group("name").upper()](*arguments)[0][0]  # one cell's answer, as Excel gets it
            if isinstance(result, str) and result.startswith("#"):
                raise UnknownFormula(f"gives {result}")
            return cell_value(math.nan if result in (None, "") else result)
        ratio = _RATIO.match(body)
        if ratio:  # Excel's ROUND of a ratio of two cells, empty where it is not available (IFERROR)
            result = float(times(*(_as_number(self._argument(text, sheet)) for text in ratio.groups())))
            return cell_value(result)
        raise UnknownFormula("is not a form the release writes (=MIG_NAME(cells or numbers), "
                             '=IFERROR(ROUND(cell/cell,1),"") or =Sheet!A1)')


def _as_number(value) -> float:
    """A cell as Excel's arithmetic sees it here: a number, else not available (text makes the ratio an error)."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else math.nan


@dataclass
class Published:
    workbook: Path  # the first edition's (the only one's, unless --lang all)
    pages: list[Path] = field(default_factory=list)  # .html and .md of every edition
    charts: list[Path] = field(default_factory=list)
    formulas_replaced: int = 0
    draft: bool = False
    refusals: tuple = ()  # what a draft was published despite
    workbooks: list[Path] = field(default_factory=list)  # every edition's
    open_data: list[Path] = field(default_factory=list)  # the data package and SDMX files (publish.opendata)
    revisions: Revisions | None = None  # the published figures this publication revised
    record: PublicationRecord | None = None  # the workbook's record after it (None: a draft, not recorded)


def replace_formulas(workbook) -> int:
    """Replace every formula the evaluator knows by its value; how many were replaced. A formula without MIG_
    that the evaluator does not know is left to Excel; a MIG_ formula must be known."""
    evaluator = FormulaEvaluator(workbook)
    problems, replaced = [], 0
    cells = [(sheet.title, cell) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
             if cell.data_type == "f" and isinstance(cell.value, str)]
    values = {}
    for title, cell in cells:
        try:
            values[(title, cell.coordinate)] = evaluator.value(title, cell.coordinate)
        except UnknownFormula as error:
            if "MIG_" in cell.value.upper():
                problems.append(Problem(f"sheet '{title}'", cell.row, cell.column_letter,
                                        f"formula {cell.value} {error}: cannot publish it without the add-in"))
    if problems:
        raise InputProblems(problems)
    for title, cell in cells:
        if (title, cell.coordinate) in values:
            cell.value = values[(title, cell.coordinate)]
            if isinstance(cell.value, str):
                cell.data_type = "s"
            replaced += 1
    return replaced


def key_points_from_sheet(workbook, language_title: str = "English") -> list[str]:
    """The paragraphs of the Key points sheet's column for `language_title`."""
    if KEY_POINTS_SHEET not in workbook.sheetnames:
        return []
    sheet = workbook[KEY_POINTS_SHEET]
    for row in sheet.iter_rows(max_row=10):
        for cell in row:
            if cell.value == language_title:
                points = []
                for below in sheet.iter_rows(min_row=cell.row + 1, min_col=cell.column, max_col=cell.column,
                                             values_only=True):
                    if below[0] in (None, ""):
                        break
                    points.append(str(below[0]))
                return points
    return []


def public_file_stem(period_label: str) -> str:
    """'migration-of-the-population-january-march-2026': web-safe (ASCII, lower case, hyphens)."""
    return web_safe_name(f"{PUBLIC_TITLE}, {period_label}")


# The content language of each edition's public copy (docProps dc:language; the page says its own in <html lang>).
CONTENT_LANGUAGES = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ"}
LANGUAGE = CONTENT_LANGUAGES["en"]
# The open data files every page links to, each named by a word of the page's language.
OPEN_DATA_LINKS = (("page.open_data.csv", DESCRIPTOR), ("page.open_data.sdmx_structure", SDMX_FILES["structure"]),
                   ("page.open_data.sdmx_data", SDMX_FILES["data"]), ("page.open_data.sdmx_csv", SDMX_FILES["csv"]))


def edition_plan(plan: RefreshPlan, lang: str) -> RefreshPlan:
    """The same refresh worded in `lang`: the figures, checks and revisions are the plan's, only the words change."""
    return dataclasses.replace(plan, release=dataclasses.replace(plan.release, lang=lang))


def publish_workbook(path: str | Path, out_dir: str | Path, *, draft: bool = False, published: str | None = None,
                     next_publication: str | None = None, include_data: bool = False,
                     lang: str | None = None, accept_revisions: bool = False,
                     now: dt.datetime | None = None) -> Published:
    """Write, for each edition (`lang`: en, ru, kk or all; default the release's language), the public .xlsx, the
    chart images and the release page (.html, .md) into `out_dir` — only through the publish gate (or as a DRAFT),
    all of them first into a staging folder beside `out_dir` and moved in when complete. --published/--next are
    written to the workbook's Settings (by a refresh with the stamp's choices). Published figures it revises must
    be accepted (`accept_revisions`); a publication (not a draft) is recorded in the workbook's `_Release` sheet,
    the one other change it makes to the workbook (publish/record.py)."""
    path, out_dir = Path(path), Path(out_dir)
    check_target_folder(out_dir, "--out")
    dates = date_settings(published, next_publication)
    check_workbook_file(path, for_writing=not draft)
    identity = FileIdentity.of(path)  # before the gate reads it: the record goes only into this very file
    gate = publish_gate(path, dates)
    gate.raise_unless_open(draft)
    plan = gate.plan
    if gate.open:
        refuse_unaccepted(plan.revisions, path, accept_revisions)
    if dates and gate.open:
        plan = refresh_workbook(path, period=gate.stamp.period, lang=gate.stamp.language,
                                missing_rows=gate.stamp.missing_rows,
                                allow_incomplete=gate.stamp.allow_incomplete, published=published,
                                next_publication=next_publication)
        identity = FileIdentity.of(path)
    plan = dataclasses.replace(plan, release=dataclasses.replace(
        plan.release, settings=with_settings(dict(plan.release.settings), dates)))
    languages = page_languages(lang or plan.release.lang)
    stem = public_file_stem(span_label(plan.release.span))
    names = {edition: f"{stem}-{edition}" for edition in languages}
    is_draft = not gate.open
    reasons = tuple(str(problem) for problem in gate.refusals) if is_draft else ()
    workbooks, pages, charts_written = [], [], []
    with staged(out_dir) as staging:
        open_data = {path.name for path in write_open_data(plan.release, staging, OPEN_DATA_FORMATS,
                                                           gate.stamp.refreshed_at, draft=is_draft)}
        for edition in languages:
            edition_of = edition_plan(plan, edition)
            release, words = edition_of.release, sheet_words(edition)
            mark = words("page.draft") if is_draft else None
            layouts = public_layouts(edition_of, gate.inputs.facts if include_data else None, draft=is_draft,
                                     mark=words("page.draft"))
            period = period_label(release.span, edition)
            properties = {"title": f"{words('public_title')}, {period}", "subject": page_title(release, mark),
                          "author": words("contact"), "keywords": "migration, population, Kazakhstan, statistics",
                          "comments": f"Public edition of the release workbook (values only); not available is "
                                      f"shown as {NOT_AVAILABLE}."}
            write_public_workbook(layouts, staging / f"{names[edition]}.xlsx", properties,
                                  CONTENT_LANGUAGES[edition])
            images = write_chart_pngs(release, staging)
            alt_texts = chart_alt_texts(release)
            files = PageFiles(f"{names[edition]}.xlsx",
                              tuple(ChartImage(kind, image.name, alt_texts[kind], image.read_bytes())
                                    for kind, image in images.items()),
                              {other: f"{names[other]}.html" for other in languages if other != edition},
                              tuple((key, name) for key, name in OPEN_DATA_LINKS if name in open_data))
            revisions = page_section(edition_of.revisions, edition)
            for suffix, render in ((".html", release_html), (".md", release_markdown)):
                (staging / f"{names[edition]}{suffix}").write_text(
                    render(release, files, mark, reasons, revisions), encoding="utf-8")
        if is_draft:
            written, record = commit(staging, out_dir), None
        else:
            record = publication_record(plan, plan.release.settings, now)
            outcome = {}
            record_publication(path, plan, record, identity,
                               lambda: outcome.setdefault("written", commit(staging, out_dir)))
            written = outcome["written"]
    for target in written:
        if target.name not in open_data:
            {".xlsx": workbooks, ".html": pages, ".md": pages, ".png": charts_written}[target.suffix].append(target)
    return Published(workbooks[0], pages, charts_written,
                     sum(isinstance(value, Formula) for layout in plan.layouts for block in layout.blocks
                         for row in block.values for value in row),
                     is_draft, gate.refusals, workbooks, [target for target in written if target.name in open_data],
                     plan.revisions, record)
