"""Layer 4: a real headless Chromium opens the HTML reports (skipped when Chromium is absent).

Checks that every plotly figure is rendered (``js-plotly-plot`` with an ``svg.main-svg``),
that the page logs no uncaught JavaScript error, that the hostile dataset name never runs
(it would set ``document.title``) but shows as text, and keeps a screenshot as an artefact
under ``reports/test-artifacts/``. Also prints one report to PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rgpd_risk.report.runner import chromium_command, export_pdf, find_chromium

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "reports" / "test-artifacts"

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")


def _chromium(html: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = chromium_command(find_chromium(), tmp_path / "profile", "--enable-logging=stderr", "--v=0",
                           "--virtual-time-budget=15000", "--run-all-compositor-stages-before-draw",
                           *extra, html.resolve().as_uri())
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


@pytest.mark.parametrize("kind", ["inventory", "board"])
def test_report_renders_in_chromium(report_runs, kind, tmp_path):
    out, results = report_runs
    html = results["en"].run_dir / f"{kind}_en.html"
    source = html.read_text(encoding="utf-8")
    expected = len(re.findall(r'class="plotly-graph-div"', source))
    assert expected > 0
    proc = _chromium(html, tmp_path, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert len(re.findall(r'class="[^"]*js-plotly-plot', dom)) == expected
    assert dom.count('class="main-svg"') >= expected
    errors = [line for line in proc.stderr.splitlines()
              if "CONSOLE" in line and re.search(r"Uncaught|Error", line)]
    assert errors == []
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "pwned" not in title


def test_script_name_is_text_not_code(report_runs, tmp_path):
    out, results = report_runs
    html = results["fr"].run_dir / "inventory_fr.html"
    proc = _chromium(html, tmp_path, "--dump-dom")
    assert "&lt;script&gt;document.title=" in proc.stdout
    assert "pwned" not in re.search(r"<title>(.*?)</title>", proc.stdout, re.S).group(1)


def test_screenshot_artefact(report_runs, tmp_path):
    out, results = report_runs
    html = results["fr"].run_dir / "board_fr.html"
    shot = tmp_path / "board_fr.png"
    proc = _chromium(html, tmp_path, "--hide-scrollbars", "--window-size=1200,2400",
                     f"--screenshot={shot}")
    assert proc.returncode == 0 and shot.stat().st_size > 10_000
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, ARTEFACTS / shot.name)


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_export_board_fits_two_pages(report_runs, tmp_path, lang):
    out, results = report_runs
    pdf = export_pdf(results[lang].run_dir / f"board_{lang}.html", tmp_path / f"board_{lang}.pdf")
    assert pdf is not None and pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000
    assert 1 <= _pages(pdf) <= 2


def test_board_print_css_hides_the_modebar(report_runs):
    out, results = report_runs
    html = (results["en"].run_dir / "board_en.html").read_text(encoding="utf-8")
    prints = re.findall(r"@media print\{(.*?)\n\}", html, re.S)
    assert any(".modebar" in p and "display:none" in p for p in prints)
    assert any(".rgpd-figure{zoom:" in p for p in prints)


class _FigureWidths(HTMLParser):
    """Width of each plotly ``svg.main-svg`` (the first of each figure), split into figures
    inside a ``rgpd-row`` and figures on their own."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.row_depth = 0, None
        self.in_row: list[float] = []
        self.alone: list[float] = []
        self._figure_open = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div":
            self.depth += 1
            if "rgpd-row" in classes and self.row_depth is None:
                self.row_depth = self.depth
            if "plotly-graph-div" in classes:
                self._figure_open = True
        if tag == "svg" and "main-svg" in classes and self._figure_open and a.get("width"):
            (self.in_row if self.row_depth is not None else self.alone).append(float(a["width"]))
            self._figure_open = False

    def handle_endtag(self, tag):
        if tag == "div":
            if self.row_depth == self.depth:
                self.row_depth = None
            self.depth -= 1


def test_figures_side_by_side_fit_their_column(report_runs, tmp_path):
    """A figure in a two-column row is sized to its column, not to the whole page (a flexible
    row once let the first figure measure the full width before its neighbour existed, and
    clipped it)."""
    out, results = report_runs
    html = results["en"].run_dir / "risk_en.html"
    proc = _chromium(html, tmp_path, "--window-size=1400,2400", "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    widths = _FigureWidths()
    widths.feed(proc.stdout)
    assert widths.in_row and widths.alone
    assert max(widths.in_row) <= 0.6 * max(widths.alone), (widths.in_row, widths.alone)
