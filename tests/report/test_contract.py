"""Layer 3: every parameter the CLI passes is declared in the notebook's parameters cell."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import papermill as pm
import pytest

from rgpd_risk.report.runner import KINDS, notebook_parameters, notebook_path


@pytest.mark.parametrize("kind", KINDS)
def test_cli_parameters_are_declared(kind):
    declared = set(pm.inspect_notebook(str(notebook_path(kind))))
    passed = set(notebook_parameters(kind, inventory=Path("/i.csv"), organisation=Path("/o.yaml"),
                                     lang="en", history=Path("/h.parquet"), scan=Path("/s"),
                                     seed=1, run_id="r", summary=Path("/s.json")))
    assert passed - declared == set(), f"{kind}: passed but not declared"


@pytest.mark.parametrize("kind", KINDS)
def test_notebook_is_thin_and_clean(kind):
    nb = json.loads(notebook_path(kind).read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, "exactly one parameters cell"
    for line in "".join(params[0]["source"]).splitlines():
        tree = ast.parse(line)
        assert isinstance(tree.body[0], ast.Assign), line
        ast.literal_eval(tree.body[0].value)  # literals only
        assert "  # " in line, f"parameter without a trailing comment: {line}"
    for cell in code:
        assert cell.get("outputs", []) == [] and cell.get("execution_count") is None, "outputs committed"
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Lambda)), "definitions in notebook"
    assert nb["cells"][0]["cell_type"] == "markdown" and nb["cells"][0]["source"][0].startswith("# ")


def test_defaults_point_at_the_sample():
    for kind in KINDS:
        params = pm.inspect_notebook(str(notebook_path(kind)))
        default = ast.literal_eval(params["inventory_path"]["default"])
        assert (notebook_path(kind).parent / default).resolve().is_file()
