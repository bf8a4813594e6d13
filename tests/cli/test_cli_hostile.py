"""Issue 17, hostile and careless command lines: a clear message and exit code 1, never a
traceback (the audit of /tmp/audit17 turned each of these into a test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rgpd_risk.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "inventory.csv"


@pytest.fixture
def small_inventory(tmp_path) -> Path:
    """Five rows of the sample register, without an organisation profile next to it."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:6]
    path = tmp_path / "inv.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_plan_without_organisation_uses_the_stated_default(small_inventory, capsys):
    code = main(["plan", str(small_inventory), "--draws", "200", "--lang", "en", "--today", "2026-01-01"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "No organisation profile" in out and "non-undertaking" in out
    assert "Traceback" not in out


@pytest.mark.parametrize("option", [["--adjust", "h=nan"], ["--adjust", "h=inf%"], ["--final-factor", "inf"],
                                    ["--final-factor", "nan"], ["--final-factor", "1e300"],
                                    ["--adjust", "h=1e300"], ["--turnover", "1e300"],
                                    ["--turnover", "1e8", "--size-share", "nan"]])
def test_fine_refuses_non_finite_and_overflowing_numbers(option, capsys):
    code = main(["fine", "--tier", "83(5)", "--seriousness", "high", *option])
    out = capsys.readouterr().out
    assert code == 1 and "finite number" in out and "Traceback" not in out


def test_report_out_on_a_file_is_a_plain_error(small_inventory, tmp_path, capsys):
    target = tmp_path / "a_file"
    target.write_text("x")
    code = main(["report", "inventory", str(small_inventory), "--out", str(target), "--no-progress"])
    out = capsys.readouterr().out
    assert code == 1 and "is a file, not a folder" in out
    assert target.read_text() == "x"


@pytest.mark.parametrize("run_id", ["history.parquet", "HISTORY.parquet", "Latest"])
def test_run_id_never_names_the_history_or_latest(run_id):
    from rgpd_risk.report.runner import check_run_id

    with pytest.raises(ValueError, match="invalid run id"):
        check_run_id(run_id)
