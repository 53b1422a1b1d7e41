"""Key points in Russian and Kazakh: the seed's figures, agreement of nouns with numbers (CLDR plural categories,
better than the Bureau's own slips), numbers grouped with a no-break space, region case forms as data.

The full texts per period kind are in tests/test_keypoints_periods.py, every sentence branch in
tests/test_keypoints_branches.py. The sample is January-March 2026 of the illustrative data; the edge cases replace
figures of the sample's KeyFigures (dataclasses.replace).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from importlib import resources

import pytest

from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.cube import MigrationCube
from migrelease.model.facts import DATA, validate
from migrelease.text.keypoints import draft_key_points, key_figures
from migrelease.text.lang import language_pack
from migrelease.model.regions import find_region, regions
from migrelease.model.tables import build_all_tables

SAMPLE_DATA = str(resources.files("migrelease").joinpath("data/sample_data.csv"))


@pytest.fixture(scope="module")
def sample():
    cube = MigrationCube(validate(read_csv_table(SAMPLE_DATA), DATA))
    year, month = cube.latest_month
    return key_figures(build_all_tables(cube, year, month), cube, year, month)


MANGYSTAU = find_region("Mangystau")


def test_sample_figures(sample):
    assert (sample.arrivals, sample.departures, sample.net) == (6197, 989, 5208)
    assert (sample.arrivals_change, sample.departures_change) == (25.9, -11.9)
    assert (sample.cis_arrival_share, sample.cis_departure_share, sample.internal_change) == (71.4, 57.6, 11.6)
    assert [(r.short_en, v) for r, v in sample.positive_interregional] == [
        ("Almaty", 5248), ("Astana", 18153), ("Almaty", 4841), ("Shymkent", 3588)]
    assert (sample.current_coverage, sample.previous_coverage) == ("complete", "complete")


# --- agreement (CLDR plural categories, Babel) ----------------------------------------------------------

@pytest.mark.parametrize("ratio, words", [(2.0, "в 2 раза"), (4.0, "в 4 раза"), (5.0, "в 5 раз"),
                                          (2.4, "в 2,4 раза"), (11.0, "в 11 раз"), (21.0, "в 21 раз"),
                                          (22.0, "в 22 раза")])
def test_ru_internal_times_agrees(sample, ratio, words):
    figures = replace(sample, internal_change=(ratio - 1) * 100, internal_times=ratio)
    internal = draft_key_points(figures, "ru")[3].split(". ")[0]
    assert internal == ("Численность переезжающих в пределах страны по сравнению с соответствующим периодом "
                        f"2025 года увеличилась {words}")


@pytest.mark.parametrize("ratio, words", [(2.0, "в 2 раза"), (2.4, "в 2,4 раза"), (5.0, "в 5 раз"),
                                          (21.0, "в 21 раз")])
def test_ru_fall_times_agrees(sample, ratio, words):
    figures = replace(sample, departures_change=round((1 / ratio - 1) * 100, 1), departures_times_down=ratio)
    assert draft_key_points(figures, "ru")[1].endswith(f"число выбывших из Казахстана уменьшилось {words}.")


@pytest.mark.parametrize("value, people", [
    (1, "1 человек"), (2, "2 человека"), (4, "4 человека"), (5, "5 человек"), (11, "11 человек"),
    (12, "12 человек"), (14, "14 человек"), (20, "20 человек"), (21, "21 человек"), (22, "22 человека"),
    (24, "24 человека"), (25, "25 человек"), (101, "101 человек"), (111, "111 человек"), (112, "112 человек"),
    (1001, "1\u00a0001 человек"), (11267, "11\u00a0267 человек"), (17691, "17\u00a0691 человек"),
    (18153, "18\u00a0153 человека"), (1.5, "1,5 человека"),
])
def test_ru_people_agree_with_number(sample, value, people):
    figures = replace(sample, positive_interregional=((MANGYSTAU, value),))
    assert draft_key_points(figures, "ru")[3].split(". ")[1] == (
        "По межрегиональным перемещениям положительное сальдо миграции населения сложилось в одном регионе "
        f"страны: Мангистауской области ({people}).")


@pytest.mark.parametrize("value, people", [(1, "до 1 человека"), (2, "до 2 человек"), (5, "до 5 человек"),
                                           (21, "до 21 человека"), (1.5, "до 1,5 человека")])
def test_ru_genitive_after_do_agrees(sample, value, people):
    figures = replace(sample, departures=value, departures_previous=0.0, departures_change=math.nan)
    assert draft_key_points(figures, "ru")[1].endswith(f"увеличилось с 0 {people}.")


@pytest.mark.parametrize("value, people", [(1, "1 адам"), (2, "2 адам"), (11, "11 адам"), (14, "14 адам"),
                                           (21, "21 адам"), (17691, "17\u00a0691 адам"), (1.5, "1,5 адам")])
def test_kk_people_do_not_change_with_number(sample, value, people):
    figures = replace(sample, positive_interregional=((MANGYSTAU, value),))
    assert draft_key_points(figures, "kk")[3].split(". ")[1] == (
        f"Өңіраралық көші-қон бойынша еліміздің 1 өңірінде: Маңғыстау облысында ({people}) халық "
        "көші-қонының оң сальдосы қалыптасты.")


def test_ru_twenty_regions_spelled_out(sample):
    twenty = replace(sample, positive_interregional=tuple((region, 5) for region in regions()))
    abai = language_pack("ru").region_names["100000000"]["prep"]  # the official name is helper D's data
    assert "сложилось в двадцати регионах страны: городах Астане (5 человек), Алматы (5 человек), Шымкенте " \
           f"(5 человек), {abai} (5 человек)," in draft_key_points(twenty, "ru")[3]


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_numbers_never_break_inside(sample, lang):
    """Thousands are grouped with a no-break space only; no plain space sits between two digits."""
    text = " ".join(draft_key_points(sample, lang))
    assert "6\u00a0197" in text and "18\u00a0153" in text
    assert not re.search(r"\d \d", text)


# --- data ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_region_has_the_cases_the_templates_use(lang):
    pack = language_pack(lang)
    cases = {pack.templates[key] for key in pack.templates if key.startswith(("city_name_case", "region_name_case"))}
    for region in regions():
        names = pack.region_names[region.kato]
        assert all(names.get(case) for case in cases), (region.kato, cases - set(names))
        assert names["nom"] == (region.name_ru if lang == "ru" else region.name_kk)
