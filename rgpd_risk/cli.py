"""The ``rgpd-risk`` command line.

Every subcommand is a thin layer over the public API: parse arguments, call the library,
print plain-words results. Expected failures (bad input, missing files) end with a clear
message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rgpd_risk import __version__
from rgpd_risk.inventory.issues import InventoryError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable]] = {}


def command(name: str, help: str, description: str):
    """Register a subcommand: ``configure(parser)`` adds its arguments, ``run(args, console)`` acts."""
    def wrap(configure):
        def with_run(run):
            _COMMANDS[name] = (help, description, configure, run)
            return run
        return with_run
    return wrap


def _print_issues(console: Console, issues, *, limit: int | None = None) -> None:
    shown = issues if limit is None else issues[:limit]
    for issue in shown:
        style = "red" if issue.level == "error" else "yellow"
        console.print(f"[{style}]{issue.level}[/]: {_where(issue)}{issue.message}"
                      + (f" (found {issue.value!r})" if issue.value is not None else "")
                      + (f"; expected {issue.expected}" if issue.expected else ""),
                      markup=True, highlight=False, soft_wrap=True)
    if limit is not None and len(issues) > limit:
        console.print(f"… and {len(issues) - limit} more (use --all to list them)")


def _where(issue) -> str:
    from rich.markup import escape

    parts = [Path(issue.file).name]
    if issue.row is not None:
        parts.append(f"row {issue.row}")
    if issue.column:
        parts.append(f"column '{issue.column}'")
    return escape(", ".join(parts)) + ": "


def _validate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, help="inventory file: CSV, XLSX, ODS (CNIL register), Parquet, JSON (Fides), YAML")
    p.add_argument("--organisation", type=Path, help="organisation profile YAML (default: organisation.yaml next to PATH)")
    p.add_argument("--all", action="store_true", help="list every warning, not only the first 20")


@command("validate", "check an inventory and report every problem",
         "Load an inventory, check every cell, and report each problem with its file, row, "
         "column, value and what was expected. Exit code 1 when the inventory has errors.")(_validate_args)
def _validate(args: argparse.Namespace, console: Console) -> int:
    from rgpd_risk.inventory.load import load_inventory

    try:
        inv = load_inventory(args.path, args.organisation)
    except InventoryError as exc:
        errors = [i for i in exc.issues if i.level == "error"]
        console.print(f"[red bold]{args.path}: {len(errors)} error(s)[/] — the inventory cannot be used as it is.")
        _print_issues(console, list(exc.issues))
        return EXIT_PROBLEMS
    console.print(f"[green bold]{args.path}: valid[/] — {inv.frame.height} datasets ({inv.format}).")
    for note in inv.notes:
        console.print(f"  note: {note}", highlight=False, markup=False)
    if inv.organisation is not None:
        console.print(f"  organisation: {inv.organisation.name}", highlight=False, markup=False)
    if inv.issues:
        console.print(f"[yellow]{len(inv.issues)} warning(s)[/]:")
        _print_issues(console, list(inv.issues), limit=None if args.all else 20)
    if inv.defaults_applied:
        table = Table(title="Defaults applied (pessimistic, see docs/inventory_schema.md)")
        table.add_column("column")
        table.add_column("rows", justify="right")
        for col, n in inv.defaults_applied:
            table.add_row(col, str(n))
        console.print(table)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="rgpd-risk",
        description="GDPR (RGPD) risk analytics: validate inventories, assess risks, estimate fines, "
                    "scan data, plan remediation and write reports.",
        epilog="Run 'rgpd-risk COMMAND --help' for the options of a command.")
    parser.add_argument("--version", action="version", version=f"rgpd-risk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_, description, configure, run) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_, description=description)
        configure(p)
        p.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rgpd-risk`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_USAGE
    console = Console(stderr=False, highlight=False)
    try:
        return int(args.run(args, console) or 0)
    except InventoryError as exc:
        console.print("[red bold]The input has problems:[/]")
        _print_issues(console, list(exc.issues))
        return EXIT_PROBLEMS
    except (FileNotFoundError, PermissionError, IsADirectoryError, ValueError) as exc:
        console.print(f"[red bold]error:[/] {exc}", highlight=False)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        console.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
