"""The labelled sets of real tables in ``benchmarks/dev_set`` (issue 16) are consistent: every
shipped excerpt is the one we scored (its SHA-256 in ``SOURCES.tsv``), every labelled file has a
source, and every labelled column is a column of the shipped excerpt."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from rgpd_risk.discovery.vocabulary import ENTITIES

SETS = Path(__file__).resolve().parent.parent / "benchmarks" / "dev_set"
LABELLED = sorted(d for d in SETS.iterdir() if (d / "labels.csv").exists() and (d / "SOURCES.tsv").exists())


def _rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t" else 0))


@pytest.mark.parametrize("folder", LABELLED, ids=lambda d: d.name)
def test_labels_have_sources_and_known_labels(folder: Path) -> None:
    labels = _rows(folder / "labels.csv")
    sources = {r["file"] for r in _rows(folder / "SOURCES.tsv", "\t")}
    assert {r["file"] for r in labels} <= sources
    for r in labels:
        assert r["label"] in ENTITIES, (r["file"], r["column"], r["label"])
        assert all(a in ENTITIES for a in filter(None, r["alternatives"].split("|"))), (r["file"], r["column"])


@pytest.mark.parametrize("folder", LABELLED, ids=lambda d: d.name)
def test_shipped_excerpts_are_the_scored_ones(folder: Path) -> None:
    sources = {r["file"]: r for r in _rows(folder / "SOURCES.tsv", "\t")}
    labelled: dict[str, set[str]] = {}
    for r in _rows(folder / "labels.csv"):
        labelled.setdefault(r["file"], set()).add(r["column"])
    for path in sorted((folder / "files").glob("*.csv")):
        recorded = sources[path.name].get("sha256")
        if recorded:
            assert hashlib.sha256(path.read_bytes()).hexdigest() == recorded, path.name
        first = path.read_text(encoding="utf-8").splitlines()[0]
        header = next(csv.reader([first], delimiter=max(",;\t|", key=first.count)))
        assert labelled.get(path.name, set()) <= set(header), path.name
