"""Kazakh key points, in the Bureau's current phrasing ("2025 жылғы қаңтар-желтоқсанда елге келгендер саны … адамды
құрады", "2024 жылғы тиісті кезеңмен салыстырғанда Қазақстанға келгендер саны 20,7%-ға, Қазақстаннан кеткендер
саны 40,5%-ға азайды", "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді", "Өңіраралық көші-қон
бойынша еліміздің 4 өңірінде: Алматы (…), Астана (…) қалаларында және Алматы облысында (…) халық көші-қонының оң
сальдосы қалыптасты").

Grammar is data: month names with the locative ending (only the last month of a span takes it: "2026 жылғы
қаңтар-наурызда"), region names per case, "адам" (unchanged after a number) with its accusative "адамды" and
dative "адамға"; two changes the same way share one verb, as the Bureau writes them.
"""

from migrelease.text.lang import NO_SOURCE, HouseStyle, LanguagePack, region_cases
from migrelease.text.lang import sources as s
from migrelease.text.numfmt import CYRILLIC

_NOMINATIVE = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
               "қараша", "желтоқсан")
_LOCATIVE = ("қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда",
             "қыркүйекте", "қазанда", "қарашада", "желтоқсанда")

_NOT_AVAILABLE = ("reason.annual_only", "reason.incomplete", "reason.missing", "reason.no_base", "net.unavailable",
                  "external.unavailable", "comparison.unavailable", "comparison.unavailable.arrivals",
                  "comparison.unavailable.departures", "partner.unavailable", "internal.unavailable",
                  "interregional.unavailable")

PACK = LanguagePack(
    code="kk",
    style=HouseStyle(period_dash="-", full_year_as_months=True, times_from=2.0, text_percent_drops_zero=True,
                     shared_change_verb=True),
    number_style=CYRILLIC,
    month_names={"nom": _NOMINATIVE, "loc": _LOCATIVE},
    period_patterns={
        # "2026 жылғы қаңтар-наурыз", "2026 жылғы наурыз"; a table's year column "2026 жыл"
        "nom": {"span": "{year} жылғы {first}{dash}{last}", "month": "{year} жылғы {first}", "year": "{year} жыл"},
        # "2026 жылғы қаңтар-наурызда", "2025 жылғы қаңтар-желтоқсанда", "2026 жылғы наурызда"
        "loc": {"span": "{year} жылғы {first_nom}{dash}{last}", "month": "{year} жылғы {first}",
                "year": "{year} жылы"},
    },
    nouns={
        "people": {"other": "адам"},
        "people.acc": {"other": "адамды"},
        "people.dat": {"other": "адамға"},
        "times": {"other": "есе"},
        "region": {"other": "өңір"},
        "region.loc": {"other": "өңірінде"},
    },
    region_names=region_cases("kk"),
    list_separator=", ",
    list_last_separator=" және ",
    templates={
        # 1. arrivals, departures, net migration
        "external": "{period} елге келгендер саны {arrivals:acc}, елден кеткендер саны {departures:acc} құрады.",
        "net.positive": "Көші-қон сальдосы {net:acc} құрады.",
        "net.negative": "Көші-қон сальдосы {net:acc} құрады.",
        "net.zero": "Келгендер саны кеткендер санына тең, көші-қон сальдосы нөлге тең болды.",
        "net.unavailable": "{reason}, сондықтан көші-қон сальдосы келтірілмейді.",
        "external.unavailable": "{reason}, сондықтан елге келгендер мен елден кеткендер саны және көші-қон "
                                "сальдосы келтірілмейді.",
        # 2. change versus the same period a year earlier
        "previous_period": "{previous_year} жылғы тиісті кезеңмен",
        "changes": "{previous_period} салыстырғанда Қазақстанға келгендер саны {arrivals_change}, Қазақстаннан "
                   "кеткендер саны {departures_change}.",
        "changes.contrast": "{previous_period} салыстырғанда Қазақстанға келгендер саны {arrivals_change}, ал "
                            "Қазақстаннан кеткендер саны {departures_change}.",
        "changes.shared": "{previous_period} салыстырғанда Қазақстанға келгендер саны {arrivals_amount}, "
                          "Қазақстаннан кеткендер саны {departures_amount} {verb}.",
        "changes.arrivals": "{previous_period} салыстырғанда Қазақстанға келгендер саны {arrivals_change}.",
        "changes.departures": "{previous_period} салыстырғанда Қазақстаннан кеткендер саны {departures_change}.",
        "comparison.unavailable": "{reason}, сондықтан {previous_year} жылмен салыстыру жүргізілмейді.",
        "comparison.unavailable.arrivals": "{reason}, сондықтан Қазақстанға келгендер саны {previous_year} "
                                           "жылмен салыстырылмайды.",
        "comparison.unavailable.departures": "{reason}, сондықтан Қазақстаннан кеткендер саны {previous_year} "
                                             "жылмен салыстырылмайды.",
        "change.increase": "{percent}%-ға өсті",
        "change.decrease": "{percent}%-ға азайды",
        "change.times_up": "{times} өсті",
        "change.times_down": "{times} азайды",
        "change.increase_small": "{tenth}%-дан аз өсті",
        "change.decrease_small": "{tenth}%-дан аз азайды",
        "change.same": "өзгеріссіз қалды",
        "change.from_zero": "0-ден {current:dat} дейін өсті",
        # a change split into its amount and its verb, for two changes sharing one verb
        "change_amount.increase": "{percent}%-ға",
        "change_amount.decrease": "{percent}%-ға",
        "change_amount.times_up": "{times}",
        "change_amount.times_down": "{times}",
        "change_verb.increase": "өсті",
        "change_verb.decrease": "азайды",
        "change_verb.times_up": "өсті",
        "change_verb.times_down": "азайды",
        # why a figure is not available (the period it concerns, and how)
        "reason.annual_only": "{span:nom} бойынша айлық деректер жоқ",
        "reason.incomplete": "{span:nom} бойынша деректер толық емес",
        "reason.missing": "{span:nom} бойынша деректер жоқ",
        "reason.no_base": "{span:loc} елге келгендер немесе елден кеткендер болған жоқ",
        # 3. main partner group
        "partner.cis": "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен арада жүреді. "
                       "ТМД елдерінен келгендердің үлесі {cis_arrival_share}%, "
                       "ал бұл елдерге кеткендердің үлесі {cis_departure_share}% құрады.",
        "partner.other": "Елдің негізгі көші-қон алмасуы ТМД-дан тыс елдермен арада жүреді. "
                         "Бұл елдерден келгендердің үлесі {other_arrival_share}%, "
                         "ал бұл елдерге кеткендердің үлесі {other_departure_share}% құрады.",
        "partner.mixed": "{arrival_group} келгендердің үлесі {arrival_share}%, ал {departure_group} кеткендердің "
                         "үлесі {departure_share}% құрады.",
        "arrival_group.cis": "ТМД елдерінен",
        "arrival_group.other": "ТМД-дан тыс елдерден",
        "departure_group.cis": "ТМД елдеріне",
        "departure_group.other": "ТМД-дан тыс елдерге",
        "partner.unavailable": "{reason}, сондықтан ТМД елдері мен басқа елдердің үлесі келтірілмейді.",
        # 4. internal migration
        "internal": "{previous_period} салыстырғанда ел ішінде көшіп келушілер саны {internal_change}.",
        "internal.unavailable": "{reason}, сондықтан ел ішінде көшіп келушілер саны {previous_year} жылмен "
                                "салыстырылмайды.",
        "interregional.many": "Өңіраралық көші-қон бойынша еліміздің {region_count}: {region_list} халық "
                              "көші-қонының оң сальдосы қалыптасты.",
        "interregional.none": "Өңіраралық көші-қон бойынша халық көші-қонының оң сальдосы еліміздің бірде-бір "
                              "өңірінде қалыптаспады.",
        "interregional.unavailable": "{reason}, сондықтан халық көші-қонының оң сальдосы қалыптасқан өңірлер "
                                     "аталмайды.",
        "region_count": "{n} {region}",
        "region_count_case": "loc",
        "region_item": "{name} ({people})",
        # "Астана қаласында (…)", "Астана (…), Алматы (…), Шымкент (…) қалаларында"
        "cities.one": "{items}",
        "cities.other": "{items} қалаларында",
        "city_name_case.one": "loc",
        "city_name_case.other": "short",
        "region_name_case": "loc",
        "period_case": "loc",
    },
    sources={
        "number.thousands": s.NO_BREAK_SPACE_CHOICE,
        "number.decimal": f"{s.KAZ_ZAKON_2025_FY} ('20,7%-ға')",
        "number.minus": f"{s.ZAKON_2021_H1} ('-6200' of the Russian release; the Kazakh reprints lose the sign)",
        "grammar.plural": f"{s.CLDR_PLURALS} (Kazakh nouns do not change after a number: '1 адам', '5 адам')",
        "style.period_dash": f"{s.KAZ_ZAKON_2025_FY} ('2025 жылғы қаңтар-желтоқсанда'); {s.ERNUR_2021_7M}",
        "style.full_year_as_months": s.KAZ_ZAKON_2025_FY,
        "style.times_from": f"rises: '2,2 есе' ({s.GLOBALNEWS_TIMES}); falls: {s.TIMES_DOWN_CHOICE}",
        "style.text_percent_drops_zero": f"{s.EGEMEN_2023_Q1} ('87% өсті', 'үлесі – 90%')",
        "style.shared_change_verb": f"{s.KAZ_ZAKON_2025_FY} ('… келгендер саны 20,7%-ға, … кеткендер саны "
                                    "40,5%-ға азайды')",
        "external": s.KAZ_ZAKON_2025_FY,
        "net.positive": f"{s.KAZ_ZAKON_2025_FY} (which words it 'Көші-қон айырымы'; 'Көші-қон сальдосы' is the "
                        f"term of {s.EGEMEN_2023_Q1} and of the interregional sentence)",
        "net.negative": f"{NO_SOURCE} the Kazakh reprints drop the sign ('көші-қон сальдосы 5057 адамды құрады' "
                        f"for -5057, {s.EL_KZ_2022_H1}); the Russian release's '-6200' ({s.ZAKON_2021_H1}) is "
                        "mirrored so the sign is never lost",
        "net.zero": s.ZERO_NET_CHOICE,
        "previous_period": f"{s.KAZ_ZAKON_2025_FY} ; {s.EGEMEN_2023_Q1} (the 2021 form '2020 жылғы "
                           f"қаңтар-шілдемен', {s.ERNUR_2021_7M}, is superseded)",
        "changes": f"{s.KAZ_ZAKON_2025_FY}, each change with its own verb",
        "changes.contrast": f"{s.EGEMEN_2023_Q1} ('… 87% өсті, ал … 49,6% азайды')",
        "changes.shared": s.KAZ_ZAKON_2025_FY,
        "changes.arrivals": f"{s.KAZ_ZAKON_2025_FY}, one clause of it (the other figure not available)",
        "changes.departures": f"{s.KAZ_ZAKON_2025_FY}, one clause of it (the other figure not available)",
        "change.increase": f"{s.EGEMEN_2023_Q1} ('өсті'); '%-ға' as {s.KAZ_ZAKON_2025_FY}",
        "change.decrease": s.KAZ_ZAKON_2025_FY,
        "change.times_up": s.GLOBALNEWS_TIMES,
        "change.times_down": s.TIMES_DOWN_CHOICE,
        "change.increase_small": s.SMALL_CHANGE_CHOICE, "change.decrease_small": s.SMALL_CHANGE_CHOICE,
        "change.same": f"'өзгеріссіз қалды' in official economic text ({s.EGEMEN_UNCHANGED}); 'өзгерген жоқ' is "
                       "conversational (issue 19)",
        "change.from_zero": s.FROM_ZERO_CHOICE,
        "change_amount.increase": s.KAZ_ZAKON_2025_FY, "change_amount.decrease": s.KAZ_ZAKON_2025_FY,
        "change_amount.times_up": s.GLOBALNEWS_TIMES, "change_amount.times_down": s.TIMES_DOWN_CHOICE,
        "change_verb.increase": s.EGEMEN_2023_Q1, "change_verb.decrease": s.KAZ_ZAKON_2025_FY,
        "change_verb.times_up": s.EGEMEN_2023_Q1, "change_verb.times_down": s.TIMES_DOWN_CHOICE,
        "partner.cis": f"{s.KAZ_ZAKON_2025_FY} ; {s.KZ24_2024_H1}",
        "partner.other": f"{s.KAZ_ZAKON_2025_FY}, with the other group",
        "partner.mixed": s.MIXED_PARTNER_CHOICE,
        "arrival_group.cis": s.KAZ_ZAKON_2025_FY, "arrival_group.other": s.MIXED_PARTNER_CHOICE,
        "departure_group.cis": s.KAZ_ZAKON_2025_FY, "departure_group.other": s.MIXED_PARTNER_CHOICE,
        "internal": f"{s.KAZ_ZAKON_2025_FY} ('2024 жылымен тиісті кезеңмен салыстырғанда ел ішінде көшіп "
                    f"келушілер саны 13,6% өсті' — its slip 'жылымен' not copied); {s.EGEMEN_2023_Q1}",
        "interregional.many": f"{s.EGEMEN_2023_Q1} ; {s.KAZ_ZAKON_2025_FY}",
        "interregional.none": s.FEW_REGIONS_CHOICE,
        "region_count": s.EGEMEN_2023_Q1, "region_count_case": s.EGEMEN_2023_Q1, "region_item": s.EGEMEN_2023_Q1,
        "cities.one": s.FEW_REGIONS_CHOICE, "cities.other": s.EGEMEN_2023_Q1,
        "city_name_case.one": s.FEW_REGIONS_CHOICE, "city_name_case.other": s.EGEMEN_2023_Q1,
        "region_name_case": s.EGEMEN_2023_Q1, "period_case": s.KAZ_ZAKON_2025_FY,
        **{key: s.NOT_AVAILABLE_CHOICE for key in _NOT_AVAILABLE},
    },
)
