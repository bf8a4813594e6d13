"""Project-level contracts: dependencies declared twice agree, docs generated from code are current."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda == runtime
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e .[dev]"]


def test_inventory_schema_page_is_current():
    generated = subprocess.run([sys.executable, "-m", "rgpd_risk.inventory"], capture_output=True,
                               text=True, check=True).stdout
    assert (ROOT / "docs" / "inventory_schema.md").read_text() == generated


def test_public_api_is_explicit():
    import rgpd_risk

    assert rgpd_risk.__all__, "rgpd_risk must declare __all__"
    missing = [n for n in rgpd_risk.__all__ if not hasattr(rgpd_risk, n)]
    assert not missing


def test_console_script_help():
    out = subprocess.run([sys.executable, "-m", "rgpd_risk.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "validate" in out.stdout


def test_code_passes_ruff():
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        import pytest

        pytest.skip("ruff is not installed (it comes with the dev extra)")
    out = subprocess.run([str(ruff), "check", "rgpd_risk", "tests", "benchmarks", "data"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-2000:]
