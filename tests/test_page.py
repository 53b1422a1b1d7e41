"""The release page (issue 15): one self-contained, styled HTML file per language (and its Markdown) — read back
with lxml for its structure and figures, rendered by headless Chromium at 1280 px (not blank, no sideways
scroll, every chart drawn), and fed hostile Settings text (escaped in both formats)."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess

import lxml.html
import pytest

from migrelease.filedoor.refresh import refresh_workbook
from migrelease.model.tables import TABLE_SPECS
from migrelease.publish.page import TABLE_NUMBERS, PageFiles, markdown_text, release_html, release_markdown
from migrelease.publish.release_files import publish_workbook
from migrelease.sheets.blocks import NOT_AVAILABLE
from migrelease.sheets.labels import column_label
from migrelease.sheets.words import LANGUAGES, LANGUAGE_TITLES, sheet_words
from publication_workbooks import build_workbook

HOSTILE = "<script>alert(1)</script> *bold* _it_ | [a](b) $x$ \x1b[31mred\x1b[0m"
NAMES = {lang: f"migration-of-the-population-january-march-2026-{lang}" for lang in LANGUAGES}


def chromium_or_fail() -> str:
    """Headless Chromium (Debian's `chromium`); on CI (CI=true) its absence is a failure, elsewhere a skip."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs Chromium for the page test: apt-get install chromium")
        pytest.skip("Chromium is not installed")
    return browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The three pages and their Markdown as `publish --lang all` writes them: lang -> (html, md, release)."""
    folder = tmp_path_factory.mktemp("pages")
    workbook = build_workbook(folder / "release.xlsx")
    plan = refresh_workbook(workbook)
    published = publish_workbook(workbook, folder / "out", lang="all")
    assert len(published.workbooks) == 3 and not published.draft
    return {lang: (folder / "out" / f"{NAMES[lang]}.html", folder / "out" / f"{NAMES[lang]}.md",
                   dataclasses.replace(plan.release, lang=lang)) for lang in LANGUAGES}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_structure(pages, lang):
    html_path, _, release = pages[lang]
    document = lxml.html.fromstring(html_path.read_bytes())
    words = sheet_words(lang)
    assert document.get("lang") == lang
    levels = [int(element.tag[1]) for element in document.iter("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:])), "headings in order"
    headings = [element.text_content() for element in document.iter("h2")]
    assert headings == [words(key) for key in ("page.contents", "page.key_points", "page.spreadsheets",
                                               "dynamic_tables", "cover.glossary", "cover.methodology",
                                               "cover.links")]
    # contents: every entry a link to a section of the page
    ids = {element.get("id") for element in document.iter() if element.get("id")}
    contents = document.xpath("//nav[@class='contents']//a/@href")
    assert len(contents) == 6 and all(href[1:] in ids for href in contents)
    # the other two languages, each link named in its own language
    languages = document.xpath("//nav[@class='languages']/a")
    assert {(a.get("hreflang"), a.get("href"), a.text_content()) for a in languages} == {
        (other, f"{NAMES[other]}.html", LANGUAGE_TITLES[other]) for other in LANGUAGES if other != lang}
    # key points: the release's own paragraphs, in its language
    paragraphs = [p.text_content() for p in document.xpath("//section[@id='key-points']/p")]
    assert paragraphs == list(release.key_points[lang])
    # charts: in the page itself (data: URLs), each described
    images = document.xpath("//img")
    assert len(images) == 3 and all(img.get("src").startswith("data:image/png;base64,") for img in images)
    assert all(len(img.get("alt")) > 20 for img in images)
    # no resource from elsewhere: the useful links are the only addresses out, and they are links
    assert not document.xpath("//script|//link[@rel='stylesheet']|//iframe")
    outside = [a.get("href") for a in document.iter("a") if a.get("href", "").startswith("http")]
    assert outside == [url for _, url in words.useful_links]
    assert document.xpath("//section[@id='spreadsheets']//a/@href") == [
        f"{NAMES[lang]}.xlsx", "datapackage.json", "sdmx-structure.xml", "sdmx-data.xml", "sdmx-data.csv"]
    assert "@media print" in document.xpath("//style")[0].text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_dynamic_table_is_a_table_with_the_figures(pages, lang):
    html_path, _, release = pages[lang]
    document = lxml.html.fromstring(html_path.read_bytes())
    tables = document.xpath("//section[@id='dynamic-tables']//table")
    assert [table.get("id") for table in tables] == [spec.code for spec in TABLE_SPECS]
    numbers = TABLE_NUMBERS[lang]
    for table in tables:
        frame = release.tables[table.get("id")]
        assert table.xpath("caption")[0].text_content().startswith(sheet_words(lang).table_title(
            frame.spec.flow_group, frame.spec.measure))
        head = table.xpath("thead/tr/th")
        assert all(th.get("scope") == "col" for th in head)
        assert [th.text_content() for th in head[1:]] == [column_label(span, lang) for span in frame.columns]
        rows = table.xpath("tbody/tr")
        assert [row.xpath("th")[0].get("scope") for row in rows] == ["row"] * len(frame.rows)
        assert [row.xpath("th")[0].text_content() for row in rows] == [region.name(lang) for region in frame.rows]
        shown = [[cell.text_content() for cell in row.xpath("td")] for row in rows]
        expected = [[NOT_AVAILABLE if value != value else numbers.integer(value) for value in values]
                    for values in frame.values]
        assert shown == expected, frame.spec.code


def test_the_markdown_is_the_same_page(pages):
    for lang, (_, markdown_path, release) in pages.items():
        markdown = markdown_path.read_text(encoding="utf-8")
        assert markdown.startswith("# ") and markdown.count("\n# ") == 0
        assert markdown.count("| --- |") == 0 and markdown.count("|---|") == len(TABLE_SPECS)
        for chart in ("international-migration-by-year", "international-migration-period", "ethnic-structure"):
            assert re.search(rf"!\[[^\]]+\]\({chart}-{lang}\.png\)", markdown)
        for other in LANGUAGES:
            assert (f"]({NAMES[other]}.html)" in markdown) == (other != lang)


def test_user_text_is_escaped_in_both_formats(sample_release_full, tmp_path):
    release = dataclasses.replace(sample_release_full, lang="ru", settings={
        "Date of publication": HOSTILE, "Contact details": HOSTILE})
    files = PageFiles("book.xlsx")
    html = release_html(release, files)
    document = lxml.html.fromstring(html)
    assert not document.xpath("//script") and "\x1b" not in html
    assert "<script>alert(1)</script> *bold* _it_ | [a](b) $x$ red" in document.text_content()
    markdown = release_markdown(release, files)
    assert "\x1b" not in markdown and "<script>" not in markdown
    assert markdown_text(HOSTILE) in markdown
    assert markdown_text(HOSTILE) == ("&lt;script\\>alert\\(1\\)&lt;/script\\> \\*bold\\* \\_it\\_ \\| \\[a\\]\\(b\\) \\$x\\$ "
                                      "red")


def test_chromium_renders_each_page_at_1280_px_without_sideways_scroll(pages, tmp_path):
    browser = chromium_or_fail()
    from PIL import Image

    probe = ('<script>var d=document.documentElement;document.body.setAttribute("data-measure",'
             'JSON.stringify({scroll:d.scrollWidth,client:d.clientWidth,text:document.body.innerText.length,'
             'images:Array.from(document.images).filter(function(i){return i.complete&&i.naturalWidth>0}).length}'
             '));</script></body>')
    for lang, (html_path, _, _) in pages.items():
        probed = tmp_path / f"probe-{lang}.html"
        probed.write_text(html_path.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
        common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                  f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000"]
        dom = subprocess.run([*common, "--window-size=1280,900", "--dump-dom", probed.as_uri()],
                             capture_output=True, text=True, timeout=120).stdout
        measure = re.search(r'data-measure="([^"]+)"', dom)
        assert measure, f"{lang}: the page did not render"
        import html as html_module
        import json
        figures = json.loads(html_module.unescape(measure.group(1)))
        assert figures["scroll"] <= figures["client"] <= 1280, (lang, figures)  # no horizontal scroll
        assert figures["text"] > 5000 and figures["images"] == 3, (lang, figures)
        shot = tmp_path / f"page-{lang}.png"
        subprocess.run([*common, "--window-size=1280,1600", f"--screenshot={shot}", html_path.as_uri()],
                       capture_output=True, timeout=120)
        image = Image.open(shot).convert("L")
        assert image.size == (1280, 1600)
        histogram = image.histogram()
        assert sum(histogram[:200]) > 0.02 * image.size[0] * image.size[1], f"{lang}: the page is blank"


def test_a_hostile_group_name_is_drawn_and_published_as_text(tmp_path):
    """An ethnic group named like TeX math and markup: the charts draw it as text (matplotlib's math mode would
    fail on "$\\x$" after the workbook was rewritten), the pages escape it. (A workbook cannot hold an ANSI escape:
    XML forbids the control character.)"""
    from migrelease import cli
    from migrelease.model.facts import ETHNICITY

    name = "Group $\\x$ *a* <b>|</b> [a](b)"

    def rename(frame):
        frame = frame.copy()
        frame.loc[frame["ethnic_group"] == "Uyghur", "ethnic_group"] = name
        return frame
    workbook = build_workbook(tmp_path / "hostile.xlsx", edits={ETHNICITY: rename})
    assert cli.main(["refresh", str(workbook), "--charts", str(tmp_path / "charts")]) == 0
    assert (tmp_path / "charts" / "ethnic-structure-en.png").read_bytes()[:4] == b"\x89PNG"
    assert cli.main(["publish", str(workbook), "--out", str(tmp_path / "out")]) == 0
    for page in (tmp_path / "out").glob("*.html"):
        assert "<b>|</b>" not in page.read_text(encoding="utf-8") and "\x1b" not in page.read_text(encoding="utf-8")
