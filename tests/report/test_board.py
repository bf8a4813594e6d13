"""The board page (rgpd_risk.report.board): decisions, top risks, one language, no personal
value, register text escaped."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import polars as pl
import pytest

from rgpd_risk.inventory.load import load_inventory
from rgpd_risk.pipeline import run
from rgpd_risk.report import board, history, views
from rgpd_risk.report.figures import ZONES
from rgpd_risk.report.html import table

from .conftest import SAMPLE
from .test_language import ENGLISH, FRENCH, _leaks, _register_values

TODAY = dt.date(2026, 12, 1)
EMAIL = "jeanne.martin@example.fr"
PHONE = "06 12 34 56 78"
EVIL = "<script>window.__pwned=1</script>"


@pytest.fixture(scope="module")
def sample_run():
    return run(SAMPLE / "inventory.csv", organisation=SAMPLE / "organisation.yaml",
               today=TODAY, seed=0)


@pytest.fixture(scope="module")
def hostile_run():
    """The sample with every name turned into markup and personal values in free-text
    columns that the board must never show."""
    inv = load_inventory(SAMPLE / "inventory.csv", SAMPLE / "organisation.yaml")
    frame = inv.frame.with_columns(
        pl.concat_str([pl.lit(EVIL), pl.col("name")]).alias("name"),
        pl.concat_str([pl.col("purpose").fill_null(""), pl.lit(f" contact {EMAIL} {PHONE}")])
        .alias("purpose"),
        pl.lit(f"voir {EMAIL}").alias("retention_text"),
        pl.lit(f"Mme Martin {PHONE}").alias("controller_name"))
    return run(frame, organisation=inv.organisation, today=TODAY, seed=0)


def _everything(r, lang: str) -> str:
    """Every string the board page shows for a run, in one text."""
    parts = [board.title(lang), board.verdict(r, lang), board.footnote(r, lang),
             board.limits(lang), board.first_run_note(lang), board.roles_note(r, lang),
             *board.money_notes(r, lang)]
    parts += [board.heading(s, lang) + " " + board.narrative(s, lang)
              for s in ("decisions", "top_risks", "money", "kri", "map", "roles", "plan")]
    parts += [f"{k} {v}" for k, v in board.money(r, lang)]
    for frame in (board.decisions(r, lang), board.top_risks(r, lang), board.roles(r, lang),
                  board.plan_summary(r, lang), board.indicators(r, lang),
                  board.indicators(r, lang, {"datasets": 1, "expected_cost": 1.0})):
        parts += frame.columns
        parts += [str(v) for row in frame.iter_rows() for v in row]
    return "\n".join(parts).replace("\u202f", " ").replace("\xa0", " ")


def test_at_most_three_decisions_with_a_cost_in_legal_order(sample_run):
    d = board.decisions_frame(sample_run)
    assert 1 <= d.height <= 3
    assert (d["cost_eur"] > 0).all() and (d["effort_days"] > 0).all()
    assert d["rank"].is_sorted() and d["rank"].n_unique() == d.height
    assert (d["deadline"] > TODAY).all() and (d["findings_resolved"] > 0).all()
    # the first decision holds the plan's first step (what is unlawful comes first)
    assert d["steps"][0][0] == 1
    steps = sample_run.plan.steps
    first = steps.filter(pl.col("band").is_in(board.BOARD_DECISIONS[d["decision"][0]]))
    assert d["cost_eur"][0] == pytest.approx(first["cost_eur"].sum())
    shown = board.decisions(sample_run, "fr")
    assert shown.height == d.height and shown.width == 7


def test_decisions_never_exceed_n(sample_run):
    assert board.decisions_frame(sample_run, n=1).height == 1
    assert board.decisions(sample_run, "en", n=2).height == 2


def test_five_top_risks_sorted_by_zone_then_gravest_event(sample_run):
    top = board.top_risks_frame(sample_run)
    assert top.height == 5 and top["status"].to_list() == ["open"] * 5
    ranks = [ZONES.index(z) for z in top["zone"].to_list()]
    assert ranks == sorted(ranks, reverse=True)
    keys = list(zip(ranks, top["severity"], top["likelihood"], strict=True))
    assert keys == sorted(keys, reverse=True)
    # no dataset outside the five ranks above the fifth
    z = board._zones(sample_run)
    worst_left = z.filter(~pl.col("dataset_id").is_in(top["dataset_id"].to_list()))
    assert worst_left["zone_rank"].max() <= ranks[-1]
    # owners come from the plan step that treats them
    assert top["owner"].null_count() == 0
    steps = sample_run.plan.steps.explode("datasets")
    for r in top.iter_rows(named=True):
        step = steps.filter(pl.col("step") == r["step"])
        assert r["dataset_id"] in step["datasets"].to_list() and step["owner"][0] == r["owner"]
    assert board.top_risks(sample_run, "en").height == 5


@pytest.mark.parametrize("lang, words", [("fr", ENGLISH), ("en", FRENCH)])
def test_board_is_in_one_language(sample_run, lang, words):
    text = _everything(sample_run, lang)
    assert _leaks(text, words, _register_values()) == {}


def test_the_language_check_can_fail(sample_run):
    text = _everything(sample_run, "en")
    assert "the" in _leaks(text, ENGLISH, _register_values())
    assert "écarts" in _leaks(_everything(sample_run, "fr"), FRENCH, _register_values())


def test_verdict_is_one_sentence(sample_run):
    for lang in ("fr", "en"):
        v = board.verdict(sample_run, lang)
        assert v.endswith(".") and ". " not in v
        assert str(board.facts(sample_run)["critical_zone"]) in v


def test_no_raw_personal_value(hostile_run):
    for lang in ("fr", "en"):
        text = _everything(hostile_run, lang)
        assert EMAIL not in text and PHONE not in text and "Martin" not in text
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)


def test_register_text_is_escaped_in_html(hostile_run):
    for lang in ("fr", "en"):
        for frame in (board.top_risks(hostile_run, lang), board.decisions(hostile_run, lang)):
            html = table(frame, lang).text
            assert "<script>" not in html
        assert "&lt;script&gt;" in table(board.top_risks(hostile_run, lang), lang).text


def test_indicators_trend_and_first_run(sample_run, tmp_path):
    first = board.indicators(sample_run, "en")
    assert first.width == 2 and first.height == len(board.KRI_METRICS)
    f = board.facts(sample_run)
    path = tmp_path / "h.parquet"
    history.record_run(path, {"run_id": "a", "run_date": "2026-11-01",
                              **{**board.history_figures(sample_run),
                                 "datasets": f["datasets"] - 1, "critical_zone": None}})
    prev = history.previous_run(path, "b")
    trend = board.indicators(sample_run, "en", prev)
    assert trend.columns == ["Indicator", "Previous", "Current", "Change"]
    rows = {r[0]: r for r in trend.iter_rows()}
    assert rows["Processing activities assessed"][3] == "+1"
    assert rows["Processing activities in the critical zone"][1:] == (
        "—", str(f["critical_zone"]), "—")
    assert rows["Chance of a sanction (one year)"][3] == "0.0%"


def test_money_in_cfo_words_and_ceiling_only_in_footnote(sample_run):
    f = board.facts(sample_run)
    labels = dict(board.money(sample_run, "fr"))
    assert len(labels) == 5
    assert all("plafond" not in k.lower() for k in labels)
    assert "20 M€" in board.footnote(sample_run, "fr").replace("\xa0", " ")
    assert f["p_sanction"] <= f["p_control"]
    cases = board.closest(sample_run)
    assert 1 <= len(cases) <= 3 and all(c.startswith("SAN-") for c in cases)
    assert len(set(cases)) == len(cases)
    # what a fine is not, beside the figures (issue 13), with the user's estimate if given
    notes = board.money_notes(sample_run, "fr")
    assert "Astreintes" in notes[-1] and "action de groupe" in notes[-1]
    assert "votre estimation" not in notes[-1]
    ex = dataclasses.replace(sample_run.exposure, not_a_fine=sample_run.exposure.not_a_fine.with_columns(
        pl.when(pl.col("item") == "damages").then(250_000.0).otherwise(None).alias("user_amount_eur")))
    note = views.not_a_fine_note(ex, "en")
    assert "Damages claims (GDPR Art. 82) and class actions — your estimate: €250,000" in note
    assert views.not_a_fine_note(None, "en") == ""


def test_roles_apart(sample_run):
    frame = board.roles(sample_run, "en")
    roles = frame["Role"].to_list()
    assert roles[0] == "As controller" and "As processor for your clients" in roles
    d = sample_run.assessment.datasets
    proc = frame.filter(pl.col("Role") == "As processor for your clients")
    assert proc["Processing activities"][0] == str(int((d["role"] == "processor").sum()))
    gaps = sum(int(x.replace(",", "")) for x in frame["Gaps"].to_list())
    assert gaps == board.facts(sample_run)["breaches_open"]
    assert board.roles_note(sample_run, "fr").startswith("Comme sous-traitant")
