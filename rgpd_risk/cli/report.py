"""``rgpd-risk report KIND INVENTORY``: run the report notebooks and print every path written."""

from __future__ import annotations

import argparse
from pathlib import Path

from rgpd_risk.cli.common import (
    EXIT_PROBLEMS,
    command,
    inventory_arguments,
    positive_int,
    reference_date,
    seed,
)
from rgpd_risk.report.runner import KINDS, expand_kinds, run_reports

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
    inventory_arguments(parser)
    parser.add_argument("--out", type=Path, default=Path("reports"),
                        help="output folder (default: reports)")
    parser.add_argument("--pdf", action="store_true", help="also print each report to PDF (needs Chromium)")
    parser.add_argument("--xlsx", action="store_true", help="also write the Excel risk register")
    parser.add_argument("--run-id", help="run identifier (default: date + hash of the inputs)")
    parser.add_argument("--scan", metavar="PATH",
                        help="scan result JSON ('rgpd-risk scan --json'), or a file, folder or "
                             "database URL to scan first; its reconciled findings go into every "
                             "report and the Excel register")
    parser.add_argument("--scan-dataset", default="", metavar="DATASET_ID",
                        help="register row the scanned data belongs to (default: the one "
                             "'rgpd-risk scan --dataset-id' recorded)")
    parser.add_argument("--seed", type=seed, default=0,
                        help="seed of the exposure simulation, of the remediation plan and of a "
                             "scan run first (default: 0)")
    parser.add_argument("--focus-dataset", default="", metavar="DATASET_ID",
                        help="dataset the risk report explains (default: the highest-risk dataset)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--keep", type=positive_int, metavar="N",
                        help="after a successful run, keep only the N most recent run folders in OUT "
                             "(the one OUT/latest points to is never removed)")


@command("report", HELP, DESCRIPTION)(configure)
def run(args: argparse.Namespace, console) -> int:
    """Run the reports; print the paths written. A failed run raises ``ReportError``
    (:func:`rgpd_risk.cli.main` says the previous reports are unchanged)."""
    kinds = expand_kinds(args.kind, scan=args.scan)
    if args.kind == "discovery" and args.scan is None:
        console.print("[red bold]error:[/] the discovery report needs --scan PATH "
                      "(the result of 'rgpd-risk scan')", highlight=False)
        return EXIT_PROBLEMS
    result = run_reports(kinds, args.inventory, args.organisation, lang=args.lang,
                         out=args.out, pdf=args.pdf, xlsx=args.xlsx, run_id=args.run_id,
                         scan=args.scan, seed=args.seed, focus_dataset=args.focus_dataset,
                         keep=args.keep, progress=not args.no_progress,
                         today=reference_date(args), scan_dataset=args.scan_dataset)
    for message in result.messages:
        console.print(f"[yellow]note:[/] {message}", highlight=False)
    for path in result.paths:
        console.print(str(path), highlight=False, markup=False, soft_wrap=True)
    for path in result.pruned:
        console.print(f"removed old run {path}", highlight=False, markup=False, soft_wrap=True)
    console.print(str(result.run_dir.parent / "latest"), highlight=False, markup=False, soft_wrap=True)
    console.print(f"[green]run {result.run_id}[/] written in {result.seconds:.1f} s", highlight=False)
    return 0
