"""Nearest real decisions."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from rgpd_risk.exposure.enforcement import ENFORCEMENT_SCHEMA
from rgpd_risk.exposure.similar import similar_cases


def _cases() -> pl.DataFrame:
    rows = [
        ("r1", "FR", 1e5, ["Art. 32"], "83(4)", "security", "Health"),
        ("r2", "DE", 2e5, ["Art. 32", "Art. 33"], "83(4)", "security", "Health"),
        ("r3", "FR", 3e6, ["Art. 6", "Art. 13"], "83(5)", "legal basis", "Retail"),
        ("r4", "ES", None, ["Art. 32"], "83(4)", "security", "Retail"),
        ("r5", "IE", 1.2e9, ["Art. 46(1)"], "83(5)", "transfer", "Media"),
    ]
    return pl.DataFrame(
        [{"record_id": r, "date": date(2021, 1, 1), "date_precision": "day", "country": c,
          "authority": "DPA", "amount_eur": a, "controller": f"C-{r}", "sector": s,
          "articles": arts, "other_provisions": [], "tier": t, "type": ty,
          "source_format": "cms_json"} for r, c, a, arts, t, ty, s in rows],
        schema=ENFORCEMENT_SCHEMA,
    )


def test_closest_first_and_deterministic() -> None:
    out = similar_cases(["Art. 32", "Art. 33"], k=3, cases=_cases())
    assert out["record_id"].to_list()[:2] == ["r2", "r1"]
    assert out["distance"].is_sorted()
    assert out.equals(similar_cases(["Art. 32", "Art. 33"], k=3, cases=_cases().reverse()))


def test_optional_blocks_change_ranking_and_unknown_amounts_dropped() -> None:
    out = similar_cases("Art. 32 GDPR", country="France", sector="Health", k=2, cases=_cases())
    assert out["record_id"][0] == "r1"
    assert "r4" not in similar_cases("Art. 32", k=5, cases=_cases())["record_id"].to_list()
    assert "r4" in similar_cases("Art. 32", k=5, cases=_cases(),
                                 with_amount_only=False)["record_id"].to_list()
    transfer = similar_cases(["Art. 44"], k=1, cases=_cases())
    assert transfer["record_id"][0] == "r5"  # same family (transfers), other article


def test_errors() -> None:
    with pytest.raises(ValueError, match="no GDPR article"):
        similar_cases("Unknown", cases=_cases())
    with pytest.raises(ValueError, match="k must"):
        similar_cases(["Art. 5"], k=0, cases=_cases())
    with pytest.raises(ValueError, match="missing column"):
        similar_cases(["Art. 5"], cases=pl.DataFrame({"x": [1]}))


def test_default_uses_shipped_table() -> None:
    out = similar_cases(["Art. 32"], country="DE", k=5)
    assert out.height == 5 and (out["country"] == "DE").all()
    assert out["amount_eur"].null_count() == 0
