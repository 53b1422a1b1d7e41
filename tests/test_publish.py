"""`migrelease publish`: a macro-free .xlsx named after the period, MIG_ formulas replaced by the values of the
add-in's own functions, document properties, and the release page as Markdown and HTML."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import openpyxl
import formulas
import pytest
from formulas.functions import wrap_ranges_func

from migrelease import cli
from migrelease.model.facts import DATA, ETHNICITY, POPULATION, validate
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.problems import InputProblems
from migrelease.sheets.words import CONTACT
from migrelease import udfs
from migrelease.publish.release_files import FormulaEvaluator, replace_formulas
from migrelease.release.compute import compute_release
from migrelease.model.tables import TABLE_SPECS
from migrelease.build.vbaproject.xlwings_modules import xlwings_package_dir
from publication_workbooks import build_workbook, chart_parts, convert_with_libreoffice
from conftest import SAMPLE_DATA, SAMPLE_ETHNICITY, SAMPLE_POPULATION

PUBLISHED_NAME = "migration-of-the-population-january-march-2026-en"  # web-safe: ASCII, lower case, hyphens
KEY_INDICATOR_FIGURES = ("arrivals", "departures", "net", "arrivals_change", "departures_change",
                         "cis_arrival_share", "cis_departure_share", "other_arrival_share", "other_departure_share",
                         "internal_moves", "internal_change")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """An .xlsm with a VBA project and an _xlwings.conf sheet (xlwings' quickstart), the sample input sheets,
    refreshed, then published."""
    folder = tmp_path_factory.mktemp("publish")
    source = build_workbook(folder / "release.xlsm", base=xlwings_package_dir() / "quickstart_standalone.xlsm")
    assert cli.main(["refresh", str(source), "--published", "12.05.2026", "--next", "12.08.2026"]) == 0
    before = source.read_bytes()
    assert cli.main(["publish", str(source), "--out", str(folder / "out")]) == 0
    assert changed_parts(before, source.read_bytes()) == {sheet_part(source, "_Release")}, \
        "publishing changes only the release workbook's _Release sheet (where it records the publication)"
    return source, folder / "out"


def changed_parts(before: bytes, after: bytes) -> set[str]:
    """The parts of two packages that differ (or exist in one only)."""
    with zipfile.ZipFile(io.BytesIO(before)) as old, zipfile.ZipFile(io.BytesIO(after)) as new:
        names = set(old.namelist()) | set(new.namelist())
        return {name for name in names if name not in old.namelist() or name not in new.namelist()
                or old.read(name) != new.read(name)}


def sheet_part(path, name: str) -> str:
    """The package part of the worksheet `name`."""
    namespaces = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                  "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    with zipfile.ZipFile(path) as package:
        workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    rel_id = next(sheet.get(f"{{{namespaces['r']}}}id") for sheet in workbook.iter(f"{{{namespaces['m']}}}sheet")
                  if sheet.get("name") == name)
    target = next(rel.get("Target") for rel in rels if rel.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


@pytest.fixture(scope="module")
def release():
    return compute_release(validate(read_csv_table(SAMPLE_DATA), DATA), languages=("en",),
                           population=validate(read_csv_table(SAMPLE_POPULATION), POPULATION),
                           ethnicity=validate(read_csv_table(SAMPLE_ETHNICITY), ETHNICITY))


def test_published_files(published):
    source, out = published
    names = sorted(path.name for path in out.iterdir())
    assert names == sorted([f"{PUBLISHED_NAME}.xlsx", f"{PUBLISHED_NAME}.md", f"{PUBLISHED_NAME}.html",
                            "international-migration-by-year-en.png", "international-migration-period-en.png",
                            "ethnic-structure-en.png",
                            # the open data (issue 17; tests/test_opendata.py checks their content)
                            "datapackage.json", "figures.csv", "regions.csv", "indicators.csv",
                            "sdmx-structure.xml", "sdmx-data.xml", "sdmx-data.csv"])
    with zipfile.ZipFile(source) as package:
        assert "xl/vbaProject.bin" in package.namelist(), "the source really had macros"


def test_macro_free(published):
    source, out = published
    with zipfile.ZipFile(out / f"{PUBLISHED_NAME}.xlsx") as package:
        names = package.namelist()
        content_types = package.read("[Content_Types].xml").decode()
    assert not [name for name in names if "vba" in name.lower()]
    assert "macroEnabled" not in content_types and "vbaProject" not in content_types
    book = openpyxl.load_workbook(out / f"{PUBLISHED_NAME}.xlsx")
    assert "_xlwings.conf" in openpyxl.load_workbook(source).sheetnames
    assert not [name for name in book.sheetnames if "xlwings" in name.lower()]
    assert not any(sheet.legacy_drawing for sheet in book.worksheets), "no button"


def test_no_mig_formula_remains(published):
    _, out = published
    with zipfile.ZipFile(out / f"{PUBLISHED_NAME}.xlsx") as package:
        formulas = [formula for name in package.namelist() if name.startswith("xl/worksheets/")
                    for formula in re.findall(r"<f>(.*?)</f>", package.read(name).decode())]
    assert not [formula for formula in formulas if "MIG_" in formula.upper()]


def test_values_equal_the_key_figures(published, release):
    _, out = published
    sheet = openpyxl.load_workbook(out / f"{PUBLISHED_NAME}.xlsx")["Key indicators"]
    values = [sheet.cell(row, 2).value for row in range(5, 5 + len(KEY_INDICATOR_FIGURES))]
    expected = [getattr(release.figures, name) for name in KEY_INDICATOR_FIGURES]
    assert values == pytest.approx(expected)
    assert values[:3] == [6197, 989, 5208] and values[3] == 25.9
    net = release.cube.figures(release.span, "interregional", "balance")[1:]
    interregional = openpyxl.load_workbook(out / f"{PUBLISHED_NAME}.xlsx")["Interregional"]
    assert interregional["A4"].value == "Region"
    assert [interregional.cell(row, 4).value for row in range(5, 25)] == pytest.approx(list(net))


def test_document_properties(published):
    _, out = published
    properties = openpyxl.load_workbook(out / f"{PUBLISHED_NAME}.xlsx").properties
    assert properties.title == "Migration of the population, January–March 2026"
    assert properties.creator == CONTACT
    assert properties.language == "en-GB"


def test_release_page(published, release):
    source, out = published
    markdown = (out / f"{PUBLISHED_NAME}.md").read_text(encoding="utf-8")
    html = (out / f"{PUBLISHED_NAME}.html").read_text(encoding="utf-8")
    headings = ["Contents", "Key points", "Spreadsheets", "Dynamic tables", "Glossary", "Methodological explanations",
                "Useful links"]
    assert [re.sub(r"<a id=\"[^\"]+\"></a>", "", line) for line in markdown.splitlines() if line.startswith("## ")] \
        == [f"## {heading}" for heading in headings]
    key_points = [row[1] for row in openpyxl.load_workbook(source)["Key points"].iter_rows(min_row=5,
                                                                                         values_only=True)]
    assert tuple(key_points) == release.key_points["en"]
    for paragraph in key_points:
        assert paragraph in html
    for spec in TABLE_SPECS:
        assert f"<caption>{spec.title}" in html and f"**{spec.title}" in markdown.replace("\\", "")
    assert "Date of publication: 12.05.2026" in markdown and "Date of publication: 12.05.2026" in html
    assert f"]({PUBLISHED_NAME}.xlsx)" in markdown and f'href="{PUBLISHED_NAME}.xlsx"' in html
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert all(f"<h2>{heading}</h2>" in html or f">{heading}</h2>" in html for heading in headings)
    assert html.count('<img src="data:image/png;base64,') == 3
    assert "](international-migration-by-year-en.png)" in markdown
    assert "Department of Population Statistics" in markdown and "Department of Population Statistics" in html


def test_publish_all_three_editions_each_page_linking_the_other_two(published, tmp_path):
    out = tmp_path / "all"
    assert cli.main(["publish", str(published[0]), "--out", str(out), "--lang", "all"]) == 0
    names = sorted(path.name for path in out.iterdir())
    assert all(re.fullmatch(r"[a-z0-9-]+\.(xlsx|html|md|png|json|csv|xml)", name) for name in names), names
    stems = {lang: f"migration-of-the-population-january-march-2026-{lang}" for lang in ("kk", "ru", "en")}
    for lang, stem in stems.items():
        assert {f"{stem}.xlsx", f"{stem}.html", f"{stem}.md"} <= set(names)
        html = (out / f"{stem}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        for other, other_stem in stems.items():
            assert (f'href="{other_stem}.html"' in html) == (other != lang)
    covers = {lang: openpyxl.load_workbook(out / f"{stem}.xlsx")["Cover"]["A1"].value for lang, stem in stems.items()}
    assert covers == {"kk": "Қазақстан Республикасы халқының көші-қоны, 2026 жылғы қаңтар-наурыз",
                      "ru": "Миграция населения Республики Казахстан за январь-март 2026 года",
                      "en": "The migration of the population of the Republic of Kazakhstan for January–March 2026"}
    figures = {lang: [cell.value for row in openpyxl.load_workbook(out / f"{stem}.xlsx")["Y_Ext_Arr"].iter_rows()
                      for cell in row if isinstance(cell.value, (int, float))] for lang, stem in stems.items()}
    assert figures["kk"] == figures["ru"] == figures["en"] and 6197 in figures["en"]
    languages = {lang: openpyxl.load_workbook(out / f"{stem}.xlsx").properties.language for lang, stem in stems.items()}
    assert languages == {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}


def test_libreoffice_opens_the_published_workbook(published, tmp_path):
    _, out = published
    workbook = out / f"{PUBLISHED_NAME}.xlsx"
    converted = convert_with_libreoffice(workbook, tmp_path)
    assert len(chart_parts(converted)) == len(chart_parts(workbook)) == 3


# --- the evaluator on its own ---------------------------------------------------------------------------------

@pytest.fixture()
def small_book():
    book = openpyxl.Workbook()
    data = book.active
    data.title = "My sheet"
    data["A1"], data["B1"], data["C1"] = 6197, 4922, "[x]"
    formulas = book.create_sheet("F")
    formulas["A1"] = 6197
    formulas["B1"] = 989
    formulas["C1"] = "=MIG_CHANGE('My sheet'!A1,'My sheet'!B1)"
    formulas["D1"] = "=MIG_SHARE('My sheet'!A1,'My sheet'!C1)"
    formulas["E1"] = "=MIG_BALANCE(A1,B1)"
    formulas["F1"] = "=E1"
    formulas["G1"] = "=MIG_INTENSITY(A1, 1000000, 3)"
    formulas["H1"] = "=SUM(A1:B1)"
    return book


def test_evaluator_forms(small_book):
    evaluator = FormulaEvaluator(small_book)
    assert evaluator.value("F", "C1") == 25.9
    assert evaluator.value("F", "D1") == "[x]", "not available in, not available out"
    assert evaluator.value("F", "E1") == 5208
    assert evaluator.value("F", "F1") == 5208
    assert evaluator.value("F", "G1") == 24.8
    assert replace_formulas(small_book) == 5, "SUM is left to Excel"
    assert small_book["F"]["H1"].value == "=SUM(A1:B1)"


def test_unknown_mig_formula_is_refused(small_book):
    small_book["F"]["I1"] = "=MIG_CHANGE(A1:A3,B1)"
    with pytest.raises(InputProblems) as raised:
        replace_formulas(small_book)
    assert "sheet 'F', row 1, column I" in str(raised.value)


def test_the_formulas_package_agrees(small_book, tmp_path):
    """A cross-check with an independent engine: `formulas` with the same functions registered."""
    path = tmp_path / "small.xlsx"
    del small_book["F"]["D1"], small_book["F"]["H1"]
    small_book.save(path)
    functions = formulas.get_functions()
    for name in ("MIG_CHANGE", "MIG_BALANCE", "MIG_INTENSITY"):
        functions[name] = wrap_ranges_func(getattr(udfs, name))
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    computed = {key.split("!")[-1]: value.value[0, 0] for key, value in solution.items()
                if "]F'!" in key.upper()}
    ours = FormulaEvaluator(openpyxl.load_workbook(path))
    for cell in ("C1", "E1", "G1"):
        assert computed[cell] == ours.value("F", cell), cell


def test_every_quoted_figure_is_a_key_indicator_value(published):
    """The drafted text (Key points sheet) and the Key indicators values (the workbook's own MIG_ formulas,
    evaluated by the add-in's functions) show the same numbers: each value the text quotes is in the text, and
    every number in the text is a Key indicators value (or the year of comparison)."""
    _, out = published
    book = openpyxl.load_workbook(out / f"{PUBLISHED_NAME}.xlsx")
    text = " ".join(book["Key points"].cell(row, 2).value for row in range(5, 9))
    sheet = book["Key indicators"]
    values = {name: sheet.cell(row, 2).value for row, name in enumerate(KEY_INDICATOR_FIGURES, start=5)}
    interregional = book["Interregional"]
    positive_nets = [interregional.cell(row, 4).value for row in range(5, 25) if interregional.cell(row, 4).value > 0]

    def bureau(value):
        return f"{abs(value):.1f}".replace(".", ",") if isinstance(value, float) and not value.is_integer() \
            else str(int(value))

    quoted = [values[name] for name in ("arrivals", "departures", "net", "arrivals_change", "departures_change",
                                        "cis_arrival_share", "cis_departure_share", "internal_change")]
    for value in quoted + positive_nets:
        assert bureau(value) in text, value
    numbers_in_text = set(re.findall(r"\d+(?:,\d+)?", text))
    allowed = {bureau(value) for value in quoted + positive_nets} | {"2025", "2026", str(len(positive_nets))}
    assert numbers_in_text == allowed
