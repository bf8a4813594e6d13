"""What if we did this? Apply remediation actions to a copy of the inventory, re-assess,
re-simulate the fine exposure with the same seed, and compare.

:func:`evaluate` turns one state (inventory frame + organisation) into a :class:`Snapshot`
of the figures a board looks at; :func:`what_if` compares two snapshots in a
:class:`Comparison`. Both are pure: same inputs and seed, same numbers.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from rgpd_risk.assessment import Assessment, RiskModel, assess, reassess
from rgpd_risk.assessment.config import FEARED_EVENTS
from rgpd_risk.exposure.inventory import exposure
from rgpd_risk.i18n import text
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.schema import canonical_frame
from rgpd_risk.remediation.catalogue import Catalogue, default_catalogue
from rgpd_risk.remediation.effects import (
    ActionSpec,
    AppliedAction,
    apply_actions,
    normalise_actions,
)
from rgpd_risk.schemas import ORGANISATION_DATASET_ID

__all__ = ["Snapshot", "Comparison", "evaluate", "what_if", "PORTFOLIO_METRICS",
           "SNAPSHOT_COLUMNS"]

_RESIDUAL = tuple(f"{ev}_{k}_residual" for ev in FEARED_EVENTS
                  for k in ("severity", "likelihood"))

#: Per-dataset columns of a :class:`Snapshot`.
SNAPSHOT_COLUMNS: tuple[str, ...] = (
    "dataset_id", "name", "risk_score", "risk_level", *_RESIDUAL,
    "findings_total", "findings_83_4", "findings_83_5", "expected", "p90",
)

#: Portfolio metrics of a :class:`Snapshot`: name -> (English, French) label; the labels are
#: ``metrics.portfolio.<name>`` of the text catalogue.
PORTFOLIO_METRICS: dict[str, tuple[str, str]] = {
    k: (text(f"metrics.portfolio.{k}", "en"), text(f"metrics.portfolio.{k}", "fr"))
    for k in ("risk_score_total", "risk_score_mean", "datasets_high_or_critical",
              "residual_serious_positions", "findings_total", "findings_83_5", "findings_83_4",
              "findings_organisation", "expected_exposure", "p90_exposure", "p99_exposure")
}


@dataclass(frozen=True, eq=False)
class Snapshot:
    """The figures of one state of the inventory.

    Attributes
    ----------
    datasets : polars.DataFrame
        :data:`SNAPSHOT_COLUMNS`, one row per dataset: our risk score and level, CNIL
        residual severity and likelihood of the three feared events, findings by tier, and
        the dataset's expected fine cost and P90 (null without an organisation).
    portfolio : dict
        :data:`PORTFOLIO_METRICS` (exposure figures are ``None`` without an organisation).
    assessment : Assessment
    exposure : InventoryExposure or None
    """

    portfolio: dict[str, Any]
    assessment: Assessment = field(repr=False)
    exposure: Any = field(default=None, repr=False)

    @functools.cached_property
    def datasets(self) -> pl.DataFrame:
        """:data:`SNAPSHOT_COLUMNS` (computed on first access: a plan's intermediate states
        are never read per dataset)."""
        ds = self.assessment.dataset_columns(
            [c for c in SNAPSHOT_COLUMNS if c not in ("expected", "p90")])
        if self.exposure is not None:
            per = self.exposure.datasets.filter(pl.col("scope") == "dataset").select(
                "dataset_id", pl.col("expected_cost").alias("expected"), "p90")
            ds = ds.join(per, on="dataset_id", how="left", maintain_order="left")
        else:
            ds = ds.with_columns(pl.lit(None, dtype=pl.Float64).alias("expected"),
                                 pl.lit(None, dtype=pl.Float64).alias("p90"))
        return ds.select(list(SNAPSHOT_COLUMNS))


def _exposure(assessment: Assessment, organisation: Organisation | None, *, seed: int,
              n_draws: int, horizon_years: float, fine_model: Any) -> Any:
    """:func:`rgpd_risk.exposure.inventory.exposure`, or ``None`` without an organisation
    (no turnover: no fine figure rather than an invented one)."""
    if organisation is None:
        return None
    return exposure(assessment, organisation=organisation, horizon_years=horizon_years,
                    n_draws=n_draws, seed=seed, model=fine_model,
                    findings=assessment.finding_keys)


def evaluate(
    frame: pl.DataFrame,
    organisation: Organisation | None,
    *,
    model: RiskModel | None = None,
    today: date,
    seed: int = 0,
    n_draws: int = 20_000,
    horizon_years: float = 1.0,
    fine_model: Any = None,
    extra_findings: pl.DataFrame | None = None,
    previous: Snapshot | None = None,
) -> Snapshot:
    """Assess a state and simulate its fine exposure.

    Parameters
    ----------
    frame : polars.DataFrame
        Inventory frame (schema of :mod:`rgpd_risk.inventory.schema`).
    organisation : Organisation or None
        Without one, the exposure figures are ``None``.
    model : RiskModel, optional
    today : datetime.date
    seed, n_draws, horizon_years, fine_model :
        Passed to :func:`rgpd_risk.exposure.inventory.exposure`.
    extra_findings : polars.DataFrame, optional
        Findings from elsewhere (a reconciled scan), passed to :func:`assess`.
    previous : Snapshot, optional
        A snapshot of a nearby state with the same model and date (the state before a
        remediation step): only the rows that differ from it are assessed again
        (:func:`~rgpd_risk.assessment.reassess`; the same figures).

    Returns
    -------
    Snapshot

    Examples
    --------
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> f = frame_from_records([{"dataset_id": "crm", "name": "CRM",
    ...     "data_categories": ["contact"], "legal_basis": "contract", "subject_count": 900}])
    >>> s = evaluate(f, Organisation(name="Acme", turnover_eur=5e6), today=date(2025, 1, 1),
    ...              n_draws=2_000)
    >>> s.portfolio["findings_total"] > 0, s.portfolio["expected_exposure"] > 0
    (True, True)
    """
    if (previous is not None and previous.assessment.today == today
            and previous.assessment.model == (model or RiskModel())):
        a = reassess(previous.assessment, frame, organisation=organisation,
                     extra_findings=extra_findings)
    else:
        a = assess(frame, organisation=organisation, model=model, today=today,
                   extra_findings=extra_findings)
    # computed columns only: the texts of the assessment are rendered when asked for
    ds = a.dataset_columns(["risk_score", "risk_level", *_RESIDUAL])
    ex = _exposure(a, organisation, seed=seed, n_draws=n_draws, horizon_years=horizon_years,
                   fine_model=fine_model)
    f = a.finding_keys
    serious = pl.sum_horizontal([
        ((pl.col(f"{ev}_severity_residual") >= 3) & (pl.col(f"{ev}_likelihood_residual") >= 3))
        .cast(pl.Int64) for ev in FEARED_EVENTS])
    agg = ds.select(
        pl.col("risk_score").sum().alias("risk_score_total"),
        pl.col("risk_score").mean().alias("risk_score_mean"),
        pl.col("risk_level").is_in(["high", "critical"]).sum().cast(pl.Int64)
        .alias("datasets_high_or_critical"),
        serious.sum().cast(pl.Int64).alias("residual_serious_positions"),
    ).row(0, named=True)
    port = ex.summary() if ex is not None else {}
    portfolio = {
        "risk_score_total": float(agg["risk_score_total"] or 0.0),
        "risk_score_mean": float(agg["risk_score_mean"] or 0.0),
        "datasets_high_or_critical": int(agg["datasets_high_or_critical"] or 0),
        "residual_serious_positions": int(agg["residual_serious_positions"] or 0),
        # Breaches only, like Assessment.datasets["findings_total"] (points of attention are
        # counted apart: CHANGES.md, french 07:59).
        "findings_total": int((f["kind"] != "attention").sum()),
        "findings_83_5": int(((f["tier"] == "83(5)") & (f["kind"] != "attention")).sum()),
        "findings_83_4": int(((f["tier"] == "83(4)") & (f["kind"] != "attention")).sum()),
        "findings_organisation": int((f["dataset_id"] == ORGANISATION_DATASET_ID).sum()),
        "expected_exposure": port.get("expected_cost"),
        "p90_exposure": port.get("p90"),
        "p99_exposure": port.get("p99"),
    }
    return Snapshot(portfolio, a, ex)


def _delta(before: Any, after: Any) -> Any:
    if before is None or after is None:
        return None
    return after - before


@dataclass(frozen=True, eq=False)
class Comparison:
    """Before / after / delta of a set of remediation actions (result of :func:`what_if`).

    Attributes
    ----------
    before, after : Snapshot
    actions : tuple of AppliedAction
        Each action with the datasets it changed, its effort (person-days) and cost (EUR).
    inventory : Inventory
        The inventory after the actions (a copy; the input is unchanged).
    seed, n_draws : int
        Settings of both simulations (the same for before and after).
    """

    before: Snapshot
    after: Snapshot
    actions: tuple[AppliedAction, ...]
    inventory: Inventory = field(repr=False)
    seed: int = 0
    n_draws: int = 20_000
    today: date | None = None

    @property
    def effort_days(self) -> float:
        """Total person-days of the actions."""
        return float(sum(a.effort_days for a in self.actions))

    @property
    def cost_eur(self) -> float:
        """Total external cost of the actions (EUR)."""
        return float(sum(a.cost_eur for a in self.actions))

    @property
    def datasets(self) -> pl.DataFrame:
        """One row per dataset: ``<metric>_before``, ``<metric>_after`` and, for numbers,
        ``<metric>_delta`` (after − before), plus ``changed`` (an action touched it)."""
        b, a = self.before.datasets, self.after.datasets
        metrics = [c for c in SNAPSHOT_COLUMNS if c not in ("dataset_id", "name")]
        touched = sorted({d for x in self.actions for d in x.datasets})
        out = b.select("dataset_id", "name", *[pl.col(m).alias(f"{m}_before") for m in metrics])
        out = out.join(a.select("dataset_id", *[pl.col(m).alias(f"{m}_after") for m in metrics]),
                       on="dataset_id", how="left", maintain_order="left")
        numeric = [m for m in metrics if m != "risk_level"]
        cols: list[str] = ["dataset_id", "name"]
        for m in metrics:
            cols += [f"{m}_before", f"{m}_after"] + ([f"{m}_delta"] if m in numeric else [])
        return out.with_columns(
            *[(pl.col(f"{m}_after").cast(pl.Float64) - pl.col(f"{m}_before").cast(pl.Float64))
              .alias(f"{m}_delta") for m in numeric],
        ).select(*cols, pl.col("dataset_id").is_in(touched).alias("changed"))

    @property
    def portfolio(self) -> pl.DataFrame:
        """Long frame ``metric, label_en, label_fr, before, after, delta``."""
        rows = [
            {"metric": k, "label_en": en, "label_fr": fr,
             "before": None if self.before.portfolio[k] is None else float(self.before.portfolio[k]),
             "after": None if self.after.portfolio[k] is None else float(self.after.portfolio[k]),
             "delta": None if _delta(self.before.portfolio[k], self.after.portfolio[k]) is None
             else float(self.after.portfolio[k] - self.before.portfolio[k])}
            for k, (en, fr) in PORTFOLIO_METRICS.items()
        ]
        return pl.DataFrame(rows, schema={"metric": pl.Utf8, "label_en": pl.Utf8,
                                          "label_fr": pl.Utf8, "before": pl.Float64,
                                          "after": pl.Float64, "delta": pl.Float64})

    def actions_frame(self) -> pl.DataFrame:
        """One row per action: key, datasets changed, organisation changed, effort, cost."""
        return pl.DataFrame(
            [{"action": x.key, "datasets": list(x.datasets), "n_datasets": x.n_datasets,
              "organisation_changed": x.organisation_changed, "effort_days": x.effort_days,
              "cost_eur": x.cost_eur} for x in self.actions],
            schema={"action": pl.Utf8, "datasets": pl.List(pl.Utf8), "n_datasets": pl.Int64,
                    "organisation_changed": pl.Boolean, "effort_days": pl.Float64,
                    "cost_eur": pl.Float64})

    def to_frame(self) -> pl.DataFrame:
        """The per-dataset comparison (:attr:`datasets`)."""
        return self.datasets

    def to_dict(self) -> dict[str, Any]:
        """Plain Python: settings, actions, portfolio before/after/delta and dataset rows."""
        return {
            "seed": self.seed, "n_draws": self.n_draws,
            "today": None if self.today is None else self.today.isoformat(),
            "effort_days": self.effort_days, "cost_eur": self.cost_eur,
            "actions": self.actions_frame().to_dicts(),
            "portfolio": {r["metric"]: {"before": r["before"], "after": r["after"],
                                        "delta": r["delta"]}
                          for r in self.portfolio.iter_rows(named=True)},
            "datasets": self.datasets.to_dicts(),
        }

    def _repr_html_(self) -> str:
        e = html.escape

        def num(x: float | None) -> str:
            return "—" if x is None else f"{x:,.1f}"

        acts = ", ".join(f"{x.key} ({x.n_datasets if not x.organisation_changed else 'org'})"
                         for x in self.actions)
        rows = "".join(
            f"<tr><td>{e(r['label_en'])}</td><td style='text-align:right'>{e(num(r['before']))}"
            f"</td><td style='text-align:right'>{e(num(r['after']))}</td>"
            f"<td style='text-align:right'>{e(num(r['delta']))}</td></tr>"
            for r in self.portfolio.iter_rows(named=True))
        top = self.datasets.filter(pl.col("changed")).sort("risk_score_delta").head(10)
        ds_rows = "".join(
            f"<tr><td>{e(str(r['dataset_id']))}</td><td style='text-align:right'>"
            f"{e(num(r['risk_score_before']))}</td><td style='text-align:right'>"
            f"{e(num(r['risk_score_after']))}</td><td style='text-align:right'>"
            f"{e(num(r['expected_before']))}</td><td style='text-align:right'>"
            f"{e(num(r['expected_after']))}</td></tr>" for r in top.iter_rows(named=True))
        return (
            f"<div><b>What-if</b>: {e(acts) or 'no action'} — effort {self.effort_days:g} "
            f"person-days, cost EUR {self.cost_eur:,.0f}; seed {self.seed}, "
            f"{self.n_draws:,} draws (risk score and fine model: our modelling choices)."
            "<table><thead><tr><th>metric</th><th>before</th><th>after</th><th>delta</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
            "<table><thead><tr><th>dataset</th><th>score before</th><th>score after</th>"
            "<th>expected before</th><th>expected after</th></tr></thead>"
            f"<tbody>{ds_rows}</tbody></table></div>"
        )


def _frame_and_org(inventory: Inventory | pl.DataFrame, organisation: Organisation | None
                   ) -> tuple[Inventory, Organisation | None]:
    if isinstance(inventory, Inventory):
        return inventory, organisation or inventory.organisation
    if isinstance(inventory, pl.DataFrame):
        return Inventory(canonical_frame(inventory), organisation), organisation
    if hasattr(inventory, "to_dict") and hasattr(inventory, "columns"):  # pandas at the edge
        return Inventory(canonical_frame(pl.from_pandas(inventory)), organisation), organisation
    raise TypeError(f"expected an Inventory or a polars DataFrame, got {type(inventory)!r}")


def what_if(
    inventory: Inventory | pl.DataFrame,
    actions: Iterable[ActionSpec] | ActionSpec,
    *,
    today: date | None = None,
    seed: int = 0,
    n_draws: int = 20_000,
    organisation: Organisation | None = None,
    model: RiskModel | None = None,
    catalogue: Catalogue | None = None,
    horizon_years: float = 1.0,
    fine_model: Any = None,
) -> Comparison:
    """Apply remediation actions to a copy of the inventory and compare before / after.

    Parameters
    ----------
    inventory : Inventory or polars.DataFrame
    actions : iterable
        Action keys (``"carry_out_dpia"``) or ``(key, dataset_ids)`` pairs; ``None`` as
        ids means every dataset with a finding the action resolves. Aliases are accepted.
    today : datetime.date, optional
        Reference date of the assessment and of purges (default: today).
    seed, n_draws : int
        The same seed is used before and after (common random numbers).
    organisation : Organisation, optional
        Defaults to ``inventory.organisation``; without one there are no fine figures.
    model : RiskModel, optional
    catalogue : Catalogue, optional
        Defaults to :func:`rgpd_risk.remediation.default_catalogue`.
    horizon_years : float, default 1.0
    fine_model : FineModel, optional

    Returns
    -------
    Comparison

    Examples
    --------
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> f = frame_from_records([{"dataset_id": "hr", "name": "HR",
    ...     "data_categories": ["identity", "health"], "legal_basis": "legal_obligation",
    ...     "data_subjects": ["employees"], "subject_count": 300}])
    >>> org = Organisation(name="Acme", turnover_eur=2e7, dpo_designated=True)
    >>> c = what_if(f, ["encrypt_and_restrict", ("set_breach_procedure", None)],
    ...             organisation=org, today=date(2025, 1, 1), n_draws=2_000)
    >>> c.actions_frame()["n_datasets"].to_list()
    [1, 0]
    >>> bool(c.datasets["risk_score_delta"][0] < 0)
    True
    >>> p = c.portfolio.filter(pl.col("metric") == "expected_exposure").row(0, named=True)
    >>> bool(p["after"] < p["before"])
    True
    """
    model = model or RiskModel()
    today = today or date.today()
    catalogue = catalogue or default_catalogue()
    inv, org = _frame_and_org(inventory, organisation)
    specs = normalise_actions(actions, catalogue)
    kw = dict(model=model, today=today, seed=seed, n_draws=n_draws,
              horizon_years=horizon_years, fine_model=fine_model)
    before = evaluate(inv.frame, org, **kw)
    frame, new_org, applied = apply_actions(
        inv.frame, org, specs, before.assessment.findings, catalogue=catalogue, model=model,
        today=today)
    after = evaluate(frame, new_org, previous=before, **kw)
    after_inv = Inventory(frame, new_org, inv.issues, inv.defaults_applied, inv.source,
                          inv.format, inv.notes)
    return Comparison(before, after, applied, after_inv, seed, n_draws, today)
