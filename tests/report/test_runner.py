"""Runner: run ids, atomic output, failures leave the previous run intact, CLI wiring."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil

import pytest
from rich.console import Console

from rgpd_risk.cli import execute
from rgpd_risk.cli import report as cli
from rgpd_risk.cli.common import resolve_inventory
from rgpd_risk.inventory.issues import InventoryError
from rgpd_risk.report.runner import (
    ReportError,
    _recover,
    compute_run_id,
    expand_kinds,
    prune_runs,
    run_folders,
    run_reports,
    update_latest,
)


def test_run_id_idempotent_and_sensitive_to_inputs(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.yaml"
    a.write_text("x")
    b.write_text("y")
    day = dt.date(2026, 6, 2)
    rid = compute_run_id([a, b], {"seed": 0}, today=day)
    assert rid == compute_run_id([a, b], {"seed": 0}, today=day)
    assert rid.startswith("2026-06-02-") and len(rid) == len("2026-06-02-") + 8
    a.write_text("x2")
    assert rid != compute_run_id([a, b], {"seed": 0}, today=day)


def test_expand_kinds():
    assert expand_kinds("all") == ("inventory", "risk", "board")
    assert expand_kinds("all", scan=__file__) == ("inventory", "risk", "board", "discovery")
    with pytest.raises(ValueError):
        expand_kinds("nope")


def test_latest_swap_is_atomic_symlink(tmp_path):
    (tmp_path / "r1").mkdir()
    (tmp_path / "r2").mkdir()
    update_latest(tmp_path, "r1")
    update_latest(tmp_path, "r2")
    assert os.readlink(tmp_path / "latest") == "r2"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_interrupted_swap_is_recovered(tmp_path):
    old = tmp_path / ".run1.old"
    old.mkdir()
    (old / "board_fr.html").write_text("x")
    _recover(tmp_path)
    assert (tmp_path / "run1" / "board_fr.html").exists() and not old.exists()


@pytest.fixture
def previous_run(tmp_path, sample_inventory):
    out = tmp_path / "out"
    first = run_reports(["inventory"], sample_inventory, lang="en", out=out, run_id="good")
    return out, first


@pytest.fixture
def failing_notebooks(tmp_path, monkeypatch):
    """A copy of the notebooks whose inventory notebook fails in its last cell."""
    import nbformat

    from rgpd_risk.report.runner import notebooks_dir

    folder = tmp_path / "notebooks"
    shutil.copytree(notebooks_dir(), folder)
    nb = nbformat.read(folder / "01_inventory.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell('raise RuntimeError("boom in the last cell")'))
    nbformat.write(nb, folder / "01_inventory.ipynb")
    monkeypatch.setenv("RGPD_RISK_NOTEBOOKS", str(folder))
    return folder


def test_failing_notebook_leaves_previous_run(previous_run, failing_notebooks, sample_inventory):
    out, first = previous_run
    with pytest.raises(ReportError) as err:
        run_reports(["inventory"], sample_inventory, lang="en", out=out, run_id="bad")
    message = str(err.value)
    assert "01_inventory.ipynb" in message and "RuntimeError: boom in the last cell" in message
    assert "Traceback" not in message and "\x1b[" not in message
    assert os.readlink(out / "latest") == "good"
    assert not (out / "bad").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert (first.run_dir / "inventory_en.html").exists()


def test_invalid_inventory_fails_before_any_work(previous_run, tmp_path):
    out, _ = previous_run
    bad = tmp_path / "bad.csv"
    bad.write_text("dataset_id,name,data_categories\n,,\n", encoding="utf-8")
    with pytest.raises(InventoryError):
        run_reports(["inventory"], bad, lang="en", out=out, run_id="bad")
    assert os.readlink(out / "latest") == "good" and not (out / "bad").exists()


def _run_cli(argv):
    parser = argparse.ArgumentParser()
    cli.configure(parser)
    buf = io.StringIO()
    args = parser.parse_args(argv)
    resolve_inventory(args, parser)
    code = execute(cli.run, args, Console(file=buf, width=200, highlight=False))
    return code, buf.getvalue()


def test_cli_prints_paths(tmp_path, sample_inventory):
    code, output = _run_cli(["inventory", "--inventory", str(sample_inventory), "--lang", "fr",
                             "--out", str(tmp_path), "--run-id", "cli"])
    assert code == 0
    assert str(tmp_path / "cli" / "inventory_fr.html") in output
    assert str(tmp_path / "latest") in output


def test_cli_failure_is_a_plain_message(tmp_path, failing_notebooks, sample_inventory):
    code, output = _run_cli(["inventory", "--inventory", str(sample_inventory), "--out", str(tmp_path / "o")])
    assert code == 1
    assert "report failed" in output and "01_inventory.ipynb" in output and "boom" in output
    assert "Traceback" not in output


def test_cli_discovery_needs_scan(tmp_path, sample_inventory):
    code, output = _run_cli(["discovery", "--inventory", str(sample_inventory), "--out", str(tmp_path)])
    assert code == 1 and "--scan" in output


def test_cli_rejects_bad_run_id(tmp_path, sample_inventory):
    with pytest.raises(ValueError, match="invalid run id"):
        run_reports(["inventory"], sample_inventory, out=tmp_path, run_id="../escape")
    shutil.rmtree(tmp_path, ignore_errors=True)


def _fake_run(out, rid, mtime):
    folder = out / rid
    folder.mkdir()
    (folder / "board_fr.html").write_text("x")
    os.utime(folder, (mtime, mtime))
    return folder


def test_prune_keeps_the_most_recent_and_latest(tmp_path):
    for i, rid in enumerate(["2026-01-01-aaaaaaaa", "2026-02-01-bbbbbbbb", "2026-03-01-cccccccc", "r4"]):
        _fake_run(tmp_path, rid, 1_000 + i)
    (tmp_path / "test-artifacts").mkdir()  # not a run: no report file
    (tmp_path / "test-artifacts" / "shot.png").write_text("x")
    (tmp_path / "history.parquet").write_text("x")
    update_latest(tmp_path, "2026-01-01-aaaaaaaa")  # latest points at the OLDEST run
    assert [p.name for p in run_folders(tmp_path)][0] == "r4"
    removed = prune_runs(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == ["2026-02-01-bbbbbbbb"]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["2026-01-01-aaaaaaaa", "2026-03-01-cccccccc", "history.parquet", "latest", "r4",
                    "test-artifacts"]
    assert (tmp_path / "latest" / "board_fr.html").exists()
    assert sorted(prune_runs(tmp_path, keep=0)) == [tmp_path / "2026-03-01-cccccccc", tmp_path / "r4"]
    assert [p.name for p in run_folders(tmp_path)] == ["2026-01-01-aaaaaaaa"]  # latest's target stays
    with pytest.raises(ValueError):
        prune_runs(tmp_path, keep=-1)


def test_run_with_keep_prunes_after_success(tmp_path, sample_inventory):
    out = tmp_path / "out"
    out.mkdir()
    for i, rid in enumerate(["old1", "old2"]):
        _fake_run(out, rid, 1_000 + i)
    result = run_reports(["inventory"], sample_inventory, lang="en", out=out, run_id="new", keep=2)
    assert [p.name for p in result.pruned] == ["old1"]
    assert sorted(p.name for p in run_folders(out)) == ["new", "old2"]
    assert os.readlink(out / "latest") == "new"


def test_failed_run_prunes_nothing(tmp_path, failing_notebooks, sample_inventory):
    out = tmp_path / "out"
    out.mkdir()
    for i, rid in enumerate(["old1", "old2", "old3"]):
        _fake_run(out, rid, 1_000 + i)
    with pytest.raises(ReportError):
        run_reports(["inventory"], sample_inventory, lang="en", out=out, run_id="bad", keep=1)
    assert sorted(p.name for p in run_folders(out)) == ["old1", "old2", "old3"]


def test_cli_keep(tmp_path, sample_inventory):
    out = tmp_path / "o"
    out.mkdir()
    _fake_run(out, "old", 1_000)
    code, output = _run_cli(["inventory", "--inventory", str(sample_inventory), "--lang", "en",
                             "--out", str(out), "--run-id", "cli", "--keep", "1"])
    assert code == 0 and f"removed old run {out / 'old'}" in output
    assert [p.name for p in run_folders(out)] == ["cli"]
    with pytest.raises(SystemExit):
        _run_cli(["inventory", "--inventory", str(sample_inventory), "--keep", "0"])


def test_second_run_shows_the_trend(tmp_path, sample_inventory):
    """Issue 6: the board shows a trend after a second run (here one dataset fewer)."""
    import re

    out = tmp_path / "out"
    run_reports(["board"], sample_inventory, lang="en", out=out, run_id="2026-10-31-a")
    first = (out / "latest" / "board_en.html").read_text(encoding="utf-8")
    assert "First report: no history to compare with yet." in first
    smaller = tmp_path / "in" / "inventory.csv"
    smaller.parent.mkdir()
    lines = sample_inventory.read_text(encoding="utf-8").splitlines(keepends=True)
    smaller.write_text("".join(lines[:-1]), encoding="utf-8")
    shutil.copy(sample_inventory.parent / "organisation.yaml", smaller.parent / "organisation.yaml")
    run_reports(["board"], smaller, lang="en", out=out, run_id="2026-11-30-b")
    second = (out / "latest" / "board_en.html").read_text(encoding="utf-8")
    assert "First report: no history to compare with yet." not in second
    text = re.sub(r"<[^>]+>", " ", second)
    trend = text[text.index("Comparison with the previous report"):]
    assert re.search(r"Processing activities assessed\s+61\s+60\s+[−-]1", trend), trend[:400]


# --- issue 17: runs of one id at once, leftovers of interrupted runs, a corrupt history ------
_HOLDER = """
import sys, time
from pathlib import Path
from rgpd_risk.report.runner import _run_lock
import resource
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
out = Path(sys.argv[1])
with _run_lock(out, "same"):
    tmp = out / ".same.tmp"  # where the first run works (the old fixed name)
    tmp.mkdir()
    (tmp / "board_en.html").write_text("half written")
    print("ready", flush=True)
    sys.stdin.read()  # until the test closes our stdin
"""


def test_second_run_of_the_same_id_stops_and_keeps_the_first_ones_folder(tmp_path, sample_inventory):
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    first = subprocess.Popen([sys.executable, "-c", _HOLDER, str(out)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "ready"
        with pytest.raises(ReportError, match=rf"another run with id same is writing in .*process {first.pid}"):
            run_reports(["inventory"], sample_inventory, lang="en", out=out, run_id="same")
        assert (out / ".same.tmp" / "board_en.html").read_text() == "half written"
        assert not (out / "same").exists()
    finally:
        first.communicate("", timeout=60)
    assert first.returncode == 0
    # the first one gone, a run of that id works again
    assert run_reports(["inventory"], sample_inventory, lang="en", out=out, run_id="same").run_id == "same"


def test_leftovers_of_interrupted_runs_are_removed(tmp_path):
    import subprocess
    import sys

    from rgpd_risk.report.runner import STALE_TMP_SECONDS

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(done.stdout)  # a process that has ended
    alive = os.getpid()
    names = {
        f".other-run.{dead}.k2j_x.tmp": False,  # any run id, process gone: removed
        f".scan.{dead}.ab12.tmp": False,
        f".live.{alive}.zz9.tmp": True,  # a run in progress: kept
        f".ancient.{alive}.q1.tmp": False,  # older than STALE_TMP_SECONDS: removed
        ".legacy.tmp": False,  # the old fixed name, two minutes old: removed
    }
    now = dt.datetime.now().timestamp()
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "board_fr.html").write_text("x")
    os.utime(tmp_path / f".ancient.{alive}.q1.tmp", (now - STALE_TMP_SECONDS - 10,) * 2)
    os.utime(tmp_path / ".legacy.tmp", (now - 120,) * 2)
    _recover(tmp_path)
    assert {name: (tmp_path / name).exists() for name in names} == names


def test_corrupt_history_is_named_and_the_report_is_written(tmp_path, sample_inventory):
    out = tmp_path / "out"
    out.mkdir()
    history = out / "history.parquet"
    history.write_bytes(b"not a parquet file")
    result = run_reports(["board"], sample_inventory, lang="en", out=out, run_id="2026-10-31-a")
    assert (result.run_dir / "board_en.html").exists()
    assert any(str(history) in m and "cannot be read" in m for m in result.messages), result.messages
    assert history.read_bytes() == b"not a parquet file"  # left for the user to look at
    assert os.readlink(out / "latest") == "2026-10-31-a"
