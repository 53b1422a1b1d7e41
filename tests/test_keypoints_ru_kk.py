"""Key points in Russian and Kazakh (issue 7): the sample's text and every branch, against sentences written out.

The sample is January-March 2026 of the illustrative data; the edge cases replace figures of the sample's
KeyFigures (dataclasses.replace), so the choice of sentence is the same code for every language.
"""

from __future__ import annotations

import math
from dataclasses import replace
from importlib import resources

import pytest

from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.cube import MigrationCube
from migrelease.model.facts import DATA, validate
from migrelease.text.keypoints import draft_key_points, key_figures
from migrelease.text.lang import language_pack
from migrelease.model.periods import Span
from migrelease.model.regions import find_region, regions
from migrelease.model.tables import build_all_tables

SAMPLE_DATA = str(resources.files("migrelease").joinpath("data/sample_data.csv"))


@pytest.fixture(scope="module")
def sample():
    cube = MigrationCube(validate(read_csv_table(SAMPLE_DATA), DATA))
    year, month = cube.latest_month
    return key_figures(build_all_tables(cube, year, month), cube, year, month)


ASTANA, ALMATY_CITY, SHYMKENT = find_region("Astana"), find_region("Almaty city"), find_region("Shymkent")
MANGYSTAU, ALMATY_REGION = find_region("Mangystau"), find_region("Almaty region")


def test_sample_figures(sample):
    assert (sample.arrivals, sample.departures, sample.net) == (6197, 989, 5208)
    assert (sample.arrivals_change, sample.departures_change) == (25.9, -11.9)
    assert (sample.cis_arrival_share, sample.cis_departure_share, sample.internal_change) == (71.4, 57.6, 11.6)
    assert [(r.short_en, v) for r, v in sample.positive_interregional] == [
        ("Almaty", 5248), ("Astana", 18153), ("Almaty", 4841), ("Shymkent", 3588)]


# --- the sample, in full ---------------------------------------------------------------------------------

RU_SAMPLE = [
    "В январе-марте 2026 года число прибывших в страну составило 6 197 человек, число выбывших из страны — "
    "989 человек. Сальдо миграции составило 5 208 человек.",
    "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось на 25,9%, "
    "число выбывших из Казахстана уменьшилось на 11,9%.",
    "Основной миграционный обмен страны происходит с государствами СНГ. Доля прибывших из стран СНГ составила "
    "71,4%, доля выбывших в эти страны — 57,6%.",
    "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года увеличилась "
    "на 11,6%. По межрегиональным перемещениям положительное сальдо миграции населения сложилось в четырех "
    "регионах страны: городах Астане (18 153 человека), Алматы (4 841 человек), Шымкенте (3 588 человек) и "
    "Алматинской области (5 248 человек).",
]

KK_SAMPLE = [
    "2026 жылғы қаңтар-наурызда елге келгендер саны 6 197 адамды, елден кеткендер саны 989 адамды құрады. "
    "Көші-қон сальдосы 5 208 адамды құрады.",
    "2025 жылғы қаңтар-наурызбен салыстырғанда елге келгендер саны 25,9%-ға артты, елден кеткендер саны "
    "11,9%-ға кеміді.",
    "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен жүреді. ТМД елдерінен келгендердің үлесі 71,4%-ды, "
    "осы елдерге кеткендердің үлесі 57,6%-ды құрады.",
    "Ел ішінде қоныс аударушылар саны 2025 жылғы қаңтар-наурызбен салыстырғанда 11,6%-ға артты. Өңіраралық "
    "қоныс аударулар бойынша халық көші-қонының оң сальдосы елдің 4 өңірінде қалыптасты: Астана (18 153 адам), "
    "Алматы (4 841 адам), Шымкент (3 588 адам) қалаларында және Алматы облысында (5 248 адам).",
]

EN_SAMPLE = [
    "In January–March 2026 the number of arrivals in the country amounted to 6197 people, the number of "
    "departures from the country was 989 people. The net migration amounted to 5208 people.",
    "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased by 25,9%, the "
    "number of departures from Kazakhstan decreased by 11,9%.",
    "The main migration exchange of the country takes place with the CIS countries. The share of arrivals from "
    "the CIS countries was 71,4%, the share of departures to these countries was 57,6%.",
    "The number of people moving within the country increased by 11,6% compared to the corresponding period in "
    "2025. In terms of interregional movements, a positive net migration has developed in 4 regions of the "
    "country: the cities of Astana (18153 people), Almaty (4841 people), Shymkent (3588 people) and Almaty "
    "region (5248 people).",
]


@pytest.mark.parametrize("lang, expected", [("ru", RU_SAMPLE), ("kk", KK_SAMPLE), ("en", EN_SAMPLE)])
def test_sample_text(sample, lang, expected):
    assert draft_key_points(sample, lang) == expected


# --- Russian: branches -----------------------------------------------------------------------------------

def test_ru_negative_net_decrease_and_times(sample):
    figures = replace(sample, arrivals=21, departures=1022, net=-1001, arrivals_change=-50.0,
                      departures_change=140.0, departures_times=2.4)
    first, second, *_ = draft_key_points(figures, "ru")
    assert first == ("В январе-марте 2026 года число прибывших в страну составило 21 человек, число выбывших "
                     "из страны — 1 022 человека. Сальдо миграции отрицательное и составило -1 001 человек.")
    assert second == ("По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан уменьшилось "
                      "на 50,0%, число выбывших из Казахстана увеличилось в 2,4 раза.")


def test_ru_zero_net_and_whole_times(sample):
    figures = replace(sample, arrivals=22, departures=22, net=0, arrivals_change=100.0, arrivals_times=2.0,
                      departures_change=400.0, departures_times=5.0)
    first, second, *_ = draft_key_points(figures, "ru")
    assert first == ("В январе-марте 2026 года число прибывших в страну составило 22 человека, число выбывших "
                     "из страны — 22 человека. Число прибывших равно числу выбывших, сальдо миграции равно нулю.")
    assert second == ("По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось "
                      "в 2 раза, число выбывших из Казахстана увеличилось в 5 раз.")


@pytest.mark.parametrize("ratio, words", [(2.0, "в 2 раза"), (4.0, "в 4 раза"), (5.0, "в 5 раз"),
                                          (2.4, "в 2,4 раза"), (11.0, "в 11 раз"), (21.0, "в 21 раз"),
                                          (22.0, "в 22 раза")])
def test_ru_internal_times_agrees(sample, ratio, words):
    figures = replace(sample, internal_change=(ratio - 1) * 100, internal_times=ratio)
    internal = draft_key_points(figures, "ru")[3].split(". ")[0]
    assert internal == ("Численность переезжающих в пределах страны по сравнению с соответствующим периодом "
                        f"2025 года увеличилась {words}")


def test_ru_no_change(sample):
    figures = replace(sample, arrivals_change=0.0, departures_change=0.0, internal_change=0.0)
    paragraphs = draft_key_points(figures, "ru")
    assert paragraphs[1] == ("По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан не "
                             "изменилось, число выбывших из Казахстана не изменилось.")
    assert paragraphs[3].startswith("Численность переезжающих в пределах страны по сравнению с соответствующим "
                                    "периодом 2025 года не изменилась. ")


@pytest.mark.parametrize("value, people", [
    (1, "1 человек"), (2, "2 человека"), (4, "4 человека"), (5, "5 человек"), (11, "11 человек"),
    (12, "12 человек"), (14, "14 человек"), (20, "20 человек"), (21, "21 человек"), (22, "22 человека"),
    (24, "24 человека"), (25, "25 человек"), (101, "101 человек"), (111, "111 человек"), (112, "112 человек"),
    (1001, "1 001 человек"), (17691, "17 691 человек"), (18153, "18 153 человека"), (1.5, "1,5 человека"),
])
def test_ru_people_agree_with_number(sample, value, people):
    figures = replace(sample, positive_interregional=((MANGYSTAU, value),))
    assert draft_key_points(figures, "ru")[3].split(". ")[1] == (
        "По межрегиональным перемещениям положительное сальдо миграции населения сложилось в одном регионе "
        f"страны: Мангистауской области ({people}).")


def test_ru_no_region(sample):
    figures = replace(sample, positive_interregional=())
    assert draft_key_points(figures, "ru")[3].split(". ")[1] == (
        "По межрегиональным перемещениям положительное сальдо миграции населения не сложилось ни в одном регионе "
        "страны.")


def test_ru_one_city(sample):
    figures = replace(sample, positive_interregional=((ASTANA, 18153),))
    assert draft_key_points(figures, "ru")[3].split(". ")[1] == (
        "По межрегиональным перемещениям положительное сальдо миграции населения сложилось в одном регионе "
        "страны: городе Астане (18 153 человека).")


def test_ru_three_regions(sample):
    figures = replace(sample, positive_interregional=((ALMATY_CITY, 17691), (ASTANA, 15753), (SHYMKENT, 1883)))
    assert draft_key_points(figures, "ru")[3].split(". ")[1] == (
        "По межрегиональным перемещениям положительное сальдо миграции населения сложилось в трех регионах "
        "страны: городах Алматы (17 691 человек), Астане (15 753 человека) и Шымкенте (1 883 человека).")


def test_ru_two_regions_and_twenty(sample):
    two = replace(sample, positive_interregional=((MANGYSTAU, 7), (ALMATY_REGION, 2)))
    assert draft_key_points(two, "ru")[3].split(". ")[1] == (
        "По межрегиональным перемещениям положительное сальдо миграции населения сложилось в двух регионах "
        "страны: Мангистауской области (7 человек) и Алматинской области (2 человека).")
    twenty = replace(sample, positive_interregional=tuple((region, 5) for region in regions()))
    assert "сложилось в двадцати регионах страны: городах Астане (5 человек), Алматы (5 человек), Шымкенте " \
           "(5 человек), области Абай (5 человек)," in draft_key_points(twenty, "ru")[3]


def test_ru_other_countries_and_mixed(sample):
    other = replace(sample, cis_arrival_share=30.0, other_arrival_share=70.0, cis_departure_share=20.0,
                    other_departure_share=80.0)
    assert draft_key_points(other, "ru")[2] == (
        "Основной миграционный обмен страны происходит со странами вне СНГ. Доля прибывших из этих стран "
        "составила 70,0%, доля выбывших в эти страны — 80,0%.")
    mixed = replace(sample, cis_arrival_share=40.0, other_arrival_share=60.0)
    assert draft_key_points(mixed, "ru")[2] == (
        "Большинство прибывших — из стран вне СНГ (60,0%), тогда как большинство выбывших — в страны СНГ (57,6%).")
    equal = replace(sample, cis_departure_share=50.0, other_departure_share=50.0)
    assert draft_key_points(equal, "ru")[2] == (
        "Большинство прибывших — из стран СНГ (71,4%), тогда как выбывшие поровну распределились между странами "
        "СНГ и другими странами (по 50,0%).")


def test_ru_unavailable_full_year(sample):
    figures = replace(sample, current=Span(2025, 1, 12), previous=Span(2024, 1, 12), arrivals=math.nan,
                      arrivals_change=math.nan, departures_change=math.nan, cis_arrival_share=math.nan,
                      internal_moves=math.nan, positive_interregional=())
    assert draft_key_points(figures, "ru") == [
        "Данные о внешней миграции за 2025 год отсутствуют.",
        "По сравнению с 2024 годом число прибывших в Казахстан не может быть сопоставлено (данные за 2024 год "
        "отсутствуют), число выбывших из Казахстана не может быть сопоставлено (данные за 2024 год отсутствуют).",
        "Данные о долях стран СНГ и других стран за 2025 год отсутствуют.",
        "Данные о численности переезжающих в пределах страны за 2025 год отсутствуют. По межрегиональным "
        "перемещениям положительное сальдо миграции населения не сложилось ни в одном регионе страны.",
    ]


def test_ru_single_month_and_full_year(sample):
    march = replace(sample, current=Span(2026, 3, 3), previous=Span(2025, 3, 3))
    assert draft_key_points(march, "ru")[0].startswith("В марте 2026 года число прибывших в страну")
    year = replace(sample, current=Span(2025, 1, 12), previous=Span(2024, 1, 12))
    first, second, *_ = draft_key_points(year, "ru")
    assert first.startswith("В 2025 году число прибывших в страну")
    assert second.startswith("По сравнению с 2024 годом число прибывших")


# --- Kazakh: branches ------------------------------------------------------------------------------------

def test_kk_negative_net_decrease_and_times(sample):
    figures = replace(sample, arrivals=21, departures=1022, net=-1001, arrivals_change=-50.0,
                      departures_change=140.0, departures_times=2.4)
    first, second, *_ = draft_key_points(figures, "kk")
    assert first == ("2026 жылғы қаңтар-наурызда елге келгендер саны 21 адамды, елден кеткендер саны 1 022 "
                     "адамды құрады. Көші-қон сальдосы теріс болып, -1 001 адамды құрады.")
    assert second == ("2025 жылғы қаңтар-наурызбен салыстырғанда елге келгендер саны 50,0%-ға кеміді, елден "
                      "кеткендер саны 2,4 есе артты.")


def test_kk_zero_net_no_change_and_times(sample):
    figures = replace(sample, arrivals=22, departures=22, net=0, arrivals_change=0.0, departures_change=400.0,
                      departures_times=5.0, internal_change=0.0)
    first, second, _, fourth = draft_key_points(figures, "kk")
    assert first == ("2026 жылғы қаңтар-наурызда елге келгендер саны 22 адамды, елден кеткендер саны 22 адамды "
                     "құрады. Келгендер саны кеткендер санына тең, көші-қон сальдосы нөлге тең болды.")
    assert second == ("2025 жылғы қаңтар-наурызбен салыстырғанда елге келгендер саны өзгерген жоқ, елден "
                      "кеткендер саны 5 есе артты.")
    assert fourth.startswith("Ел ішінде қоныс аударушылар саны 2025 жылғы қаңтар-наурызбен салыстырғанда "
                             "өзгерген жоқ. ")


@pytest.mark.parametrize("value, people", [(1, "1 адам"), (2, "2 адам"), (11, "11 адам"), (14, "14 адам"),
                                           (21, "21 адам"), (17691, "17 691 адам"), (1.5, "1,5 адам")])
def test_kk_people_do_not_change_with_number(sample, value, people):
    figures = replace(sample, positive_interregional=((MANGYSTAU, value),))
    assert draft_key_points(figures, "kk")[3].split(". ")[1] == (
        "Өңіраралық қоныс аударулар бойынша халық көші-қонының оң сальдосы елдің 1 өңірінде қалыптасты: "
        f"Маңғыстау облысында ({people}).")


def test_kk_regions(sample):
    none = replace(sample, positive_interregional=())
    assert draft_key_points(none, "kk")[3].split(". ")[1] == (
        "Өңіраралық қоныс аударулар бойынша халық көші-қонының оң сальдосы елдің бірде-бір өңірінде "
        "қалыптаспады.")
    city = replace(sample, positive_interregional=((ASTANA, 18153),))
    assert draft_key_points(city, "kk")[3].split(". ")[1] == (
        "Өңіраралық қоныс аударулар бойынша халық көші-қонының оң сальдосы елдің 1 өңірінде қалыптасты: "
        "Астана қаласында (18 153 адам).")
    three = replace(sample, positive_interregional=((ALMATY_CITY, 16902), (ASTANA, 14222), (MANGYSTAU, 310)))
    assert draft_key_points(three, "kk")[3].split(". ")[1] == (
        "Өңіраралық қоныс аударулар бойынша халық көші-қонының оң сальдосы елдің 3 өңірінде қалыптасты: "
        "Алматы (16 902 адам), Астана (14 222 адам) қалаларында және Маңғыстау облысында (310 адам).")


def test_kk_other_countries_and_mixed(sample):
    other = replace(sample, cis_arrival_share=30.0, other_arrival_share=70.0, cis_departure_share=20.0,
                    other_departure_share=80.0)
    assert draft_key_points(other, "kk")[2] == (
        "Елдің негізгі көші-қон алмасуы ТМД-дан тыс елдермен жүреді. Осы елдерден келгендердің үлесі 70,0%-ды, "
        "осы елдерге кеткендердің үлесі 80,0%-ды құрады.")
    mixed = replace(sample, cis_arrival_share=40.0, other_arrival_share=60.0)
    assert draft_key_points(mixed, "kk")[2] == (
        "Келгендердің басым бөлігі ТМД-дан тыс елдерден келді (60,0%), ал кеткендердің басым бөлігі ТМД "
        "елдеріне кетті (57,6%).")


def test_kk_unavailable_full_year(sample):
    figures = replace(sample, current=Span(2025, 1, 12), previous=Span(2024, 1, 12), arrivals=math.nan,
                      arrivals_change=math.nan, departures_change=-3.0, cis_arrival_share=math.nan,
                      internal_moves=math.nan)
    assert draft_key_points(figures, "kk")[:3] == [
        "2025 жыл бойынша сыртқы көші-қон деректері жоқ.",
        "2024 жылмен салыстырғанда елге келгендер саны бағаланбайды (2024 жылғы деректер жоқ), елден кеткендер "
        "саны 3,0%-ға кеміді.",
        "2025 жыл бойынша ТМД елдері мен басқа елдердің үлесі туралы деректер жоқ.",
    ]
    assert draft_key_points(figures, "kk")[3].startswith(
        "2025 жыл бойынша ел ішінде қоныс аударушылар саны туралы деректер жоқ. ")


def test_kk_single_month_and_full_year(sample):
    march = replace(sample, current=Span(2026, 3, 3), previous=Span(2025, 3, 3))
    first, second, *_ = draft_key_points(march, "kk")
    assert first.startswith("2026 жылғы наурызда елге келгендер саны")
    assert second.startswith("2025 жылғы наурызбен салыстырғанда")
    year = replace(sample, current=Span(2025, 1, 12), previous=Span(2024, 1, 12))
    first, second, *_ = draft_key_points(year, "kk")
    assert first.startswith("2025 жылы елге келгендер саны")
    assert second.startswith("2024 жылмен салыстырғанда")


# --- data ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_region_has_the_cases_the_templates_use(lang):
    pack = language_pack(lang)
    cases = {pack.templates[key] for key in pack.templates if key.startswith(("city_name_case", "region_name_case"))}
    for region in regions():
        names = pack.region_names[region.kato]
        assert all(names.get(case) for case in cases), (region.kato, cases - set(names))
        assert names["nom"] == (region.name_ru if lang == "ru" else region.name_kk)
