"""``rgpd-risk report KIND``: run the report notebooks and print every path written.

Wire it into :mod:`rgpd_risk.cli` with the ``command`` decorator::

    from rgpd_risk.report import cli as report_cli
    command("report", report_cli.HELP, report_cli.DESCRIPTION)(report_cli.configure)(report_cli.run)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rgpd_risk.report.i18n import LANGS
from rgpd_risk.report.runner import KINDS, ReportError, expand_kinds, run_reports

HELP = "write the HTML (and PDF / Excel) reports"
DESCRIPTION = (
    "Execute the report notebooks on an inventory and export them as HTML for non-technical "
    "readers (code hidden, charts embedded, works offline). KIND is inventory, risk, board, "
    "discovery or all. Output goes to OUT/<run-id>/ and OUT/latest points at the last "
    "successful run; a failed run leaves the previous one untouched."
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``rgpd-risk report``."""
    parser.add_argument("kind", choices=[*KINDS, "all"], metavar="KIND",
                        help=f"report to write: {', '.join(KINDS)} or all")
    parser.add_argument("--inventory", type=Path, required=True,
                        help="inventory file: CSV, XLSX, ODS, Parquet, JSON or YAML")
    parser.add_argument("--organisation", type=Path,
                        help="organisation profile YAML (default: organisation.yaml next to the inventory)")
    parser.add_argument("--lang", choices=LANGS, default="fr", help="report language (default: fr)")
    parser.add_argument("--out", type=Path, default=Path("reports"),
                        help="output folder (default: reports)")
    parser.add_argument("--pdf", action="store_true", help="also print each report to PDF (needs Chromium)")
    parser.add_argument("--xlsx", action="store_true", help="also write the Excel risk register")
    parser.add_argument("--run-id", help="run identifier (default: date + hash of the inputs)")
    parser.add_argument("--scan", type=Path, help="scan result for the discovery report")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the exposure simulation and of the remediation plan (default: 0)")
    parser.add_argument("--focus-dataset", default="", metavar="DATASET_ID",
                        help="dataset the risk report explains (default: the highest-risk dataset)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    from rgpd_risk.cli import positive_int

    parser.add_argument("--keep", type=positive_int, metavar="N",
                        help="after a successful run, keep only the N most recent run folders in OUT "
                             "(the one OUT/latest points to is never removed)")


def run(args: argparse.Namespace, console) -> int:
    """Run the reports; print the paths written. Exit code 1 with a plain message on failure."""
    try:
        kinds = expand_kinds(args.kind, scan=args.scan)
        if args.kind == "discovery" and args.scan is None:
            console.print("[red bold]error:[/] the discovery report needs --scan PATH "
                          "(the result of 'rgpd-risk scan')", highlight=False)
            return 1
        result = run_reports(kinds, args.inventory, args.organisation, lang=args.lang,
                             out=args.out, pdf=args.pdf, xlsx=args.xlsx, run_id=args.run_id,
                             scan=args.scan, seed=args.seed, focus_dataset=args.focus_dataset,
                             keep=args.keep, progress=not args.no_progress)
    except ReportError as exc:
        from rich.markup import escape

        console.print(f"[red bold]report failed:[/] {escape(str(exc))}", highlight=False,
                      soft_wrap=True)
        console.print("The previous reports (OUT/latest) are unchanged.", highlight=False)
        return 1
    for message in result.messages:
        console.print(f"[yellow]note:[/] {message}", highlight=False)
    for path in result.paths:
        console.print(str(path), highlight=False, markup=False, soft_wrap=True)
    for path in result.pruned:
        console.print(f"removed old run {path}", highlight=False, markup=False, soft_wrap=True)
    console.print(str(result.run_dir.parent / "latest"), highlight=False, markup=False, soft_wrap=True)
    console.print(f"[green]run {result.run_id}[/] written in {result.seconds:.1f} s", highlight=False)
    return 0
