"""One language per report: no English word in the French HTML reports and Excel register,
no French word in the English ones. Values that come from the register itself (names,
purposes, vendors …) are the user's words and are taken out before the check."""

from __future__ import annotations

import datetime as dt
import html as h
import re

import openpyxl
import polars as pl
import pytest

import rgpd_risk
import rgpd_risk.taxonomy
from rgpd_risk import pipeline
from rgpd_risk.report.excel import write_risk_register

from .conftest import SAMPLE

TODAY = dt.date(2026, 12, 1)

#: English words that have no place in French prose (evidence, labels, headers, values).
ENGLISH = ("the", "and", "with", "without", "missing", "exceeded", "supported", "dataset",
           "datasets", "finding", "findings", "required", "recommended", "legitimate", "true",
           "false", "EDPB", "processor", "controller", "breach", "countries", "expected", "high",
           "medium", "low", "none", "person-days", "days")
#: French words that have no place in an English report.
FRENCH = ("traitement", "traitements", "sous-traitant", "écart", "écarts", "manquement",
          "manquements", "constats", "AIPD", "CEPD", "jours", "élevé", "élevée", "requise",
          "oui", "non", "données")


def _register_values() -> list[str]:
    """Every text of the register (cells, list items, organisation name), longest first."""
    inv = rgpd_risk.load_inventory(SAMPLE / "inventory.csv")
    out: set[str] = set()
    for col, dtype in inv.frame.schema.items():
        series = inv.frame[col]
        if str(dtype).startswith("List"):
            series = series.explode()
        if series.dtype == pl.Utf8:
            out |= {v for v in series.drop_nulls().to_list() if len(v) > 2}
    if inv.organisation is not None:
        out.add(inv.organisation.name)
    return sorted(out, key=len, reverse=True)


def _visible(html_text: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html_text, flags=re.S)
    return h.unescape(re.sub(r"<[^>]+>", " ", body)).replace("\u202f", " ").replace("\xa0", " ")


def _leaks(text: str, words: tuple[str, ...], register: list[str]) -> dict[str, list[str]]:
    for v in register:
        text = text.replace(v, " ")
    out = {}
    for w in words:
        found = [text[max(m.start() - 40, 0):m.end() + 40]
                 for m in re.finditer(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, flags=re.I)]
        if found:
            out[w] = found[:3]
    return out


@pytest.fixture(scope="module")
def register() -> list[str]:
    return _register_values()


@pytest.mark.parametrize("lang, words", [("fr", ENGLISH), ("en", FRENCH)])
@pytest.mark.parametrize("kind", ["inventory", "risk", "board"])
def test_html_report_is_in_one_language(report_runs, register, kind, lang, words):
    out, results = report_runs
    text = _visible((results[lang].run_dir / f"{kind}_{lang}.html").read_text(encoding="utf-8"))
    assert _leaks(text, words, register) == {}


@pytest.mark.parametrize("lang, words", [("fr", ENGLISH), ("en", FRENCH)])
def test_excel_register_is_in_one_language(tmp_path, register, lang, words):
    run = pipeline.run(SAMPLE / "inventory.csv", organisation=SAMPLE / "organisation.yaml",
                       today=TODAY, seed=0, n_draws=2_000)
    path = write_risk_register(tmp_path / f"r_{lang}.xlsx", run, lang=lang)
    book = openpyxl.load_workbook(path)
    cells = [ws.title for ws in book.worksheets]
    for ws in book.worksheets:
        for row in ws.iter_rows(values_only=True):
            cells += [str(v) for v in row if v is not None and not isinstance(v, (int, float))]
            cells += [str(v) for v in row if isinstance(v, bool)]
    # rule codes (ART33_NO_BREACH_PROCEDURE) are identifiers, not prose
    text = re.sub(r"\b[A-Z0-9]+(?:_[A-Z0-9]+)+\b", " ", " | ".join(cells)).replace("_", " ")
    assert _leaks(text, words, register) == {}


#: A register field or vocabulary key (``data_subjects``, ``vulnerable_persons``): code, not prose.
SNAKE = re.compile(r"(?<![\w./-])[a-z]+(?:_[a-z0-9]+)+(?![\w-])")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("kind", ["inventory", "risk", "board"])
def test_html_report_shows_no_key(report_runs, register, kind, lang):
    """Criteria, categories, people and fields appear by their names, never by their keys."""
    out, results = report_runs
    text = _visible((results[lang].run_dir / f"{kind}_{lang}.html").read_text(encoding="utf-8"))
    for v in register:
        text = text.replace(v, " ")
    assert sorted({m.group() for m in SNAKE.finditer(text)}) == []


@pytest.mark.parametrize("vocabulary", rgpd_risk.taxonomy.VOCABULARIES)
def test_every_vocabulary_key_has_an_evidence_text(vocabulary):
    """The evidence names register values by their keys: each key needs its text in
    ``evidence.values`` (a new category or purpose gets one), else the French report shows it raw."""
    from rgpd_risk.i18n import keys

    have = {k.split(".")[-1] for k in keys("evidence.values")}
    assert rgpd_risk.taxonomy.keys(vocabulary) - have == set()


def test_the_check_finds_a_leak(register):
    """The word lists catch what the review found (so the tests above can fail)."""
    assert "missing" in _leaks("mesure — missing: encryption_at_rest", ENGLISH, register)
    assert "EDPB" in _leaks("Gravité (EDPB)", ENGLISH, register)
    assert "traitement" in _leaks("3 traitements, 1 traitement", FRENCH, register)
    assert _leaks("Enregistrement des appels", FRENCH, register) == {}  # a register name
    assert SNAKE.findall("WP248 : sensitive_data, art. 5(1)(f) ; data_subjects : clients") == [
        "sensitive_data", "data_subjects"]
