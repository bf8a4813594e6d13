"""The shipped table of real CNIL sanctions (rgpd_risk/data/cnil_sanctions.csv): schema and invariants.

The table is documented in rgpd_risk/data/README_cnil_sanctions.md. These checks guard its shape, not its
facts: every fact carries its own source link, checked by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

CSV = Path(__file__).resolve().parents[2] / "rgpd_risk" / "data" / "cnil_sanctions.csv"

COLUMNS = [
    "date", "deliberation", "organisation", "sector", "procedure", "amount_gdpr_eur", "amount_lil_eur",
    "amount_total_eur", "articles", "turnover_eur", "turnover_year", "role", "themes", "periodic_penalty",
    "appeal", "source_url", "source_checked",
]
SECTORS = {
    "retail", "telecom", "media", "health", "finance", "insurance", "energy", "public", "tech", "advertising",
    "real_estate", "transport", "hr_services", "call_centre", "education", "other",
}
PROCEDURES = {"ordinary", "simplified"}
ROLES = {"controller", "processor", "joint_controller"}
THEMES = {
    "call_recording", "prospecting", "trackers", "security", "rights", "transfers", "processor", "employees",
    "minors", "retention", "minimisation", "information", "legal_basis", "cooperation", "health",
    "video_surveillance", "dpo", "sensitive_data", "ai", "other",
}
AMOUNTS = ["amount_gdpr_eur", "amount_lil_eur", "amount_total_eur", "turnover_eur"]
# Our notation (GUIDE.md): GDPR "Art. 5(1)(c)"; other texts short name first, "LIL art. 82", "CPCE art. L34-5".
ARTICLE = re.compile(r"^(Art\. \d+(\(\d+\))?(\([a-z]\))?|LIL art\. \d+(-\d+)?|CPCE art\. L\d+(-\d+)?)$")
DELIBERATION = re.compile(r"^SAN-20\d\d-\d{3}$")
CHECKED = re.compile(r"^(official|secondary:\S.*)$")


@pytest.fixture(scope="module")
def table() -> pl.DataFrame:
    # Everything as text first: the schema check below is then about the file, not about inference.
    return pl.read_csv(CSV, infer_schema_length=0, encoding="utf8")


def _split(col: pl.Series) -> list[list[str]]:
    return [[] if v is None else v.split("|") for v in col.to_list()]


def test_columns_in_order(table: pl.DataFrame) -> None:
    assert table.columns == COLUMNS


def test_at_least_sixty_decisions(table: pl.DataFrame) -> None:
    assert table.height >= 60


def test_dates_are_iso_and_in_range(table: pl.DataFrame) -> None:
    parsed = table.select(pl.col("date").str.strptime(pl.Date, "%Y-%m-%d", strict=False))["date"]
    bad = table.filter(parsed.is_null())["date"].to_list()
    assert not bad, f"non-ISO dates: {bad}"
    assert parsed.min().year >= 2019


def test_amounts_are_non_negative_integers(table: pl.DataFrame) -> None:
    for col in AMOUNTS:
        values = table[col].drop_nulls()
        as_int = values.cast(pl.Int64, strict=False)
        assert as_int.null_count() == 0, f"{col}: non-integer values {values.filter(as_int.is_null()).to_list()}"
        assert (as_int >= 0).all(), f"{col}: negative amount"
    assert table["amount_total_eur"].null_count() == 0, "every decision states its total"


def test_total_is_gdpr_plus_lil_where_both_given(table: pl.DataFrame) -> None:
    t = table.select([pl.col(c).cast(pl.Int64) for c in ("amount_gdpr_eur", "amount_lil_eur", "amount_total_eur")])
    both = t.filter(pl.col("amount_gdpr_eur").is_not_null() & pl.col("amount_lil_eur").is_not_null())
    assert both.height > 0
    assert (both["amount_gdpr_eur"] + both["amount_lil_eur"] == both["amount_total_eur"]).all()
    # A single regime given alone cannot exceed the total.
    for col in ("amount_gdpr_eur", "amount_lil_eur"):
        one = t.filter(pl.col(col).is_not_null())
        assert (one[col] <= one["amount_total_eur"]).all(), col


def test_turnover_year_only_with_turnover(table: pl.DataFrame) -> None:
    assert table.filter(pl.col("turnover_year").is_not_null() & pl.col("turnover_eur").is_null()).height == 0
    years = table["turnover_year"].drop_nulls().cast(pl.Int32)
    assert years.is_between(2010, 2030).all()


def test_controlled_vocabularies(table: pl.DataFrame) -> None:
    assert set(table["sector"].to_list()) <= SECTORS
    assert set(table["procedure"].to_list()) <= PROCEDURES
    assert set(table["role"].to_list()) <= ROLES
    for themes in _split(table["themes"]):
        assert themes and set(themes) <= THEMES, themes


def test_articles_use_project_notation(table: pl.DataFrame) -> None:
    for arts in _split(table["articles"]):
        for a in arts:
            assert ARTICLE.match(a), a


def test_deliberation_numbers_unique_and_well_formed(table: pl.DataFrame) -> None:
    given = table["deliberation"].drop_nulls()
    assert all(DELIBERATION.match(d) for d in given.to_list()), given.to_list()
    assert given.is_duplicated().sum() == 0, given.filter(given.is_duplicated()).to_list()
    # The year in the number is the year of the decision.
    rows = table.filter(pl.col("deliberation").is_not_null())
    assert (rows["deliberation"].str.slice(4, 4) == rows["date"].str.slice(0, 4)).all()


def test_every_row_is_sourced(table: pl.DataFrame) -> None:
    assert table["source_url"].null_count() == 0
    assert table["source_checked"].null_count() == 0
    for urls, checked in zip(_split(table["source_url"]), _split(table["source_checked"]), strict=True):
        assert all(u.startswith("https://") for u in urls), urls
        assert len(urls) == len(checked), (urls, checked)
        for u, c in zip(urls, checked, strict=True):
            assert CHECKED.match(c), c
            # "official" is reserved for what was read on Légifrance or cnil.fr.
            if c == "official":
                assert re.match(r"^https://www\.(legifrance\.gouv\.fr|cnil\.fr)/", u), u


def test_organisation_and_no_formula_cells(table: pl.DataFrame) -> None:
    assert table["organisation"].null_count() == 0
    for col in table.columns:
        for v in table[col].drop_nulls().to_list():
            assert not v.startswith(("=", "+", "-", "@")), (col, v)
