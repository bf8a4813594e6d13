"""Atomic file writes: every file the library writes appears whole or not at all.

A writer fills a temporary file in the target's folder (same file system), which then replaces
the target with :func:`os.replace`; on any error the temporary file is removed and the
previous target is left as it was. Used by every export (Excel, JSON, history).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_text_atomic"]


def _new_file_mode() -> int:
    """The mode a plain ``open(path, "w")`` gives a new file (``0o666`` minus the umask);
    :func:`tempfile.mkstemp` creates ``0o600`` files. The umask is read from
    ``/proc/self/status`` where it exists (setting it to read it would race other threads)."""
    with contextlib.suppress(OSError, ValueError, StopIteration):
        with open("/proc/self/status", encoding="ascii") as fh:
            line = next(x for x in fh if x.startswith("Umask:"))
        return 0o666 & ~int(line.split()[1], 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without error it replaces
    ``path``, otherwise it is deleted and ``path`` is untouched.

    A symbolic link is followed (its target is replaced, the link stays); an existing file
    keeps its permissions. A target that exists and is not a regular file (``/dev/null``, a
    named pipe) cannot be replaced: the yielded path is then the target itself, written in
    place. ``suffix`` lets writers that look at the extension (e.g. ``".xlsx"``) see the
    right one. The folder of ``path`` must exist (``FileNotFoundError`` otherwise).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> _ = target.write_text("old")
    >>> try:
    ...     with atomic_path(target) as tmp:
    ...         _ = tmp.write_text("half")
    ...         raise RuntimeError("disk full")
    ... except RuntimeError:
    ...     pass
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('old', ['out.txt'])
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("new")
    >>> target.read_text()
    'new'
    """
    path = Path(os.path.realpath(path))
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give a file name")
    if path.exists() and not path.is_file():  # a device or a pipe: nothing to replace
        yield path
        return
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path}: the folder {path.parent} does not exist")
    mode = (path.stat().st_mode & 0o7777) if path.exists() else _new_file_mode()
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_text_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically; returns the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)
