"""SDMX for the release, written with sdmx1: a data structure definition with its codelists (an SDMX-ML 2.1
structure message), and the counts as SDMX-ML 2.1 generic time series and as SDMX-CSV 2.0.

The structure is declared as data below; the sdmx1 objects are built from it. Each dynamic-table cell (and each
region's interregional figure of the Key indicators) is one observation:

    FREQ . REF_AREA (KATO) . FLOW . DIRECTION . TIMETRANS_TYPE . TIME_PERIOD  ->  OBS_VALUE, OBS_STATUS (UNIT_MEASURE)

A year is FREQ A, TIME_PERIOD 2025; a month of a monthly table is FREQ M, 2026-03; the months cumulative from
January (the annual tables' current period and the same period a year earlier) are TIMETRANS_TYPE C ("cumulated
sum", the SDMX guideline on time transformations) with the SDMX 2.1 distinct time range 2026-01-01/P3M — so even
January alone (P1M) is a series of its own, never the monthly figure's key. Not available is "NaN" with OBS_STATUS O
("missing value"), never 0. The percentages of the Key indicators are derived from these counts and stay in the
CSV.

Two work-arounds for sdmx1 2.28, found by validating its output against the official SDMX-ML 2.1 schemas:
maintainable artefacts need an explicit is_external_reference and the component lists their fixed ids; and sdmx1
names every data message <mes:StructureSpecificData>, so the generic data message's root is renamed
<mes:GenericData> (its structure-specific data lacks the schema namespace and xsi:type the schemas require).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from pathlib import Path

import sdmx
from lxml import etree
from sdmx import message
from sdmx.format.xml.v21 import qname
from sdmx.model import common, v21
from sdmx.writer.xml import writer as xml_writer

from migrelease.model.periods import Span
from migrelease.model.regions import COUNTRY, regions
from migrelease.model.tables import TABLE_SPECS
from migrelease.sheets.figures import INTERREGIONAL, Figure
from migrelease.sheets.words import LANGUAGES, sheet_words

AGENCY_ID = "KZ_BNS"  # not registered with the SDMX Global Registry: change it when the Bureau has an agency id
VERSION = "1.0"
DSD_ID, DATAFLOW_ID, CONCEPTS_ID = "DSD_MIGRATION", "DF_MIGRATION", "CS_MIGRATION"
MISSING = "NaN"  # SDMX's intentionally missing value
STATUS_AVAILABLE, STATUS_NOT_AVAILABLE = "A", "O"
UNIT = "PS"  # persons
SDMX_FILES = {"structure": "sdmx-structure.xml", "data": "sdmx-data.xml", "csv": "sdmx-data.csv"}

FLOW_CODES = {"all": "ALL", "external": "EXT", "cis": "CIS", "other": "OTH", "internal": "INT",
              "interregional": "IRG"}
DIRECTION_CODES = {"arrival": "ARR", "departure": "DEP", "balance": "NET"}


def in_every_language(key: str) -> dict[str, str]:
    """A word of the sheets' packs in every language, as SDMX names an item (one name per xml:lang)."""
    return {lang: sheet_words(lang)(key) for lang in LANGUAGES}


# Codelist id -> (name, ((code, names by language), ...)); CL_AREA_KATO is built from the regions. Names in
# Russian and Kazakh where the release's words have them.
CODELISTS = {
    "CL_FREQ": ("Frequency", (("A", {"en": "Annual"}), ("M", {"en": "Monthly"}))),
    "CL_MIG_FLOW": ("Migration flow", (
        ("ALL", {"en": "All flows"}), ("EXT", {"en": "External migration"}),
        ("CIS", {"en": "Migration with CIS countries"}), ("OTH", {"en": "Migration with other countries"}),
        ("INT", {"en": "Internal migration"}), ("IRG", {"en": "Interregional migration"}))),
    "CL_MIG_DIRECTION": ("Direction", tuple((code, in_every_language(f"measure.{measure}"))
                                            for measure, code in DIRECTION_CODES.items())),
    "CL_TIMETRANS_TYPE": ("Time transformation", (
        ("N", {"en": "Non transformed"}), ("C", {"en": "Cumulated sum from January (year to date)"}))),
    "CL_UNIT_MEASURE": ("Unit of measure", ((UNIT, in_every_language("people")),)),
    "CL_OBS_STATUS": ("Observation status", ((STATUS_AVAILABLE, {"en": "Normal value"}),
                                             (STATUS_NOT_AVAILABLE, {"en": "Missing value (not available)"}))),
}
AREA_CODELIST = "CL_AREA_KATO"
# Components: (id, concept name, codelist id or None). The last dimension is the time dimension.
DIMENSIONS = (("FREQ", "Frequency", "CL_FREQ"), ("REF_AREA", "Reference area (KATO code)", AREA_CODELIST),
              ("FLOW", "Migration flow", "CL_MIG_FLOW"), ("DIRECTION", "Direction", "CL_MIG_DIRECTION"),
              ("TIMETRANS_TYPE", "Time transformation", "CL_TIMETRANS_TYPE"), ("TIME_PERIOD", "Time period", None))
SERIES_DIMENSIONS = tuple(dimension for dimension, _, _ in DIMENSIONS[:-1])
MEASURE = ("OBS_VALUE", "Number of persons", None)
SERIES_ATTRIBUTES = (("UNIT_MEASURE", "Unit of measure", "CL_UNIT_MEASURE"),)
OBSERVATION_ATTRIBUTES = (("OBS_STATUS", "Observation status", "CL_OBS_STATUS"),)

# Which series an indicator's figures belong to: (flow group, measure, frequency of its table).
INDICATOR_SERIES = {**{spec.code: (spec.flow_group, spec.measure, spec.frequency) for spec in TABLE_SPECS},
                    **{code: ("interregional", measure, "annual") for code, measure in INTERREGIONAL}}


@dataclass(frozen=True)
class SdmxObservation:
    series: tuple[str, ...]  # codes of SERIES_DIMENSIONS
    time_period: str
    value: float  # NaN = not available


@dataclass(frozen=True)
class SdmxStructure:
    message: message.StructureMessage
    dsd: v21.DataStructureDefinition
    dataflow: v21.DataflowDefinition


def sdmx_time(span: Span, frequency: str) -> tuple[str, str, str]:
    """(FREQ, TIMETRANS_TYPE, TIME_PERIOD) of a figure for `span` in a table of `frequency`."""
    if span.is_full_year:
        return "A", "N", f"{span.year}"
    if frequency == "monthly":
        return "M", "N", f"{span.year}-{span.first_month:02d}"
    return "M", "C", f"{span.year}-{span.first_month:02d}-01/P{span.month_count}M"


def observation_of(figure: Figure) -> SdmxObservation | None:
    """The observation a figure is, or None for a figure the DSD does not hold (the Key indicators' %)."""
    if figure.indicator not in INDICATOR_SERIES:
        return None
    flow_group, measure, frequency = INDICATOR_SERIES[figure.indicator]
    freq, transformation, time_period = sdmx_time(figure.span, frequency)
    return SdmxObservation((freq, figure.region.kato, FLOW_CODES[flow_group], DIRECTION_CODES[measure],
                            transformation), time_period, figure.value)


def observations(figures: list[Figure]) -> list[SdmxObservation]:
    return [observation for observation in map(observation_of, figures) if observation is not None]


def _maintained() -> dict:
    return dict(maintainer=common.Agency(id=AGENCY_ID, name=in_every_language("publisher")), version=VERSION,
                is_final=True, is_external_reference=False)


def _codelist(codelist_id: str, name: str, codes) -> common.Codelist:
    codelist = common.Codelist(id=codelist_id, name={"en": name}, **_maintained())
    for code, names in codes:
        codelist.append(common.Code(id=code, name=names))
    return codelist


def area_codes() -> tuple[tuple[str, dict[str, str]], ...]:
    return tuple((region.kato, {"en": region.name_en, "ru": region.name_ru, "kk": region.name_kk})
                 for region in (COUNTRY, *regions()))


def build_structure(prepared: datetime.datetime | None = None, test: bool = False) -> SdmxStructure:
    """The codelists, the concept scheme, the DSD and the dataflow, in one structure message."""
    codelists = {codelist_id: _codelist(codelist_id, name, codes) for codelist_id, (name, codes) in CODELISTS.items()}
    codelists[AREA_CODELIST] = _codelist(AREA_CODELIST, "Republic of Kazakhstan and its regions (KATO codes)",
                                         area_codes())
    concepts = common.ConceptScheme(id=CONCEPTS_ID, name={"en": "Concepts of the migration release"},
                                    **_maintained())
    for concept_id, name, _ in (*DIMENSIONS, MEASURE, *SERIES_ATTRIBUTES, *OBSERVATION_ATTRIBUTES):
        concepts.append(common.Concept(id=concept_id, name={"en": name}))

    def enumerated(codelist_id: str) -> common.Representation:
        return common.Representation(enumerated=codelists[codelist_id])

    def text_format(value_type: common.FacetValueType) -> common.Representation:
        return common.Representation(non_enumerated=[common.Facet(value_type=value_type)])

    dsd = v21.DataStructureDefinition(id=DSD_ID, name=in_every_language("release_title"), **_maintained())
    dsd.dimensions.id, dsd.measures.id, dsd.attributes.id = ("DimensionDescriptor", "MeasureDescriptor",
                                                             "AttributeDescriptor")
    for position, (dimension_id, _, codelist_id) in enumerate(DIMENSIONS, start=1):
        if codelist_id is None:
            dsd.dimensions.append(common.TimeDimension(
                id=dimension_id, concept_identity=concepts[dimension_id], order=position,
                local_representation=text_format(common.FacetValueType.observationalTimePeriod)))
        else:
            dsd.dimensions.append(common.Dimension(id=dimension_id, concept_identity=concepts[dimension_id],
                                                   order=position, local_representation=enumerated(codelist_id)))
    dsd.measures.append(v21.PrimaryMeasure(id=MEASURE[0], concept_identity=concepts[MEASURE[0]],
                                           local_representation=text_format(common.FacetValueType.double)))
    series_key = common.DimensionRelationship(dimensions=[dsd.dimensions.get(d) for d in SERIES_DIMENSIONS])
    for attributes, relationship in ((SERIES_ATTRIBUTES, series_key),
                                     (OBSERVATION_ATTRIBUTES, v21.PrimaryMeasureRelationship())):
        for attribute_id, _, codelist_id in attributes:
            dsd.attributes.append(common.DataAttribute(
                id=attribute_id, concept_identity=concepts[attribute_id], related_to=relationship,
                usage_status=common.UsageStatus.mandatory, local_representation=enumerated(codelist_id)))
    dataflow = v21.DataflowDefinition(id=DATAFLOW_ID, name=in_every_language("release_title"), structure=dsd,
                                      **_maintained())

    structure = message.StructureMessage(header=_header(f"{DSD_ID}_STRUCTURE", prepared, test))
    for artefact in (*codelists.values(), concepts, dsd, dataflow):
        structure.add(artefact)
    return SdmxStructure(structure, dsd, dataflow)


def _header(message_id: str, prepared: datetime.datetime | None, test: bool = False) -> message.Header:
    """`test`: a draft, not for publication (SDMX's test message)."""
    return message.Header(id=message_id, prepared=prepared, sender=common.Agency(id=AGENCY_ID), test=test)


def _obs_value(value: float):
    if math.isnan(value):
        return MISSING
    return int(value) if float(value).is_integer() else value


def build_data_set(structure: SdmxStructure, found: list[SdmxObservation],
                   kind: type = v21.GenericDataSet) -> v21.DataSet:
    """The observations grouped into time series (one per series key, in the order first met)."""
    dsd = structure.dsd
    data_set = kind(structured_by=dsd, described_by=structure.dataflow)
    measure, unit, status = (dsd.measures.get(MEASURE[0]), dsd.attributes.get("UNIT_MEASURE"),
                             dsd.attributes.get("OBS_STATUS"))
    series: dict[tuple[str, ...], list[SdmxObservation]] = {}
    for observation in found:
        series.setdefault(observation.series, []).append(observation)
    for codes, members in series.items():
        key = dsd.make_key(common.SeriesKey, dict(zip(SERIES_DIMENSIONS, codes)))
        key.attrib["UNIT_MEASURE"] = common.AttributeValue(value=UNIT, value_for=unit)
        data_set.add_obs([v21.Observation(
            dimension=common.Key(TIME_PERIOD=member.time_period), value=_obs_value(member.value), value_for=measure,
            attached_attribute={"OBS_STATUS": common.AttributeValue(
                value=STATUS_NOT_AVAILABLE if math.isnan(member.value) else STATUS_AVAILABLE, value_for=status)})
            for member in members], series_key=key)
    return data_set


def data_message_xml(structure: SdmxStructure, data_set: v21.DataSet, message_id: str,
                     prepared: datetime.datetime | None, test: bool = False) -> bytes:
    data = message.DataMessage(header=_header(message_id, prepared, test), data=[data_set],
                               dataflow=structure.dataflow,
                               observation_dimension=structure.dsd.dimensions.get("TIME_PERIOD"))
    root = xml_writer.recurse(data)
    root.tag = str(qname("mes:GenericData"))  # sdmx1 2.28 names every data message StructureSpecificData
    return etree.tostring(root, encoding="utf-8", xml_declaration=True, pretty_print=True)


def write_sdmx(figures: list[Figure], out_dir: Path, message_id: str,
               prepared: datetime.datetime | None, test: bool = False) -> list[Path]:
    """sdmx-structure.xml, sdmx-data.xml and sdmx-data.csv in `out_dir`; the paths written. `test`: a draft."""
    structure = build_structure(prepared, test)
    data_set = build_data_set(structure, observations(figures))
    paths = {kind: out_dir / name for kind, name in SDMX_FILES.items()}
    paths["structure"].write_bytes(sdmx.to_xml(structure.message, pretty_print=True))
    paths["data"].write_bytes(data_message_xml(structure, data_set, message_id, prepared, test))
    sdmx.to_csv(data_set, path=paths["csv"], attributes="os", dtype=None)
    return list(paths.values())
