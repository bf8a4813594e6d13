"""The ``rgpd-risk`` command line.

Every subcommand is a thin layer over the library (most over :func:`rgpd_risk.pipeline.run`):
parse arguments, call, print plain-words results. The arguments share one vocabulary
(:mod:`rgpd_risk.cli.common`). Errors are raised by the commands and caught here only
(:func:`execute`): expected failures (bad input, missing files, a failed report) end with a
clear message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from rich.console import Console
from rich.markup import escape

# the command modules register themselves on import
from rgpd_risk.cli import assess as _assess  # noqa: F401
from rgpd_risk.cli import basic as _basic  # noqa: F401
from rgpd_risk.cli import exposure as _exposure  # noqa: F401
from rgpd_risk.cli import plan as _plan  # noqa: F401
from rgpd_risk.cli import report as _report  # noqa: F401
from rgpd_risk.cli.common import (
    COMMANDS,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    make_console,
    print_issues,
    resolve_inventory,
)
from rgpd_risk.discovery.database import hide_credentials
from rgpd_risk.inventory.issues import MAX_SHOWN, InventoryError
from rgpd_risk.report.runner import ReportError

__all__ = ["main", "build_parser", "execute", "parse"]

ORDER = ("validate", "assess", "fine", "estimate", "exposure", "scan", "plan", "what-if", "report")
"""Order of the commands in ``rgpd-risk --help``."""


def _version() -> str:
    try:
        return version("rgpd_risk")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="rgpd-risk",
        description="GDPR (RGPD) risk analytics: validate inventories, assess risks, estimate fines, "
        "scan data, plan remediation and write reports.",
        epilog="Run 'rgpd-risk COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"rgpd-risk {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    rank = {name: i for i, name in enumerate(ORDER)}
    for name, help_, description, configure, run in sorted(
            COMMANDS, key=lambda c: rank.get(c[0], len(ORDER))):
        p = sub.add_parser(name, help=help_, description=description)
        configure(p)
        p.set_defaults(run=run, _parser=p)
    return parser


def execute(run, args: argparse.Namespace, console: Console) -> int:
    """Run one command; the one place its errors become a message and an exit code."""
    try:
        return int(run(args, console) or 0)
    except InventoryError as exc:
        console.print("[red bold]The input has problems:[/]")
        print_issues(console, list(exc.issues), limit=None if getattr(args, "all", False) else MAX_SHOWN)
        return EXIT_PROBLEMS
    except ReportError as exc:
        console.print(f"[red bold]report failed:[/] {escape(hide_credentials(str(exc)))}", highlight=False,
                      soft_wrap=True)
        console.print("The previous reports (OUT/latest) are unchanged.", highlight=False)
        return EXIT_PROBLEMS
    except KeyError as exc:  # an unknown key named by the library (action, dataset …)
        console.print(f"[red bold]error:[/] {escape(hide_credentials(str(exc.args[0] if exc.args else exc)))}",
                      highlight=False, soft_wrap=True)
        return EXIT_PROBLEMS
    except (OSError, ValueError) as exc:  # a missing file, a read-only folder, a full disk …
        console.print(f"[red bold]error:[/] {escape(hide_credentials(_os_message(exc)))}", highlight=False,
                      soft_wrap=True)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        console.print("interrupted")
        return 130


def _os_message(exc: Exception) -> str:
    """The message of an error; an operating-system error names its file and its cause
    ("/srv/reports/risk.xlsx: No space left on device")."""
    if isinstance(exc, OSError) and exc.strerror and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def parse(argv: Sequence[str] | None = None,
          parser: argparse.ArgumentParser | None = None) -> argparse.Namespace:
    """Parse a command line (the deprecated ``--inventory`` merged into the positional)."""
    parser = parser or build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "run", None):
        resolve_inventory(args, getattr(args, "_parser", parser))
    if hasattr(args, "_parser"):
        del args._parser
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``rgpd-risk`` console script."""
    args = parse(argv)
    if not getattr(args, "run", None):
        build_parser().print_help()
        return EXIT_USAGE
    return execute(args.run, args, make_console())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
