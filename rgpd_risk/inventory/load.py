"""``load_inventory``: one entry point for every inventory format, and its twin ``write_inventory``."""

from __future__ import annotations

import datetime as dt
import os
import shlex
from pathlib import Path

import polars as pl

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.atomic import atomic_path
from rgpd_risk.inventory import importers, readers
from rgpd_risk.inventory.categories import read_mapping
from rgpd_risk.inventory.issues import InventoryError, Issue
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.normalise import Normaliser, header_lookup
from rgpd_risk.inventory.organisation import Organisation, load_organisation
from rgpd_risk.inventory.schema import INVENTORY_SCHEMA, LIST_COLUMNS, REQUIRED_COLUMNS

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
ORGANISATION_FILES = ("organisation.yaml", "organisation.yml", "organization.yaml", "organization.yml")


def _raw_table(path: Path, sheet: str | None = None) -> readers.RawTable:
    suffix = path.suffix.lower()
    if path.is_dir() or not path.exists():
        readers.read_bytes(path)  # raises the plain "is a folder" / "file not found" error
    if suffix in CSV_SUFFIXES:
        return readers.read_csv(path)
    if suffix in readers.SPREADSHEET_SUFFIXES:
        return _workbook_table(path, readers.read_sheets(path), sheet)
    if suffix == ".parquet":
        return readers.read_parquet(path)
    if suffix in (".json", ".yaml", ".yml"):
        document = readers.read_json(path) if suffix == ".json" else readers.read_yaml(path)
        fmt = "json" if suffix == ".json" else "yaml"
        if importers.is_fides(document):
            return importers.fides_table(path, document)
        if importers.is_usegalaxy(document):
            return importers.usegalaxy_table(path, document)
        if isinstance(document, dict) and isinstance(document.get("datasets"), list):
            document = document["datasets"]
        if isinstance(document, list):
            return readers.records_table(path, document, fmt)
        raise importers.fail_unknown_document(path, fmt.upper())
    raise InventoryError(
        [
            Issue.error(
                path,
                None,
                None,
                None,
                f"unsupported file type '{suffix or '(none)'}'",
                "CSV, XLSX, ODS, Parquet, JSON or YAML",
            )
        ]
    )


def _header_score(rows: list[list[object]]) -> int:
    """How many required columns the first non-empty row of a sheet names."""

    lookup = header_lookup()
    for row in rows[:20]:
        cells = [taxonomy.normalise(str(c)) for c in row if c not in (None, "")]
        if cells:
            return len({lookup.get(c) for c in cells} & set(REQUIRED_COLUMNS))
    return 0


def _workbook_table(path: Path, sheets: list[readers.Sheet], wanted: str | None) -> readers.RawTable:
    """Pick the register sheet: the one named by ``sheet``, else the visible sheet whose
    header names the required columns. Hidden sheets are never read unless named; every
    sheet not read is listed in the notes."""
    fmt = path.suffix.lower().lstrip(".")
    names = [s.name for s in sheets]
    if wanted is not None:
        chosen = next((s for s in sheets if s.name == wanted), None) or next(
            (s for s in sheets if s.name.casefold() == wanted.casefold()), None
        )
        if chosen is None:
            raise InventoryError(
                [Issue.error(path, None, None, wanted, "no such sheet", "one of " + ", ".join(repr(n) for n in names))]
            )
        candidates = [chosen]
    else:
        visible = [s for s in sheets if not s.hidden]
        by_rows = {s.name: s.rows for s in visible}
        if visible and importers.is_cnil_register(by_rows):
            table = importers.cnil_table(path, by_rows)
            table.notes.extend(f"hidden sheet {s.name!r} not read" for s in sheets if s.hidden)
            return table
        scored = [(s, _header_score(s.rows)) for s in visible]
        best = max((score for _, score in scored), default=0)
        hidden = [(s, _header_score(s.rows)) for s in sheets if s.hidden]
        hidden_best = max((score for _, score in hidden), default=0)
        if hidden_best > best == 0:  # the register is there, but hidden: say so, not "no datasets" elsewhere
            register = next(s for s, score in hidden if score == hidden_best)
            others = "no sheet of the workbook is visible" if not visible else (
                "no visible sheet (" + ", ".join(repr(v.name) for v in visible) + ") names the register's columns")
            raise InventoryError(
                [Issue.error(path, None, None, None,
                             f"the register sheet {register.name!r} is hidden and was not read ({others})",
                             f"a visible register sheet: read this one with --sheet {shlex.quote(register.name)}, "
                             "or unhide it in the workbook")]
            )
        candidates = [s for s, score in scored if score == best and score > 0] or visible[:1]
        if not candidates:
            raise InventoryError(
                [Issue.error(path, None, None, None, "every sheet of the workbook is hidden",
                             "a visible register sheet, or name it with --sheet")]
            )
    chosen = candidates[0]
    table = readers.table_from_rows(path, chosen.rows, fmt, chosen.name)
    table.issues[:0] = chosen.issues
    for s in sheets:
        if s is chosen:
            continue
        if wanted is not None:  # the user chose: the others were not even considered
            hidden_word = "hidden sheet" if s.hidden else "sheet"
            table.notes.append(f"{hidden_word} {s.name!r} not read (--sheet named sheet {chosen.name!r})")
        elif s.hidden:
            table.notes.append(f"hidden sheet {s.name!r} not read (name it with --sheet to use it)")
        elif s in candidates:
            table.issues.append(
                Issue.warning(path, None, None, s.name,
                              f"sheet {s.name!r} also looks like a register and was not read; "
                              f"sheet {chosen.name!r} was", "one register sheet, or name it with --sheet")
            )
        else:
            table.notes.append(f"sheet {s.name!r} not read (its header does not name the register's columns)")
    return table


def _organisation(
    org: Organisation | dict | str | Path | None, path: Path | None
) -> tuple[Organisation | None, str | None]:
    if isinstance(org, Organisation) or org is None and path is None:
        return org, None
    if isinstance(org, dict):
        return Organisation(**org), None
    if org is not None:
        return load_organisation(org), None
    for name in ORGANISATION_FILES:
        candidate = path.parent / name
        if candidate.exists():
            return load_organisation(
                candidate
            ), f"organisation profile read from {candidate.name} next to the inventory"
    return None, None


def load_inventory(
    source: str | Path | pl.DataFrame,
    organisation: Organisation | dict | str | Path | None = None,
    *,
    today: dt.date | None = None,
    strict: bool = False,
    mapping: str | Path | dict[str, str] | None = None,
    sheet: str | None = None,
) -> Inventory:
    """Load an inventory from any supported format, validating every cell.

    Parameters
    ----------
    source : path or DataFrame
        A file — CSV (``,`` or ``;``; UTF-8, UTF-8 with BOM, Windows-1252), XLSX, ODS (the
        CNIL simplified register is recognised), Parquet, JSON (a list of datasets or a Fides
        data map), YAML (a list of datasets or a UseGalaxy register) — or a polars / pandas
        DataFrame. Headers may be the canonical names of ``docs/inventory_schema.md`` or their
        French / English equivalents ("Finalité", "Base légale", "Durée de conservation" …).
    organisation : Organisation, dict or path, optional
        The controller's profile. When omitted, ``organisation.yaml`` next to the inventory
        is used if present.
    today : datetime.date, optional
        Reference date for "date in the future" checks (default: today).
    strict : bool, default False
        Turn the warnings about values the loader had to interpret — unmapped data
        categories, ambiguous numbers, a "sensitive data?" answer that contradicts the
        categories, a transfer without a country — into errors.
    mapping : path or dict, optional
        The user's category mapping (``label,category`` CSV, see
        :func:`rgpd_risk.inventory.categories.read_mapping`, or a dict label → key), applied
        before the built-in synonyms.
    sheet : str, optional
        The workbook sheet holding the register (XLSX / ODS). By default the visible sheet
        whose header matches the schema is used; hidden sheets are never read silently.

    Returns
    -------
    Inventory
        ``frame`` follows :data:`rgpd_risk.inventory.schema.INVENTORY_SCHEMA`:

        ======================  ============  ==========================================
        column                  type          meaning (see docs/inventory_schema.md)
        ======================  ============  ==========================================
        dataset_id              str           unique id (required)
        name                    str           processing activity (required)
        data_categories         list[str]     taxonomy keys (required)
        purpose, legal_basis    str           Art. 30(1)(b), Art. 6(1) key
        data_subjects           list[str]     subject keys
        subject_count           int           people concerned (null = unknown)
        retention_text / _months / _event / _status   as written, parsed
        recipients, processors, third_countries, transfer_safeguard
        security_measures, planned_measures           Art. 32 measure keys
        booleans                bool          dpia_done, consent_proof, privacy_notice,
                                              rights_*, profiling, … (pessimistic defaults)
        source_row              int           row of the source file
        ======================  ============  ==========================================

    Raises
    ------
    InventoryError
        With *every* problem found (file, row, column, value, expectation).

    Examples
    --------
    >>> import polars as pl
    >>> inv = load_inventory(pl.DataFrame({"dataset_id": ["crm"], "name": ["CRM"],
    ...                                    "Catégories de données": ["Coordonnées | Nom"],
    ...                                    "Durée de conservation": ["3 ans après le dernier contact"]}))
    >>> inv.frame.select("data_categories", "retention_months").row(0)
    (['contact', 'identity'], 36.0)
    """
    path: Path | None = None
    if isinstance(mapping, (str, os.PathLike)):
        mapping = read_mapping(mapping)
    elif mapping is not None:
        mapping = {taxonomy.normalise(str(k)): v for k, v in mapping.items()}
        bad = sorted(set(mapping.values()) - taxonomy.keys("category"))
        if bad:
            raise InventoryError(
                [Issue.error("<mapping>", None, "category", ", ".join(bad), "not a category key",
                             ", ".join(sorted(taxonomy.keys("category"))))]
            )
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        raw = _raw_table(path, sheet)
    else:
        frame = source if isinstance(source, pl.DataFrame) else pl.from_pandas(source)
        raw = readers.frame_table(Path("<frame>"), frame)
    org, org_note = _organisation(organisation, path)
    normaliser = Normaliser(raw, today=today, strict=strict, mapping=mapping)
    frame, defaults = normaliser.run()
    issues = normaliser.issues
    if any(i.level == "error" for i in issues):
        raise InventoryError(issues)
    notes = tuple(raw.notes) + tuple(normaliser.notes) + ((org_note,) if org_note else ())
    return Inventory(
        frame, org, tuple(issues), defaults, str(path or "<frame>"), raw.format if path else "frame", notes
    )


def write_inventory(inventory: Inventory | pl.DataFrame, path: str | Path) -> Path:
    """Write an inventory in the native format of its suffix (CSV, Parquet, JSON), atomically.

    CSV cells of list columns are joined with ``|``; reading the file back with
    :func:`load_inventory` gives the same frame. The file is written next to its target
    and renamed into place, so an interrupted write leaves any previous file intact.
    """
    frame = inventory.frame if isinstance(inventory, Inventory) else inventory
    path = Path(path)
    frame = frame.select(list(INVENTORY_SCHEMA)).drop("source_row")
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".json", ".csv"):
        raise ValueError(f"cannot write an inventory as '{suffix}'; use .csv, .parquet or .json")
    with atomic_path(path) as tmp:
        if suffix == ".parquet":
            frame.write_parquet(tmp)
        elif suffix == ".json":
            frame.write_json(tmp)
        else:
            frame.with_columns(pl.col(c).list.join("|") for c in LIST_COLUMNS).write_csv(tmp)
    return path
