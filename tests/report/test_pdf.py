"""PDF output: every table row is printed (the screen shows the first 50), figures are drawn
for the print window, in both languages (headless Chromium; skipped when it is absent)."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from rgpd_risk.report.html import STYLE, table
from rgpd_risk.report.runner import PRINT_WINDOW, export_pdf, find_chromium

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def _print(tmp_path: Path, name: str, rows: int, lang: str) -> int:
    frame = pl.DataFrame({"n": list(range(rows)), "texte": [f"ligne {i}" for i in range(rows)]})
    html = tmp_path / f"{name}.html"
    html.write_text(f"<html><head><meta charset='utf-8'>{STYLE}</head><body>"
                    f"{table(frame, lang, limit=50).text}</body></html>", encoding="utf-8")
    pdf = export_pdf(html, tmp_path / f"{name}.pdf")
    assert pdf is not None
    return _pages(pdf)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_long_table_is_printed_whole(tmp_path, lang):
    """50 rows fit on about one page; 400 rows need several: the rows past the screen limit
    are printed (they were cut at 50 before)."""
    short = _print(tmp_path, "short", 50, lang)
    long = _print(tmp_path, "long", 400, lang)
    assert long >= 4 * short, (short, long)


def test_screen_note_is_not_printed_and_names_the_pdf():
    text = table(pl.DataFrame({"n": list(range(60))}), "fr", limit=50).text
    assert 'class="rgpd-note rgpd-screen-only"' in text and "PDF" in text
    assert ".rgpd-screen-only{display:none !important}" in STYLE
    assert "@media screen{.rgpd-table tr.rgpd-more{display:none}}" in STYLE


#: Width of an A4 page's text at 96 dpi: 210 mm less the 12 mm margins of ``@page``.
A4_TEXT_PX = round((210 - 2 * 12) / 25.4 * 96)


def _printed(tmp_path: Path, body: str, script: str) -> str:
    """What ``script`` (a JavaScript expression) gives once ``body`` is laid out in Chromium with
    the print rules applied on screen at the A4 text width."""
    from .test_browser import _chromium

    probe = ("<script>addEventListener('load',()=>{document.body.insertAdjacentHTML('beforeend',"
             f"'<pre id=\"W\">'+({script})+'</pre>')}})</script>")
    style = STYLE.replace("@media print", "@media all")
    html = tmp_path / "printed.html"
    html.write_text(f"<html><head><meta charset='utf-8'>{style}<style>body{{margin:0}}</style>"
                    f"</head><body>{body}{probe}</body></html>", encoding="utf-8")
    dom = _chromium(html, tmp_path, f"--window-size={A4_TEXT_PX},1200", "--dump-dom").stdout
    return re.findall(r'<pre id="W">(.*?)</pre>', dom)[-1]  # the first is the script's own text


#: Width of the first table and of the page's text, in pixels.
_TABLE_AND_PAGE = ("Math.round(document.querySelector('table').getBoundingClientRect().width)"
                   "+'/'+document.body.clientWidth")


def test_a_wide_table_fits_the_printed_page(tmp_path):
    """A nine-column table with long unbreakable cells (rule references, identifiers, amounts)
    was cut at the right edge of the PDF: printed, cells wrap anywhere rather than overflow."""
    cells = {f"colonne_{i}": [f"RGPD-art.5(1)(f)-{'x' * 25}-{i}", "117 268 €"] for i in range(9)}
    table_w, body_w = map(int, _printed(tmp_path, table(pl.DataFrame(cells), "fr").text, _TABLE_AND_PAGE).split("/"))
    assert body_w == A4_TEXT_PX and table_w <= body_w


#: Lines of each cell of the first table's first row, joined with spaces.
_LINES = ("[...document.querySelectorAll('tbody tr:first-child td')].map(c=>{const r=document.createRange();"
          "r.selectNodeContents(c);return new Set([...r.getClientRects()].map(b=>Math.round(b.top))).size}).join(' ')")


def test_short_words_of_a_wide_table_are_not_broken(tmp_path):
    """The short cells of a wide table (a dataset's name, "non", "medium", a tier) were
    broken a letter or two a line ("no / n") beside long texts: printed, each is one line, while
    the long texts and tokens wrap and the table fits the page."""
    long = "base légale : consentement ; preuve du consentement : non ; " * 6
    frame = pl.DataFrame({"Traitement": ["Vidéosurveillance"], "AIPD réalisée": ["non"], "Degré": ["medium"],
                          "Palier": ["83(5)"], "Éléments": [long], "Action": [long],
                          "Règle": [f"RGPD-art.5(1)(f)-{'x' * 25}"]})
    lines, fit = _printed(tmp_path, table(frame, "fr").text, f"({_LINES})+'|'+{_TABLE_AND_PAGE}").split("|")
    table_w, body_w = map(int, fit.split("/"))
    assert [int(n) for n in lines.split()][:4] == [1] * 4, lines
    assert table_w <= body_w == A4_TEXT_PX


def test_print_window_keeps_the_two_column_layout():
    width = int(PRINT_WINDOW.split(",")[0])
    narrow = int(re.search(r"max-width:(\d+)px\)\{\.rgpd-row", STYLE).group(1))
    assert width > narrow  # rows of figures are drawn in columns, as they are printed


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reports_render_and_print_in_both_languages(report_runs, tmp_path, lang):
    from .test_browser import _chromium

    out, results = report_runs
    for kind in ("risk", "board"):
        html = results[lang].run_dir / f"{kind}_{lang}.html"
        expected = len(re.findall(r'class="plotly-graph-div"', html.read_text(encoding="utf-8")))
        proc = _chromium(html, tmp_path, "--dump-dom")
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert len(re.findall(r'class="[^"]*js-plotly-plot', proc.stdout)) == expected > 0
        errors = [line for line in proc.stderr.splitlines()
                  if "CONSOLE" in line and re.search(r"Uncaught|Error", line)]
        assert errors == []
    pdf = export_pdf(results[lang].run_dir / f"board_{lang}.html", tmp_path / f"board_{lang}.pdf")
    assert pdf is not None and 1 <= _pages(pdf) <= 2
