"""Tests for the free-text retention parser."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rgpd_risk.inventory.retention import DAYS_PER_MONTH, RETENTION_EVENTS, parse_retention
from rgpd_risk.inventory.schema import INVENTORY_SCHEMA, RETENTION_STATUSES

DAY = 1 / DAYS_PER_MONTH
HOUR = DAY / 24

# (text, months, event, status) — phrasings as found in French and English registers.
CASES: list[tuple[object, float | None, str | None, str]] = [
    ("5 ans après la fin de la relation commerciale", 60, "end_of_relationship", "parsed"),
    ("13 mois", 13, "collection", "parsed"),
    ("durée du contrat + 3 ans", 36, "end_of_contract", "parsed"),
    ("Durée du contrat + 3 ans", 36, "end_of_contract", "parsed"),
    ("3 ans à compter du dernier contact", 36, "last_contact", "parsed"),
    ("6 months after account closure", 6, "account_closure", "parsed"),
    ("30 jours", 30 * DAY, "collection", "parsed"),
    ("30j", 30 * DAY, "collection", "parsed"),
    ("After 24 hours", 24 * HOUR, "collection", "parsed"),
    ("24h", 24 * HOUR, "collection", "parsed"),
    ("1 an", 12, "collection", "parsed"),
    ("un an", 12, "collection", "parsed"),
    ("Un an à compter de la collecte", 12, "collection", "parsed"),
    ("deux ans", 24, "collection", "parsed"),
    ("DEUX ANS après le dernier contact", 24, "last_contact", "parsed"),
    ("douze mois", 12, "collection", "parsed"),
    ("twelve months", 12, "collection", "parsed"),
    ("a year", 12, "collection", "parsed"),
    ("one year after the last purchase", 12, "last_contact", "parsed"),
    ("ten years", 120, "collection", "parsed"),
    ("dix ans à compter de la clôture de l'exercice", 120, "end_of_financial_year", "parsed"),
    ("10 years", 120, "collection", "parsed"),
    ("10 ans (obligation comptable, art. L123-22 C. com.)", 120, "collection", "parsed"),
    ("5 ans après le départ du salarié", 60, "end_of_employment", "parsed"),
    ("5 years after the employee's departure", 60, "end_of_employment", "parsed"),
    ("fin du contrat de travail + 5 ans", 60, "end_of_employment", "parsed"),
    ("2 ans après le dernier contact avec le candidat", 24, "last_contact", "parsed"),
    ("1 mois", 1, "collection", "parsed"),
    ("3 semaines", 21 * DAY, "collection", "parsed"),
    ("1,5 an", 18, "collection", "parsed"),
    ("5-year retention", 60, "collection", "parsed"),
    ("6 mois après la clôture du ticket", 6, "case_closure", "parsed"),
    ("3 years after the end of the contract", 36, "end_of_contract", "parsed"),
    ("Cookies : 13 mois ; statistiques : 25 mois", 25, "collection", "parsed"),
    ("3 ans d'inactivité", 36, "last_contact", "parsed"),
    ("Jusqu'à la fin du contrat", 0, "end_of_contract", "parsed"),
    ("pendant la durée de la relation commerciale", 0, "end_of_relationship", "parsed"),
    ("3 ans ou jusqu'au retrait du consentement", 36, "consent_withdrawal", "parsed"),
    ("jamais plus de 3 ans", 36, "collection", "parsed"),
    ("3 ans après la désinscription", 36, "consent_withdrawal", "parsed"),
    ("Never", None, None, "indefinite"),
    ("jamais", None, None, "indefinite"),
    ("indéfiniment", None, None, "indefinite"),
    ("Durée illimitée", None, None, "indefinite"),
    ("illimitée", None, None, "indefinite"),
    ("indefinitely", None, None, "indefinite"),
    ("pas de suppression", None, None, "indefinite"),
    ("Conservation permanente", None, None, "indefinite"),
    ("5 ans puis archivage illimité", None, None, "indefinite"),
    ("Until user requests deletion", None, "erasure_request", "on_request"),
    ("Upon Request", None, "erasure_request", "on_request"),
    ("jusqu'à la demande de suppression", None, "erasure_request", "on_request"),
    ("jusqu'au retrait du consentement", None, "consent_withdrawal", "on_request"),
    ("Jusqu'à désinscription", None, "consent_withdrawal", "on_request"),
    ("until the user withdraws consent", None, "consent_withdrawal", "on_request"),
    ("", None, None, "missing"),
    ("   ", None, None, "missing"),
    (None, None, None, "missing"),
    ("N/A", None, None, "missing"),
    ("à définir", None, None, "missing"),
    ("-", None, None, "missing"),
    ("90", None, None, "unparsed"),
    ("selon la politique interne", None, None, "unparsed"),
    ("as required", None, None, "unparsed"),
    ("voir procédure RH", None, None, "unparsed"),
]


def _parse_one(text: object) -> dict:
    return parse_retention(pl.Series([text], dtype=pl.Utf8)).row(0, named=True)


@pytest.mark.parametrize(("text", "months", "event", "status"), CASES)
def test_phrasings(text, months, event, status):
    row = _parse_one(text)
    assert row["retention_status"] == status
    assert row["retention_event"] == event
    if months is None:
        assert row["retention_months"] is None
    else:
        assert row["retention_months"] == pytest.approx(months)


def test_table_is_large_enough():
    assert len(CASES) >= 40


def test_output_schema_and_order():
    texts = pl.Series([c[0] for c in CASES], dtype=pl.Utf8)
    out = parse_retention(texts)
    assert out.height == len(CASES)
    assert out.schema == {
        "retention_months": INVENTORY_SCHEMA["retention_months"],
        "retention_event": INVENTORY_SCHEMA["retention_event"],
        "retention_status": INVENTORY_SCHEMA["retention_status"],
    }
    assert set(out["retention_status"]) <= set(RETENTION_STATUSES)
    assert set(out["retention_event"].drop_nulls()) <= set(RETENTION_EVENTS)
    # Rows stay aligned with the input: parsing the reversed column gives reversed rows.
    assert parse_retention(texts.reverse()).equals(out.reverse())


def test_numeric_series_is_unparsed():
    out = parse_retention(pl.Series([90, None]))
    assert out["retention_status"].to_list() == ["unparsed", "missing"]


def test_empty_series():
    out = parse_retention(pl.Series([], dtype=pl.Utf8))
    assert out.height == 0
    assert out.columns == ["retention_months", "retention_event", "retention_status"]


@given(
    st.integers(min_value=1, max_value=10_000),
    st.sampled_from(["ans", "an", "années", "years", "Ans"]),
)
def test_years_are_twelve_months(n, unit):
    row = _parse_one(f"{n} {unit}")
    assert row["retention_status"] == "parsed"
    assert row["retention_months"] == 12 * n


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["mois", "months", "Mois"]))
def test_months_are_months(n, unit):
    row = _parse_one(f"{n} {unit}")
    assert row["retention_months"] == n
    assert row["retention_event"] == "collection"


@given(st.text(max_size=60))
def test_any_text_gets_a_valid_status(text):
    row = _parse_one(text)
    assert row["retention_status"] in RETENTION_STATUSES
    if row["retention_status"] != "parsed":
        assert row["retention_months"] is None
    else:
        assert row["retention_months"] >= 0


# Number words written out in full, spelled independently of the parser, so that every number
# below a thousand is checked in French (France, Belgium, Switzerland) and in English.
_FR_SMALL = (
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
    "dix-sept dix-huit dix-neuf"
).split()
_FR_TENS = {
    2: "vingt",
    3: "trente",
    4: "quarante",
    5: "cinquante",
    6: "soixante",
    7: "septante",
    8: "huitante",
    9: "nonante",
}
_EN_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_EN_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _french_below_100(n: int, variant: str) -> str:
    if n < 20:
        return _FR_SMALL[n]
    tens, unit = divmod(n, 10)
    if variant == "fr" and tens in (7, 9):  # soixante-dix, soixante et onze, quatre-vingt-dix-neuf
        base, rest = ("soixante", n - 60) if tens == 7 else ("quatre-vingt", n - 80)
        return f"{base} et onze" if rest == 11 else f"{base}-{_FR_SMALL[rest]}"
    if tens == 8 and variant != "ch":
        return "quatre-vingts" if unit == 0 else f"quatre-vingt-{_FR_SMALL[unit]}"
    word = _FR_TENS[tens]
    if unit == 0:
        return word
    return f"{word} et un" if unit == 1 else f"{word}-{_FR_SMALL[unit]}"


def _french(n: int, variant: str = "fr") -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _french_below_100(rest, variant)
    head = "cent" if hundreds == 1 else f"{_FR_SMALL[hundreds]} cent{'s' if rest == 0 else ''}"
    return head if rest == 0 else f"{head} {_french_below_100(rest, variant)}"


def _english(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    tens, unit = divmod(rest, 10)
    below = _EN_SMALL[rest] if rest < 20 else _EN_TENS[tens] + (f"-{_EN_SMALL[unit]}" if unit else "")
    if hundreds == 0:
        return below
    head = f"{_EN_SMALL[hundreds]} hundred"
    return head if rest == 0 else f"{head} and {below}"


@pytest.mark.parametrize(
    ("spell", "unit"),
    [
        (_french, "jours"),
        (lambda n: _french(n, "be"), "mois"),  # septante, nonante
        (lambda n: _french(n, "ch"), "ans"),  # septante, huitante, nonante
        (_english, "days"),
        (lambda n: _english(n).replace("-", " "), "months"),
    ],
)
def test_every_number_word_below_a_thousand(spell, unit):
    # Audit of issue 17: "soixante-dix ans" was 120 months and "quatre-vingt-dix jours" 10 days.
    numbers = range(2, 1000)
    texts = pl.Series([f"{spell(n)} {unit}" for n in numbers])
    per_unit = {"jours": DAY, "days": DAY, "mois": 1, "months": 1, "ans": 12}[unit]
    out = parse_retention(texts)
    assert out["retention_status"].to_list() == ["parsed"] * len(numbers)
    wrong = [
        (t, m)
        for t, m, n in zip(texts, out["retention_months"], numbers, strict=True)
        if m != pytest.approx(n * per_unit)
    ]
    assert not wrong, wrong[:10]


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("soixante-dix ans", 840),
        ("soixante-quinze ans", 900),
        ("quatre-vingts mois", 80),
        ("quatre vingt dix mois", 90),
        ("quatre-vingt-dix-neuf mois", 99),
        ("octante mois", 80),
        ("cent mois", 100),
        ("deux cents mois", 200),
        ("mille jours", 1000 * DAY),
        ("deux mille jours", 2000 * DAY),
        ("douze cents jours", 1200 * DAY),
        ("a hundred days", 100 * DAY),
        ("one thousand days", 1000 * DAY),
        ("trente-et-un jours", 31 * DAY),
        ("un an et demi", 18),
        ("deux ans et demi", 30),
        ("vingt ans et un mois", 241),
        ("un mois", 1),
    ],
)
def test_number_words_in_context(text, months):
    row = _parse_one(text)
    assert row["retention_status"] == "parsed"
    assert row["retention_months"] == pytest.approx(months)
