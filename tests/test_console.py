"""Terminal rendering: tables in the reader's language, markup escaped, quiet progress off a tty."""

from __future__ import annotations

import io

import polars as pl
from rich.console import Console

from rgpd_risk.console import print_frame, progress_bar


def test_print_frame_formats_french_numbers_and_escapes_markup() -> None:
    out = io.StringIO()
    frame = pl.DataFrame({"nom": ["[red]x[/red]"], "montant": [1234567.0], "part": [0.041],
                          "delta": [2.5], "n": [3]})
    print_frame(Console(file=out, width=120), frame, "Titre [b]", "fr", money=["montant"],
                percent=["part"], signed=["delta"])
    text = out.getvalue().replace("\u202f", " ").replace("\xa0", " ")
    assert "[red]x[/red]" in text and "Titre [b]" in text
    assert "1 234 567 €" in text and "4,1 %" in text and "+2,5" in text


def test_progress_bar_is_silent_when_stderr_is_not_a_terminal(capsys) -> None:
    with progress_bar("work") as bar:
        task = bar.add_task("", total=2)
        bar.advance(task, 2)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
