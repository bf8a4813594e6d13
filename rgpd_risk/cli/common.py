"""The argument vocabulary every ``rgpd-risk`` command shares, and the console helpers.

One vocabulary: the inventory is positional for every inventory command (``--inventory``
is kept as a deprecated alias), ``--organisation``, ``--today`` and ``--lang`` (default
French everywhere) mean the same thing everywhere; the simulation (``--seed``, ``--draws``,
``--horizon``) and output (``--xlsx``, ``--json``) groups are shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.markup import escape

from rgpd_risk.formatting import LANGS

__all__ = [
    "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "DEFAULT_LANG", "COMMANDS", "command",
    "make_console", "print_issues",
    "inventory_arguments", "simulation_arguments", "output_arguments", "resolve_inventory",
    "reference_date", "parse_money", "positive_int", "top_rows", "years",
]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

DEFAULT_LANG = "fr"
"""Language of every command's output unless ``--lang`` says otherwise."""


def make_console() -> Console:
    """The console of a command: no highlighting; lines are not hard-wrapped when the output
    is not a terminal (a pipe, a file, a test), so a message is never cut mid-sentence."""
    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal
    return console


def _where(issue) -> str:
    parts = [Path(issue.file).name]
    if issue.row is not None:
        parts.append(f"row {issue.row}")
    if issue.column:
        parts.append(f"column '{issue.column}'")
    return escape(", ".join(parts)) + ": "


def print_issues(console: Console, issues, *, limit: int | None = None) -> None:
    """Print inventory issues: level, file, row, column, message, value found, expected."""
    shown = issues if limit is None else issues[:limit]
    for issue in shown:
        style = "red" if issue.level == "error" else "yellow"
        console.print(
            f"[{style}]{issue.level}[/]: {_where(issue)}"
            + escape(issue.message
                     + (f" (found {issue.value!r})" if issue.value is not None else "")
                     + (f"; expected {issue.expected}" if issue.expected else "")),
            markup=True, highlight=False, soft_wrap=True,
        )
    if limit is not None and len(issues) > limit:
        console.print(f"… and {len(issues) - limit} more (use --all to list them)")


# --------------------------------------------------------------------------- registry

COMMANDS: list[tuple[str, str, str, Callable[[argparse.ArgumentParser], None], Callable]] = []
"""Subcommands in registration order: ``(name, help, description, configure, run)``."""


def command(name: str, help: str, description: str):
    """Register a subcommand: ``configure(parser)`` adds its arguments, ``run(args, console)``
    acts and returns the exit code (errors are raised, :func:`rgpd_risk.cli.main` reports them)."""

    def wrap(configure):
        def with_run(run):
            COMMANDS.append((name, help, description, configure, run))
            return run

        return with_run

    return wrap


# --------------------------------------------------------------------------- types

def parse_money(text: str) -> float:
    """Parse an amount such as 52e6, 52000000, 52 000 000 or 52_000_000,50.

    Examples
    --------
    >>> parse_money("52 000 000"), parse_money("1,5")
    (52000000.0, 1.5)
    """
    cleaned = text.replace("_", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an amount in euros: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"not a finite amount of euros >= 0: {text!r}")
    return value


T = TypeVar("T")


def _checked(text: str, cast: Callable[[str], T], ok: Callable[[T], bool], expected: str) -> T:
    """``cast(text)`` when it succeeds and passes ``ok``; else an argparse error naming ``expected``."""
    try:
        value = cast(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
    if not ok(value):
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    return value


def positive_int(text: str) -> int:
    """An argparse type: an integer >= 1."""
    return _checked(text, int, lambda v: v >= 1, "an integer >= 1")


def seed(text: str) -> int:
    """An argparse type for ``--seed``: an integer >= 0 (numpy's seeds are non-negative)."""
    return _checked(text, int, lambda v: v >= 0, "an integer >= 0")


def person_days(text: str) -> float:
    """An argparse type for ``--budget-days``: a finite number of person-days >= 0.

    Examples
    --------
    >>> person_days("12.5"), person_days("0")
    (12.5, 0.0)
    """
    return _checked(text, float, lambda v: math.isfinite(v) and v >= 0, "a number of person-days >= 0")


def top_rows(text: str) -> int:
    """An argparse type for ``--top``: 0 (every row) or a positive number of rows."""
    return 0 if text.strip() == "0" else positive_int(text)


def years(text: str) -> float:
    """An argparse type for ``--horizon``: a number of years in (0, 100]."""
    return _checked(text, float, lambda v: 0 < v <= 100, "a number of years in (0, 100]")


# --------------------------------------------------------------------------- groups

def inventory_arguments(p: argparse.ArgumentParser, *, today: bool = True,
                        lang: bool = True) -> None:
    """The inventory (positional; ``--inventory`` is a deprecated alias), ``--organisation``
    and, unless disabled, ``--today`` and ``--lang``."""
    p.add_argument("inventory", type=Path, nargs="?",
                   help="inventory file: CSV, XLSX, ODS (CNIL register), Parquet, JSON (Fides), YAML")
    p.add_argument("--inventory", dest="inventory_option", type=Path, metavar="INVENTORY",
                   help="deprecated: give the inventory as the positional argument")
    p.add_argument("--organisation", type=Path,
                   help="organisation profile YAML (default: organisation.yaml next to the inventory)")
    if today:
        p.add_argument("--today", type=dt.date.fromisoformat,
                       help="reference date YYYY-MM-DD of every figure (default: today)")
    if lang:
        p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                       help=f"language (default: {DEFAULT_LANG})")


def resolve_inventory(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Merge ``--inventory`` (deprecated) into the positional inventory; usage error when
    neither or two different ones are given."""
    if not hasattr(args, "inventory_option"):
        return
    alias = args.inventory_option
    del args.inventory_option
    if alias is not None:
        print("rgpd-risk: --inventory is deprecated; give the inventory as the positional "
              "argument", file=sys.stderr)
        if args.inventory is not None and args.inventory != alias:
            parser.error("two inventories given (positional and --inventory)")
        args.inventory = alias
    if args.inventory is None:
        parser.error("the inventory file is required")


def reference_date(args: argparse.Namespace) -> dt.date:
    """``--today``, else today's date: the one wall-clock read of a command, at its edge."""
    return getattr(args, "today", None) or dt.date.today()


def simulation_arguments(p: argparse.ArgumentParser, *, horizon: bool = True,
                         draws: bool = True) -> None:
    """``--seed`` (and ``--draws``, ``--horizon``) of the fine simulation."""
    g = p.add_argument_group("simulation")
    g.add_argument("--seed", type=seed, default=0,
                   help="seed of the simulation (same seed, same figures; default: 0)")
    if draws:
        g.add_argument("--draws", type=positive_int, default=20_000,
                       help="simulation draws (default: 20000)")
    if horizon:
        g.add_argument("--horizon", type=years, default=1.0, metavar="YEARS",
                       help="horizon in years (default: 1)")


def output_arguments(p: argparse.ArgumentParser, *, xlsx: str | None = None,
                     json: str | None = None) -> None:
    """``--xlsx`` / ``--json`` output files, with what they hold."""
    g = p.add_argument_group("outputs")
    if xlsx:
        g.add_argument("--xlsx", type=Path, help=xlsx)
    if json:
        g.add_argument("--json", type=Path, help=json)
