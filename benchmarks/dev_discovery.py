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
import hashlib
import sys
from pathlib import Path

import polars as pl
from bench_discovery import coarse, predict, score  # noqa: E402  (benchmarks/ is on sys.path)

DEFAULT = Path("/tmp/devset")
#: Our labels of the development files (the files themselves are not shipped; see SOURCES.md).
SHIPPED_LABELS = Path(__file__).resolve().parent / "dev_set" / "labels.csv"
#: The set of real public tables (issue 16): labels, sources, and the excerpts we may ship.
REAL = Path(__file__).resolve().parent / "dev_set" / "real"
REAL_DEFAULT = Path("/tmp/devset_real")
#: The held-out set of real tables since 2026-12-05 (labels and sources; files not shipped).
FRESH = Path(__file__).resolve().parent / "dev_set" / "fresh_c"
FRESH_DEFAULT = Path("/tmp/heldout_c")


def held_out(fname: str, tuned_before: frozenset[str] | None = None) -> bool:
    """The split of the real set, fixed before any score was read: a file is held out when
    the SHA-1 of its name is 0 modulo 3, unless it was already in the older development set
    (``dev_set/labels.csv``), which earlier sessions tuned on."""
    if tuned_before is None:
        tuned_before = frozenset(pl.read_csv(SHIPPED_LABELS, infer_schema=False)["file"].to_list())
    return int(hashlib.sha1(fname.encode()).hexdigest(), 16) % 3 == 0 and fname not in tuned_before


def real_scores(folder: Path = REAL_DEFAULT, part: str = "dev", labels_dir: Path = REAL) -> dict:
    """Scores of the real set (``part``: ``dev``, ``held-out`` or ``all``), in the full
    vocabulary. ``folder`` holds the 80 files of ``dev_set/real/SOURCES.tsv``; the shipped
    excerpts of ``dev_set/real/files`` are used for the files it lacks. With ``labels_dir`` another
    labelled set of real tables (``dev_set/fresh_c``, the held-out set since 2026-12-05) is scored
    whole (``part`` ``all``)."""
    raw = pl.read_csv(labels_dir / "labels.csv", infer_schema=False).fill_null("")
    tuned = frozenset(pl.read_csv(SHIPPED_LABELS, infer_schema=False)["file"].to_list())
    keep = {"dev": lambda f: not held_out(f, tuned), "held-out": lambda f: held_out(f, tuned), "all": lambda f: True}
    raw = raw.filter(pl.col("file").map_elements(keep[part], return_dtype=pl.Boolean))
    labels = raw.select("file", "column", pl.col("label").alias("category"))
    alts = {
        (r["file"], r["column"]): {a.strip() for a in r["alternatives"].split("|") if a.strip()}
        for r in raw.iter_rows(named=True)
        if r["alternatives"]
    }
    files = labels["file"].unique(maintain_order=True).to_list()
    recorded = recorded_checksums(labels_dir)
    preds, elapsed, differ = [], 0.0, []
    for where in (folder, labels_dir / "files"):
        todo = [f for f in files if (where / f).exists() and f not in {p for p, *_ in preds}]
        differ += [f for f in todo if recorded.get(f) not in (None, sha256(where / f))]
        if todo:
            pred, _, secs = predict(where, todo, vocabulary="full")
            preds += pred.rows()
            elapsed += secs
    missing = sorted({f for f in files} - {p for p, *_ in preds})
    pred = pl.DataFrame(preds, schema=["file", "column", "pred"], orient="row")
    out = score(labels, pred, alts)
    out.update(files=len(files), seconds=elapsed, missing=missing, differ=sorted(differ), part=part)
    return out


def sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded_checksums(labels_dir: Path) -> dict[str, str]:
    """The SHA-256 of each excerpt as we scored it (column ``sha256`` of ``labels_dir/SOURCES.tsv``,
    where there is one): a rebuilt file that differs gives scores that are not comparable to ours."""
    path = labels_dir / "SOURCES.tsv"
    if not path.exists():
        return {}
    sources = pl.read_csv(path, separator="\t", infer_schema=False, quote_char=None).fill_null("")
    if "sha256" not in sources.columns:
        return {}
    return {f: s for f, s in sources.select("file", "sha256").iter_rows() if s}


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


def print_real(out: dict) -> None:
    """Print the scores of :func:`real_scores`: summary, per class, confusions, errors."""
    print(
        f"real set, {out['part']} part: {out['files']} files, {out['columns']} columns: strict {out['strict']:.3f}, "
        f"coarse {out['coarse']:.3f}, macro-F1 over personal classes {out['macro_f1_personal']:.3f} "
        f"(all classes {out['macro_f1']:.3f}), personal precision {out['precision']:.3f}, "
        f"recall {out['recall']:.3f} ({out['seconds']:.1f} s)"
    )
    if out["missing"]:
        print(f"  files missing (scored as not personal): {out['missing']}")
    if out["differ"]:
        print(f"  files that differ from the excerpts we scored (SOURCES.tsv sha256): {out['differ']}")
    print("per class (support, predicted, precision, recall):")
    for c, v in out["per_class"].items():
        p = "-" if v["precision"] is None else f"{v['precision']:.2f}"
        r = "-" if v["recall"] is None else f"{v['recall']:.2f}"
        print(f"  {c:22s} {v['support']:4d} {v['predicted']:4d}  P {p:>4s}  R {r:>4s}")
    print("confusions (truth -> prediction: count):")
    for (t, p), n in out["confusions"]:
        print(f"  {t} -> {p}: {n}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="discovery scores on a labelled development folder")
    parser.add_argument("folder", nargs="?", type=Path, default=None)
    parser.add_argument("--real", choices=["dev", "held-out", "all"], help="score the real set (dev_set/real)")
    parser.add_argument("--fresh", nargs="?", const=FRESH, type=Path, metavar="LABELS_DIR",
                        help="score FOLDER against LABELS_DIR/labels.csv (default dev_set/fresh_c: a held-out set of "
                             "real tables)")
    parser.add_argument("--errors", action="store_true", help="with --real or --fresh: list every strict error")
    args = parser.parse_args(argv)
    if args.real or args.fresh:
        if args.fresh:
            out = real_scores(args.folder or FRESH_DEFAULT, "all", args.fresh)
            out["part"] = f"held-out ({args.fresh.name})"
        else:
            out = real_scores(args.folder or REAL_DEFAULT, args.real)
        print_real(out)
        if args.errors:
            for f, c, label, pred in out["errors"]:
                print(f"  {f} `{c}`: {label} -> {pred}")
        return
    args.folder = args.folder or DEFAULT
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
