"""Run history: idempotent records, previous run, prune, atomic writes."""

from __future__ import annotations

from rgpd_risk.report import history


def test_record_replace_previous_and_prune(tmp_path):
    path = tmp_path / "history.parquet"
    assert history.previous_run(path) is None
    history.record_run(path, {"run_id": "a", "run_date": "2026-01-01", "datasets": 1})
    history.record_run(path, {"run_id": "b", "run_date": "2026-02-01", "datasets": 2})
    history.record_run(path, {"run_id": "b", "run_date": "2026-02-01", "datasets": 3})
    hist = history.load_history(path)
    assert hist["run_id"].to_list() == ["a", "b"] and hist["datasets"].to_list() == [1, 3]
    assert history.previous_run(path, "b")["run_id"] == "a"
    assert history.previous_run(path, "c")["run_id"] == "b"
    assert history.prune(path, keep=1) == 1
    assert history.load_history(path)["run_id"].to_list() == ["b"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_unknown_keys_ignored_missing_ones_null(tmp_path):
    path = tmp_path / "h.parquet"
    history.record_run(path, {"run_id": "x", "surprise": 1})
    row = history.load_history(path).row(0, named=True)
    assert row["p90"] is None and "surprise" not in row


def test_write_summary_noop_without_path(tmp_path):
    assert history.write_summary("", {"a": 1}) is None
    assert history.write_summary(tmp_path / "s.json", {"a": 1}).read_text() == '{"a": 1}'
