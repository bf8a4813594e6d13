from datetime import date

import polars as pl
import pytest

from rgpd_risk.discovery.detectors import (
    FEATURE_NAMES,
    clean_values,
    entity_mask,
    parse_dates,
    profile_column,
)

from .conftest import PLANTED


def feats(values: list[object], header: str = "") -> dict[str, float]:
    return profile_column(pl.Series(values), header, today=date(2025, 1, 1))


def test_features_are_complete_and_finite() -> None:
    f = feats(["a", None, "b"])
    assert list(f) == list(FEATURE_NAMES)
    assert all(v == v and abs(v) < 1e6 for v in f.values())


@pytest.mark.parametrize(("key", "feature"), [
    ("email", "email"), ("iban", "iban_valid"), ("nir", "nir_valid"), ("carte", "card_valid"),
    ("telephone", "phone_valid"),
])
def test_checksum_detectors_accept_valid_values(key: str, feature: str) -> None:
    assert feats(PLANTED[key])[feature] == 1.0


def test_checksum_detectors_reject_corrupted_values() -> None:
    bad_cards = ["4111 1111 1111 1112", "5555 5555 5555 4445"]
    assert feats(bad_cards)["card_valid"] == 0.0
    bad_iban = ["FR7630006000011234567890188"]
    assert feats(bad_iban)["iban_valid"] == 0.0
    bad_nir = [PLANTED["nir"][0][:-2] + "00"]
    assert feats(bad_nir)["nir_valid"] == 0.0


def test_french_rib_key() -> None:
    assert feats(["30002 00550 0000157845Z 02"])["rib_valid"] == 1.0
    assert feats(["30002 00550 0000157845Z 03"])["rib_valid"] == 0.0


def test_siren_siret() -> None:
    f = feats(["732 829 320", "552 100 554"])
    assert f["siren_valid"] == 1.0
    assert feats(["73282932000074"])["siret_valid"] == 1.0


def test_ip_addresses_including_integer_form() -> None:
    f = feats(PLANTED["ip"])
    assert f["ipv4"] == 0.75 and f["ipv6"] == 0.25
    assert feats([1032051418, 3232235777])["int_ip"] == 1.0


def test_coordinates_and_postcodes() -> None:
    f = feats(["48.8566", "-33.86785", "45.764043"])
    assert f["lat_range"] == 1.0
    assert feats(["75011", "69003", "13001"])["postcode5"] == 1.0
    assert feats(["SW1A 1AA", "EC1A 1BB"])["postcode_intl"] == 1.0


def test_dates_and_birth_dates() -> None:
    s = pl.Series(["1971-03-08", "08/03/1971", "x"])
    assert parse_dates(pl.Series(["12/31/1999", "1/2/2000"])).null_count() == 0
    f = feats(["1950-01-02", "1985-12-31", "1999-07-14"])
    assert f["date_parsed"] == 1.0 and f["dob_range"] == 1.0
    assert parse_dates(s)[0] == date(1971, 3, 8)


def test_words_gender_health_names() -> None:
    assert feats(["homme", "femme", "Male", "F"])["gender_word"] == 1.0
    assert feats(["Diabète", "asthme", "cancer du sein"])["health_term"] == 1.0
    assert feats(["Marie", "Jean", "Pierre"])["first_name"] == 1.0
    assert feats(["Marie Dupont", "Jean Martin"])["name_pair"] > 0.0


def test_null_tokens_are_dropped() -> None:
    assert clean_values(pl.Series(["NULL", "", " n/a ", "x"])).to_list() == ["x"]


def test_entity_mask_without_checksums_is_pattern_only() -> None:
    s = pl.Series(["4111 1111 1111 1112"])
    assert entity_mask("credit_card", s).to_list() == [False]
    assert entity_mask("credit_card", s, checksums=False).to_list() == [True]


def test_overflowing_numbers_give_finite_features() -> None:
    """A hexadecimal id such as "4e91..." parses as an overflowing float: not a number."""
    import math

    f = profile_column(pl.Series(["4e9123456789012345678901", "12"] * 5), "x")
    assert all(math.isfinite(v) for v in f.values())
    assert f["numeric"] == 0.5


def test_device_ids_plates_and_tax_numbers() -> None:
    from stdnum import imei, luhn
    from stdnum.fr import nif

    body = "35209900176148"
    valid = body + luhn.calc_check_digit(body)
    assert imei.is_valid(valid)
    assert profile_column(pl.Series([valid] * 4), "x")["imei_valid"] == 1.0
    corrupt = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    assert profile_column(pl.Series([corrupt] * 4), "x")["imei_valid"] == 0.0
    macs = pl.Series(["00:1A:2B:3C:4D:5E", "a4-5e-60-c2-11-0f", "F0:18:98:00:AB:CD"])
    assert profile_column(macs, "x")["mac"] == 1.0
    assert entity_mask("device_id", clean_values(macs)).all()
    assert entity_mask("licence_plate", clean_values(pl.Series(["AB-123-CD", "GE-345-XZ", "FR-001-AA"]))).all()
    fr = "3023456789" + nif.calc_check_digits("3023456789")
    assert nif.is_valid(fr) and entity_mask("tax_id", clean_values(pl.Series([fr]))).all()
    assert not entity_mask("tax_id", clean_values(pl.Series([fr[:-1] + "0" if fr[-1] != "0" else fr[:-1] + "1"]))).any()
