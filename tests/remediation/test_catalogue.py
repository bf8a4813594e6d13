"""The remediation catalogue: coverage of the rules' action keys, overrides, seed mapping."""

from __future__ import annotations

import polars as pl
import pytest

from rgpd_risk.assessment import rules_table
from rgpd_risk.remediation import (
    default_catalogue,
    load_catalogue,
    seed_action_label,
)

DISCOVERY_ACTIONS = {"update_register", "review_special_category", "purge_old_records",
                     "review_data_minimisation"}


def test_every_rule_action_key_is_in_the_catalogue():
    keys = set(rules_table()["action"].to_list())
    cat = default_catalogue()
    missing = {k for k in keys if k not in cat}
    assert missing == set()
    # and the codes each rule emits are resolved by the action its findings point to
    for code, action in rules_table().select("code", "action").iter_rows():
        assert code in cat[action].resolves, (code, action)


def test_discovery_action_keys_are_aliases():
    cat = default_catalogue()
    assert {k for k in DISCOVERY_ACTIONS if k not in cat} == set()
    assert cat.resolve_key("purge_old_records") == "purge_expired_records"


def test_every_action_serves_a_seed_action_and_all_six_are_served():
    frame = default_catalogue().to_frame()
    assert frame["seed_action"].is_between(1, 6).all()
    assert set(frame["seed_action"].to_list()) == {1, 2, 3, 4, 5, 6}
    assert frame["label_fr"].str.len_chars().min() > 5
    assert frame["label_en"].str.len_chars().min() > 5
    assert (frame["label_fr"] != frame["label_en"]).all()


def test_override_merges_fields_and_adds_actions(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text(
        "actions:\n"
        "  designate_dpo: {cost_eur: 30000, effort_days: 2}\n"
        "  audit_saas:\n"
        "    seed_action: 1\n"
        "    band: roles_contracts\n"
        "    label_fr: Auditer les SaaS\n"
        "    label_en: Audit the SaaS\n"
        "    effort_days: 5\n"
        "    resolves: [ART28_NO_PROCESSOR_CONTRACT]\n"
        "    effects: [{add_measures: [processor_control]}]\n", encoding="utf-8")
    cat = load_catalogue(p)
    assert cat["designate_dpo"].cost_eur == 30000.0
    assert cat["designate_dpo"].label_en == default_catalogue()["designate_dpo"].label_en
    assert cat["audit_saas"].seed_action == 1
    assert len(cat) == len(default_catalogue()) + 1
    assert default_catalogue()["designate_dpo"].cost_eur == 12000.0  # shipped one unchanged


@pytest.mark.parametrize("text, match", [
    ("actions:\n  designate_dpo: {effort_days: -1}\n", "designate_dpo"),
    ("actions:\n  designate_dpo: {effects: [{explode: true}]}\n", "designate_dpo"),
    ("actions:\n  carry_out_dpia: {requires: [{action: nope}]}\n", "nope"),
    ("- not a mapping\n", "mapping"),
    ("actions:\n  x: {seed_action: 1, label_fr: a, label_en: b, effort_days: 1}\n", "band"),
    ("actions:\n  designate_dpo: {band: soon}\n", "soon"),
    ("actions:\n  designate_dpo: {owner: intern}\n", "intern"),
    ("actions:\n  designate_dpo: {horizon: 0-365}\n", "horizon"),
    ("bands:\n  consent: {rank: 1}\n", "share a rank"),
])
def test_bad_override_is_reported(tmp_path, text, match):
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=match):
        load_catalogue(p)


def test_effort_and_cost_scale_with_datasets():
    a = default_catalogue()["encrypt_and_restrict"]
    assert a.effort(0) == 0.0 and a.cost(0) == 0.0
    assert a.effort(3) == a.effort_days + 3 * a.effort_days_per_dataset
    assert a.cost(3) == a.cost_eur + 3 * a.cost_eur_per_dataset


def test_labels_and_html():
    assert seed_action_label(5, "en").startswith("5. ")
    html = default_catalogue()._repr_html_()
    assert "<table>" in html and "designate_dpo" in html
    assert isinstance(default_catalogue().to_dict()["actions"]["designate_dpo"], dict)
    assert default_catalogue().to_frame().schema["resolves"] == pl.List(pl.Utf8)


def test_every_action_has_a_band_owner_and_horizon():
    from rgpd_risk.remediation.catalogue import HORIZONS

    cat = default_catalogue()
    frame = cat.to_frame()
    assert frame["band"].is_in(list(cat.bands)).all()
    assert frame["owner"].is_in(list(cat.owners)).all()
    assert frame["horizon"].is_in(list(HORIZONS)).all()
    ranks = [b.rank for b in cat.ordered_bands()]
    assert ranks == sorted(set(ranks))
    order = [b.key for b in cat.ordered_bands()]
    assert order[0] == "stop_unlawful" and order[-1] == "portability"
    assert order.index("breaches") < order.index("consent") < order.index("security_transfers") \
        < order.index("roles_contracts") < order.index("dpia") < order.index("rights")
    for b in cat.ordered_bands():
        assert b.rationale_fr and b.rationale_en and b.label_fr != b.label_en
    assert cat["enable_data_export"].band == "portability"
    assert cat.band_of("set_legal_basis").key == "stop_unlawful"


def test_owner_horizon_and_band_rank_are_overridable(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("owners:\n  dpo: {label_fr: Mme Martin (DPO)}\n"
                 "bands:\n  portability: {rank: 11}\n"
                 "actions:\n  train_staff: {owner: operations, horizon: 30-90}\n",
                 encoding="utf-8")
    cat = load_catalogue(p)
    assert cat.owner_of("carry_out_dpia").label_fr == "Mme Martin (DPO)"
    assert cat.owner_of("carry_out_dpia").label_en == "DPO"
    assert cat.owner_of("train_staff").key == "operations"
    assert cat.horizon_of("train_staff") == "30-90"
    assert cat.bands["portability"].rank == 11
    assert default_catalogue().owner_of("train_staff").key == "hr"


def test_effort_grows_with_staff_vendors_countries_and_complexity():
    from rgpd_risk.remediation.catalogue import Scale

    cat = default_catalogue()
    train = cat["train_staff"]
    assert train.effort(Scale(datasets=1, employees=310)) > train.effort(Scale(datasets=1,
                                                                               employees=20)) + 30
    contracts = cat["sign_processor_contracts"]
    assert contracts.effort(Scale(datasets=2, vendors=5)) > contracts.effort(Scale(datasets=2,
                                                                                   vendors=1))
    assert contracts.cost(Scale(datasets=2, vendors=5)) > contracts.cost(Scale(datasets=2, vendors=1))
    tia = cat["put_transfer_safeguards"]
    assert tia.cost(Scale(datasets=1, countries=2)) == 2 * tia.cost(Scale(datasets=1, countries=1))
    dpia = cat["carry_out_dpia"]
    simple, complex_ = dpia.effort(Scale(datasets=1)), dpia.effort(Scale(datasets=1, complexity=4))
    assert 2 <= simple <= 4 and 9 <= complex_ <= 15
    assert dpia.effort(Scale(datasets=0, complexity=4)) == 0.0
    # external costs a consultant recognises are named
    assert "CMP" in cat["keep_consent_proof"].external_costs("fr")
    assert "counsel" in tia.external_costs("en")
