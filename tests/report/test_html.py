"""Escaped HTML fragments and the Report helper."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from rgpd_risk.report.html import Html, Report, escape, table

SCRIPT = "<script>alert(1)</script>"


def test_table_escapes_every_cell_and_header():
    frame = pl.DataFrame({SCRIPT: [SCRIPT], "n": [3]})
    text = table(frame, "en").text
    assert "<script>" not in text
    assert escape(SCRIPT) in text


def test_table_limit_adds_a_note():
    frame = pl.DataFrame({"n": list(range(120))})
    text = table(frame, "en", limit=50).text
    assert text.count("<tr>") == 51  # header + 50 rows
    assert "first 50 of 120 rows" in text


def test_table_formats_money_and_shares():
    frame = pl.DataFrame({"amount": [1_500_000.0], "share": [0.25]})
    text = table(frame, "en", formats={"amount": "eur", "share": "percent"}).text
    assert "€1,500,000" in text and "25.0%" in text


def test_empty_table_message():
    assert "Nothing to report." in table(pl.DataFrame({"a": []}), "en").text


def test_plotly_bundle_embedded_once():
    rep = Report("fr")
    first, second = rep.figure(go.Figure()).text, rep.figure(go.Figure()).text
    assert "Plotly.newPlot" in first and "Plotly.newPlot" in second
    assert len(first) > 1_000_000 > len(second)
    assert "<script src=" not in first  # inline, no CDN


def test_repr_stays_small():
    rep = Report("en")
    assert len(repr(rep.figure(go.Figure()))) < 100


def test_title_and_section_are_escaped():
    rep = Report("en")
    assert "&lt;b&gt;" in rep.title("<b>", "<i>").text
    assert rep.section("legal_bases").text.startswith("<h2>Legal bases</h2>")


def test_a_table_beside_a_figure_gets_widths_for_its_half_of_the_line():
    """Printed beside a figure, a table has half the line: a table that fits the whole line as
    it is gets column widths (its short headers kept whole) once it is placed in a row, also
    inside a composed fragment; alone it is unchanged."""
    frame = pl.DataFrame({"Palier (art. 83)": ["loi Informatique et Libertés"], "Faible": [1], "Moyenne": [2],
                          "Élevée": [0], "Constats": [3]})
    rep = Report("fr")
    alone = rep.table(frame)
    assert "<colgroup>" not in alone.text
    for part in (alone, rep.show(rep.note("n"), alone)):
        beside = rep.row(Html("<p>figure</p>"), part).text
        assert "<colgroup>" in beside and beside.count('<th class="rgpd-word">') == 5
    assert rep.row(Html("<p>a</p>"), Html("<p>b</p>")).text.count("<div>") == 2


def test_the_compact_board_computes_widths_for_its_longer_line():
    """The board prints its tables in smaller type: a table that fits its line there is left to
    the browser, while the same table in a report of ordinary type gets column widths."""
    frame = pl.DataFrame({"Décision demandée": ["Faire cesser les pratiques illicites et organiser la gestion"],
                          "Responsable de l'action": ["Direction juridique"], "Échéance": ["4 mars 2027"]})
    assert "<colgroup>" in Report("fr").table(frame).text
    assert "<colgroup>" not in Report("fr", compact=True).table(frame).text
