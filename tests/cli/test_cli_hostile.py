"""Issue 17, hostile and careless command lines: a clear message and exit code 1, never a
traceback (the audit of /tmp/audit17 turned each of these into a test)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rgpd_risk.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "inventory.csv"


@pytest.fixture
def small_inventory(tmp_path) -> Path:
    """Five rows of the sample register, without an organisation profile next to it."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:6]
    path = tmp_path / "inv.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_plan_without_organisation_uses_the_stated_default(small_inventory, capsys):
    code = main(["plan", str(small_inventory), "--draws", "200", "--lang", "en", "--today", "2026-01-01"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "No organisation profile" in out and "non-undertaking" in out
    assert "Traceback" not in out


@pytest.mark.parametrize("option", [["--adjust", "h=nan"], ["--adjust", "h=inf%"], ["--final-factor", "inf"],
                                    ["--final-factor", "nan"], ["--final-factor", "1e300"],
                                    ["--adjust", "h=1e300"], ["--turnover", "1e300"],
                                    ["--turnover", "1e8", "--size-share", "nan"]])
def test_fine_refuses_non_finite_and_overflowing_numbers(option, capsys):
    code = main(["fine", "--tier", "83(5)", "--seriousness", "high", *option])
    out = capsys.readouterr().out
    assert code == 1 and "finite number" in out and "Traceback" not in out


def test_report_out_on_a_file_is_a_plain_error(small_inventory, tmp_path, capsys):
    target = tmp_path / "a_file"
    target.write_text("x")
    code = main(["report", "inventory", str(small_inventory), "--out", str(target), "--no-progress"])
    out = capsys.readouterr().out
    assert code == 1 and "is a file, not a folder" in out
    assert target.read_text() == "x"


@pytest.mark.parametrize("run_id", ["history.parquet", "HISTORY.parquet", "Latest"])
def test_run_id_never_names_the_history_or_latest(run_id):
    from rgpd_risk.report.runner import check_run_id

    with pytest.raises(ValueError, match="invalid run id"):
        check_run_id(run_id)


_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, ({size}, {size}))
from rgpd_risk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_full_disk_is_a_plain_error_and_keeps_the_previous_report(small_inventory, tmp_path):
    """Files may not grow past 64 KB (what a full disk does to a write): the report run stops
    with a message naming the file, no traceback, and the previous report stays whole."""
    out = tmp_path / "reports"
    args = ["report", "inventory", str(small_inventory), "--out", str(out), "--no-progress", "--today", "2026-01-01"]
    assert main([*args, "--run-id", "first"]) == 0
    before = {p: p.read_bytes() for p in (out / "first").rglob("*") if p.is_file()}
    code = _LIMITED.format(size=64 * 1024)
    done = subprocess.run([sys.executable, "-c", code, *args, "--run-id", "second"],
                          capture_output=True, text=True, timeout=300)
    text = done.stdout + done.stderr
    assert done.returncode == 1, text
    assert "Traceback" not in text and "File too large" in text
    assert {p: p.read_bytes() for p in (out / "first").rglob("*") if p.is_file()} == before
    assert (out / "latest").resolve().name == "first"


def test_a_read_only_target_is_a_plain_error(small_inventory, tmp_path, monkeypatch, capsys):
    """A read-only file system (EROFS: root is not stopped by file modes, so it is injected)."""
    real_replace = os.replace

    def read_only(src, dst, *a, **k):
        if str(dst).endswith("risk.xlsx"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dst))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", read_only)
    target = tmp_path / "risk.xlsx"
    code = main(["assess", str(small_inventory), "--xlsx", str(target), "--today", "2026-01-01"])
    out = capsys.readouterr().out
    assert code == 1, out
    assert "Read-only file system" in out and "risk.xlsx" in out and "Traceback" not in out
    assert not target.exists()


def test_a_pipe_given_as_profile_or_scan_is_refused_not_read(small_inventory, tmp_path, capsys):
    """Reading a named pipe blocks until someone writes to it: the profile, the scan JSON and
    the run id's hash never open one."""
    profile, scan_json = tmp_path / "profile.yaml", tmp_path / "scan.json"
    os.mkfifo(profile)
    os.mkfifo(scan_json)
    report = ["report", "risk", str(small_inventory), "--out", str(tmp_path / "out"), "--no-progress"]
    for args in (["validate", str(small_inventory), "--organisation", str(profile)],
                 [*report, "--organisation", str(profile)], [*report, "--scan", str(scan_json)]):
        code = main(args)
        out = capsys.readouterr().out
        assert code == 1 and "not a regular file" in out and "Traceback" not in out, (args, out)


@pytest.mark.parametrize(("args", "expected"), [
    (["scan", "x.csv", "--workers", "0"], "--workers: expected an integer >= 1"),
    (["plan", "x.csv", "--budget-days", "-10"], "--budget-days: expected a number of person-days >= 0"),
    (["plan", "x.csv", "--budget-days", "nan"], "--budget-days: expected a number of person-days >= 0"),
    (["exposure", "x.csv", "--seed", "-1"], "--seed: expected an integer >= 0"),
    (["report", "risk", "x.csv", "--seed", "x"], "--seed: expected an integer >= 0"),
])
def test_impossible_numbers_on_the_command_line_are_usage_errors(args, expected, capsys):
    """A negative budget used to give a plan where every action was over budget, a negative
    seed a bare "expected non-negative integer", zero workers a silent default."""
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2 and expected in capsys.readouterr().err
