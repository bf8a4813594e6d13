"""The sample register in data/sample/: valid keys, in sync, realistic."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from rgpd_risk.inventory.organisation import load_organisation
from rgpd_risk.inventory.retention import parse_retention
from rgpd_risk.inventory.schema import COLUMN_BY_NAME, COLUMNS
from rgpd_risk.taxonomy import eea_countries, keys, normalise, resolve

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
TODAY = date(2026, 11, 29)  # the project's reference date: no sample date may be later
NATIVE_COLUMNS = [c.name for c in COLUMNS if not c.derived]
VOCABULARY_COLUMNS = {c.name: c.vocabulary for c in COLUMNS if c.vocabulary and not c.derived}


@pytest.fixture(scope="module")
def native() -> pl.DataFrame:
    return pl.read_csv(SAMPLE / "inventory.csv", infer_schema_length=0)


@pytest.fixture(scope="module")
def french() -> pl.DataFrame:
    return pl.read_csv(SAMPLE / "registre_export_fr.csv", separator=";", encoding="cp1252", infer_schema_length=0)


@pytest.fixture(scope="module")
def exporter():
    path = SAMPLE / "make_french_export.py"
    spec = importlib.util.spec_from_file_location("make_french_export", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _values(frame: pl.DataFrame, column: str, separator: str) -> pl.Series:
    return frame[column].drop_nulls().str.split(separator).explode().str.strip_chars()


def test_native_header_is_canonical(native):
    assert native.columns == NATIVE_COLUMNS


def test_row_count_and_unique_ids(native, french):
    assert 40 <= native.height <= 80
    assert native["dataset_id"].n_unique() == native.height
    assert native["dataset_id"].str.contains(r"^[a-z0-9]+(?:-[a-z0-9]+)*$").all()
    assert french.height == native.height
    assert french["Référence"].to_list() == native["dataset_id"].to_list()


@pytest.mark.parametrize("column", sorted(VOCABULARY_COLUMNS))
def test_native_values_are_keys(native, column):
    values = _values(native, column, "|")
    assert set(values) <= keys(VOCABULARY_COLUMNS[column])


@pytest.mark.parametrize("column", sorted(VOCABULARY_COLUMNS))
def test_french_labels_resolve_to_the_same_keys(native, french, exporter, column):
    header = exporter.HEADERS[column]
    labels = _values(french, header, ", ")
    resolved = resolve(labels, VOCABULARY_COLUMNS[column])
    assert resolved.null_count() == 0, labels.filter(resolved.is_null()).to_list()
    assert resolved.to_list() == _values(native, column, "|").to_list()


def test_french_headers_are_declared_aliases(exporter):
    for column, header in exporter.HEADERS.items():
        aliases = {normalise(a) for a in COLUMN_BY_NAME[column].aliases}
        assert normalise(header) in aliases, (column, header)
    assert list(exporter.HEADERS) == NATIVE_COLUMNS


def test_french_export_is_in_sync(native, exporter):
    expected = exporter.french_export(native).write_csv(separator=";", line_terminator="\r\n")
    assert (SAMPLE / "registre_export_fr.csv").read_bytes() == expected.encode("cp1252")


def test_french_export_looks_french(french):
    raw = (SAMPLE / "registre_export_fr.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # cp1252, as Excel writes it
    assert set(french["AIPD réalisée"]) == {"Oui", "Non"}
    dates = french["Dernière mise à jour de la fiche"].drop_nulls()
    assert dates.str.contains(r"^\d{2}/\d{2}/\d{4}$").all()


@pytest.mark.parametrize("column", ["oldest_record_date", "last_reviewed"])
def test_dates_are_iso_and_not_in_the_future(native, column):
    dates = native[column].drop_nulls().str.to_date("%Y-%m-%d", strict=True)
    assert dates.len() > 0
    assert dates.max() <= TODAY


def test_booleans_are_true_false(native):
    for c in COLUMNS:
        if c.dtype == pl.Boolean() and not c.derived:
            assert set(native[c.name].unique()) <= {"true", "false"}, c.name


def test_third_countries_are_iso_outside_the_eea(native):
    countries = _values(native, "third_countries", "|")
    assert countries.str.contains(r"^[A-Z]{2}$").all()
    assert not set(countries) & eea_countries()


def test_every_french_retention_parses(french):
    parsed = parse_retention(french["Durée de conservation"])
    assert set(parsed["retention_status"]) <= {"parsed", "indefinite", "on_request"}
    assert {"parsed", "indefinite", "on_request"} <= set(parsed["retention_status"])


def test_some_records_outlive_their_retention(native):
    # Rows whose oldest record is older than the retention counted from collection:
    # the sample must make retention findings fire.
    parsed = parse_retention(native["retention_text"])
    frame = pl.concat([native, parsed], how="horizontal").filter(
        (pl.col("retention_event") == "collection") & pl.col("oldest_record_date").is_not_null()
    )
    age_months = (pl.lit(TODAY) - pl.col("oldest_record_date").str.to_date()).dt.total_days() / (365.25 / 12)
    assert frame.filter(age_months > pl.col("retention_months")).height >= 3


def test_sample_mixes_good_and_bad_practice(native):
    flags = native.select(
        us_without_safeguard=(
            pl.col("third_countries").str.contains("US")
            & (pl.col("transfer_safeguard").is_null() | (pl.col("transfer_safeguard") == "none"))
        ).any(),
        us_with_safeguard=(
            pl.col("third_countries").str.contains("US")
            & pl.col("transfer_safeguard").is_in(["scc", "adequacy", "bcr"])
        ).any(),
        minors=pl.col("data_subjects").str.contains("minors").any(),
        health=pl.col("data_categories").str.contains("health").any(),
        biometric=pl.col("data_categories").str.contains("biometric").any(),
        nir=pl.col("data_categories").str.contains(r"\bnir\b").any(),
        dpia_done=(pl.col("dpia_done") == "true").any(),
        no_dpia=(pl.col("dpia_done") == "false").any(),
    ).row(0, named=True)
    assert all(flags.values()), flags


def test_organisation_profile():
    org = load_organisation(SAMPLE / "organisation.yaml")
    assert org.country == "FR" and org.lead_authority == "CNIL"
    assert 250 < org.employees < 400 and 4e7 <= org.turnover_eur <= 6e7
    assert org.previous_infringements == 0
    assert org.dpo_designated and not org.breach_procedure
