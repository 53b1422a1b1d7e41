"""English: the words of the published English edition (shared/seed), in correct English."""

from migrelease.sheets.words import SheetWords

WORDS = SheetWords(
    code="en",
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"),
    text={
        # --- shared ------------------------------------------------------------------------------------------
        "release_title": "The migration of the population of the Republic of Kazakhstan",
        "public_title": "Migration of the population",
        "contact": "Department of Population Statistics",
        "publisher": "Bureau of National Statistics of the Agency for Strategic Planning and Reforms of the "
                     "Republic of Kazakhstan",
        "source_line": "Source: {publisher}",
        "people": "people",
        "percent": "%",
        "count_header": "{label} (people)",
        "period_line": "Period: {first} to {last} {note}",
        "period_line.single": "Period: {label}",
        "unit_line": "Unit: {unit}",
        "unit_line.tables": "Unit: people. The country is the sum of the regions {note}",
        "not_available_line": "Not available figures are shown as {x} {note}",
        "region": "Region",
        "note_label": "note",
        "list_and": " and ",
        # --- Cover -------------------------------------------------------------------------------------------
        "cover.heading": "{title} for {period}",
        "cover.period": "Period: {period}",
        "cover.published": "Date of publication: {date}",
        "cover.next": "Date of next publication: {date}",
        "cover.not_set": "not set yet (enter it on the Settings sheet)",
        "cover.contact": "Contact: {contact}",
        "cover.about": "About this release",
        "cover.description": "This workbook presents the migration of the population of the Republic of "
                             "Kazakhstan for {period}: arrivals, departures and net migration for the country and "
                             "its 20 regions, for external migration (with the CIS and other countries) and "
                             "internal migration, by year and by month, with the key points of the "
                             "release{supplementary}. The Contents sheet lists every sheet; the Notes sheet "
                             "explains {x} and the shorthand used.",
        "cover.supplementary.intensity": "migration intensity per 1,000 population",
        "cover.supplementary.ethnic": "the structure of external migration by selected ethnic groups",
        "cover.glossary": "Glossary",
        "cover.methodology": "Methodological explanations",
        "cover.links": "Useful links",
        "cover.responsible": "Responsible for the release: {contact}.",
        "cover.sheet_description": "Title, period, dates of publication, description, glossary, methodology and "
                                   "contact",
        # --- Contents, Notes ---------------------------------------------------------------------------------
        "contents.title": "Contents",
        "contents.info": "Select a sheet name to go to that sheet. Shorthand in the names is explained on the "
                         "Notes sheet {note}.",
        "contents.sheet": "Sheet",
        "contents.description": "Description",
        "contents.sheet_description": "This list of sheets, each name a link to its sheet",
        "notes.title": "Notes",
        "notes.info": "Titles and lines of the other sheets refer to these notes as [note 1], [note 2], …",
        "notes.number": "Note number",
        "notes.text": "Note text",
        "notes.sheet_description": "Numbered notes the titles refer to, including what {x} and each shorthand "
                                   "means",
        "input.data": "Input: the migration counts (period, region, flow, direction, people)",
        "input.population": "Input: the population on 1 January by year and region",
        "input.ethnicity": "Input: external arrivals and departures by ethnic group",
        "input.settings": "Settings you edit: dates of publication, contact details, language (a refresh never "
                          "overwrites them)",
        # --- dynamic tables ----------------------------------------------------------------------------------
        "table.by_year": "{title}, by year",
        "table.by_month": "{title}, by month",
        "dynamic_tables": "Dynamic tables",
        "by_year": "By year",
        "by_month": "By month",
        # --- Key points, Key indicators, Interregional -------------------------------------------------------
        "keypoints.title": "Key points, {period}",
        "keypoints.info": "Drafted from the dynamic tables; every figure equals a table cell (see Key "
                          "indicators).",
        "keypoints.point": "Point",
        "keypoints.sheet_description": "The key points of the release, drafted from the tables in each language",
        "indicators.title": "Key indicators, {period}",
        "indicators.info": "Each value is a formula over the dynamic tables; the key points quote these values "
                           "{note}.",
        "indicators.info_public": "Each value is computed from the dynamic tables of this file; the key points "
                                  "quote these values {note}.",
        "indicators.sheet_description_public": "The figures the key points quote, computed from the dynamic tables",
        "indicators.indicator": "Indicator",
        "indicators.value": "Value",
        "indicators.unit": "Unit",
        "indicators.sheet_description": "The figures the key points quote, as MIG_ formulas over the "
                                        "dynamic-table cells",
        "indicator.arrivals": "Arrivals (external migration)",
        "indicator.departures": "Departures (external migration)",
        "indicator.net": "Net migration (external)",
        "indicator.arrivals_change": "Arrivals, change versus the same period a year earlier",
        "indicator.departures_change": "Departures, change versus the same period a year earlier",
        "indicator.cis_arrival_share": "Share of the CIS countries in arrivals",
        "indicator.cis_departure_share": "Share of the CIS countries in departures",
        "indicator.other_arrival_share": "Share of other countries in arrivals",
        "indicator.other_departure_share": "Share of other countries in departures",
        "indicator.internal_moves": "People moving within the country (internal arrivals)",
        "indicator.internal_change": "People moving within the country, change versus the same period a year "
                                     "earlier",
        "indicator.arrivals_times": "Arrivals, times the same period a year earlier",
        "indicator.arrivals_times_down": "Arrivals, the same period a year earlier as a multiple of this one",
        "indicator.departures_times": "Departures, times the same period a year earlier",
        "indicator.departures_times_down": "Departures, the same period a year earlier as a multiple of this one",
        "indicator.internal_times": "People moving within the country, times the same period a year earlier",
        "indicator.internal_times_down": "People moving within the country, the same period a year earlier as a "
                                         "multiple of this one",
        "times": "times",
        "interregional.title": "Interregional migration by region, {period}",
        "interregional.info": "The regions' interregional arrivals and departures; net migration as MIG_BALANCE "
                              "formulas. The key points name the regions with a positive net migration.",
        "interregional.sheet_description": "Interregional migration by region: arrivals, departures and net "
                                           "migration",
        # --- measures and flows ------------------------------------------------------------------------------
        "measure.arrival": "Arrivals",
        "measure.departure": "Departures",
        "measure.balance": "Net migration",
        "measure_header.people": "{measure} (people)",
        "measure_header.rate": "{measure} (per 1,000 population)",
        "measure_header.share": "{measure} (% of total)",
        "flow.external": "external migration",
        "flow.internal": "internal migration",
        "flow.cis": "CIS",
        "flow.other": "other countries",
        "flow.interregional": "interregional",
        "flow.intraregional": "intraregional",
        "direction.arrival": "arrival",
        "direction.departure": "departure",
        "population": "population",
        # --- supplementary tables ----------------------------------------------------------------------------
        "intensity.title": "Intensity of {flow} per 1,000 population, {period} (annualised)",
        "intensity.population": "Population on 1 January {year} (people)",
        "intensity.unit": "people; migrants per 1,000 population a year (rates)",
        "ethnic.title": "The structure of external migration by selected ethnic groups, as a percentage of the "
                        "total, {period}",
        "ethnic.group": "Ethnic group",
        "ethnic.all": "All ethnic groups",
        "ethnic.unit": "people; % of all external arrivals or departures",
        "ethnic.sheet_description": "The structure of external migration by selected ethnic groups, % of the "
                                    "total",
        # --- charts ------------------------------------------------------------------------------------------
        "chart.international": "International population migration",
        "chart.annual": "International population migration by year",
        "chart.comparison": "International population migration, {previous} and {current}",
        "chart.ethnic": "The structure of external migration by selected ethnic groups, % of the total",
        "chart.period": "Period",
        "chart.value_axis": "people",
        "chart.share_axis": "% of the total",
        "chart.group_axis": "ethnic group",
        "charts.title": "International population migration, external migration of the country",
        "charts.info": "The table holds the figures of {sources} the charts show; every refresh rewrites it, so "
                       "the charts follow the data ({x} = not available {note}).",
        "charts.sources_ethnic": "{tables} and the {sheet} sheet",
        "charts.sheet_description": "Charts: international population migration by year and for the period",
        "charts.sheet_description_ethnic": "Charts: international population migration by year and for the "
                                           "period, and the ethnic structure of external migration",
        "chart.alt.annual": "Column chart: arrivals, departures and net migration of the country (external "
                            "migration) by year, {first} to {last}.",
        "chart.alt.comparison": "Column chart: arrivals, departures and net migration of the country (external "
                                "migration), {previous} compared with {current}.",
        "chart.alt.ethnic": "Bar chart: the shares of the ethnic groups in external arrivals and departures, "
                            "{period}.",
        # --- Checks ------------------------------------------------------------------------------------------
        "checks.title": "Checks, {period}",
        "checks.info": "Every refresh runs these rules {note}: an error stops the refresh, a warning asks for a "
                       "review of the rows listed on the Check_rows sheet.",
        "checks.result": "Result: errors {errors}, warnings {warnings}; rows breaking a rule {rows}.",
        "checks.rule": "Rule",
        "checks.check": "Check",
        "checks.severity": "Severity if broken",
        "checks.outcome": "Result",
        "checks.count": "Rows breaking it (number)",
        "checks.sheet_description": "The consistency checks of this refresh: each rule and its result",
        "check_rows.title": "Rows breaking a rule, {period}",
        "check_rows.info": "Each row a check rule flags (see the Checks sheet){more}.",
        "check_rows.more": "; the first {shown} of {total} are listed",
        "check_rows.where": "Sheet or input",
        "check_rows.row": "Row",
        "check_rows.period": "Period",
        "check_rows.found": "Found",
        "check_rows.expected": "Expected",
        "check_rows.none": "No row breaks any rule.",
        "check_rows.sheet_description": "The rows the consistency checks flag, rule by rule",
        "severity.error": "error",
        "severity.warning": "warning",
        "severity.OK": "OK",
        "expected.share": "0 to 100",
        "expected.change": "within ±{limit}",
        "period.versus": "{current} vs {previous} (%)",
        # --- Revisions (issue 18) -----------------------------------------------------------------------------
        "revisions.title": "Revisions: published figures changed by the data of {period}",
        "revisions.none_published": "Nothing has been published from this workbook yet: from its first "
                                    "publication on, every refresh lists here the published figures its data "
                                    "changes.",
        "revisions.found": "Revised figures: {count}; tables holding them: {tables}. Each is a figure of a period "
                           "already published whose value is now different {note}; periods new since the last "
                           "publication are not revisions.",
        "revisions.unchanged": "No published figure has another value now than in the publication of {date} "
                               "{note}.",
        "revisions.key": "Revised figures are marked {r} in a column on the right of their table {note}; not "
                         "available figures are shown as {x} {x_note}.",
        "revisions.empty_row": "Until a published figure is revised the table holds one row of {z} (not applicable).",
        "revisions.not_revised": "not revised",
        "revisions.table": "Table",
        "revisions.figure": "Figure",
        "revisions.period": "Period",
        "revisions.unit": "Unit",
        "revisions.published": "Published value",
        "revisions.new": "New value",
        "revisions.difference": "Difference (new − published)",
        "revisions.date": "Date of the publication revised",
        "revisions.marker_header": "Revised since the publication of {dates} {note}",
        "revisions.interregional": "{measure} (interregional)",
        "revisions.sheet_description": "The published figures this refresh's data changes: published and new "
                                       "value, difference",
        "page.revisions.heading": "Revisions",
        "page.revisions.revised": "This release revises figures published on {date} (revised figures: {count}; "
                                  "tables: {tables}):",
        "page.revisions.none": "No figure published on {date} is revised in this release.",
        "page.revisions.why": "Figures published earlier change when arrival or departure registrations made late, "
                              "or corrected, reach the data, and when a year's annual data replace the sum of its "
                              "months. Revised figures are marked {r} in the workbook; its Revisions sheet lists "
                              "each with its published and its new value.",
        "page.revisions.key_indicators": "Key indicators",
        "page.revisions.interregional": "Interregional migration by region",
        "page.revisions.table": "{title} ({code}): {periods}",
        # --- the release page --------------------------------------------------------------------------------
        "page.key_points": "Key points",
        "page.spreadsheets": "Spreadsheets",
        "page.workbook_link": "{title}, {period} (Excel workbook)",
        "page.open_data": "Open data",
        "page.open_data.csv": "Every figure as a tidy CSV, described by a Frictionless data package",
        "page.open_data.sdmx_structure": "SDMX: the data structure (SDMX-ML 2.1)",
        "page.open_data.sdmx_data": "SDMX: the data (SDMX-ML 2.1)",
        "page.open_data.sdmx_csv": "SDMX: the data (SDMX-CSV)",
        "page.contents": "Contents",
        "page.other_languages": "This release in other languages",
        "page.not_set": "not set",
        "page.draft": "DRAFT — not for publication",
        "page.table_caption": "{title}, {unit}",
    },
    table_titles={
        # The titles the published English edition lists (shared/seed), one per flow group and measure.
        "all.arrival": "Arrival of migrants in all flows",
        "all.departure": "Departure of migrants in all flows",
        "all.balance": "Balance of migration for all flows",
        "external.arrival": "External migration for all flows - arrival",
        "external.departure": "External migration for all flows - departure",
        "external.balance": "Balance of external migration for all flows",
        "cis.arrival": "Migration with CIS countries - arrival",
        "cis.departure": "Migration with CIS countries - departure",
        "cis.balance": "Balance of migration with CIS countries",
        "other.arrival": "Migration with other countries - arrival",
        "other.departure": "Migration with other countries - departure",
        "other.balance": "Balance of migration with other countries",
        "internal.arrival": "Internal migration for all flows - arrival",
        "internal.departure": "Internal migration for all flows - departure",
        "internal.balance": "Balance of internal migration for all flows",
    },
    glossary=(
        ("Population migration", "the movement of people (migrants) across the borders of certain territories "
                                 "with a change of place of residence."),
        ("Number of arrivals", "the number of people who arrived in the region from outside it during the "
                               "reporting period."),
        ("Number of departures", "the number of people who left the region for a place outside it during the "
                                 "reporting period."),
        ("Net migration", "the difference between the number of arrivals in the region and the number of "
                          "departures from it during the reporting period."),
    ),
    methodology=(
        "Population migration is the movement of people (migrants) across the borders of certain territories with "
        "a change of place of residence.",
        "The data come from the statistical forms of arrival and departure that the territorial units of the "
        "migration police fill in when a person registers at, or is removed from the register of, a permanent "
        "place of residence.",
        "In current statistical accounting the figures are conventionally called the numbers of people who "
        "arrived and departed, but they count moves: a person who changes residence more than once in the period "
        "is counted each time.",
        "The main indicators of migration are the number of arrivals, the number of departures and the migration "
        "increase (or decrease), that is, net migration: arrivals minus departures.",
        "Migration intensity rates show how often people change their place of residence relative to the whole "
        "population over a period. The most commonly used are the general annual migration intensity rates per "
        "1,000 population: here the migrants of the period, annualised (times 12 and divided by the number of "
        "months), per 1,000 people living in the region on 1 January.",
    ),
    useful_links=(
        ("Methodology for calculating the main indicators of population migration",
         "https://stat.gov.kz/en/industries/social-statistics/demography/"),
        ("Population migration, quality report", "https://stat.gov.kz/en/industries/social-statistics/demography/"),
        ("Migration of the population, information and analytical system «Taldau»", "https://taldau.stat.gov.kz/en"),
    ),
    notes={
        "x": "{x} means not available: the input has no figure for that region and period, or a share, change or "
             "rate has a zero denominator. It is never shown as 0 or left blank.",
        "shorthand": "Shorthand in sheet and table names: Y = by year; M = by month; All = all flows; Ext = "
                     "external migration (with the CIS and other countries); CIS = the Commonwealth of Independent "
                     "States; Oth = other countries (outside the CIS); Int = internal migration (between and within "
                     "regions); Arr = arrival; Dep = departure; Bal = balance (net migration); Rate = intensity per "
                     "1,000 population; T_ = an Excel table.",
        "periods": "Periods: a span such as January–March 2026 is cumulative from January of that year; it is "
                   "compared with the same period a year earlier. A whole year is the calendar year.",
        "identities": "The country's figure is the sum of the 20 regions. Net migration (balance) = arrivals − "
                      "departures. External migration = migration with the CIS countries + migration with other "
                      "countries. Internal migration counts moves between regions (interregional) and within a "
                      "region (intraregional); interregional net migration sums to zero for the country.",
        "intensity": "Migration intensity per 1,000 population = migrants ÷ population on 1 January × 1,000, "
                     "annualised: times 12 and divided by the number of months of the period. One decimal.",
        "ethnic": "The structure of external migration by ethnic group: each group's arrivals (departures) as a "
                  "percentage of all external arrivals (departures) of the ethnic data; one decimal, so shares may "
                  "not add up to exactly 100.0.",
        "rounding": "Percentages, changes and rates are rounded to one decimal as Excel's ROUND does (half away "
                    "from zero). Counts are whole people.",
        "revised": "[r] means revised: the figure now differs from the value published for that region and "
                   "period (published as a number or as not available). The Revisions sheet lists each revised "
                   "figure with its published and its new value. Figures change when arrival or departure "
                   "registrations made late, or corrected, reach the data, and when a year's annual data replace "
                   "the sum of its months; periods new since the last publication are not revisions.",
        "checks": "Every refresh runs the consistency checks listed on the Checks sheet; an error stops the "
                  "refresh, a warning asks for a review of the figures.",
    },
    rules={
        1: "Balance = arrival − departure, in every balance table",
        2: "External migration = migration with the CIS countries + with other countries",
        3: "The country's figure = the sum of the 20 regions",
        4: "Interregional net migration sums to zero for the country in every period",
        5: "A year equals the sum of its months where both are given",
        6: "Shares lie within 0–100 %",
        7: "Changes versus the same period a year earlier beyond ±{limit:g} % where both figures are at least "
           "{minimum} people (flagged for review)",
        8: "Every region × flow × direction of the reporting period and of the same period a year earlier is in the "
           "data (refreshed with --allow-incomplete: the figures that need a missing row are not available)",
    },
    ethnic_groups={"kazakh": "Kazakh", "russian": "Russian", "ukrainian": "Ukrainian", "uzbek": "Uzbek",
                   "german": "German", "tatar": "Tatar", "uyghur": "Uyghur", "other": "Other"},
)
