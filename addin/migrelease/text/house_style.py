"""docs/house-style.md, rendered from the language packs: every house-style rule and every sentence template of the
key points, in each language, with the public text it follows or why it was chosen where none was found.

    python -m migrelease.text.house_style > docs/house-style.md

(tests/test_house_style.py fails when the committed file no longer matches the packs.)
"""

from __future__ import annotations

from migrelease.text.lang import LANGUAGES, LanguagePack, language_pack

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}
NUMBER_RULES = ("thousands", "decimal", "minus")
GRAMMAR_RULES = ("plural",)

INTRODUCTION = """\
# House style of the key points

The key points are drafted in English, Russian and Kazakh from one plan of sentences (`text/keypoints.py`: which
sentence is said — increase or decrease, N times, main partner group, how many regions, or that a figure is not
available and why). How each sentence is said is the language pack's data (`text/lang/{en,ru,kk}.py`): the rules
below, the sentence templates, plural forms and case forms. This page is rendered from those packs
(`python -m migrelease.text.house_style > docs/house-style.md`); a test fails when it is out of date, and every
rule and template must name the public text it follows (a URL: the Bureau's releases as news agencies reprint them,
no stat.gov.kz page being reachable) or say "no source found — chosen because …".

Slots: `{period}`, `{arrivals}`, `{net}`… are filled from the figures; `{x:acc}` asks for a grammatical case;
`{reason}` is one of the `reason.*` phrases (the period whose figures are missing, and how); `{tenth}` is 0,1 in the
language's number style. Percentages in text drop a trailing ",0" ("21%"); tables keep one decimal.
"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _shown(value: object) -> str:
    if isinstance(value, str):
        return "U+00A0 (no-break space)" if value == "\u00a0" else "(none)" if value == "" else f"`{value}`"
    return f"`{value}`"


def _rules(pack: LanguagePack) -> list[tuple[str, str]]:
    numbers = {"thousands": pack.number_style.thousands, "decimal": pack.number_style.decimal,
               "minus": pack.number_style.minus}
    rows = [(f"style.{name}", _shown(value)) for name, value in pack.style.rules().items()]
    rows += [(f"number.{name}", _shown(numbers[name])) for name in NUMBER_RULES]
    rows += [("grammar.plural", "CLDR plural categories (Babel): " + "; ".join(
        f"{noun}: " + ", ".join(f"{category} `{form}`" for category, form in forms.items())
        for noun, forms in pack.nouns.items()))]
    return rows


def rule_keys(pack: LanguagePack) -> list[str]:
    return [key for key, _ in _rules(pack)]


def render() -> str:
    parts = [INTRODUCTION]
    for code in LANGUAGES:
        pack = language_pack(code)
        parts.append(f"\n## {LANGUAGE_NAMES[code]} ({code})\n\n### Rules\n\n| rule | value | source |\n|---|---|---|")
        parts.extend(f"| {key} | {_cell(value)} | {_cell(pack.sources[key])} |" for key, value in _rules(pack))
        parts.append("\n### Sentences and phrases\n\n| key | template | source |\n|---|---|---|")
        parts.extend(f"| {key} | {_cell(template)} | {_cell(pack.sources[key])} |"
                     for key, template in pack.templates.items())
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(render(), end="")
