"""Registers as people write them: the CNIL layout exported to CSV, free-text categories,
numbers, dates and retention written in words, the user's category mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from rgpd_risk import InventoryError, load_inventory
from rgpd_risk.inventory import categories
from rgpd_risk.inventory.numbers import parse_date, parse_number

REGISTERS = Path(__file__).parent / "registers"
TODAY = dt.date(2026, 11, 29)


def _frame(**cols) -> pl.DataFrame:
    base = {"dataset_id": ["a"], "name": ["A"], "data_categories": ["contact"]}
    base.update({k: [v] for k, v in cols.items()})
    return pl.DataFrame(base)


# --------------------------------------------------------------------------- the CNIL layout


@pytest.fixture(scope="module")
def cnil_csv():
    return load_inventory(REGISTERS / "cnil_layout_fr.csv", today=TODAY)


def test_cnil_layout_csv_loads_without_error(cnil_csv):
    assert cnil_csv.frame.height == 7
    assert cnil_csv.frame["unmapped_categories"].list.len().sum() == 0
    assert not [i for i in cnil_csv.issues if i.column == "data_categories"]


def test_cnil_labels_are_categories_not_lists(cnil_csv):
    rows = {r["dataset_id"]: r for r in cnil_csv.frame.iter_rows(named=True)}
    assert rows["T-01"]["data_categories"] == ["identity", "professional", "financial", "nir"]
    assert rows["T-02"]["data_categories"] == ["identity", "behaviour", "financial", "connection"]
    assert rows["T-03"]["data_categories"] == ["identity", "health"]
    assert rows["T-06"]["data_categories"] == ["professional", "criminal"]
    assert rows["T-07"]["data_categories"] == ["identity", "financial"]


def test_no_transfer_words_mean_no_transfer(cnil_csv):
    countries = dict(zip(cnil_csv.frame["dataset_id"], cnil_csv.frame["third_countries"].to_list(), strict=True))
    assert countries == {"T-01": [], "T-02": [], "T-03": [], "T-04": [], "T-05": ["US"], "T-06": [], "T-07": []}


def test_sensitive_column_is_read_and_cross_checked(cnil_csv):
    declared = dict(zip(cnil_csv.frame["dataset_id"], cnil_csv.frame["sensitive_declared"], strict=True))
    assert declared["T-03"] is True and declared["T-01"] is False
    (issue,) = [i for i in cnil_csv.issues if i.column == "sensitive_declared"]
    assert issue.row == 8 and issue.level == "warning" and "no Art. 9" in issue.message


def test_sensitive_no_with_art9_category_is_a_warning():
    inv = load_inventory(_frame(data_categories="Santé", **{"Données sensibles ? (Oui/non)": "Non"}))
    assert any("'no sensitive data' declared" in i.message for i in inv.issues)
    with pytest.raises(InventoryError, match="no sensitive data"):
        load_inventory(_frame(data_categories="Santé", **{"Données sensibles ? (Oui/non)": "Non"}), strict=True)


def test_cnil_numbers_and_retention(cnil_csv):
    rows = {r["dataset_id"]: r for r in cnil_csv.frame.iter_rows(named=True)}
    assert [rows[k]["subject_count"] for k in ("T-01", "T-02", "T-03", "T-04", "T-05", "T-06")] == [
        1250, 12000, 300, 1000, 5000, None,
    ]
    assert rows["T-03"]["retention_months"] == 18.0
    assert rows["T-06"]["retention_months"] == 30.0
    assert rows["T-07"]["retention_status"] == "indefinite"
    assert any(i.row == 8 and "minimum" in i.message for i in cnil_csv.issues)
    assert any(i.row == 5 and i.column == "subject_count" and "lower bound" in i.message for i in cnil_csv.issues)


def test_template_columns_are_noted_not_warned(cnil_csv):
    assert any("Date de création de la fiche" in n for n in cnil_csv.notes)
    assert not any("not recognised" in i.message for i in cnil_csv.issues)


# --------------------------------------------------------------------------- categories


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Informations d'ordre économique et financier", ["financial"]),
        ("INFORMATIONS D’ORDRE ECONOMIQUE ET FINANCIER (revenus, impôts)", ["financial"]),
        ("Santé et Informations d'ordre économique et financier", ["health", "financial"]),
        ("Economic and financial information, Health data", ["financial", "health"]),
        ("Habitudes de consommation", ["behaviour"]),
        ("Vie professionnelle", ["professional"]),
        ("Données de connexion (logs)", ["connection"]),
        ("Nom, prénom et adresse e-mail", ["identity", "contact"]),
        ("Condamnations pénales et infractions", ["criminal"]),
        ("Coordonnées etc.", ["contact"]),
    ],
)
def test_known_labels_match_longest_first(cell, expected):
    assert load_inventory(_frame(data_categories=cell)).frame["data_categories"].to_list() == [expected]


def test_unknown_label_is_kept_with_a_suggestion():
    inv = load_inventory(_frame(data_categories="Coordonnées, behavoir, Horoscope"))
    row = inv.frame.row(0, named=True)
    assert row["data_categories"] == ["contact"]
    assert row["unmapped_categories"] == ["behavoir", "Horoscope"]
    messages = {i.value: i.message for i in inv.issues if i.column == "data_categories"}
    assert "did you mean 'behaviour'?" in messages["behavoir"]
    assert "did you mean" not in messages["Horoscope"]
    with pytest.raises(InventoryError) as info:
        load_inventory(_frame(data_categories="Coordonnées, behavoir"), strict=True)
    assert [i.value for i in info.value.issues if i.level == "error"] == ["behavoir"]


def test_user_mapping_file_is_applied_first(tmp_path):
    mapping = tmp_path / "categories.csv"
    mapping.write_text("label;category\nHoroscope;behaviour\nCoordonnées;identity\nVide;\n", encoding="utf-8")
    inv = load_inventory(_frame(data_categories="Coordonnées, horoscope"), mapping=mapping)
    assert inv.frame.row(0, named=True)["data_categories"] == ["identity", "behaviour"]
    assert inv.frame["unmapped_categories"].to_list() == [[]]
    assert load_inventory(_frame(data_categories="Horoscope"), mapping={"horoscope": "other"}).frame[
        "data_categories"
    ].to_list() == [["other"]]


def test_mapping_with_unknown_key_is_an_error_naming_the_row(tmp_path):
    mapping = tmp_path / "categories.csv"
    mapping.write_text("label,category\nHoroscope,behaviour\nTarot,astrology\n", encoding="utf-8")
    with pytest.raises(InventoryError) as info:
        load_inventory(_frame(), mapping=mapping)
    (issue,) = info.value.issues
    assert (issue.row, issue.value) == (3, "astrology")


def test_write_mapping_starts_from_unmapped_labels(tmp_path):
    path = categories.write_mapping([("behavior", 3), ("=cmd", 1)], tmp_path / "map.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "label,category,suggestion,rows"
    assert lines[1] == "behavior,,behaviour,3"
    assert lines[2].startswith("'=cmd")
    assert categories.read_mapping(path) == {}  # nothing filled in yet: nothing applied


def test_round_trip_keeps_unmapped_categories(tmp_path):
    from rgpd_risk import write_inventory

    inv = load_inventory(_frame(data_categories="Contact, Horoscope"))
    again = load_inventory(write_inventory(inv, tmp_path / "inv.parquet"))
    assert again.frame["unmapped_categories"].to_list() == [["Horoscope"]]


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("cell", "value", "kind"),
    [
        ("12 000", 12000, "exact"),
        ("12,000", 12000, "exact"),
        ("12.000", 12000, "exact"),
        ("1\u202f500", 1500, "exact"),
        ("1\u00a0500", 1500, "exact"),
        ("env. 5000", 5000, "approx"),
        ("environ 5 000", 5000, "approx"),
        ("5k", 5000, "exact"),
        ("1,5 k", 1500, "exact"),
        ("2 millions", 2_000_000, "exact"),
        ("> 10 000", 10000, "lower"),
        ("plus de 10 000", 10000, "lower"),
        ("< 50", 50, "upper"),
        ("1 000 à 5 000", 5000, "range"),
        ("1000-5000", 5000, "range"),
        ("1.234.567", 1234567, "exact"),
        ("NaN", None, "non_finite"),
        ("inf", None, "non_finite"),
        ("douze", None, "invalid"),
        ("12 000 personnes environ", None, "invalid"),
    ],
)
def test_numbers_as_people_type_them(cell, value, kind):
    out = pl.select(parse_number(pl.lit(pl.Series([cell]))).alias("n")).unnest("n").row(0, named=True)
    assert (out["value"], out["kind"]) == (value, kind)


@pytest.mark.parametrize("cell", ["NaN", "inf", "-inf", "1e30"])
def test_non_finite_and_huge_counts_are_errors(cell):
    with pytest.raises(InventoryError) as info:
        load_inventory(_frame(subject_count=cell))
    (issue,) = [i for i in info.value.issues if i.level == "error"]
    assert (issue.row, issue.column) == (1, "subject_count")


def test_non_finite_typed_values_are_errors():
    frame = _frame().with_columns(subject_count=pl.lit(float("nan")))
    with pytest.raises(InventoryError, match="not a finite number"):
        load_inventory(frame)


def test_ambiguous_count_is_a_warning_naming_the_cell():
    inv = load_inventory(_frame(subject_count="1 000 - 5 000"))
    assert inv.frame["subject_count"].to_list() == [5000]
    (issue,) = [i for i in inv.issues if i.column == "subject_count"]
    assert issue.level == "warning" and issue.row == 1 and "range" in issue.message


@pytest.mark.parametrize(
    ("cell", "value", "reading"),
    [("12,000", 12000, "12 000"), ("12.000", 12000, "12 000"), ("1.500", 1500, "1 500"), ("env. 1,050", 1050, "1 050")],
)
def test_one_separator_then_three_digits_is_a_warning_naming_the_cell(cell, value, reading):
    frame = pl.DataFrame(
        {"dataset_id": ["a", "b"], "name": ["A", "B"], "data_categories": ["contact"] * 2,
         "subject_count": ["12 000", cell]}
    )
    inv = load_inventory(frame)
    assert inv.frame["subject_count"].to_list() == [12000, value]  # still read as thousands
    (issue,) = [i for i in inv.issues if i.column == "subject_count"]
    assert (issue.level, issue.row, issue.value) == ("warning", 2, cell)
    plain = reading.replace(" ", "")
    assert issue.message == f"read as {reading} (thousands); write {plain} or {reading} to remove the doubt"


def test_one_separator_then_three_digits_is_an_error_in_strict_mode():
    with pytest.raises(InventoryError, match="read as 12 000"):
        load_inventory(_frame(subject_count="12,000"), strict=True)


@pytest.mark.parametrize(
    "cell", ["12 000", "12000", "1\u00a0500", "1\u202f500", "12,000,000", "12.000.000", "1'500", "500"]
)
def test_unambiguous_counts_give_no_warning(cell):
    inv = load_inventory(_frame(subject_count=cell))
    assert not [i for i in inv.issues if i.column == "subject_count" and i.level != "info"], inv.issues


def test_one_group_in_a_decimal_column_is_not_flagged():
    out = pl.select(parse_number(pl.lit(pl.Series(["1,500", "12,000"])), decimal_comma=True).alias("n")).unnest("n")
    assert out["grouped"].to_list() == [False, False]
    out = pl.select(parse_number(pl.lit(pl.Series(["1,500", "12,000,000", None, "x"]))).alias("n")).unnest("n")
    assert out["grouped"].to_list() == [True, False, False, False]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01/01/24", dt.date(2024, 1, 1)),
        ("31/12/99", dt.date(1999, 12, 31)),
        ("2024-03-31", dt.date(2024, 3, 31)),
        ("2024-03-31 10:15:00", dt.date(2024, 3, 31)),
        ("31.03.2024", dt.date(2024, 3, 31)),
        ("31/03/2024 environ", None),
        ("2024-03-31abc", None),
        ("31/13/2024", None),
    ],
)
def test_dates(cell, expected):
    out = pl.select(parse_date(pl.lit(pl.Series([cell])), pivot=27)).item()
    assert out == expected


def test_trailing_garbage_in_a_date_is_an_error():
    with pytest.raises(InventoryError) as info:
        load_inventory(_frame(last_reviewed="2024-03-31 (à revoir)"), today=TODAY)
    (issue,) = [i for i in info.value.issues if i.level == "error"]
    assert (issue.column, issue.message) == ("last_reviewed", "not a date")


# --------------------------------------------------------------------------- retention


@pytest.mark.parametrize(
    ("text", "months", "status"),
    [
        ("dix-huit mois", 18.0, "parsed"),
        ("vingt-cinq ans", 300.0, "parsed"),
        ("deux ans et demi", 30.0, "parsed"),
        ("10 years and 6 months", 126.0, "parsed"),
        ("1 an et 6 mois après la fin du contrat", 18.0, "parsed"),
        ("au moins 5 ans", None, "indefinite"),
        ("at least 5 years", None, "indefinite"),
        ("3 years or until consent is withdrawn", 36.0, "parsed"),
        ("trente-six mois", 36.0, "parsed"),
    ],
)
def test_retention_in_words(text, months, status):
    from rgpd_risk.inventory.retention import parse_retention

    row = parse_retention(pl.Series([text])).row(0, named=True)
    assert (row["retention_months"], row["retention_status"]) == (months, status)


def test_a_dashed_two_digit_year_that_also_reads_as_short_iso_is_named():
    """"24-01-01" is 24 January 2001 read day-month-year, 1 January 2024 read short ISO."""
    inv = load_inventory(_frame(last_reviewed="24-01-01"), today=TODAY)
    (issue,) = [i for i in inv.issues if i.column == "last_reviewed" and i.level == "warning"]
    assert "24/01/2001" in issue.message and "2024-01-01" in issue.message
    assert inv.frame["last_reviewed"].item() == dt.date(2001, 1, 24)
    with pytest.raises(InventoryError):
        load_inventory(_frame(last_reviewed="24-01-01"), today=TODAY, strict=True)
    for cell in ("31-03-24", "01/01/24", "2024-01-01", "12-12-12"):  # no second reading, or the same date
        inv = load_inventory(_frame(last_reviewed=cell), today=TODAY)
        assert not [i for i in inv.issues if i.column == "last_reviewed" and i.level != "info"], (cell, inv.issues)
