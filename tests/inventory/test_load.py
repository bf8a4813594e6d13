"""load_inventory: formats, the malformed corpus, real third-party files, properties."""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rgpd_risk import InventoryError, load_inventory, write_inventory
from rgpd_risk.inventory.schema import INVENTORY_SCHEMA

CORPUS = Path(__file__).parent / "malformed"
EXPECTED = list(csv.DictReader((CORPUS / "EXPECTED.csv").open(encoding="utf-8")))
TODAY = dt.date(2026, 11, 29)


def test_corpus_is_large_enough():
    assert len(EXPECTED) >= 25
    assert all((CORPUS / case["file"]).exists() for case in EXPECTED)


@pytest.mark.parametrize("case", EXPECTED, ids=[c["file"] for c in EXPECTED])
def test_malformed_input_gives_its_expected_problem(case):
    path = CORPUS / case["file"]
    strict = case.get("strict") == "yes"  # strict mode turns the loader's doubts into errors
    if case["level"] == "error":
        with pytest.raises(InventoryError) as info:
            load_inventory(path, today=TODAY, strict=strict)
        issues = info.value.issues
    else:
        issues = load_inventory(path, today=TODAY, strict=strict).issues
    matching = [i for i in issues if i.level == case["level"] and case["message"] in i.message]
    assert matching, f"{case['file']}: no {case['level']} containing {case['message']!r} in {[str(i) for i in issues]}"
    issue = matching[0]
    if case["row"]:
        assert issue.row == int(case["row"])
    if case["column"]:
        assert issue.column == case["column"]


def test_huge_cell_is_an_error(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("dataset_id,name,data_categories\ncrm," + "x" * 10_000_000 + ",contact\n")
    with pytest.raises(InventoryError) as info:
        load_inventory(path)
    (issue,) = [i for i in info.value.issues if "cell too long" in i.message]
    assert (issue.row, issue.column) == (2, "name")
    assert len(issue.value) < 100  # the message never carries the 10 MB value


def test_every_error_is_reported_at_once(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("dataset_id,name,data_categories,subject_count\na,A,contact,-1\na,B,horoscope,2\nc,,contact,x\n")
    with pytest.raises(InventoryError) as info:
        load_inventory(path, strict=True)  # strict: the unknown category "horoscope" is an error too
    messages = [i.message for i in info.value.issues if i.level == "error"]
    assert len(messages) == 5, messages
    assert "5 problem(s)" in str(info.value)


def test_folder_is_refused(tmp_path):
    with pytest.raises(InventoryError, match="is a folder"):
        load_inventory(tmp_path)


def test_a_pipe_or_a_device_is_refused_before_reading(tmp_path):
    """A named pipe would block the read forever and /dev/zero never ends: neither is read."""
    fifo = tmp_path / "inventory.csv"
    os.mkfifo(fifo)
    device = tmp_path / "zero.csv"
    device.symlink_to("/dev/zero")
    for path in (fifo, device):
        with pytest.raises(InventoryError, match="not a regular file"):
            load_inventory(path)


def test_cli_validate_reports_without_traceback():
    out = subprocess.run(
        [sys.executable, "-m", "rgpd_risk.cli", "validate", str(CORPUS / "duplicate_ids.csv")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert "duplicate dataset id" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_french_cp1252_export_is_read(tmp_path):
    inv = load_inventory(CORPUS / "windows_1252.csv")
    row = inv.frame.row(0, named=True)
    assert row["name"] == "Gestion des clients"
    assert row["data_categories"] == ["contact", "health"]
    assert (row["retention_months"], row["retention_event"]) == (60.0, "end_of_contract")
    assert any("cp1252" in n for n in inv.notes)


def test_french_headers_booleans_and_numbers(tmp_path):
    path = tmp_path / "fr.csv"
    path.write_bytes(
        (
            "\ufeffRéférence;Nom du traitement;Finalité du traitement;Base légale;"
            "Catégories de données;Personnes concernées;Nombre de personnes;AIPD réalisée;"
            "Transferts hors UE (pays);Mesures de sécurité\n"
            "rh-paie;Paie;Payer les salariés;Obligation légale;État civil, NIR, RIB;Salariés;"
            "1 250;Oui;Inde;Chiffrement, Contrôle d'accès\n"
        ).encode("utf-8")
    )
    row = load_inventory(path).frame.row(0, named=True)
    assert row["legal_basis"] == "legal_obligation"
    assert row["data_categories"] == ["identity", "nir", "financial"]
    assert row["data_subjects"] == ["employees"]
    assert row["subject_count"] == 1250
    assert row["dpia_done"] is True
    assert row["third_countries"] == ["IN"]
    assert row["security_measures"] == ["encryption_at_rest", "access_control"]


def test_defaults_are_pessimistic_and_reported():
    inv = load_inventory(pl.DataFrame({"dataset_id": ["a"], "name": ["A"], "data_categories": ["contact"]}))
    row = inv.frame.row(0, named=True)
    assert row["security_measures"] == [] and row["internet_exposed"] is True
    assert row["privacy_notice"] is False and row["identifiability"] == "maximum"
    assert dict(inv.defaults_applied)["internet_exposed"] == 1
    assert inv.frame.schema == pl.Schema(INVENTORY_SCHEMA)


def test_xlsx_and_ods_are_read(tmp_path):
    frame = pl.DataFrame(
        {
            "Référence": ["crm"],
            "Nom du traitement": ["CRM"],
            "Catégories de données": ["Coordonnées"],
            "AIPD réalisée": ["Non"],
        }
    )
    xlsx = tmp_path / "register.xlsx"
    frame.write_excel(xlsx)
    assert load_inventory(xlsx).frame["data_categories"].to_list() == [["contact"]]
    ods = tmp_path / "register.ods"
    frame.to_pandas().to_excel(ods, engine="odf", index=False)
    assert load_inventory(ods).frame["dpia_done"].to_list() == [False]


# --------------------------------------------------------------------------- real files


def test_fides_data_map_imports(shared_dir):
    inv = load_inventory(shared_dir / "data/inventories/ethyca-fides/minimal.json")
    assert inv.frame.height == 20
    assert inv.format == "fides"
    assert inv.frame["dataset_id"].is_unique().all()
    assert set(inv.frame["legal_basis"].drop_nulls()) == {"consent", "legitimate_interests"}
    assert inv.frame["data_categories"].list.len().sum() > 0
    assert any("not used by the risk model were ignored" in n for n in inv.notes)


def test_usegalaxy_registers_import(shared_dir):
    folder = shared_dir / "data/inventories/usegalaxy-eu-gdpr"
    register = load_inventory(folder / "dpa_register.yml")
    assert register.frame.height == 2
    assert register.frame["retention_status"].to_list() == ["on_request", "on_request"]
    pii = load_inventory(folder / "pii.yml")
    assert pii.frame.height == 6
    statuses = dict(zip(pii.frame["name"], pii.frame["retention_status"], strict=True))
    assert (
        statuses["IP Address"] == "parsed"
        and statuses["Job Execution Data (parameters, datasets provided)"] == "indefinite"
    )
    assert pii.frame.filter(pl.col("name") == "IP Address")["data_categories"].to_list() == [["connection"]]


def test_fideslang_mapping_covers_all_keys(shared_dir):
    from rgpd_risk.taxonomy import fideslang_mapping

    theirs = set(pl.read_csv(shared_dir / "data/inventories/ethyca-fideslang/data_categories.csv")["fides_key"])
    ours = fideslang_mapping()
    assert set(ours["fides_key"]) == theirs and len(theirs) == 86
    unmapped = ours.filter(pl.col("category").is_null())
    assert unmapped["note"].null_count() == 0  # every non-mapping says why


# --------------------------------------------------------------------------- properties


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 60), seed=st.integers(0, 10_000), perm_seed=st.integers(0, 10_000))
def test_loading_does_not_depend_on_row_order(n, seed, perm_seed):
    from rgpd_risk import synthetic_inventory

    frame = synthetic_inventory(n, seed=seed).drop("source_row")
    shuffled = frame.sample(fraction=1.0, shuffle=True, seed=perm_seed)
    a = load_inventory(frame).frame.drop("source_row").sort("dataset_id")
    b = load_inventory(shuffled).frame.drop("source_row").sort("dataset_id")
    assert a.equals(b)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 40), seed=st.integers(0, 10_000), suffix=st.sampled_from([".csv", ".parquet", ".json"]))
def test_write_then_load_is_lossless(tmp_path_factory, n, seed, suffix):
    from rgpd_risk import synthetic_inventory

    inv = load_inventory(synthetic_inventory(n, seed=seed))
    path = write_inventory(inv, tmp_path_factory.mktemp("rt") / f"inventory{suffix}")
    again = load_inventory(path)
    assert again.frame.drop("source_row").equals(inv.frame.drop("source_row"))


def test_french_export_loads_to_the_same_inventory(sample_dir):
    native = load_inventory(sample_dir / "inventory.csv")
    french = load_inventory(sample_dir / "registre_export_fr.csv")
    assert 40 <= native.frame.height <= 80
    assert french.frame.drop("source_row").equals(native.frame.drop("source_row"))
    assert native.organisation is not None and native.organisation.turnover_eur == pytest.approx(52e6)


def test_company_suffixes_keep_their_comma():
    frame = pl.DataFrame(
        {
            "dataset_id": ["a"],
            "name": ["A"],
            "data_categories": ["contact"],
            "processors": ["Salesforce, Inc., OVH SAS, Zendesk"],
        }
    )
    assert load_inventory(frame).frame["processors"].to_list() == [["Salesforce, Inc.", "OVH SAS", "Zendesk"]]
