"""Every sentence branch of the key points in English, Russian and Kazakh (issues 19 and 12), written out.

One row per branch: the changes to the sample's KeyFigures (January-March 2026 of the illustrative data) and the
paragraph each language says for it. The choice of sentence is one plan for every language, so a row pins the same
branch three times. The last test checks that the rows together use every template of every pack: no sentence is
left untested in any language. Numbers in ru/kk text group thousands with a no-break space (U+00A0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pytest

from migrelease.model.periods import Span
from migrelease.model.regions import find_region
from migrelease.text import keypoints
from migrelease.text.keypoints import draft_key_points
from migrelease.text.lang import LANGUAGES, language_pack

nan = math.nan
ASTANA, ALMATY_CITY, SHYMKENT = find_region("Astana"), find_region("Almaty city"), find_region("Shymkent")
MANGYSTAU, ALMATY_REGION = find_region("Mangystau"), find_region("Almaty region")
H1 = dict(current=Span(2025, 1, 6), previous=Span(2024, 1, 6))


@dataclass(frozen=True)
class Case:
    name: str
    paragraph: int  # 0 external and net, 1 changes, 2 partner groups, 3 internal and regions
    changes: dict
    expected: dict[str, str]


CASES = [
    Case("net_positive", 0, {}, {
        "en": (
            "In January–March 2026 the number of arrivals in the country amounted to 6197 people, the number "
            "of departures from the country was 989 people. The net migration amounted to 5208 people."),
        "ru": (
            "В январе-марте 2026 года число прибывших в страну составило 6\u00a0197 человек, число выбывших "
            "из страны — 989 человек. Сальдо миграции составило 5\u00a0208 человек."),
        "kk": (
            "2026 жылғы қаңтар-наурызда елге келгендер саны 6\u00a0197 адамды, елден кеткендер саны 989 "
            "адамды құрады. Көші-қон сальдосы 5\u00a0208 адамды құрады."),
    }),
    Case("net_negative", 0, dict(arrivals=3662.0, departures=9862.0, net=-6200.0), {
        "en": (
            "In January–March 2026 the number of arrivals in the country amounted to 3662 people, the number "
            "of departures from the country was 9862 people. The net migration amounted to -6200 people."),
        "ru": (
            "В январе-марте 2026 года число прибывших в страну составило 3\u00a0662 человека, число выбывших "
            "из страны — 9\u00a0862 человека. Сальдо миграции составило -6\u00a0200 человек."),
        "kk": (
            "2026 жылғы қаңтар-наурызда елге келгендер саны 3\u00a0662 адамды, елден кеткендер саны "
            "9\u00a0862 адамды құрады. Көші-қон сальдосы -6\u00a0200 адамды құрады."),
    }),
    Case("net_zero", 0, dict(arrivals=22.0, departures=22.0, net=0.0), {
        "en": (
            "In January–March 2026 the number of arrivals in the country amounted to 22 people, the number "
            "of departures from the country was 22 people. Arrivals equalled departures, so the net "
            "migration was zero."),
        "ru": (
            "В январе-марте 2026 года число прибывших в страну составило 22 человека, число выбывших из "
            "страны — 22 человека. Число прибывших равно числу выбывших, сальдо миграции равно нулю."),
        "kk": (
            "2026 жылғы қаңтар-наурызда елге келгендер саны 22 адамды, елден кеткендер саны 22 адамды "
            "құрады. Келгендер саны кеткендер санына тең, көші-қон сальдосы нөлге тең болды."),
    }),
    Case("net_unavailable", 0, dict(net=nan, current_coverage="incomplete"), {
        "en": (
            "In January–March 2026 the number of arrivals in the country amounted to 6197 people, the number "
            "of departures from the country was 989 people. Figures for January–March 2026 are incomplete, "
            "so the net migration is not given."),
        "ru": (
            "В январе-марте 2026 года число прибывших в страну составило 6\u00a0197 человек, число выбывших "
            "из страны — 989 человек. Данные за январь-март 2026 года неполные, поэтому сальдо миграции не "
            "приводится."),
        "kk": (
            "2026 жылғы қаңтар-наурызда елге келгендер саны 6\u00a0197 адамды, елден кеткендер саны 989 "
            "адамды құрады. 2026 жылғы қаңтар-наурыз бойынша деректер толық емес, сондықтан көші-қон "
            "сальдосы келтірілмейді."),
    }),
    Case("external_unavailable", 0, dict(arrivals=nan, net=nan, current_coverage="missing"), {
        "en": (
            "Figures for January–March 2026 are not available, so the numbers of arrivals and departures and "
            "the net migration are not given."),
        "ru": (
            "Данные за январь-март 2026 года отсутствуют, поэтому число прибывших, число выбывших и сальдо "
            "миграции не приводятся."),
        "kk": (
            "2026 жылғы қаңтар-наурыз бойынша деректер жоқ, сондықтан елге келгендер мен елден кеткендер "
            "саны және көші-қон сальдосы келтірілмейді."),
    }),
    Case("changes_percent", 1, {}, {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased by "
            "25,9%, the number of departures from Kazakhstan decreased by 11,9%."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось на "
            "25,9%, число выбывших из Казахстана уменьшилось на 11,9%."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 25,9%-ға өсті, ал "
            "Қазақстаннан кеткендер саны 11,9%-ға азайды."),
    }),
    Case("changes_whole_percent_shared_verb", 1, dict(arrivals_change=-21.0, departures_change=-49.5), {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan decreased by "
            "21%, the number of departures from Kazakhstan decreased by 49,5%."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан уменьшилось на "
            "21%, число выбывших из Казахстана уменьшилось на 49,5%."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 21%-ға, Қазақстаннан "
            "кеткендер саны 49,5%-ға азайды."),
    }),
    Case("changes_times_up_and_down", 1, dict(arrivals_change=140.0, arrivals_times=2.4, departures_change=-58.3,
                                          departures_times_down=2.4), {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased 2,4 "
            "times, the number of departures from Kazakhstan decreased 2,4 times."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось в 2,4 "
            "раза, число выбывших из Казахстана уменьшилось в 2,4 раза."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 2,4 есе өсті, ал "
            "Қазақстаннан кеткендер саны 2,4 есе азайды."),
    }),
    Case("changes_times_shared_verb", 1, dict(arrivals_change=100.0, arrivals_times=2.0, departures_change=400.0,
                                          departures_times=5.0), {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased 2 "
            "times, the number of departures from Kazakhstan increased 5 times."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось в 2 "
            "раза, число выбывших из Казахстана увеличилось в 5 раз."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 2 есе, Қазақстаннан "
            "кеткендер саны 5 есе өсті."),
    }),
    Case("changes_times_down_shared_verb", 1, dict(arrivals_change=-50.0, arrivals_times_down=2.0,
                                               departures_change=-80.0, departures_times_down=5.0), {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan decreased 2 "
            "times, the number of departures from Kazakhstan decreased 5 times."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан уменьшилось в 2 "
            "раза, число выбывших из Казахстана уменьшилось в 5 раз."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 2 есе, Қазақстаннан "
            "кеткендер саны 5 есе азайды."),
    }),
    Case("changes_increase_shared_verb", 1, dict(departures_change=3.2, departures_previous=958.0), {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased by "
            "25,9%, the number of departures from Kazakhstan increased by 3,2%."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось на "
            "25,9%, число выбывших из Казахстана увеличилось на 3,2%."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 25,9%-ға, Қазақстаннан "
            "кеткендер саны 3,2%-ға өсті."),
    }),
    Case("changes_same_and_small", 1, dict(arrivals_previous=6197.0, arrivals_change=0.0, departures=10000.0,
                                       departures_previous=9999.0, departures_change=0.0), {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan did not "
            "change, the number of departures from Kazakhstan increased by less than 0,1%."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан не изменилось, "
            "число выбывших из Казахстана увеличилось менее чем на 0,1%."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны өзгеріссіз қалды, "
            "Қазақстаннан кеткендер саны 0,1%-дан аз өсті."),
    }),
    Case("changes_decrease_small_and_from_zero", 1, dict(arrivals_previous=6198.0, arrivals_change=0.0,
                                                     departures_previous=0.0, departures_change=nan,
                                                     departures_times=nan), {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan decreased by "
            "less than 0,1%, the number of departures from Kazakhstan increased from 0 to 989 people."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан уменьшилось менее "
            "чем на 0,1%, число выбывших из Казахстана увеличилось с 0 до 989 человек."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 0,1%-дан аз азайды, ал "
            "Қазақстаннан кеткендер саны 0-ден 989 адамға дейін өсті."),
    }),
    Case("changes_arrivals_only", 1, dict(departures_previous=nan, departures_change=nan, departures_times=nan,
                                      previous_coverage="incomplete"), {
        "en": (
            "Compared to the corresponding period in 2025 the number of arrivals in Kazakhstan increased by "
            "25,9%. Figures for January–March 2025 are incomplete, so the number of departures from "
            "Kazakhstan is not compared with 2025."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число прибывших в Казахстан увеличилось на "
            "25,9%. Данные за январь-март 2025 года неполные, поэтому число выбывших из Казахстана с 2025 "
            "годом не сравнивается."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 25,9%-ға өсті. 2025 жылғы "
            "қаңтар-наурыз бойынша деректер толық емес, сондықтан Қазақстаннан кеткендер саны 2025 жылмен "
            "салыстырылмайды."),
    }),
    Case("changes_departures_only", 1, dict(arrivals=nan, net=nan, arrivals_change=nan, arrivals_times=nan,
                                        current_coverage="incomplete"), {
        "en": (
            "Compared to the corresponding period in 2025 the number of departures from Kazakhstan decreased "
            "by 11,9%. Figures for January–March 2026 are incomplete, so the number of arrivals in "
            "Kazakhstan is not compared with 2025."),
        "ru": (
            "По сравнению с соответствующим периодом 2025 года число выбывших из Казахстана уменьшилось на "
            "11,9%. Данные за январь-март 2026 года неполные, поэтому число прибывших в Казахстан с 2025 "
            "годом не сравнивается."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда Қазақстаннан кеткендер саны 11,9%-ға азайды. 2026 "
            "жылғы қаңтар-наурыз бойынша деректер толық емес, сондықтан Қазақстанға келгендер саны 2025 "
            "жылмен салыстырылмайды."),
    }),
    Case("comparison_unavailable_annual_only", 1, dict(**H1, arrivals_previous=nan, departures_previous=nan,
                                                   arrivals_change=nan, departures_change=nan,
                                                   previous_coverage="annual_only"), {
        "en": (
            "Figures for January–June 2024 are not available by month, so no comparison with 2024 is made."),
        "ru": (
            "Данные за январь-июнь 2024 года помесячно отсутствуют, поэтому сравнение с 2024 годом не "
            "проводится."),
        "kk": (
            "2024 жылғы қаңтар-маусым бойынша айлық деректер жоқ, сондықтан 2024 жылмен салыстыру "
            "жүргізілмейді."),
    }),
    Case("comparison_unavailable_two_reasons", 1, dict(arrivals=nan, net=nan, arrivals_change=nan,
                                                   current_coverage="incomplete", departures_previous=nan,
                                                   departures_change=nan, previous_coverage="missing"), {
        "en": (
            "Figures for January–March 2026 are incomplete, so the number of arrivals in Kazakhstan is not "
            "compared with 2025. Figures for January–March 2025 are not available, so the number of "
            "departures from Kazakhstan is not compared with 2025."),
        "ru": (
            "Данные за январь-март 2026 года неполные, поэтому число прибывших в Казахстан с 2025 годом не "
            "сравнивается. Данные за январь-март 2025 года отсутствуют, поэтому число выбывших из Казахстана "
            "с 2025 годом не сравнивается."),
        "kk": (
            "2026 жылғы қаңтар-наурыз бойынша деректер толық емес, сондықтан Қазақстанға келгендер саны 2025 "
            "жылмен салыстырылмайды. 2025 жылғы қаңтар-наурыз бойынша деректер жоқ, сондықтан Қазақстаннан "
            "кеткендер саны 2025 жылмен салыстырылмайды."),
    }),
    Case("partner_cis", 2, {}, {
        "en": (
            "The main migration exchange of the country takes place with the CIS countries. The share of "
            "arrivals from the CIS countries was 71,4%, the share of departures to these countries was 57,6%."),
        "ru": (
            "Основной миграционный обмен страны происходит с государствами СНГ. Доля прибывших из стран СНГ "
            "составила 71,4%, доля выбывших в эти страны — 57,6%."),
        "kk": (
            "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді. ТМД елдерінен келгендердің "
            "үлесі 71,4%, ал бұл елдерге кеткендердің үлесі 57,6% құрады."),
    }),
    Case("partner_other", 2, dict(cis_arrival_share=30.0, other_arrival_share=70.0, cis_departure_share=20.0,
                              other_departure_share=80.0), {
        "en": (
            "The main migration exchange of the country takes place with countries outside the CIS. The "
            "share of arrivals from these countries was 70%, the share of departures to these countries was "
            "80%."),
        "ru": (
            "Основной миграционный обмен страны происходит со странами вне СНГ. Доля прибывших из этих стран "
            "составила 70%, доля выбывших в эти страны — 80%."),
        "kk": (
            "Елдің негізгі көші-қон алмасуы ТМД-дан тыс елдермен арада жүреді. Бұл елдерден келгендердің "
            "үлесі 70%, ал бұл елдерге кеткендердің үлесі 80% құрады."),
    }),
    Case("partner_mixed", 2, dict(cis_departure_share=42.0, other_departure_share=58.0), {
        "en": (
            "The share of arrivals from the CIS countries was 71,4%, the share of departures to countries "
            "outside the CIS was 58%."),
        "ru": (
            "Доля прибывших из стран СНГ составила 71,4%, доля выбывших в страны вне СНГ — 58%."),
        "kk": (
            "ТМД елдерінен келгендердің үлесі 71,4%, ал ТМД-дан тыс елдерге кеткендердің үлесі 58% құрады."),
    }),
    Case("partner_mixed_other_arrivals", 2, dict(cis_arrival_share=40.0, other_arrival_share=60.0), {
        "en": (
            "The share of arrivals from countries outside the CIS was 60%, the share of departures to the "
            "CIS countries was 57,6%."),
        "ru": (
            "Доля прибывших из стран вне СНГ составила 60%, доля выбывших в страны СНГ — 57,6%."),
        "kk": (
            "ТМД-дан тыс елдерден келгендердің үлесі 60%, ал ТМД елдеріне кеткендердің үлесі 57,6% құрады."),
    }),
    Case("partner_equal", 2, dict(cis_departure_share=50.0, other_departure_share=50.0), {
        "en": (
            "The share of arrivals from the CIS countries was 71,4%, the share of departures to the CIS "
            "countries was 50%."),
        "ru": (
            "Доля прибывших из стран СНГ составила 71,4%, доля выбывших в страны СНГ — 50%."),
        "kk": (
            "ТМД елдерінен келгендердің үлесі 71,4%, ал ТМД елдеріне кеткендердің үлесі 50% құрады."),
    }),
    Case("partner_unavailable", 2, dict(cis_arrival_share=nan, other_arrival_share=nan, current_coverage="incomplete"), {
        "en": (
            "Figures for January–March 2026 are incomplete, so the shares of the CIS and other countries are "
            "not given."),
        "ru": (
            "Данные за январь-март 2026 года неполные, поэтому доли стран СНГ и других стран не приводятся."),
        "kk": (
            "2026 жылғы қаңтар-наурыз бойынша деректер толық емес, сондықтан ТМД елдері мен басқа елдердің "
            "үлесі келтірілмейді."),
    }),
    Case("partner_no_arrivals", 2, dict(arrivals=0.0, net=-989.0, cis_arrival_share=nan, other_arrival_share=nan), {
        "en": (
            "There were no arrivals or no departures in January–March 2026, so the shares of the CIS and "
            "other countries are not given."),
        "ru": (
            "В январе-марте 2026 года не было прибывших или выбывших, поэтому доли стран СНГ и других стран "
            "не приводятся."),
        "kk": (
            "2026 жылғы қаңтар-наурызда елге келгендер немесе елден кеткендер болған жоқ, сондықтан ТМД "
            "елдері мен басқа елдердің үлесі келтірілмейді."),
    }),
    Case("internal_and_regions", 3, {}, {
        "en": (
            "The number of people moving within the country increased by 11,6% compared to the corresponding "
            "period in 2025. In terms of interregional movements, a positive net migration has developed in "
            "4 regions of the country: the cities of Astana (18153 people), Almaty (4841 people), Shymkent "
            "(3588 people) and Almaty region (5248 people)."),
        "ru": (
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "увеличилась на 11,6%. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в четырех регионах страны: городах Астане (18\u00a0153 человека), Алматы (4\u00a0841 "
            "человек), Шымкенте (3\u00a0588 человек) и Алматинской области (5\u00a0248 человек)."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 11,6%-ға өсті. "
            "Өңіраралық көші-қон бойынша еліміздің 4 өңірінде: Астана (18\u00a0153 адам), Алматы (4\u00a0841 "
            "адам), Шымкент (3\u00a0588 адам) қалаларында және Алматы облысында (5\u00a0248 адам) халық "
            "көші-қонының оң сальдосы қалыптасты."),
    }),
    Case("internal_decrease_one_city", 3, dict(internal_change=-3.2, positive_interregional=((ASTANA, 18153.0),)), {
        "en": (
            "The number of people moving within the country decreased by 3,2% compared to the corresponding "
            "period in 2025. In terms of interregional movements, a positive net migration has developed in "
            "1 region of the country: the city of Astana (18153 people)."),
        "ru": (
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "уменьшилась на 3,2%. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в одном регионе страны: городе Астане (18\u00a0153 человека)."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 3,2%-ға азайды. "
            "Өңіраралық көші-қон бойынша еліміздің 1 өңірінде: Астана қаласында (18\u00a0153 адам) халық "
            "көші-қонының оң сальдосы қалыптасты."),
    }),
    Case("internal_times_up_one_region", 3, dict(internal_change=140.0, internal_times=2.4,
                                             positive_interregional=((MANGYSTAU, 21.0),)), {
        "en": (
            "The number of people moving within the country increased 2,4 times compared to the "
            "corresponding period in 2025. In terms of interregional movements, a positive net migration has "
            "developed in 1 region of the country: Mangystau region (21 people)."),
        "ru": (
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "увеличилась в 2,4 раза. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в одном регионе страны: Мангистауской области (21 человек)."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 2,4 есе өсті. "
            "Өңіраралық көші-қон бойынша еліміздің 1 өңірінде: Маңғыстау облысында (21 адам) халық "
            "көші-қонының оң сальдосы қалыптасты."),
    }),
    Case("internal_times_down_two_regions", 3, dict(internal_change=-60.0, internal_times_down=2.5,
                                                positive_interregional=((MANGYSTAU, 7.0), (ALMATY_REGION, 2.0))), {
        "en": (
            "The number of people moving within the country decreased 2,5 times compared to the "
            "corresponding period in 2025. In terms of interregional movements, a positive net migration has "
            "developed in 2 regions of the country: Mangystau region (7 people) and Almaty region (2 people)."),
        "ru": (
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "уменьшилась в 2,5 раза. По межрегиональным перемещениям положительное сальдо миграции населения "
            "сложилось в двух регионах страны: Мангистауской области (7 человек) и Алматинской области (2 "
            "человека)."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 2,5 есе азайды. "
            "Өңіраралық көші-қон бойынша еліміздің 2 өңірінде: Маңғыстау облысында (7 адам) және Алматы "
            "облысында (2 адам) халық көші-қонының оң сальдосы қалыптасты."),
    }),
    Case("internal_same_three_cities", 3, dict(internal_moves=1000.0, internal_moves_previous=1000.0, internal_change=0.0,
                                           positive_interregional=((ALMATY_CITY, 17691.0), (ASTANA, 15753.0),
                                                                   (SHYMKENT, 1883.0))), {
        "en": (
            "The number of people moving within the country did not change compared to the corresponding "
            "period in 2025. In terms of interregional movements, a positive net migration has developed in "
            "3 regions of the country: the cities of Almaty (17691 people), Astana (15753 people) and "
            "Shymkent (1883 people)."),
        "ru": (
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года не "
            "изменилась. По межрегиональным перемещениям положительное сальдо миграции населения сложилось в "
            "трех регионах страны: городах Алматы (17\u00a0691 человек), Астане (15\u00a0753 человека) и "
            "Шымкенте (1\u00a0883 человека)."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны өзгеріссіз қалды. "
            "Өңіраралық көші-қон бойынша еліміздің 3 өңірінде: Алматы (17\u00a0691 адам), Астана "
            "(15\u00a0753 адам) және Шымкент (1\u00a0883 адам) қалаларында халық көші-қонының оң сальдосы "
            "қалыптасты."),
    }),
    Case("internal_increase_small_no_region", 3, dict(internal_moves=100001.0, internal_moves_previous=100000.0,
                                                  internal_change=0.0, positive_interregional=()), {
        "en": (
            "The number of people moving within the country increased by less than 0,1% compared to the "
            "corresponding period in 2025. In terms of interregional movements, no region of the country had "
            "a positive net migration."),
        "ru": (
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "увеличилась менее чем на 0,1%. По межрегиональным перемещениям положительное сальдо миграции "
            "населения не сложилось ни в одном регионе страны."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 0,1%-дан аз өсті. "
            "Өңіраралық көші-қон бойынша халық көші-қонының оң сальдосы еліміздің бірде-бір өңірінде "
            "қалыптаспады."),
    }),
    Case("internal_decrease_small", 3, dict(internal_moves=99999.0, internal_moves_previous=100000.0,
                                        internal_change=0.0), {
        "en": (
            "The number of people moving within the country decreased by less than 0,1% compared to the "
            "corresponding period in 2025. In terms of interregional movements, a positive net migration has "
            "developed in 4 regions of the country: the cities of Astana (18153 people), Almaty (4841 "
            "people), Shymkent (3588 people) and Almaty region (5248 people)."),
        "ru": (
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "уменьшилась менее чем на 0,1%. По межрегиональным перемещениям положительное сальдо миграции "
            "населения сложилось в четырех регионах страны: городах Астане (18\u00a0153 человека), Алматы "
            "(4\u00a0841 человек), Шымкенте (3\u00a0588 человек) и Алматинской области (5\u00a0248 человек)."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 0,1%-дан аз азайды. "
            "Өңіраралық көші-қон бойынша еліміздің 4 өңірінде: Астана (18\u00a0153 адам), Алматы (4\u00a0841 "
            "адам), Шымкент (3\u00a0588 адам) қалаларында және Алматы облысында (5\u00a0248 адам) халық "
            "көші-қонының оң сальдосы қалыптасты."),
    }),
    Case("internal_from_zero", 3, dict(internal_moves=21.0, internal_moves_previous=0.0, internal_change=nan,
                                   internal_times=nan), {
        "en": (
            "The number of people moving within the country increased from 0 to 21 people compared to the "
            "corresponding period in 2025. In terms of interregional movements, a positive net migration has "
            "developed in 4 regions of the country: the cities of Astana (18153 people), Almaty (4841 "
            "people), Shymkent (3588 people) and Almaty region (5248 people)."),
        "ru": (
            "Численность переезжающих в пределах страны по сравнению с соответствующим периодом 2025 года "
            "увеличилась с 0 до 21 человека. По межрегиональным перемещениям положительное сальдо миграции "
            "населения сложилось в четырех регионах страны: городах Астане (18\u00a0153 человека), Алматы "
            "(4\u00a0841 человек), Шымкенте (3\u00a0588 человек) и Алматинской области (5\u00a0248 человек)."),
        "kk": (
            "2025 жылғы тиісті кезеңмен салыстырғанда ел ішінде көшіп келушілер саны 0-ден 21 адамға дейін "
            "өсті. Өңіраралық көші-қон бойынша еліміздің 4 өңірінде: Астана (18\u00a0153 адам), Алматы "
            "(4\u00a0841 адам), Шымкент (3\u00a0588 адам) қалаларында және Алматы облысында (5\u00a0248 "
            "адам) халық көші-қонының оң сальдосы қалыптасты."),
    }),
    Case("internal_and_regions_unavailable", 3, dict(**H1, internal_moves_previous=nan, internal_change=nan,
                                                 previous_coverage="annual_only", positive_interregional=None,
                                                 current_coverage="incomplete"), {
        "en": (
            "Figures for January–June 2024 are not available by month, so the number of people moving within "
            "the country is not compared with 2024. Figures for January–June 2025 are incomplete, so the "
            "regions with a positive net interregional migration are not named."),
        "ru": (
            "Данные за январь-июнь 2024 года помесячно отсутствуют, поэтому численность переезжающих в "
            "пределах страны с 2024 годом не сравнивается. Данные за январь-июнь 2025 года неполные, поэтому "
            "регионы с положительным сальдо межрегиональной миграции не называются."),
        "kk": (
            "2024 жылғы қаңтар-маусым бойынша айлық деректер жоқ, сондықтан ел ішінде көшіп келушілер саны "
            "2024 жылмен салыстырылмайды. 2025 жылғы қаңтар-маусым бойынша деректер толық емес, сондықтан "
            "халық көші-қонының оң сальдосы қалыптасқан өңірлер аталмайды."),
    }),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_branch(sample_release, case, lang):
    figures = replace(sample_release.figures, **case.changes)
    assert draft_key_points(figures, lang)[case.paragraph] == case.expected[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_rows_use_every_template_of_the_pack(sample_release, lang, monkeypatch):
    """Every template key of the pack (sentences, phrases, case choices) is rendered by at least one row."""
    used = set()
    resolve = keypoints._Writer.resolve

    def recording(writer, key):
        resolved = resolve(writer, key)
        used.add(resolved)
        return resolved

    monkeypatch.setattr(keypoints._Writer, "resolve", recording)
    for case in CASES:
        draft_key_points(replace(sample_release.figures, **case.changes), lang)
    assert set(language_pack(lang).templates) - used == set()


def test_the_packs_say_the_same_sentences():
    """Each language has every sentence of the plan; only grammar keys differ (ru verbs agreeing with
    "численность", kk shared verbs and case choices by count)."""
    keys = {lang: set(language_pack(lang).templates) for lang in LANGUAGES}
    language_specific = {
        "en": set(),
        "ru": {key for key in keys["ru"] if key.startswith("internal_change.")} | {"region_count_case"},
        "kk": {"changes.shared", "changes.contrast", "region_count_case", "city_name_case.one",
               "city_name_case.other"}
              | {key for key in keys["kk"] if key.startswith(("change_amount.", "change_verb."))},
    }
    common = {lang: keys[lang] - language_specific[lang] - {"city_name_case"} for lang in LANGUAGES}
    assert common["en"] == common["ru"] == common["kk"]
