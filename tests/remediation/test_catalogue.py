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
