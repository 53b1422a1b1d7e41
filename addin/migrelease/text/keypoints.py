"""Key points of the release: the figures they quote (taken from the tables) and the drafted sentences.

Which sentence is said (increase or decrease, N times, CIS or other countries, how many regions, or that a figure
is not available and why) is decided here, once for every language, as a plan of `Sentence`s (a template key and
typed slots); how it is said is the language pack's data (templates, plural forms, case forms, house-style rules).

A sentence is said only when every figure it needs is known; otherwise a "not available" sentence takes its place
and names the period whose figures are missing and how (not available by month, incomplete, not available), so no
sentence ever states a figure the data cannot support.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from babel import Locale

from migrelease.model.cube import MigrationCube
from migrelease.model.measures import change, share, times
from migrelease.model.periods import Span
from migrelease.model.regions import Region, regions
from migrelease.model.tables import TableFrame, table_code
from migrelease.text.lang import HouseStyle, LanguagePack, language_pack
from migrelease.text.numfmt import STYLES, NumberStyle

COUNTRY_ROW = 0
# How far the data covers a period: every figure known; some month or some region's rows missing; the year has
# only its annual rows (so a part of it cannot be known); nothing at all.
COVERAGES = ("complete", "incomplete", "annual_only", "missing")


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
    # Regions with a positive interregional net, table order; None when any region's net is not available (then
    # neither the count nor the list can be known).
    positive_interregional: tuple[tuple[Region, float], ...] | None
    arrivals_times_down: float = math.nan  # previous / current, for "decreased N times"
    departures_times_down: float = math.nan
    internal_times_down: float = math.nan
    current_coverage: str = "complete"  # one of COVERAGES
    previous_coverage: str = "complete"


def _cell(tables: dict[str, TableFrame], flow_group: str, measure: str, span: Span, row: int = COUNTRY_ROW
          ) -> float:
    """The annual table's figure of `flow_group` and `measure` for `span` (NaN where the table has no column)."""
    table = tables[table_code("annual", flow_group, measure)]
    if span not in table.columns:
        return math.nan
    return float(table.values[row, table.columns.index(span)])


def _known(*values: float) -> bool:
    return all(not math.isnan(value) for value in values)


def span_coverage(cube: MigrationCube, span: Span, figures: list[float]) -> str:
    """How far the data covers `span`, judged on the `figures` the text needs from it (one of COVERAGES)."""
    if _known(*figures):
        return "complete"
    has_annual_rows = span.year in cube.annual_grid()[0]
    months_present = sum(cube.has_month(span.year, month) for month in span.months)
    if span.is_full_year and has_annual_rows:
        return "incomplete"
    if months_present == 0:
        return "annual_only" if has_annual_rows else "missing"
    return "incomplete"


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
    interregional_net = [float(value) for value in cube.figures(current, "interregional", "balance")[1:]]
    positive = None if not _known(*interregional_net) else tuple(
        (region, value) for region, value in zip(regions(), interregional_net) if value > 0)
    current_needs = [arrivals, departures, cis_arrivals, cis_departures, other_arrivals, other_departures, internal,
                     *interregional_net]
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
        arrivals_times_down=times(arrivals_prev, arrivals), departures_times_down=times(departures_prev, departures),
        internal_times_down=times(internal_prev, internal),
        current_coverage=span_coverage(cube, current, current_needs),
        previous_coverage=span_coverage(cube, previous, [arrivals_prev, departures_prev, internal_prev]),
    )


# --- which sentence is said (once for every language) ------------------------------------------------------

@dataclass(frozen=True)
class Count:
    """A number of people (or of times, regions): rendered with the noun agreeing with it."""
    value: float
    noun: str = "people"


@dataclass(frozen=True)
class Percent:
    value: float


@dataclass(frozen=True)
class Period:
    span: Span


@dataclass(frozen=True)
class Fragment:
    """A phrase that is itself a template of the pack (a change, a reason, a partner group)."""
    key: str
    slots: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RegionCount:
    count: int


@dataclass(frozen=True)
class RegionList:
    entries: tuple[tuple[Region, float], ...]


@dataclass(frozen=True)
class Sentence:
    key: str  # the template key in the language pack
    slots: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Comparison:
    """One figure against the same period a year earlier, with the measures derived from the two."""
    current: float
    previous: float
    percent: float
    times_up: float
    times_down: float


# Kinds of change that carry an amount (a percentage or a number of times) before their verb.
AMOUNT_KINDS = ("increase", "decrease", "times_up", "times_down")
UPWARD_KINDS = ("increase", "times_up", "increase_small", "from_zero")
DOWNWARD_KINDS = ("decrease", "times_down", "decrease_small")
UNAVAILABLE = "unavailable"


def change_kind(comparison: Comparison, times_from: float) -> str:
    """increase / decrease (by a percentage), times_up / times_down (from `times_from`-fold), increase_small /
    decrease_small (less than 0.1 %), same, from_zero (the year before had none), or unavailable."""
    c = comparison
    if not _known(c.current, c.previous):
        return UNAVAILABLE
    if c.previous == 0:
        return "same" if c.current == 0 else "from_zero"
    if not _known(c.percent):
        return UNAVAILABLE
    if c.percent >= (times_from - 1.0) * 100.0:
        return "times_up" if _known(c.times_up) else UNAVAILABLE
    if c.current > 0 and c.percent <= (1.0 / times_from - 1.0) * 100.0:
        return "times_down" if _known(c.times_down) else UNAVAILABLE
    if c.percent != 0:
        return "increase" if c.percent > 0 else "decrease"
    if c.current == c.previous:
        return "same"
    return "increase_small" if c.current > c.previous else "decrease_small"


def partner_side(cis_share: float) -> str | None:
    """Which group most migrants of one direction belong to: cis, other, equal (50 %), None if not known."""
    if math.isnan(cis_share):
        return None
    if cis_share > 50.0:
        return "cis"
    return "other" if cis_share < 50.0 else "equal"


def _reason(coverage: str, span: Span) -> Fragment:
    """Why a figure of `span` is not known: the coverage, or plainly "not available" (e.g. a zero base)."""
    return Fragment(f"reason.{coverage if coverage != 'complete' else 'missing'}", {"span": Period(span)})


def _reason_for(current_value: float, figures: KeyFigures) -> Fragment:
    """The reason a comparison cannot be made: the current period's gap if its figure is unknown, else the
    previous period's — so the text names the period that is actually missing."""
    if not _known(current_value):
        return _reason(figures.current_coverage, figures.current)
    return _reason(figures.previous_coverage, figures.previous)


def _change(family: str, kind: str, comparison: Comparison) -> Fragment:
    return Fragment(f"{family}.{kind}", {
        "percent": Percent(abs(comparison.percent)),
        "times": Count(comparison.times_up if kind == "times_up" else comparison.times_down, "times"),
        "current": Count(comparison.current)})


def _external_sentences(f: KeyFigures) -> list[Sentence]:
    if not _known(f.arrivals, f.departures):
        return [Sentence("external.unavailable", {"reason": _reason(f.current_coverage, f.current)})]
    sentences = [Sentence("external", {"period": Period(f.current), "arrivals": Count(f.arrivals),
                                       "departures": Count(f.departures)})]
    if not _known(f.net):
        sentences.append(Sentence("net.unavailable", {"reason": _reason(f.current_coverage, f.current)}))
    else:
        kind = "positive" if f.net > 0 else "negative" if f.net < 0 else "zero"
        sentences.append(Sentence(f"net.{kind}", {"net": Count(f.net), "net_abs": Count(abs(f.net))}))
    return sentences


def _change_sentences(f: KeyFigures, style: HouseStyle) -> list[Sentence]:
    comparisons = {
        "arrivals": Comparison(f.arrivals, f.arrivals_previous, f.arrivals_change, f.arrivals_times,
                               f.arrivals_times_down),
        "departures": Comparison(f.departures, f.departures_previous, f.departures_change, f.departures_times,
                                 f.departures_times_down),
    }
    kinds = {subject: change_kind(comparison, style.times_from) for subject, comparison in comparisons.items()}
    common = {"previous_period": Fragment("previous_period", {"previous_year": f.previous.year}),
              "previous_year": f.previous.year}
    known = [subject for subject, kind in kinds.items() if kind != UNAVAILABLE]
    unknown = [subject for subject in comparisons if subject not in known]
    reasons = {subject: _reason_for(comparisons[subject].current, f) for subject in unknown}
    if len(known) == 2:
        arrivals_kind, departures_kind = kinds["arrivals"], kinds["departures"]
        if style.shared_change_verb and arrivals_kind == departures_kind and arrivals_kind in AMOUNT_KINDS:
            amounts = {f"{subject}_amount": Fragment(f"change_amount.{kinds[subject]}",
                                                     _change("change", kinds[subject], comparisons[subject]).slots)
                       for subject in comparisons}
            return [Sentence("changes.shared", {**common, **amounts,
                                                "verb": Fragment(f"change_verb.{arrivals_kind}")})]
        # One up and one down: a language may mark the contrast ("…, ал …"); "changes.contrast" falls back to
        # "changes" where the pack has no such form.
        contrast = {arrivals_kind, departures_kind} & set(UPWARD_KINDS) and \
            {arrivals_kind, departures_kind} & set(DOWNWARD_KINDS)
        return [Sentence("changes.contrast" if contrast else "changes", {
            **common, **{f"{subject}_change": _change("change", kinds[subject], comparison)
                         for subject, comparison in comparisons.items()}})]
    if len(known) == 1:
        subject, missing = known[0], unknown[0]
        return [Sentence(f"changes.{subject}", {**common, f"{subject}_change": _change(
                    "change", kinds[subject], comparisons[subject])}),
                Sentence(f"comparison.unavailable.{missing}", {**common, "reason": reasons[missing]})]
    if reasons["arrivals"] == reasons["departures"]:
        return [Sentence("comparison.unavailable", {**common, "reason": reasons["arrivals"]})]
    return [Sentence(f"comparison.unavailable.{subject}", {**common, "reason": reasons[subject]})
            for subject in unknown]


def _partner_sentences(f: KeyFigures) -> list[Sentence]:
    unavailable = [Sentence("partner.unavailable", {"reason": _reason(f.current_coverage, f.current)})]
    if _known(f.arrivals, f.departures) and (f.arrivals == 0 or f.departures == 0):
        return [Sentence("partner.unavailable", {"reason": Fragment("reason.no_base", {"span": Period(f.current)})})]
    arrival_side, departure_side = partner_side(f.cis_arrival_share), partner_side(f.cis_departure_share)
    if arrival_side is None or departure_side is None:
        return unavailable
    if arrival_side == departure_side != "equal":
        shares = {f"{arrival_side}_arrival_share": getattr(f, f"{arrival_side}_arrival_share"),
                  f"{arrival_side}_departure_share": getattr(f, f"{arrival_side}_departure_share")}
        if not _known(*shares.values()):
            return unavailable
        return [Sentence(f"partner.{arrival_side}", {key: Percent(value) for key, value in shares.items()})]
    # No main partner group: each direction's share of its own majority group (the CIS's when exactly half).
    arrival_group = "other" if arrival_side == "other" else "cis"
    departure_group = "other" if departure_side == "other" else "cis"
    arrival_share = getattr(f, f"{arrival_group}_arrival_share")
    departure_share = getattr(f, f"{departure_group}_departure_share")
    if not _known(arrival_share, departure_share):
        return unavailable
    return [Sentence("partner.mixed", {
        "arrival_group": Fragment(f"arrival_group.{arrival_group}"), "arrival_share": Percent(arrival_share),
        "departure_group": Fragment(f"departure_group.{departure_group}"),
        "departure_share": Percent(departure_share)})]


def _internal_sentences(f: KeyFigures, style: HouseStyle) -> list[Sentence]:
    comparison = Comparison(f.internal_moves, f.internal_moves_previous, f.internal_change, f.internal_times,
                            f.internal_times_down)
    kind = change_kind(comparison, style.times_from)
    common = {"previous_period": Fragment("previous_period", {"previous_year": f.previous.year}),
              "previous_year": f.previous.year}
    if kind == UNAVAILABLE:
        internal = Sentence("internal.unavailable", {**common, "reason": _reason_for(f.internal_moves, f)})
    else:
        internal = Sentence("internal", {**common, "internal_change": _change("internal_change", kind, comparison)})
    if f.positive_interregional is None:
        regions_sentence = Sentence("interregional.unavailable",
                                    {"reason": _reason(f.current_coverage, f.current)})
    elif not f.positive_interregional:
        regions_sentence = Sentence("interregional.none")
    else:
        regions_sentence = Sentence("interregional.many", {
            "region_count": RegionCount(len(f.positive_interregional)),
            "region_list": RegionList(f.positive_interregional)})
    return [internal, regions_sentence]


def plan_key_points(figures: KeyFigures, style: HouseStyle) -> list[list[Sentence]]:
    """The four key points as sentences to say: external migration and net; the changes; the partner groups;
    internal migration and the regions with a positive interregional net."""
    return [_external_sentences(figures), _change_sentences(figures, style), _partner_sentences(figures),
            _internal_sentences(figures, style)]


def key_point_gaps(figures: KeyFigures) -> tuple[str, ...]:
    """The sentences said as "not available" (their template keys), for the Checks sheet to record."""
    plan = plan_key_points(figures, language_pack("en").style)
    return tuple(sentence.key for paragraph in plan for sentence in paragraph if UNAVAILABLE in sentence.key)


# --- how it is said (the language pack's data) --------------------------------------------------------------

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
    """Renders a sentence plan with one language pack and one number style."""

    def __init__(self, pack: LanguagePack, numbers: NumberStyle):
        self.pack, self.numbers, self.style = pack, numbers, pack.style
        self.locale = Locale.parse(pack.code)

    def resolve(self, key: str) -> str:
        """The template key the pack answers `key` with: a family without its own form
        ("internal_change.increase" in a language whose verbs do not agree) uses "change.…"; a sentence without
        its own contrasting form ("changes.contrast") uses the plain one."""
        if key in self.pack.templates:
            return key
        family, _, kind = key.partition(".")
        if family.endswith("change"):
            return f"change.{kind}"
        return key.removesuffix(".contrast")

    def template(self, key: str) -> str:
        return self.pack.templates[self.resolve(key)]

    def optional(self, key: str) -> str | None:
        return self.template(key) if key in self.pack.templates else None

    def sentence(self, sentence: Sentence) -> str:
        return self.fill(self.template(sentence.key), sentence.slots)

    def fill(self, template: str, slots: dict) -> str:
        return template.format(tenth=self.numbers.decimal1(0.1),
                               **{name: self.slot(value) for name, value in slots.items()})

    def slot(self, value):
        if isinstance(value, Count):
            return _Slot(lambda case: self.count(value.value, value.noun, case))
        if isinstance(value, Percent):
            return _Slot(lambda case: self.percent(value.value))
        if isinstance(value, Period):
            return _Slot(lambda case: self.period(value.span, case))
        if isinstance(value, Fragment):
            return _Slot(lambda case: self.fill(self.template(value.key), value.slots))
        if isinstance(value, RegionCount):
            return self.region_count(value.count)
        if isinstance(value, RegionList):
            return self.region_list(value.entries)
        return value

    def percent(self, value: float) -> str:
        return self.numbers.compact(value) if self.style.text_percent_drops_zero else self.numbers.decimal1(value)

    def noun(self, noun: str, count: float, case: str | None = None) -> str:
        forms = self.pack.nouns[f"{noun}.{case}" if case else noun]
        category = self.locale.plural_form(abs(count) if not float(count).is_integer() else int(abs(count)))
        return forms.get(category, forms["other"])

    def count(self, value: float, noun: str = "people", case: str | None = None) -> str:
        return f"{self.numbers.compact(value)} {self.noun(noun, value, case)}"

    def period(self, span: Span, case: str | None = None) -> str:
        case = case or self.template("period_case")
        names = self.pack.month_names[case]
        kind = "month" if span.is_single_month else "span"
        if span.is_full_year and not self.style.full_year_as_months:
            kind = "year"
        # {first}/{last} are in the pattern's case; {first_<case>}/{last_<case>} in any case of the pack, for
        # languages that decline only the last month of a span ("қаңтар-наурызда").
        other_cases = {f"{end}_{other}": forms[month - 1] for other, forms in self.pack.month_names.items()
                       for end, month in (("first", span.first_month), ("last", span.last_month))}
        return self.pack.period_patterns[case][kind].format(
            first=names[span.first_month - 1], last=names[span.last_month - 1], year=span.year,
            dash=self.style.period_dash, **other_cases)

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
        cities = [item.format(name=self.region_name(region, city_case), people=self.slot(Count(value)))
                  for region, value in entries if region.is_city]
        others = [item.format(name=self.region_name(region, "region_name_case"), people=self.slot(Count(value)))
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
        case = self.optional("region_count_case")
        number = self.pack.numerals.get(case or self.template("period_case"), {}).get(count, str(count))
        return self.template("region_count").format(n=number, region=self.noun("region", count, case))


def draft_key_points(figures: KeyFigures, lang: str = "en", style: str | None = None) -> list[str]:
    """The four key points as paragraphs, in `lang`, numbers in `style` (default: the language's)."""
    pack = language_pack(lang)
    writer = _Writer(pack, STYLES[style] if style else pack.number_style)
    return [" ".join(writer.sentence(sentence) for sentence in paragraph)
            for paragraph in plan_key_points(figures, pack.style)]
