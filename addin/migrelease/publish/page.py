"""The release page the Bureau would post: one self-contained, styled HTML file per language (and its Markdown),
in the release's language.

In reading order: the title and dates, the other languages, the contents, the key points with the charts (alt
text), the spreadsheet, every dynamic table as a real table (caption, column and row headers), the glossary, the
methodological explanations, the useful links (as links) and the contact. Headings go h1 > h2 > h3 without a gap;
the style sheet is in the page (no request leaves it), wide tables scroll inside their own box so the page never
scrolls sideways, and print gets its own rules.

Every text — the key points, the Settings' dates and contact details, region and group names — is escaped for the
format it lands in: HTML-escaped in the HTML, and in the Markdown backslash-escaped (no "*", "_", "|", "[a](b)",
"<script>" read as markup); control characters (ANSI escapes) are dropped.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from migrelease.model.tables import TABLE_SPECS, TableFrame
from migrelease.release.compute import Release
from migrelease.sheets.blocks import NOT_AVAILABLE
from migrelease.sheets.labels import column_label, period_label
from migrelease.sheets.settings import SETTING_CONTACT_DETAILS, SETTING_NEXT_PUBLICATION, SETTING_PUBLICATION
from migrelease.sheets.table_sheets import table_title
from migrelease.sheets.words import LANGUAGE_TITLES, sheet_words
from migrelease.text.numfmt import INTERNATIONAL, NO_BREAK_SPACE, NumberStyle

_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|>~$])")  # $: math on GitHub
_MARKDOWN_LINE_START = re.compile(r"^(\s*(?:\d+)?)([-+=.)])")  # "1." / "- " a list, "=" a heading, at a start
# Table figures group thousands as the workbook shows them: "6,197" in English, "6 197" in Russian and Kazakh.
TABLE_NUMBERS = {"en": INTERNATIONAL, "ru": NumberStyle(",", NO_BREAK_SPACE), "kk": NumberStyle(",", NO_BREAK_SPACE)}


@dataclass(frozen=True)
class ChartImage:
    kind: str  # annual, comparison, ethnic
    name: str  # the PNG's file name beside the page (the Markdown links to it)
    alt: str  # what the chart shows, in a sentence of the page's language
    png: bytes  # the image itself: the HTML carries it (a data: URL), so the page is one self-contained file


@dataclass(frozen=True)
class PageFiles:
    """What a page links to, by name in the same folder: the workbook, the chart images, and the pages of the
    other languages (lang -> name)."""
    workbook: str
    charts: tuple[ChartImage, ...] = ()
    other_pages: dict[str, str] = field(default_factory=dict)
    open_data: tuple[tuple[str, str], ...] = ()  # (word key naming it, file name): the data package, SDMX


def plain(text) -> str:
    """Text without control characters (an ANSI escape in a Settings value must not reach a page)."""
    return _CONTROL.sub("", str(text))


def markdown_text(text) -> str:
    """Text for Markdown: every character Markdown or its HTML would read as markup, escaped."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))
    escaped = _MARKDOWN_LINE_START.sub(lambda match: match.group(1) + "\\" + match.group(2), escaped)
    return escaped.replace("&", "&amp;").replace("<", "&lt;")


def _e(text) -> str:
    return html.escape(plain(text))


def _url(name: str) -> str:
    return quote(name)


def _figure(value: float, lang: str) -> str:
    if value != value:  # NaN: not available
        return NOT_AVAILABLE
    return TABLE_NUMBERS[lang].integer(value)


def page_title(release: Release, draft: str | None = None) -> str:
    words = sheet_words(release.lang)
    title = words("cover.heading", title=words("release_title"), period=period_label(release.span, release.lang))
    return f"{draft}: {title}" if draft else title


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str


# What a section holds besides its heading: paragraphs and lists, as the revisions' page section gives them.
Content = list[tuple[str, object]]


def _sections(words, revisions: tuple[str, Content] | None) -> list[Section]:
    sections = [Section("key-points", words("page.key_points")), Section("spreadsheets", words("page.spreadsheets"))]
    if revisions is not None:
        sections.append(Section("revisions", revisions[0]))
    return sections + [Section("dynamic-tables", words("dynamic_tables")), Section("glossary", words("cover.glossary")),
                       Section("methodology", words("cover.methodology")), Section("links", words("cover.links"))]


def _content_html(content: Content) -> list[str]:
    parts = []
    for kind, item in content:
        if kind == "list":
            parts.append("<ul>" + "".join(f"<li>{_e(entry)}</li>" for entry in item) + "</ul>")
        else:
            parts.append(f"<p>{_e(item)}</p>")
    return parts


def _content_markdown(content: Content) -> list[str]:
    lines = []
    for kind, item in content:
        lines += ([f"- {markdown_text(entry)}" for entry in item] if kind == "list" else [markdown_text(item)]) + [""]
    return lines


def _dates(release: Release, words) -> list[str]:
    not_set = words("page.not_set")
    settings = release.settings
    return [words("cover.published", date=settings.get(SETTING_PUBLICATION) or not_set),
            words("cover.next", date=settings.get(SETTING_NEXT_PUBLICATION) or not_set)]


def _contact(release: Release, words) -> str:
    details = release.settings.get(SETTING_CONTACT_DETAILS)
    return words("contact") + (f", {details}" if details else "")


def _tables(release: Release) -> dict[str, list[TableFrame]]:
    by_frequency: dict[str, list[TableFrame]] = {"annual": [], "monthly": []}
    for spec in TABLE_SPECS:
        by_frequency[spec.frequency].append(release.tables[spec.code])
    return by_frequency


def _table_html(table: TableFrame, release: Release, words) -> str:
    lang = release.lang
    caption = table_title(table, words) + f" ({words('people')})"
    head = "".join(f'<th scope="col">{_e(column_label(span, lang))}</th>' for span in table.columns)
    body = "".join(
        f'<tr><th scope="row">{_e(region.name(lang))}</th>'
        + "".join(f"<td>{_e(_figure(value, lang))}</td>" for value in row) + "</tr>"
        for region, row in zip(table.rows, table.values))
    return (f'<div class="table-box" role="region" aria-label="{_e(caption)}" tabindex="0"><table id="{table.spec.code}">'
            f"<caption>{_e(caption)}</caption><thead><tr><th scope=\"col\">{_e(words('region'))}</th>{head}</tr>"
            f"</thead><tbody>{body}</tbody></table></div>")


def _table_markdown(table: TableFrame, release: Release, words) -> list[str]:
    lang = release.lang
    header = [words("region"), *(column_label(span, lang) for span in table.columns)]
    lines = [f"**{markdown_text(table_title(table, words))} ({markdown_text(words('people'))})**", "",
             "| " + " | ".join(markdown_text(cell) for cell in header) + " |",
             "|" + "|".join(["---"] + ["---:"] * len(table.columns)) + "|"]
    for region, row in zip(table.rows, table.values):
        lines.append("| " + " | ".join([markdown_text(region.name(lang)),
                                        *(markdown_text(_figure(value, lang)) for value in row)]) + " |")
    return lines + [""]


STYLE = """
:root { --ink: #1b1b1b; --muted: #555; --rule: #c8d3df; --head: #DDEBF7; --accent: #1F4E79; }
* { box-sizing: border-box; }
html { font-family: "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 1180px; padding: 1.5rem 2rem 3rem; line-height: 1.5; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; color: var(--accent); }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.dates { color: var(--muted); margin: .25rem 0; }
.draft { background: #fde7e7; border: 2px solid #b00020; color: #b00020; padding: .5rem 1rem; font-weight: bold; }
nav.languages { margin: .5rem 0 1rem; }
nav.languages a { margin-right: 1rem; }
nav.contents ol { columns: 2; margin: 0; }
a { color: #0563C1; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: .9rem; }
.table-box { max-width: 100%; overflow-x: auto; margin: .5rem 0 1.5rem; }
table { border-collapse: collapse; font-size: .78rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; font-size: .95rem; padding: .25rem 0; }
th, td { border: 1px solid var(--rule); padding: .2rem .4rem; }
thead th { background: var(--head); vertical-align: bottom; }
tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
td { text-align: right; white-space: nowrap; }
tbody tr:first-child th, tbody tr:first-child td { font-weight: bold; }
dl dt { font-weight: bold; }
dl dd { margin: 0 0 .75rem 1.5rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); padding-top: .5rem; color: var(--muted); }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.languages, nav.contents { display: none; }
  .table-box { overflow: visible; }
  table { font-size: 7.5pt; }
  h2 { break-after: avoid; }
  table, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def release_html(release: Release, files: PageFiles, draft: str | None = None,
                 draft_reasons: tuple[str, ...] = (), revisions: tuple[str, Content] | None = None) -> str:
    """The page; `draft`: the DRAFT mark (and `draft_reasons`, what it is published despite); `revisions`: the
    revisions' section (sheets.revisions.page_section) when figures were published before."""
    words = sheet_words(release.lang)
    lang = release.lang
    title = page_title(release, draft)
    sections = _sections(words, revisions)
    by_anchor = {section.anchor: section for section in sections}
    parts = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_e(title)}</title>",
             *(f'<link rel="alternate" hreflang="{other}" href="{_e(_url(name))}">'
               for other, name in files.other_pages.items()),
             f"<style>{STYLE}</style>", "</head>", "<body>", "<header>", f"<h1>{_e(title)}</h1>",
             *(f'<p class="dates">{_e(line)}</p>' for line in _dates(release, words))]
    if draft:
        parts.append(f'<p class="draft">{_e(words("page.draft"))}'
                     + (": " + "; ".join(_e(reason) for reason in draft_reasons) if draft_reasons else "") + "</p>")
    if files.other_pages:
        links = "".join(f'<a href="{_e(_url(name))}" hreflang="{other}" lang="{other}">{_e(LANGUAGE_TITLES[other])}</a>'
                        for other, name in files.other_pages.items())
        parts.append(f'<nav class="languages" aria-label="{_e(words("page.other_languages"))}">{links}</nav>')
    parts.append("</header>")
    parts.append(f'<nav class="contents" aria-labelledby="contents-heading"><h2 id="contents-heading">'
                 f'{_e(words("page.contents"))}</h2><ol>'
                 + "".join(f'<li><a href="#{section.anchor}">{_e(section.heading)}</a></li>' for section in sections)
                 + "</ol></nav>")
    parts.append("<main>")
    key, spreadsheets, dynamic, glossary, methodology, links = (
        by_anchor[anchor] for anchor in ("key-points", "spreadsheets", "dynamic-tables", "glossary", "methodology",
                                         "links"))
    parts.append(f'<section id="{key.anchor}"><h2>{_e(key.heading)}</h2>')
    parts += [f"<p>{_e(point)}</p>" for point in release.key_points.get(lang, ())]
    for chart in files.charts:
        source = "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")
        parts.append(f'<figure><img src="{source}" alt="{_e(chart.alt)}"><figcaption>{_e(chart.alt)}'
                     "</figcaption></figure>")
    parts.append("</section>")
    parts.append(f'<section id="{spreadsheets.anchor}"><h2>{_e(spreadsheets.heading)}</h2><p><a href="'
                 f'{_e(_url(files.workbook))}">{_e(words("page.workbook_link", title=words("public_title"), period=period_label(release.span, lang)))}</a></p>'
                 + (f'<h3>{_e(words("page.open_data"))}</h3><ul>'
                    + "".join(f'<li><a href="{_e(_url(name))}">{_e(words(key))}</a></li>' for key, name in files.open_data)
                    + "</ul>" if files.open_data else "") + "</section>")
    if revisions is not None:
        parts += [f'<section id="revisions"><h2>{_e(revisions[0])}</h2>', *_content_html(revisions[1]), "</section>"]
    parts.append(f'<section id="{dynamic.anchor}"><h2>{_e(dynamic.heading)}</h2>')
    for frequency, frames in _tables(release).items():
        parts.append(f"<h3>{_e(words('by_year' if frequency == 'annual' else 'by_month'))}</h3>")
        parts += [_table_html(frame, release, words) for frame in frames]
    parts.append("</section>")
    parts.append(f'<section id="{glossary.anchor}"><h2>{_e(glossary.heading)}</h2><dl>'
                 + "".join(f"<dt>{_e(term)}</dt><dd>{_e(definition)}</dd>" for term, definition in words.glossary)
                 + "</dl></section>")
    parts.append(f'<section id="{methodology.anchor}"><h2>{_e(methodology.heading)}</h2>'
                 + "".join(f"<p>{_e(text)}</p>" for text in words.methodology) + "</section>")
    parts.append(f'<section id="{links.anchor}"><h2>{_e(links.heading)}</h2><ul>'
                 + "".join(f'<li><a href="{_e(url)}">{_e(name)}</a></li>' for name, url in words.useful_links)
                 + "</ul></section>")
    parts.append("</main>")
    parts.append(f"<footer><p>{_e(words('cover.responsible', contact=_contact(release, words)))}</p>"
                 f"<p>{_e(words('source_line', publisher=words('publisher')))}</p></footer>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def release_markdown(release: Release, files: PageFiles, draft: str | None = None,
                     draft_reasons: tuple[str, ...] = (), revisions: tuple[str, Content] | None = None) -> str:
    """The page in Markdown, the same content as release_html (the charts as the PNG files beside it)."""
    words = sheet_words(release.lang)
    lang = release.lang
    sections = _sections(words, revisions)
    by_anchor = {section.anchor: section for section in sections}
    lines = [f"# {markdown_text(page_title(release, draft))}", ""]
    lines += [f"{markdown_text(line)}  " for line in _dates(release, words)] + [""]
    if draft:
        lines += [f"**{markdown_text(words('page.draft'))}**"
                  + (": " + "; ".join(markdown_text(reason) for reason in draft_reasons) if draft_reasons else ""),
                  ""]
    if files.other_pages:
        lines += [" · ".join(f"[{markdown_text(LANGUAGE_TITLES[other])}]({_url(name)})"
                             for other, name in files.other_pages.items()), ""]
    lines += [f"## {markdown_text(words('page.contents'))}", ""]
    lines += [f"{number}. [{markdown_text(section.heading)}](#{section.anchor})"
              for number, section in enumerate(sections, start=1)] + [""]
    key, spreadsheets, dynamic, glossary, methodology, links = (
        by_anchor[anchor] for anchor in ("key-points", "spreadsheets", "dynamic-tables", "glossary", "methodology",
                                         "links"))
    lines += [f'## <a id="{key.anchor}"></a>{markdown_text(key.heading)}', ""]
    for point in release.key_points.get(lang, ()):
        lines += [markdown_text(point), ""]
    for chart in files.charts:
        lines += [f"![{markdown_text(chart.alt)}]({_url(chart.name)})", ""]
    lines += [f'## <a id="{spreadsheets.anchor}"></a>{markdown_text(spreadsheets.heading)}', "",
              f"[{markdown_text(words('page.workbook_link', title=words('public_title'), period=period_label(release.span, lang)))}]"
              f"({_url(files.workbook)})", ""]
    if files.open_data:
        lines += [f"### {markdown_text(words('page.open_data'))}", "",
                  *(f"- [{markdown_text(words(key))}]({_url(name)})" for key, name in files.open_data), ""]
    if revisions is not None:
        lines += [f'## <a id="revisions"></a>{markdown_text(revisions[0])}', "", *_content_markdown(revisions[1])]
    lines += [f'## <a id="{dynamic.anchor}"></a>{markdown_text(dynamic.heading)}', ""]
    for frequency, frames in _tables(release).items():
        lines += [f"### {markdown_text(words('by_year' if frequency == 'annual' else 'by_month'))}", ""]
        for frame in frames:
            lines += _table_markdown(frame, release, words)
    lines += [f'## <a id="{glossary.anchor}"></a>{markdown_text(glossary.heading)}', ""]
    lines += [f"- **{markdown_text(term)}** – {markdown_text(definition)}" for term, definition in words.glossary]
    lines += ["", f'## <a id="{methodology.anchor}"></a>{markdown_text(methodology.heading)}', ""]
    for text in words.methodology:
        lines += [markdown_text(text), ""]
    lines += [f'## <a id="{links.anchor}"></a>{markdown_text(links.heading)}', ""]
    lines += [f"- [{markdown_text(name)}]({url})" for name, url in words.useful_links] + [""]
    lines += ["---", "", markdown_text(words("cover.responsible", contact=_contact(release, words))), "",
              markdown_text(words("source_line", publisher=words("publisher"))), ""]
    return "\n".join(lines)


def page_languages(lang: str) -> tuple[str, ...]:
    """The editions `publish --lang` writes: one, or all three for "all"."""
    return ("kk", "ru", "en") if lang == "all" else (lang,)  # as the Bureau lists them: Қазақша, Русский, English

