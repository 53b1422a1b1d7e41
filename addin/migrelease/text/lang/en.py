"""English key points: the content of the Bureau's published English release, in correct English, with the same
house-style rules as the Russian and Kazakh editions (a full year is "January–December 2025", whole percentages
drop ",0", "decreased 2,4 times")."""

from migrelease.model.regions import regions
from migrelease.text.lang import NO_SOURCE, HouseStyle, LanguagePack
from migrelease.text.lang import sources as s
from migrelease.text.numfmt import BUREAU

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

_NOT_AVAILABLE = ("reason.annual_only", "reason.incomplete", "reason.missing", "reason.no_base", "net.unavailable",
                  "external.unavailable", "comparison.unavailable", "comparison.unavailable.arrivals",
                  "comparison.unavailable.departures", "partner.unavailable", "internal.unavailable",
                  "interregional.unavailable")

PACK = LanguagePack(
    code="en",
    style=HouseStyle(period_dash="–", full_year_as_months=True, times_from=2.0, text_percent_drops_zero=True,
                     shared_change_verb=False),
    number_style=BUREAU,
    month_names={"plain": _MONTHS},
    period_patterns={
        # "January–March 2026", "March 2026", "2026" (a table's year column)
        "plain": {"span": "{first}{dash}{last} {year}", "month": "{first} {year}", "year": "{year}"},
    },
    nouns={
        "people": {"one": "person", "other": "people"},
        "times": {"other": "times"},
        "region": {"one": "region", "other": "regions"},
    },
    region_names={
        region.kato: {"plain": region.name_en, "short": region.short_en} for region in regions()
    },
    templates={
        # 1. arrivals, departures, net migration
        "external": "In {period} the number of arrivals in the country amounted to {arrivals}, "
                    "the number of departures from the country was {departures}.",
        "net.positive": "The net migration amounted to {net}.",
        "net.negative": "The net migration amounted to {net}.",
        "net.zero": "Arrivals equalled departures, so the net migration was zero.",
        "net.unavailable": "{reason}, so the net migration is not given.",
        "external.unavailable": "{reason}, so the numbers of arrivals and departures and the net migration are "
                                "not given.",
        # 2. change versus the same period a year earlier
        "previous_period": "the corresponding period in {previous_year}",
        "changes": "Compared to {previous_period} the number of arrivals in Kazakhstan {arrivals_change}, "
                   "the number of departures from Kazakhstan {departures_change}.",
        "changes.arrivals": "Compared to {previous_period} the number of arrivals in Kazakhstan {arrivals_change}.",
        "changes.departures": "Compared to {previous_period} the number of departures from Kazakhstan "
                              "{departures_change}.",
        "comparison.unavailable": "{reason}, so no comparison with {previous_year} is made.",
        "comparison.unavailable.arrivals": "{reason}, so the number of arrivals in Kazakhstan is not compared with "
                                           "{previous_year}.",
        "comparison.unavailable.departures": "{reason}, so the number of departures from Kazakhstan is not "
                                             "compared with {previous_year}.",
        "change.increase": "increased by {percent}%",
        "change.decrease": "decreased by {percent}%",
        "change.times_up": "increased {times}",
        "change.times_down": "decreased {times}",
        "change.increase_small": "increased by less than {tenth}%",
        "change.decrease_small": "decreased by less than {tenth}%",
        "change.same": "did not change",
        "change.from_zero": "increased from 0 to {current}",
        # why a figure is not available (the period it concerns, and how)
        "reason.annual_only": "Figures for {span} are not available by month",
        "reason.incomplete": "Figures for {span} are incomplete",
        "reason.missing": "Figures for {span} are not available",
        "reason.no_base": "There were no arrivals or no departures in {span}",
        # 3. main partner group
        "partner.cis": "The main migration exchange of the country takes place with the CIS countries. "
                       "The share of arrivals from the CIS countries was {cis_arrival_share}%, "
                       "the share of departures to these countries was {cis_departure_share}%.",
        "partner.other": "The main migration exchange of the country takes place with countries outside the CIS. "
                         "The share of arrivals from these countries was {other_arrival_share}%, "
                         "the share of departures to these countries was {other_departure_share}%.",
        "partner.mixed": "The share of arrivals from {arrival_group} was {arrival_share}%, the share of "
                         "departures to {departure_group} was {departure_share}%.",
        "arrival_group.cis": "the CIS countries",
        "arrival_group.other": "countries outside the CIS",
        "departure_group.cis": "the CIS countries",
        "departure_group.other": "countries outside the CIS",
        "partner.unavailable": "{reason}, so the shares of the CIS and other countries are not given.",
        # 4. internal migration
        "internal": "The number of people moving within the country {internal_change} compared to "
                    "{previous_period}.",
        "internal.unavailable": "{reason}, so the number of people moving within the country is not compared "
                                "with {previous_year}.",
        "interregional.many": "In terms of interregional movements, a positive net migration has developed in "
                              "{region_count} of the country: {region_list}.",
        "interregional.none": "In terms of interregional movements, no region of the country had a positive "
                              "net migration.",
        "interregional.unavailable": "{reason}, so the regions with a positive net interregional migration are "
                                     "not named.",
        "region_count": "{n} {region}",
        "region_item": "{name} ({people})",
        "cities.one": "the city of {items}",
        "cities.other": "the cities of {items}",
        "city_name_case": "short",
        "region_name_case": "plain",
        "period_case": "plain",
    },
    sources={
        "number.thousands": f"{s.SEED} ('6197 people')",
        "number.decimal": f"{s.SEED} ('25,9%')",
        "number.minus": f"{s.ZAKON_2021_H1} ('-6200'), as the Russian release writes it",
        "grammar.plural": f"{s.CLDR_PLURALS} (1 person, 2 people)",
        "style.period_dash": f"{NO_SOURCE} the published release writes 'January-March 2026' with a hyphen; "
                             "English typography joins a range with an en dash (team decision, PLAN.md)",
        "style.full_year_as_months": f"{NO_SOURCE} no English full-year release found; the Russian and Kazakh "
                                     f"editions name the year by its months ({s.TENGE_2024_FY} ; "
                                     f"{s.KAZ_ZAKON_2025_FY}), and the English edition is their translation",
        "style.times_from": f"{s.SEED} ('increased … times' from two-fold); falls mirror it: {s.TIMES_DOWN_CHOICE}",
        "style.text_percent_drops_zero": f"{s.ZAKON_2025_H1} ('на 21%'), followed in every edition",
        "style.shared_change_verb": f"{NO_SOURCE} English repeats the verb, as the published release does",
        "external": s.SEED, "net.positive": s.SEED,
        "net.negative": f"{s.ZAKON_2021_H1} ('Сальдо миграции составило -6200 человек': the sign, said once)",
        "net.zero": s.ZERO_NET_CHOICE,
        "previous_period": s.SEED, "changes": s.SEED,
        "changes.arrivals": f"{s.SEED}, one clause of it (the other figure not available)",
        "changes.departures": f"{s.SEED}, one clause of it (the other figure not available)",
        "change.increase": s.SEED, "change.decrease": s.SEED,
        "change.times_up": f"{s.SEED} ('increased … times'; the published '11,6% times' is a slip)",
        "change.times_down": s.TIMES_DOWN_CHOICE,
        "change.increase_small": s.SMALL_CHANGE_CHOICE, "change.decrease_small": s.SMALL_CHANGE_CHOICE,
        "change.same": f"{NO_SOURCE} no release had an unchanged figure; plain English",
        "change.from_zero": s.FROM_ZERO_CHOICE,
        "partner.cis": s.SEED,
        "partner.other": f"{s.SEED}, with the other group",
        "partner.mixed": s.MIXED_PARTNER_CHOICE,
        "arrival_group.cis": s.SEED, "arrival_group.other": s.MIXED_PARTNER_CHOICE,
        "departure_group.cis": s.SEED, "departure_group.other": s.MIXED_PARTNER_CHOICE,
        "internal": s.SEED, "interregional.many": s.SEED,
        "interregional.none": s.FEW_REGIONS_CHOICE,
        "region_count": s.SEED, "region_item": s.SEED, "cities.one": s.FEW_REGIONS_CHOICE, "cities.other": s.SEED,
        "city_name_case": s.SEED, "region_name_case": s.SEED, "period_case": s.SEED,
        **{key: s.NOT_AVAILABLE_CHOICE for key in _NOT_AVAILABLE},
    },
)
