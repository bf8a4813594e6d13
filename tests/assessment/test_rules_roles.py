"""Roles, Art. 22, AI Act and transfer rules (issue #12): golden rows and properties."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rgpd_risk import taxonomy
from rgpd_risk.assessment import RULES, assess, rules_table
from rgpd_risk.assessment.rules_roles import AI_ACT_PROHIBITIONS_FROM, ROLE_RULES
from rgpd_risk.i18n import has_text
from rgpd_risk.inventory.organisation import Organisation

from .conftest import CLEAN, COMPLIANT_ORG, TODAY, make, many

CODES = {r.code for r in ROLE_RULES}
AI_CODES = {"AIA_EMOTION_RECOGNITION_WORK_EDUCATION", "AIA_HIGH_RISK_USE"}


def codes(frame: pl.DataFrame, org: Organisation | None = COMPLIANT_ORG, today: date = TODAY,
          dataset: str | None = None) -> set[str]:
    f = assess(frame, organisation=org, today=today).findings
    if dataset is not None:
        f = f.filter(pl.col("dataset_id") == dataset)
    return set(f["code"].to_list())


PROCESSOR = dict(role="processor", controller_name="Mutuelle X", client_contract=True,
                 sub_processors_authorised=True)

# (rule code, row that makes it fire, the same row made compliant)
GOLDEN = [
    ("ART28_3_NO_CLIENT_CONTRACT", {**PROCESSOR, "client_contract": False}, PROCESSOR),
    ("ART28_2_SUBPROCESSOR_NOT_AUTHORISED", {**PROCESSOR, "sub_processors_authorised": False},
     PROCESSOR),
    ("ART28_2_SUBPROCESSOR_NOT_AUTHORISED",  # explicit sub-processors list, no processors
     {**PROCESSOR, "processors": [], "sub_processors": ["Sub Co"], "sub_processors_authorised": False},
     {**PROCESSOR, "processors": [], "sub_processors": []}),
    ("ART29_OUTSIDE_INSTRUCTIONS", {**PROCESSOR, "own_purposes": True}, PROCESSOR),
    ("ART33_2_NOTIFY_CLIENT", {**PROCESSOR, "incidents_12m": 2}, PROCESSOR),
    ("ART28_3F_ASSIST_CLIENT_DPIA",
     {**PROCESSOR, "data_categories": ["health"], "subject_count": 500_000},
     {**PROCESSOR, "data_categories": ["health"], "subject_count": 500_000, "dpia_done": True}),
    ("ART26_NO_ARRANGEMENT", dict(role="joint_controller", controller_name="AdNet"),
     dict(role="joint_controller", controller_name="AdNet", joint_arrangement=True)),
    ("ART22_NO_EXCEPTION", dict(automated_decision=True, human_review=True,
                                legal_basis="legitimate_interests"),
     dict(automated_decision=True, human_review=True, legal_basis="contract")),
    ("ART22_NO_HUMAN_INTERVENTION", dict(automated_decision=True),
     dict(automated_decision=True, human_review=True)),
    ("ART22_NOT_INFORMED", dict(automated_decision=True, human_review=True, privacy_notice=False),
     dict(automated_decision=True, human_review=True)),
    ("ART33_5_INCIDENT_FOLLOWUP",
     dict(incidents_12m=3, third_countries=["MA"], transfer_safeguard="scc", tia_done=True),
     dict(incidents_12m=0, third_countries=["MA"], transfer_safeguard="scc", tia_done=True)),
    ("ART45_US_NOT_DPF", dict(third_countries=["US"], transfer_safeguard="adequacy"),
     dict(third_countries=["US"], transfer_safeguard="adequacy", dpf_certified=True)),
    ("ART45_US_NOT_DPF",  # employee data need the HR scope
     dict(data_subjects=["employees"], third_countries=["US"], transfer_safeguard="adequacy",
          dpf_certified=True),
     dict(data_subjects=["employees"], third_countries=["US"], transfer_safeguard="adequacy",
          dpf_certified=True, dpf_hr_scope=True)),
    ("ART46_SCC_NO_TIA", dict(third_countries=["IN"], transfer_safeguard="scc"),
     dict(third_countries=["IN"], transfer_safeguard="scc", tia_done=True)),
    ("ART46_SCC_NO_TIA",  # SCC to a DPF-certified US recipient: Art. 45 covers it, no TIA
     dict(third_countries=["US"], transfer_safeguard="scc"),
     dict(third_countries=["US"], transfer_safeguard="scc", dpf_certified=True)),
]


@pytest.mark.parametrize(("code", "fires", "quiet"), GOLDEN,
                         ids=[f"{g[0]}-{i}" for i, g in enumerate(GOLDEN)])
def test_golden_rows(code, fires, quiet):
    assert code in codes(make(**fires))
    assert code not in codes(make(**quiet))


def test_clean_row_has_no_finding_in_any_role():
    org = COMPLIANT_ORG.model_copy(update={"processor_register": True})
    for role in ("controller", "processor", "joint_controller"):
        extra = dict(PROCESSOR) if role == "processor" else {}
        extra |= {"joint_arrangement": True} if role == "joint_controller" else {}
        assert codes(make(**{**extra, "role": role}), org=org) == set(), role


def test_vendor_declared_two_ways_is_a_finding_on_both_rows():
    f = many(dict(processors=["StreamAssist Inc."], third_countries=["US"],
                  transfer_safeguard="none"),
             dict(processors=["streamassist inc"], third_countries=["US"],
                  transfer_safeguard="adequacy", dpf_certified=True),
             dict(processors=["Other Ltd"], third_countries=["US"], transfer_safeguard="scc",
                  tia_done=True))
    got = assess(f, organisation=COMPLIANT_ORG, today=TODAY).findings.filter(
        pl.col("code") == "ART30_VENDOR_DECLARED_TWO_WAYS")
    assert got["dataset_id"].to_list() == ["d0", "d1"]
    assert "d0 (US, none); d1 (US, adequacy)" in got["evidence"][0]
    # Same vendor, same country and safeguard: consistent.
    same = many(dict(processors=["V"], third_countries=["IN"], transfer_safeguard="scc", tia_done=True),
                dict(processors=["V"], third_countries=["IN"], transfer_safeguard="scc", tia_done=True))
    assert "ART30_VENDOR_DECLARED_TWO_WAYS" not in codes(same)
    # A different country is a different declaration too.
    other = many(dict(processors=["V"]), dict(processors=["V"], third_countries=["IN"],
                                              transfer_safeguard="scc", tia_done=True))
    assert "ART30_VENDOR_DECLARED_TWO_WAYS" in codes(other)


def test_emotion_recognition_of_workers_is_prohibited_from_feb_2025():
    row = make(ai_system=True, emotion_recognition=True, data_subjects=["customers", "employees"])
    found = assess(row, organisation=COMPLIANT_ORG, today=date(2026, 12, 3)).findings
    hit = found.filter(pl.col("code") == "AIA_EMOTION_RECOGNITION_WORK_EDUCATION")
    assert hit.height == 1
    assert hit["articles"][0].to_list() == ["AI Act art. 5(1)(f)"]
    assert hit.select("regime", "kind", "tier").row(0) == ("AI Act", "breach", None)
    assert hit["action"][0] == "stop_emotion_recognition"
    before = codes(row, today=AI_ACT_PROHIBITIONS_FROM.replace(day=1))
    assert "AIA_EMOTION_RECOGNITION_WORK_EDUCATION" not in before
    # Customers only: not prohibited, a high-risk use (Annex III 1(c)).
    customers = codes(make(ai_system=True, emotion_recognition=True, data_subjects=["customers"]),
                      today=date(2026, 12, 3))
    assert "AIA_EMOTION_RECOGNITION_WORK_EDUCATION" not in customers
    assert "AIA_HIGH_RISK_USE" in customers
    # Workers only: prohibited, not (also) a high-risk use.
    workers = codes(make(ai_system=True, emotion_recognition=True, data_subjects=["employees"]),
                    today=date(2026, 12, 3))
    assert "AIA_EMOTION_RECOGNITION_WORK_EDUCATION" in workers and "AIA_HIGH_RISK_USE" not in workers


def test_ai_recruitment_is_a_high_risk_use():
    row = dict(ai_system=True, profiling=True, data_subjects=["candidates"])
    assert "AIA_HIGH_RISK_USE" in codes(make(**row))
    assert "AIA_HIGH_RISK_USE" not in codes(make(**{**row, "ai_system": False}))
    assert "AIA_HIGH_RISK_USE" not in codes(make(ai_system=True, data_subjects=["customers"]))


CONTROLLER_DUTIES = ("ART6_NO_LEGAL_BASIS", "ART7_CONSENT_NO_PROOF", "ART8_CHILD_CONSENT",
                     "ART9_NO_CONDITION", "ART13_14_NO_INFORMATION", "ART35_DPIA_NOT_DONE",
                     "ART22_NO_EXCEPTION", "ART22_NO_HUMAN_INTERVENTION")


def test_processor_rows_carry_processor_duties_not_controller_ones():
    row = dict(data_categories=["health"], data_subjects=["minors"], min_subject_age=13,
               legal_basis="consent", privacy_notice=False, subject_count=500_000,
               automated_decision=True)
    as_controller = codes(make(**row))
    assert {"ART7_CONSENT_NO_PROOF", "ART8_CHILD_CONSENT", "ART9_NO_CONDITION",
            "ART13_14_NO_INFORMATION", "ART35_DPIA_NOT_DONE"} <= as_controller
    as_processor = codes(make(**row, role="processor"))
    assert not as_processor & set(CONTROLLER_DUTIES)
    assert {"ART28_3_NO_CLIENT_CONTRACT", "ART28_2_SUBPROCESSOR_NOT_AUTHORISED",
            "ART28_3F_ASSIST_CLIENT_DPIA"} <= as_processor
    # Art. 28(10): own purposes make it a controller for that processing again.
    reused = codes(make(**row, role="processor", own_purposes=True))
    assert {"ART29_OUTSIDE_INSTRUCTIONS", "ART9_NO_CONDITION"} <= reused


def test_enisa_duty_and_dpia_follow_the_role():
    row = dict(data_categories=["health"], subject_count=500_000, internet_exposed=True)
    a = assess(many(row, {**row, "role": "processor", "controller_name": "C"}),
               organisation=COMPLIANT_ORG, today=TODAY)
    d = a.datasets.select("role", "notify_authority", "notify_client", "inform_subjects").rows()
    assert d[0][:3] == ("controller", True, False)
    assert d[1] == ("processor", False, True, False)


def test_processor_record_is_an_organisation_finding():
    f = make(role="processor", controller_name="C", client_contract=True)
    org = Organisation(name="X", dpo_designated=True, breach_procedure=True)
    found = assess(f, organisation=org, today=TODAY).findings
    hit = found.filter(pl.col("code") == "ART30_2_NO_PROCESSOR_RECORD")
    assert hit["dataset_id"].to_list() == ["__organisation__"]
    assert "clients: C" in hit["evidence"][0]
    org2 = Organisation(name="X", dpo_designated=True, breach_procedure=True, processor_register=True)
    assert "ART30_2_NO_PROCESSOR_RECORD" not in codes(f, org=org2)
    assert "ART30_2_NO_PROCESSOR_RECORD" not in codes(make())


def test_every_new_rule_has_texts_roles_and_a_catalogue_action():
    from rgpd_risk.remediation.catalogue import default_catalogue

    cat = default_catalogue()
    table = rules_table()
    for code in CODES | {"ART30_2_NO_PROCESSOR_RECORD"}:
        assert has_text(f"rules.{code}.title") and has_text(f"rules.{code}.explanation")
        action = table.filter(pl.col("code") == code)["action"].item()
        assert code in cat[action].resolves, (code, action)
    assert set(r.code for r in RULES) >= CODES


# ----------------------------------------------------------------------------- properties

SUBJECTS = sorted(taxonomy.keys("subject"))
CATS = sorted(taxonomy.keys("category"))
PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def row(draw) -> dict:
    return dict(
        data_categories=draw(st.lists(st.sampled_from(CATS), max_size=4, unique=True)),
        data_subjects=draw(st.lists(st.sampled_from(SUBJECTS), max_size=3, unique=True)),
        legal_basis=draw(st.sampled_from([None, "consent", "contract", "legitimate_interests"])),
        subject_count=draw(st.one_of(st.none(), st.integers(0, 2_000_000))),
        privacy_notice=draw(st.booleans()), automated_decision=draw(st.booleans()),
        min_subject_age=draw(st.one_of(st.none(), st.integers(5, 90))),
        processors=draw(st.lists(st.sampled_from(["A", "B", "C"]), max_size=2, unique=True)),
        third_countries=draw(st.lists(st.sampled_from(["US", "IN", "CH", "MA"]), max_size=2,
                                      unique=True)),
        transfer_safeguard=draw(st.sampled_from([None, "adequacy", "scc", "none", "bcr"])),
        dpf_certified=draw(st.booleans()), dpf_hr_scope=draw(st.booleans()),
        tia_done=draw(st.booleans()), incidents_12m=draw(st.one_of(st.none(), st.integers(0, 3))),
        role=draw(st.sampled_from(["controller", "processor", "joint_controller"])),
        own_purposes=draw(st.booleans()),
    )


@PROPS
@given(st.lists(row(), min_size=1, max_size=6))
def test_processor_rows_never_carry_art_8_9_13_35(rows):
    frame = many(*[{**r, "own_purposes": False} for r in rows])
    f = assess(frame, today=TODAY).findings
    proc = set(frame.filter(pl.col("role") == "processor")["dataset_id"].to_list())
    bad = f.filter(pl.col("dataset_id").is_in(proc)
                   & pl.col("articles").list.eval(
                       pl.element().str.contains(r"^Art\. (8|9|13|35)\b")).list.any())
    assert bad.is_empty(), bad.select("dataset_id", "code").rows()


@PROPS
@given(st.lists(row(), min_size=1, max_size=6), st.data())
def test_marking_a_vendor_dpf_certified_never_adds_a_transfer_finding(rows, data):
    frame = many(*rows)
    i = data.draw(st.integers(0, len(rows) - 1))
    certified = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == i).then(True).otherwise(pl.col("dpf_certified"))
        .alias("dpf_certified"))
    transfer = ("ART44_TRANSFER_NO_SAFEGUARD", "ART45_US_NOT_DPF", "ART46_SCC_NO_TIA")

    def pairs(fr: pl.DataFrame) -> set[tuple[str, str]]:
        f = assess(fr, today=TODAY).findings.filter(pl.col("code").is_in(transfer))
        return set(f.select("dataset_id", "code").rows())

    assert pairs(certified) <= pairs(frame)


def test_clean_fixture_still_clean():
    assert codes(make()) == set()
    assert CLEAN["processors"] == ["Hosting Co"]
