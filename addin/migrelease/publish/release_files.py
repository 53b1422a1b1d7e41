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

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import openpyxl

from migrelease import udfs
from migrelease.filedoor.chart_images import chart_alt_texts, write_chart_pngs
from migrelease.filedoor.refresh import date_settings, refresh_workbook, with_settings
from migrelease.filedoor.staging import check_target_folder, commit, staged
from migrelease.model.measures import times
from migrelease.publish.gates import publish_gate
from migrelease.publish.public_copy import DRAFT_MARK, public_layouts, web_safe_name, write_public_workbook
from migrelease.model.problems import InputProblems, Problem
from migrelease.model.tables import TABLE_SPECS
from migrelease.sheets.blocks import NOT_AVAILABLE, Formula, cell_value
from migrelease.sheets.key_sheets import KEY_POINTS_SHEET
from migrelease.sheets.settings import SETTING_NEXT_PUBLICATION, SETTING_PUBLICATION
from migrelease.sheets.words import CONTACT, PUBLIC_TITLE, RELEASE_TITLE, sheet_words
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
    workbook: Path
    pages: list[Path] = field(default_factory=list)
    charts: list[Path] = field(default_factory=list)
    formulas_replaced: int = 0
    draft: bool = False
    refusals: tuple = ()  # what a draft was published despite


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


def page_sections(period: str, key_points: list[str], workbook_name: str,
                  chart_names: list[str]) -> list[tuple[str, list[tuple[str, object]]]]:
    """The release page as sections of (kind, content): kinds para, list, image, link."""
    annual = [spec.title for spec in TABLE_SPECS if spec.frequency == "annual"]
    monthly = [spec.title for spec in TABLE_SPECS if spec.frequency == "monthly"]
    key_content: list[tuple[str, object]] = [("para", point) for point in key_points]
    key_content += [("image", chart) for chart in chart_names]
    key_content += [("heading", "Spreadsheets"), ("link", (f"{PUBLIC_TITLE} for {period}", workbook_name))]
    return [
        ("Key points", key_content),
        ("Dynamic tables", [("para", "on years:"), ("list", annual), ("para", "by month:"), ("list", monthly)]),
        ("Glossary", [("list", [f"{term} – {definition}" for term, definition in sheet_words("en").glossary])]),
        ("Methodological explanations", [("para", text) for text in sheet_words("en").methodology]),
        ("Useful links", [("list", [name for name, _ in sheet_words("en").useful_links])]),
    ]


def _dates(settings: dict) -> list[str]:
    return [f"Date of publication: {settings.get(SETTING_PUBLICATION) or 'not set'}",
            f"Date of next publication: {settings.get(SETTING_NEXT_PUBLICATION) or 'not set'}"]


def release_markdown(title: str, settings: dict, sections) -> str:
    lines = [f"# {title}", "", *(f"{line}  " for line in _dates(settings)), ""]
    lines += [f"{number}. {heading}" for number, (heading, _) in enumerate(sections, start=1)] + [""]
    for number, (heading, content) in enumerate(sections, start=1):
        lines += [f"## {number}. {heading}", ""]
        for kind, item in content:
            if kind == "para":
                lines += [item, ""]
            elif kind == "heading":
                lines += [f"### {item}", ""]
            elif kind == "list":
                lines += [f"- {entry}" for entry in item] + [""]
            elif kind == "image":
                lines += [f"![{item[1]}]({_url(item[0])})", ""]
            elif kind == "link":
                lines += [f"[{item[0]}]({_url(item[1])})", ""]
    lines += [f"Responsible for the release: {CONTACT}.", ""]
    return "\n".join(lines)


def _url(name: str) -> str:
    return quote(name)


def release_html(title: str, settings: dict, sections) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", f'<html lang="{LANGUAGE}">', "<head>", '<meta charset="utf-8">',
             f"<title>{e(title)}</title>", "</head>", "<body>", f"<h1>{e(title)}</h1>",
             *(f"<p>{e(line)}</p>" for line in _dates(settings)), "<ol>",
             *(f'<li><a href="#section-{n}">{e(heading)}</a></li>' for n, (heading, _) in enumerate(sections, 1)),
             "</ol>"]
    for number, (heading, content) in enumerate(sections, start=1):
        parts.append(f'<h2 id="section-{number}">{number}. {e(heading)}</h2>')
        for kind, item in content:
            if kind == "para":
                parts.append(f"<p>{e(item)}</p>")
            elif kind == "heading":
                parts.append(f"<h3>{e(item)}</h3>")
            elif kind == "list":
                parts.append("<ul>" + "".join(f"<li>{e(entry)}</li>" for entry in item) + "</ul>")
            elif kind == "image":
                parts.append(f'<p><img src="{e(_url(item[0]))}" alt="{e(item[1])}"></p>')
            elif kind == "link":
                parts.append(f'<p><a href="{e(_url(item[1]))}">{e(item[0])}</a></p>')
    parts += [f"<p>Responsible for the release: {e(CONTACT)}.</p>", "</body>", "</html>", ""]
    return "\n".join(parts)


def publish_workbook(path: str | Path, out_dir: str | Path, *, draft: bool = False, published: str | None = None,
                     next_publication: str | None = None, include_data: bool = False) -> Published:
    """Write the public .xlsx, the chart images and the release page (.md, .html) into `out_dir` — only through
    the publish gate (or as a DRAFT), all of them first into a staging folder beside `out_dir` and moved in when
    complete. --published/--next are written to the workbook's Settings (by a refresh with the stamp's choices)."""
    path, out_dir = Path(path), Path(out_dir)
    check_target_folder(out_dir, "--out")
    dates = date_settings(published, next_publication)
    gate = publish_gate(path, dates)
    gate.raise_unless_open(draft)
    plan = gate.plan
    if dates and gate.open:
        plan = refresh_workbook(path, period=gate.stamp.period, lang=gate.stamp.language,
                                missing_rows=gate.stamp.missing_rows,
                                allow_incomplete=gate.stamp.allow_incomplete, published=published,
                                next_publication=next_publication)
    release = plan.release
    settings = with_settings(dict(release.settings), dates)
    period = span_label(release.span)
    stem = public_file_stem(period)
    is_draft = not gate.open
    title = f"{RELEASE_TITLE} for {period}"
    if is_draft:
        title = f"{DRAFT_MARK}: {title}"
    layouts = public_layouts(plan, gate.inputs.facts if include_data else None, draft=is_draft)
    properties = {"title": f"{PUBLIC_TITLE}, {period}", "subject": title, "author": CONTACT,
                  "keywords": "migration, population, Kazakhstan, statistics",
                  "comments": f"Public edition of the release workbook (values only); not available is shown as "
                              f"{NOT_AVAILABLE}."}
    with staged(out_dir) as staging:
        write_public_workbook(layouts, staging / f"{stem}.xlsx", properties, LANGUAGE)
        charts = write_chart_pngs(release, staging)
        alt_texts = chart_alt_texts(release)
        key_points = list(release.key_points.get("en", ()))
        sections = page_sections(period, key_points, f"{stem}.xlsx",
                                 [(chart.name, alt_texts[kind]) for kind, chart in charts.items()])
        if is_draft:
            sections[0][1].insert(0, ("para", f"{DRAFT_MARK}. Published despite: "
                                              + "; ".join(str(problem) for problem in gate.refusals)))
        for suffix, text in ((".md", release_markdown(title, settings, sections)),
                             (".html", release_html(title, settings, sections))):
            (staging / f"{stem}{suffix}").write_text(text, encoding="utf-8")
        written = commit(staging, out_dir)
    by_suffix = {target.suffix: target for target in written}
    return Published(by_suffix[".xlsx"], [by_suffix[".md"], by_suffix[".html"]],
                     [target for target in written if target.suffix == ".png"],
                     sum(isinstance(value, Formula) for layout in plan.layouts for block in layout.blocks
                         for row in block.values for value in row),
                     is_draft, gate.refusals)
