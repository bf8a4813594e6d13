"""Layers with one direction of imports (docs/architecture.md), checked by parsing every module.

kernel → inventory → discovery → assessment → exposure → remediation → pipeline → report → cli.

A module may import from its own layer's package and from lower layers only; no module
imports from the package root (``from rgpd_risk import x``); no ``rgpd_risk`` import sits
inside a function; a third-party import inside a function is an optional dependency listed
in :data:`LAZY_THIRD_PARTY` with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rgpd_risk"

# console (terminal tables and the progress bar) imports only formatting: kernel too.
KERNEL = ("law", "taxonomy", "schemas", "i18n", "formatting", "atomic", "errors", "console")
LAYERS: dict[str, int] = {
    **dict.fromkeys(KERNEL, 0),
    "inventory": 1,
    "discovery": 2,  # reads the register's taxonomy; its findings feed the assessment
    "assessment": 3,
    "exposure": 4,
    "remediation": 5,
    "pipeline": 6,
    "report": 7,
    "cli": 8,
}

#: Imports allowed inside a function: optional or heavy dependencies needed by one feature,
#: and the tooling that is not part of the library (the classifier training script).
LAZY_THIRD_PARTY: dict[str, str] = {
    "distributed": "Dask cluster for scans (optional)",
    "sqlalchemy": "database URLs of the scanner (optional extra)",
    "sklearn": "classifier, loaded only when a scan needs it",
    "papermill": "report notebooks (report tooling)",
    "nbformat": "report notebooks (report tooling)",
    "nbconvert": "report notebooks (report tooling)",
    "plotly": "figures, imported only when one is drawn",
    "fcntl": "POSIX-only lock of the run history",
    # known debt, to hoist to module level by their owners (issue 11):
    "yaml": "debt: inventory/organisation, inventory/readers, assessment/config, remediation/catalogue",
    "openpyxl": "debt: inventory/readers, discovery/sources",
    "pandas": "debt: inventory/readers",
    "polars": "debt: inventory/readers",
    "babel": "debt: inventory/normalise",
    "rich": "debt: console",
}


def _modules() -> list[tuple[Path, str, ast.Module]]:
    out = []
    for f in sorted(PACKAGE.rglob("*.py")):
        rel = f.relative_to(PACKAGE)
        out.append((rel, rel.parts[0].removesuffix(".py"), ast.parse(f.read_text(encoding="utf-8"))))
    return out


def _imports(tree: ast.Module):
    """(node, inside a function?) for every import statement."""
    def walk(node, in_fn):
        for child in ast.iter_child_nodes(node):
            fn = in_fn or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child, in_fn
            yield from walk(child, fn)
    yield from walk(tree, False)


def _targets(node) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""] if node.level == 0 else ["<relative>"]
    return [a.name for a in node.names]


MODULES = _modules()


def test_every_top_level_module_has_a_layer() -> None:
    tops = {top for _, top, _ in MODULES} - {"__init__", "__main__"}
    assert tops <= set(LAYERS), f"modules without a layer: {sorted(tops - set(LAYERS))}"


@pytest.mark.parametrize("rel, top, tree", MODULES, ids=[str(m[0]) for m in MODULES])
def test_imports_go_down_only(rel: Path, top: str, tree: ast.Module) -> None:
    if top in ("__init__", "__main__"):
        return  # the public API gathers everything
    bad = []
    for node, in_fn in _imports(tree):
        for target in _targets(node):
            if target == "<relative>":
                bad.append(f"line {node.lineno}: relative import")
                continue
            parts = target.split(".")
            if parts[0] != "rgpd_risk":
                if in_fn and parts[0] not in LAZY_THIRD_PARTY:
                    bad.append(f"line {node.lineno}: '{target}' imported inside a function")
                continue
            if len(parts) == 1:
                bad.append(f"line {node.lineno}: imports from the package root")
                continue
            if in_fn:
                bad.append(f"line {node.lineno}: '{target}' imported inside a function")
            dest = parts[1]
            if dest == top or (LAYERS[top] == 0 and LAYERS.get(dest) == 0):
                continue
            if LAYERS.get(dest, 99) >= LAYERS[top]:
                bad.append(f"line {node.lineno}: {top} (layer {LAYERS[top]}) imports {dest} "
                           f"(layer {LAYERS.get(dest)})")
    assert not bad, f"rgpd_risk/{rel}:\n" + "\n".join(bad)


def test_kernel_has_no_import_cycle() -> None:
    graph = {}
    for _, top, tree in MODULES:
        if LAYERS.get(top) == 0:
            graph[top] = {t.split(".")[1] for n, _ in _imports(tree) for t in _targets(n)
                          if t.startswith("rgpd_risk.") and LAYERS.get(t.split(".")[1]) == 0}

    def visit(node, path):
        assert node not in path, f"kernel import cycle: {' -> '.join([*path, node])}"
        for nxt in graph.get(node, ()):
            visit(nxt, [*path, node])

    for node in graph:
        visit(node, [])


def test_the_checker_sees_a_violation() -> None:
    """The test can fail: an upward import, a root import and a lazy import are caught."""
    tree = ast.parse("from rgpd_risk import taxonomy\nfrom rgpd_risk.report import views\n"
                     "def f():\n    from rgpd_risk.law import TIERS\n")
    found = [(n.lineno, fn, _targets(n)[0]) for n, fn in _imports(tree)]
    assert found == [(1, False, "rgpd_risk"), (2, False, "rgpd_risk.report"),
                     (4, True, "rgpd_risk.law")]
    with pytest.raises(AssertionError, match="package root"):
        test_imports_go_down_only(Path("assessment/x.py"), "assessment", tree)
