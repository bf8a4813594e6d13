"""Health columns named by their header (issue 16, real tables): conditions, clinical measures
and survey items in FR / EN / DE / ES / IT, as yes/no or 0/1 answers or as measurements; and
statistics over groups of people, which are not personal data whatever class they name."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rgpd_risk.discovery.classifier import decide
from rgpd_risk.discovery.detectors import profile_column, shape_stats
from rgpd_risk.discovery.headers import header_entity
from rgpd_risk.discovery.scanner import classify_frame

HEALTH_HEADERS = [
    "diabetes", "has_diabetes", "is_diabetic", "Diabetiker", "diabetico", "hypertension", "Bluthochdruck",
    "ipertensione", "asthma", "asma", "cancer", "breast_cancer", "Krebs", "tumeur", "tumor_size",
    "pregnant", "Schwanger", "embarazada", "incinta", "BMI", "blood_pressure", "heart_rate", "glucose",
    "Insulin", "obesity", "depression", "maladie", "malade", "Krankheit", "enfermedad", "malattia", "diagnosi",
    "bare_nuclei", "mitoses", "normal_nucleoli", "uniformity_cell_size", "hours_sleep",
    "school_night_hours_sleep", "physically_active_7d", "How tall are you?", "premature", "gestation_weeks",
    "hiv_status", "transplant", "greffe_rein", "surgery_date", "nb_hospitalisations", "ricovero", "mental_health",
    "sante_mentale", "cause_of_death", "Todesursache", "sick_leave_days", "arret_maladie", "baja_medica",
]


@pytest.mark.parametrize("header", HEALTH_HEADERS)
def test_health_headers(header: str) -> None:
    assert header_entity(header) == ("health", 1.0)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["diabetes", "has_diabetes", "hypertension", "asthme", "Krebs", "enfermedad",
                        "malattia", "pregnant", "heart_disease"]),
       st.sampled_from([("yes", "no"), ("0", "1"), ("oui", "non"), ("ja", "nein"), ("si", "no"), ("true", "false")]),
       st.integers(6, 30), st.randoms(use_true_random=False))
def test_yes_no_answers_under_a_health_header_are_health(header, pair, n, rnd):
    values = [rnd.choice(pair) for _ in range(n - 2)] + list(pair)
    frame = pl.DataFrame({header: values, "other": [str(i) for i in range(n)]})
    assert classify_frame(frame)[0][0] == "health"


def test_heights_in_feet_and_inches_are_health_evidence() -> None:
    series = pl.Series("How tall are you?", ["6'3\"", "5'8\"", "5'11\"", "5'7\"", "5'9\"", "6'2\""])
    feats = {**profile_column(series, "q12"), **shape_stats(series)}  # no header phrase
    classes = ["not_personal", "health"]
    assert decide(classes, np.array([0.4, 0.6]), feats)[0] == "health"


@pytest.mark.parametrize("header", [
    "share_hispanic", "pct_diabetes", "obesity_rate", "hate_crimes_per_100k_splc", "avg_hatecrimes_per_100k_fbi",
    "religion_share", "taux_chomage_femmes", "Anteil_Auslaender", "tasa_desempleo", "sex_ratio",
])
def test_statistics_over_groups_are_not_personal(header: str) -> None:
    assert header_entity(header) == ("not_personal", 1.0)


@pytest.mark.parametrize(("header", "entity"), [
    ("heart rate", "health"), ("heart_rate", "health"), ("race", "racial_ethnic_origin"),
    ("criminal_record", "offence"), ("birth_rate", "not_personal"),
])
def test_a_phrase_ending_the_header_is_kept(header: str, entity: str) -> None:
    assert header_entity(header)[0] == entity
