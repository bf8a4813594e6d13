"""Layer 1: every notebook runs with its defaults (the sample), as nbval-lax would."""

from __future__ import annotations

import papermill as pm
import pytest

from rgpd_risk.report.runner import KINDS, notebook_path


@pytest.mark.parametrize("kind", KINDS)
def test_notebook_runs_with_defaults(kind, tmp_path):
    source = notebook_path(kind)
    out = tmp_path / source.name
    nb = pm.execute_notebook(str(source), str(out), cwd=str(source.parent), progress_bar=False,
                             kernel_name="python3")
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    html = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert html, "the notebook displays its report"
