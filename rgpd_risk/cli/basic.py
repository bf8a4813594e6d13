"""``rgpd-risk validate``, ``fine``, ``estimate`` and ``scan``.

Expected failures raise (``InventoryError``, ``ValueError`` …); :func:`rgpd_risk.cli.main`
turns them into a plain message and exit code 1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

import polars as pl
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from rgpd_risk.cli.common import (
    DEFAULT_LANG,
    EXIT_OK,
    EXIT_PROBLEMS,
    command,
    inventory_arguments,
    parse_money,
    positive_int,
    print_issues,
    seed,
)
from rgpd_risk.console import print_frame
from rgpd_risk.discovery.reconcile import reconcile
from rgpd_risk.discovery.scanner import scan
from rgpd_risk.exposure.calculator import calculate_fine
from rgpd_risk.exposure.estimate import estimate_fine
from rgpd_risk.formatting import LANGS, format_eur
from rgpd_risk.i18n import text
from rgpd_risk.inventory.categories import unmapped_labels, write_mapping
from rgpd_risk.inventory.issues import MAX_SHOWN, InventoryError
from rgpd_risk.inventory.load import load_inventory


def _validate_args(p: argparse.ArgumentParser) -> None:
    inventory_arguments(p, today=False, lang=False)
    p.add_argument("--all", action="store_true", help="list every warning, not only the first 20")
    p.add_argument("--strict", action="store_true",
                   help="treat unmapped categories and other values the loader had to interpret as errors")
    p.add_argument("--map", type=Path, metavar="CATEGORIES_CSV",
                   help="your category mapping (CSV label,category), applied before the built-in synonyms")
    p.add_argument("--sheet", help="workbook sheet holding the register (XLSX / ODS)")
    p.add_argument("--write-map", type=Path, metavar="CSV",
                   help="write a mapping file to fill in, from the labels the loader could not map")


@command(
    "validate",
    "check an inventory and report every problem",
    "Load an inventory, check every cell, and report each problem with its file, row, "
    "column, value and what was expected. Exit code 1 when the inventory has errors.",
)(_validate_args)
def _validate(args: argparse.Namespace, console: Console) -> int:
    try:
        inv = load_inventory(args.inventory, args.organisation, strict=args.strict, mapping=args.map, sheet=args.sheet)
    except InventoryError as exc:
        errors = [i for i in exc.issues if i.level == "error"]
        console.print(f"[red bold]{escape(str(args.inventory))}: {len(errors)} error(s)[/] — the inventory "
                      "cannot be used as it is.")
        print_issues(console, list(exc.issues), limit=None if args.all else MAX_SHOWN)
        return EXIT_PROBLEMS
    console.print(f"[green bold]{escape(str(args.inventory))}: valid[/] — {inv.frame.height} datasets ({inv.format}).")
    if args.write_map:

        try:
            written = write_mapping(unmapped_labels(inv.frame), args.write_map)
        except OSError as exc:
            console.print(f"[red]cannot write {escape(str(args.write_map))}: {escape(exc.strerror or str(exc))}[/]")
            return EXIT_PROBLEMS
        console.print(f"  mapping file to fill in: {escape(str(written))}", highlight=False)
    for note in inv.notes:
        console.print(f"  note: {note}", highlight=False, markup=False, soft_wrap=True)
    if inv.organisation is not None:
        console.print(f"  organisation: {inv.organisation.name}", highlight=False, markup=False)
    if inv.issues:
        console.print(f"[yellow]{len(inv.issues)} warning(s)[/]:")
        print_issues(console, list(inv.issues), limit=None if args.all else 20)
    if inv.defaults_applied:
        table = Table(title="Defaults applied (pessimistic, see docs/inventory_schema.md)")
        table.add_column("column")
        table.add_column("rows", justify="right")
        for col, n in inv.defaults_applied:
            table.add_row(col, str(n))
        console.print(table)
    return EXIT_OK


def _adjustment(arg: str) -> tuple[str, float]:
    letter, _, change = arg.partition("=")
    try:
        return letter.strip().lower(), float(change.strip().rstrip("%")) / (100 if change.strip().endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LETTER=CHANGE such as h=+0.05 or c=-20%, got {arg!r}") from None


def _fine_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--tier", required=True, choices=["83(4)", "83(5)", "83(6)"], help="Art. 83 tier of the gravest infringement"
    )
    p.add_argument(
        "--turnover", type=parse_money,
        help="worldwide annual turnover of the undertaking (EUR); omit for a non-undertaking"
    )
    p.add_argument(
        "--seriousness",
        required=True,
        choices=["low", "medium", "high"],
        help="EDPB seriousness (Art. 83(2)(a), (b), (g))",
    )
    p.add_argument(
        "--starting-amount", type=parse_money, help="point chosen inside the seriousness band (default: its midpoint)"
    )
    p.add_argument(
        "--size-share", type=float, help="share chosen inside the size band, e.g. 0.03 (default: its midpoint)"
    )
    p.add_argument(
        "--adjust",
        type=_adjustment,
        action="append",
        default=[],
        metavar="LETTER=CHANGE",
        help="Step 3 circumstance, e.g. h=+0.05 or c=-20%% (letters c d e f h i j k, once each)",
    )
    p.add_argument("--final-factor", type=float, default=1.0, help="Step 5 multiplier (effectiveness, proportionality)")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                   help=f"language of the explanation (default: {DEFAULT_LANG})")
    p.add_argument("--json", action="store_true", help="print the calculation as JSON")


@command(
    "fine",
    "calculate a fine with the EDPB 04/2022 five steps",
    "Apply the EDPB Guidelines 04/2022 (v2.1) to one case: legal maximum, seriousness band, size "
    "adjustment, Step 3 circumstances, cap, Step 5 correction. Every discretionary choice is an "
    "option; the defaults are band midpoints.",
)(_fine_args)
def _fine(args: argparse.Namespace, console: Console) -> int:
    calc = calculate_fine(
        args.tier,
        args.turnover,
        args.seriousness,
        starting_amount=args.starting_amount,
        size_share=args.size_share,
        adjustments=tuple(args.adjust),
        final_factor=args.final_factor,
    )
    if args.json:
        console.print_json(json.dumps(calc.to_dict()))
        return EXIT_OK
    for step in calc.steps:
        title, body = (step.title_fr, step.text_fr) if args.lang == "fr" else (step.title_en, step.text_en)
        console.print(f"[bold]{step.number}. {title}[/]", highlight=False)
        console.print(f"   {body}", highlight=False, markup=False)
    label, maximum = text("cli.final_amount", args.lang), text("cli.legal_maximum", args.lang)
    console.print(
        f"[bold green]{label} : {format_eur(calc.final_amount, args.lang, digits=None)}[/] "
        f"({maximum} {format_eur(calc.legal_maximum, args.lang, digits=None)})",
        highlight=False,
    )
    return EXIT_OK


def _estimate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("articles", nargs="+", help="articles infringed, e.g. 'Art. 5(1)(f)' 32 'Art. 46(1) GDPR'")
    p.add_argument("--turnover", type=parse_money, help="worldwide annual turnover of the undertaking (EUR)")
    p.add_argument("--seriousness", choices=["low", "medium", "high"], help="default: inferred by the model")
    p.add_argument("--seed", type=seed, default=0, help="random seed (same seed, same figures)")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                   help=f"language of the figures (default: {DEFAULT_LANG})")
    p.add_argument("--json", action="store_true", help="print the estimate as JSON")


@command(
    "estimate",
    "estimate the distribution of a fine for a set of infringements",
    "Calibrated estimate of the fine if one is imposed: the tier follows from the gravest article; "
    "the distribution reflects the discretionary EDPB choices observed in real decisions "
    "(our modelling, see docs/fine_methodology.md).",
)(_estimate_args)
def _estimate(args: argparse.Namespace, console: Console) -> int:
    est = estimate_fine(args.articles, args.turnover, seriousness=args.seriousness, seed=args.seed)
    if args.json:
        console.print_json(json.dumps(est.to_dict()))
        return EXIT_OK
    lang = args.lang
    console.print(f"{text('cli.tier', lang)} {est.tier}, {text('cli.legal_maximum', lang)} "
                  f"{format_eur(est.legal_maximum, lang, digits=None)}", highlight=False)
    for q in (0.05, 0.5, 0.9, 0.95):
        console.print(f"  P{int(q * 100):<3} {format_eur(est.quantile(q), lang)}", highlight=False)
    console.print(f"  {text('cli.mean', lang)} {format_eur(est.mean, lang)}", highlight=False)
    return EXIT_OK


def _scan_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "source",
        nargs="+",
        help="CSV, Parquet, XLSX or JSON-lines files, folders, or database URLs "
        "(postgresql+psycopg://…, sqlite:///…, duckdb:///…)",
    )
    p.add_argument("--inventory", type=Path, help="register to reconcile the scan with")
    p.add_argument("--dataset-id", help="the register's dataset these files or tables belong to")
    p.add_argument("--full", action="store_true", help="read every row (default: a seeded sample)")
    p.add_argument("--sample", type=int, default=10_000, help="rows sampled per table (default 10 000)")
    p.add_argument("--seed", type=seed, default=0, help="sampling seed (same seed, same result)")
    p.add_argument("--schema", help="database schema to scan (default: every table)")
    p.add_argument("--workers", type=positive_int, help="local processes (default: one per core)")
    p.add_argument("--dask-scheduler", metavar="ADDRESS", help="run the per-table tasks on this Dask cluster")
    p.add_argument(
        "--json", type=Path, metavar="OUT", help="write the result (counts and masked examples only) as JSON"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


@command(
    "scan",
    "find personal data in files and databases",
    "Classify every column of the given files, folders or database tables (patterns with checksums, "
    "header heuristics in five languages, a trained classifier). Output holds counts and masked "
    "examples only, never a raw value. With --inventory and --dataset-id, the scan is reconciled "
    "with the register and the differences become findings. Tables or files that cannot be read are "
    "listed after the result; the exit code is then 1.",
)(_scan_args)
def _scan(args: argparse.Namespace, console: Console) -> int:
    if (args.inventory is None) != (args.dataset_id is None):
        raise ValueError("--inventory and --dataset-id go together")
    sources = args.source if len(args.source) > 1 else args.source[0]
    result = scan(
        sources,
        sample=args.sample,
        full=args.full,
        seed=args.seed,
        schema=args.schema,
        workers=args.workers,
        dask_scheduler=args.dask_scheduler,
        progress=not args.no_progress,
    )
    if args.dataset_id is not None:  # recorded, so that 'report --scan' knows its register row
        result = dataclasses.replace(result, parameters={**result.parameters,
                                                          "dataset_id": args.dataset_id})
    personal = result.personal()
    print_frame(console, personal.select("table", "column", "entity", "category",
                                         pl.col("confidence").round(2).cast(pl.Utf8), "match_share",
                                         pl.col("examples").list.join(", ")),
                f"Personal data found: {personal.height} of {result.columns.height} columns", "en",
                percent=("match_share",))
    if result.errors.height:
        console.print(text("cli.scan.unreadable", "en").format(count=result.errors.height), style="red bold",
                      highlight=False, markup=False)
        for row in result.errors.iter_rows(named=True):
            console.print(f"  {row['error']}", highlight=False, markup=False, soft_wrap=True)
    if args.json:
        result.to_json(args.json)
        console.print(f"wrote {args.json}", highlight=False, markup=False)
    if args.inventory is not None:
        inv = load_inventory(args.inventory)
        if args.dataset_id not in inv.frame["dataset_id"].to_list():
            raise ValueError(f"dataset id {args.dataset_id!r} is not in {args.inventory}")
        findings = reconcile(result, inv.frame, args.dataset_id)
        console.print(f"[bold]{findings.height} finding(s) against the register[/] for "
                      f"{escape(args.dataset_id)}:")
        for row in findings.iter_rows(named=True):
            console.print(
                f"  [{row['tier']}] {', '.join(row['articles'])} — {row['title_en']}: {row['evidence']}",
                highlight=False,
                markup=False,
                soft_wrap=True,
            )
    return EXIT_PROBLEMS if result.errors.height else EXIT_OK
