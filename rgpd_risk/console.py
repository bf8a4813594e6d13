"""Terminal rendering shared by the ``rgpd-risk`` subcommands: rich tables of polars frames
and the progress bar of long work (scans, report runs)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import polars as pl

from rgpd_risk.formatting import format_eur, format_number, format_percent

__all__ = ["print_frame", "progress_bar"]


def print_frame(console, frame: pl.DataFrame, title: str, lang: str, *, money: Iterable[str] = (),
                percent: Iterable[str] = (), signed: Iterable[str] = ()) -> None:
    """Print ``frame`` as a table: numbers in the language's format (euros for the ``money``
    columns, shares for ``percent``, a leading ``+`` for positive ``signed`` values), text
    escaped so that an inventory's text is never read as console markup.

    Examples
    --------
    >>> import io
    >>> from rich.console import Console
    >>> out = io.StringIO()
    >>> print_frame(Console(file=out, width=60), pl.DataFrame({"x": ["[b]a[/b]"], "eur": [1234.0],
    ...             "p": [0.5]}), "T", "en", money=["eur"], percent=["p"])
    >>> print(out.getvalue().splitlines()[4])
    │ [b]a[/b] │ €1,234 │ 50.0% │
    """
    from rich.markup import escape
    from rich.table import Table

    money, percent, signed = set(money), set(percent), set(signed)

    def cell(col: str, value) -> str:
        if value is None:
            return "—"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return escape(str(value))
        if col in money:
            return format_eur(value, lang)
        if col in percent:
            return format_percent(value, lang)
        text = format_number(value, lang, digits=1 if isinstance(value, float) else 0)
        return f"+{text}" if col in signed and value > 0 else text

    table = Table(title=escape(title), title_justify="left")
    for col in frame.columns:
        numeric = frame.schema[col].is_numeric()
        table.add_column(escape(col), overflow="fold", justify="right" if numeric else "left")
    for row in frame.iter_rows():
        table.add_row(*[cell(c, v) for c, v in zip(frame.columns, row, strict=True)])
    console.print(table)


def progress_bar(label: str, enabled: bool = True) -> Any:
    """A transient rich progress bar on stderr (``label``, bar, done/total, current item).

    Shown only when ``enabled`` and stderr is a terminal, so logs, pipes and notebooks stay
    clean; use it as a context manager (``add_task``, ``update``, ``advance``).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),
        console=Console(stderr=True),
        disable=not (enabled and sys.stderr.isatty()),
        transient=True,
    )
