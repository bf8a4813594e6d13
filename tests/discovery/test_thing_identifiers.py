"""Identifiers and codes of things, places and organisations are not personal data (issue 16,
real tables): a header that names one of them, or a code column of one or two repeated values,
is never an identifier; identifiers of people stay identifiers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rgpd_risk.discovery.classifier import (
    CODE_CLASSES,
    IDENTIFIER_MAX_FLAG_VALUES,
    IDENTIFIER_MIN_ROWS,
    decide,
    identifier_evidence,
)
from rgpd_risk.discovery.headers import header_entity

from .conftest import column_features, leaning

_CLASSES = ["not_personal", "identifier", "id_document", "device_id", "city"]


_feats = column_features


def _favouring(entity: str) -> np.ndarray:
    return leaning(_CLASSES, entity, 0.8)


@pytest.mark.parametrize("header", [
    "id_station", "station_id", "stationcode", "datagouv_dataset_id", "resource_id", "Restaurant ID",
    "product_code", "Produktnummer", "code_produit", "item_id", "sku_code", "event_id", "Veranstaltung_key",
    "codigo_producto", "codice_prodotto", "episode_id", "municipio_id", "provincia_id", "code_commune",
    "code_insee_commune", "Gemeinde_Nr", "codice_comune", "geo_id", "county_id", "code_ape", "code_naf",
    "code_rna", "school_id", "company_id", "Major_code", "nom_station", "product name", "event name",
])
def test_ids_codes_and_names_of_things_are_not_personal_headers(header: str) -> None:
    assert header_entity(header) == ("not_personal", 1.0)


@pytest.mark.parametrize(("header", "entity"), [
    ("customer_id", "identifier"), ("user id", "identifier"), ("employee number", "identifier"),
    ("RespondentID", "identifier"), ("matricule", "identifier"), ("order_id", "identifier"),
    ("id", "identifier"), ("student_id", "identifier"), ("numero client", "identifier"),
    ("code_commune_naissance", "date_of_birth"), ("code_postal", "postcode"), ("zip code", "postcode"),
    ("passport number", "id_document"), ("numero de telephone", "phone"), ("street name", "address"),
    ("nom_commune", "city"), ("codice_fiscale", "tax_id"), ("SIRET", "siren_siret"),
])
def test_identifiers_of_people_and_checked_numbers_are_left_alone(header: str, entity: str) -> None:
    assert header_entity(header)[0] == entity


def test_a_thing_header_rules_out_every_code_class() -> None:
    values = [f"ATHTBE10{i:05d}" for i in range(12)]
    feats = _feats(values, "id_station_itinerance")
    for entity in CODE_CLASSES:
        assert not identifier_evidence(feats, entity)
        assert decide(_CLASSES, _favouring(entity), feats)[0] != entity
    # the same values under a person's identifier header are kept
    feats = _feats(values, "customer_id")
    assert decide(_CLASSES, _favouring("identifier"), feats)[0] == "identifier"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["1", "0", "2", "835", "A", "06", "x1"]), min_size=1,
                max_size=IDENTIFIER_MAX_FLAG_VALUES, unique=True),
       st.integers(IDENTIFIER_MIN_ROWS, 40),
       st.sampled_from(["aktiv_code", "termin_key", "code", "num", "ref", "x", ""]),
       st.randoms(use_true_random=False))
def test_one_or_two_repeated_codes_are_not_identifiers_under_a_weak_header(distinct, n, header, rnd):
    values = [rnd.choice(distinct) for _ in range(n)]
    feats = _feats(values, header)
    assert not identifier_evidence(feats)
    assert decide(_CLASSES, _favouring("identifier"), feats)[0] != "identifier"


def test_repeated_values_under_a_strong_identifier_header_stay_identifiers() -> None:
    for header in ("user_id", "customer_id", "id"):
        feats = _feats(["4711"] * 8, header)
        assert identifier_evidence(feats)
        assert decide(_CLASSES, _favouring("identifier"), feats)[0] == "identifier"
    # a short sample (fewer than IDENTIFIER_MIN_ROWS rows) says nothing about repetition
    assert identifier_evidence(_feats(["A1", "B2"], "code"))
