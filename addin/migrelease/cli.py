"""Command line: `migrelease refresh | keypoints | sample | build-workbook | publish | export | lite-code`."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from importlib import resources
from pathlib import Path

from migrelease.build.lite_code import lite_code
from migrelease.filedoor.refresh import check_workbook_file, read_inputs, refresh_workbook
from migrelease.model.problems import InputProblems
from migrelease.publish.opendata import FORMAT_CHOICES, export_open_data, formats_of
from migrelease.publish.release_files import publish_workbook
from migrelease.release.compute import compute_release
from migrelease.text.keypoints import draft_key_points
from migrelease.text.lang import LANGUAGES
from migrelease.text.numfmt import STYLES
from migrelease.sheets.words import LANGUAGE_TITLES, LANGUAGES as EDITIONS
from migrelease.text.period_labels import span_label

SAMPLE_FILES = {"data": "sample_data.csv", "population": "sample_population.csv",
                "ethnicity": "sample_ethnicity.csv"}


def _sample_path(kind: str):
    return resources.files("migrelease").joinpath(f"data/{SAMPLE_FILES[kind]}")


def command_refresh(args) -> int:
    started = time.perf_counter()
    plan = refresh_workbook(args.workbook, data_csv=args.data, period=args.period,
                            progress=lambda message: print(f"  {message}…", file=sys.stderr),
                            charts_dir=args.charts, lang=args.lang)
    release = plan.release
    print(f"Refreshed {args.workbook} for {span_label(release.span)} in {LANGUAGE_TITLES[release.lang]} "
          f"({len(release.tables)} dynamic tables, key points in {', '.join(release.key_points)}) "
          f"in {time.perf_counter() - started:.2f} s")
    for code, table in release.tables.items():
        print(f"  {code:<10} {table.spec.title}: {len(table.rows)} rows x {len(table.columns)} periods")
    for line in plan.warnings:
        print(line)
    print(plan.revisions.summary())
    if args.charts:
        print(f"Wrote the charts as PNG files to {args.charts}")
    return 0


def command_publish(args) -> int:
    published = publish_workbook(args.workbook, args.out)
    print(f"Published {published.workbook} ({published.formulas_replaced} formulas replaced by values)")
    for page in published.pages:
        print(f"  release page: {page}")
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
    commands = parser.add_subparsers(dest="command", required=True)

    refresh = commands.add_parser("refresh", help="refresh every table sheet and the key points of a workbook")
    refresh.add_argument("workbook", help="the release workbook (.xlsm or .xlsx), refreshed in place")
    refresh.add_argument("--data", metavar="FILE.csv", help="replace the Data sheet with this CSV first")
    refresh.add_argument("--period", metavar="YYYY-MM", help="reporting month (default: the data's latest)")
    refresh.add_argument("--charts", metavar="DIR", help="also write the charts as PNG files into DIR")
    refresh.add_argument("--lang", choices=EDITIONS, default=None,
                         help="the language of the whole release (default: the Settings sheet's Language, else en)")
    refresh.set_defaults(run=command_refresh)

    publish = commands.add_parser("publish", help="write the public, macro-free .xlsx and the release page")
    publish.add_argument("workbook", help="a refreshed release workbook (.xlsm or .xlsx); it is not changed")
    publish.add_argument("--out", metavar="DIR", required=True, help="folder for the published files")
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
        print(error.report(), file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
