"""Regression fixtures (methodology.md §2) and invariants of the EDPB 04/2022 calculator."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rgpd_risk.exposure import (
    calculate_fine,
    cap_linked_infringements,
    legal_maximum,
    starting_range,
)
from rgpd_risk.law import SIZE_BANDS, SizeBand

# --------------------------------------------------------------- real decisions, to the cent


def test_polish_dkn_5131_4_2024() -> None:
    c = calculate_fine(
        "83(5)", 30_000_000, "high", starting_amount=10_000_000, size_share=0.03,
        adjustments=[("h", 0.05, "self-notification")], final_factor=0.5,
    )
    assert c.legal_maximum == 20_000_000
    assert c.size_band == "10-50 m"
    assert c.after_size == 300_000
    assert c.after_adjustments == 315_000
    assert c.final_amount == 157_500.00


def test_polish_dkn_5131_29_2023() -> None:
    c = calculate_fine(
        "83(5)", 25_826_730.75, "medium", starting_amount=2_400_000, size_share=0.05,
        adjustments={"c": -0.15, "f": -0.20}, final_factor=0.7,
    )
    assert legal_maximum("83(5)", 25_826_730.75) == 20_000_000  # 4 % = 1 033 069.23 is lower
    assert c.after_size == 120_000
    assert c.adjustment_factor == pytest.approx(0.65)
    assert c.after_adjustments == 78_000
    assert c.final_amount == 54_600.00


def test_polish_dkn_5112_35_2021() -> None:
    c = calculate_fine(
        "83(5)", 175_000_000, "medium", starting_amount=3_000_000, size_share=0.20,
        final_factor=0.55,
    )
    assert c.size_band == "100-250 m"
    assert c.after_size == 600_000
    assert c.after_adjustments == 600_000
    assert c.final_amount == 330_000.00


def test_dutch_ap_uber_2024() -> None:
    turnover = 34_235_142_300  # USD 37.281 bn at 0.9183
    c = calculate_fine("83(5)", turnover, "high", starting_amount=290_000_000)
    assert c.legal_maximum == 1_369_405_692.00
    assert c.seriousness_range == (273_881_138.40, 1_369_405_692.00)
    assert c.size_band is None and c.size_share is None
    assert c.final_amount == 290_000_000.00


def test_annex_check_cell() -> None:
    # Art. 83(5), turnover EUR 50-100 m, medium -> EUR 160 000 - 800 000 (Belgian DPA 87/2024)
    for turnover in (50_000_001, 75e6, 100e6):
        assert starting_range("83(5)", turnover, "medium") == (160_000.0, 800_000.0)
        c = calculate_fine("83(5)", turnover, "medium")
        assert c.starting_range == (160_000.0, 800_000.0)


# --------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"starting_amount": 1_000_000}, "expected EUR 4"),  # high band starts at 4 m
        ({"size_share": 0.2}, "10-50 m size band"),
        ({"adjustments": [("z", 0.1)]}, "unknown Art. 83"),
        ({"adjustments": [("a", 0.1)]}, "seriousness"),
        ({"adjustments": [("c", 0.1), ("c", -0.1)]}, "given twice"),
        ({"adjustments": {"c": -0.9, "f": -0.5}}, "net change"),
        ({"final_factor": -1}, "final_factor"),
    ],
)
def test_errors_name_the_band(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        calculate_fine("83(5)", 30e6, "high", **kwargs)


def test_size_share_above_500m_or_no_turnover() -> None:
    with pytest.raises(ValueError, match="500"):
        calculate_fine("83(5)", 600e6, "low", size_share=0.5)
    with pytest.raises(ValueError, match="non-undertaking"):
        calculate_fine("83(5)", None, "low", size_share=0.5)


def test_negative_turnover_and_unknown_tier() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        legal_maximum("83(4)", -1)
    with pytest.raises(ValueError, match=">= 0"):
        calculate_fine("83(4)", -5.0, "low")
    with pytest.raises(ValueError, match="unknown tier"):
        legal_maximum("83(7)", None)
    with pytest.raises(ValueError, match="unknown seriousness"):
        calculate_fine("83(4)", None, "extreme")


def test_static_cap_and_percentage() -> None:
    assert legal_maximum("83(4)", None) == 10_000_000
    assert legal_maximum("83(4)", 500e6) == 10_000_000
    assert legal_maximum("83(4)", 1e9) == 20_000_000
    assert legal_maximum("83(6)", 1e9) == 40_000_000


def test_cap_and_step5_never_exceed_maximum() -> None:
    c = calculate_fine("83(4)", None, "high", starting_amount=10_000_000,
                       adjustments={"e": 0.5}, final_factor=1.5)
    assert c.after_adjustments == 15_000_000
    assert c.capped_amount == 10_000_000
    assert c.final_amount == 10_000_000


def test_steps_bilingual_and_html_escaped() -> None:
    c = calculate_fine("83(5)", 30e6, "medium", adjustments=[("f", -0.1, "<script>x</script>")])
    assert [s.number for s in c.steps] == [1, 2, 3, 4, 5]
    assert all(s.text_en and s.text_fr and s.title_fr for s in c.steps)
    assert "Gravité moyenne" in c.steps[1].text_fr
    out = c._repr_html_()
    assert "<table>" in out and "<script>" not in out
    d = c.to_dict()
    assert d["final_amount"] == c.final_amount and len(d["steps"]) == 5
    assert html.escape("<") not in c.steps[0].text_en


def test_size_bands_are_overridable() -> None:
    verified = tuple(b for b in SIZE_BANDS if b.verified)
    assert any(not b.verified for b in SIZE_BANDS)  # the 2-10 m percentages
    custom = (SizeBand(0, 2e6, 0.002, 0.004, True, "x"),
              SizeBand(2e6, 10e6, 0.01, 0.03, True, "our override"), *verified[1:])
    c = calculate_fine("83(5)", 5e6, "high", size_share=0.025, size_bands=custom)
    assert c.size_share == 0.025
    with pytest.raises(ValueError, match="2-10 m"):
        calculate_fine("83(5)", 5e6, "high", size_share=0.025)


def test_linked_infringements_art_83_3() -> None:
    r = cap_linked_infringements(["Art. 5(1)(f)", "Art. 5(2)", "Art. 25(1)", "Art. 32"],
                                 25_826_730.75, [12e6, 9e6])
    assert r.gravest_tier == "83(5)"
    assert r.total == 21_000_000 and r.capped_total == 20_000_000
    r4 = cap_linked_infringements(["Art. 32", "Art. 33"], 2e9, [30e6, 20e6])
    assert (r4.gravest_tier, r4.legal_maximum, r4.capped_total) == ("83(4)", 40e6, 40e6)


# --------------------------------------------------------------- properties

tiers = st.sampled_from(["83(4)", "83(5)", "83(6)"])
seriousness = st.sampled_from(["low", "medium", "high"])
turnovers = st.one_of(
    st.none(),
    st.floats(0, 1e12, allow_nan=False),
    st.sampled_from([0.0, 2e6, 10e6, 50e6, 100e6, 250e6, 500e6, 500e6 + 0.01]),
)


@given(tiers, turnovers, seriousness, st.floats(0, 1), st.floats(0, 1),
       st.dictionaries(st.sampled_from(list("cdefhijk")), st.floats(-0.12, 1.0), max_size=8),
       st.floats(0, 3))
@settings(max_examples=300, deadline=None)
def test_final_never_exceeds_legal_maximum(
    tier: str, turnover: float | None, ser: str, u: float, v: float,
    adj: dict[str, float], ff: float,
) -> None:
    lo, hi = calculate_fine(tier, turnover, ser).seriousness_range
    start = lo + u * (hi - lo)
    c0 = calculate_fine(tier, turnover, ser)
    kwargs = {}
    if c0.size_band is not None:
        band = next(b for b in SIZE_BANDS if b.label == c0.size_band)
        kwargs["size_share"] = band.share_low + v * (band.share_high - band.share_low)
    c = calculate_fine(tier, turnover, ser, starting_amount=min(max(start, lo), hi),
                       adjustments=adj, final_factor=ff, **kwargs)
    assert 0 <= c.final_amount <= c.legal_maximum
    assert c.capped_amount <= c.legal_maximum
    assert c.legal_maximum == legal_maximum(tier, turnover)


edges = [0.0, 2e6, 10e6, 50e6, 100e6, 250e6, 500e6]
edge_turnovers = st.one_of(
    st.floats(0, 2e12, allow_nan=False),
    st.sampled_from(edges).flatmap(lambda e: st.sampled_from([e, e + 0.01, max(e - 0.01, 0)])),
)


@given(tiers, seriousness, edge_turnovers, edge_turnovers)
@settings(max_examples=500, deadline=None)
def test_starting_range_never_decreases_with_turnover(
    tier: str, ser: str, t1: float, t2: float
) -> None:
    """Both bounds of the Step 2 range (after size) are non-decreasing in turnover."""
    a, b = sorted((t1, t2))
    lo_a, hi_a = starting_range(tier, a, ser)
    lo_b, hi_b = starting_range(tier, b, ser)
    assert lo_a <= lo_b
    assert hi_a <= hi_b


def test_starting_range_across_every_published_edge() -> None:
    # explicit, so a non-monotone edge in the published bands would be named in the failure
    for tier in ("83(4)", "83(5)"):
        for ser in ("low", "medium", "high"):
            for e in edges[1:]:
                below, above = starting_range(tier, e, ser), starting_range(tier, e + 0.01, ser)
                assert below[0] <= above[0] and below[1] <= above[1], (tier, ser, e)
