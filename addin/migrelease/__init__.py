"""migrelease: the release "The migration of the population of the Republic of Kazakhstan".

The core (facts, measures, tables, key points, layout) is pure Python; `workbook_file` and `macros`/`udfs`
are the two thin doors through which it reaches a workbook.
"""

__version__ = "0.1.0"
