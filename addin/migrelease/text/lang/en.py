"""English key points: the content of the published release, in correct English."""

from migrelease.text.numfmt import BUREAU
from migrelease.model.regions import regions
from migrelease.text.lang import LanguagePack

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")

PACK = LanguagePack(
    code="en",
    number_style=BUREAU,
    month_names={"plain": _MONTHS},
    period_patterns={
        # "January–March 2026", "March 2026", "2026"
        "plain": {"span": "{first}–{last} {year}", "month": "{first} {year}", "year": "{year}"},
    },
    nouns={
        "people": {"one": "person", "other": "people"},
        "region": {"one": "region", "other": "regions"},
    },
    region_names={
        region.kato: {"plain": region.name_en, "short": region.short_en} for region in regions()
    },
    templates={
        # 1. arrivals, departures, net migration
        "arrivals_departures": "In {period} the number of arrivals in the country amounted to {arrivals}, "
                               "the number of departures from the country was {departures}.",
        "net.positive": "The net migration amounted to {net}.",
        "net.negative": "The net migration was negative: departures exceeded arrivals by {net_abs}.",
        "net.zero": "Arrivals equalled departures, so the net migration was zero.",
        "external.unavailable": "The figures of external migration for {period} are not available.",
        # 2. change versus the same period a year earlier
        "changes": "Compared to {previous_period} the number of arrivals in Kazakhstan {arrivals_change}, "
                   "the number of departures from Kazakhstan {departures_change}.",
        "previous_period.span": "the corresponding period in {previous_year}",
        "previous_period.year": "{previous_year}",
        "change.increase": "increased by {percent}%",
        "change.decrease": "decreased by {percent}%",
        "change.times": "increased {times} times",
        "change.same": "did not change",
        "change.unavailable": "cannot be compared (the figure for {previous_year} is not available)",
        # 3. main partner group
        "partner.cis": "The main migration exchange of the country takes place with the CIS countries. "
                       "The share of arrivals from the CIS countries was {cis_arrival_share}%, "
                       "the share of departures to these countries was {cis_departure_share}%.",
        "partner.other": "The main migration exchange of the country takes place with countries outside the CIS. "
                         "The share of arrivals from these countries was {other_arrival_share}%, "
                         "the share of departures to these countries was {other_departure_share}%.",
        "partner.mixed": "{arrival_partner}, while {departure_partner}.",
        "arrival_partner.cis": "Most arrivals came from the CIS countries ({cis_arrival_share}%)",
        "arrival_partner.other": "Most arrivals came from countries outside the CIS ({other_arrival_share}%)",
        "arrival_partner.equal": "Arrivals came equally from the CIS and other countries ({cis_arrival_share}% each)",
        "departure_partner.cis": "most departures went to the CIS countries ({cis_departure_share}%)",
        "departure_partner.other": "most departures went to countries outside the CIS ({other_departure_share}%)",
        "departure_partner.equal": "departures went equally to the CIS and other countries "
                                   "({cis_departure_share}% each)",
        "partner.unavailable": "The shares of the CIS and other countries for {period} are not available.",
        # 4. internal migration
        "internal": "The number of people moving within the country {internal_change} compared to "
                    "{previous_period}.",
        "internal.unavailable": "The number of people moving within the country for {period} is not available.",
        "interregional.many": "In terms of interregional movements, a positive net migration has developed in "
                              "{region_count} of the country: {region_list}.",
        "interregional.none": "In terms of interregional movements, no region of the country had a positive "
                              "net migration.",
        "region_count": "{n} {region}",
        "region_item": "{name} ({people})",
        "cities.one": "the city of {items}",
        "cities.other": "the cities of {items}",
        "city_name_case": "short",
        "region_name_case": "plain",
        "period_case": "plain",
        "not_available": "not available",
    },
)
