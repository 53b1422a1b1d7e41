"""The whole release in Kazakh, Russian and English (issue 15): the word packs are complete and parallel, and a
Russian or Kazakh refresh words every generated sheet in its language — with the same sheet and table names and
the very same figures as the English one."""

from __future__ import annotations

import re
import string

import openpyxl
import pytest

from migrelease import cli, macros
from migrelease.filedoor.refresh import refresh_workbook
from migrelease.model.problems import InputProblems
from migrelease.model.tables import TABLE_SPECS
from migrelease.release.checks import RULES
from migrelease.sheets.settings import SETTING_LANGUAGE
from migrelease.sheets.words import LANGUAGES, read_language, sheet_words
from publication_workbooks import SETTINGS, build_workbook
from xlwings_harness import load_workbook, mock_caller

EDITIONS = ("ru", "kk")
INPUT_SHEETS = {"Data", "Population", "Ethnicity", "Settings"}
# What stays as it is in every language: sheet and table names (codes), the MIG_ functions, the input's columns,
# Excel's own names, the symbols of units; ASCII letters outside these in a Russian or Kazakh text are a leftover.
CODES = re.compile(r"\b(?:[YM]_[A-Za-z]+_[A-Za-z]+|Rate_(?:Ext|Int)|T_\w*|Check_rows|Key (?:points|indicators)|"
                   r"Cover|Contents|Notes|Interregional|Ethnic|Charts|Revisions|Checks|Data|Population|Ethnicity|Settings|"
                   r"MIG_[A-Z]*|Excel|ROUND|CSV|SDMX|SDMX-ML|SDMX-CSV|Frictionless|ML|period|region|flow|direction|people|All|Ext|CIS|Oth|Int|Arr|Dep|Bal|"
                   r"Rate|[YMx])\b")


def _slots(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def _english_left(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{2,}", CODES.sub("", re.sub(r"https?://\S+", "", text)))


def test_every_pack_has_the_same_words_and_slots():
    english = sheet_words("en")
    for lang in LANGUAGES:
        pack = sheet_words(lang)
        assert set(pack.text) == set(english.text), lang
        assert {key: _slots(text) for key, text in pack.text.items()} == \
            {key: _slots(text) for key, text in english.text.items()}, lang
        assert set(pack.table_titles) == set(english.table_titles) and set(pack.notes) == set(english.notes)
        assert {key: _slots(text) for key, text in pack.rules.items()} == \
            {key: _slots(text) for key, text in english.rules.items()}
        assert len(pack.glossary) == len(english.glossary) and len(pack.useful_links) == len(english.useful_links)
        assert len(pack.methodology) == len(english.methodology) and len(pack.months) == 12
        assert set(pack.ethnic_groups) == set(english.ethnic_groups)
        assert all(url.startswith("https://") for _, url in pack.useful_links)


def test_english_words_are_the_published_ones():
    english = sheet_words("en")
    for spec in TABLE_SPECS:
        assert english.table_title(spec.flow_group, spec.measure) == spec.title
    assert {rule.number: rule.text for rule in RULES} == dict(english.rules)


@pytest.mark.parametrize("lang", EDITIONS)
def test_russian_and_kazakh_words_leave_no_english(lang):
    pack = sheet_words(lang)
    texts = [*pack.text.values(), *pack.table_titles.values(), *pack.notes.values(), *pack.rules.values(),
             *pack.methodology, *(term + definition for term, definition in pack.glossary),
             *(name for name, _ in pack.useful_links), *pack.ethnic_groups.values()]
    leftovers = {text: _english_left(re.sub(r"\{[^}]*\}", "", text)) for text in texts}
    assert {text: words for text, words in leftovers.items() if words} == {}


def test_languages_are_read_by_code_or_by_name():
    assert [read_language(value) for value in ("ru", " KK ", "Русский", "қазақша", "English", "fr", None)] == [
        "ru", "kk", "ru", "kk", "en", None, None]


# --- the editions, refreshed from the same inputs -------------------------------------------------------------

@pytest.fixture(scope="module")
def editions(edition_paths):
    """The sample workbook refreshed in each language: lang -> openpyxl workbook."""
    return {lang: openpyxl.load_workbook(path) for lang, path in edition_paths.items()}


def test_refresh_option_names_the_language(tmp_path, capsys):
    path = build_workbook(tmp_path / "release.xlsx")
    assert cli.main(["refresh", str(path), "--lang", "kk"]) == 0
    assert "in Қазақша" in capsys.readouterr().out
    assert openpyxl.load_workbook(path)["Y_All_Arr"]["A7"].value == "Қазақстан Республикасы"


def _generated(book):
    return [sheet for sheet in book.worksheets if sheet.title not in INPUT_SHEETS]


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_generated_sheet_is_worded_in_the_edition_language(editions, lang):
    book = editions[lang]
    leftovers = []
    for sheet in _generated(book):
        if sheet.title == "_Release":
            continue  # the release stamp: a very hidden record for machines, its keys are codes
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or cell.value.startswith("="):
                    continue
                if sheet.title == "Key points" and cell.column > 2:
                    continue  # the other languages' drafts, side by side for review
                if sheet.title == "Contents" and cell.column == 1:
                    continue  # sheet names are codes
                if _english_left(cell.value):
                    leftovers.append((sheet.title, cell.coordinate, cell.value))
    assert leftovers == []


@pytest.mark.parametrize("lang", EDITIONS)
def test_same_sheets_tables_and_figures_in_every_language(editions, lang):
    english, edition = editions["en"], editions[lang]
    assert edition.sheetnames == english.sheetnames
    for sheet in _generated(english):
        other = edition[sheet.title]
        assert sorted(other.tables) == sorted(sheet.tables)
        assert [table.ref for table in other.tables.values()] == [table.ref for table in sheet.tables.values()]
        numbers = {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row
                   if isinstance(cell.value, (int, float)) or (isinstance(cell.value, str) and cell.value.startswith("="))}
        assert {coordinate: other[coordinate].value for coordinate in numbers} == numbers, sheet.title


def test_the_bureau_wording_in_russian_and_kazakh(editions):
    ru, kk = editions["ru"], editions["kk"]
    assert ru["Y_All_Arr"]["A1"].value == "Прибытие мигрантов по всем потокам, по годам"
    assert ru["M_Ext_Bal"]["A1"].value == "Сальдо внешней миграции по всем потокам, по месяцам"
    assert kk["Y_All_Bal"]["A1"].value == "Барлық ағындар бойынша көші-қон сальдосы, жылдар бойынша"
    assert [ru["Y_Ext_Arr"][cell].value for cell in ("A6", "A7", "A8", "N6")] == [
        "Регион", "Республика Казахстан", "область Абай", "Январь-март 2026 года, человек"]
    assert [kk["Y_Ext_Arr"][cell].value for cell in ("A6", "A7", "A8", "N6")] == [
        "Өңір", "Қазақстан Республикасы", "Абай облысы", "2026 жылғы қаңтар-наурыз, адам"]
    assert ru["Y_Ext_Arr"]["A25"].value == "г. Астана" and kk["Y_Ext_Arr"]["A25"].value == "Астана қаласы"
    assert ru["Cover"]["A1"].value == "Миграция населения Республики Казахстан за январь-март 2026 года"
    assert kk["Cover"]["A1"].value == "Қазақстан Республикасы халқының көші-қоны, 2026 жылғы қаңтар-наурыз"
    assert ru["Cover"]["A3"].value == "Дата публикации: 12.05.2026"
    assert ru["Key points"]["B4"].value == "Русский" and ru["Key points"]["B5"].value.replace("\u00a0", " ").startswith(
        "В январе-марте 2026 года число прибывших в страну составило 6 197 человек")  # the space: helper C's
    assert kk["Key points"]["B4"].value == "Қазақша"
    assert ru["Notes"]["A5"].value.startswith("[примечание ") and kk["Notes"]["A5"].value.startswith("[ескертпе ")
    assert ru["Ethnic"]["A7"].value == "казахи" and kk["Ethnic"]["A7"].value == "қазақтар"


def test_the_language_comes_from_settings_and_the_option_overrides_it(tmp_path):
    path = build_workbook(tmp_path / "settings-ru.xlsx", settings={**SETTINGS, SETTING_LANGUAGE: "Русский"})
    assert refresh_workbook(path).release.lang == "ru"
    assert openpyxl.load_workbook(path)["Y_All_Arr"]["A7"].value == "Республика Казахстан"
    assert refresh_workbook(path, lang="kk").release.lang == "kk"
    assert openpyxl.load_workbook(path)["Y_All_Arr"]["A7"].value == "Қазақстан Республикасы"
    # the option is written to Settings, so the next refresh (the button's too) keeps the language
    settings = {row[0]: row[1] for row in openpyxl.load_workbook(path)["Settings"].iter_rows(values_only=True)}
    assert settings[SETTING_LANGUAGE] == "kk"
    assert refresh_workbook(path).release.lang == "kk"
    unset = build_workbook(tmp_path / "no-language.xlsx")  # a Settings sheet without the Language row
    refresh_workbook(unset, lang="ru")
    assert refresh_workbook(unset).release.lang == "ru"
    bad = build_workbook(tmp_path / "settings-bad.xlsx", settings={**SETTINGS, SETTING_LANGUAGE: "Deutsch"})
    before = bad.read_bytes()
    with pytest.raises(InputProblems, match="'Language' is 'Deutsch': write en, ru or kk"):
        refresh_workbook(bad)
    assert bad.read_bytes() == before
    with pytest.raises(SystemExit):
        cli.main(["refresh", str(bad), "--lang", "de"])


def test_the_button_refreshes_in_the_settings_language(tmp_path):
    path = build_workbook(tmp_path / "button-kk.xlsx", settings={**SETTINGS, SETTING_LANGUAGE: "kk"})
    book = load_workbook(path)
    with mock_caller(book):
        plan = macros.refresh()
    assert plan.release.lang == "kk"
    assert book.sheets["Y_Int_Bal"]["A1"].value == "Барлық ағындар бойынша ішкі көші-қон сальдосы, жылдар бойынша"
