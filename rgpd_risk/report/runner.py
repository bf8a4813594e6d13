"""Run the report notebooks: papermill execution, HTML export, optional PDF and Excel.

Layout of an output folder ``OUT``::

    OUT/
      2026-06-02-1a2b3c4d/          one folder per run id
        board_fr.ipynb              the executed notebook (for audit)
        board_fr.html               the report (code hidden, plotly embedded, offline)
        board_fr.pdf                with --pdf (headless Chromium)
        risk_register_fr.xlsx       with --xlsx
      latest -> 2026-06-02-1a2b3c4d  symlink, swapped atomically
      history.parquet               one row per run id (see rgpd_risk.report.history)

With ``keep=N`` (``--keep N``) a successful run then removes the older run folders beyond the
``N`` most recent (:func:`prune_runs`); the folder ``latest`` points to is never removed.

Writes are atomic: a run works in its own ``OUT/.<run-id>.<pid>.<random>.tmp/`` and renames it
into place only when every notebook succeeded; ``latest`` is a symlink replaced with
:func:`os.replace`. A failed or killed run leaves the previous run, ``latest`` and the history as
they were. Two runs with the same id at once: the second stops with a message naming the first
(a lock ``OUT/.<run-id>.lock``, released by the system if the first is killed). Temporary
folders left by interrupted runs, of any id, are removed at the next run in ``OUT`` once their
process no longer exists, or once they are older than :data:`STALE_TMP_SECONDS` (24 hours).
A history file that cannot be read is named in a note; the reports are written all the same,
without the trend, and the run is not recorded in it (the file is left untouched).

The run id is idempotent: ``YYYY-MM-DD-`` followed by 8 hex digits of a SHA-256 of the input
files' bytes and of the parameters that change the numbers (seed), so re-running the same
inputs on the same day replaces that run (reports of other kinds or languages already in the
folder are kept). The language and the kind are *not* part of the id, so the French and English
reports of one set of inputs sit side by side.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rgpd_risk.console import progress_bar
from rgpd_risk.inventory.load import load_inventory
from rgpd_risk.pipeline import notebook_run, scan_input
from rgpd_risk.report.excel import write_risk_register
from rgpd_risk.report.history import load_history, record_run
from rgpd_risk.report.i18n import check_lang, t

KINDS = ("inventory", "risk", "board", "discovery")
"""Report kinds, in the order ``all`` runs them."""

NOTEBOOK_OF = {
    "inventory": "01_inventory.ipynb",
    "risk": "02_risk.ipynb",
    "board": "03_board.ipynb",
    "discovery": "04_discovery.ipynb",
}

HISTORY_FILE = "history.parquet"
STALE_TMP_SECONDS = 24 * 3600
"""Age after which a temporary folder of ``OUT`` is removed even if its process seems alive
(the process id may have been reused, or the run was on another machine sharing ``OUT``)."""
LATEST = "latest"
TEMPLATE_NAME = "rgpd_report"
REMOVE_TAG = "notebook-only"
"""Cells tagged so are for notebook readers only and are left out of the HTML report."""

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class ReportError(RuntimeError):
    """A report could not be produced; the message is plain words for the command line."""


@dataclass(frozen=True)
class RunResult:
    """What a run wrote.

    Attributes
    ----------
    run_id : str
    run_dir : Path
        ``OUT/<run-id>`` (final location).
    paths : tuple of Path
        Every file written by this run, in the final folder.
    messages : tuple of str
        Notes for the user (e.g. PDF skipped because Chromium is absent).
    seconds : float
        Wall-clock duration.
    """

    run_id: str
    run_dir: Path
    paths: tuple[Path, ...]
    messages: tuple[str, ...] = ()
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    pruned: tuple[Path, ...] = ()


# --------------------------------------------------------------------------- locations

def notebooks_dir() -> Path:
    """Folder holding the report notebooks.

    ``$RGPD_RISK_NOTEBOOKS`` when set, else ``notebooks/`` inside the installed package (if
    shipped as package data), else the repository's top-level ``notebooks/``.
    """
    env = os.environ.get("RGPD_RISK_NOTEBOOKS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for candidate in (here.parent / "notebooks", here.parents[2] / "notebooks"):
        if (candidate / NOTEBOOK_OF["inventory"]).exists():
            return candidate
    raise ReportError("the report notebooks were not found; set RGPD_RISK_NOTEBOOKS to their folder")


def notebook_path(kind: str) -> Path:
    """Path of the notebook of a report kind."""
    if kind not in NOTEBOOK_OF:
        raise ValueError(f"unknown report kind {kind!r}; expected one of {', '.join(KINDS)}")
    return notebooks_dir() / NOTEBOOK_OF[kind]


def templates_dir() -> Path:
    """Folder of the nbconvert template of the reports."""
    return Path(__file__).resolve().parent / "templates"


# --------------------------------------------------------------------------- parameters

def notebook_parameters(kind: str, *, inventory: Path, organisation: Path | None, lang: str,
                        history: Path | None = None, scan: Path | None = None, seed: int = 0,
                        run_id: str = "", summary: Path | None = None,
                        focus_dataset: str = "", today: dt.date | None = None,
                        scan_dataset: str = "") -> dict[str, object]:
    """The papermill parameters the command line passes to the notebook of ``kind``.

    Every key must be declared in the notebook's ``parameters`` cell (a test checks it with
    :func:`papermill.inspect_notebook`; papermill itself only logs unknown names).

    Examples
    --------
    >>> sorted(notebook_parameters("inventory", inventory=Path("/i.csv"), organisation=None,
    ...                            lang="fr", today=dt.date(2026, 6, 2)))
    ['inventory_path', 'lang', 'organisation_path', 'today']
    """
    params: dict[str, object] = {
        "inventory_path": str(inventory),
        "organisation_path": "" if organisation is None else str(organisation),
        "lang": check_lang(lang),
        "today": "" if today is None else today.isoformat(),
    }
    if kind in ("risk", "board", "discovery"):
        params["seed"] = int(seed)
        params["scan_path"] = "" if scan is None else str(scan)
        params["scan_dataset"] = scan_dataset
    if kind == "risk":
        params["focus_dataset"] = focus_dataset
    if kind == "board":
        params["history_path"] = "" if history is None else str(history)
        params["run_id"] = run_id
        params["summary_path"] = "" if summary is None else str(summary)
    return params


def _not_a_file(path: Path) -> str:
    """Why ``path`` is no input file: "not found", "is a folder" or "is not a regular file"."""
    if not path.exists():
        return "not found"
    return "is a folder" if path.is_dir() else "is not a regular file (a pipe or a device)"


def compute_run_id(inputs: Iterable[Path | None], parameters: dict[str, object] | None = None,
                   *, today: dt.date) -> str:
    """Idempotent run id: ``YYYY-MM-DD-`` (the run's reference date, never the wall clock)
    + 8 hex digits of the inputs' bytes and parameters.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "inv.csv"; _ = p.write_text("x")
    >>> a = compute_run_id([p], {"seed": 0}, today=dt.date(2026, 6, 2))
    >>> a == compute_run_id([p], {"seed": 0}, today=dt.date(2026, 6, 2)), a[:11]
    (True, '2026-06-02-')
    >>> a != compute_run_id([p], {"seed": 1}, today=dt.date(2026, 6, 2))
    True
    """
    h = hashlib.sha256()
    for path in inputs:
        if path is None:
            h.update(b"\0none\0")
            continue
        h.update(Path(path).name.encode() + b"\0")
        if not Path(path).is_file():  # a folder or URL to scan, or what the loader will refuse (a pipe)
            continue
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        h.update(b"\0")
    h.update(json.dumps(parameters or {}, sort_keys=True, default=str).encode())
    return f"{today.isoformat()}-{h.hexdigest()[:8]}"


_RUN_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def check_run_id(run_id: str) -> str:
    """A run id must be a plain folder name (letters, digits, ``.``, ``_``, ``-``).

    Examples
    --------
    >>> check_run_id("2026-06-02-abcd1234")
    '2026-06-02-abcd1234'
    """
    if (not _RUN_ID_RE.match(run_id) or run_id in (LATEST,) or ".." in run_id
            or run_id.casefold() in (HISTORY_FILE.casefold(), LATEST.casefold())):
        raise ValueError(f"invalid run id {run_id!r}: use letters, digits, '.', '_' and '-' only")
    return run_id


# --------------------------------------------------------------------------- execution

def execute_notebook(kind: str, parameters: dict[str, object], output: Path, *,
                     kernel_name: str = "python3", timeout: int = 1800) -> Path:
    """Execute the notebook of ``kind`` with papermill into ``output``.

    Raises
    ------
    ReportError
        Naming the notebook, the failing cell and its error (no traceback).
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    source = notebook_path(kind)
    try:
        pm.execute_notebook(
            str(source), str(output), parameters=parameters, kernel_name=kernel_name,
            cwd=str(source.parent), progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, execution_timeout=timeout,
            # the kernel's own start-up / shutdown log lines are noise for a command-line user
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except PapermillExecutionError as exc:
        evalue = _ANSI.sub("", str(exc.evalue)).strip().splitlines()
        first = evalue[0] if evalue else ""
        raise ReportError(
            f"notebook {source.name} failed in cell {exc.exec_count or exc.cell_index}: "
            f"{exc.ename}: {first}"
        ) from None
    except Exception as exc:  # kernel died, timeout, unreadable notebook
        raise ReportError(f"notebook {source.name} could not be run: "
                          f"{type(exc).__name__}: {_ANSI.sub('', str(exc)).strip()[:300]}") from None
    return output


def _strip_for_report(nb) -> None:
    """Remove what a reader must not see: stderr streams, errors, notebook-only cells."""
    kept = []
    for cell in nb.cells:
        if REMOVE_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if o.get("output_type") != "error"
                            and not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
        kept.append(cell)
    nb.cells = kept


def export_html(ipynb: Path, html_path: Path, *, lang: str = "en", title: str | None = None) -> Path:
    """Export an executed notebook as a self-contained HTML report (no code, no prompts)."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(ipynb), as_version=4)
    _strip_for_report(nb)
    for i, cell in enumerate(nb.cells):  # papermill gives its injected cell a random id
        cell["id"] = f"cell-{i}"
    if title:
        nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME, extra_template_basedirs=[str(templates_dir())],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        language_code=lang,
    )
    body, _ = exporter.from_notebook_node(nb)
    html_path.write_text(stable_ids(body), encoding="utf-8")
    return html_path


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def stable_ids(html_text: str) -> str:
    """Replace the random UUIDs plotly gives its figure divs by ``plot-1``, ``plot-2`` … in
    order of appearance, so that the same report is the same bytes.

    Examples
    --------
    >>> stable_ids('<div id="3e7c4029-1a7e-42dc-a898-a111cda40978"></div>'
    ...            '<script>f("3e7c4029-1a7e-42dc-a898-a111cda40978")</script>')
    '<div id="plot-1"></div><script>f("plot-1")</script>'
    """
    names: dict[str, str] = {}
    return _UUID.sub(lambda m: names.setdefault(m.group(0), f"plot-{len(names) + 1}"), html_text)


def find_chromium() -> str | None:
    """Path of a Chromium / Chrome executable, or ``None``."""
    env = os.environ.get("RGPD_RISK_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(chromium: str, profile_dir: Path, *extra: str) -> list[str]:
    """Headless Chromium command line, isolated from the user's profile and from the network."""
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={profile_dir}", *extra]


PRINT_WINDOW = "900,1600"
"""Window of the headless browser that prints the PDF. Plotly draws a figure at the width of
its container *on screen* and does not redraw it for print; with the default 800-pixel window
the rows of figures collapse to one column (narrow-screen rule) and a figure drawn that wide
was cropped once printed in its half-page column. At 900 px the screen layout has the printed
columns, and the print style's figure zoom (``html.STYLE``: 0.74; compact board: 0.6 / 0.55)
brings each figure within its printed column."""


def export_pdf(html_path: Path, pdf_path: Path, *, timeout: int = 180) -> Path | None:
    """Print an HTML report to PDF with headless Chromium; ``None`` when Chromium is absent."""
    chromium = find_chromium()
    if chromium is None:
        return None
    with tempfile.TemporaryDirectory(prefix="rgpd-chromium-") as profile:
        cmd = chromium_command(chromium, Path(profile), "--run-all-compositor-stages-before-draw",
                               f"--window-size={PRINT_WINDOW}",
                               "--virtual-time-budget=15000", "--no-pdf-header-footer",
                               f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri())
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ReportError(f"Chromium did not print {html_path.name} within {timeout} s") from None
    if proc.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        tail = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        raise ReportError(f"Chromium could not print {html_path.name} to PDF "
                          f"(exit {proc.returncode}): {tail[0][:200]}")
    return pdf_path


# --------------------------------------------------------------------------- atomic layout

def _swap_into_place(tmp: Path, final: Path) -> None:
    """Rename ``tmp`` to ``final``; an existing ``final`` is moved aside first, then removed."""
    old = final.parent / f".{final.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.rename(final, old)
    os.rename(tmp, final)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


_TMP_NAME = re.compile(r"^\.(?P<stem>.+)\.(?P<pid>\d+)\.(?P<token>[A-Za-z0-9_-]+)\.tmp$")


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, another user's (or cannot tell: keep it)
        return True
    return True


def _stale(path: Path, now: float) -> bool:
    """A temporary entry of ``OUT`` whose run is over: its process is gone, it has no process
    id in its name (older versions: ``.<run-id>.tmp``), or it is older than
    :data:`STALE_TMP_SECONDS`."""
    try:
        age = now - path.lstat().st_mtime
    except OSError:
        return False
    if age > STALE_TMP_SECONDS:
        return True
    match = _TMP_NAME.match(path.name)
    if match is None:  # an old-style run folder (no process to ask: a minute's grace), or a file
        return path.is_dir() and not path.is_symlink() and age > 60
    return not _process_alive(int(match["pid"]))


def _recover(out: Path) -> None:
    """Undo a swap interrupted between its two renames; remove stale temporary folders."""
    for old in out.glob(".*.old"):
        final = out / old.name[1:-4]
        if not final.exists():
            os.rename(old, final)
        else:
            shutil.rmtree(old, ignore_errors=True)
    now = time.time()
    for tmp in out.glob(".*.tmp"):
        if not _stale(tmp, now):
            continue
        if tmp.is_symlink() or tmp.is_file():
            tmp.unlink(missing_ok=True)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def _run_lock(out: Path, rid: str) -> Iterator[None]:
    """Hold ``OUT/.<rid>.lock`` for the run; a second run of the same id stops at once."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, unique temporary folders only
        yield
        return
    path = out / f".{rid}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise ReportError(
                f"another run with id {rid} is writing in {out} (process {holder}): wait for it to "
                "finish, or give another --run-id"
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:  # not a file the previous holder has just removed
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        path.unlink(missing_ok=True)  # still held: a newcomer opening it now sees it gone and retries
        os.close(fd)


@contextlib.contextmanager
def _locked_run(out: Path, rid: str, scan_dir: Path | None) -> Iterator[None]:
    """:func:`_run_lock`, and the scan copy made for this run removed in every case (also when
    the lock is refused)."""
    try:
        with _run_lock(out, rid):
            yield
    finally:
        if scan_dir is not None:
            shutil.rmtree(scan_dir, ignore_errors=True)


def _unreadable_history(path: Path) -> str | None:
    """Why the history file cannot be read, or ``None`` (readable, or absent)."""
    try:
        load_history(path)
    except Exception as exc:  # polars raises ComputeError / OSError / SchemaError ...
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}" if str(exc).strip() else type(exc).__name__
    return None


def update_latest(out: Path, run_id: str) -> Path:
    """Point ``OUT/latest`` at ``run_id`` atomically (a relative symlink swapped with os.replace)."""
    link = out / LATEST
    tmp = out / f".{LATEST}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(run_id, tmp, target_is_directory=True)
    os.replace(tmp, link)
    return link


# --------------------------------------------------------------------------- pruning

_KINDS_RE = "|".join(KINDS)
_REPORT_FILE = re.compile(rf"^({_KINDS_RE})_(fr|en)\.(html|ipynb|pdf)$|^risk_register_(fr|en)\.xlsx$")


def _is_run_dir(path: Path) -> bool:
    """A folder written by :func:`run_reports`: a valid run id holding at least one report file."""
    if not path.is_dir() or path.is_symlink() or path.name.startswith(".") or path.name == LATEST:
        return False
    try:
        check_run_id(path.name)
    except ValueError:
        return False
    return any(_REPORT_FILE.match(p.name) for p in path.iterdir())


def run_folders(out: str | Path) -> list[Path]:
    """Run folders of an output folder, most recent first (modification time, then name).

    Other folders (``latest``, hidden temporary ones, folders without a report file such as
    ``test-artifacts``) are not run folders.
    """
    out = Path(out)
    if not out.is_dir():
        return []
    runs = [p for p in out.iterdir() if _is_run_dir(p)]
    return sorted(runs, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def prune_runs(out: str | Path, keep: int) -> list[Path]:
    """Remove the run folders of ``out`` beyond the ``keep`` most recent; return those removed.

    The folder ``OUT/latest`` points to is never removed, even when it is not among the
    ``keep`` most recent (it is then kept in addition). Each folder is first renamed to a
    hidden name, then deleted, so an interrupted prune never leaves a half-deleted folder that
    looks like a run; the history file is left alone (one small row per run, it feeds the
    trend).

    Examples
    --------
    >>> import tempfile, pathlib, os
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> for i, rid in enumerate(["r1", "r2", "r3"]):
    ...     (out / rid).mkdir(); _ = (out / rid / "board_fr.html").write_text("x")
    ...     os.utime(out / rid, (i, i))
    >>> _ = update_latest(out, "r1")
    >>> [p.name for p in prune_runs(out, keep=1)], sorted(p.name for p in out.iterdir())
    (['r2'], ['latest', 'r1', 'r3'])
    """
    if keep < 0:
        raise ValueError(f"keep must be >= 0, got {keep}")
    out = Path(out)
    for stale in out.glob(".*.pruned"):  # a previous prune interrupted after its rename
        shutil.rmtree(stale, ignore_errors=True)
    link = out / LATEST
    protected = link.resolve() if link.is_symlink() else None
    removed = []
    for path in run_folders(out)[keep:]:
        if protected is not None and path.resolve() == protected:
            continue
        hidden = out / f".{path.name}.pruned"
        os.rename(path, hidden)
        shutil.rmtree(hidden, ignore_errors=True)
        removed.append(path)
    return removed


# --------------------------------------------------------------------------- main entry

def expand_kinds(kind: str, *, scan: Path | None = None) -> tuple[str, ...]:
    """Kinds to run for a ``KIND`` argument (``all``: every kind; discovery only with a scan).

    Examples
    --------
    >>> expand_kinds("all"), expand_kinds("board")
    (('inventory', 'risk', 'board'), ('board',))
    """
    if kind == "all":
        return tuple(k for k in KINDS if k != "discovery" or scan is not None)
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}; expected one of {', '.join(KINDS)} or all")
    return (kind,)


def title_of(kind: str, lang: str) -> str:
    """Localised title of a report kind (the HTML ``<title>``)."""
    return t(f"{kind}_title", lang)


def run_reports(kinds: Sequence[str], inventory: str | Path, organisation: str | Path | None = None,
                *, lang: str = "fr", out: str | Path = "reports", pdf: bool = False,
                xlsx: bool = False, run_id: str | None = None, scan: str | Path | None = None,
                seed: int = 0, kernel_name: str = "python3", timeout: int = 1800,
                today: dt.date | None = None, focus_dataset: str = "",
                keep: int | None = None, progress: bool = False,
                scan_dataset: str = "") -> RunResult:
    """Execute report notebooks and write their HTML (and optionally PDF / XLSX) atomically.

    Parameters
    ----------
    kinds : sequence of str
        Among :data:`KINDS` (see :func:`expand_kinds`).
    inventory, organisation : path
        Inputs; ``organisation`` defaults to ``organisation.yaml`` next to the inventory.
    lang : {"fr", "en"}
    out : path
        Output folder (created if needed).
    pdf, xlsx : bool
        Also print each HTML to PDF (headless Chromium; skipped with a message if absent) and
        write the Excel risk register.
    run_id : str, optional
        Overrides the idempotent run id.
    scan : path, optional
        Scan result JSON (``rgpd-risk scan --json``), or a file, folder or database URL to
        scan first (once, seeded). Reconciled with the register row ``scan_dataset`` (or the
        one the scan recorded), its findings are in every report and the Excel register.
    scan_dataset : str, optional
        ``dataset_id`` the scanned data belongs to.
    seed : int
        Seed of the exposure simulation, of the remediation plan and of a scan run here.
    today : datetime.date, optional
        Reference date of every figure, of the run id and of the reports' date line; default:
        today's date, read once here (pass it for reports that are the same bytes any day).
    focus_dataset : str, optional
        ``dataset_id`` the risk report explains (waterfall, EDPB steps); default: the
        highest-risk dataset.
    keep : int, optional
        After a successful run, keep only the ``keep`` most recent run folders
        (:func:`prune_runs`; ``latest``'s target is never removed). ``None``: keep all.
    progress : bool
        Show a progress bar on stderr (one step per notebook, export and workbook) when it is
        a terminal.

    Returns
    -------
    RunResult

    Raises
    ------
    InventoryError
        When the inventory or the organisation profile has errors (before any notebook runs).
    ReportError
        When a notebook fails (naming it and the failing cell) or an export fails; the
        previous run, ``latest`` and the history are untouched.
    """
    started = time.perf_counter()
    check_lang(lang)
    today = today or dt.date.today()  # the one wall-clock read of a run, at its edge
    if keep is not None and keep < 1:
        raise ValueError(f"keep must be >= 1 (the run just written is kept), got {keep}")
    inventory = Path(inventory).resolve()
    if not inventory.is_file():
        raise FileNotFoundError(f"inventory {_not_a_file(inventory)}: {inventory}")
    org_path = None if organisation is None else Path(organisation).resolve()
    if org_path is None:
        for name in ("organisation.yaml", "organisation.yml", "organization.yaml", "organization.yml"):
            if (inventory.parent / name).exists():
                org_path = inventory.parent / name
                break
    if org_path is not None and not org_path.is_file():
        raise FileNotFoundError(f"organisation profile {_not_a_file(org_path)}: {org_path}")
    scan_text = None if scan is None else str(scan)
    is_url = scan_text is not None and "://" in scan_text
    scan_path = None if scan is None or is_url else Path(scan).resolve()
    if scan_path is not None and not scan_path.exists():
        raise FileNotFoundError(f"scan result not found: {scan_path}")
    for kind in kinds:
        notebook_path(kind)  # unknown kinds / missing notebooks fail before any work
    # validate the inputs in-process first: an InventoryError lists every problem (file, row,
    # column, value) instead of the notebook's first line of it
    inv = load_inventory(inventory, org_path)

    out = Path(out).resolve()
    if out.exists() and not out.is_dir():
        raise ReportError(f"--out {out} is a file, not a folder: give a folder for the reports")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create the output folder {out}: {exc.strerror or type(exc).__name__}") from None
    _recover(out)
    messages: list[str] = []
    scan_dir = None
    if scan_text is not None:
        # read (or run, once, seeded) the scan here: the notebooks then read the same JSON
        result, paired = scan_input(scan_text, scan_dataset, seed=seed, today=today)
        if paired is not None and paired.dataset_id not in set(inv.frame["dataset_id"].to_list()):
            raise ValueError(f"scan dataset {paired.dataset_id!r} is not in {inventory}")
        if paired is None:
            messages.append("the scan is not reconciled with the register (no dataset id): only "
                            "the discovery report shows it; give --scan-dataset ID")
        if scan_path is None or scan_path.suffix.lower() != ".json" or scan_path.is_dir():
            scan_dir = Path(tempfile.mkdtemp(prefix=f".scan.{os.getpid()}.", suffix=".tmp", dir=out))
            scan_path = scan_dir / "scan.json"
            result.to_json(scan_path)
    id_params: dict[str, object] = {"seed": seed}
    if focus_dataset:  # changes the risk report's content, so it is part of the run id
        id_params["focus_dataset"] = focus_dataset
    if scan_dataset:
        id_params["scan_dataset"] = scan_dataset
    rid = check_run_id(run_id) if run_id else compute_run_id(
        [inventory, org_path, scan_path], id_params, today=today)
    final = out / rid
    with _locked_run(out, rid, scan_dir):  # the whole write, up to latest: one run of an id at a time
        tmp = Path(tempfile.mkdtemp(prefix=f".{rid}.{os.getpid()}.", suffix=".tmp", dir=out))
        history_path = out / HISTORY_FILE
        history_problem = _unreadable_history(history_path)
        if history_problem is not None:
            messages.append(f"the history file {history_path} cannot be read ({history_problem}): the reports "
                            "show no trend and this run is not recorded in it; move it away to start a new one")
        written: list[str] = []
        timings: dict[str, float] = {}
        summaries: list[Path] = []
        try:
            if final.is_dir():  # keep the other kinds / languages already produced for this run id
                for item in final.iterdir():
                    if item.is_file():
                        shutil.copy2(item, tmp / item.name)
            with progress_bar(f"reports ({lang})", progress) as bar:
                task = bar.add_task("", total=len(kinds) * (2 + pdf) + xlsx)
                for i, kind in enumerate(kinds):
                    t0 = time.perf_counter()
                    stem = f"{kind}_{lang}"
                    bar.update(task, description=f"{kind}: notebook")
                    summary = tmp / f".{stem}.summary.json" if kind == "board" else None
                    params = notebook_parameters(kind, inventory=inventory, organisation=org_path, lang=lang,
                                                 history=None if history_problem else history_path,
                                                 scan=scan_path, seed=seed,
                                                 run_id=rid, summary=summary, focus_dataset=focus_dataset,
                                                 today=today, scan_dataset=scan_dataset)
                    ipynb = execute_notebook(kind, params, tmp / f"{stem}.ipynb",
                                             kernel_name=kernel_name, timeout=timeout)
                    bar.update(task, advance=1, description=f"{kind}: HTML")
                    html_path = export_html(ipynb, tmp / f"{stem}.html", lang=lang, title=title_of(kind, lang))
                    bar.advance(task)
                    written += [ipynb.name, html_path.name]
                    if pdf:
                        bar.update(task, description=f"{kind}: PDF")
                        done = export_pdf(html_path, tmp / f"{stem}.pdf")
                        bar.advance(task)
                        if done is None:  # no Chromium: no PDF for the other kinds either
                            bar.update(task, total=bar.tasks[0].total - (len(kinds) - 1 - i))
                            messages.append("PDF skipped: Chromium was not found (install chromium or set "
                                            "RGPD_RISK_CHROMIUM).")
                            pdf = False
                        else:
                            written.append(done.name)
                    if summary is not None and summary.exists():
                        summaries.append(summary)
                    timings[kind] = time.perf_counter() - t0
                if xlsx:
                    bar.update(task, description="Excel")
                    run = notebook_run(inventory, org_path or "", scan_path or "", scan_dataset,
                                       today=today, seed=seed)
                    book = write_risk_register(tmp / f"risk_register_{lang}.xlsx", run, lang=lang)
                    written.append(book.name)
                    bar.advance(task)
            records = [json.loads(s.read_text(encoding="utf-8")) for s in summaries]
            for summary in summaries:
                summary.unlink()
            _swap_into_place(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        # the run folder is in place; then the history (its own atomic write), then latest
        if records and history_problem is None:
            for record in records:
                record_run(history_path, record)
        update_latest(out, rid)
        # the new run is in place and latest points to it: only now may older runs go
        pruned = tuple(prune_runs(out, keep)) if keep is not None else ()
        seen: dict[str, None] = dict.fromkeys(written)
        paths = tuple(final / name for name in seen)
        return RunResult(rid, final, paths, tuple(messages), time.perf_counter() - started, timings,
                         pruned)
