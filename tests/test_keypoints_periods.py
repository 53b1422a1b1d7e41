"""One full text of the key points per kind of period and language (issue 19): a quarter, a half year, nine
months, a full year (named by its months, as the Bureau does: "январь-декабрь", "қаңтар-желтоқсан",
"January–December") and a single month.

The quarter, the full year and the month are the illustrative sample as shipped. The sample has 2024 as annual rows
only, so for the half year and nine months 2024 is given by month (each 2025 month's count x 0.9, rounded) — the
text with 2024 annual only is pinned in tests/test_keypoints_not_available.py.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

from migrelease.filedoor.csv_source import read_csv_table
from migrelease.model.facts import DATA, validate
from migrelease.release.compute import compute_release

SAMPLE_DATA = str(resources.files("migrelease").joinpath("data/sample_data.csv"))

TEXTS = {
    ("quarter", "2026-03", "sample"): {
        "en": [
            "In January–March 2026 the number of arrivals in the country amounted to 6197 people, the number of "
            "departures from the country was 989 people. The net migration amounted to 5208 people.",
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased by "
            "25,9%, the number of departures from Kazakhstan decreased by 11,9%.",
            "The main migration exchange of the country takes place with the CIS countries. The share of "
            "arrivals from the CIS countries was 71,4%, the share of departures to these countries was 57,6%.",
            "The number of people moving within the country increased by 11,6% compared to the corresponding "
            "period in 2025. In terms of interregional movements, a positive net migration has developed in 4 "
            "regions of the country: the cities of Astana (18153 people), Almaty (4841 people), Shymkent (3588 "
            "people) and Almaty region (5248 people).",
        ],
        "ru": [
            "В январе-марте 2026 года число прибывших в страну составило 6\u00a0197 человек, число выбывших из "
            "страны — 989 человек. Сальдо миграции составило 5\u00a0208 человек.",
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось на 25,9%, "
            "число выбывших из Казахстана уменьшилось на 11,9%.",
            "Основной миграционный обмен страны происходит с государствами СНГ. Доля прибывших из стран СНГ "
            "составила 71,4%, доля выбывших в эти страны — 57,6%.",
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "увеличилась на 11,6%. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в четырех регионах страны: городах Астане (18\u00a0153 человека), Алматы (4\u00a0841 "
            "человек), Шымкенте (3\u00a0588 человек) и Алматинской области (5\u00a0248 человек).",
        ],
        "kk": [
            "2026 жылғы қаңтар-наурызда елге келгендер саны 6\u00a0197 адамды, елден кеткендер саны 989 адамды "
            "құрады. Көші-қон сальдосы 5\u00a0208 адамды құрады.",
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 25,9%-ға өсті, ал Қазақстаннан "
            "кеткендер саны 11,9%-ға азайды.",
            "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді. ТМД елдерінен келгендердің үлесі "
            "71,4%, ал бұл елдерге кеткендердің үлесі 57,6% құрады.",
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 11,6%-ға өсті. Өңіраралық "
            "көші-қон бойынша еліміздің 4 өңірінде: Астана (18\u00a0153 адам), Алматы (4\u00a0841 адам), Шымкент "
            "(3\u00a0588 адам) қалаларында және Алматы облысында (5\u00a0248 адам) халық көші-қонының оң "
            "сальдосы қалыптасты.",
        ],
    },
    ("half_year", "2025-06", "monthly_2024"): {
        "en": [
            "In January–June 2025 the number of arrivals in the country amounted to 10773 people, the number of "
            "departures from the country was 2440 people. The net migration amounted to 8333 people.",
            "Compared to the corresponding period in 2024 the number of arrivals in Kazakhstan increased by 11%, "
            "the number of departures from Kazakhstan increased by 10%.",
            "The main migration exchange of the country takes place with the CIS countries. The share of "
            "arrivals from the CIS countries was 71,5%, the share of departures to these countries was 60,4%.",
            "The number of people moving within the country increased by 11,1% compared to the corresponding "
            "period in 2024. In terms of interregional movements, a positive net migration has developed in 5 "
            "regions of the country: the cities of Astana (17849 people), Almaty (11291 people), Shymkent (5927 "
            "people), Almaty region (5822 people) and Mangystau region (275 people).",
        ],
        "ru": [
            "В январе-июне 2025 года число прибывших в страну составило 10\u00a0773 человека, число выбывших из "
            "страны — 2\u00a0440 человек. Сальдо миграции составило 8\u00a0333 человека.",
            "По сравнению с соответствующим периодом 2024 года число прибывших в Казахстан увеличилось на 11%, "
            "число выбывших из Казахстана увеличилось на 10%.",
            "Основной миграционный обмен страны происходит с государствами СНГ. Доля прибывших из стран СНГ "
            "составила 71,5%, доля выбывших в эти страны — 60,4%.",
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2024 года "
            "увеличилась на 11,1%. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в пяти регионах страны: городах Астане (17\u00a0849 человек), Алматы (11\u00a0291 "
            "человек), Шымкенте (5\u00a0927 человек), Алматинской области (5\u00a0822 человека) и Мангистауской "
            "области (275 человек).",
        ],
        "kk": [
            "2025 жылғы қаңтар-маусымда елге келгендер саны 10\u00a0773 адамды, елден кеткендер саны 2\u00a0440 "
            "адамды құрады. Көші-қон сальдосы 8\u00a0333 адамды құрады.",
            "2024 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 11%-ға, Қазақстаннан кеткендер "
            "саны 10%-ға өсті.",
            "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді. ТМД елдерінен келгендердің үлесі "
            "71,5%, ал бұл елдерге кеткендердің үлесі 60,4% құрады.",
            "2024 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 11,1%-ға өсті. Өңіраралық "
            "көші-қон бойынша еліміздің 5 өңірінде: Астана (17\u00a0849 адам), Алматы (11\u00a0291 адам), "
            "Шымкент (5\u00a0927 адам) қалаларында, Алматы облысында (5\u00a0822 адам) және Маңғыстау облысында "
            "(275 адам) халық көші-қонының оң сальдосы қалыптасты.",
        ],
    },
    ("nine_months", "2025-09", "monthly_2024"): {
        "en": [
            "In January–September 2025 the number of arrivals in the country amounted to 17139 people, the "
            "number of departures from the country was 3837 people. The net migration amounted to 13302 people.",
            "Compared to the corresponding period in 2024 the number of arrivals in Kazakhstan increased by 11%, "
            "the number of departures from Kazakhstan increased by 10,3%.",
            "The main migration exchange of the country takes place with the CIS countries. The share of "
            "arrivals from the CIS countries was 71,8%, the share of departures to these countries was 60%.",
            "The number of people moving within the country increased by 11,1% compared to the corresponding "
            "period in 2024. In terms of interregional movements, a positive net migration has developed in 5 "
            "regions of the country: the cities of Astana (29077 people), Almaty (17703 people), Shymkent (10263 "
            "people), Almaty region (9391 people) and Mangystau region (14 people).",
        ],
        "ru": [
            "В январе-сентябре 2025 года число прибывших в страну составило 17\u00a0139 человек, число выбывших "
            "из страны — 3\u00a0837 человек. Сальдо миграции составило 13\u00a0302 человека.",
            "По сравнению с соответствующим периодом 2024 года число прибывших в Казахстан увеличилось на 11%, "
            "число выбывших из Казахстана увеличилось на 10,3%.",
            "Основной миграционный обмен страны происходит с государствами СНГ. Доля прибывших из стран СНГ "
            "составила 71,8%, доля выбывших в эти страны — 60%.",
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2024 года "
            "увеличилась на 11,1%. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в пяти регионах страны: городах Астане (29\u00a0077 человек), Алматы (17\u00a0703 "
            "человека), Шымкенте (10\u00a0263 человека), Алматинской области (9\u00a0391 человек) и "
            "Мангистауской области (14 человек).",
        ],
        "kk": [
            "2025 жылғы қаңтар-қыркүйекте елге келгендер саны 17\u00a0139 адамды, елден кеткендер саны "
            "3\u00a0837 адамды құрады. Көші-қон сальдосы 13\u00a0302 адамды құрады.",
            "2024 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 11%-ға, Қазақстаннан кеткендер "
            "саны 10,3%-ға өсті.",
            "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді. ТМД елдерінен келгендердің үлесі "
            "71,8%, ал бұл елдерге кеткендердің үлесі 60% құрады.",
            "2024 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 11,1%-ға өсті. Өңіраралық "
            "көші-қон бойынша еліміздің 5 өңірінде: Астана (29\u00a0077 адам), Алматы (17\u00a0703 адам), "
            "Шымкент (10\u00a0263 адам) қалаларында, Алматы облысында (9\u00a0391 адам) және Маңғыстау облысында "
            "(14 адам) халық көші-қонының оң сальдосы қалыптасты.",
        ],
    },
    ("full_year", "2025-12", "sample"): {
        "en": [
            "In January–December 2025 the number of arrivals in the country amounted to 22600 people, the number "
            "of departures from the country was 5050 people. The net migration amounted to 17550 people.",
            "Compared to the corresponding period in 2024 the number of arrivals in Kazakhstan increased by "
            "5,8%, the number of departures from Kazakhstan decreased by 32,5%.",
            "The main migration exchange of the country takes place with the CIS countries. The share of "
            "arrivals from the CIS countries was 71,8%, the share of departures to these countries was 59,9%.",
            "The number of people moving within the country increased by 3,1% compared to the corresponding "
            "period in 2024. In terms of interregional movements, a positive net migration has developed in 5 "
            "regions of the country: the cities of Astana (39139 people), Almaty (22689 people), Shymkent (13351 "
            "people), Almaty region (12928 people) and Mangystau region (239 people).",
        ],
        "ru": [
            "В январе-декабре 2025 года число прибывших в страну составило 22\u00a0600 человек, число выбывших "
            "из страны — 5\u00a0050 человек. Сальдо миграции составило 17\u00a0550 человек.",
            "По сравнению с соответствующим периодом 2024 года число прибывших в Казахстан увеличилось на 5,8%, "
            "число выбывших из Казахстана уменьшилось на 32,5%.",
            "Основной миграционный обмен страны происходит с государствами СНГ. Доля прибывших из стран СНГ "
            "составила 71,8%, доля выбывших в эти страны — 59,9%.",
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2024 года "
            "увеличилась на 3,1%. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в пяти регионах страны: городах Астане (39\u00a0139 человек), Алматы (22\u00a0689 "
            "человек), Шымкенте (13\u00a0351 человек), Алматинской области (12\u00a0928 человек) и Мангистауской "
            "области (239 человек).",
        ],
        "kk": [
            "2025 жылғы қаңтар-желтоқсанда елге келгендер саны 22\u00a0600 адамды, елден кеткендер саны "
            "5\u00a0050 адамды құрады. Көші-қон сальдосы 17\u00a0550 адамды құрады.",
            "2024 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 5,8%-ға өсті, ал Қазақстаннан "
            "кеткендер саны 32,5%-ға азайды.",
            "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді. ТМД елдерінен келгендердің үлесі "
            "71,8%, ал бұл елдерге кеткендердің үлесі 59,9% құрады.",
            "2024 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 3,1%-ға өсті. Өңіраралық "
            "көші-қон бойынша еліміздің 5 өңірінде: Астана (39\u00a0139 адам), Алматы (22\u00a0689 адам), "
            "Шымкент (13\u00a0351 адам) қалаларында, Алматы облысында (12\u00a0928 адам) және Маңғыстау "
            "облысында (239 адам) халық көші-қонының оң сальдосы қалыптасты.",
        ],
    },
    ("one_month", "2026-01", "sample"): {
        "en": [
            "In January 2026 the number of arrivals in the country amounted to 1921 people, the number of "
            "departures from the country was 320 people. The net migration amounted to 1601 people.",
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased by "
            "28,2%, the number of departures from Kazakhstan decreased by 9,3%.",
            "The main migration exchange of the country takes place with the CIS countries. The share of "
            "arrivals from the CIS countries was 71,4%, the share of departures to these countries was 57,5%.",
            "The number of people moving within the country increased by 14,8% compared to the corresponding "
            "period in 2025. In terms of interregional movements, a positive net migration has developed in 4 "
            "regions of the country: the cities of Astana (5772 people), Almaty (1539 people), Shymkent (1141 "
            "people) and Almaty region (1668 people).",
        ],
        "ru": [
            "В январе 2026 года число прибывших в страну составило 1\u00a0921 человек, число выбывших из страны "
            "— 320 человек. Сальдо миграции составило 1\u00a0601 человек.",
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось на 28,2%, "
            "число выбывших из Казахстана уменьшилось на 9,3%.",
            "Основной миграционный обмен страны происходит с государствами СНГ. Доля прибывших из стран СНГ "
            "составила 71,4%, доля выбывших в эти страны — 57,5%.",
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "увеличилась на 14,8%. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в четырех регионах страны: городах Астане (5\u00a0772 человека), Алматы (1\u00a0539 "
            "человек), Шымкенте (1\u00a0141 человек) и Алматинской области (1\u00a0668 человек).",
        ],
        "kk": [
            "2026 жылғы қаңтарда елге келгендер саны 1\u00a0921 адамды, елден кеткендер саны 320 адамды құрады. "
            "Көші-қон сальдосы 1\u00a0601 адамды құрады.",
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 28,2%-ға өсті, ал Қазақстаннан "
            "кеткендер саны 9,3%-ға азайды.",
            "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді. ТМД елдерінен келгендердің үлесі "
            "71,4%, ал бұл елдерге кеткендердің үлесі 57,5% құрады.",
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 14,8%-ға өсті. Өңіраралық "
            "көші-қон бойынша еліміздің 4 өңірінде: Астана (5\u00a0772 адам), Алматы (1\u00a0539 адам), Шымкент "
            "(1\u00a0141 адам) қалаларында және Алматы облысында (1\u00a0668 адам) халық көші-қонының оң "
            "сальдосы қалыптасты.",
        ],
    },
}


@pytest.fixture(scope="module")
def data():
    sample_facts = validate(read_csv_table(SAMPLE_DATA), DATA)
    months_2025 = sample_facts[(sample_facts["year"] == 2025) & (sample_facts["month"] > 0)].copy()
    months_2025["year"] = 2024
    months_2025["people"] = (months_2025["people"] * 9 + 5) // 10
    monthly_2024 = pd.concat([sample_facts[sample_facts["year"] != 2024], months_2025], ignore_index=True)
    return {"sample": sample_facts, "monthly_2024": monthly_2024}


@pytest.mark.parametrize("kind, period, source", list(TEXTS), ids=[kind for kind, _, _ in TEXTS])
def test_full_text(data, kind, period, source):
    release = compute_release(data[source], period)
    for lang, expected in TEXTS[kind, period, source].items():
        assert list(release.key_points[lang]) == expected, lang
