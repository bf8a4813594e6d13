"""How an action changes the inventory: the effect vocabulary of the catalogue, as
vectorised polars expressions, and :func:`apply_actions`.

Every effect only *adds* a protection (a measure, a contract, a right, a shorter exposure),
so an action can never raise a risk; every effect is idempotent (applying it twice equals
applying it once), and two actions never write different values to the same cell of the
same dataset, so the order of the actions does not matter. Property tests check all three.

Which datasets an action touches is decided on the **baseline** (the inventory before any
action): the datasets with a finding it resolves (``scope: findings``), every dataset
(``all_datasets``) or the organisation profile (``organisation``), restricted to the
dataset ids the user gives. Among those, only the rows the effects actually change count
(for the effort and the "datasets touched" lists).

Effect vocabulary (one key per effect):

=================  ===================================================================
``set``            ``{column: value}``: the literal, cast to the inventory dtype
``add_measures``   ``[key, ...]``: added to ``security_measures`` (the list is then sorted, no
                   duplicates)
``remove_categories`` ``[key, ...]``: removed from ``data_categories`` (data no longer
                   kept in this processing, e.g. medical data an employer must not hold)
``retention_months`` ``N``: retention limit of N months from collection recorded in the
                   register (text, months, status ``parsed``) and older records purged
``purge_expired``  ``oldest_record_date`` moved to ``today − retention`` when older
``restrict_access`` ``access_count`` lowered to the :class:`RiskModel` need-to-know
                   thresholds (≤ ``access_absolute_threshold`` and ≤ ``access_ratio_threshold``
                   × people, or below ``access_ratio_min``); unknown counts stay unknown
``fill_blank``     ``{column: text}``: fills a blank text field
``organisation``   ``{field: value}``: changes the organisation profile
=================  ===================================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from rgpd_risk.assessment.config import RiskModel
from rgpd_risk.inventory.organisation import Organisation
from rgpd_risk.inventory.retention import DAYS_PER_MONTH
from rgpd_risk.inventory.schema import INVENTORY_SCHEMA, canonical_frame
from rgpd_risk.remediation.catalogue import (
    COMPLEXITY_FLAGS,
    Catalogue,
    RemediationAction,
    Scale,
    default_catalogue,
)
from rgpd_risk.schemas import ORGANISATION_DATASET_ID

__all__ = ["ActionSpec", "AppliedAction", "normalise_actions",
           "action_targets", "apply_action", "apply_actions", "scale_of"]

#: An action as users write it: ``"key"``, ``("key", None)`` or ``("key", ["id", ...])``.
ActionSpec = str | tuple[str, Sequence[str] | None]

_NO_ORG = "(no organisation profile)"


@dataclass(frozen=True)
class AppliedAction:
    """What applying one action did: the datasets changed, effort and cost."""

    key: str
    datasets: tuple[str, ...]
    organisation_changed: bool
    effort_days: float
    cost_eur: float

    @property
    def n_datasets(self) -> int:
        return len(self.datasets)

    @property
    def changed(self) -> bool:
        return bool(self.datasets) or self.organisation_changed


def normalise_actions(actions: Iterable[ActionSpec] | ActionSpec,
                      catalogue: Catalogue | None = None
                      ) -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """Canonical ``(key, ids or None)`` pairs; aliases resolved, unknown keys rejected.

    Examples
    --------
    >>> normalise_actions(["designate_dpo", ("purge_old_records", ["crm"])])
    (('designate_dpo', None), ('purge_expired_records', ('crm',)))
    """
    catalogue = catalogue or default_catalogue()
    if isinstance(actions, str) or (isinstance(actions, tuple) and len(actions) == 2
                                    and isinstance(actions[0], str)
                                    and not isinstance(actions[1], str)):
        actions = [actions]  # type: ignore[list-item]
    out = []
    for spec in actions:  # type: ignore[union-attr]
        if isinstance(spec, str):
            key, ids = spec, None
        else:
            key, ids = spec
        if isinstance(ids, str):
            ids = [ids]
        out.append((catalogue.resolve_key(key), None if ids is None else tuple(ids)))
    return tuple(out)


def action_targets(action: RemediationAction, baseline_findings: pl.DataFrame,
                   all_ids: pl.Series, ids: Sequence[str] | None) -> pl.Series:
    """Dataset ids the action may change, decided on the baseline findings."""
    if action.scope == "organisation":
        return pl.Series("dataset_id", [], dtype=pl.Utf8)
    if action.scope == "all_datasets":
        targets = all_ids
    else:
        targets = (baseline_findings.filter(pl.col("code").is_in(list(action.resolves))
                                            & (pl.col("dataset_id") != ORGANISATION_DATASET_ID))
                   .get_column("dataset_id").unique(maintain_order=True))
    if ids is not None:
        targets = targets.filter(targets.is_in(list(ids)))
    return targets.alias("dataset_id")


def _effect_exprs(kind: str, arg: Any, target: pl.Expr, *, model: RiskModel,
                  today: date) -> list[list[pl.Expr]]:
    """Expression passes (one ``with_columns`` each) of one effect on the target rows."""
    if kind == "set":
        return [[pl.when(target).then(pl.lit(v, dtype=INVENTORY_SCHEMA[c])).otherwise(pl.col(c))
                 .alias(c) for c, v in dict(arg).items()]]
    if kind == "add_measures":
        measures = [str(m) for m in arg]
        col = pl.col("security_measures")
        lacking = pl.any_horizontal([~col.list.contains(m).fill_null(False) for m in measures])
        # Sorted once something is added, so that the result does not depend on the order
        # in which actions are applied (the list is a set of measures).
        added = col.list.concat(pl.lit(measures, dtype=pl.List(pl.Utf8))).list.unique().list.sort()
        return [[pl.when(target & lacking).then(added).otherwise(col).alias("security_measures")]]
    if kind == "remove_categories":
        gone = [str(c) for c in arg]
        col = pl.col("data_categories")
        kept = col.list.eval(pl.element().filter(~pl.element().is_in(gone)))
        return [[pl.when(target).then(kept).otherwise(col).alias("data_categories")]]
    if kind == "fill_blank":
        return [[pl.when(target & (pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "")))
                 .then(pl.lit(str(v))).otherwise(pl.col(c)).alias(c) for c, v in dict(arg).items()]]
    if kind == "retention_months":
        months = float(arg)
        record = [
            pl.when(target).then(pl.lit(f"{months:g} mois")).otherwise(pl.col("retention_text"))
            .alias("retention_text"),
            pl.when(target).then(pl.lit(months)).otherwise(pl.col("retention_months"))
            .alias("retention_months"),
            pl.when(target).then(pl.lit("parsed")).otherwise(pl.col("retention_status"))
            .alias("retention_status"),
            pl.when(target).then(pl.lit("collection")).otherwise(pl.col("retention_event"))
            .alias("retention_event"),
        ]
        return [record, *_effect_exprs("purge_expired", True, target, model=model, today=today)]
    if kind == "purge_expired":
        # Art. 5(1)(e): after the purge nothing is older than the limit counted from today
        # (the rule's test is "days kept − months × DAYS_PER_MONTH > 0", floor keeps it ≤ 0).
        limit = pl.lit(today) - pl.duration(
            days=(pl.col("retention_months") * DAYS_PER_MONTH).floor().cast(pl.Int64))
        old = pl.col("oldest_record_date")
        purge = (target & (pl.col("retention_status") == "parsed").fill_null(False)
                 & pl.col("retention_months").is_not_null() & old.is_not_null() & (old < limit))
        return [[pl.when(purge.fill_null(False)).then(limit).otherwise(old)
                 .alias("oldest_record_date")]]
    if kind == "restrict_access":
        ac, n = pl.col("access_count"), pl.col("subject_count")
        ratio_cap = pl.max_horizontal(
            pl.lit(model.access_ratio_min - 1, dtype=pl.Int64),
            (n.cast(pl.Float64) * model.access_ratio_threshold).floor().cast(pl.Int64))
        cap = pl.when(n.is_null()).then(pl.lit(model.access_absolute_threshold, dtype=pl.Int64)) \
            .otherwise(pl.min_horizontal(pl.lit(model.access_absolute_threshold, dtype=pl.Int64),
                                         ratio_cap))
        return [[pl.when(target & ac.is_not_null() & (ac > cap)).then(cap).otherwise(ac)
                 .cast(pl.Int64).alias("access_count")]]
    if kind == "organisation":
        return []
    raise ValueError(f"unknown effect {kind!r}")  # pragma: no cover - validated by the catalogue


def _written_columns(action: RemediationAction) -> list[str]:
    cols: list[str] = []
    for effect in action.effects:
        kind, arg = next(iter(effect.items()))
        if kind in ("set", "fill_blank"):
            cols += list(dict(arg))
        elif kind == "add_measures":
            cols.append("security_measures")
        elif kind == "remove_categories":
            cols.append("data_categories")
        elif kind == "retention_months":
            cols += ["retention_text", "retention_months", "retention_status", "retention_event",
                     "oldest_record_date"]
        elif kind == "purge_expired":
            cols.append("oldest_record_date")
        elif kind == "restrict_access":
            cols.append("access_count")
    return list(dict.fromkeys(cols))


def _organisation_update(action: RemediationAction) -> dict[str, Any]:
    update: dict[str, Any] = {}
    for effect in action.effects:
        kind, arg = next(iter(effect.items()))
        if kind == "organisation":
            update.update(dict(arg))
    return update


def scale_of(frame: pl.DataFrame, ids: Sequence[str], organisation: Organisation | None,
             *, n_datasets: int | None = None) -> Scale:
    """What the rows ``ids`` of ``frame`` represent for the effort of an action
    (:class:`~rgpd_risk.remediation.catalogue.Scale`): vendors, countries, complexity points,
    and the organisation's headcount (0 when unknown).

    Examples
    --------
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> f = frame_from_records([
    ...     {"dataset_id": "a", "name": "A", "processors": ["X", "Y"], "third_countries": ["US"],
    ...      "profiling": True},
    ...     {"dataset_id": "b", "name": "B", "processors": ["X"], "third_countries": ["IN", "US"]},
    ...     {"dataset_id": "c", "name": "C"}])
    >>> scale_of(f, ["a", "b", "c"], Organisation(name="o", employees=310))
    Scale(datasets=3, employees=310, vendors=3, countries=2, complexity=3)
    """
    if not ids:
        return _scale_of_rows(None, organisation, n_datasets=n_datasets or 0)
    return _scale_of_rows(frame.filter(pl.col("dataset_id").is_in(list(ids))), organisation,
                          n_datasets=n_datasets)


def _scale_of_rows(rows: pl.DataFrame | None, organisation: Organisation | None,
                   *, n_datasets: int | None = None) -> Scale:
    """:func:`scale_of` of the given inventory rows (``None``: no row, ``n_datasets`` counted)."""
    employees = int(organisation.employees or 0) if organisation is not None else 0
    if rows is None:
        return Scale(datasets=n_datasets or 0, employees=employees)
    flags = [pl.col(c).fill_null(False).cast(pl.Int64) for c in COMPLEXITY_FLAGS if c in rows.columns]
    procs = rows.get_column("processors")
    named = procs.explode().drop_nulls().unique().len()
    unnamed = int((procs.list.len().fill_null(0) == 0).sum())
    countries = rows.get_column("third_countries").explode().drop_nulls().unique().len()
    complexity = int(rows.select(pl.sum_horizontal(
        *flags, (pl.col("third_countries").list.len().fill_null(0) > 0).cast(pl.Int64)).sum()).item())
    return Scale(datasets=rows.height if n_datasets is None else n_datasets, employees=employees,
                 vendors=named + unnamed, countries=countries, complexity=complexity)


def apply_action(
    frame: pl.DataFrame,
    organisation: Organisation | None,
    action: RemediationAction,
    targets: pl.Series,
    *,
    model: RiskModel,
    today: date,
) -> tuple[pl.DataFrame, Organisation | None, AppliedAction]:
    """Apply one action to the ``targets`` rows (and the organisation); report the change.

    Returns the new frame, the new organisation and an :class:`AppliedAction` listing the
    datasets whose row actually changed, with the effort and cost that implies.
    """
    cols = _written_columns(action)
    changed_ids: tuple[str, ...] = ()
    if cols and targets.len():
        target = pl.col("dataset_id").is_in(targets.implode())
        new = frame
        for effect in action.effects:
            kind, arg = next(iter(effect.items()))
            for exprs in _effect_exprs(kind, arg, target, model=model, today=today):
                new = new.with_columns(exprs)
        diff = pl.any_horizontal([pl.col(c).ne_missing(pl.col(f"__old_{c}")) for c in cols])
        changed = diff.alias("__changed")
        mask = (new.select(cols).with_columns(
            frame.select([pl.col(c).alias(f"__old_{c}") for c in cols]))
            .select(changed).to_series())
        changed_rows = new.filter(mask)
        changed_ids = tuple(changed_rows["dataset_id"].to_list())
        frame = new
    org_changed = False
    update = _organisation_update(action)
    if update:
        current = organisation or Organisation(name=_NO_ORG)
        if any(getattr(current, k) != v for k, v in update.items()):
            organisation = current.model_copy(update=update)
            org_changed = True
    if action.scope == "organisation":
        scale = _scale_of_rows(None, organisation, n_datasets=int(org_changed))
    elif not changed_ids:
        scale = _scale_of_rows(None, organisation)
    else:
        scale = _scale_of_rows(changed_rows, organisation)
    applied = AppliedAction(action.key, changed_ids, org_changed, action.effort(scale),
                            action.cost(scale))
    return frame, organisation, applied


def apply_actions(
    frame: pl.DataFrame,
    organisation: Organisation | None,
    actions: Sequence[tuple[str, tuple[str, ...] | None]],
    baseline_findings: pl.DataFrame,
    *,
    catalogue: Catalogue,
    model: RiskModel,
    today: date,
) -> tuple[pl.DataFrame, Organisation | None, tuple[AppliedAction, ...]]:
    """Apply normalised actions in order, targets decided on ``baseline_findings``.

    The same key given twice (e.g. for two sets of datasets) is applied twice; applying it
    again to the same rows changes nothing (effects are idempotent).
    """
    frame = canonical_frame(frame)
    all_ids = frame.get_column("dataset_id")
    applied: list[AppliedAction] = []
    for key, ids in actions:
        action = catalogue[key]
        targets = action_targets(action, baseline_findings, all_ids, ids)
        frame, organisation, done = apply_action(frame, organisation, action, targets,
                                                 model=model, today=today)
        applied.append(done)
    return frame, organisation, tuple(applied)
