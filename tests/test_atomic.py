"""Atomic writes: whole file or the previous one, usual permissions, clear error."""

from __future__ import annotations

import os
import stat

import pytest

from rgpd_risk.atomic import atomic_path, write_text_atomic


def test_replaces_whole_file_with_usual_mode(tmp_path) -> None:
    target = write_text_atomic(tmp_path / "a.json", "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_text() == "{}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_error_keeps_previous_file_and_leaves_no_temporary(tmp_path) -> None:
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"previous")
    with pytest.raises(KeyboardInterrupt), atomic_path(target, suffix=".xlsx") as tmp:
        assert tmp.suffix == ".xlsx" and tmp.parent == tmp_path
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]


def test_missing_folder_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        write_text_atomic(tmp_path / "nope" / "a.json", "{}")


def test_symlink_is_followed_and_existing_mode_kept(tmp_path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_pipe_or_device_is_written_in_place_not_replaced(tmp_path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    write_text_atomic(fifo, "through")
    reader.join(timeout=10)
    assert got == ["through"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_folder_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(IsADirectoryError, match="give a file name"):
        write_text_atomic(tmp_path, "{}")
