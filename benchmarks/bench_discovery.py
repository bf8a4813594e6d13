"""Benchmark of personal-data discovery: accuracy on labelled samples, and throughput.

Usage::

    .venv/bin/python benchmarks/bench_discovery.py            # both parts, writes RESULTS
    .venv/bin/python benchmarks/bench_discovery.py --accuracy # accuracy only

(a) Accuracy on ``../shared/data/pii_samples`` (107 labelled columns of six third-party
CSV files; never copied into the repository, never used for training or tuning), scored
as ``LABELS.md`` says: strict accuracy, macro-F1, coarse accuracy (merges and acceptable
alternatives), personal-vs-not precision and recall at column level.
(b) Throughput on a generated 1,000,000-row x 12-column CSV: full scan and default
sampling, in cells per second; optional comparison with presidio-analyzer's pattern
recognizers on a subsample of the same file.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl
from _machine import cpu_model  # noqa: E402  (benchmarks/ is on sys.path when a script runs)

from rgpd_risk.discovery import ScanError, scan
from rgpd_risk.discovery.vocabulary import COARSE, category_of, scoring_entity

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent.parent / "shared" / "data" / "pii_samples"
RESULTS = HERE / "RESULTS_discovery.md"
FILE_ALIASES = {
    "FNG": "FakeNameGenerator.com_100.csv",
    "userdata1": "userdata1.csv",
    "sample": "sample-data.csv",
    "honeypot": "aws_honeypot_marx_geo.csv",
}


def _alternatives(samples: Path) -> dict[tuple[str, str], set[str]]:
    """Parse the judgment-call table of LABELS.md: (file, column) -> acceptable labels."""
    alts: dict[tuple[str, str], set[str]] = {}
    for line in (samples / "LABELS.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or "." not in cells[0] or cells[0].startswith("file"):
            continue
        alt = {a.strip() for a in cells[2].split(",") if a.strip() not in {"–", "-", ""}}
        for item in cells[0].split(","):
            item = item.strip()
            if "." not in item:
                continue
            prefix, column = item.split(".", 1)
            for col in column.split("/"):
                fname = FILE_ALIASES.get(prefix, prefix)
                alts[(fname, col)] = alt | {cells[1]}
    return alts


def coarse(label: str) -> str:
    """Coarse label of the scoring protocol."""
    return COARSE.get(label, label)


def predict(folder: Path, files: list[str], vocabulary: str = "legacy") -> tuple[pl.DataFrame, int, float]:
    """Scan each file of ``folder`` (default sampling, one worker): one predicted entity
    per column, scored in the labelling vocabulary (``"legacy"``: the 23 classes of
    LABELS.md; ``"full"``: every class of ``vocabulary.ENTITIES``); also the cells read
    and the seconds. A file the scanner refuses counts as no prediction (not personal)."""
    preds = []
    t0 = time.perf_counter()
    cells = 0
    for fname in files:
        try:
            result = scan(folder / fname, progress=False, workers=1)
        except ScanError as exc:
            print(f"  {fname}: not scanned ({exc})", file=sys.stderr)
            continue
        cells += int(result.columns["n_sampled"].sum()) if result.columns.height else 0
        for row in result.columns.iter_rows(named=True):
            preds.append((fname, row["column"], scoring_entity(row["entity"], vocabulary)))
    elapsed = time.perf_counter() - t0
    pred = pl.DataFrame(preds, schema=["file", "column", "pred"], orient="row")
    return pred, cells, elapsed


def score(labels: pl.DataFrame, pred: pl.DataFrame, alts: dict[tuple[str, str], set[str]]) -> dict:
    """The scores of LABELS.md for ground truth ``labels`` (file, column, category) and
    predictions ``pred`` (file, column, pred); ``alts`` lists acceptable alternatives."""
    df = labels.join(pred, on=["file", "column"], how="left").with_columns(pl.col("pred").fill_null("not_personal"))
    rows = df.rows(named=True)
    strict = sum(r["category"] == r["pred"] for r in rows) / len(rows)
    ok_coarse = 0
    for r in rows:
        accepted = {r["category"]} | alts.get((r["file"], r["column"]), set())
        if coarse(r["pred"]) in {coarse(a) for a in accepted}:
            ok_coarse += 1
    f1s = []
    for c in sorted(set(df["category"])):
        tp = sum(r["category"] == c and r["pred"] == c for r in rows)
        fp = sum(r["category"] != c and r["pred"] == c for r in rows)
        fn = sum(r["category"] == c and r["pred"] != c for r in rows)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)

    def personal(label: str) -> bool:
        return category_of(label) is not None

    tp = sum(personal(r["category"]) and personal(r["pred"]) for r in rows)
    fp = sum(not personal(r["category"]) and personal(r["pred"]) for r in rows)
    fn = sum(personal(r["category"]) and not personal(r["pred"]) for r in rows)
    errors = [(r["file"], r["column"], r["category"], r["pred"]) for r in rows if r["category"] != r["pred"]]
    per_class = {}
    for c in sorted(set(df["category"]) | set(df["pred"])):
        tp_c = sum(r["category"] == c and r["pred"] == c for r in rows)
        n_pred = sum(r["pred"] == c for r in rows)
        n_true = sum(r["category"] == c for r in rows)
        per_class[c] = {
            "support": n_true,
            "predicted": n_pred,
            "precision": tp_c / n_pred if n_pred else None,
            "recall": tp_c / n_true if n_true else None,
            "f1": 2 * tp_c / (n_pred + n_true) if n_pred + n_true else None,
        }
    personal_f1 = [v["f1"] or 0.0 for c, v in per_class.items() if v["support"] and personal(c)]
    confusions: dict[tuple[str, str], int] = {}
    for r in rows:
        if r["category"] != r["pred"]:
            confusions[(r["category"], r["pred"])] = confusions.get((r["category"], r["pred"]), 0) + 1
    return {
        "columns": len(rows),
        "strict": strict,
        "macro_f1": sum(f1s) / len(f1s),
        "macro_f1_personal": sum(personal_f1) / len(personal_f1) if personal_f1 else 0.0,
        "per_class": per_class,
        "confusions": sorted(confusions.items(), key=lambda kv: (-kv[1], kv[0])),
        "coarse": ok_coarse / len(rows),
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "errors": errors,
    }


def accuracy(samples: Path = SAMPLES) -> dict[str, float]:
    """Scan the labelled samples and compute the scores of LABELS.md."""
    labels = pl.read_csv(samples / "labels.csv")
    pred, cells, elapsed = predict(samples, labels["file"].unique(maintain_order=True).to_list())
    out = score(labels, pred, _alternatives(samples))
    out["seconds"] = elapsed
    out["cells_per_s"] = cells / elapsed if elapsed else 0.0
    return out


def make_big_csv(path: Path, rows: int = 1_000_000, seed: int = 0) -> None:
    """Write a synthetic 12-column CSV (names, e-mails, phones, IBAN-like, dates, ...)."""
    rng = random.Random(seed)
    firsts = ["Marie", "Jean", "Pierre", "Sophie", "Luc", "Emma", "Hugo", "Chloé", "Paul", "Léa"]
    lasts = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"]
    cities = ["Paris", "Lyon", "Marseille", "Toulouse", "Nice", "Nantes", "Lille", "Rennes"]
    n = rows
    i = pl.col("id")
    frame = pl.DataFrame({"id": pl.int_range(0, n, eager=True)}).with_columns(
        prenom=pl.Series([rng.choice(firsts) for _ in range(1000)]).sample(n, with_replacement=True, seed=seed),
        nom=pl.Series([rng.choice(lasts) for _ in range(1000)]).sample(n, with_replacement=True, seed=seed + 1),
        email=pl.format("user{}@exemple.fr", i),
        telephone=pl.format("06{}", (i * 7919 % 100_000_000).cast(pl.Utf8).str.zfill(8)),
        ville=pl.Series(cities).sample(n, with_replacement=True, seed=seed + 2),
        code_postal=(i * 37 % 90000 + 10000).cast(pl.Utf8),
        date_naissance=pl.date_range(date(1940, 1, 1), date(2005, 12, 31), eager=True)
        .sample(n, with_replacement=True, seed=seed + 3)
        .cast(pl.Utf8),
        ip=pl.format("10.{}.{}.{}", i % 256, i // 256 % 256, i // 65536 % 256),
        montant=(i % 10_000).cast(pl.Float64) / 7.0,
        statut=pl.Series(["actif", "inactif", "suspendu"]).sample(n, with_replacement=True, seed=seed + 4),
        commentaire=pl.Series(["RAS", "client fidèle, rappeler lundi", None, "à relancer"]).sample(
            n, with_replacement=True, seed=seed + 5
        ),
    )
    frame.write_csv(path)


def throughput(rows: int = 1_000_000) -> dict[str, float]:
    """Time a full scan and a default sampled scan of a generated CSV."""
    out: dict[str, float] = {"rows": rows, "cols": 12}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.csv"
        t0 = time.perf_counter()
        make_big_csv(path, rows)
        out["generate_s"] = time.perf_counter() - t0
        out["bytes"] = path.stat().st_size
        scan(path, progress=False, sample=1000)  # warm-up: model and lexicon loading
        t0 = time.perf_counter()
        res = scan(path, full=True, progress=False)
        out["full_s"] = time.perf_counter() - t0
        out["full_cells_per_s"] = rows * 12 / out["full_s"]
        t0 = time.perf_counter()
        scan(path, progress=False)
        out["sample_s"] = time.perf_counter() - t0
        out["sample_cells_per_s"] = rows * 12 / out["sample_s"]
        out["entities"] = ", ".join(f"{c}={e}" for c, e in res.columns.select("column", "entity").rows())
        out.update(presidio(path))
    return out


def presidio(path: Path, n_rows: int = 200) -> dict[str, float]:
    """Pattern recognizers of presidio-analyzer on the first rows, if installed."""
    try:
        from presidio_analyzer import PatternRecognizer  # noqa: F401
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            EmailRecognizer,
            IbanRecognizer,
            IpRecognizer,
            PhoneRecognizer,
        )
    except Exception as exc:  # not installed, or its NLP dependencies missing
        return {"presidio": f"not available ({type(exc).__name__})"}  # type: ignore[dict-item]
    # UrlRecognizer is left out: its tldextract dependency downloads the public-suffix
    # list at first use, and this benchmark makes no network call.
    recognizers = [EmailRecognizer(), IpRecognizer(), CreditCardRecognizer(), IbanRecognizer(), PhoneRecognizer()]
    with open(path, encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [next(reader) for _ in range(n_rows)]
    t0 = time.perf_counter()
    cells = 0
    for row in rows:
        for value in row:
            cells += 1
            for rec in recognizers:
                rec.analyze(value, entities=rec.supported_entities, nlp_artifacts=None)
    elapsed = time.perf_counter() - t0
    return {"presidio_cells_per_s": cells / elapsed}


PROTOCOL_NOTES = """## Protocol notes

- The classifier is trained only on generated data (`python tools/train_discovery.py`,
  Faker fr_FR en_US de_DE es_ES it_IT en_GB); the six labelled files are read in place and
  never used for training. Detectors and header lists were written from general knowledge;
  the files' first lines were seen once while reading the data README, and the
  judgment-call table of LABELS.md (e.g. region/state -> address) was followed as the spec
  of the vocabulary.
- History, for honesty: the first measurement (first model) gave strict 0.860, coarse
  0.897, precision 0.949, recall 0.949. Two changes followed, both motivated by a failing
  doctest of our own (a `ville` column with "Lyon", "Paris" classified as a last name),
  not by the errors above: a list of large cities added to the city lexicon, and a header
  prior in `classifier.decide` (`HEADER_WEIGHT`). The remaining errors were not worked on.
- Throughput: the full scan decides the entity on the seeded sample, then reads every row
  in 100,000-row batches (polars) for counts, pattern matches, KMV distinct counts and date
  ranges; checksums run on the sample's candidate values only. Timings vary with the load
  of the shared machine (6.7 s to 15 s for the full scan over runs on the same day). The
  presidio figure covers 5 pattern recognizers on 200 rows x 12 columns of the same file
  (its URL recognizer is excluded: it downloads the public-suffix list).
- Retrain of 2026-11-29: the training set was made independent of `PYTHONHASHSEED` (see
  `train._stable_provider_lists`). The earlier model (trained in a process whose hash seed
  fixed Faker's `it_IT` city order) scored strict 0.897, coarse 0.925, precision 0.987,
  recall 0.962; the rebuildable one strict 0.888, coarse 0.916, precision 0.962, recall 0.962.
- Development set (issue 5, coarse-accuracy goal), so that the six files above are never
  tuned on: 21 files, 231 columns labelled by us with the vocabulary and judgment calls of
  LABELS.md; our labels and the exact sources are in `benchmarks/dev_set/` (the files
  themselves are other projects' fixtures and are not shipped), scored by
  `benchmarks/dev_discovery.py FOLDER` with the functions of this script. Sources, as LABELS.md
  suggests: kylo userdata2 (60 rows); FakeNameGenerator 3000 rows 115-142 (its first 100
  rows skipped); DataProfiler fixtures stripe-payments, zomato, ds_salaries, flight_delays,
  blogposts, names-col and a 7-column subset of popmon_data_example_with_datetime;
  csv-detective fixtures ids_fr, geo_extra, web_ids, dates, irve (empty columns not
  labelled), ref_data, simple, a_test_file, b_test_file and
  subventions-commune-de-castelmaurou; our synthetic French files of `data/sample/files`
  (300 rows each). Dev scores before -> after: strict 0.688 -> 0.848, coarse 0.762 -> 0.918,
  precision 0.753 -> 0.880, recall 0.952 -> 0.936 (the changes trade a few constant
  columns of organisation names and of region codes, now taken as not personal, for many
  fewer false positives).
- What changed, all of it general (no rule names a column of the six files): training
  columns from CSV files are seen as text (the scanner reads CSV as text; typed numbers and
  dates were a train/scan mismatch); more kinds of identifiers (sequential keys with gaps,
  prefixes or padding, fixed-length numeric codes, codes printed in groups, letter-digit
  registry codes, handles, API-style and hexadecimal ids, bare SIREN/SIRET); more kinds of
  non-personal columns, twice as many of them (skewed flags, category labels, short code
  vocabularies, constant columns, counts, ratings, percentages, delays, distances, amounts,
  JSON, product designations, titles, lists, time ranges); companies, cities, initials,
  coordinate pairs and date-times in more forms; nearly constant columns as noise; a bare
  number column is a body measure or a CVV only under a header saying so. Lexicon: yes/no,
  gender and calendar words are no longer first or last names. Headers: flags (`is_...`,
  `has_...`), head nouns of a measure or kind (`company_size`), "X name" / "nom X" as the
  name of a thing unless X names a person, counts (`nb_...`, `number of ...`). Decisions:
  IBAN needs 30 % of checksum-valid values; the SIREN/SIRET checksum with its header (or
  90 % of valid 14-digit SIRETs) gives `siren_siret`. Detectors: a number overflowing a
  float (a hexadecimal id such as `4e91...`) no longer gives an infinite magnitude. Forest
  leaves of at least 3 columns (model 17.5 MB instead of 19.3 MB).
- Evaluation runs on the six files since then: 3, none of them followed by tuning.
  1. After the dev-set work: strict 0.935, macro-F1 0.930, coarse 0.953, precision 0.975,
     recall 0.975 (the `test_accuracy_floor` test, which scans the files too, was left out
     until then). The list of remaining errors of the previous model had been read, as part
     of this file; the work itself was driven by the dev-set errors.
  2. Auditing the header lists, three "not personal" phrases were found that name columns
     of the six files without support in LABELS.md's judgment-call table (`vehicle`,
     `zodiac`, `owner`, written with the first model). Removed, model retrained: strict
     0.925, macro-F1 0.927, coarse 0.944, precision 0.963, recall 0.975. Phrases that follow
     the judgment-call table as the spec of the vocabulary stay (pounds / kilograms / feet
     inches / centimeters -> health, locale and state -> address, age -> not personal).
  3. A review found that the new flag and measure corrections of compound headers turned
     health headers (`has_allergy`, `disability_status`, `health score`) into "not
     personal", a loss of Art. 9 detection that the six files do not measure. Health
     headers are now never overridden (tested), the model retrained: **the figures at the
     top of this file**.
"""


def real_section(out: dict) -> list[str]:
    """Markdown lines for one part of the real set (``dev_discovery.real_scores``)."""
    lines = [
        f"## (c) Real public tables, {out['part']} part ({out['files']} files, {out['columns']} labelled columns, "
        "full vocabulary)",
        "",
        "| score | value |",
        "|---|---|",
        f"| strict accuracy | {out['strict']:.3f} |",
        f"| coarse accuracy | {out['coarse']:.3f} |",
        f"| macro-F1 over the personal classes present | {out['macro_f1_personal']:.3f} |",
        f"| macro-F1 over every class present | {out['macro_f1']:.3f} |",
        f"| personal-vs-not precision | {out['precision']:.3f} |",
        f"| personal-vs-not recall | {out['recall']:.3f} |",
        "",
    ]
    return lines + class_lines(out)


def class_lines(out: dict) -> list[str]:
    """Per-class table and confusions of a score dict."""
    lines = [
        "| class | columns | predicted | precision | recall |",
        "|---|---|---|---|---|",
    ]
    for c, v in out["per_class"].items():
        p = "–" if v["precision"] is None else f"{v['precision']:.2f}"
        r = "–" if v["recall"] is None else f"{v['recall']:.2f}"
        lines.append(f"| {c} | {v['support']} | {v['predicted']} | {p} | {r} |")
    lines += ["", "Confusions (label → prediction: columns): "
              + "; ".join(f"{t} → {p}: {n}" for (t, p), n in out["confusions"]), ""]
    if out.get("missing"):
        lines += [f"Files missing from the folder (scored as not personal): {', '.join(out['missing'])}", ""]
    return lines


def machine() -> str:
    return (f"{os.cpu_count()} cores (`nproc`), {cpu_model()}, Python {platform.python_version()}, "
            f"polars {pl.__version__}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="discovery benchmark")
    parser.add_argument("--accuracy", action="store_true", help="accuracy only")
    parser.add_argument("--throughput", action="store_true", help="throughput only")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--real", type=Path, metavar="FOLDER",
                        help="also score the real set of dev_set/real (dev and held-out parts) from FOLDER")
    args = parser.parse_args(argv)
    both = not (args.accuracy or args.throughput)
    lines = [
        "# Discovery benchmark\n",
        f"- date: {date.today().isoformat()}",
        f"- command: `.venv/bin/python benchmarks/bench_discovery.py {' '.join(argv or sys.argv[1:])}`".rstrip(),
        f"- machine: {machine()}",
        "",
    ]
    if (both or args.accuracy) and SAMPLES.exists():
        acc = accuracy()
        print({k: (round(v, 3) if isinstance(v, float) else v) for k, v in acc.items() if k != "errors"})
        if args.show_errors:
            for e in acc["errors"]:
                print("  ", e)
        lines += [
            "## (a) Accuracy on shared/data/pii_samples (107 labelled columns)",
            "",
            "| score | value | goal |",
            "|---|---|---|",
            f"| strict accuracy | {acc['strict']:.3f} | ≥ 0.85 (peer: 0.36) |",
            f"| macro-F1 (every class present, as before) | {acc['macro_f1']:.3f} | |",
            f"| macro-F1 over the personal classes present | {acc['macro_f1_personal']:.3f} | |",
            f"| coarse accuracy | {acc['coarse']:.3f} | ≥ 0.92 (peer: 0.39) |",
            f"| personal-vs-not precision | {acc['precision']:.3f} | ≥ 0.95 (peer: 0.87) |",
            f"| personal-vs-not recall | {acc['recall']:.3f} | ≥ 0.95 (peer: 0.47) |",
            f"| scan time (6 files, default sampling) | {acc['seconds']:.2f} s | |",
            "",
        ]
        lines += class_lines(acc)
        lines += ["Remaining strict errors (file, column, label, prediction):", ""]
        lines += [f"- {e[0]} `{e[1]}`: {e[2]} → {e[3]}" for e in acc["errors"]]
        lines.append("")
    elif both or args.accuracy:
        print(f"{SAMPLES} absent: accuracy skipped")
    if args.real is not None:
        from dev_discovery import print_real, real_scores

        for part in ("dev", "held-out"):
            out = real_scores(args.real, part)
            print_real(out)
            lines += real_section(out)
    if both or args.throughput:
        thr = throughput(args.rows)
        print({k: (round(v, 1) if isinstance(v, float) else v) for k, v in thr.items()})
        lines += [
            f"## (b) Throughput on a generated {thr['rows']:,} x 12 CSV ({thr['bytes'] / 1e6:.0f} MB)",
            "",
            "| mode | seconds | cells/s |",
            "|---|---|---|",
            f"| full scan (`full=True`) | {thr['full_s']:.2f} | {thr['full_cells_per_s']:,.0f} |",
            f"| default sampling (10,000 rows) | {thr['sample_s']:.2f} | "
            f"{thr['sample_cells_per_s']:,.0f} (table cells covered per second) |",
        ]
        if "presidio_cells_per_s" in thr:
            ratio = thr["full_cells_per_s"] / thr["presidio_cells_per_s"]
            lines += [
                "| presidio-analyzer 2.2.366 pattern recognizers (email, IP, card, IBAN, phone; first 200 rows) | | "
                f"{thr['presidio_cells_per_s']:,.0f} (ours, full scan: {ratio:,.0f}x) |"
            ]
        else:
            lines += [f"| presidio-analyzer | {thr.get('presidio')} | |"]
        lines += ["", f"Entities found on the generated file: {thr['entities']}", ""]
    lines += PROTOCOL_NOTES.splitlines()
    if not args.no_write:
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
