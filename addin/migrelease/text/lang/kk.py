"""Kazakh key points, in the Bureau's phrasing ("Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен жүреді",
"... салыстырғанда ... 10,6%-ға артты", "халық көші-қонының оң сальдосы елдің 4 өңірінде қалыптасты: Алматы (…),
Астана (…), Шымкент (…) қалаларында және Маңғыстау облысында (…)").

Grammar is data: month names with the locative and instrumental endings (only the last month of a span takes the
ending: "2026 жылғы қаңтар-наурызда"), region names per case, "адам" (unchanged after a number) with its
accusative "адамды".
"""

from migrelease.text.numfmt import CYRILLIC
from migrelease.text.lang import LanguagePack, region_cases

_NOMINATIVE = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
               "қараша", "желтоқсан")
_LOCATIVE = ("қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда",
             "қыркүйекте", "қазанда", "қарашада", "желтоқсанда")
_INSTRUMENTAL = ("қаңтармен", "ақпанмен", "наурызбен", "сәуірмен", "мамырмен", "маусыммен", "шілдемен", "тамызбен",
                 "қыркүйекпен", "қазанмен", "қарашамен", "желтоқсанмен")

PACK = LanguagePack(
    code="kk",
    number_style=CYRILLIC,
    month_names={"nom": _NOMINATIVE, "loc": _LOCATIVE, "ins": _INSTRUMENTAL},
    period_patterns={
        # "2026 жылғы қаңтар-наурыз", "2026 жыл"
        "nom": {"span": "{year} жылғы {first}-{last}", "month": "{year} жылғы {first}", "year": "{year} жыл"},
        # "2026 жылғы қаңтар-наурызда", "2026 жылғы наурызда", "2026 жылы"
        "loc": {"span": "{year} жылғы {first_nom}-{last}", "month": "{year} жылғы {first}", "year": "{year} жылы"},
        # "2025 жылғы қаңтар-наурызбен (салыстырғанда)", "2025 жылмен"
        "ins": {"span": "{year} жылғы {first_nom}-{last}", "month": "{year} жылғы {first}",
                "year": "{year} жылмен"},
    },
    nouns={
        "people": {"other": "адам"},
        "people.acc": {"other": "адамды"},
        "times": {"other": "есе"},
        "region": {"other": "өңір"},
        "region.loc": {"other": "өңірінде"},
    },
    region_names=region_cases("kk"),
    list_separator=", ",
    list_last_separator=" және ",
    templates={
        # 1. arrivals, departures, net migration
        "arrivals_departures": "{period} елге келгендер саны {arrivals:acc}, "
                               "елден кеткендер саны {departures:acc} құрады.",
        "net.positive": "Көші-қон сальдосы {net:acc} құрады.",
        "net.negative": "Көші-қон сальдосы теріс болып, {net:acc} құрады.",
        "net.zero": "Келгендер саны кеткендер санына тең, көші-қон сальдосы нөлге тең болды.",
        "external.unavailable": "{period:nom} бойынша сыртқы көші-қон деректері жоқ.",
        # 2. change versus the same period a year earlier
        "changes": "{previous_period} салыстырғанда елге келгендер саны {arrivals_change}, "
                   "елден кеткендер саны {departures_change}.",
        "previous_period.span": "{previous:ins}",
        "previous_period.year": "{previous:ins}",
        "change.increase": "{percent}%-ға артты",
        "change.decrease": "{percent}%-ға кеміді",
        "change.times": "{times_count} артты",
        "change.same": "өзгерген жоқ",
        "change.unavailable": "бағаланбайды ({previous_year} жылғы деректер жоқ)",
        # 3. main partner group
        "partner.cis": "Елдің негізгі көші-қон алмасуы ТМД мемлекеттерімен жүреді. "
                       "ТМД елдерінен келгендердің үлесі {cis_arrival_share}%-ды, "
                       "осы елдерге кеткендердің үлесі {cis_departure_share}%-ды құрады.",
        "partner.other": "Елдің негізгі көші-қон алмасуы ТМД-дан тыс елдермен жүреді. "
                         "Осы елдерден келгендердің үлесі {other_arrival_share}%-ды, "
                         "осы елдерге кеткендердің үлесі {other_departure_share}%-ды құрады.",
        "partner.mixed": "{arrival_partner}, ал {departure_partner}.",
        "arrival_partner.cis": "Келгендердің басым бөлігі ТМД елдерінен келді ({cis_arrival_share}%)",
        "arrival_partner.other": "Келгендердің басым бөлігі ТМД-дан тыс елдерден келді ({other_arrival_share}%)",
        "arrival_partner.equal": "Келгендер ТМД елдері мен басқа елдерден тең бөлінді "
                                 "(әрқайсысы {cis_arrival_share}%)",
        "departure_partner.cis": "кеткендердің басым бөлігі ТМД елдеріне кетті ({cis_departure_share}%)",
        "departure_partner.other": "кеткендердің басым бөлігі ТМД-дан тыс елдерге кетті ({other_departure_share}%)",
        "departure_partner.equal": "кеткендер ТМД елдері мен басқа елдерге тең бөлінді "
                                   "(әрқайсысы {cis_departure_share}%)",
        "partner.unavailable": "{period:nom} бойынша ТМД елдері мен басқа елдердің үлесі туралы деректер жоқ.",
        # 4. internal migration
        "internal": "Ел ішінде қоныс аударушылар саны {previous_period} салыстырғанда {internal_change}.",
        "internal.unavailable": "{period:nom} бойынша ел ішінде қоныс аударушылар саны туралы деректер жоқ.",
        "interregional.many": "Өңіраралық қоныс аударулар бойынша халық көші-қонының оң сальдосы елдің "
                              "{region_count} қалыптасты: {region_list}.",
        "interregional.none": "Өңіраралық қоныс аударулар бойынша халық көші-қонының оң сальдосы елдің бірде-бір "
                              "өңірінде қалыптаспады.",
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
        "not_available": "деректер жоқ",
    },
)
