"""Hypothesis properties of the assessment (conventions.md: invariants)."""

from __future__ import annotations

from datetime import date

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rgpd_risk import taxonomy
from rgpd_risk.assessment import FEARED_EVENTS, assess
from rgpd_risk.inventory.schema import frame_from_records

TODAY = date(2025, 6, 30)
CATS = sorted(taxonomy.keys("category"))
ART9 = sorted(taxonomy.categories().filter(pl.col("art9"))["key"].to_list())
SUBJECTS = sorted(taxonomy.keys("subject"))
MEASURES = sorted(taxonomy.keys("security"))
COUNTRIES = ["US", "CH", "IN", "DE", "JP", "CN", "GB"]
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

maybe_int = st.one_of(st.none(), st.integers(0, 2_000_000))
retention = st.sampled_from([
    dict(retention_status="missing"),
    dict(retention_status="indefinite", retention_text="illimitée"),
    dict(retention_status="on_request", retention_text="sur demande"),
    dict(retention_status="unparsed", retention_text="90"),
    dict(retention_status="parsed", retention_text="1 an", retention_months=12.0,
         retention_event="collection"),
    dict(retention_status="parsed", retention_text="5 ans après la fin du contrat",
         retention_months=60.0, retention_event="end_of_contract"),
])


@st.composite
def record(draw) -> dict:
    rec = dict(
        name=draw(st.text(max_size=8)),
        data_categories=draw(st.lists(st.sampled_from(CATS), max_size=4, unique=True)),
        data_subjects=draw(st.lists(st.sampled_from(SUBJECTS), max_size=3, unique=True)),
        legal_basis=draw(st.sampled_from([None, "consent", "contract", "legal_obligation",
                                          "legitimate_interests", "whatever"])),
        subject_count=draw(maybe_int),
        access_count=draw(maybe_int),
        incidents_12m=draw(st.one_of(st.none(), st.integers(0, 5))),
        min_subject_age=draw(st.one_of(st.none(), st.integers(5, 90))),
        security_measures=draw(st.lists(st.sampled_from(MEASURES), max_size=6, unique=True)),
        planned_measures=draw(st.lists(st.sampled_from(MEASURES), max_size=3, unique=True)),
        recipients=draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=5)),
        processors=draw(st.lists(st.sampled_from(["p", "q"]), max_size=2)),
        third_countries=draw(st.lists(st.sampled_from(COUNTRIES), max_size=3, unique=True)),
        transfer_safeguard=draw(st.sampled_from([None, "none", "adequacy", "scc"])),
        identifiability=draw(st.sampled_from(["negligible", "limited", "significant",
                                              "maximum"])),
        art9_condition=draw(st.sampled_from([None, "a", "h", "nope"])),
        oldest_record_date=draw(st.one_of(st.none(), st.dates(date(2000, 1, 1), TODAY))),
        **draw(retention),
    )
    for flag in ("internet_exposed", "processor_contract", "privacy_notice", "consent_proof",
                 "rights_access", "rights_erasure", "rights_portability", "dpia_done",
                 "profiling", "automated_decision", "systematic_monitoring",
                 "public_area_monitoring", "dataset_matching", "art10_authority",
                 "nir_legal_frame", "parental_consent", "blocks_right_or_service"):
        rec[flag] = draw(st.booleans())
    return rec


inventories = st.lists(record(), min_size=1, max_size=6).map(
    lambda recs: frame_from_records([{**r, "dataset_id": f"d{i}"} for i, r in enumerate(recs)]))


def run(frame: pl.DataFrame):
    return assess(frame, today=TODAY)


@SETTINGS
@given(inventories, st.sampled_from(MEASURES))
def test_adding_a_security_measure_never_raises_risk(inv: pl.DataFrame, measure: str) -> None:
    before = run(inv).datasets
    more = inv.with_columns(
        pl.concat_list("security_measures", pl.lit([measure])).list.unique(maintain_order=True))
    after = run(more).datasets
    for ev in FEARED_EVENTS:
        assert (after[f"{ev}_likelihood"] <= before[f"{ev}_likelihood"]).all()
        assert (after[f"{ev}_likelihood_residual"] <= before[f"{ev}_likelihood_residual"]).all()
    assert (after["risk_score"] <= before["risk_score"] + 1e-9).all()
    assert (after["findings_total"] <= before["findings_total"]).all()
    assert (after["enisa_se"] == before["enisa_se"]).all()
    assert (after["inform_subjects"].cast(int) <= before["inform_subjects"].cast(int)).all()


@SETTINGS
@given(inventories, st.sampled_from(ART9))
def test_adding_a_special_category_never_lowers_severity(inv: pl.DataFrame, cat: str) -> None:
    before = run(inv).datasets
    after = run(inv.with_columns(pl.concat_list("data_categories", pl.lit([cat])))).datasets
    for ev in FEARED_EVENTS:
        assert (after[f"{ev}_severity"] >= before[f"{ev}_severity"]).all()
    assert (after["enisa_dpc"] == 4).all()


@SETTINGS
@given(inventories, st.randoms(use_true_random=False))
def test_results_do_not_depend_on_row_order(inv: pl.DataFrame, rnd) -> None:
    order = list(range(inv.height))
    rnd.shuffle(order)
    a, b = run(inv), run(inv[order])
    assert a.datasets.sort("dataset_id").equals(b.datasets.sort("dataset_id"))
    keys = ["dataset_id", "code"]
    assert a.findings.sort(keys).equals(b.findings.sort(keys))
    assert a.contributions.sort("dataset_id", "factor").equals(
        b.contributions.sort("dataset_id", "factor"))


@SETTINGS
@given(inventories)
def test_contributions_sum_to_the_score_and_output_is_deterministic(inv: pl.DataFrame) -> None:
    a = run(inv)
    sums = a.contributions.group_by("dataset_id").agg(pl.col("contribution").sum())
    joined = a.datasets.join(sums, on="dataset_id")
    assert ((joined["risk_score"] - joined["contribution"]).abs() <= 1e-9).all()
    assert a.datasets["risk_score"].is_between(0.0, 100.0).all()
    b = run(inv)
    assert a.datasets.equals(b.datasets) and a.findings.equals(b.findings)
    assert a.contributions.equals(b.contributions)
