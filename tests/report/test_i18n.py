"""Labels and Babel formatting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rgpd_risk import i18n as catalogue
from rgpd_risk.report import i18n
from rgpd_risk.report.i18n import (
    format_eur,
    format_number,
    format_percent,
    t,
)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(("lang", "expected"), [("fr", "52 000 000 €"), ("en", "€52,000,000")])
def test_format_eur(lang, expected):
    assert _plain(format_eur(52_000_000, lang)) == expected


def test_format_percent_and_number():
    assert _plain(format_percent(0.04, "fr", digits=0)) == "4 %"
    assert format_percent(0.04, "en", digits=0) == "4%"
    assert _plain(format_number(1234567.25, "fr", digits=2)) == "1 234 567,25"
    assert format_number(None, "en") == "—"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language .de."):
        format_eur(1, "de")


ROOT = Path(__file__).resolve().parents[2]


def _sources() -> str:
    files = [*(ROOT / "rgpd_risk").rglob("*.py"), *(ROOT / "notebooks").glob("*.ipynb")]
    return "".join(p.read_text(encoding="utf-8").replace('\\"', '"') for p in files)


def test_report_texts_live_in_the_catalogue():
    """Labels and sections are catalogue entries; every literal key the code and the
    notebooks ask for exists (a typo fails here, not in a user's report)."""
    src = _sources()
    used = set(re.findall(r"\bt\(['\"]([a-z0-9_]+)['\"]\s*[,)]", src))
    sections = set(re.findall(r"section\(['\"]([a-z0-9_]+)['\"]", src))
    assert used and sections
    assert not {k for k in used if not catalogue.has_text(f"report.labels.{k}")}
    assert not {k for k in sections if not catalogue.has_text(f"report.sections.{k}.heading")}
    assert not hasattr(i18n, "LABELS") and not hasattr(i18n, "SECTIONS")
    assert t("datasets", "fr") != t("datasets", "en")
    assert i18n.section("method", "fr")[0] == "Méthode"


def test_no_seed_action_table_of_its_own():
    """The six seed actions and the action mapping live in the remediation catalogue only."""
    assert not hasattr(i18n, "SEED_ACTION_OF") and not hasattr(i18n, "SEED_ACTIONS")
