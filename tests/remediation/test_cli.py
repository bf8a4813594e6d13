"""The ``plan`` and ``what-if`` command functions (rgpd_risk.cli.plan)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from rich.console import Console

from rgpd_risk.cli import execute
from rgpd_risk.cli import plan as cli
from rgpd_risk.cli.common import resolve_inventory

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "inventory.csv"


def _run(configure, run, argv):
    parser = argparse.ArgumentParser()
    configure(parser)
    args = parser.parse_args(argv)
    resolve_inventory(args, parser)
    console = Console(record=True, width=200)
    code = execute(run, args, console)
    return code, console.export_text()


@pytest.mark.parametrize("lang, word", [("fr", "Plan de remédiation"), ("en", "Remediation plan")])
def test_plan_command(lang, word, tmp_path):
    out = tmp_path / "plan.xlsx"
    code, text = _run(cli.configure_plan, cli.run_plan,
                      ["--inventory", str(SAMPLE), "--lang", lang, "--today", "2026-12-01",
                       "--draws", "3000", "--budget-days", "30", "--xlsx", str(out)])
    assert code == 0
    assert word in text and str(out) in text.replace("\n", "")
    assert out.exists()


def test_what_if_command():
    code, text = _run(cli.configure_what_if, cli.run_what_if,
                      ["--inventory", str(SAMPLE), "--lang", "en", "--today", "2026-12-01",
                       "--draws", "3000", "--action", "set_breach_procedure",
                       "--action", "encrypt_and_restrict:mutual-insurance-calls"])
    assert code == 0
    assert "encrypt_and_restrict: mutual-insurance-calls" in text
    assert "Expected fine exposure" in text and "Before" in text


def test_what_if_unknown_action_is_a_clean_error():
    code, text = _run(cli.configure_what_if, cli.run_what_if,
                      ["--inventory", str(SAMPLE), "--today", "2026-12-01",
                       "--action", "fix_everything"])
    assert code == 1 and "unknown remediation action" in text


def test_parse_action():
    assert cli.parse_action("a") == ("a", None)
    assert cli.parse_action("a:x, y,") == ("a", ["x", "y"])
    with pytest.raises(ValueError):
        cli.parse_action(":x")
