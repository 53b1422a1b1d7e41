"""Russian key points, in the Bureau's own phrasing ("В январе-июне 2025 года число прибывших в страну составило …",
"по сравнению с соответствующим периодом 2024 года … уменьшилось на 21%", "Сальдо миграции составило -6200
человек", "Основной миграционный обмен страны происходит с государствами СНГ", "положительное сальдо миграции
населения сложилось в трех регионах страны: городах Алматы (…), Нур-Султане (…) и Шымкенте (…)").

Grammar is data: the noun after a number by Babel's plural category (1/21 человек, 2–4/22 человека, 5–20/11–14
человек, 1,5 человека — better than the Bureau's own "11267 человека"), month and region names per case, numerals
spelled out in the prepositional case.
"""

from migrelease.text.lang import NO_SOURCE, HouseStyle, LanguagePack, region_cases
from migrelease.text.lang import sources as s
from migrelease.text.numfmt import CYRILLIC

_NOMINATIVE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
               "ноябрь", "декабрь")
_PREPOSITIONAL = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
                  "ноябре", "декабре")

_NOT_AVAILABLE = ("reason.annual_only", "reason.incomplete", "reason.missing", "reason.no_base", "net.unavailable",
                  "external.unavailable", "comparison.unavailable", "comparison.unavailable.arrivals",
                  "comparison.unavailable.departures", "partner.unavailable", "internal.unavailable",
                  "interregional.unavailable")

PACK = LanguagePack(
    code="ru",
    style=HouseStyle(period_dash="-", full_year_as_months=True, times_from=2.0, text_percent_drops_zero=True,
                     shared_change_verb=False),
    number_style=CYRILLIC,
    month_names={"nom": _NOMINATIVE, "acc": _NOMINATIVE, "prep": _PREPOSITIONAL},
    period_patterns={
        # "январь-март 2026 года"; "за январь-март 2026 года"; "в январе-марте 2026 года", "в январе-декабре
        # 2025 года"; a table's year column "2026 год"
        "nom": {"span": "{first}{dash}{last} {year} года", "month": "{first} {year} года", "year": "{year} год"},
        "acc": {"span": "{first}{dash}{last} {year} года", "month": "{first} {year} года", "year": "{year} год"},
        "prep": {"span": "{first}{dash}{last} {year} года", "month": "{first} {year} года", "year": "{year} году"},
    },
    nouns={
        # CLDR categories for Russian: one (1, 21, 31…), few (2–4, 22–24…), many (0, 5–20, 25–30…), other (1,5)
        "people": {"one": "человек", "few": "человека", "many": "человек", "other": "человека"},
        # genitive after "до": до 1 человека, до 2 человек, до 5 человек, до 1,5 человека
        "people.gen": {"one": "человека", "few": "человек", "many": "человек", "other": "человека"},
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
        "external": "В {period} число прибывших в страну составило {arrivals}, "
                    "число выбывших из страны — {departures}.",
        "net.positive": "Сальдо миграции составило {net}.",
        "net.negative": "Сальдо миграции составило {net}.",
        "net.zero": "Число прибывших равно числу выбывших, сальдо миграции равно нулю.",
        "net.unavailable": "{reason}, поэтому сальдо миграции не приводится.",
        "external.unavailable": "{reason}, поэтому число прибывших, число выбывших и сальдо миграции не приводятся.",
        # 2. change versus the same period a year earlier ("число ... увеличилось")
        "previous_period": "соответствующим периодом {previous_year} года",
        "changes": "По сравнению с {previous_period} число прибывших в Казахстан {arrivals_change}, "
                   "число выбывших из Казахстана {departures_change}.",
        "changes.arrivals": "По сравнению с {previous_period} число прибывших в Казахстан {arrivals_change}.",
        "changes.departures": "По сравнению с {previous_period} число выбывших из Казахстана {departures_change}.",
        "comparison.unavailable": "{reason}, поэтому сравнение с {previous_year} годом не проводится.",
        "comparison.unavailable.arrivals": "{reason}, поэтому число прибывших в Казахстан с {previous_year} годом "
                                           "не сравнивается.",
        "comparison.unavailable.departures": "{reason}, поэтому число выбывших из Казахстана с {previous_year} "
                                             "годом не сравнивается.",
        "change.increase": "увеличилось на {percent}%",
        "change.decrease": "уменьшилось на {percent}%",
        "change.times_up": "увеличилось в {times}",
        "change.times_down": "уменьшилось в {times}",
        "change.increase_small": "увеличилось менее чем на {tenth}%",
        "change.decrease_small": "уменьшилось менее чем на {tenth}%",
        "change.same": "не изменилось",
        "change.from_zero": "увеличилось с 0 до {current:gen}",
        # the same phrases agreeing with "численность" (feminine)
        "internal_change.increase": "увеличилась на {percent}%",
        "internal_change.decrease": "уменьшилась на {percent}%",
        "internal_change.times_up": "увеличилась в {times}",
        "internal_change.times_down": "уменьшилась в {times}",
        "internal_change.increase_small": "увеличилась менее чем на {tenth}%",
        "internal_change.decrease_small": "уменьшилась менее чем на {tenth}%",
        "internal_change.same": "не изменилась",
        "internal_change.from_zero": "увеличилась с 0 до {current:gen}",
        # why a figure is not available (the period it concerns, and how)
        "reason.annual_only": "Данные за {span:acc} помесячно отсутствуют",
        "reason.incomplete": "Данные за {span:acc} неполные",
        "reason.missing": "Данные за {span:acc} отсутствуют",
        "reason.no_base": "В {span:prep} не было прибывших или выбывших",
        # 3. main partner group
        "partner.cis": "Основной миграционный обмен страны происходит с государствами СНГ. "
                       "Доля прибывших из стран СНГ составила {cis_arrival_share}%, "
                       "доля выбывших в эти страны — {cis_departure_share}%.",
        "partner.other": "Основной миграционный обмен страны происходит со странами вне СНГ. "
                         "Доля прибывших из этих стран составила {other_arrival_share}%, "
                         "доля выбывших в эти страны — {other_departure_share}%.",
        "partner.mixed": "Доля прибывших из {arrival_group} составила {arrival_share}%, доля выбывших в "
                         "{departure_group} — {departure_share}%.",
        "arrival_group.cis": "стран СНГ",
        "arrival_group.other": "стран вне СНГ",
        "departure_group.cis": "страны СНГ",
        "departure_group.other": "страны вне СНГ",
        "partner.unavailable": "{reason}, поэтому доли стран СНГ и других стран не приводятся.",
        # 4. internal migration
        "internal": "Численность переезжающих в пределах страны по сравнению с {previous_period} "
                    "{internal_change}.",
        "internal.unavailable": "{reason}, поэтому численность переезжающих в пределах страны с {previous_year} "
                                "годом не сравнивается.",
        "interregional.many": "По межрегиональным перемещениям положительное сальдо миграции населения сложилось "
                              "в {region_count} страны: {region_list}.",
        "interregional.none": "По межрегиональным перемещениям положительное сальдо миграции населения не "
                              "сложилось ни в одном регионе страны.",
        "interregional.unavailable": "{reason}, поэтому регионы с положительным сальдо межрегиональной миграции не "
                                     "называются.",
        "region_count": "{n} {region}",
        "region_count_case": "prep",
        "region_item": "{name} ({people})",
        # "городе Астане (…)", "городах Астане (…), Алматы (…) и Шымкенте (…)"
        "cities.one": "городе {items}",
        "cities.other": "городах {items}",
        "city_name_case": "short_prep",
        "region_name_case": "prep",
        "period_case": "prep",
    },
    sources={
        "number.thousands": s.NO_BREAK_SPACE_CHOICE,
        "number.decimal": f"{s.ZAKON_2025_H1} ('49,5%')",
        "number.minus": f"{s.ZAKON_2021_H1} ('-6200')",
        "grammar.plural": f"{s.CLDR_PLURALS} — better than the Bureau's own '11267 человека' ({s.ZAKON_2025_H1})",
        "style.period_dash": f"{s.ZAKON_2025_H1} ('в январе-июне 2025 года'); {s.TENGE_2024_FY}",
        "style.full_year_as_months": f"{s.TENGE_2024_FY} ('В январе-декабре 2024 года'); {s.LITER_2022_FY}",
        "style.times_from": f"rises: 'в два раза больше' ({s.STEPPE_2022_Q1}); falls: {s.TIMES_DOWN_CHOICE}",
        "style.text_percent_drops_zero": f"{s.ZAKON_2025_H1} ('уменьшилось на 21%'); {s.MGOROD_2022_Q1} ('86%')",
        "style.shared_change_verb": f"{s.ZAKON_2025_H1} (each change has its verb: 'уменьшилось на 21%. … "
                                    "уменьшилось на 49,5%')",
        "external": s.ZAKON_2025_H1,
        "net.positive": s.ZAKON_2025_H1,
        "net.negative": f"{s.ZAKON_2021_H1} ('Сальдо миграции составило -6200 человек'); {s.LITER_2022_FY}",
        "net.zero": s.ZERO_NET_CHOICE,
        "previous_period": f"{s.ZAKON_2025_H1}; for a full year too: {s.TENGE_2024_FY}",
        "changes": s.ZAKON_2025_H1,
        "changes.arrivals": f"{s.ZAKON_2025_H1}, one clause of it (the other figure not available)",
        "changes.departures": f"{s.ZAKON_2025_H1}, one clause of it (the other figure not available)",
        "change.increase": s.NEWS_MAIL_2025_9M, "change.decrease": s.ZAKON_2025_H1,
        "change.times_up": f"'в два раза больше' ({s.STEPPE_2022_Q1}), as a change verb of the Bureau's sentence",
        "change.times_down": s.TIMES_DOWN_CHOICE,
        "change.increase_small": s.SMALL_CHANGE_CHOICE, "change.decrease_small": s.SMALL_CHANGE_CHOICE,
        "change.same": f"{NO_SOURCE} no release had an unchanged figure; the plain 'не изменилось'",
        "change.from_zero": s.FROM_ZERO_CHOICE,
        "internal_change.increase": s.NEWS_MAIL_2025_9M,
        "internal_change.decrease": f"{s.ZAKON_2022_2M} ('уменьшилась на 12,6%')",
        "internal_change.times_up": s.STEPPE_2022_Q1, "internal_change.times_down": s.TIMES_DOWN_CHOICE,
        "internal_change.increase_small": s.SMALL_CHANGE_CHOICE,
        "internal_change.decrease_small": s.SMALL_CHANGE_CHOICE,
        "internal_change.same": f"{NO_SOURCE} no release had an unchanged figure; the plain 'не изменилась'",
        "internal_change.from_zero": s.FROM_ZERO_CHOICE,
        "partner.cis": f"{s.NEWS_MAIL_2025_9M} ; {s.KAZPRAVDA_2025_9M}",
        "partner.other": f"{s.NEWS_MAIL_2025_9M}, with the other group ('Доля прибывших из этих стран', "
                         f"{s.ZAKON_2025_H1})",
        "partner.mixed": s.MIXED_PARTNER_CHOICE,
        "arrival_group.cis": s.NEWS_MAIL_2025_9M, "arrival_group.other": s.MIXED_PARTNER_CHOICE,
        "departure_group.cis": s.NEWS_MAIL_2025_9M, "departure_group.other": s.MIXED_PARTNER_CHOICE,
        "internal": s.NEWS_MAIL_2025_9M,
        "interregional.many": f"{s.ZAKON_2022_2M} ; {s.ZHAIK_2022_H1}",
        "interregional.none": s.FEW_REGIONS_CHOICE,
        "region_count": s.ZAKON_2022_2M, "region_count_case": s.ZAKON_2022_2M, "region_item": s.ZAKON_2022_2M,
        "cities.one": s.FEW_REGIONS_CHOICE, "cities.other": s.ZAKON_2022_2M,
        "city_name_case": s.ZAKON_2022_2M, "region_name_case": s.ZAKON_2022_2M, "period_case": s.ZAKON_2025_H1,
        **{key: s.NOT_AVAILABLE_CHOICE for key in _NOT_AVAILABLE},
    },
)
