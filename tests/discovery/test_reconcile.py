from datetime import date

import polars as pl
import pytest

from rgpd_risk.discovery import COLUMNS_SCHEMA, ScanResult, reconcile
from rgpd_risk.schemas import FINDINGS_SCHEMA

INV_SCHEMA = {"dataset_id": pl.Utf8, "data_categories": pl.List(pl.Utf8),
              "retention_months": pl.Int64, "subject_count": pl.Int64}


def col(column: str, entity: str, category: str | None, **kw: object) -> dict[str, object]:
    row: dict[str, object] = {
        "source": "crm.csv", "table": "crm.csv", "column": column, "entity": entity,
        "category": category, "confidence": 0.9, "match_share": 0.95, "match_share_low": 0.9,
        "match_share_high": 0.98, "n_sampled": 1000, "n_non_null": 1000,
        "evidence": ["header", "pattern"], "examples": ["j***@***.fr"], "date_min": None,
        "date_max": None, "distinct_estimate": 900}
    row.update(kw)
    return row


def inventory(categories: list[str], retention: int | None = None,
              subjects: int | None = None) -> pl.DataFrame:
    return pl.DataFrame({"dataset_id": ["crm"], "data_categories": [categories],
                         "retention_months": [retention], "subject_count": [subjects]},
                        schema=INV_SCHEMA)


@pytest.fixture
def result() -> ScanResult:
    return ScanResult(pl.DataFrame([
        col("email", "email", "contact"),
        col("diagnostic", "health", "health", examples=["D***…"]),
        col("secu", "nir", "nir"),
        col("created_at", "date", None, date_min=date(2015, 3, 1), date_max=date(2024, 1, 1)),
        col("prix", "not_personal", None),
    ], schema=COLUMNS_SCHEMA))


def codes(findings: pl.DataFrame) -> list[str]:
    return findings["code"].to_list()


def test_findings_schema_and_source(result: ScanResult) -> None:
    f = reconcile(result, inventory(["contact"]), "crm", today=date(2025, 1, 1))
    assert dict(f.schema) == FINDINGS_SCHEMA
    assert set(f["source"]) == {"discovery"} and set(f["dataset_id"]) == {"crm"}
    assert f["title_fr"].str.len_chars().min() > 0 and f["explanation_en"].str.len_chars().min() > 0


def test_undeclared_special_categories_and_nir(result: ScanResult) -> None:
    f = reconcile(result, inventory(["contact"]), "crm", today=date(2025, 1, 1))
    special = f.filter(pl.col("code") == "DISCOVERY_UNDECLARED_SPECIAL").row(0, named=True)
    assert special["tier"] == "83(5)" and "Art. 9(1)" in special["articles"]
    assert special["action"] == "review_special_category" and "diagnostic" in special["evidence"]
    nir = f.filter(pl.col("code") == "DISCOVERY_UNDECLARED_NIR").row(0, named=True)
    assert nir["tier"] == "83(5)"


def test_undeclared_ordinary_category_is_tier_83_4(result: ScanResult) -> None:
    f = reconcile(result, inventory(["health", "nir"]), "crm")
    row = f.filter(pl.col("code") == "DISCOVERY_UNDECLARED_CATEGORY").row(0, named=True)
    assert row["tier"] == "83(4)" and row["articles"] == ["Art. 30(1)(c)"]
    assert row["action"] == "update_register"


def test_declared_but_not_found_is_low(result: ScanResult) -> None:
    f = reconcile(result, inventory(["contact", "health", "nir", "financial"]), "crm")
    row = f.filter(pl.col("code") == "DISCOVERY_DECLARED_NOT_FOUND").row(0, named=True)
    assert row["seriousness"] == "low" and "financial" in row["evidence"]


def test_retention(result: ScanResult) -> None:
    inv = inventory(["contact", "health", "nir"], retention=36)
    f = reconcile(result, inv, "crm", today=date(2025, 1, 1))
    row = f.filter(pl.col("code") == "DISCOVERY_RETENTION_EXCEEDED").row(0, named=True)
    assert row["articles"] == ["Art. 5(1)(e)"] and row["action"] == "purge_old_records"
    assert "2015-03-01" in row["evidence"] and "2022-01-01" in row["evidence"]
    long = reconcile(result, inventory(["contact", "health", "nir"], retention=240), "crm",
                     today=date(2025, 1, 1))
    assert "DISCOVERY_RETENTION_EXCEEDED" not in codes(long)


def test_volume(result: ScanResult) -> None:
    declared = ["contact", "health", "nir"]
    assert "DISCOVERY_VOLUME_UNDERSTATED" in codes(reconcile(result, inventory(declared, subjects=100), "crm"))
    assert "DISCOVERY_VOLUME_UNDERSTATED" not in codes(reconcile(result, inventory(declared, subjects=800), "crm"))


def test_everything_declared_gives_no_finding(result: ScanResult) -> None:
    f = reconcile(result, inventory(["contact", "health", "nir"], retention=240, subjects=1000),
                  "crm", today=date(2025, 1, 1))
    assert f.height == 0


def test_unknown_dataset_declares_nothing(result: ScanResult) -> None:
    f = reconcile(result, inventory(["contact"]), "other")
    assert {"DISCOVERY_UNDECLARED_CATEGORY", "DISCOVERY_UNDECLARED_SPECIAL"} <= set(codes(f))


def test_undeclared_art9_and_art10_columns() -> None:
    res = ScanResult(pl.DataFrame([
        col("religion", "religion", "religious_beliefs", is_special_category=True),
        col("casier", "offence", "criminal", is_offence_data=True),
        col("syndicat", "trade_union", "trade_union", is_special_category=True),
    ], schema=COLUMNS_SCHEMA))
    f = reconcile(res, inventory(["contact"]), "crm")
    special = f.filter(pl.col("code") == "DISCOVERY_UNDECLARED_SPECIAL")
    assert special.height == 2 and all("Art. 9(1)" in a for a in special["articles"].to_list())
    offence = f.filter(pl.col("code") == "DISCOVERY_UNDECLARED_OFFENCE").row(0, named=True)
    assert "Art. 10" in offence["articles"] and offence["tier"] == "83(5)"
    assert "casier" in offence["evidence"]
    assert reconcile(res, inventory(["religious_beliefs", "criminal", "trade_union"]), "crm").height == 0
