"""Key points of the release: the figures they quote (taken from the tables) and the drafted sentences.

Which sentence is said (increase or decrease, CIS or other countries, how many regions) is decided here, once
for every language; how it is said is the language pack's data (templates, plural forms, case forms).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from babel import Locale

from migrelease.model.cube import MigrationCube
from migrelease.text.lang import LanguagePack, language_pack
from migrelease.model.measures import change, share, times
from migrelease.text.numfmt import STYLES, NumberStyle
from migrelease.model.periods import Span
from migrelease.model.regions import Region, regions
from migrelease.model.tables import TableFrame, table_code

COUNTRY_ROW = 0


@dataclass(frozen=True)
class KeyFigures:
    """Every figure the key points quote; NaN = not available. Counts are the country's unless said otherwise."""
    current: Span
    previous: Span
    arrivals: float  # external migration
    departures: float
    net: float
    arrivals_previous: float
    departures_previous: float
    arrivals_change: float  # % versus the same period a year earlier
    departures_change: float
    arrivals_times: float  # current / previous, for "increased N times"
    departures_times: float
    cis_arrivals: float
    cis_departures: float
    other_arrivals: float
    other_departures: float
    cis_arrival_share: float  # % of external arrivals
    cis_departure_share: float
    other_arrival_share: float
    other_departure_share: float
    internal_moves: float  # internal arrivals of the country: every move within the country once
    internal_moves_previous: float
    internal_change: float
    internal_times: float
    positive_interregional: tuple[tuple[Region, float], ...]  # regions with positive interregional net, table order


def _cell(tables: dict[str, TableFrame], flow_group: str, measure: str, span: Span, row: int = COUNTRY_ROW
          ) -> float:
    """The annual table's figure of `flow_group` and `measure` for `span` (NaN where the table has no column)."""
    table = tables[table_code("annual", flow_group, measure)]
    if span not in table.columns:
        return math.nan
    return float(table.values[row, table.columns.index(span)])


def key_figures(tables: dict[str, TableFrame], cube: MigrationCube, year: int, month: int) -> KeyFigures:
    """The quoted figures, read from the dynamic tables' cells so the text always equals the tables."""
    current = Span(year, 1, month)
    previous = current.same_period_a_year_earlier()

    def country(flow_group: str, measure: str, span: Span = current) -> float:
        return _cell(tables, flow_group, measure, span)

    arrivals, departures = country("external", "arrival"), country("external", "departure")
    arrivals_prev, departures_prev = country("external", "arrival", previous), country("external", "departure", previous)
    cis_arrivals, cis_departures = country("cis", "arrival"), country("cis", "departure")
    other_arrivals, other_departures = country("other", "arrival"), country("other", "departure")
    internal, internal_prev = country("internal", "arrival"), country("internal", "arrival", previous)
    interregional_net = cube.figures(current, "interregional", "balance")[1:]
    positive = tuple((region, float(value)) for region, value in zip(regions(), interregional_net)
                     if not np.isnan(value) and value > 0)
    return KeyFigures(
        current=current, previous=previous,
        arrivals=arrivals, departures=departures, net=country("external", "balance"),
        arrivals_previous=arrivals_prev, departures_previous=departures_prev,
        arrivals_change=change(arrivals, arrivals_prev), departures_change=change(departures, departures_prev),
        arrivals_times=times(arrivals, arrivals_prev), departures_times=times(departures, departures_prev),
        cis_arrivals=cis_arrivals, cis_departures=cis_departures,
        other_arrivals=other_arrivals, other_departures=other_departures,
        cis_arrival_share=share(cis_arrivals, arrivals), cis_departure_share=share(cis_departures, departures),
        other_arrival_share=share(other_arrivals, arrivals),
        other_departure_share=share(other_departures, departures),
        internal_moves=internal, internal_moves_previous=internal_prev,
        internal_change=change(internal, internal_prev), internal_times=times(internal, internal_prev),
        positive_interregional=positive,
    )


# --- how figures become words ----------------------------------------------------------------------------

def _available(*values: float) -> bool:
    return all(not math.isnan(value) for value in values)


def change_kind(percent: float) -> str:
    """increase / decrease / times (from two-fold up) / same / unavailable."""
    if math.isnan(percent):
        return "unavailable"
    if percent >= 100.0:
        return "times"
    if percent > 0:
        return "increase"
    return "decrease" if percent < 0 else "same"


def partner_kind(cis_share: float) -> str:
    if cis_share > 50.0:
        return "cis"
    return "other" if cis_share < 50.0 else "equal"


class _Slot:
    """A slot whose grammatical case the template chooses with a format spec.

    "{period}" renders in the default case, "{period:acc}" in the accusative, "{arrivals:acc}" puts the counted
    noun in the accusative (the pack's noun "people.acc"): the case is the template's data, not code.
    """

    def __init__(self, render):
        self._render = render

    def __format__(self, case: str) -> str:
        return self._render(case or None)

    def __str__(self) -> str:
        return self._render(None)


class _Writer:
    """Renders slots for one language pack and one number style."""

    def __init__(self, pack: LanguagePack, style: NumberStyle):
        self.pack, self.style = pack, style
        self.locale = Locale.parse(pack.code)

    def template(self, key: str) -> str:
        return self.pack.templates[key]

    def noun(self, noun: str, count: float, case: str | None = None) -> str:
        forms = self.pack.nouns[f"{noun}.{case}" if case else noun]
        category = self.locale.plural_form(abs(count) if not float(count).is_integer() else int(abs(count)))
        return forms.get(category, forms["other"])

    def count(self, value: float, noun: str = "people", case: str | None = None) -> str:
        number = self.style.integer(value) if float(value).is_integer() else self.style.decimal1(value)
        return f"{number} {self.noun(noun, value, case)}"

    def count_slot(self, value: float, noun: str = "people") -> _Slot:
        return _Slot(lambda case: self.count(value, noun, case))

    def period_slot(self, span: Span) -> _Slot:
        return _Slot(lambda case: self.period(span, case))

    def period(self, span: Span, case: str | None = None) -> str:
        case = case or self.template("period_case")
        names = self.pack.month_names[case]
        patterns = self.pack.period_patterns[case]
        kind = "year" if span.is_full_year else "month" if span.is_single_month else "span"
        # {first}/{last} are in the pattern's case; {first_<case>}/{last_<case>} in any case of the pack, for
        # languages that decline only the last month of a span ("қаңтар-наурызда").
        other_cases = {f"{end}_{other}": forms[month - 1] for other, forms in self.pack.month_names.items()
                       for end, month in (("first", span.first_month), ("last", span.last_month))}
        return patterns[kind].format(first=names[span.first_month - 1], last=names[span.last_month - 1],
                                     year=span.year, **other_cases)

    def change(self, percent: float, ratio: float, previous: Span, key: str = "change") -> str:
        """The change phrase; `key` names a template family ("internal_change") that falls back to "change"."""
        kind = change_kind(percent)
        template = self.pack.templates.get(f"{key}.{kind}") or self.template(f"change.{kind}")
        return template.format(
            percent=self.style.decimal1(abs(percent)) if kind in ("increase", "decrease") else "",
            times=self.style.compact(ratio) if kind == "times" else "",
            times_count=self.count_slot(ratio, "times") if kind == "times" else "",
            previous_year=previous.year)

    def previous_period(self, previous: Span) -> str:
        kind = "year" if previous.is_full_year else "span"
        return self.template(f"previous_period.{kind}").format(previous_year=previous.year,
                                                               previous=self.period_slot(previous))

    def region_name(self, region: Region, case_key: str) -> str:
        return self.pack.region_names[region.kato][self.template(case_key)]

    def case_key(self, key: str, count: int) -> str:
        """`key.one` / `key.other` when the pack distinguishes one item from several, else `key`."""
        specific = f"{key}.{'one' if count == 1 else 'other'}"
        return specific if specific in self.pack.templates else key

    def listing(self, items: list[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return self.pack.list_separator.join(items[:-1]) + self.pack.list_last_separator + items[-1]

    def region_list(self, entries: tuple[tuple[Region, float], ...]) -> str:
        item = self.template("region_item")
        city_count = sum(1 for region, _ in entries if region.is_city)
        city_case = self.case_key("city_name_case", city_count)
        cities = [item.format(name=self.region_name(region, city_case), people=self.count_slot(value))
                  for region, value in entries if region.is_city]
        others = [item.format(name=self.region_name(region, "region_name_case"), people=self.count_slot(value))
                  for region, value in entries if not region.is_city]
        if cities:
            # The city group's lead-in ("the cities of") precedes the first city only, as the release writes it.
            group = self.template("cities.one" if len(cities) == 1 else "cities.other")
            lead, _, tail = group.partition("{items}")
            cities[0] = lead + cities[0]
            cities[-1] = cities[-1] + tail
        return self.listing(cities + others)

    def region_count(self, count: int) -> str:
        """The number of regions ("4 regions", "четырех регионах"): the numeral, spelled out where the pack has
        words, and the noun in the case the template "region_count_case" names (if none: numerals of the period's
        case, the noun's plain forms)."""
        case = self.pack.templates.get("region_count_case")
        number = self.pack.numerals.get(case or self.template("period_case"), {}).get(count, str(count))
        return self.template("region_count").format(n=number, region=self.noun("region", count, case))


def draft_key_points(figures: KeyFigures, lang: str = "en", style: str | None = None) -> list[str]:
    """The four key points as paragraphs, in `lang`, numbers in `style` (default: the language's)."""
    pack = language_pack(lang)
    writer = _Writer(pack, STYLES[style] if style else pack.number_style)
    f = figures
    period = writer.period_slot(f.current)
    previous_period = writer.previous_period(f.previous)

    if _available(f.arrivals, f.departures, f.net):
        net_kind = "positive" if f.net > 0 else "negative" if f.net < 0 else "zero"
        first = " ".join([
            writer.template("arrivals_departures").format(period=period, arrivals=writer.count_slot(f.arrivals),
                                                           departures=writer.count_slot(f.departures)),
            writer.template(f"net.{net_kind}").format(net=writer.count_slot(f.net),
                                                      net_abs=writer.count_slot(abs(f.net))),
        ])
    else:
        first = writer.template("external.unavailable").format(period=period)

    second = writer.template("changes").format(
        previous_period=previous_period,
        arrivals_change=writer.change(f.arrivals_change, f.arrivals_times, f.previous),
        departures_change=writer.change(f.departures_change, f.departures_times, f.previous))

    shares = dict(
        cis_arrival_share=f.cis_arrival_share, cis_departure_share=f.cis_departure_share,
        other_arrival_share=f.other_arrival_share, other_departure_share=f.other_departure_share)
    if _available(*shares.values()):
        words = {key: writer.style.decimal1(value) for key, value in shares.items()}
        arrival_side, departure_side = partner_kind(f.cis_arrival_share), partner_kind(f.cis_departure_share)
        if arrival_side == departure_side and arrival_side != "equal":
            third = writer.template(f"partner.{arrival_side}").format(**words)
        else:
            third = writer.template("partner.mixed").format(
                arrival_partner=writer.template(f"arrival_partner.{arrival_side}").format(**words),
                departure_partner=writer.template(f"departure_partner.{departure_side}").format(**words))
    else:
        third = writer.template("partner.unavailable").format(period=period)

    if _available(f.internal_moves):
        internal = writer.template("internal").format(
            internal_change=writer.change(f.internal_change, f.internal_times, f.previous, "internal_change"),
            previous_period=previous_period)
    else:
        internal = writer.template("internal.unavailable").format(period=period)
    if f.positive_interregional:
        regions_sentence = writer.template("interregional.many").format(
            region_count=writer.region_count(len(f.positive_interregional)),
            region_list=writer.region_list(f.positive_interregional))
    else:
        regions_sentence = writer.template("interregional.none")
    fourth = f"{internal} {regions_sentence}"
    return [first, second, third, fourth]
