"""Classes that need values of their kind (issue 16, real tables): marital status, nationality
and language need words of their lexicon or a header; a company needs names written in letters;
a card number needs the card shape or a card header."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rgpd_risk.discovery.classifier import card_evidence, company_evidence, decide
from rgpd_risk.discovery.detectors import profile_column, shape_stats

_CLASSES = ["not_personal", "marital_status", "nationality", "language", "company", "credit_card"]


def _feats(values: list, header: str) -> dict[str, float]:
    series = pl.Series(header or "x", values)
    return {**profile_column(series, header), **shape_stats(series)}


def _favouring(entity: str) -> np.ndarray:
    proba = np.full(len(_CLASSES), 0.05)
    proba[_CLASSES.index(entity)] = 0.75
    return proba / proba.sum()


@pytest.mark.parametrize(("entity", "values", "header"), [
    ("marital_status", ["manufacturing", "other", "other", "manufacturing", "other"], "sector"),
    ("marital_status", ["A", "B", "B", "A", "A", "B"], "discipline"),
    ("nationality", ["UA", "B6", "WN", "AS", "EV", "OO", "DL"], "AIRLINE"),
    ("language", ["bachelor", "highschool", "ged", "none", "master"], "education"),
    ("language", ["high", "low", "low", "high"], "quality"),
])
def test_demographic_classes_need_their_words_or_their_header(entity, values, header) -> None:
    assert decide(_CLASSES, _favouring(entity), _feats(values, header))[0] != entity


@pytest.mark.parametrize(("entity", "values", "header"), [
    ("marital_status", ["married", "single", "divorced", "married", "widowed"], "x"),
    ("marital_status", ["yes", "no", "no", "yes"], "married"),
    ("nationality", ["French", "German", "Italian", "French"], "v3"),
    ("nationality", ["no", "yes", "no"], "citizenship"),
    ("language", ["English", "French", "Spanish", "English"], "x"),
    ("language", ["yes", "no", "yes"], "native_language"),
])
def test_demographic_classes_with_their_words_or_header_are_kept(entity, values, header) -> None:
    assert decide(_CLASSES, _favouring(entity), _feats(values, header))[0] == entity


@settings(max_examples=50, deadline=None)
@given(st.one_of(
    st.lists(st.floats(0, 1, allow_nan=False).map(lambda x: f"{x:.4f}"), min_size=4, max_size=20),
    st.lists(st.integers(0, 2000).map(str), min_size=4, max_size=20),
    st.lists(st.sampled_from(["yes", "no", "Yes", "No", "oui", "non"]), min_size=4, max_size=20),
), st.sampled_from(["college", "hschool", "school", "share_population_with_high_school_degree", "x"]))
def test_numbers_shares_and_yes_no_are_never_companies(values, header) -> None:
    feats = _feats(values, header)
    assert not company_evidence(feats)
    assert decide(_CLASSES, _favouring("company"), feats)[0] != "company"


def test_company_names_are_kept() -> None:
    feats = _feats(["Acme SA", "Globex GmbH", "Initech", "Umbrella Corp", "Hooli"], "employer")
    assert company_evidence(feats)
    assert decide(_CLASSES, _favouring("company"), feats)[0] == "company"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 999_999).map(str), min_size=3, max_size=20),
       st.sampled_from(["Votes", "calories", "code_pays_num", "x", ""]))
def test_short_numbers_are_never_card_numbers_without_a_card_header(values, header) -> None:
    feats = _feats(values, header)
    assert not card_evidence(feats)
    assert decide(_CLASSES, _favouring("credit_card"), feats)[0] != "credit_card"


def test_card_numbers_and_card_headers_are_kept() -> None:
    cards = ["4111 1111 1111 1111", "5500 0000 0000 0004", "3400 0000 0000 009", "4012 8888 8888 1881"]
    assert decide(_CLASSES, _favouring("credit_card"), _feats(cards, "x"))[0] == "credit_card"
    masked = ["XXXX-XXXX-XXXX-1234", "XXXX-XXXX-XXXX-9876", "XXXX-XXXX-XXXX-5555"]
    assert decide(_CLASSES, _favouring("credit_card"), _feats(masked, "card_number"))[0] == "credit_card"
