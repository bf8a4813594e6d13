"""Development scores of personal-data discovery, on a labelled folder of our own.

Usage::

    .venv/bin/python benchmarks/dev_discovery.py [FOLDER]   # default /tmp/devset

``FOLDER`` holds the CSV files listed in ``benchmarks/dev_set/SOURCES.md`` and, optionally, a
``labels.csv`` (default: ``benchmarks/dev_set/labels.csv``, ours) with the columns ``file, column, label,
alternatives`` (``alternatives``: acceptable other labels separated by ``|``, may be empty),
in the vocabulary and with the judgment calls of ``shared/data/pii_samples/LABELS.md``.
The development files are never the evaluation files of ``bench_discovery.py``: they are
the other sources that LABELS.md suggests (kylo userdata2, FakeNameGenerator 3000
without its first 100 rows, the other DataProfiler and csv-detective fixtures, our own
synthetic French files), and nothing of them is shipped. The scores are those of
``bench_discovery.py`` (same functions): strict accuracy, macro-F1, coarse accuracy,
personal-vs-not precision and recall; then the list of errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl
from bench_discovery import coarse, predict, score  # noqa: E402  (benchmarks/ is on sys.path)

DEFAULT = Path("/tmp/devset")
#: Our labels of the development files (the files themselves are not shipped; see SOURCES.md).
SHIPPED_LABELS = Path(__file__).resolve().parent / "dev_set" / "labels.csv"


def read_labels(folder: Path) -> tuple[pl.DataFrame, dict[tuple[str, str], set[str]]]:
    """Ground truth (file, column, category) and acceptable alternatives of a dev folder."""
    path = folder / "labels.csv" if (folder / "labels.csv").exists() else SHIPPED_LABELS
    raw = pl.read_csv(path, infer_schema=False).fill_null("")
    labels = raw.select("file", "column", pl.col("label").alias("category"))
    alts = {
        (r["file"], r["column"]): {a.strip() for a in r["alternatives"].split("|") if a.strip()}
        for r in raw.iter_rows(named=True)
        if r["alternatives"]
    }
    return labels, alts


def dev_scores(folder: Path = DEFAULT) -> dict:
    """Scan the labelled dev folder and score it."""
    labels, alts = read_labels(folder)
    pred, _, elapsed = predict(folder, labels["file"].unique(maintain_order=True).to_list())
    out = score(labels, pred, alts)
    out["files"] = labels["file"].n_unique()
    out["seconds"] = elapsed
    out["coarse_errors"] = [
        e for e in out["errors"] if coarse(e[3]) not in {coarse(a) for a in {e[2]} | alts.get((e[0], e[1]), set())}
    ]
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="discovery scores on a labelled development folder")
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    labels, _ = read_labels(args.folder)
    missing = sorted(set(labels["file"]) - {p.name for p in args.folder.glob("*")})
    if missing:
        sys.exit(f"{args.folder}: missing development file(s) {missing}; see benchmarks/dev_set/SOURCES.md")
    out = dev_scores(args.folder)
    print(
        f"{out['files']} files, {out['columns']} columns: strict {out['strict']:.3f}, macro-F1 {out['macro_f1']:.3f}, "
        f"coarse {out['coarse']:.3f}, personal precision {out['precision']:.3f}, recall {out['recall']:.3f} "
        f"({out['seconds']:.1f} s)"
    )
    coarse_wrong = {(e[0], e[1]) for e in out["coarse_errors"]}
    print(f"strict errors ({len(out['errors'])}; * = coarse error too, {len(coarse_wrong)}):")
    for f, c, label, pred in out["errors"]:
        print(f"  {'*' if (f, c) in coarse_wrong else ' '} {f} `{c}`: {label} -> {pred}")


if __name__ == "__main__":
    main()
