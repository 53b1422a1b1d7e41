"""Russian key points, in the Bureau's own phrasing ("Основной миграционный обмен страны происходит с государствами
СНГ", "Численность переезжающих в пределах страны ... увеличилась на 22,8%", "положительное сальдо миграции
населения сложилось в трех регионах страны: городах Астане (…), Алматы (…) и Шымкенте (…)").

Grammar is data: the noun after a number by Babel's plural category (1/21 человек, 2–4/22 человека, 5–20/11–14
человек, 1,5 человека), month and region names per case, numerals spelled out in the prepositional case.
"""

from migrelease.text.numfmt import CYRILLIC
from migrelease.text.lang import LanguagePack, region_cases

_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
               "ноябрь", "декабрь")
_PREPOSITIONAL = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
                  "ноябре", "декабре")

PACK = LanguagePack(
    code="ru",
    number_style=CYRILLIC,
    month_names={"nom": _NOMINATIVE, "acc": _NOMINATIVE, "prep": _PREPOSITIONAL},
    period_patterns={
        # "январь-март 2026 года"; "за январь-март 2026 года", "за 2026 год";
        # "в январе-марте 2026 года", "в 2026 году"
        "nom": {"span": "{first}-{last} {year} года", "month": "{first} {year} года", "year": "{year} год"},
        "acc": {"span": "{first}-{last} {year} года", "month": "{first} {year} года", "year": "{year} год"},
        "prep": {"span": "{first}-{last} {year} года", "month": "{first} {year} года", "year": "{year} году"},
    },
    nouns={
        # CLDR categories for Russian: one (1, 21, 31…), few (2–4, 22–24…), many (0, 5–20, 25–30…), other (1,5)
        "people": {"one": "человек", "few": "человека", "many": "человек", "other": "человека"},
        "times": {"one": "раз", "few": "раза", "many": "раз", "other": "раза"},
        "region": {"one": "регион", "few": "региона", "many": "регионов", "other": "региона"},
        "region.prep": {"one": "регионе", "few": "регионах", "many": "регионах", "other": "регионах"},
    },
    numerals={
        "prep": {1: "одном", 2: "двух", 3: "трех", 4: "четырех", 5: "пяти", 6: "шести", 7: "семи", 8: "восьми",
                 9: "девяти", 10: "десяти", 11: "одиннадцати", 12: "двенадцати", 13: "тринадцати",
                 14: "четырнадцати", 15: "пятнадцати", 16: "шестнадцати", 17: "семнадцати", 18: "восемнадцати",
                 19: "девятнадцати", 20: "двадцати"},
    },
    region_names=region_cases("ru"),
    list_separator=", ",
    list_last_separator=" и ",
    templates={
        # 1. arrivals, departures, net migration
        "arrivals_departures": "В {period} число прибывших в страну составило {arrivals}, "
                               "число выбывших из страны — {departures}.",
        "net.positive": "Сальдо миграции составило {net}.",
        "net.negative": "Сальдо миграции отрицательное и составило {net}.",
        "net.zero": "Число прибывших равно числу выбывших, сальдо миграции равно нулю.",
        "external.unavailable": "Данные о внешней миграции за {period:acc} отсутствуют.",
        # 2. change versus the same period a year earlier ("число ... увеличилось")
        "changes": "По сравнению с {previous_period} число прибывших в Казахстан {arrivals_change}, "
                   "число выбывших из Казахстана {departures_change}.",
        "previous_period.span": "соответствующим периодом {previous_year} года",
        "previous_period.year": "{previous_year} годом",
        "change.increase": "увеличилось на {percent}%",
        "change.decrease": "уменьшилось на {percent}%",
        "change.times": "увеличилось в {times_count}",
        "change.same": "не изменилось",
        "change.unavailable": "не может быть сопоставлено (данные за {previous_year} год отсутствуют)",
        # the same phrases agreeing with "численность" (feminine)
        "internal_change.increase": "увеличилась на {percent}%",
        "internal_change.decrease": "уменьшилась на {percent}%",
        "internal_change.times": "увеличилась в {times_count}",
        "internal_change.same": "не изменилась",
        "internal_change.unavailable": "не может быть сопоставлена (данные за {previous_year} год отсутствуют)",
        # 3. main partner group
        "partner.cis": "Основной миграционный обмен страны происходит с государствами СНГ. "
                       "Доля прибывших из стран СНГ составила {cis_arrival_share}%, "
                       "доля выбывших в эти страны — {cis_departure_share}%.",
        "partner.other": "Основной миграционный обмен страны происходит со странами вне СНГ. "
                         "Доля прибывших из этих стран составила {other_arrival_share}%, "
                         "доля выбывших в эти страны — {other_departure_share}%.",
        "partner.mixed": "{arrival_partner}, тогда как {departure_partner}.",
        "arrival_partner.cis": "Большинство прибывших — из стран СНГ ({cis_arrival_share}%)",
        "arrival_partner.other": "Большинство прибывших — из стран вне СНГ ({other_arrival_share}%)",
        "arrival_partner.equal": "Прибывшие поровну распределились между странами СНГ и другими странами "
                                 "(по {cis_arrival_share}%)",
        "departure_partner.cis": "большинство выбывших — в страны СНГ ({cis_departure_share}%)",
        "departure_partner.other": "большинство выбывших — в страны вне СНГ ({other_departure_share}%)",
        "departure_partner.equal": "выбывшие поровну распределились между странами СНГ и другими странами "
                                   "(по {cis_departure_share}%)",
        "partner.unavailable": "Данные о долях стран СНГ и других стран за {period:acc} отсутствуют.",
        # 4. internal migration
        "internal": "Численность переезжающих в пределах страны по сравнению с {previous_period} "
                    "{internal_change}.",
        "internal.unavailable": "Данные о численности переезжающих в пределах страны за {period:acc} "
                                "отсутствуют.",
        "interregional.many": "По межрегиональным перемещениям положительное сальдо миграции населения сложилось "
                              "в {region_count} страны: {region_list}.",
        "interregional.none": "По межрегиональным перемещениям положительное сальдо миграции населения не "
                              "сложилось ни в одном регионе страны.",
        "region_count": "{n} {region}",
        "region_count_case": "prep",
        "region_item": "{name} ({people})",
        # "городе Астане (…)", "городах Астане (…), Алматы (…) и Шымкенте (…)"
        "cities.one": "городе {items}",
        "cities.other": "городах {items}",
        "city_name_case": "short_prep",
        "region_name_case": "prep",
        "period_case": "prep",
        "not_available": "нет данных",
    },
)
