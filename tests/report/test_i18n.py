"""Labels and Babel formatting."""

from __future__ import annotations

import pytest

from rgpd_risk.report import i18n
from rgpd_risk.report.i18n import (
    LABELS,
    SECTIONS,
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


def test_every_label_in_both_languages():
    for key, texts in LABELS.items():
        assert set(texts) == {"fr", "en"}, key
        assert all(texts.values()), key
    for key, texts in SECTIONS.items():
        assert set(texts) == {"fr", "en"}, key
    assert t("datasets", "fr") != t("datasets", "en")


def test_no_seed_action_table_of_its_own():
    """The six seed actions and the action mapping live in the remediation catalogue only."""
    assert not hasattr(i18n, "SEED_ACTION_OF") and not hasattr(i18n, "SEED_ACTIONS")
