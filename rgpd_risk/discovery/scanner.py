"""``scan``: find personal data in files, folders and databases.

Each table (file, sheet or database table) is one task: sample it (in the database for
SQL sources, streaming for files), profile every column, classify, then summarise with
counts, Wilson intervals and masked examples. Tasks run in the calling process, in a
local process pool, or on a Dask cluster; the result is the same.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from rgpd_risk.console import progress_bar
from rgpd_risk.discovery.classifier import (
    THINGS_BY_DEFAULT,
    coordinate_like,
    decide,
    latitude_like,
    load_model,
    reads_as_people,
)
from rgpd_risk.discovery.database import (
    database_units,
    is_database_url,
    iter_table_batches,
    read_table_sample,
)
from rgpd_risk.discovery.detectors import (
    clean_values,
    entity_mask,
    parse_dates,
    profile_column,
    shape_stats,
)
from rgpd_risk.discovery.headers import header_entity, person_header, rows_are_things, table_subject
from rgpd_risk.discovery.masking import (
    header_like,
    mask_value,
    masked_name,
    personal_name,
    shaped_like_values,
    value_like_name,
)
from rgpd_risk.discovery.result import COLUMNS_SCHEMA, ERRORS_SCHEMA, ScanResult
from rgpd_risk.discovery.sources import (
    ScanError,
    ScanUnit,
    file_units,
    folder_units,
    iter_batches,
    read_sample,
)
from rgpd_risk.discovery.stats import KMVSketch, gee_distinct, wilson_interval
from rgpd_risk.discovery.vocabulary import category_of, is_offence_data, is_special_category, scoring_entity

#: Entities whose match is confirmed by a library checksum or validator.
CHECKSUM_ENTITIES = frozenset({"iban", "credit_card", "nir", "national_id", "siren_siret", "phone", "tax_id"})
#: Below this many units the pool's start-up cost outweighs its gain.
POOL_MIN_UNITS = 4
N_EXAMPLES = 3


@dataclass(frozen=True)
class ScanOptions:
    """Parameters of one table task (picklable, sent to workers)."""

    sample: int = 10_000
    full: bool = False
    seed: int = 0
    today: date | None = None


def _examples(entity: str, s: pl.Series, mask: pl.Series) -> list[str]:
    pool = s.filter(mask) if mask.any() else s
    picked = pool.unique(maintain_order=True).head(N_EXAMPLES).to_list()
    out: list[str] = []
    for v in picked:
        m = mask_value(entity, v)
        if m and m not in out:
            out.append(m)
    return out


def _evidence(entity: str, header: str, match_share: float) -> list[str]:
    ev = []
    h_entity, _ = header_entity(header)
    if h_entity is not None and scoring_entity(h_entity) == scoring_entity(entity):
        ev.append("header")
    if match_share >= 0.5 and entity not in {"identifier", "not_personal"}:
        ev.append("checksum" if entity in CHECKSUM_ENTITIES else "pattern")
    ev.append("classifier")
    return ev


def classify_frame(
    frame: pl.DataFrame, *, today: date | None = None, table: str = ""
) -> list[tuple[str, float, dict[str, float]]]:
    """Classify every column of a sampled frame: (entity, confidence, features). ``table``, the name
    of the table (file name, sheet, database table), may say whether its rows are people or things
    (:func:`~rgpd_risk.discovery.headers.table_subject`).

    Examples
    --------
    >>> df = pl.DataFrame({"email": ["a.b@exemple.fr", "c.d@test.com"]})
    >>> classify_frame(df)[0][0]
    'email'
    """
    if frame.width == 0:
        return []
    feats = [profile_column(frame[c], c, today=today) for c in frame.columns]
    classes, proba = load_model().predict_proba(feats)
    stats = [shape_stats(frame[c]) for c in frame.columns]
    # coordinates come in pairs: a headerless coordinate-like column needs a partner column
    coord = [coordinate_like(st) for st in stats]
    lat = [latitude_like(st) for st in stats]
    n_coord, n_lat = sum(coord), sum(lat)
    # in a table of things (stations, restaurants, municipalities) places, codes and names are theirs
    things = float(rows_are_things(frame.columns, table))
    subject = table_subject(table)
    about = [float(person_header(c, names=subject != "things")) for c in frame.columns]

    def decisions(thing_table: float, people_table: float) -> list[tuple[str, float, dict[str, float]]]:
        out = []
        for i, (f, p) in enumerate(zip(feats, proba, strict=True)):
            if f["non_null_share"] == 0.0:
                out.append(("not_personal", 0.0, f))
                continue
            paired = coord[i] and n_coord >= 2 and (lat[i] or n_lat - lat[i] > 0)
            table = {"coord_pair": float(paired), "thing_table": thing_table, "about_person": about[i],
                     "people_table": people_table}
            entity, conf = decide(classes, p, {**f, **stats[i], **table})
            out.append((entity, conf, f))
        return out

    out = decisions(things, float(subject == "people"))
    if things or subject == "people":
        return out
    if reads_as_people(out, about):
        # the columns say the rows are people: a weak header about a person means what it says
        return decisions(0.0, 1.0)
    # no column says the rows are people: the places, codes and names are those of things
    return decisions(THINGS_BY_DEFAULT, 0.0)


def shown_names(frame: pl.DataFrame, entities: Sequence[str], *, from_file: bool = True) -> list[str]:
    """The column names as outputs show them: a name that is a value is masked like a value.

    A name is a value when it has a value's form (an e-mail, a phone number, a person's name,
    a date ... :func:`~rgpd_risk.discovery.masking.personal_name`) or, in a personal column,
    when it is one of the column's own values or has their word shape
    (:func:`~rgpd_risk.discovery.masking.shaped_like_values`: "Xóchitl Ngata" over other
    people's names), as when a file's first data row was taken for its header. In a file
    (``from_file``; a database's column names are never a data row), when a personal column's
    name is a value of that column's kind, the header row is data: every other name that is
    neither a known header phrase nor made of header words is masked too.

    Examples
    --------
    >>> df = pl.DataFrame({"Dupont": ["Martin", "Durand", "Dupont"], "a@b.fr": ["x@y.fr", "z@t.fr", "u@v.fr"],
    ...                    "ville": ["Lyon", "Paris", "Nice"]})
    >>> shown_names(df, ["last_name", "email", "city"])
    ['column 1 (D***)', 'column 2 (a***@***.fr)', 'ville']
    >>> df = pl.DataFrame({"Xóchitl Ngata": ["Ana Lima", "Li Wei"], "42": ["7", "9"], "ville": ["Lyon", "Nice"]})
    >>> shown_names(df, ["person_name", "not_personal", "city"])
    ['column 1 (X*** N***)', 'column 2 (99)', 'ville']
    """
    kinds: list[str | None] = []
    header_is_data = False
    for column, entity in zip(frame.columns, entities, strict=True):
        kind = personal_name(column)
        if category_of(entity) is not None and header_entity(column)[0] is None:
            values = frame[column].cast(pl.Utf8, strict=False).drop_nulls().str.strip_chars()
            name = column.strip().casefold()
            if (name and (values.str.to_lowercase() == name).any()) or shaped_like_values(column, values):
                kind, header_is_data = entity, True
            elif kind is not None and kind == value_like_name(column):
                header_is_data = True  # an e-mail, a date ... over a personal column
        kinds.append(kind)
    header_is_data = header_is_data and from_file
    out = []
    for i, (column, entity, kind) in enumerate(zip(frame.columns, entities, kinds, strict=True), start=1):
        if kind is None and header_is_data and not header_like(column):
            kind = entity
        out.append(column if kind is None else masked_name(column, i, kind))
    return out


def shown_table(unit: ScanUnit) -> tuple[str, str]:
    """The source and table names as outputs show them: a table, file or folder named after a
    person ("Jean Dupont/contrat.csv" in a drive with a folder per employee) or a person's
    e-mail, phone number ... is masked.

    Examples
    --------
    >>> shown_table(ScanUnit("db", "sqlite:///x.db", "jean.dupont@exemple.fr"))
    ('sqlite:///x.db', 'table (j***@***.fr)')
    >>> shown_table(ScanUnit("csv", "rh/Jean Dupont/contrat.csv", "contrat.csv"))
    ('rh/folder (J*** D***)/contrat.csv', 'contrat.csv')
    >>> shown_table(ScanUnit("csv", "rh/Jean Dupont/contrat.csv", "Jean Dupont/contrat.csv"))[1]
    'folder (J*** D***)/contrat.csv'
    """
    source, table = unit.source, unit.table
    if unit.kind != "db":
        source, table = _masked_folders(source), _masked_folders(table)
    name = table.rsplit(".", 1)[-1] if unit.kind == "db" else table
    stem = Path(name).stem if unit.kind != "db" else name
    if personal_name(table):  # the whole name ("jean.dupont@exemple.fr"), dots included
        name = stem = table
    kind = personal_name(name) or personal_name(stem)
    if kind is None:
        return source, table
    shown = masked_name(name, None, kind, kind="table")
    return source.replace(name, shown), table.replace(name, shown)


def _masked_folders(path: str) -> str:
    """A file path as shown: each folder named after a person or a value is masked."""
    parts = Path(path).parts
    folders = [_masked_folder(p) for p in parts[:-1]]
    return path if folders == list(parts[:-1]) else str(Path(*folders, *parts[-1:]))


def _masked_folder(part: str) -> str:
    entity = personal_name(part)
    return part if entity is None else masked_name(part, None, entity, kind="folder")


def _date_range(entity: str, s: pl.Series) -> tuple[date | None, date | None]:
    if entity != "date" or len(s) == 0:  # not for birth dates: one person's value
        return None, None
    parsed = parse_dates(s).drop_nulls()
    parsed = parsed.filter(parsed.dt.year().is_between(1, 9999))  # year 0 has no Python date
    if len(parsed) == 0:
        return None, None
    return parsed.min(), parsed.max()  # type: ignore[return-value]


def _row(
    unit: ScanUnit,
    column: str,
    shown: str,
    entity: str,
    conf: float,
    matched: int,
    n_rows: int,
    n_non_null: int,
    examples: list[str],
    dmin: date | None,
    dmax: date | None,
    distinct: int,
) -> dict[str, Any]:
    share = matched / n_non_null if n_non_null else 0.0
    low, high = wilson_interval(matched, n_non_null)
    source, table = shown_table(unit)
    return {
        "source": source,
        "table": table,
        "column": shown,
        "entity": entity,
        "category": category_of(entity),
        "is_special_category": is_special_category(entity),
        "is_offence_data": is_offence_data(entity),
        "confidence": conf,
        "match_share": round(share, 4),
        "match_share_low": round(low, 4),
        "match_share_high": round(high, 4),
        "n_sampled": n_rows,
        "n_non_null": n_non_null,
        "evidence": _evidence(entity, column, share),
        "examples": examples,
        "date_min": dmin,
        "date_max": dmax,
        "distinct_estimate": distinct,
    }


def scan_unit(unit: ScanUnit, options: ScanOptions) -> pl.DataFrame:
    """Scan one table (the task run locally, in a pool or on a Dask worker)."""
    if unit.problem:
        raise ScanError(unit.problem)
    if unit.kind == "db":
        frame, total = read_table_sample(unit, options.sample, options.seed)
    else:
        frame, total = read_sample(unit, options.sample, options.seed)
    decisions = classify_frame(frame, today=options.today, table=unit.table)
    shown = shown_names(frame, [d[0] for d in decisions], from_file=unit.kind != "db")
    names = dict(zip(frame.columns, shown, strict=True))
    rows = []
    if not options.full:
        for column, (entity, conf, _f) in zip(frame.columns, decisions, strict=True):
            s = clean_values(frame[column])
            mask = entity_mask(entity, s)
            dmin, dmax = _date_range(entity, s)
            rows.append(
                _row(
                    unit,
                    column,
                    names[column],
                    entity,
                    conf,
                    int(mask.sum()),
                    frame.height,
                    len(s),
                    _examples(entity, s, mask),
                    dmin,
                    dmax,
                    gee_distinct(s, total),
                )
            )
        return pl.DataFrame(rows, schema=COLUMNS_SCHEMA)
    # Full scan: the entity comes from the sample; counts, matches (vectorised patterns),
    # distinct counts (KMV sketch) and date ranges come from every row.
    entities = {c: d[0] for c, d in zip(frame.columns, decisions, strict=True)}
    acc = {c: {"n": 0, "nn": 0, "match": 0, "sketch": KMVSketch(), "min": None, "max": None} for c in frame.columns}
    batches = iter_table_batches(unit) if unit.kind == "db" else iter_batches(unit)
    for batch in batches:
        for column in frame.columns:
            if column not in batch.columns:
                continue
            a = acc[column]
            s = clean_values(batch[column])
            a["n"] += batch.height
            a["nn"] += len(s)
            a["match"] += int(entity_mask(entities[column], s, checksums=False).sum())
            a["sketch"].update(s)
            lo, hi = _date_range(entities[column], s)
            if lo is not None:
                a["min"] = lo if a["min"] is None else min(a["min"], lo)
                a["max"] = hi if a["max"] is None else max(a["max"], hi)
    for column, (entity, conf, _f) in zip(frame.columns, decisions, strict=True):
        a = acc[column]
        s = clean_values(frame[column])
        mask = entity_mask(entity, s)
        rows.append(
            _row(
                unit,
                column,
                names[column],
                entity,
                conf,
                a["match"],
                a["n"],
                a["nn"],
                _examples(entity, s, mask),
                a["min"],
                a["max"],
                a["sketch"].estimate(),
            )
        )
    return pl.DataFrame(rows, schema=COLUMNS_SCHEMA)


def _task(unit: ScanUnit, options: ScanOptions) -> tuple[pl.DataFrame | None, str | None]:
    try:
        return scan_unit(unit, options), None
    except ScanError as exc:
        return None, str(exc)


def resolve_units(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], schema: str | None = None
) -> list[ScanUnit]:
    """Turn a source (file, folder, database URL or a list of them) into table units.

    Raises
    ------
    ScanError
        If a path does not exist or a database cannot be listed.
    """
    if isinstance(source, list | tuple):
        return [u for s in source for u in resolve_units(s, schema)]
    if is_database_url(source):
        return database_units(str(source), schema)
    path = Path(source)
    if not path.exists():
        raise ScanError(
            f"{path}: no such file or folder (expected a CSV, Parquet, XLSX or "
            "JSON-lines file, a folder of them, or a database URL)"
        )
    return folder_units(path) if path.is_dir() else file_units(path)


def scan(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    sample: int = 10_000,
    full: bool = False,
    seed: int = 0,
    schema: str | None = None,
    workers: int | None = None,
    dask_scheduler: str | None = None,
    progress: bool = True,
    today: date | None = None,
) -> ScanResult:
    """Find personal data in files, folders or databases.

    Parameters
    ----------
    source
        A CSV (any of ``,`` ``;`` tab ``|``; utf-8, utf-8-sig or cp1252), Parquet, XLSX or
        JSON-lines file, a folder of them (recursive), a SQLAlchemy database URL
        (PostgreSQL, SQLite, DuckDB; every table, read-only), or a list of these.
    sample
        Rows sampled per table (seeded; drawn inside the database for SQL sources).
    full
        Also read every row to count values, matches, distinct values and date ranges
        (the entity is still decided on the sample).
    seed
        Sampling seed: the same seed gives the same result.
    schema
        Database schema to scan (default: every non-system schema).
    workers
        Local processes. ``None``: one per core when there are at least
        :data:`POOL_MIN_UNITS` tables, else in-process. ``1``: always in-process.
    dask_scheduler
        Address of a Dask scheduler (``tcp://host:8786``): run the per-table tasks there.
    progress
        Show a rich progress bar (only when stderr is a terminal).
    today
        Reference date for age-like features (default: today).

    Returns
    -------
    ScanResult
        One row per column; unreadable tables of a folder or database in ``errors``.

    Raises
    ------
    ScanError
        If the source does not exist, or a single-file source cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "clients.csv"
    >>> _ = p.write_text("courriel;ville\\njean.dupont@exemple.fr;Lyon\\nmarie.durand@test.fr;Paris\\n"
    ...              "luc.petit@test.fr;Nantes\\nzoe.roux@test.fr;Rennes\\n")
    >>> r = scan(p, progress=False)
    >>> r.columns.select("column", "entity", "category").rows()
    [('courriel', 'email', 'contact'), ('ville', 'city', 'contact')]
    >>> r.columns["examples"][0].to_list()
    ['j***@***.fr', 'm***@***.fr', 'l***@***.fr']
    """
    if isinstance(sample, bool) or not isinstance(sample, int) or sample < 1:
        raise ScanError(f"sample must be a positive whole number of rows (got {sample!r})")
    units = resolve_units(source, schema)
    options = ScanOptions(sample=sample, full=full, seed=seed, today=today)
    single_file = not isinstance(source, list | tuple) and not is_database_url(source) and not Path(source).is_dir()
    if workers is None:
        workers = min(os.cpu_count() or 1, len(units)) if len(units) >= POOL_MIN_UNITS else 1
    results: list[tuple[pl.DataFrame | None, str | None]] = []
    with progress_bar("scanning", progress) as bar:
        task = bar.add_task("", total=len(units))
        if dask_scheduler:
            from distributed import Client

            with Client(dask_scheduler) as client:
                futures = client.map(_task, units, [options] * len(units), pure=False)
                for fut in futures:
                    results.append(fut.result())
                    bar.advance(task)
        elif workers > 1 and len(units) > 1:
            ctx = multiprocessing.get_context("spawn")  # polars is not fork-safe
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                for res in pool.map(_task, units, [options] * len(units)):
                    results.append(res)
                    bar.advance(task)
        else:
            for unit in units:
                bar.update(task, description=shown_table(unit)[1])
                results.append(_task(unit, options))
                bar.advance(task)
    frames, errors = [], []
    for unit, (frame, error) in zip(units, results, strict=True):
        if error is not None:
            source, table = shown_table(unit)
            error = error.replace(unit.source, source).replace(unit.table, table)
            if single_file:
                raise ScanError(error)
            errors.append({"source": source, "table": table, "error": error})
        elif frame is not None:
            frames.append(frame)
    columns = pl.concat(frames) if frames else pl.DataFrame(schema=COLUMNS_SCHEMA)
    params = {
        "sample": sample,
        "full": full,
        "seed": seed,
        "schema": schema,
        "scanned_on": (today or date.today()).isoformat(),
    }
    return ScanResult(columns=columns, errors=pl.DataFrame(errors, schema=ERRORS_SCHEMA), parameters=params)
