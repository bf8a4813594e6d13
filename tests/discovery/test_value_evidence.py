"""Classes that need values of their kind (issue 16, real tables): marital status, nationality
and language need words of their lexicon or a header; a company needs names written in letters;
a card number needs the card shape or a card header."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rgpd_risk.discovery.classifier import card_evidence, company_evidence, decide

from .conftest import column_features, leaning

_CLASSES = ["not_personal", "marital_status", "nationality", "language", "company", "credit_card"]


_feats = column_features


def _favouring(entity: str) -> np.ndarray:
    return leaning(_CLASSES, entity, 0.75)


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


# --- postcodes, ages and yes/no answers (issue 16, real tables) -----------------------------

_MORE = ["not_personal", "postcode", "age", "country", "person_name", "job_title", "city", "health"]


def _leaning(entity: str) -> np.ndarray:
    return leaning(_MORE, entity, 0.7)


@pytest.mark.parametrize("header", ["p_income", "county_income", "median_household_income", "Median",
                                    "Jahresgehalt", "salario", "reddito", "total", "amount"])
def test_five_digit_amounts_under_a_quantity_header_are_not_postcodes(header) -> None:
    feats = _feats(["28375", "14678", "17194", "33954", "27414", "23205", "41676"], header)
    assert decide(_MORE, _leaning("postcode"), feats)[0] != "postcode"


def test_postcodes_under_a_postcode_header_or_none_are_kept() -> None:
    for header in ("code_postal", "PLZ", "zip", "x"):
        feats = _feats(["75011", "69003", "13001", "31000", "44000", "67000"], header)
        assert decide(_MORE, _leaning("postcode"), feats)[0] == "postcode"


@pytest.mark.parametrize("header", ["day", "Years since joining", "yrs.service", "yrs.since.phd", "seniority",
                                    "anciennete", "Dienstjahre"])
def test_age_like_numbers_under_a_date_or_duration_header_are_not_ages(header) -> None:
    feats = _feats([23, 52, 47, 39, 37, 27, 26, 30, 19, 45], header)
    assert decide(_MORE, _leaning("age"), feats)[0] != "age"
    # the same values under no header phrase, or a misread one, are still ages
    for other in ("v7", "agefirstbirth"):
        assert decide(_MORE, _leaning("age"), _feats([23, 52, 47, 39, 37, 27, 26, 30, 19, 45], other))[0] == "age"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["YES", "NO", "yes", "no", "Yes", "No", "oui", "non", "ja", "nein", "si"]),
                min_size=2, max_size=25),
       st.sampled_from(["Death4", "Return3", "q17", "", "city16", "email", "nom", "country"]),
       st.sampled_from(["country", "person_name", "city", "job_title"]))
def test_yes_no_answers_are_never_names_places_or_contacts(values, header, entity) -> None:
    feats = _feats(values, header)
    got = decide(_MORE, _leaning(entity), feats)[0]
    assert got not in {"country", "person_name", "city"}
    if feats["header_none"] > 0:  # and without a header phrase, not personal at all
        assert got == "not_personal"


def test_yes_no_answers_under_a_class_header_keep_it() -> None:
    feats = _feats(["yes", "no", "no", "yes", "no"], "diabetes")
    assert decide(_MORE, _leaning("health"), feats)[0] == "health"
