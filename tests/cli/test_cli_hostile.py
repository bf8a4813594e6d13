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
