"""One pipeline: inventory → (scans reconciled) → assessment → exposure → plan, in one call.

Every consumer — the ``rgpd-risk`` commands, the report notebooks, the Excel register — calls
:func:`run` and reads the immutable :class:`Run` it returns, so the data flow is written
once. ``today`` and ``seed`` are required and threaded through every step (retention
overruns, adequacy decisions in force, the scan reconciliation, the exposure simulation, the
plan): the same inputs, date and seed give the same figures on any day.

Scans feed the whole flow: each ``(scan, dataset_id)`` pair is reconciled with the register
(:func:`rgpd_risk.discovery.reconcile`, ``source == "discovery"``) and the findings join the
assessment (``assess(extra_findings=)``), hence the exposure, the plan and every report.

Examples
--------
>>> import datetime as dt
>>> from rgpd_risk.inventory.schema import frame_from_records
>>> inv = frame_from_records([{"dataset_id": "hr", "name": "HR", "subject_count": 50,
...     "data_categories": ["identity", "health"], "legal_basis": None}])
>>> r = run(inv, today=dt.date(2025, 1, 1), seed=0, n_draws=1_000, plan=False)
>>> r.summary()["findings"] == r.assessment.findings.height, r.plan is None
(True, True)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from rgpd_risk.assessment.assess import assess
from rgpd_risk.assessment.config import RiskModel
from rgpd_risk.assessment.result import Assessment
from rgpd_risk.discovery.reconcile import reconcile
from rgpd_risk.discovery.result import COLUMNS_SCHEMA, ScanResult
from rgpd_risk.discovery.scanner import scan
from rgpd_risk.exposure.inventory import exposure as _fine_exposure
from rgpd_risk.exposure.organisation import OrganisationExposure
from rgpd_risk.inventory.load import load_inventory
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.readers import read_bytes
from rgpd_risk.inventory.schema import canonical_frame
from rgpd_risk.remediation.catalogue import Catalogue
from rgpd_risk.remediation.plan import Plan
from rgpd_risk.remediation.plan import plan as _plan
from rgpd_risk.schemas import FINDINGS_SCHEMA, empty_findings

__all__ = ["Run", "ScanInput", "run", "notebook_run", "exposure_of", "plan_draws",
           "PLAN_DRAW_BUDGET", "load_scan", "scan_input"]

PLAN_DRAW_BUDGET = 20_000_000
"""Simulated cells (draws × datasets with findings) per simulation of the plan. Our
performance choice: up to 1 000 datasets the plan uses the same 20 000 draws as the exposure
(its starting point is then exactly the headline exposure); above, the draws shrink (at
least 1 000) so that a board of 10 000 datasets stays under a minute. The plan re-simulates
every step, so it costs about 20 exposure simulations."""


def plan_draws(assessment: Any, n_draws: int = 20_000) -> int:
    """Draws of each simulation of the plan (see :data:`PLAN_DRAW_BUDGET`).

    Examples
    --------
    >>> class A:
    ...     findings = pl.DataFrame({"dataset_id": [str(i) for i in range(10_000)]})
    >>> plan_draws(A())
    2000
    """
    n = max(int(assessment.findings["dataset_id"].n_unique()), 1)
    return int(min(n_draws, max(1_000, PLAN_DRAW_BUDGET // n)))


@dataclass(frozen=True)
class ScanInput:
    """A scan and the register row (``dataset_id``) the scanned tables belong to."""

    result: ScanResult
    dataset_id: str


@dataclass(frozen=True)
class Run:
    """Everything one run computed (immutable; produced by :func:`run`).

    Attributes
    ----------
    inventory : Inventory
    organisation : Organisation or None
        The profile the run used (``None``: pessimistic defaults; the exposure then treats
        the controller as a non-undertaking, static Art. 83 caps).
    scans : tuple of ScanInput
        The scans reconciled with the register.
    scan_results : tuple of ScanResult
        Every scan of the run, reconciled or not (the discovery report shows them).
    scan_findings : polars.DataFrame
        The reconciled findings of every scan (:data:`~rgpd_risk.schemas.FINDINGS_SCHEMA`,
        ``source == "discovery"``); they are also in ``assessment.findings``.
    assessment : Assessment
    exposure : OrganisationExposure or None
        ``None`` when the run was asked for the assessment only.
    plan : Plan or None
        ``None`` when the run was asked for no plan.
    today : datetime.date
    seed, n_draws : int
    """

    inventory: Inventory
    organisation: Organisation | None
    scans: tuple[ScanInput, ...]
    scan_results: tuple[ScanResult, ...] = field(repr=False)
    scan_findings: pl.DataFrame = field(repr=False)
    assessment: Assessment = field(repr=False)
    exposure: OrganisationExposure | None = field(repr=False)
    plan: Plan | None = field(repr=False)
    today: dt.date
    seed: int
    n_draws: int

    def summary(self) -> dict[str, Any]:
        """Language-independent key figures of the run (plain Python, JSON-friendly)."""
        a = self.assessment.summary()
        s = self.exposure.summary() if self.exposure is not None else {}
        return {
            "inventory": Path(str(self.inventory.source)).name,
            "today": self.today.isoformat(),
            "seed": self.seed,
            "n_draws": self.n_draws,
            "datasets": a["datasets"],
            "findings": a["findings"],
            "scan_findings": self.scan_findings.height,
            "scanned_datasets": sorted({s.dataset_id for s in self.scans}),
            **{k: float(s[k]) if s else None for k in ("expected_cost", "p90", "p_any_fine")},
            "plan_steps": None if self.plan is None else self.plan.steps.height,
        }


def load_scan(path: str | Path, *, seed: int, today: dt.date | None = None) -> ScanResult:
    """A :class:`~rgpd_risk.discovery.ScanResult`: read from a scan JSON, or scan ``path`` now.

    ``path`` ending in ``.json`` and holding a ``columns`` list is read as the JSON written by
    ``ScanResult.to_json``; anything else (a data file, a folder, a database URL) is scanned
    with :func:`rgpd_risk.discovery.scan` (seeded sample, ``today`` as its reference date).
    Only masked examples are kept.
    """
    text_path = str(path)
    if text_path.lower().endswith(".json"):
        doc = json.loads(read_bytes(Path(text_path)).decode("utf-8"))  # bounded; no pipe, no device
        if isinstance(doc, dict) and isinstance(doc.get("columns"), list):
            loose = {c: (pl.Utf8 if dtype == pl.Date() else dtype)
                     for c, dtype in COLUMNS_SCHEMA.items()}
            frame = pl.DataFrame(doc["columns"], schema=loose)
            frame = frame.with_columns(pl.col(c).str.to_date(strict=False)
                                       for c, dtype in COLUMNS_SCHEMA.items()
                                       if dtype == pl.Date())
            errors = pl.DataFrame(doc.get("errors", []),
                                  schema={"source": pl.Utf8, "table": pl.Utf8, "error": pl.Utf8})
            return ScanResult(frame, errors, dict(doc.get("parameters", {})))
    return scan(text_path, seed=seed, today=today, progress=False)


def scan_input(path: str | Path, dataset_id: str = "", *, seed: int,
               today: dt.date | None = None) -> tuple[ScanResult, ScanInput | None]:
    """Load (or run) a scan and pair it with its register row.

    The dataset id is ``dataset_id`` when given, else the ``dataset_id`` the scan recorded
    (``rgpd-risk scan --dataset-id``); without either the scan is not reconciled (second
    item ``None``).
    """
    result = load_scan(path, seed=seed, today=today)
    ds = dataset_id or str(result.parameters.get("dataset_id") or "")
    return result, (ScanInput(result, ds) if ds else None)


def _inventory(inventory: Inventory | pl.DataFrame | str | Path,
               organisation: Organisation | str | Path | None) -> Inventory:
    if isinstance(inventory, Inventory):
        return inventory
    if isinstance(inventory, pl.DataFrame):
        org = organisation if isinstance(organisation, Organisation) else None
        return Inventory(frame=canonical_frame(inventory), organisation=org)
    org_path = None if organisation is None or isinstance(organisation, Organisation) \
        else organisation
    return load_inventory(inventory, org_path)


def _scan_inputs(scans: Iterable[ScanInput | tuple[ScanResult, str]]) -> tuple[ScanInput, ...]:
    out = []
    for s in scans:
        if isinstance(s, ScanInput):
            out.append(s)
        else:
            result, dataset_id = s
            out.append(ScanInput(result, str(dataset_id)))
    return tuple(out)


def _reconciled(scans: tuple[ScanInput, ...], inv: Inventory, today: dt.date) -> pl.DataFrame:
    known = set(inv.frame["dataset_id"].to_list())
    parts = []
    for s in scans:
        if s.dataset_id not in known:
            raise ValueError(f"scan of dataset {s.dataset_id!r}: no such dataset_id in "
                             f"{inv.source}")
        parts.append(reconcile(s.result, inv.frame, s.dataset_id, today=today))
    if not parts:
        return empty_findings()
    return pl.concat(parts).select(list(FINDINGS_SCHEMA))


def exposure_of(assessment: Assessment, inventory: Inventory, organisation: Organisation | None,
                *, seed: int, n_draws: int = 20_000, horizon_years: float = 1.0,
                fine_model: Any = None) -> OrganisationExposure:
    """The fine exposure of a run: the one adapter between the pipeline and the exposure model.

    One enforcement process for the whole organisation
    (:func:`rgpd_risk.exposure.organisation.organisation_exposure`, through the
    :func:`rgpd_risk.fine_exposure` wrapper that reads the assessment's findings and
    canonical inventory frame). ``fine_model`` is the EDPB-method priors kept on the result
    for the single-case calculator of the reports. Without a profile the controller is a
    non-undertaking named after the inventory file (static Art. 83 caps).
    """
    org = organisation or Organisation(name=Path(str(inventory.source)).name)
    return _fine_exposure(assessment, organisation=org, seed=seed, n_draws=n_draws,
                          horizon_years=horizon_years, model=fine_model)


def run(
    inventory: Inventory | pl.DataFrame | str | Path,
    *,
    organisation: Organisation | str | Path | None = None,
    scans: Iterable[ScanInput | tuple[ScanResult, str]] = (),
    today: dt.date,
    seed: int,
    model: RiskModel | None = None,
    n_draws: int = 20_000,
    horizon_years: float = 1.0,
    fine_model: Any = None,
    exposure: bool = True,
    plan: bool = True,
    budget_days: float | None = None,
    catalogue: Catalogue | None = None,
    screening_draws: int | None = None,
    plan_n_draws: int | None = None,
    unreconciled_scans: Iterable[ScanResult] = (),
) -> Run:
    """Run the whole flow on an inventory.

    Parameters
    ----------
    inventory : Inventory, polars.DataFrame or path
        A loaded inventory, a canonical frame, or a file for
        :func:`rgpd_risk.load_inventory`.
    organisation : Organisation or path, optional
        Overrides the inventory's profile (a path is read with the inventory).
    scans : iterable of ScanInput or (ScanResult, dataset_id)
        Scans to reconcile with the register; their findings join the assessment.
    today : datetime.date
        Reference date of every step (required: no wall clock inside).
    seed : int
        Seed of the exposure simulation and of the plan (required).
    model : RiskModel, optional
    n_draws, horizon_years, fine_model :
        Exposure simulation settings.
    exposure : bool, default True
        Simulate the fine exposure (``False``: assessment only, no plan either).
    plan : bool, default True
        Also compute the remediation plan (draws per :func:`plan_draws`).
    budget_days, catalogue :
        Plan settings.
    screening_draws : int, optional
        Draws of the plan's per-step screening (default: half the plan's draws, between
        1 000 and 5 000).
    plan_n_draws : int, optional
        Draws of each simulation of the plan (default: :func:`plan_draws`).
    unreconciled_scans : iterable of ScanResult
        Scans without a register row: kept in :attr:`Run.scan_results` (the discovery
        report), no findings.

    Returns
    -------
    Run
    """
    if not isinstance(today, dt.date):
        raise TypeError(f"today must be a datetime.date, got {type(today)!r}")
    inv = _inventory(inventory, organisation)
    org = organisation if isinstance(organisation, Organisation) else inv.organisation
    scan_inputs = _scan_inputs(scans)
    found = _reconciled(scan_inputs, inv, today)
    a = assess(inv, organisation=org, model=model, today=today,
               extra_findings=found if found.height else None)
    ex = None if not exposure else exposure_of(
        a, inv, org, seed=seed, n_draws=n_draws, horizon_years=horizon_years,
        fine_model=fine_model)
    p = None
    if plan and exposure:
        draws = plan_n_draws or plan_draws(a, n_draws)
        screen = screening_draws or min(5_000, max(draws // 2, 1_000))
        # the plan simulates with the same stated default as the exposure (a non-undertaking
        # named after the inventory file): without it, the first organisation-level action
        # would create a profile and the exposure would appear half-way through the plan
        plan_org = org or Organisation(name=Path(str(inv.source)).name)
        p = _plan(a, budget_days, inventory=inv, organisation=plan_org, seed=seed, n_draws=draws,
                  screening_draws=screen, catalogue=catalogue,
                  horizon_years=horizon_years, fine_model=fine_model)
    results = tuple(s.result for s in scan_inputs) + tuple(unreconciled_scans)
    return Run(inventory=inv, organisation=org, scans=scan_inputs, scan_results=results,
               scan_findings=found,
               assessment=a, exposure=ex, plan=p, today=today, seed=seed, n_draws=n_draws)


def notebook_run(inventory_path: str | Path, organisation_path: str | Path = "",
                 scan_path: str | Path = "", scan_dataset: str = "", *,
                 today: str | dt.date, seed: int, exposure: bool = True,
                 plan: bool = True) -> Run:
    """:func:`run` from the parameters of a report notebook (paths and strings, empty = none).

    ``today`` is an ISO date; empty means today's date — only an interactive notebook run
    reads the wall clock (``rgpd-risk report`` always passes the date).
    """
    day = today if isinstance(today, dt.date) else (
        dt.date.fromisoformat(today) if today else dt.date.today())
    inv = load_inventory(inventory_path, organisation_path or None)
    scans, loose = [], []
    if scan_path:
        result, paired = scan_input(scan_path, scan_dataset, seed=seed, today=day)
        (scans if paired is not None else loose).append(paired or result)
    return run(inv, scans=scans, unreconciled_scans=loose, today=day, seed=seed,
               exposure=exposure, plan=plan)
