"""Layer 2: reports run with papermill in a temporary folder, in both languages; the HTML is checked."""

from __future__ import annotations

import re

import polars as pl
import pytest

import rgpd_risk
from rgpd_risk.report import format_eur, format_number
from rgpd_risk.report.evidence import translate_evidence
from rgpd_risk.report.history import load_history

from .conftest import EVIL_NAME

HEADINGS = {
    "inventory": {"fr": ["Registre des traitements", "Catégories de données", "Personnes concernées",
                         "Bases légales", "Transferts hors de l'EEE", "Durées de conservation",
                         "Complétude du registre", "Contrôles à l'import"],
                  "en": ["Record of processing activities", "Data categories", "Data subjects",
                         "Legal bases", "Transfers outside the EEA", "Retention periods",
                         "Register completeness", "Import checks"]},
    "risk": {"fr": ["Analyse des risques RGPD", "Carte des risques", "Carte des risques par événement redouté",
                    "Constats de non-conformité", "Criblage AIPD", "Exercice de violation (ENISA)",
                    "Comprendre un score", "Exposition financière", "Calcul d'amende selon le CEPD",
                    "Plan d'action", "Méthode"],
             "en": ["GDPR risk analysis", "Risk map", "Risk map per feared event", "Compliance findings",
                    "DPIA screening", "Breach drill (ENISA)", "Understanding a score", "Financial exposure",
                    "EDPB fine calculation", "Remediation plan", "Method"]},
    "board": {"fr": ["Synthèse RGPD pour la direction", "Décisions demandées à la direction",
                     "Les cinq risques les plus importants", "Ce que cela peut coûter",
                     "Indicateurs clés de risque", "Carte des risques",
                     "Responsable de traitement ou sous-traitant", "Plan d'action"],
              "en": ["GDPR summary for the board", "Decisions asked of the board",
                     "The five largest risks", "What it could cost", "Key risk indicators",
                     "Risk map", "Controller or processor", "Remediation plan"]},
}


def _html(report_runs, kind, lang):
    out, results = report_runs
    return (results[lang].run_dir / f"{kind}_{lang}.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    """Visible text, roughly: tags removed, entities and narrow spaces normalised."""
    import html as h

    body = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return h.unescape(re.sub(r"<[^>]+>", " ", body)).replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["inventory", "risk", "board"])
def test_report_html(report_runs, kind, lang):
    html = _html(report_runs, kind, lang)
    text = _text(html)
    for heading in HEADINGS[kind][lang]:
        assert heading.replace("\u202f", " ") in text, heading
    assert "Plotly.newPlot" in html
    assert html.count("plotly.js v") <= 2  # the bundle (its banner) is embedded once
    assert "Traceback" not in text and not re.search(r"\b\w+(Error|Exception)\b", text)
    assert not re.search(r'class="[^"]*(jp-InputArea|jp-CodeMirrorEditor|highlight)', html)
    assert "<code" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert "rgpd_risk.load_inventory" not in html  # no source code
    assert EVIL_NAME not in html  # never as markup
    assert len(html.encode()) < 10_000_000
    assert f'<html lang="{lang}"' in html
    # offline: nothing is loaded from the network (no require.js, MathJax, fonts or CDN plotly)
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_inventory_figures_match_library(report_runs, hostile_dir, lang):
    text = _text(_html(report_runs, "inventory", lang))
    inv = rgpd_risk.load_inventory(hostile_dir / "inventory.csv")
    people = format_number(inv.frame["subject_count"].sum(), lang).replace("\u202f", " ")
    assert people in text
    assert format_eur(52_000_000, lang).replace("\u202f", " ").replace("\xa0", " ") in text
    assert "61" in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_escaped_dataset_name_shown_as_text(report_runs, lang):
    html = _html(report_runs, "inventory", lang)
    assert "&lt;script&gt;document.title=" in html


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture(scope="module")
def engines(hostile_dir):
    """The library's own results for the hostile sample: assessment, fine exposure, plan."""
    assessment_mod = pytest.importorskip("rgpd_risk.assessment")
    pytest.importorskip("rgpd_risk.exposure")
    pytest.importorskip("rgpd_risk.remediation")
    inv = rgpd_risk.load_inventory(hostile_dir / "inventory.csv")
    a = assessment_mod.assess(inv)
    return inv, a, rgpd_risk.fine_exposure(a, seed=0), rgpd_risk.plan(a, inventory=inv, seed=0)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_board_figures_match_library(report_runs, hostile_dir, lang):
    """The board page shows what rgpd_risk.report.board computes from the same run."""
    import datetime as dt

    from rgpd_risk.pipeline import run
    from rgpd_risk.report import board

    r = run(hostile_dir / "inventory.csv", today=dt.date.today(), seed=0)
    text = _text(_html(report_runs, "board", lang))
    s = r.exposure.summary()
    assert _plain(board.verdict(r, lang)) in text
    assert _plain(board.footnote(r, lang)) in text  # the ceiling: a footnote only
    assert all(_plain(board.footnote(r, lang)) != _plain(v) for _, v in board.money(r, lang))
    assert s["statutory_ceiling"] > 0
    for row in board.decisions(r, lang).iter_rows():
        assert all(_plain(cell) in text for cell in row), row
    for label, value in board.money(r, lang):
        assert _plain(label) in text and _plain(value) in text
    names = board.top_risks_frame(r)["dataset_id"].to_list()
    assert len(names) == 5
    assert "Plotly.newPlot" in _html(report_runs, "board", lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_risk_report_matches_library(report_runs, engines, lang):
    from rgpd_risk.report import views

    inv, a, exposure, plan = engines
    text = _text(_html(report_runs, "risk", lang))
    focus = views.focus_dataset_id(a)
    tier, seriousness = exposure.datasets.filter(pl.col("dataset_id") == focus).select(
        "tier", "seriousness").row(0)
    calc = rgpd_risk.calculate_fine(tier, exposure.turnover_eur, seriousness)
    for step in calc.steps:  # the EDPB steps of the focus dataset, in the report language
        assert _plain(getattr(step, f"title_{lang}")) in text
    assert _plain(format_eur(calc.final_amount, lang)) in text
    worst = exposure.datasets.sort(["expected_cost", "dataset_id"], descending=[True, False]).row(0, named=True)
    assert _plain(format_eur(worst["expected_cost"], lang)) in text
    assert _plain(format_eur(plan.steps["remaining_expected_exposure"][-1], lang)) in text
    # the screening trail, in the report's language
    assert _plain(translate_evidence([a.datasets["dpia_trail"][0]], lang)[0]) in text
    assert ("Art. 33" in text) and ("Art. 34" in text or "art. 34" in text)


def test_history_recorded_once_per_run_id(report_runs):
    out, results = report_runs
    hist = load_history(out / "history.parquet")
    assert hist["run_id"].to_list() == ["test-run"]
    assert hist["datasets"].to_list() == [61]


def test_outputs_and_latest(report_runs):
    out, results = report_runs
    assert (out / "latest").resolve() == results["en"].run_dir.resolve()
    names = sorted(p.name for p in results["en"].run_dir.iterdir())
    for lang in ("fr", "en"):  # the second language kept the first one's files
        for kind in ("inventory", "risk", "board"):
            assert f"{kind}_{lang}.html" in names and f"{kind}_{lang}.ipynb" in names
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert all(p.exists() for p in results["fr"].paths)
    assert pl.read_parquet(out / "history.parquet").height == 1


def test_discovery_report_shows_only_masked_values(tmp_path, sample_inventory):
    pytest.importorskip("rgpd_risk.discovery")
    from rgpd_risk.report.runner import run_reports

    emails = [f"jeanne.martin{i}@exemple.fr" for i in range(40)]
    phones = [f"06 12 34 {i:02d} 78" for i in range(40)]
    data = tmp_path / "clients.csv"
    data.write_text("courriel;telephone;ville\n" + "\n".join(
        f"{e};{p};Lyon" for e, p in zip(emails, phones, strict=True)) + "\n", encoding="utf-8")
    for lang in ("fr", "en"):
        result = run_reports(["discovery"], sample_inventory, lang=lang, out=tmp_path / "out",
                             scan=data, run_id="disc")
        html = (result.run_dir / f"discovery_{lang}.html").read_text(encoding="utf-8")
        text = _text(html)
        assert "courriel" in text and "Plotly.newPlot" in html
        assert not any(e in html for e in emails) and not any(p in html for p in phones)
        assert "***" in text  # masked examples
