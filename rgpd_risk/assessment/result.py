"""The immutable :class:`Assessment` returned by :func:`rgpd_risk.assessment.assess`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

import polars as pl

# The engine builds an Assessment and the Assessment renders its frames with the engine's
# functions on first access: a module alias (resolved at call time) keeps the two modules
# one unit without an import inside a function. ``rgpd_risk.assessment`` imports ``assess``
# first, so this module always finds it in sys.modules.
import rgpd_risk.assessment.assess as _engine
import rgpd_risk.assessment.export as _export
from rgpd_risk.assessment.config import RiskModel
from rgpd_risk.inventory.organisation import Organisation

if TYPE_CHECKING:
    from rgpd_risk.assessment.rules import RuleContext

__all__ = ["Assessment"]


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """JSON-friendly rows: dates as ISO strings."""
    dates = [c for c, t in frame.schema.items() if t in (pl.Date, pl.Datetime)]
    if dates:
        frame = frame.with_columns(pl.col(dates).cast(pl.Utf8))
    return frame.to_dicts()


@dataclass(frozen=True, eq=False)
class Assessment:
    """Result of an assessment: three polars frames and the settings that produced them.

    Attributes
    ----------
    datasets : polars.DataFrame
        One row per dataset (see :data:`rgpd_risk.assessment.assess.DATASET_COLUMNS`): the
        score and level (ours), CNIL severity and likelihood of each feared event, initial
        and ``_residual``, ENISA ``SE`` and the Art. 33/34 consequence, the DPIA verdict with
        its criteria, triggers and trail, and finding counts by tier and seriousness
        (breaches only; points of attention in ``findings_attention``).
    findings : polars.DataFrame
        :data:`rgpd_risk.schemas.FINDINGS_SCHEMA`, one row per (dataset, finding);
        organisation-level findings have ``dataset_id == "__organisation__"``.
    contributions : polars.DataFrame
        ``dataset_id, factor, label_en, label_fr, contribution``: the additive parts of each
        ``risk_score`` (they sum to it), in waterfall order.
    model : RiskModel
    today : datetime.date
    organisation : Organisation or None
    """

    model: RiskModel
    today: date
    organisation: Organisation | None = None
    _core: pl.DataFrame = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    _rule_context: RuleContext | None = field(default=None, repr=False, compare=False)
    _organisation_findings: pl.DataFrame | None = field(default=None, repr=False, compare=False)
    _extra_findings: pl.DataFrame | None = field(default=None, repr=False, compare=False)

    # The three frames are rendered from the computed core on first access and cached:
    # scores, levels, verdicts and finding flags are computed by ``assess``; the texts
    # (evidence, reasons, trail: several million strings for a million datasets) are only
    # built when asked for. They are deterministic, so the object stays immutable.

    @cached_property
    def _text_core(self) -> pl.DataFrame:
        """The core plus the text pieces shared by :attr:`datasets` and :attr:`findings`
        (computed once for both)."""
        return _engine.text_core(self._core, self.model)

    @cached_property
    def datasets(self) -> pl.DataFrame:
        """One row per dataset (see the class docstring)."""
        frame = _engine.render_datasets(self._text_core, self.model)
        extra = self._extra_findings
        if extra is None:
            return frame
        # Findings given to ``assess`` (e.g. discovery) join the per-dataset counts.
        breach = pl.col("kind") == "breach"
        counts = extra.group_by("dataset_id").agg(
            breach.sum().alias("findings_total"),
            (breach & (pl.col("tier") == "83(4)")).sum().alias("findings_83_4"),
            (breach & (pl.col("tier") == "83(5)")).sum().alias("findings_83_5"),
            *[(breach & (pl.col("seriousness") == s)).sum().alias(f"findings_{s}")
              for s in ("high", "medium", "low")],
            (~breach).sum().alias("findings_attention"),
        )
        added = frame.select("dataset_id").join(counts, on="dataset_id", how="left", maintain_order="left")
        return frame.with_columns(
            (pl.col(c) + added[c].fill_null(0).cast(frame.schema[c])).alias(c) for c in counts.columns[1:])

    @property
    def extra_findings(self) -> pl.DataFrame | None:
        """The findings given to :func:`~rgpd_risk.assessment.assess` from elsewhere (a
        reconciled scan), validated; ``None`` without any. They are also in :attr:`findings`."""
        return self._extra_findings

    @cached_property
    def findings(self) -> pl.DataFrame:
        """:data:`rgpd_risk.schemas.FINDINGS_SCHEMA` frame, dataset findings then
        organisation findings."""
        rules = _engine.render_findings(self._text_core, self._rule_context, self._organisation_findings)
        if self._extra_findings is None:
            return rules
        # Extra findings (discovery) follow the rule findings of the same dataset.
        order = self._core.select("dataset_id").with_row_index("_pos")
        both = pl.concat([rules.with_columns(pl.lit(0).alias("_src")),
                          self._extra_findings.with_columns(pl.lit(1).alias("_src"))])
        return (both.with_row_index("_i")
                .join(order, on="dataset_id", how="left", maintain_order="left")
                .sort(pl.col("_pos").fill_null(len(order)), "_src", "_i")
                .drop("_i", "_pos", "_src"))

    def dataset_columns(self, columns: list[str] | tuple[str, ...]) -> pl.DataFrame:
        """``datasets.select(columns)``, read from the core without rendering any text when
        every column is a computed one and no extra findings add to the counts."""
        cols = list(columns)
        core = self._core
        if (self._extra_findings is not None or "datasets" in self.__dict__
                or not all(c in core.columns for c in cols)):
            return self.datasets.select(cols)
        return core.select(cols)

    @cached_property
    def finding_keys(self) -> pl.DataFrame:
        """``findings.select(FINDING_KEY_COLUMNS)`` (dataset, code, articles, tier, regime,
        kind, seriousness), built from the core without rendering any text unless the
        findings are already rendered or extra findings were given."""
        cols = list(_engine.FINDING_KEY_COLUMNS)
        if self._extra_findings is not None or "findings" in self.__dict__:
            return self.findings.select(cols)
        return _engine.render_finding_keys(self._core, self._organisation_findings)

    @cached_property
    def contributions(self) -> pl.DataFrame:
        """Long frame of the additive score contributions."""
        return _engine.render_contributions(self._core)

    def __len__(self) -> int:
        return self._core.height

    def to_frame(self) -> pl.DataFrame:
        """The per-dataset frame."""
        return self.datasets

    def explain(self, dataset_id: str) -> pl.DataFrame:
        """The contributions of one dataset (a waterfall), and the findings behind them."""
        return self.contributions.filter(pl.col("dataset_id") == dataset_id)

    def summary(self) -> dict[str, Any]:
        """Counts for a board slide: datasets by level, findings by tier and seriousness."""
        d, f = self.datasets, self.findings
        client_run = self._core["_processor_only"]
        return {
            "datasets": d.height,
            "by_risk_level": dict(d.group_by("risk_level").len().sort("risk_level").iter_rows()),
            # Follows the role (issue #12): DPIAs the organisation owes as controller, and
            # those its clients owe with its help (Art. 28(3)(f)); ENISA: notify the authority
            # as controller, the client as processor (Art. 33(2)).
            "dpia_required": int(((d["dpia_verdict"] == "required") & ~client_run).sum()),
            "dpia_required_clients": int(((d["dpia_verdict"] == "required") & client_run).sum()),
            "notify_authority": int(d["notify_authority"].sum()),
            "notify_client": int(d["notify_client"].sum()),
            "inform_subjects": int(d["inform_subjects"].sum()),
            "findings": f.height,
            "findings_by_tier": dict(f.group_by("tier").len().sort("tier").iter_rows()),
            "findings_by_regime": dict(f.group_by("regime").len().sort("regime").iter_rows()),
            "findings_by_kind": dict(f.group_by("kind").len().sort("kind").iter_rows()),
            "findings_by_seriousness": dict(
                f.group_by("seriousness").len().sort("seriousness").iter_rows()),
            "organisation_findings": int((f["source"] == "organisation").sum()),
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain Python (JSON-friendly): settings, summary and all rows."""
        return {
            "today": self.today.isoformat(),
            "organisation": None if self.organisation is None
            else self.organisation.model_dump(),
            "model": self.model.to_dict(),
            "summary": self.summary(),
            "datasets": _records(self.datasets),
            "findings": _records(self.findings),
            "contributions": _records(self.contributions),
        }

    def _repr_html_(self) -> str:
        return _export.to_html(self)
