"""Words several sheets share: the release's title, its publisher and source line, the language names."""

RELEASE_TITLE = "The migration of the population of the Republic of Kazakhstan"
PUBLIC_TITLE = "Migration of the population"  # the published workbook's file name starts with this
CONTACT = "Department of Population Statistics"
PUBLISHER = "Bureau of National Statistics of the Agency for Strategic Planning and Reforms of the Republic of " \
            "Kazakhstan"
SOURCE_LINE = f"Source: {PUBLISHER}"
LANGUAGE_TITLES = {"en": "English", "ru": "Русский", "kk": "Қазақша"}
