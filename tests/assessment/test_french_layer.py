"""The French layer (issue #15): one inventory row per rule family that must fire and one
that must not, the reason in the test name. Sources: docs/legal_sources.md."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from rgpd_risk.assessment import RiskModel, assess
from rgpd_risk.inventory.organisation import Organisation

from .conftest import COMPLIANT_ORG, TODAY, make

AFTER_PHONE_REGIME = date(2026, 12, 3)


def codes(org: Organisation | None = COMPLIANT_ORG, today: date = TODAY,
          model: RiskModel | None = None, **changes) -> set[str]:
    return set(assess(make(**changes), organisation=org, today=today, model=model)
               .findings["code"].to_list())


def finding(code: str, org: Organisation | None = COMPLIANT_ORG, today: date = TODAY,
            **changes) -> dict:
    f = assess(make(**changes), organisation=org, today=today).findings
    return f.filter(pl.col("code") == code).row(0, named=True)


def dataset(org: Organisation | None = COMPLIANT_ORG, model: RiskModel | None = None,
            **changes) -> dict:
    return assess(make(**changes), organisation=org, today=TODAY, model=model).datasets.row(
        0, named=True)


# ------------------------------------------------------------------ trackers, LIL art. 82
def test_ad_trackers_on_legitimate_interest_fire_lil82_with_no_art83_tier():
    f = finding("LIL82_TRACKERS_NO_CONSENT", purpose_type="advertising_trackers",
                legal_basis="legitimate_interests")
    assert (f["regime"], f["kind"], f["tier"]) == ("LIL", "breach", None)
    assert f["articles"] == ["LIL art. 82"]
    assert "legal_basis=legitimate_interests" in f["evidence"]


def test_ad_trackers_on_consent_with_reject_proof_and_withdrawal_are_clean():
    assert codes(purpose_type="advertising_trackers", legal_basis="consent",
                 reject_as_easy=True, consent_proof=True, consent_withdrawal=True) == set()


def test_tracker_consent_without_reject_all_proof_or_withdrawal_fires_lil82_not_art7():
    found = codes(purpose_type="advertising_trackers", legal_basis="consent")
    assert {"LIL82_REJECT_NOT_EASY", "LIL82_CONSENT_NO_PROOF",
            "LIL82_CONSENT_NO_WITHDRAWAL"} <= found
    assert not {"ART7_CONSENT_NO_PROOF", "ART7_CONSENT_NO_WITHDRAWAL"} & found


def test_audience_measurement_without_consent_outside_the_exemption_fires():
    assert "LIL82_AUDIENCE_NOT_EXEMPT" in codes(purpose_type="audience_measurement",
                                                legal_basis="legitimate_interests")


def test_audience_measurement_meeting_the_cnil_conditions_needs_no_consent():
    assert codes(purpose_type="audience_measurement", legal_basis="legitimate_interests",
                 audience_exemption_conditions=True) == set()


# ------------------------------------------------- electronic prospecting, CPCE L34-5
def test_sms_prospecting_of_consumer_prospects_on_legitimate_interest_fires_cpce():
    f = finding("CPCE_L34_5_NO_CONSENT", purpose_type="electronic_prospecting",
                audience="consumers", legal_basis="legitimate_interests",
                data_subjects=["prospects", "customers"])
    assert (f["regime"], f["tier"], f["articles"]) == ("CPCE", None, ["CPCE art. L34-5"])


def test_prospecting_professionals_on_opt_out_is_not_reported():
    assert codes(purpose_type="electronic_prospecting", audience="professionals",
                 legal_basis="legitimate_interests", data_subjects=["prospects"]) == set()


def test_prospecting_existing_customers_without_consent_is_only_a_point_of_attention():
    f = finding("CPCE_L34_5_CUSTOMER_EXCEPTION", purpose_type="electronic_prospecting",
                audience="consumers", legal_basis="legitimate_interests")
    assert f["kind"] == "attention"
    assert "CPCE_L34_5_NO_CONSENT" not in codes(
        purpose_type="electronic_prospecting", legal_basis="legitimate_interests")


# ------------------------------------------------------------- telephone prospecting
def test_phone_prospecting_of_consumers_without_consent_fires_after_11_august_2026():
    f = finding("PHONE_PROSPECTING_NO_CONSENT", today=AFTER_PHONE_REGIME,
                purpose_type="phone_prospecting", legal_basis="legitimate_interests",
                data_subjects=["prospects"], oldest_record_date=date(2026, 1, 1),
                last_reviewed=date(2026, 6, 1))
    assert (f["regime"], f["tier"]) == ("GDPR", "83(5)")
    assert "C. consom. art. L223-1" in f["articles"]


def test_phone_prospecting_before_the_consent_regime_is_not_reported():
    assert "PHONE_PROSPECTING_NO_CONSENT" not in codes(
        today=date(2026, 8, 10), purpose_type="phone_prospecting",
        legal_basis="legitimate_interests", data_subjects=["prospects"])


def test_phone_regime_date_is_a_setting():
    model = RiskModel.from_dict({"phone_consent_from": "2027-01-01"})
    assert "PHONE_PROSPECTING_NO_CONSENT" not in codes(
        today=AFTER_PHONE_REGIME, model=model, purpose_type="phone_prospecting",
        legal_basis="legitimate_interests", data_subjects=["prospects"],
        last_reviewed=date(2026, 6, 1))


# ---------------------------------------------------------------- call recording
def test_recording_every_call_on_legitimate_interest_is_excessive():
    f = finding("REC_SYSTEMATIC_RECORDING", purpose_type="call_recording",
                recording_scope="all", legal_basis="legitimate_interests")
    assert f["articles"] == ["Art. 5(1)(c)"] and f["tier"] == "83(5)"


def test_recording_a_sample_of_calls_is_not_excessive():
    assert "REC_SYSTEMATIC_RECORDING" not in codes(
        purpose_type="call_recording", recording_scope="sample",
        legal_basis="legitimate_interests")


def test_undeclared_recording_scope_counts_as_all_unless_the_setting_says_otherwise():
    changes = dict(purpose_type="call_recording", legal_basis="legitimate_interests")
    assert "REC_SYSTEMATIC_RECORDING" in codes(**changes)
    lenient = RiskModel(unknown_recording_scope_is_all=False)
    assert "REC_SYSTEMATIC_RECORDING" not in codes(model=lenient, **changes)


def test_recordings_kept_twelve_months_exceed_the_six_month_reference():
    assert "REC_RETENTION_OVER_REFERENCE" in codes(
        purpose_type="call_recording", recording_scope="sample", retention_months=12.0)
    assert "REC_RETENTION_OVER_REFERENCE" not in codes(
        purpose_type="call_recording", recording_scope="sample", retention_months=6.0)


def test_card_numbers_in_recordings_fire_but_not_in_a_payment_dataset():
    assert "REC_CARD_DATA" in codes(purpose_type="call_recording", recording_scope="sample",
                                    data_categories=["voice", "payment_card"])
    assert "REC_CARD_DATA" not in codes(purpose_type="invoicing",
                                        data_categories=["payment_card"])


# ------------------------------------------------------------------ minors, LIL art. 45
def test_consent_of_a_13_year_old_without_parental_consent_fires_art8():
    f = finding("ART8_CHILD_CONSENT", legal_basis="consent", consent_proof=True,
                consent_withdrawal=True, min_subject_age=13, data_subjects=["minors"])
    assert "LIL art. 45" in f["articles"]


def test_minors_from_15_consent_alone_in_france():
    assert "ART8_CHILD_CONSENT" not in codes(legal_basis="consent", consent_proof=True,
                                             consent_withdrawal=True, min_subject_age=15,
                                             data_subjects=["minors"])


def test_art8_needs_consent_as_the_basis():
    assert "ART8_CHILD_CONSENT" not in codes(legal_basis="contract", min_subject_age=13,
                                             data_subjects=["minors"])


def test_notice_of_a_minors_service_is_a_point_of_attention_but_not_for_adults():
    assert finding("MINORS_NOTICE_FOR_CHILDREN", data_subjects=["minors"], min_subject_age=13)[
        "kind"] == "attention"
    assert "MINORS_NOTICE_FOR_CHILDREN" not in codes()


# ----------------------------------------------------------------- offence data, LIL 46
def test_offence_data_without_authority_fires_art10():
    assert "ART10_NO_AUTHORITY" in codes(data_categories=["identity", "criminal"])


def test_offence_data_in_a_litigation_file_is_allowed_by_lil_art46():
    assert "ART10_NO_AUTHORITY" not in codes(data_categories=["identity", "criminal"],
                                             purpose_type="litigation")


# --------------------------------------------------------- exceptions: Art. 17(3), 20
def test_no_erasure_on_a_consent_dataset_fires_art17():
    assert "ART17_NO_ERASURE" in codes(rights_erasure=False)


def test_no_erasure_owed_for_a_legal_obligation_such_as_payroll():
    assert "ART17_NO_ERASURE" not in codes(rights_erasure=False, purpose_type="payroll",
                                           legal_basis="legal_obligation")


def test_missing_portability_is_a_point_of_attention_without_score_points():
    f = finding("ART20_NO_PORTABILITY", rights_portability=False)
    assert f["kind"] == "attention"
    with_gap = dataset(rights_portability=False)
    without = dataset()
    assert with_gap["risk_score"] == without["risk_score"]
    assert (with_gap["findings_total"], with_gap["findings_attention"]) == (0, 1)


# ---------------------------------------------------------------- legal-basis fitness
def test_vital_interests_is_a_last_resort_point_of_attention():
    assert finding("LB_VITAL_INTERESTS_LAST_RESORT", legal_basis="vital_interests")[
        "kind"] == "attention"
    assert "LB_VITAL_INTERESTS_LAST_RESORT" not in codes()


def test_consent_of_employees_is_a_point_of_attention_but_of_customers_not():
    assert "LB_EMPLOYEE_CONSENT" in codes(legal_basis="consent", data_subjects=["employees"],
                                          consent_proof=True, consent_withdrawal=True)
    assert "LB_EMPLOYEE_CONSENT" not in codes(legal_basis="consent", consent_proof=True,
                                              consent_withdrawal=True)


# --------------------------------------------------------------- minimisation (CNIL)
def test_health_data_in_an_hr_dataset_fires_minimisation():
    assert "MIN_EMPLOYER_HEALTH_DATA" in codes(purpose_type="hr_management",
                                               data_subjects=["employees"],
                                               data_categories=["identity", "health"],
                                               art9_condition="b", legal_basis="legal_obligation")


def test_health_data_of_patients_in_care_is_not_an_employer_case():
    assert "MIN_EMPLOYER_HEALTH_DATA" not in codes(purpose_type="health_care",
                                                   data_subjects=["patients"],
                                                   data_categories=["health"],
                                                   art9_condition="h")


def test_production_data_in_tests_fires_unless_pseudonymised():
    assert "MIN_PRODUCTION_DATA_IN_TESTS" in codes(purpose_type="test_environment")
    measures = ["encryption_at_rest", "access_control", "mfa", "pseudonymisation"]
    assert "MIN_PRODUCTION_DATA_IN_TESTS" not in codes(purpose_type="test_environment",
                                                       security_measures=measures)


# ------------------------------------------------------------------ register hygiene
def test_entry_not_reviewed_for_more_than_24_months_is_a_point_of_attention():
    f = finding("ART30_REVIEW_STALE", last_reviewed=date(2023, 1, 1))
    assert f["kind"] == "attention" and "limit 24 months" in f["evidence"]
    assert "ART30_REVIEW_STALE" in codes(last_reviewed=None)


def test_entry_reviewed_last_year_is_not_stale_and_the_limit_is_a_setting():
    assert "ART30_REVIEW_STALE" not in codes(last_reviewed=date(2024, 9, 1))
    strict = RiskModel(review_max_months=6)
    assert "ART30_REVIEW_STALE" in codes(model=strict, last_reviewed=date(2024, 9, 1))


def test_incidents_without_a_breach_register_fire_art33_5():
    assert "ART33_5_NO_BREACH_REGISTER" in codes(incidents_12m=2)


def test_incidents_with_a_breach_register_are_not_reported():
    org = COMPLIANT_ORG.model_copy(update={"breach_register": True})
    assert "ART33_5_NO_BREACH_REGISTER" not in codes(org=org, incidents_12m=2)


# ------------------------------------------------- "données sensibles", Art. 32 and MFA
def test_financial_data_rule_is_not_called_donnees_sensibles():
    f = finding("ART32_SENSITIVE_UNPROTECTED", data_categories=["financial"],
                security_measures=["backup"])
    assert "sensibles" not in f["title_fr"] and "fort enjeu" in f["title_fr"]
    assert "sensitive" not in f["title_en"].lower()


def test_mfa_counts_as_access_control_for_high_stakes_data():
    assert "ART32_SENSITIVE_UNPROTECTED" not in codes(
        data_categories=["financial"], security_measures=["encryption_at_rest", "mfa"])


# ------------------------------------------------------------ DPIA, the French way
def test_constant_monitoring_of_employees_is_on_the_cnil_list_and_the_trail_says_so():
    d = dataset(purpose_type="employee_monitoring", data_subjects=["employees"])
    assert d["dpia_verdict"] == "required"
    assert "CNIL 2018-327 item 4" in d["dpia_trail"]
    f = finding("ART35_DPIA_NOT_DONE", purpose_type="employee_monitoring",
                data_subjects=["employees"])
    assert "CNIL list 2018-327: CNIL 2018-327 item 4" in f["evidence"]


def test_supplier_management_is_not_required_justified_by_cnil_2019_118():
    # Two WP248 criteria (payment cards, large scale) would require a DPIA; the CNIL's
    # list of exempt types comes first.
    d = dataset(purpose_type="supplier_management", data_categories=["payment_card"],
                subject_count=50_000)
    assert d["dpia_criteria"] == ["sensitive_data", "large_scale"]
    assert d["dpia_verdict"] == "not_required_justified"
    assert "CNIL 2019-118 item 2" in d["dpia_trail"]


def test_a_cnil_2018_327_item_wins_over_the_2019_118_exemption():
    d = dataset(purpose_type="supplier_management", data_categories=["location"],
                subject_count=50_000)
    assert d["dpia_verdict"] == "required" and "CNIL 2018-327 item 14" in d["dpia_trail"]


def test_badge_access_is_exempt_but_not_with_biometrics():
    assert dataset(purpose_type="physical_access_control", data_subjects=["employees"])[
        "dpia_verdict"] == "not_required_justified"
    bio = dataset(purpose_type="physical_access_control", data_subjects=["employees"],
                  data_categories=["biometric"], art9_condition="b")
    assert bio["dpia_verdict"] != "not_required_justified"


def test_hr_exemption_needs_fewer_than_250_employees():
    small = COMPLIANT_ORG.model_copy(update={"employees": 120})
    big = COMPLIANT_ORG.model_copy(update={"employees": 310})
    changes = dict(purpose_type="hr_management", data_subjects=["employees"])
    assert dataset(org=small, **changes)["dpia_verdict"] == "not_required_justified"
    assert dataset(org=big, **changes)["dpia_verdict"] == "not_required"


def test_employees_are_vulnerable_only_with_monitoring_or_evaluation():
    plain = dataset(purpose_type="payroll", data_subjects=["employees"])
    assert "vulnerable_subjects" not in plain["dpia_criteria"]
    evaluated = dataset(purpose_type="performance_evaluation", data_subjects=["employees"])
    assert "vulnerable_subjects" in evaluated["dpia_criteria"]


def test_communications_are_highly_personal_only_when_the_setting_says_so():
    changes = dict(data_categories=["communications"])
    assert "sensitive_data" not in dataset(**changes)["dpia_criteria"]
    model = RiskModel(dpia_communications_highly_personal=True)
    assert "sensitive_data" in dataset(model=model, **changes)["dpia_criteria"]


def test_backups_meeting_two_wp248_criteria_stay_recommended():
    d = dataset(purpose_type="it_operations", subject_count=2_000_000,
                data_categories=["payment_card"])
    assert d["dpia_criteria"] == ["sensitive_data", "large_scale"]
    assert d["dpia_verdict"] == "recommended"
    assert "ancillary purpose" in d["dpia_trail"]


@pytest.mark.parametrize("purpose", ["customer_relationship", "other"])
def test_same_two_criteria_on_a_main_purpose_require_a_dpia(purpose):
    d = dataset(purpose_type=purpose, subject_count=2_000_000, data_categories=["payment_card"])
    assert d["dpia_verdict"] == "required"


@pytest.mark.skipif("unmapped_categories" not in __import__(
    "rgpd_risk.inventory.schema", fromlist=["INVENTORY_SCHEMA"]).INVENTORY_SCHEMA,
    reason="the loader's unmapped_categories column is not in this schema yet")
def test_unmapped_category_labels_are_an_art30_point_of_attention():
    f = finding("ART30_UNMAPPED_CATEGORIES", unmapped_categories=["trucs divers"])
    assert f["kind"] == "attention" and "1 category label" in f["evidence"]
    assert "ART30_UNMAPPED_CATEGORIES" not in codes(unmapped_categories=[])


# ------------------------------------------------------------------ unmapped categories (issue 17)
_UNMAPPED = ["Préférences culinaires"]


@pytest.mark.skipif("unmapped_categories" not in __import__(
    "rgpd_risk.inventory.schema", fromlist=["INVENTORY_SCHEMA"]).INVENTORY_SCHEMA,
    reason="the loader's unmapped_categories column is not in this schema yet")
def test_unmapped_category_is_scored_as_at_least_a_level_2_category():
    unmapped = dataset(unmapped_categories=_UNMAPPED)
    behavioural = dataset(data_categories=["identity", "contact", "behaviour"])
    plain = dataset()
    assert unmapped["risk_score"] >= behavioural["risk_score"] > plain["risk_score"]
    assert unmapped["enisa_dpc"] >= 2 and unmapped["access_severity"] >= behavioural["access_severity"]
    f = finding("ART30_UNMAPPED_CATEGORIES", unmapped_categories=_UNMAPPED)
    assert "ENISA DPC >= 2 (RiskModel.unmapped_category_dpc)" in f["evidence"]


@pytest.mark.skipif("unmapped_categories" not in __import__(
    "rgpd_risk.inventory.schema", fromlist=["INVENTORY_SCHEMA"]).INVENTORY_SCHEMA,
    reason="the loader's unmapped_categories column is not in this schema yet")
def test_unmapped_category_dpc_is_overridable():
    off = RiskModel(unmapped_category_dpc=1)
    plain = dataset(model=off)
    unmapped = dataset(model=off, unmapped_categories=_UNMAPPED)
    for col in ("risk_score", "enisa_dpc", "enisa_band", "access_severity"):
        assert unmapped[col] == plain[col], col
    # a known category above the floor keeps its own level
    health = dataset(data_categories=["health"])
    assert dataset(data_categories=["health"], unmapped_categories=_UNMAPPED)["enisa_dpc"] == health["enisa_dpc"]
    pessimistic = dataset(model=RiskModel(unmapped_category_dpc=4), unmapped_categories=_UNMAPPED)
    assert pessimistic["access_severity"] == 4
    with pytest.raises(ValueError, match="unmapped_category_dpc"):
        RiskModel(unmapped_category_dpc=5)
    assert RiskModel.from_dict({"unmapped_category_dpc": 3}).unmapped_category_dpc == 3
