"""Plausibility rules of the classifier (issue 16, real tables): coordinates and ages need a
header phrase or values that look like them; shares, rates, flags and row numbers do not."""

from __future__ import annotations

import base64
import hashlib

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from rgpd_risk.discovery.classifier import (
    AGE_MAX_FLAG_VALUES,
    COORD_MIN_DECIMALS,
    FREE_TEXT_MAX_ANSWERS,
    age_evidence,
    coordinate_like,
    decide,
    free_text_evidence,
    geolocation_evidence,
    named_person_class,
)
from rgpd_risk.discovery.scanner import classify_frame

from .conftest import column_features, leaning

_CLASSES = ["not_personal", "identifier", "geolocation", "age"]


_feats = column_features


def _favouring(entity: str) -> np.ndarray:
    return leaning(_CLASSES, entity, 0.7, rest=0.1)


# --- geolocation ----------------------------------------------------------------------------

SHARES = [0.221, 0.265, 0.372134, 0.32, 0.36, 0.240011, 0.351, 0.28, 0.3145, 0.18, 0.2832, 0.31]
LATITUDES = [46.104338, 47.003889, 46.912777, 46.794605, 46.73139, 46.694885, 46.631449, 46.491464]
LONGITUDES = [11.110227, 11.507425, 11.432055, 11.607754, 11.641675, 11.642286, 11.556294, 11.417620]


def test_shares_and_small_decimals_are_never_coordinates_without_a_header():
    for values, header in ((SHARES, "share_non_white"), (SHARES, ""), ([5.1, 4.95, 6.67, 4.0, 7.5, 13.07], "wage")):
        feats = _feats(values, header, coord_pair=1.0)
        assert not geolocation_evidence(feats)
        assert decide(_CLASSES, _favouring("geolocation"), feats)[0] != "geolocation"


def test_headerless_coordinates_need_a_partner_column():
    alone = _feats(LATITUDES, "v1", coord_pair=0.0)
    assert coordinate_like(alone)
    assert decide(_CLASSES, _favouring("geolocation"), alone)[0] != "geolocation"
    paired = _feats(LATITUDES, "v1", coord_pair=1.0)
    assert decide(_CLASSES, _favouring("geolocation"), paired)[0] == "geolocation"


def test_a_coordinate_header_needs_decimal_values():
    assert geolocation_evidence(_feats(LATITUDES, "latitude"))
    assert geolocation_evidence(_feats(["[2.3522, 48.8566]", "[4.8357, 45.7640]"], "coordonneesXY"))
    # a postal address under "coordonnées", integer codes under "geo_id": no coordinates
    assert not geolocation_evidence(_feats(["Service Achat, 20 avenue de Ségur, 75007 Paris"], "coordonnees"))
    assert not geolocation_evidence(_feats([6037534200, 6037201400, 6013355100], "geo_id"))


def test_classify_frame_pairs_headerless_coordinates_and_drops_shares():
    frame = pl.DataFrame({"v1": LATITUDES, "v2": LONGITUDES, "share_white_poverty": SHARES[:8]})
    entities = [e for e, _, _ in classify_frame(frame)]
    assert entities[2] != "geolocation"
    single = pl.DataFrame({"income": [10.787497, 10.524251, 10.968578, 11.104999, 11.10847, 11.028254]})
    assert classify_frame(single)[0][0] != "geolocation"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1.0, 1.0, allow_nan=False).map(lambda x: round(x, 6)), min_size=4, max_size=30),
       st.sampled_from(["", "share", "rate", "ratio", "pct", "x"]))
def test_a_column_within_minus_one_one_is_never_a_headerless_coordinate(values, header):
    feats = _feats(values, header, coord_pair=1.0)
    assert not geolocation_evidence(feats)


def test_coordinate_threshold_is_about_ten_metres():
    assert COORD_MIN_DECIMALS == 4.0


# --- age --------------------------------------------------------------------------------------

_FLAG_VALUES = st.one_of(
    st.integers(0, 1),
    st.sampled_from(["yes", "no", "Yes", "No", "true", "false", "male", "female", "oui", "non", "ja", "nein"]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(_FLAG_VALUES, min_size=1, max_size=AGE_MAX_FLAG_VALUES, unique=True),
       st.integers(3, 40),
       st.sampled_from(["age", "Age", "alter", "edad", "eta", "x", "", "flag", "rownames"]),
       st.randoms(use_true_random=False))
def test_a_column_with_at_most_two_distinct_values_is_never_age(distinct, n, header, rnd):
    values = [str(rnd.choice(distinct)) for _ in range(n)]
    feats = _feats(values, header)
    assert not age_evidence(feats)
    assert decide(_CLASSES, _favouring("age"), feats)[0] != "age"
    assert classify_frame(pl.DataFrame({header or "x": values}))[0][0] != "age"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(2, 122), min_size=1, max_size=AGE_MAX_FLAG_VALUES, unique=True),
       st.integers(3, 40),
       st.sampled_from(["age", "Age", "edad"]),
       st.randoms(use_true_random=False))
def test_few_whole_numbers_of_years_under_an_age_header_are_ages(distinct, n, header, rnd):
    # a short sample of one school class: every pupil is 14 or 15
    values = [str(rnd.choice(distinct)) for _ in range(n)]
    assert age_evidence(_feats(values, header))
    assert not age_evidence(_feats([str(int(v) + 121) for v in values], header))
    assert not age_evidence(_feats(values, "flag"))


def test_row_numbers_counts_and_years_are_not_ages_without_a_header():
    rownames = [str(i) for i in range(1, 13)]
    for values, header in (
        (rownames, ""),
        (rownames, "rownames"),
        ([8, 9, 12, 12, 12, 13, 10, 12, 16, 12, 12, 12], "education"),  # years of schooling
        ([21, 42, 1, 4, 17, 9, 27, 9, 11, 9, 17, 19], "experience"),  # years of experience
        ([2002, 1999, 2000, 2000, 1999, 1998, 1999, 1998], ""),  # years
        ([24, 17, 55, 40, 42, 182, 33, 25, 48, 16], "students"),  # counts beyond 110
    ):
        feats = _feats(values, header)
        assert not age_evidence(feats), (header, values)
        assert decide(_CLASSES, _favouring("age"), feats)[0] != "age"


def test_ages_with_a_header_or_a_plausible_spread_are_kept():
    ages = [35, 57, 19, 22, 35, 28, 43, 27, 33, 27, 35, 37]
    for header in ("age", "Alter", "edad", "v7"):
        feats = _feats(ages, header)
        assert age_evidence(feats)
        assert decide(_CLASSES, _favouring("age"), feats)[0] == "age"
    # age bands are ages even when the sample shows two of them
    assert age_evidence(_feats(["30-44", "30-44", "18-29"], "Age"))


def test_without_shape_statistics_the_rules_do_not_apply():
    # callers that pass only the forest's features keep the previous behaviour
    assert decide(_CLASSES, _favouring("age"), {})[0] == "age"
    assert decide(_CLASSES, _favouring("geolocation"), {})[0] == "geolocation"


# --- row numbers ------------------------------------------------------------------------------


def test_row_numbers_are_identifiers():
    from rgpd_risk.discovery.classifier import row_numbers

    proba = np.zeros(len(_CLASSES))
    proba[0] = 1.0  # the forest says not personal
    for header in ("", "rownames", "Unnamed: 0"):
        feats = _feats([str(i) for i in range(1, 13)], header)
        assert row_numbers(feats)
        assert decide(_CLASSES, proba, feats)[0] == "identifier"
    # not consecutive, repeated, or under a header that names something else: unchanged
    for values, header in (([67, 59, 100, 81, 80, 63, 44, 82], ""), ([1, 2, 3, 1, 2, 3, 4, 5], ""),
                           ([str(i) for i in range(1, 13)], "rank"), ([str(i) for i in range(1, 13)], "year")):
        assert decide(_CLASSES, proba, _feats(values, header))[0] == "not_personal"
    frame = pl.DataFrame({"": [str(i) for i in range(1, 13)], "rownames": list(range(40, 52))})
    assert [e for e, _, _ in classify_frame(frame)] == ["identifier", "identifier"]


# --- free text ------------------------------------------------------------------------------

_TEXT_CLASSES = ["not_personal", "free_text"]
NOTES = ["Died in Avengers #1 and came back later", "Left the team after the Kree war", "Joined in 1963",
         "Was a reserve member for two years", "Retired; now teaches at a school", "Lost his powers in 1989"]


def test_a_few_repeated_answers_are_not_free_text() -> None:
    answers = ["Everyone in the row should have some say", "The person in the window seat should decide"] * 6
    proba = leaning(_TEXT_CLASSES, "free_text", 0.8)
    for values, header in ((answers, "Who should have control over the window shade?"), (answers, "category"),
                           (["Excellent", "Very Good", "Good"] * 4, "Rating text")):
        feats = _feats(values, header)
        assert not free_text_evidence(feats)
        assert decide(_TEXT_CLASSES, proba, feats)[0] == "not_personal"
    # notes written anew in each row, or too few rows to tell, stay free text
    for values in (NOTES, NOTES[:3]):
        feats = _feats(values, "notes")
        assert free_text_evidence(feats)
        assert decide(_TEXT_CLASSES, proba, feats)[0] == "free_text"
    # a comments column: a few remarks, some of them sentences
    remarks = ["RAS", "client fidele, rappeler lundi prochain", "a relancer"] * 4
    assert decide(_TEXT_CLASSES, proba, _feats(remarks, "commentaire"))[0] == "free_text"
    assert decide(_TEXT_CLASSES, proba, _feats(remarks, "x"))[0] == "not_personal"
    four = ["Answer number one", "Answer number two", "Answer number three", "Answer number four"] * 3
    assert len(set(four)) > FREE_TEXT_MAX_ANSWERS and free_text_evidence(_feats(four, "notes"))


# --- a header naming a class only a person has ------------------------------------------------

_NAMED_CLASSES = ["not_personal", "marital_status", "age"]


def test_a_full_strength_person_header_decides_over_not_personal() -> None:
    years = ["0.125", "0.417", "0.75", "1.5", "4", "7", "10", "15", "0.75", "4", "10", "15"]
    proba = leaning(_NAMED_CLASSES, "not_personal", 0.8)
    feats = _feats(years, "yearsmarried")
    assert named_person_class(_NAMED_CLASSES, proba, feats) == "marital_status"
    assert decide(_NAMED_CLASSES, proba, feats)[0] == "marital_status"
    # a weak header ("children"), no header, or a class the rules ruled out: the forest decides
    for values, header in ((years, "children"), (years, "x"), (["0", "1"] * 6, "age")):
        assert decide(_NAMED_CLASSES, proba, _feats(values, header))[0] == "not_personal"


# --- dates, names, codes (real tables) -------------------------------------------------------

_DATE_CLASSES = ["not_personal", "date", "date_of_birth"]


def test_numbers_under_a_time_or_birth_header_are_not_dates() -> None:
    from rgpd_risk.discovery.classifier import date_evidence

    proba = leaning(_DATE_CLASSES, "date", 0.7)
    for values, header in ((["108.0", "146.0", "215.0", "322.0", "59.0", "77.0"], "AIR_TIME"),
                           (["70.16", "81.67", "79.56", "75.15", "77.3", "82.1"], "life_exp_at_birth"),
                           (["24/7"] * 6, "horaires")):
        feats = _feats(values, header)
        assert not date_evidence(feats)
        assert decide(_DATE_CLASSES, proba, feats)[0] == "not_personal"
    # dates in every written form stay dates
    for values in (["2021-06-15", "2020-03-22", "1999-12-31", "2023-01-01"],
                   ["Mon, 15 Jun 2021 14:30:00 +0200", "Sun, 22 Mar 2020 09:15:30 +0100",
                    "Fri, 31 Dec 1999 23:59:59 GMT", "Sun, 01 Jan 2023 00:00:01 EST"],
                   ["202501010000", "202501010006", "202501010012", "202501010018"],
                   ["1963", "1971", "1984", "1990"]):
        assert date_evidence(_feats(values, "x")), values


def test_compact_dates_need_a_valid_month_day_and_time() -> None:
    from rgpd_risk.discovery.detectors import shape_stats

    assert shape_stats(pl.Series(["20250101", "202512312359", "19991231235959"]))["compact_date"] == 1.0
    assert shape_stats(pl.Series(["20251301", "20250132", "202501012460", "12345678"]))["compact_date"] == 0.0


_NAME_CLASSES = ["not_personal", "last_name", "first_name"]


def test_two_words_repeated_over_the_rows_are_not_names() -> None:
    proba = leaning(_NAME_CLASSES, "last_name", 0.7)
    chambers = ["house", "senate", "house", "house", "senate", "house"] * 2
    assert decide(_NAME_CLASSES, proba, _feats(chambers, "chamber"))[0] == "not_personal"
    # a family's surname under a full-strength header, or distinct surnames, stay names
    assert decide(_NAME_CLASSES, proba, _feats(["Martin", "Durand"] * 6, "last_name"))[0] == "last_name"
    surnames = ["Martin", "Durand", "Petit", "Moreau", "Lefebvre", "Garcia"] * 2
    assert decide(_NAME_CLASSES, proba, _feats(surnames, "chamber"))[0] == "last_name"


def test_zero_padded_consecutive_codes_are_not_row_numbers() -> None:
    from rgpd_risk.discovery.classifier import row_numbers

    assert not row_numbers(_feats([f"001{i:03d}" for i in range(1, 13)], ""))
    assert row_numbers(_feats([str(i) for i in range(1, 13)], ""))


def test_a_biometric_reading_needs_a_header_or_a_template() -> None:
    classes = ["not_personal", "biometric", "url"]
    proba = leaning(classes, "biometric", 0.6)
    coats = [f"https://upload.wikimedia.org/wikipedia/commons/{i}/Stemma_{i}.svg" for i in range(12)]
    assert decide(classes, proba, _feats(coats, "stemma"))[0] != "biometric"
    assert decide(classes, proba, _feats(coats, "fingerprint"))[0] == "biometric"


def test_a_code_of_a_person_is_an_identifier() -> None:
    from rgpd_risk.discovery.headers import header_entity

    for header in ("CodigoEmpleado", "code client", "num_client", "codice paziente", "Mitarbeiter Nr",
                   "client_no"):
        assert header_entity(header) == ("identifier", 1.0), header
    for header, entity in (("nom client", "person_name"), ("NombreEmpleado", "first_name"),
                           ("number of customers", "not_personal"), ("code_commune", "not_personal")):
        assert header_entity(header)[0] == entity, header


def test_a_pay_header_over_long_decimals_is_not_a_headerless_coordinate() -> None:
    wages = ["75.0431540173515", "70.4760196469445", "130.982177377461", "154.685292710461", "75.0431540173515",
             "127.115744117357", "169.528538037909", "111.720849360989"]
    logs = ["4.31806333496276", "4.25527250510331", "4.8750612633917", "5.04139268515822", "4.31806333496276",
            "4.84510184033426", "5.13302064230645", "4.71600334363480"]
    entities = [e for e, _, _ in classify_frame(pl.DataFrame({"wage": wages, "x": logs}))]
    assert entities[0] != "geolocation"
    # the same decimals under no header, paired with another coordinate-like column, may be
    assert geolocation_evidence({**_feats(wages, "x"), "coord_pair": 1.0})
    assert not geolocation_evidence({**_feats(wages, "wage"), "coord_pair": 1.0})


def test_values_are_evidence_of_a_special_category_only_under_a_header_naming_no_other_class():
    blobs = [base64.b64encode(hashlib.sha256(str(i).encode()).digest() * 2).decode() for i in range(8)]
    users = [f"user{i}" for i in range(8)]
    assert classify_frame(pl.DataFrame({"username": users, "col": blobs}))[1][0] == "biometric"
    assert classify_frame(pl.DataFrame({"username": users, "password_hash": blobs}))[1][0] != "biometric"
