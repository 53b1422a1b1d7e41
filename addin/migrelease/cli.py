"""Command line: `migrelease refresh | validate | publish | export | keypoints | sample | build-workbook |
lite-code`."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from importlib import resources
from pathlib import Path

from migrelease import __version__
from migrelease.build.lite_code import lite_code
from migrelease.filedoor.refresh import check_workbook_file, read_inputs, refresh_workbook
from migrelease.model.completeness import MISSING_ROWS_CHOICES
from migrelease.model.problems import InputProblems
from migrelease.publish.opendata import FORMAT_CHOICES, export_open_data, formats_of
from migrelease.publish.record import revision_lines
from migrelease.publish.release_files import publish_workbook
from migrelease.publish.validation import validate_inputs
from migrelease.release.compute import compute_release
from migrelease.text.keypoints import draft_key_points
from migrelease.text.lang import LANGUAGES
from migrelease.text.numfmt import STYLES
from migrelease.sheets.words import LANGUAGE_TITLES, LANGUAGES as EDITIONS
from migrelease.text.period_labels import span_label

def terminal_safe(text: str) -> str:
    """`text` with every control character but newline and tab shown as an escape (\\x1b…), so text from the
    user's cells (ANSI escape codes included) is shown, never obeyed, by the terminal."""
    return "".join(character if character in "\n\t" or (character.isprintable() and character != "\x7f")
                   else character.encode("unicode_escape").decode("ascii") for character in text)


def say(text: str, file=None) -> None:
    print(terminal_safe(text), file=file or sys.stdout)


SAMPLE_FILES = {"data": "sample_data.csv", "population": "sample_population.csv",
                "ethnicity": "sample_ethnicity.csv"}


def _sample_path(kind: str):
    return resources.files("migrelease").joinpath(f"data/{SAMPLE_FILES[kind]}")


def command_refresh(args) -> int:
    started = time.perf_counter()
    plan = refresh_workbook(args.workbook, data_csv=args.data, period=args.period,
                            progress=lambda message: print(f"  {message}…", file=sys.stderr),
                            charts_dir=args.charts, lang=args.lang, missing_rows=args.missing_rows,
                            allow_incomplete=args.allow_incomplete, published=args.published,
                            next_publication=args.next)
    release = plan.release
    print(f"Refreshed {args.workbook} for {span_label(release.span)} in {LANGUAGE_TITLES[release.lang]} "
          f"({len(release.tables)} dynamic tables, key points in {', '.join(release.key_points)}) "
          f"in {time.perf_counter() - started:.2f} s")
    for code, table in release.tables.items():
        print(f"  {code:<10} {table.spec.title}: {len(table.rows)} rows x {len(table.columns)} periods")
    for line in plan.warnings:
        say(line)
    say(plan.revisions.summary())
    if args.charts:
        print(f"Wrote the charts as PNG files to {args.charts}")
    stamp = plan.stamp
    print(f"Stamped the release: {stamp.when}, period {stamp.period}, missing rows: {stamp.missing_rows}"
          + (f", incomplete ({stamp.missing_region_months} region-months lack rows; their figures are not available)"
             if stamp.missing_region_months else ""))
    return 0


def command_validate(args) -> int:
    report = validate_inputs(Path(args.workbook) if args.workbook else None, Path(args.data) if args.data else None,
                             period=args.period, missing_rows=args.missing_rows)
    say(report.text())
    return 0 if report.ok else 2


def command_publish(args) -> int:
    published = publish_workbook(args.workbook, args.out, draft=args.draft, published=args.published,
                                 next_publication=args.next, include_data=args.include_data, lang=args.lang,
                                 accept_revisions=args.accept_revisions)
    if published.draft:
        print("DRAFT published despite:", file=sys.stderr)
        for problem in published.refusals:
            say(f"  - {problem}", file=sys.stderr)
    print(f"Published {', '.join(str(book) for book in published.workbooks)} "
          f"({published.formulas_replaced} formulas replaced by values)")
    for page in published.pages:
        print(f"  release page: {page}")
    revisions = published.revisions
    if revisions is not None and revisions.items:
        say(f"{revisions.summary().split(';')[0]} (accepted with --accept-revisions):")
        for line in revision_lines(revisions):
            say(f"  {line}")
    if published.record is not None:
        last = published.record.last
        print(f"Recorded publication {last.number} of {last.published_on} in {args.workbook}: "
              f"{len(published.record.values)} figures (_Release sheet)")
    return 0


def command_export(args) -> int:
    started = time.perf_counter()
    written = export_open_data(args.workbook, args.out, formats_of(args.format))
    print(f"Exported the open data of {args.workbook} ({args.format}) to {args.out} "
          f"in {time.perf_counter() - started:.2f} s")
    for path in written:
        print(f"  {path.name}")
    return 0


def command_keypoints(args) -> int:
    workbook = Path(args.workbook) if args.workbook else None
    if workbook is not None:
        check_workbook_file(workbook, for_writing=False)
    data = Path(args.data) if args.data else (None if workbook else Path(str(_sample_path("data"))))
    inputs = read_inputs(workbook, data)
    release = compute_release(inputs.facts, args.period, inputs.data_source, languages=())
    for paragraph in draft_key_points(release.figures, args.lang, args.style):
        print(paragraph)
        print()
    return 0


def command_sample(args) -> int:
    shutil.copyfile(str(_sample_path("data")), args.out)
    print(f"Wrote the sample data (illustrative, not official) to {args.out}")
    for kind, option in (("population", args.population), ("ethnicity", args.ethnicity)):
        if option:
            shutil.copyfile(str(_sample_path(kind)), option)
            print(f"Wrote the sample {kind} data to {option}")
    return 0


def command_build_workbook(args) -> int:
    # The build needs the [build] extra (oletools reads xlwings' VBA); a server that only refreshes has no need.
    from migrelease.build.workbook import build_workbook

    started = time.perf_counter()
    out = build_workbook(args.out, lang=args.lang)
    print(f"Built {out} ({LANGUAGE_TITLES[args.lang]}) from vba/*.bas, migrelease.udfs and the sample data in "
          f"{time.perf_counter() - started:.2f} s")
    return 0


def command_lite_code(args) -> int:
    for name, text in lite_code(args.wheel_url).items():
        print(f"# --- {name} (paste into the {name} tab of the xlwings Lite editor) ---")
        print(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="migrelease", description=__doc__)
    parser.add_argument("--version", action="version", version=f"migrelease {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def completeness_options(command, allow: bool = True) -> None:
        command.add_argument("--missing-rows", choices=MISSING_ROWS_CHOICES, default=None,
                             help="what a region x flow x direction row absent from a month means: error (default) "
                                  "or zero (the export leaves out zero counts); also the Settings key 'Missing rows'")
        if allow:
            command.add_argument("--allow-incomplete", action="store_true",
                                 help="refresh despite missing rows: every figure that needs one is not available, "
                                      "and Checks records it")

    def date_options(command) -> None:
        command.add_argument("--published", metavar="DD.MM.YYYY", help="date of publication (written to Settings)")
        command.add_argument("--next", metavar="DD.MM.YYYY", help="date of next publication (written to Settings)")

    refresh = commands.add_parser("refresh", help="refresh every table sheet and the key points of a workbook")
    refresh.add_argument("workbook", help="the release workbook (.xlsm or .xlsx), refreshed in place")
    refresh.add_argument("--data", metavar="FILE.csv", help="replace the Data sheet with this CSV first")
    refresh.add_argument("--period", metavar="YYYY-MM", help="reporting month (default: the data's latest)")
    refresh.add_argument("--charts", metavar="DIR", help="also write the charts as PNG files into DIR")
    refresh.add_argument("--lang", choices=EDITIONS, default=None,
                         help="the language of the whole release (default: the Settings sheet's Language, else en)")
    completeness_options(refresh)
    date_options(refresh)
    refresh.set_defaults(run=command_refresh)

    validate = commands.add_parser("validate", help="check a workbook's inputs (or a CSV) as a refresh would; "
                                                    "writes nothing; exit 0 or 2")
    validate.add_argument("workbook", nargs="?", help="the release workbook (.xlsm or .xlsx)")
    validate.add_argument("--data", metavar="FILE.csv", help="check this CSV as the Data (alone, or instead of "
                                                             "the workbook's Data sheet)")
    validate.add_argument("--period", metavar="YYYY-MM", help="reporting month (default: the data's latest)")
    completeness_options(validate, allow=False)
    validate.set_defaults(run=command_validate)

    publish = commands.add_parser("publish", help="write the public, macro-free .xlsx and the release page")
    publish.add_argument("workbook", help="a refreshed release workbook (.xlsm or .xlsx); changed only by "
                                          "--published/--next (written to its Settings) and by the record of "
                                          "the publication (its _Release sheet)")
    publish.add_argument("--out", metavar="DIR", required=True, help="folder for the published files")
    publish.add_argument("--draft", action="store_true", help="publish even where the gates refuse, marked DRAFT")
    publish.add_argument("--accept-revisions", action="store_true",
                         help="publish although it revises figures published before (listed; see the Revisions "
                              "sheet); without it such a publication is refused")
    publish.add_argument("--include-data", action="store_true",
                         help="also put the input sheets (Data, Population, Ethnicity) in the public .xlsx")
    publish.add_argument("--lang", choices=(*EDITIONS, "all"), default=None,
                         help="the edition to publish, or all three (each page links the other two); default: the "
                              "language of the last refresh")
    date_options(publish)
    publish.set_defaults(run=command_publish)

    export = commands.add_parser("export", help="write the open data: a tidy CSV with its Frictionless data "
                                                "package, and SDMX (structure and data)")
    export.add_argument("workbook", help="a refreshed release workbook (.xlsm or .xlsx); it is not changed")
    export.add_argument("--format", choices=FORMAT_CHOICES, default="all",
                        help="csv (+ datapackage.json), sdmx (SDMX-ML 2.1 structure and data, SDMX-CSV), or all")
    export.add_argument("--out", metavar="DIR", required=True, help="folder for the open-data files")
    export.set_defaults(run=command_export)

    keypoints = commands.add_parser("keypoints", help="print the drafted key points")
    source = keypoints.add_mutually_exclusive_group()
    source.add_argument("--data", metavar="FILE.csv", help="data as CSV (default: the embedded sample)")
    source.add_argument("--workbook", metavar="WB", help="read the Data sheet of this workbook")
    keypoints.add_argument("--period", metavar="YYYY-MM")
    keypoints.add_argument("--lang", choices=LANGUAGES, default="en")
    keypoints.add_argument("--style", choices=sorted(STYLES), default=None,
                           help="number style (default: the language's; bureau = 6197 and 25,9)")
    keypoints.set_defaults(run=command_keypoints)

    sample = commands.add_parser("sample", help="write the embedded sample data as CSV")
    sample.add_argument("out", metavar="OUT.csv")
    sample.add_argument("--population", metavar="OUT.csv", help="also write the sample Population data")
    sample.add_argument("--ethnicity", metavar="OUT.csv", help="also write the sample Ethnicity data")
    sample.set_defaults(run=command_sample)

    build = commands.add_parser("build-workbook", help="build the release workbook (.xlsm with the button, the "
                                                       "macros and the UDFs) from the text sources")
    build.add_argument("--out", metavar="PATH.xlsm", default="workbook/migration_release.xlsm",
                       help="where to write it (default: workbook/migration_release.xlsm)")
    build.add_argument("--lang", choices=EDITIONS, default="en", help="the language of the release (default en)")
    build.set_defaults(run=command_build_workbook)

    lite = commands.add_parser("lite-code", help="print main.py and requirements.txt for the xlwings Lite add-in "
                                                 "(Excel on the web and Mac)")
    lite.add_argument("--wheel-url", required=True, metavar="URL",
                      help="where the browser downloads migrelease's wheel (…/migrelease-0.1.0-py3-none-any.whl)")
    lite.set_defaults(run=command_lite_code)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputProblems as error:
        say(error.report(), file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
