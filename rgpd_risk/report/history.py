"""Run history: one row of key figures per run id, in a Parquet file, for the board's trend.

The file is small (one row per run) and rewritten atomically (temporary file + ``os.replace``)
under an advisory lock, so a killed or concurrent run never leaves it half-written. Records
are keyed by the idempotent run id: recording the same run id again replaces its row.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "history.parquet"
>>> _ = record_run(path, {"run_id": "2026-01-01-aaaaaaaa", "run_date": "2026-01-01", "datasets": 10})
>>> _ = record_run(path, {"run_id": "2026-02-01-bbbbbbbb", "run_date": "2026-02-01", "datasets": 12})
>>> _ = record_run(path, {"run_id": "2026-02-01-bbbbbbbb", "run_date": "2026-02-01", "datasets": 13})
>>> load_history(path)["datasets"].to_list()
[10, 13]
>>> previous_run(path, "2026-02-01-bbbbbbbb")["datasets"]
10
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import polars as pl

from rgpd_risk.atomic import atomic_path, write_text_atomic

HISTORY_SCHEMA: dict[str, pl.DataType] = {
    "run_id": pl.Utf8(),
    "run_date": pl.Date(),
    "recorded_at": pl.Datetime("us"),
    "inventory": pl.Utf8(),
    "datasets": pl.Int64(),
    "high_risks": pl.Int64(),
    "missing_dpia": pl.Int64(),
    "findings": pl.Int64(),
    "findings_high": pl.Int64(),
    "legal_maximum": pl.Float64(),
    "expected_cost": pl.Float64(),
    "p50": pl.Float64(),
    "p90": pl.Float64(),
    # the board's key risk indicators (rgpd_risk.report.board.KRI_METRICS); null in files
    # written before they were recorded
    "critical_zone": pl.Int64(),
    "breaches_open": pl.Int64(),
    "unlawful": pl.Int64(),
    "p_control": pl.Float64(),
    "p_sanction": pl.Float64(),
}
"""Columns of the history file (unknown keys of a record are ignored, missing ones null)."""

TREND_METRICS = ("datasets", "high_risks", "missing_dpia", "findings", "findings_high",
                 "expected_cost", "p50", "p90")
"""Metrics compared with the previous run in the board report."""


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock = path.with_name(f".{path.name}.lock")
    with open(lock, "a+") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        yield


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=HISTORY_SCHEMA)


def load_history(path: str | Path | None) -> pl.DataFrame:
    """The history, oldest run first; an empty frame when the file does not exist.

    Parameters
    ----------
    path : path or None
        The Parquet file; ``None`` or ``""`` gives an empty history.
    """
    if not path or not Path(path).exists():
        return _empty()
    frame = pl.read_parquet(path, glob=False)  # OUT may be named 'reports[2026]'
    missing = [c for c in HISTORY_SCHEMA if c not in frame.columns]
    frame = frame.with_columns(pl.lit(None, dtype=HISTORY_SCHEMA[c]).alias(c) for c in missing)
    return frame.select(list(HISTORY_SCHEMA)).sort(["run_date", "recorded_at"])


def _record_frame(record: Mapping[str, object]) -> pl.DataFrame:
    row = {c: record.get(c) for c in HISTORY_SCHEMA}
    if row["run_id"] in (None, ""):
        raise ValueError("a history record needs a run_id")
    if isinstance(row["run_date"], str):
        row["run_date"] = dt.date.fromisoformat(row["run_date"][:10])
    if row["run_date"] is None:
        row["run_date"] = dt.date.today()
    if isinstance(row["recorded_at"], str):
        row["recorded_at"] = dt.datetime.fromisoformat(row["recorded_at"])
    if row["recorded_at"] is None:
        row["recorded_at"] = dt.datetime.now()
    return pl.DataFrame([row], schema=HISTORY_SCHEMA)


def _write(frame: pl.DataFrame, path: Path) -> None:
    with atomic_path(path) as tmp:
        frame.write_parquet(tmp)


def record_run(path: str | Path, record: Mapping[str, object]) -> pl.DataFrame:
    """Add (or replace, same ``run_id``) one run's key figures; returns the new history."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = _record_frame(record)
    with _locked(path):
        old = load_history(path)
        frame = pl.concat([old.filter(pl.col("run_id") != new["run_id"][0]), new])
        frame = frame.sort(["run_date", "recorded_at"])
        _write(frame, path)
    return frame


def previous_run(path: str | Path | None, run_id: str = "") -> dict | None:
    """The most recent record of another run id, or ``None`` (first run)."""
    hist = load_history(path)
    if run_id:
        hist = hist.filter(pl.col("run_id") != run_id)
    if hist.height == 0:
        return None
    return hist.row(hist.height - 1, named=True)


def prune(path: str | Path, *, keep: int) -> int:
    """Keep only the ``keep`` most recent runs; returns the number of rows removed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "h.parquet"
    >>> for i in range(1, 5):
    ...     _ = record_run(p, {"run_id": f"r{i}", "run_date": f"2026-01-0{i}"})
    >>> prune(p, keep=2), load_history(p)["run_id"].to_list()
    (2, ['r3', 'r4'])
    """
    if keep < 0:
        raise ValueError("keep must be >= 0")
    path = Path(path)
    if not path.exists():
        return 0
    with _locked(path):
        hist = load_history(path)
        kept = hist.tail(keep) if keep else hist.clear()
        _write(kept, path)
    return hist.height - kept.height


def write_summary(path: str | Path | None, summary: Mapping[str, object]) -> Path | None:
    """Write a run's summary as JSON for the runner to record (no-op when ``path`` is empty).

    The board notebook calls this with the ``summary_path`` parameter; the runner records the
    summary in the history only after every notebook of the run succeeded.
    """
    if not path:
        return None
    return write_text_atomic(path, json.dumps(dict(summary), default=str))


def trend_frame(current: Mapping[str, object], previous: Mapping[str, object] | None,
                metrics: tuple[str, ...] = TREND_METRICS) -> pl.DataFrame:
    """Long frame ``metric, previous, current, change`` (change null without a previous run).

    Examples
    --------
    >>> trend_frame({"datasets": 12}, {"datasets": 10}, ("datasets",)).row(0)
    ('datasets', 10.0, 12.0, 2.0)
    """
    rows = []
    for m in metrics:
        cur = current.get(m)
        prev = None if previous is None else previous.get(m)
        cur_f = None if cur is None else float(cur)
        prev_f = None if prev is None else float(prev)
        change = None if cur_f is None or prev_f is None else cur_f - prev_f
        rows.append((m, prev_f, cur_f, change))
    return pl.DataFrame(rows, schema={"metric": pl.Utf8, "previous": pl.Float64,
                                      "current": pl.Float64, "change": pl.Float64}, orient="row")
