"""Findings rules: each rule fires on its case, stays silent on the clean dataset, and carries
the right articles, tier, seriousness and evidence."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from rgpd_risk.assessment import (
    CONSENT_AGES,
    ORGANISATION_RULES,
    RULES,
    RiskModel,
    assess,
    consent_age,
    rules_table,
)
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.law import tier_of
from rgpd_risk.schemas import FINDINGS_SCHEMA, ORGANISATION_DATASET_ID

from .conftest import CLEAN, COMPLIANT_ORG, TODAY, make, many


def findings(frame: pl.DataFrame, org=COMPLIANT_ORG, **kw) -> pl.DataFrame:
    return assess(frame, organisation=org, today=TODAY, **kw).findings


def codes(frame: pl.DataFrame, **kw) -> set[str]:
    return set(findings(frame, **kw)["code"].to_list())


def one(frame: pl.DataFrame, code: str, **kw) -> dict:
    hit = findings(frame, **kw).filter(pl.col("code") == code)
    assert hit.height == 1, f"{code} expected once, got {hit.height}"
    return hit.row(0, named=True)


def test_clean_dataset_has_no_finding() -> None:
    f = findings(make())
    assert f.height == 0, f.select("code", "evidence").rows()
    assert f.schema == pl.Schema(FINDINGS_SCHEMA)


def test_rule_table_is_consistent_with_the_law() -> None:
    t = rules_table()
    assert t["code"].is_unique().all()
    for rule in RULES:
        if rule.regime != "GDPR":  # LIL / CPCE: no Art. 83 tier (docs/risk_model.md)
            assert rule.tier is None, rule.code
            continue
        tiers = {tier_of(a, strict=False) for a in rule.articles} - {None}
        expected = "83(5)" if "83(5)" in tiers else "83(4)"
        assert rule.tier == expected, rule.code
    assert {r.code: r.tier for r in RULES}["ART10_NO_AUTHORITY"] == "83(5)"
    assert {r.code: r.tier for r in RULES}["NIR_OUTSIDE_LEGAL_FRAME"] == "83(5)"
    assert {r.code: r.tier for r in RULES}["ART28_NO_PROCESSOR_CONTRACT"] == "83(4)"
    assert ORGANISATION_RULES["ART37_DPO_NOT_DESIGNATED"]["tier"] == "83(4)"
    assert t.filter(pl.col("scope") == "organisation").height == 2


@pytest.mark.parametrize(
    ("changes", "code", "evidence_part"),
    [
        ({"legal_basis": None}, "ART6_NO_LEGAL_BASIS", "legal_basis=null"),
        ({"legal_basis": "because we can"}, "ART6_NO_LEGAL_BASIS", "'because we can' is not one"),
        ({"legal_basis": "consent", "consent_withdrawal": True}, "ART7_CONSENT_NO_PROOF",
         "consent_proof=false"),
        ({"legal_basis": "consent", "consent_proof": True}, "ART7_CONSENT_NO_WITHDRAWAL",
         "consent_withdrawal=false"),
        ({"data_categories": ["health"], "art9_condition": None}, "ART9_NO_CONDITION",
         "data_categories ∋ health; art9_condition=null"),
        ({"data_categories": ["health"], "art9_condition": "explicit"}, "ART9_NO_CONDITION",
         "art9_condition='explicit'"),
        ({"data_categories": ["criminal"]}, "ART10_NO_AUTHORITY", "art10_authority=false"),
        ({"data_categories": ["nir"]}, "NIR_OUTSIDE_LEGAL_FRAME", "nir_legal_frame=false"),
        ({"privacy_notice": False}, "ART13_14_NO_INFORMATION", "privacy_notice=false"),
        ({"rights_access": False, "rights_erasure": False}, "ART15_NO_ACCESS",
         "rights not supported on this dataset: access, erasure"),
        ({"rights_rectification": False}, "ART16_NO_RECTIFICATION", "rectification"),
        ({"rights_erasure": False}, "ART17_NO_ERASURE", "rights_erasure=false"),
        ({"rights_portability": False}, "ART20_NO_PORTABILITY", "legal_basis=contract"),
        ({"retention_status": "indefinite", "retention_text": "illimitée",
          "retention_months": None}, "ART5_1_E_NO_RETENTION", "retention_status=indefinite"),
        ({"retention_status": "on_request", "retention_text": "jusqu'à demande",
          "retention_months": None}, "ART5_1_E_NO_RETENTION", "on_request"),
        ({"access_count": 300}, "ART5_1_C_EXCESSIVE_ACCESS", "access_count=300"),
        ({"access_count": 40, "subject_count": 100}, "ART5_1_C_EXCESSIVE_ACCESS",
         "subject_count=100"),
        ({"processor_contract": False}, "ART28_NO_PROCESSOR_CONTRACT", "processors: 1"),
        ({"third_countries": ["IN"], "transfer_safeguard": None}, "ART44_TRANSFER_NO_SAFEGUARD",
         "countries without a Chapter V tool: IN"),
        ({"data_categories": ["financial"], "security_measures": ["access_control"]},
         "ART32_SENSITIVE_UNPROTECTED", "missing: encryption_at_rest"),
        ({"internet_exposed": True, "security_measures": ["access_control"]},
         "ART32_EXPOSED_UNPROTECTED", "missing: encryption_in_transit"),
        ({"purpose": " ", "data_subjects": []}, "ART30_RECORD_INCOMPLETE",
         "purpose (Art. 30(1)(b)), data_subjects"),
    ],
)
def test_each_rule_fires_with_evidence(changes: dict, code: str, evidence_part: str) -> None:
    row = one(make(**changes), code)
    assert evidence_part in row["evidence"]
    rule = next(r for r in RULES if r.code == code)
    assert row["articles"] == list(rule.articles)
    assert row["tier"] == rule.tier
    assert row["action"] == rule.action
    assert row["source"] == "rule"
    assert row["title_fr"] and row["explanation_fr"] and row["explanation_en"]


def test_no_legal_basis_on_sensitive_data_at_scale_is_high() -> None:
    big = one(make(legal_basis=None, data_categories=["health"], art9_condition="h",
                   subject_count=50_000), "ART6_NO_LEGAL_BASIS")
    assert big["seriousness"] == "high"
    assert "(g) special data: health" in big["seriousness_reason"]
    assert "(a) large scale: subject_count=50000" in big["seriousness_reason"]
    small = one(make(legal_basis=None), "ART6_NO_LEGAL_BASIS")
    assert small["seriousness"] == "medium"
    invalid_small = one(make(legal_basis="xyz"), "ART6_NO_LEGAL_BASIS")
    assert invalid_small["seriousness"] == "low"
    intent = one(make(legal_basis="xyz"), "ART6_NO_LEGAL_BASIS",
                 model=RiskModel(assume_intent=True))
    assert intent["seriousness"] == "medium" and "intent assumed" in intent["seriousness_reason"]


def test_art9_condition_letters_are_accepted() -> None:
    for cond in ("a", "(h)", "9(2)(b)", "Art. 9(2)(j)"):
        assert "ART9_NO_CONDITION" not in codes(make(data_categories=["health"],
                                                     art9_condition=cond))


def test_art8_uses_the_french_age_by_default() -> None:
    base = dict(legal_basis="consent", consent_proof=True, consent_withdrawal=True)
    assert consent_age("FR") == 15 and CONSENT_AGES["FR"][0] == 15
    row = one(make(min_subject_age=14, **base), "ART8_CHILD_CONSENT")
    assert "min_subject_age=14" in row["evidence"] and "FR" in row["evidence"]
    assert "15" in row["evidence"]
    assert "ART8_CHILD_CONSENT" not in codes(make(min_subject_age=15, **base))
    # Germany: 16 -> a 15-year-old needs parental consent there.
    de = Organisation(name="GmbH", country="DE", dpo_designated=True, breach_procedure=True)
    assert "ART8_CHILD_CONSENT" in codes(make(min_subject_age=15, **base), org=de)
    assert "ART8_CHILD_CONSENT" not in codes(make(min_subject_age=14, parental_consent=True,
                                                  **base))
    # Unknown age but minors among the subjects: assumed below the age.
    assert "ART8_CHILD_CONSENT" in codes(make(data_subjects=["minors"], **base))
    # Not on consent: Art. 8 does not apply.
    assert "ART8_CHILD_CONSENT" not in codes(make(min_subject_age=10))


def test_us_transfer_needs_dpf_declaration() -> None:
    assert "ART44_TRANSFER_NO_SAFEGUARD" not in codes(
        make(third_countries=["US"], transfer_safeguard="adequacy"))
    row = one(make(third_countries=["US"], transfer_safeguard="none"),
              "ART44_TRANSFER_NO_SAFEGUARD")
    assert "US" in row["evidence"]
    assert "ART44_TRANSFER_NO_SAFEGUARD" in codes(make(third_countries=["US"]))
    # Full adequacy (Switzerland, Japan is partial), EEA members and SCCs are fine.
    assert "ART44_TRANSFER_NO_SAFEGUARD" not in codes(make(third_countries=["CH", "de"]))
    assert "ART44_TRANSFER_NO_SAFEGUARD" not in codes(
        make(third_countries=["IN", "US"], transfer_safeguard="scc"))
    # Claiming adequacy for a country without a decision is a finding, listing only it.
    row = one(make(third_countries=["IN", "US"], transfer_safeguard="adequacy"),
              "ART44_TRANSFER_NO_SAFEGUARD")
    assert "IN;" in row["evidence"] and "US" not in row["evidence"].split(";")[0]


def test_adequacy_decisions_are_dated() -> None:
    inv = make(third_countries=["US"], transfer_safeguard="adequacy")
    before = assess(inv, organisation=COMPLIANT_ORG, today=date(2023, 1, 1)).findings
    assert "ART44_TRANSFER_NO_SAFEGUARD" in before["code"].to_list()


def test_retention_overrun_uses_oldest_record() -> None:
    inv = make(retention_event="collection", retention_months=12.0,
               oldest_record_date=date(2020, 1, 1))
    row = one(inv, "ART5_1_E_KEPT_TOO_LONG")
    assert "oldest_record_date=2020-01-01" in row["evidence"]
    days = (TODAY - date(2020, 1, 1)).days - 12 * 365.25 / 12
    assert f"exceeded by {int(days)} days" in row["evidence"]
    ok = make(retention_event="collection", retention_months=120.0,
              oldest_record_date=date(2020, 1, 1))
    assert "ART5_1_E_KEPT_TOO_LONG" not in codes(ok)
    # Counted from the end of a contract: the record's age says nothing.
    assert "ART5_1_E_KEPT_TOO_LONG" not in codes(
        make(retention_months=12.0, oldest_record_date=date(2000, 1, 1)))


def test_portability_only_on_consent_or_contract() -> None:
    assert "ART20_NO_PORTABILITY" not in codes(make(legal_basis="legal_obligation",
                                                    rights_portability=False))


def test_dpia_required_but_not_done() -> None:
    inv = make(data_categories=["health"], art9_condition="h", subject_count=10_000)
    row = one(inv, "ART35_DPIA_NOT_DONE")
    assert "35(3)(b)" in row["evidence"]
    assert "ART35_DPIA_NOT_DONE" not in codes(make(data_categories=["health"],
                                                   art9_condition="h", subject_count=10_000,
                                                   dpia_done=True))


def test_organisation_findings() -> None:
    inv = make(data_categories=["health"], art9_condition="h", subject_count=10_000,
               dpia_done=True)
    org = Organisation(name="Clinic", dpo_designated=False, breach_procedure=False)
    f = findings(inv, org=org).filter(pl.col("dataset_id") == ORGANISATION_DATASET_ID)
    assert set(f["code"]) == {"ART37_DPO_NOT_DESIGNATED", "ART33_NO_BREACH_PROCEDURE"}
    dpo = f.filter(pl.col("code") == "ART37_DPO_NOT_DESIGNATED").row(0, named=True)
    assert "inferred (Art. 37(1)(c)): 1 dataset(s)" in dpo["evidence"]
    assert "clean" in dpo["evidence"] and dpo["source"] == "organisation"
    # Public body without DPO, nothing to infer.
    pub = Organisation(name="Town", public_body=True, breach_procedure=True)
    f = findings(make(), org=pub)
    assert f["code"].to_list() == ["ART37_DPO_NOT_DESIGNATED"]
    assert "public_body=true" in f["evidence"][0]
    # No profile: breach procedure assumed missing, and said so.
    f = findings(make(), org=None)
    assert f["code"].to_list() == ["ART33_NO_BREACH_PROCEDURE"]
    assert "no organisation profile" in f["evidence"][0]


def test_evidence_never_contains_personal_values() -> None:
    # Processor names and dataset content are not echoed: only counts and register fields.
    f = findings(make(processors=["Jean Dupont EI"], processor_contract=False,
                      recipients=["Marie Curie"]))
    assert not f["evidence"].str.contains("Dupont|Curie").any()


def test_findings_sorted_by_dataset_then_rule() -> None:
    inv = many({"legal_basis": None, "privacy_notice": False}, {"privacy_notice": False})
    f = findings(inv)
    assert f["dataset_id"].to_list() == ["d0", "d0", "d0", "d1"]
    # A missing legal basis is also a gap in the Art. 30 record.
    assert f["code"].to_list()[:3] == ["ART6_NO_LEGAL_BASIS", "ART13_14_NO_INFORMATION",
                                       "ART30_RECORD_INCOMPLETE"]
    assert CLEAN["dataset_id"] == "clean"
