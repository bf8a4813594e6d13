"""ENISA (2013) SE = DPC x EI + CB, bands and the Art. 33/34 consequence."""

from __future__ import annotations

import pytest

from rgpd_risk.assessment import RiskModel, assess

from .conftest import COMPLIANT_ORG, TODAY, make


def row(model: RiskModel | None = None, **changes) -> dict:
    return assess(make(**changes), organisation=COMPLIANT_ORG, today=TODAY,
                  model=model).datasets.row(0, named=True)


def test_simple_internal_data_is_low() -> None:
    r = row()  # identity + contact: DPC 1, EI 1, internal: CB 0.25 + 0.5
    assert (r["enisa_dpc"], r["enisa_ei"], r["enisa_cb"]) == (1, 1.0, 0.75)
    assert r["enisa_se"] == pytest.approx(1.75)
    assert r["enisa_band"] == "low"
    assert not r["notify_authority"] and not r["inform_subjects"]


def test_health_data_exposed_is_very_high_and_encryption_exempts_informing() -> None:
    kw = dict(data_categories=["health"], art9_condition="h", internet_exposed=True)
    r = row(**kw, security_measures=["access_control", "encryption_in_transit"])
    assert r["enisa_dpc"] == 4 and r["enisa_cb"] == 1.0 and r["enisa_se"] == 5.0
    assert r["enisa_band"] == "very high"
    assert r["notify_authority"] and r["inform_subjects"]
    enc = row(**kw, security_measures=["encryption_at_rest"])
    assert enc["notify_authority"] and not enc["inform_subjects"]  # Art. 34(3)(a)
    pseudo = row(**kw, security_measures=["pseudonymisation"])
    assert pseudo["inform_subjects"]  # pseudonymisation alone does not count


def test_context_and_identifiability() -> None:
    kid = row(data_categories=["contact"], data_subjects=["minors"])
    assert kid["enisa_dpc"] == 2  # vulnerable +1
    big = row(data_categories=["financial"], subject_count=200_000, data_subjects=["minors"])
    assert big["enisa_dpc"] == 4  # 3 + 1 + 1, clamped
    r = row(data_categories=["financial"], identifiability="limited")
    assert r["enisa_ei"] == 0.5 and r["enisa_se"] == pytest.approx(3 * 0.5 + 0.75)
    assert r["enisa_band"] == "medium" and r["notify_authority"] and not r["inform_subjects"]


def test_bands_edges_and_mapping_are_configurable() -> None:
    r = row(data_categories=["behaviour"], identifiability="significant")  # 2*0.75+0.75=2.25
    assert r["enisa_band"] == "medium"
    r = row(data_categories=["financial"], identifiability="significant")  # 3*.75+.75 = 3.0
    assert r["enisa_se"] == pytest.approx(3.0) and r["enisa_band"] == "high"
    strict = RiskModel(notify_from_band="high", inform_from_band="very high")
    r = row(strict, data_categories=["financial"], identifiability="significant")
    assert r["notify_authority"] and not r["inform_subjects"]
    with pytest.raises(ValueError):
        RiskModel(notify_from_band="severe")
