"""A prioritised remediation plan in a legal-first order: the bands of the catalogue in rank
order (stop what is unlawful, breaches, consent, security and transfers, roles and contracts,
DPIAs, retention, rights, governance, portability last) and, within a band, the actions that
remove the most fine exposure and risk per person-day, under an optional budget, in an order
that respects prerequisites.

Method (documented in ``docs/remediation.md``)
----------------------------------------------
1. Assess the inventory and simulate its exposure (the *baseline*). The datasets each
   action may touch are fixed on the baseline findings (see :mod:`.effects`).
2. At each step, the remaining actions are screened on the current state, band by band (below): the **benefit**
   is ``w_exposure × exposure removed / baseline exposure + w_risk × risk score removed /
   baseline total score + w_findings × findings removed / baseline findings`` (default
   weights 0.45 / 0.45 / 0.10, ours), divided by its effort in person-days. An action whose
   prerequisite is unmet (a DPIA needs the DPO's advice, Art. 35(2), when there is no DPO)
   is screened together with the prerequisite, effort and benefit summed.
3. Among the actions with a positive benefit that fit the remaining budget, the plan takes
   the one of the **first band** (lowest rank of the catalogue's ``bands``) and, within that
   band, the best ratio (prerequisite first); its figures are then computed exactly — full
   re-assessment and a full simulation with the same seed — so each step's "remaining"
   figures equal :func:`what_if` of the actions up to that step. Stop when nothing with a
   positive benefit fits.

Screening is vectorised and goes band by band: the changed rows of all the candidates of a
band are stacked into **one** assessment per band screened, and each candidate's exposure
removed is the first-order effect of the findings it removes on the current state's
simulation. A band is screened only when every band before it has nothing useful that fits
(its winner could not be chosen anyway); an action is dropped when screening finds it has
nothing left to change. The order between bands
is a legal judgement (data, overridable); within a band greedy is not optimal for a knapsack,
but it is transparent and its ranking reads like advice (:meth:`Plan.rationale`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import polars as pl

from rgpd_risk.assessment import Assessment, RiskModel, assess
from rgpd_risk.assessment.config import FEARED_EVENTS
from rgpd_risk.formatting import check_lang, format_eur, format_eur_short, format_number
from rgpd_risk.i18n import text
from rgpd_risk.inventory.model import Inventory
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.schema import INVENTORY_SCHEMA, canonical_frame
from rgpd_risk.remediation.catalogue import (
    Catalogue,
    RemediationAction,
    default_catalogue,
    seed_action_label,
)
from rgpd_risk.remediation.effects import (
    AppliedAction,
    action_targets,
    apply_action,
)
from rgpd_risk.remediation.whatif import Snapshot, evaluate
from rgpd_risk.schemas import ORGANISATION_DATASET_ID

__all__ = ["Plan", "plan", "PLAN_COLUMNS", "DEFAULT_WEIGHTS"]

#: Weights of exposure, risk score and findings removed in the benefit (our choice).
DEFAULT_WEIGHTS: tuple[float, float, float] = (0.45, 0.45, 0.10)

#: Columns of :meth:`Plan.to_frame` (``lang=None``).
PLAN_COLUMNS: dict[str, pl.DataType] = {
    "step": pl.Int64(), "action": pl.Utf8(), "label_fr": pl.Utf8(), "label_en": pl.Utf8(),
    "seed_action": pl.Int64(), "seed_action_label_fr": pl.Utf8(),
    "seed_action_label_en": pl.Utf8(), "prerequisite_of": pl.Utf8(),
    "effort_days": pl.Float64(), "cost_eur": pl.Float64(),
    "cumulative_effort_days": pl.Float64(), "cumulative_cost_eur": pl.Float64(),
    "datasets": pl.List(pl.Utf8()), "n_datasets": pl.Int64(), "organisation": pl.Boolean(),
    "findings_resolved": pl.Int64(), "risk_removed": pl.Float64(),
    "exposure_removed": pl.Float64(), "benefit_per_day": pl.Float64(),
    "remaining_expected_exposure": pl.Float64(), "remaining_p90_exposure": pl.Float64(),
    "remaining_risk_total": pl.Float64(), "remaining_findings": pl.Int64(),
    "band": pl.Utf8(), "band_rank": pl.Int64(), "band_label_fr": pl.Utf8(),
    "band_label_en": pl.Utf8(), "owner": pl.Utf8(), "owner_label_fr": pl.Utf8(),
    "owner_label_en": pl.Utf8(), "horizon": pl.Utf8(), "depends_on": pl.List(pl.Int64()),
    "external_costs_fr": pl.Utf8(), "external_costs_en": pl.Utf8(),
}

_SEP = "\x1f"
#: What the screening reads of an assessment's datasets (computed columns: no text rendered).
_SCORE_COLUMNS = ["dataset_id", "risk_score", "findings_total"]
_ORG_ROW = "__org__"


@dataclass(frozen=True, eq=False)
class Plan:
    """A prioritised remediation plan (result of :func:`plan`).

    Attributes
    ----------
    steps : polars.DataFrame
        :data:`PLAN_COLUMNS`, one row per step, with the cumulative effect after the step.
    baseline, final : Snapshot
        The figures before the first step and after the last.
    budget_days : float or None
    seed, n_draws : int
        Settings of every simulation of the plan (re-run :func:`what_if` with them).
    today : datetime.date
    weights : tuple of float
        Benefit weights (exposure, risk score, findings).
    """

    steps: pl.DataFrame
    baseline: Snapshot = field(repr=False)
    final: Snapshot = field(repr=False)
    budget_days: float | None = None
    seed: int = 0
    n_draws: int = 20_000
    today: date | None = None
    weights: tuple[float, float, float] = DEFAULT_WEIGHTS
    left_out: tuple[str, ...] = ()
    catalogue: Catalogue | None = field(default=None, repr=False)

    @property
    def actions(self) -> list[str]:
        """Action keys in plan order (pass them to :func:`what_if` to re-check the figures)."""
        return self.steps["action"].to_list()

    @property
    def effort_days(self) -> float:
        return float(self.steps["effort_days"].sum())

    @property
    def cost_eur(self) -> float:
        return float(self.steps["cost_eur"].sum())

    def to_frame(self, lang: str | None = None) -> pl.DataFrame:
        """One row per step; with ``lang`` ("fr"/"en") a single ``label`` and
        ``seed_action_label`` column in that language instead of both."""
        if lang is None:
            return self.steps
        if lang not in ("fr", "en"):
            raise ValueError(f"lang must be 'fr' or 'en', got {lang!r}")
        return self.steps.select(
            "step", "action", pl.col(f"label_{lang}").alias("label"), "seed_action",
            pl.col(f"seed_action_label_{lang}").alias("seed_action_label"), "prerequisite_of",
            "band", pl.col(f"band_label_{lang}").alias("band_label"), "owner",
            pl.col(f"owner_label_{lang}").alias("owner_label"), "horizon", "depends_on",
            "effort_days", "cost_eur",
            pl.col(f"external_costs_{lang}").alias("external_costs"),
            "cumulative_effort_days", "cumulative_cost_eur",
            "datasets", "n_datasets", "organisation", "findings_resolved", "risk_removed",
            "exposure_removed", "remaining_expected_exposure", "remaining_p90_exposure",
            "remaining_risk_total", "remaining_findings")

    def residual_datasets(self) -> pl.DataFrame:
        """The baseline assessment's ``datasets`` frame with its residual CNIL columns
        (``{event}_severity_residual``, ``{event}_likelihood_residual``) replaced by those
        **after the whole plan** (the final state, with the measures already planned in the
        register): what the residual risk maps should show. Columns and order unchanged.

        Examples
        --------
        >>> from rgpd_risk.inventory.schema import frame_from_records
        >>> f = frame_from_records([{"dataset_id": "a", "name": "A",
        ...     "data_categories": ["contact", "financial"], "legal_basis": "contract",
        ...     "subject_count": 10, "internet_exposed": True, "privacy_notice": True}])
        >>> p = plan(f, organisation=Organisation(name="Acme", turnover_eur=1e6),
        ...          today=date(2025, 1, 1), n_draws=1_000)
        >>> d = p.residual_datasets()
        >>> int(d["access_likelihood_residual"][0]) < int(d["access_likelihood"][0])
        True
        """
        base = self.baseline.assessment.datasets
        after = self.final.assessment.datasets
        cols = [f"{ev}_{k}_residual" for ev in FEARED_EVENTS for k in ("severity", "likelihood")]
        return (base.drop(cols)
                .join(after.select("dataset_id", *cols), on="dataset_id", how="left")
                .select(base.columns))

    def rationale(self, lang: str = "fr") -> list[str]:
        """Why the plan is in this order: one line on the method, then one per band that has
        steps (its steps, its default owner and horizon, and the reason it comes there).

        Examples
        --------
        >>> from rgpd_risk.inventory.schema import frame_from_records
        >>> f = frame_from_records([{"dataset_id": "a", "name": "A", "data_categories": ["contact"],
        ...                          "legal_basis": None, "subject_count": 10}])
        >>> p = plan(f, organisation=Organisation(name="Acme", turnover_eur=1e6),
        ...          today=date(2025, 1, 1), n_draws=1_000)
        >>> p.rationale("en")[1].startswith("1. Stop what is unlawful (step 1")
        True
        """
        check_lang(lang)
        cat = self.catalogue or default_catalogue()
        out = [text("plan.order", lang)]
        n = 0
        for band in cat.ordered_bands():
            steps = self.steps.filter(pl.col("band") == band.key)["step"].to_list()
            if not steps:
                continue
            n += 1
            where = text("plan.band.one_step" if len(steps) == 1 else "plan.band.steps",
                         lang).format(first=steps[0], last=steps[-1])
            out.append(text("plan.band.line", lang).format(
                n=n, label=band.label(lang), where=where, rationale=band.rationale(lang)))
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain Python: settings, baseline and final portfolio figures, steps."""
        return {
            "budget_days": self.budget_days, "seed": self.seed, "n_draws": self.n_draws,
            "today": None if self.today is None else self.today.isoformat(),
            "weights": list(self.weights), "effort_days": self.effort_days,
            "cost_eur": self.cost_eur, "baseline": dict(self.baseline.portfolio),
            "final": dict(self.final.portfolio), "left_out": list(self.left_out),
            "steps": self.steps.to_dicts(),
        }

    def advice(self, lang: str = "fr", *, limit: int | None = None) -> list[str]:
        """The plan as sentences a consultant would write, one per step.

        Examples
        --------
        >>> from rgpd_risk.inventory.schema import frame_from_records
        >>> f = frame_from_records([{"dataset_id": "hr", "name": "HR",
        ...     "data_categories": ["identity", "health"], "legal_basis": "legal_obligation",
        ...     "data_subjects": ["employees"], "subject_count": 300, "privacy_notice": True}])
        >>> p = plan(f, organisation=Organisation(name="Acme", turnover_eur=2e7),
        ...          today=date(2025, 1, 1), n_draws=2_000)
        >>> p.advice("en")[0].startswith("1. ")
        True
        """
        out = []
        rows = self.steps.head(limit) if limit else self.steps
        base_exp = self.baseline.portfolio["expected_exposure"]
        for r in rows.iter_rows(named=True):
            n = r["n_datasets"]
            scope = (text("plan.scope.organisation", lang) if r["organisation"] else
                     text("plan.scope.one" if n == 1 else "plan.scope.many", lang).format(n=n))
            line = text("plan.step.head", lang).format(
                step=r["step"], label=r[f"label_{lang}"], scope=scope,
                days=format_number(r["effort_days"], lang, digits=1),
                cost=format_eur(r["cost_eur"], lang))
            if base_exp is not None:
                line += text("plan.step.exposure", lang).format(
                    expected=format_eur_short(r["remaining_expected_exposure"], lang),
                    p90=format_eur_short(r["remaining_p90_exposure"], lang))
            line += text("plan.step.tail", lang).format(
                risk=format_number(r["remaining_risk_total"], lang),
                findings=r["remaining_findings"])
            if r["prerequisite_of"]:
                line += text("plan.step.prerequisite", lang)
            out.append(line)
        return out

    def _repr_html_(self) -> str:
        e = html.escape
        b = self.baseline.portfolio

        def eur(x: float | None) -> str:
            return format_eur(x, "en")

        def where(r: dict[str, Any]) -> str:
            if r["organisation"]:
                return "organisation"
            more = " …" if len(r["datasets"]) > 4 else ""
            return ", ".join(r["datasets"][:4]) + more

        rows = "".join(
            f"<tr><td>{r['step']}</td><td>{e(r['label_en'])}</td><td>{r['seed_action']}</td>"
            f"<td style='text-align:right'>{r['effort_days']:g}</td>"
            f"<td style='text-align:right'>{e(eur(r['cost_eur']))}</td>"
            f"<td>{e(where(r))}</td>"
            f"<td style='text-align:right'>{e(eur(r['remaining_expected_exposure']))}</td>"
            f"<td style='text-align:right'>{e(eur(r['remaining_p90_exposure']))}</td>"
            f"<td style='text-align:right'>{r['remaining_risk_total']:,.1f}</td></tr>"
            for r in self.steps.iter_rows(named=True))
        budget = "no budget" if self.budget_days is None else f"budget {self.budget_days:g} days"
        return (
            f"<div><b>Remediation plan</b> — {self.steps.height} steps, {self.effort_days:g} "
            f"person-days, {e(eur(self.cost_eur))} ({e(budget)}). Before: expected exposure "
            f"{e(eur(b['expected_exposure']))}, total risk score {b['risk_score_total']:,.1f}. "
            f"Seed {self.seed}, {self.n_draws:,} draws; efforts, costs, score and fine model "
            "are our modelling choices."
            "<table><thead><tr><th>step</th><th>action</th><th>seed action</th><th>days</th>"
            "<th>cost</th><th>datasets</th><th>expected exposure after</th><th>P90 after</th>"
            f"<th>risk total after</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )


def _source(source: Inventory | Assessment | pl.DataFrame, inventory: Inventory | None,
            organisation: Organisation | None, model: RiskModel | None, today: date | None
            ) -> tuple[pl.DataFrame, Organisation | None, RiskModel, date]:
    if isinstance(source, Assessment):
        model = model or source.model
        today = today or source.today
        organisation = organisation or source.organisation
        if inventory is not None:
            frame = inventory.frame
            organisation = organisation or inventory.organisation
        else:
            core = getattr(source, "_core", None)
            if core is None:
                raise ValueError("plan(assessment) needs inventory=... (the assessed inventory)")
            frame = core.select([c for c in INVENTORY_SCHEMA if c in core.columns])
        return canonical_frame(frame), organisation, model, today
    if isinstance(source, Inventory):
        return (canonical_frame(source.frame), organisation or source.organisation,
                model or RiskModel(), today or date.today())
    if isinstance(source, pl.DataFrame):
        return canonical_frame(source), organisation, model or RiskModel(), today or date.today()
    raise TypeError(f"expected an Assessment, an Inventory or a polars DataFrame, got {type(source)!r}")


@dataclass
class _Candidate:
    action: RemediationAction
    targets: pl.Series
    bundle: list[tuple[RemediationAction, pl.Series]]  # prerequisites first, then the action


def _untag(tagged: pl.DataFrame) -> pl.DataFrame:
    """Split the ``"<candidate>\x1f<dataset_id>"`` ids of the stacked assessment into
    ``_cand`` (Int64) and the original ``dataset_id``."""
    parts = tagged["dataset_id"].str.split_exact(_SEP, 1)
    return tagged.with_columns(_cand=parts.struct.field("field_0").cast(pl.Int64),
                               dataset_id=parts.struct.field("field_1"))


def _screen(
    cands: list[_Candidate], frame: pl.DataFrame, org: Organisation | None, cur: Snapshot,
    *, model: RiskModel, today: date, extra_findings: pl.DataFrame | None = None,
) -> list[tuple[float, float, float, float, list[AppliedAction]]]:
    """(exposure removed, risk removed, findings removed, effort, applied bundle) per
    candidate, from one stacked assessment and the marginal effects of the current state's
    simulation (:meth:`OrganisationExposure.finding_marginals`)."""
    applied: list[list[AppliedAction]] = []
    cand_ids: list[list[str]] = []  # sorted ids each candidate changes
    parts, extras = [], []
    for i, c in enumerate(cands):
        f, o, done = frame, org, []
        for action, targets in c.bundle:
            f, o, a = apply_action(f, o, action, targets, model=model, today=today)
            done.append(a)
        applied.append(done)
        ids = sorted({d for a in done for d in a.datasets})
        cand_ids.append(ids)
        if ids:
            parts.append(f.filter(pl.col("dataset_id").is_in(ids)).with_columns(
                (pl.lit(f"{i}{_SEP}") + pl.col("dataset_id")).alias("dataset_id")))
            if extra_findings is not None:  # findings no action resolves (a scan's) stay
                extras.append(extra_findings.filter(pl.col("dataset_id").is_in(ids))
                              .with_columns((pl.lit(f"{i}{_SEP}") + pl.col("dataset_id"))
                                            .alias("dataset_id")))
    # (candidate, dataset) pairs in candidate order, ids sorted within a candidate
    pairs = pl.DataFrame({
        "_cand": pl.Series([i for i, ids in enumerate(cand_ids) for _ in ids], dtype=pl.Int64),
        "dataset_id": pl.Series([d for ids in cand_ids for d in ids], dtype=pl.Utf8)})
    cur_find = cur.assessment.finding_keys
    cur_org_find = cur_find.filter(pl.col("dataset_id") == ORGANISATION_DATASET_ID)
    new_findings = None
    new_scores = pl.DataFrame(schema={"_cand": pl.Int64, "dataset_id": pl.Utf8,
                                      "risk_score": pl.Float64, "findings_total": pl.Int32})
    if parts:
        a = assess(pl.concat(parts, how="vertical_relaxed"), organisation=org, model=model,
                   today=today, extra_findings=pl.concat(extras) if extras else None)
        new_scores = _untag(a.dataset_columns(_SCORE_COLUMNS))
        new_findings = a.finding_keys.filter(pl.col("dataset_id") != ORGANISATION_DATASET_ID)
    org_changes = [i for i, done in enumerate(applied) if any(x.organisation_changed for x in done)]
    org_after_n: dict[int, int] = {}
    removed_org: list[pl.DataFrame] = []
    for i in org_changes:
        resolved = {code for x, _ in cands[i].bundle for code in x.resolves}
        gone = cur_org_find.filter(pl.col("code").is_in(list(resolved)))
        org_after_n[i] = cur_org_find.height - gone.height
        removed_org.append(gone.with_columns(_cand=pl.lit(i, pl.Int64)))
    # exposure removed: first-order marginal effects of the findings each candidate removes
    # (minus those it adds) on the organisation-level result of the current state
    d_exp_of: dict[int, float] = {}
    ex = cur.exposure
    if ex is not None:
        key = ["_cand", "dataset_id", "code"]
        # the current findings of each candidate's datasets, candidate by candidate in the
        # order of the current findings
        cur_tag = (cur_find.with_row_index("_pos")
                   .join(pairs, on="dataset_id", how="inner")
                   .sort("_cand", "_pos").drop("_pos")
                   .select(*cur_find.columns, "_cand"))
        if new_findings is not None and new_findings.height:
            new_tag = _untag(new_findings)
        else:
            new_tag = cur_tag.clear()
        removed = pl.concat([cur_tag.join(new_tag.select(key), on=key, how="anti"),
                             *removed_org], how="diagonal_relaxed")
        added = new_tag.join(cur_tag.select(key), on=key, how="anti")
        for sign, fr in ((1.0, removed), (-1.0, added)):
            if fr.height == 0:
                continue
            m = ex.finding_marginals(fr.drop("_cand"), frame).to_numpy()
            cand = fr["_cand"].to_numpy()
            # summed in row order (a polars group_by sums floats in a varying order: the
            # last bits, and so a close ranking, changed from run to run)
            sums = np.bincount(cand, weights=m)
            for c in np.unique(cand).tolist():
                d_exp_of[c] = d_exp_of.get(c, 0.0) + sign * float(sums[c])
    # risk and findings removed per (candidate, dataset), summed per candidate in id order
    cur_scores = cur.assessment.dataset_columns(_SCORE_COLUMNS)
    delta = (pairs.join(cur_scores, on="dataset_id", how="left", maintain_order="left")
             .join(new_scores, on=["_cand", "dataset_id"], how="left", maintain_order="left",
                   suffix="_new"))
    d_risk_rows = (delta["risk_score"] - delta["risk_score_new"]).to_list()
    d_find_rows = (delta["findings_total"].cast(pl.Int64)
                   - delta["findings_total_new"].cast(pl.Int64)).to_list()
    out = []
    start = 0
    for i, done in enumerate(applied):
        stop = start + len(cand_ids[i])
        d_risk = sum(d_risk_rows[start:stop])
        d_find = sum(d_find_rows[start:stop])
        start = stop
        d_exp = max(d_exp_of.get(i, 0.0), 0.0)
        if i in org_after_n:
            d_find += cur_org_find.height - org_after_n[i]
        effort = sum(a.effort_days for a in done)
        out.append((d_exp, d_risk, float(d_find), effort, done))
    return out


def plan(
    source: Inventory | Assessment | pl.DataFrame,
    budget_days: float | None = None,
    *,
    inventory: Inventory | None = None,
    organisation: Organisation | None = None,
    today: date | None = None,
    seed: int = 0,
    n_draws: int = 20_000,
    model: RiskModel | None = None,
    catalogue: Catalogue | None = None,
    weights: tuple[float, float, float] = DEFAULT_WEIGHTS,
    screening_draws: int = 5_000,
    horizon_years: float = 1.0,
    fine_model: Any = None,
) -> Plan:
    """Prioritised remediation plan in the legal-first order of the catalogue's bands, greedy
    by benefit per person-day within a band (module docstring).

    Parameters
    ----------
    source : Inventory, Assessment or polars.DataFrame
        What to remediate. With an :class:`Assessment`, its model, date and organisation
        are used; pass ``inventory=`` when you have it.
    budget_days : float, optional
        Person-days available; ``None``: no limit (every useful action is planned).
    inventory : Inventory, optional
        The assessed inventory, when ``source`` is an assessment.
    organisation : Organisation, optional
        Defaults to the source's; without one the plan ranks on risk and findings only.
    today : datetime.date, optional
    seed, n_draws : int
        Settings of the exact simulations after each step (and of the baseline).
    model : RiskModel, optional
    catalogue : Catalogue, optional
        Efforts and costs (:func:`load_catalogue` for your own figures).
    weights : (float, float, float)
        Benefit weights of exposure, risk score and findings removed.
    screening_draws : int, default 5 000
        Not used any more: the screening ranks on the marginal effects of the current
        state's exact simulation (computed on ``EnforcementModel.attribution_draws`` of its
        draws); kept so that existing calls still work.
    horizon_years : float, default 1.0
    fine_model : FineModel, optional

    Returns
    -------
    Plan

    Examples
    --------
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> f = frame_from_records([{"dataset_id": "hr", "name": "HR",
    ...     "data_categories": ["identity", "health"], "legal_basis": "legal_obligation",
    ...     "data_subjects": ["employees"], "subject_count": 300, "privacy_notice": True,
    ...     "systematic_monitoring": True}])  # monitored employees: a DPIA is required
    >>> p = plan(f, organisation=Organisation(name="Acme", turnover_eur=2e7),
    ...          today=date(2025, 1, 1), n_draws=2_000)
    >>> i = p.actions.index("carry_out_dpia")  # no DPO: appointed right before the DPIA
    >>> p.actions[i - 1], p.steps["prerequisite_of"][i - 1]
    ('designate_dpo', 'carry_out_dpia')
    >>> p.steps["band"].to_list()[0]  # Art. 9 data without an Art. 9(2) condition: stop first
    'stop_unlawful'
    >>> bool(p.steps["remaining_expected_exposure"].is_sorted(descending=True))
    True
    """
    frame, org, model, today = _source(source, inventory, organisation, model, today)
    catalogue = catalogue or default_catalogue()
    w_exp, w_risk, w_find = weights
    # findings given to the assessment from elsewhere (a reconciled scan) stay in every state
    extra = source.extra_findings if isinstance(source, Assessment) else None
    kw = dict(model=model, today=today, seed=seed, horizon_years=horizon_years,
              fine_model=fine_model, extra_findings=extra)
    baseline = evaluate(frame, org, n_draws=n_draws, **kw)
    findings0 = baseline.assessment.finding_keys
    all_ids = frame.get_column("dataset_id")
    targets = {a.key: action_targets(a, findings0, all_ids, None) for a in catalogue}
    b = baseline.portfolio
    scale_exp = b["expected_exposure"] or 0.0
    scale_risk = b["risk_score_total"] or 0.0
    scale_find = float(b["findings_total"] or 0)

    done: set[str] = set()
    step_of: dict[str, int] = {}
    remaining = set(catalogue.keys)
    cur, cur_frame, cur_org = baseline, frame, org
    spent = 0.0
    rows: list[dict[str, Any]] = []
    cum_effort = cum_cost = 0.0
    while remaining:
        cands: list[_Candidate] = []
        for key in catalogue.keys:
            if key not in remaining:
                continue
            action = catalogue[key]
            bundle = []
            for p in action.requires:
                unmet = p.action not in done and not (
                    p.unless and cur_org is not None and getattr(cur_org, p.unless, False))
                if unmet:
                    bundle.append((catalogue[p.action], targets[p.action]))
            bundle.append((action, targets[key]))
            cands.append(_Candidate(action, targets[key], bundle))
        if not cands:
            break
        # legal-first: the first band with a useful action that fits wins, so the bands are
        # screened in rank order and the later ones only when the earlier give nothing
        by_band: dict[int, list[_Candidate]] = {}
        for c in cands:
            by_band.setdefault(catalogue.band_of(c.action.key).rank, []).append(c)
        best, best_ratio = None, 0.0
        for rank in sorted(by_band):
            group = by_band[rank]
            screened = _screen(group, cur_frame, cur_org, cur, model=model, today=today,
                               extra_findings=extra)
            for c, (d_exp, d_risk, d_find, effort, applied) in zip(group, screened, strict=True):
                if not applied[-1].changed:  # nothing left to do for this action
                    remaining.discard(c.action.key)
                    continue
                benefit = ((w_exp * d_exp / scale_exp if scale_exp > 0 else 0.0)
                           + (w_risk * d_risk / scale_risk if scale_risk > 0 else 0.0)
                           + (w_find * d_find / scale_find if scale_find > 0 else 0.0))
                if benefit <= 1e-12 or effort <= 0:
                    continue
                if budget_days is not None and spent + effort > budget_days + 1e-9:
                    continue
                ratio = benefit / effort
                if best is None or ratio > best_ratio + 1e-15:  # within the band, the best ratio
                    best, best_ratio = c, ratio
            if best is not None:
                break
        if best is None:
            break
        for j, (action, tg) in enumerate(best.bundle):
            new_frame, new_org, applied = apply_action(cur_frame, cur_org, action, tg,
                                                       model=model, today=today)
            nxt = evaluate(new_frame, new_org, n_draws=n_draws, previous=cur, **kw)
            cum_effort += applied.effort_days
            cum_cost += applied.cost_eur
            spent += applied.effort_days
            p0, p1 = cur.portfolio, nxt.portfolio
            band, owner = catalogue.band_of(action.key), catalogue.owner_of(action.key)
            depends = [step_of[p.action] for p in action.requires if p.action in step_of]
            rows.append({
                "step": len(rows) + 1, "action": action.key, "label_fr": action.label_fr,
                "label_en": action.label_en, "seed_action": action.seed_action,
                "seed_action_label_fr": seed_action_label(action.seed_action, "fr"),
                "seed_action_label_en": seed_action_label(action.seed_action, "en"),
                "prerequisite_of": best.action.key if j < len(best.bundle) - 1 else None,
                "effort_days": applied.effort_days, "cost_eur": applied.cost_eur,
                "cumulative_effort_days": cum_effort, "cumulative_cost_eur": cum_cost,
                "datasets": list(applied.datasets), "n_datasets": applied.n_datasets,
                "organisation": applied.organisation_changed,
                "findings_resolved": p0["findings_total"] - p1["findings_total"],
                "risk_removed": p0["risk_score_total"] - p1["risk_score_total"],
                "exposure_removed": None if p0["expected_exposure"] is None or p1["expected_exposure"] is None
                else p0["expected_exposure"] - p1["expected_exposure"],
                "benefit_per_day": best_ratio,
                "remaining_expected_exposure": p1["expected_exposure"],
                "remaining_p90_exposure": p1["p90_exposure"],
                "remaining_risk_total": p1["risk_score_total"],
                "remaining_findings": p1["findings_total"],
                "band": band.key, "band_rank": band.rank, "band_label_fr": band.label_fr,
                "band_label_en": band.label_en, "owner": owner.key,
                "owner_label_fr": owner.label_fr, "owner_label_en": owner.label_en,
                "horizon": catalogue.horizon_of(action.key), "depends_on": depends,
                "external_costs_fr": action.external_costs_fr if applied.cost_eur else "",
                "external_costs_en": action.external_costs_en if applied.cost_eur else "",
            })
            step_of[action.key] = len(rows)
            done.add(action.key)
            remaining.discard(action.key)
            cur, cur_frame, cur_org = nxt, new_frame, new_org
    left_out = tuple(k for k in catalogue.keys if k not in done and targets[k].len()
                     and catalogue[k].scope == "findings")
    steps = pl.DataFrame(rows, schema=PLAN_COLUMNS)
    return Plan(steps, baseline, cur, budget_days, seed, n_draws, today, tuple(weights),
                left_out, catalogue)
