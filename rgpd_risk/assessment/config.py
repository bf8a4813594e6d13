"""The risk model: every weight, threshold and band of the assessment, in one frozen object.

**Everything in :class:`RiskModel` is our own modelling choice**, not law and not a published
method, unless a field's comment cites a source. The published methods fix the *scales* we
use (CNIL PIA 2018: four levels of severity and likelihood, no numeric combination and no
colour zones; ENISA 2013: ``SE = DPC x EI + CB`` and its four bands; WP248 rev.01: nine
criteria and "two or more presumes a DPIA"); how inventory fields are turned into positions
on those scales is ours, and every such number lives here so that a user can contest and
override it::

    model = RiskModel.from_dict({"large_scale_threshold": 10_000})
    model = RiskModel.from_yaml("my_model.yaml")

See ``docs/risk_model.md`` for the rationale of each default.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = ["RiskModel", "FEARED_EVENTS", "RISK_LEVELS", "ENISA_BANDS"]

#: CNIL PIA (2018): the three feared events, in the CNIL's order.
FEARED_EVENTS: tuple[str, ...] = ("access", "modification", "disappearance")

#: Our four score bands, in increasing order.
RISK_LEVELS: tuple[str, ...] = ("low", "medium", "high", "critical")

#: ENISA (2013) severity bands, in increasing order.
ENISA_BANDS: tuple[str, ...] = ("low", "medium", "high", "very high")


def _frozen(mapping: Mapping) -> MappingProxyType:
    return MappingProxyType(
        {k: _frozen(v) if isinstance(v, Mapping) else v for k, v in mapping.items()}
    )


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# Exposure features are numbers in [0, 1] computed per dataset (see ``cnil.py``); the weight
# says how many likelihood points a fully present feature adds for that feared event.
_EXPOSURE = {
    "access": {"base": 1.0, "internet": 1.0, "people": 1.0, "recipients": 1.0,
               "processors": 0.5, "transfers": 0.5, "incidents": 1.0},
    "modification": {"base": 1.0, "internet": 1.0, "people": 1.0, "recipients": 0.0,
                     "processors": 0.25, "transfers": 0.0, "incidents": 1.0},
    "disappearance": {"base": 1.0, "internet": 1.0, "people": 0.5, "recipients": 0.0,
                      "processors": 0.25, "transfers": 0.0, "incidents": 1.0},
}
# Likelihood points removed by each Art. 32 measure, per feared event. All >= 0, so adding a
# measure can never raise a likelihood (a property test checks it).
_CONTROLS = {
    "access": {"encryption_at_rest": 0.75, "access_control": 0.75, "mfa": 0.5,
               "encryption_in_transit": 0.5, "logging": 0.25, "pseudonymisation": 0.25,
               "staff_training": 0.25, "processor_control": 0.25,
               "software_protection": 0.25, "physical_security": 0.25},
    "modification": {"access_control": 0.75, "mfa": 0.5, "logging": 0.5, "backup": 0.5,
                     "encryption_in_transit": 0.25, "software_protection": 0.25,
                     "staff_training": 0.25},
    "disappearance": {"backup": 1.5, "physical_security": 0.5, "software_protection": 0.5,
                      "access_control": 0.25},
}


@dataclass(frozen=True)
class RiskModel:
    """All weights, thresholds and bands of the assessment (our modelling choices).

    Parameters are grouped by what they feed. Nested mappings are read-only; build a new
    model with :meth:`from_dict` / :meth:`replace` to change them.

    Examples
    --------
    >>> m = RiskModel()
    >>> m.large_scale_threshold, m.score_bands
    (5000, (25.0, 50.0, 75.0))
    >>> RiskModel.from_dict({"large_scale_threshold": 10_000}).large_scale_threshold
    10000
    >>> m.replace(likelihood_controls={"access": {"mfa": 2.0}}).likelihood_controls["access"]["mfa"]
    2.0
    """

    # --- scale (WP248 criterion 5, Art. 35(3)(b)(c), Art. 37(1), Art. 83(2)(a)) -----------
    #: Number of people from which processing counts as "large scale". WP248 gives no
    #: number: ours. ``subject_count`` null is counted as large when the next flag is True.
    large_scale_threshold: int = 5_000
    unknown_count_is_large: bool = True
    #: "Very large": raises CNIL severity and the ENISA DPC by one (ours; ENISA's own volume
    #: factor is about the amount of data per person, which inventories do not record).
    very_large_threshold: int = 100_000

    # --- data minimisation (Art. 5(1)(c), 25(2)) -----------------------------------------
    #: Finding when more people have access than this, whatever the population (ours).
    access_absolute_threshold: int = 250
    #: ... or when access_count > ratio x subject_count and access_count >= access_ratio_min.
    access_ratio_threshold: float = 0.10
    access_ratio_min: int = 10
    #: People with access: >= this many is "many" (likelihood exposure 1.0; >= 10 is 0.5).
    access_many: int = 100

    # --- Art. 8 --------------------------------------------------------------------------
    #: Country whose Art. 8(1) age applies; None = the organisation's country, else "FR".
    country: str | None = None
    #: Extra or corrected national ages, e.g. {"XX": 14}; the sourced table is
    #: :data:`rgpd_risk.assessment.rules.CONSENT_AGES`.
    consent_age_overrides: Mapping[str, int] = field(default_factory=dict)

    # --- French layer (issue #15; sources in docs/legal_sources.md) ------------------------
    #: Register hygiene: an entry whose ``last_reviewed`` is older than this (or missing) is a
    #: point of attention (Art. 30(1), 24(1) "reviewed and updated where necessary"). Ours.
    review_max_months: int = 24
    #: Telephone prospecting of consumers needs prior consent from this date (loi n° 2025-594
    #: du 30 juin 2025, C. consom. art. L223-1; date from secondary sources — override it).
    phone_consent_from: date = date(2026, 8, 11)
    #: CNIL reference for call recordings (NS 57, délib. 2014-474: 6 months; secondary) and
    #: for evaluation documents built from them (1 year; secondary).
    recording_max_months: float = 6.0
    evaluation_max_months: float = 12.0
    #: ``recording_scope`` not declared on a call-recording dataset: counted as "all"
    #: (pessimistic, ours).
    unknown_recording_scope_is_all: bool = True
    #: Subjects that count as vulnerable for the DPIA screening only with monitoring or
    #: evaluation (systematic monitoring, profiling, automated decision, or a purpose of
    #: monitoring / evaluation / recruitment): the French reading of WP248 criterion 7 in the
    #: CNIL list 2018-327 (items 3 and 4 pair employees with profiling or monitoring). Ours.
    dpia_workplace_subjects: tuple[str, ...] = ("employees", "candidates", "contractors")
    #: Large scale for the DPIA screening (WP248 criterion 5, Art. 35(3)(b)(c)); WP248 gives
    #: no number, nor does the CNIL: ours, overridable. The seriousness keeps
    #: ``large_scale_threshold``.
    dpia_large_scale_threshold: int = 10_000
    #: "Highly personal" categories for WP248 criterion 4 besides Art. 9/10 data and the NIR.
    #: WP248 cites communications, location and financial data "that might be used for
    #: payment fraud": our default keeps location and payment cards; set
    #: ``dpia_communications_highly_personal`` to count every communications dataset.
    dpia_highly_personal: tuple[str, ...] = ("location", "payment_card")
    dpia_communications_highly_personal: bool = False
    #: Purposes ancillary to other processing (backups, logs, helpdesk, mailboxes): their
    #: WP248 count alone gives at most "recommended" — the DPIA of the processing they serve
    #: covers them — unless a CNIL 2018-327 item or an Art. 35(3) case applies. Ours.
    dpia_ancillary_purposes: tuple[str, ...] = ("it_operations",)
    #: CNIL 2019-118 item 1 (HR of organisations employing fewer than 250 people): headcount
    #: when the organisation profile gives none (None: the exemption is not applied).
    employees: int | None = None

    #: A dataset whose register lists category labels the loader could not map
    #: (``unmapped_categories``) may hold data of any category (issue 17): it is scored as if it
    #: held data of at least this ENISA data-processing-context level (1 simple, 2 behavioural,
    #: 3 financial / NIR, 4 Art. 9/10) — it feeds the CNIL access severity and the ENISA DPC.
    #: Our choice, overridable: 2 (behavioural) because free-text labels that match nothing are
    #: in practice descriptions of habits, preferences or activity more often than of the
    #: listed sensitive kinds (which the vocabulary recognises in many phrasings); assuming 4
    #: would rank every unmapped label with health data. Set 1 to disable (the labels then only
    #: raise the Art. 30(1)(c) point of attention), 3 or 4 to be more pessimistic.
    unmapped_category_dpc: int = 2

    # --- EDPB 04/2022 seriousness (Art. 83(2)(a), (b), (g)) ------------------------------
    #: Intent (Art. 83(2)(b)) cannot be read from an inventory: negligence is assumed. Set
    #: True to raise every finding one level (e.g. after an earlier warning was ignored).
    assume_intent: bool = False

    # --- CNIL severity (1-4) -------------------------------------------------------------
    severity_vulnerable_increment: int = 1
    #: Volume is scale, not harm: the CNIL PIA method rates severity by the prejudice to the
    #: person, so a very large population does not raise it (our reading; volume is shown
    #: apart in the reports). Set 1 for the former "+1 if very large".
    severity_very_large_increment: int = 0
    #: Lowered when people are hard to identify (ENISA ease-of-identification levels).
    severity_identifiability_reduction: Mapping[str, int] = field(
        default_factory=lambda: {"maximum": 0, "significant": 0, "limited": 1, "negligible": 2})
    #: Unwanted modification / disappearance: harm comes from wrong or missing data, not
    #: from disclosure. Severity = base, +1 when the highest DPC reaches the threshold
    #: (financial, NIR, Art. 9/10: errors or loss cause material or health harm), +1 for
    #: vulnerable people, +1 when decisions rest on the data (automated decision or blocking
    #: a right / service), minus the identifiability reduction; clamped to 1-4.
    integrity_availability_base: int = 1
    integrity_availability_dpc_threshold: int = 3
    decision_reliance_increment: int = 1

    # --- CNIL likelihood (1-4) -----------------------------------------------------------
    likelihood_exposure: Mapping[str, Mapping[str, float]] = field(
        default_factory=lambda: _EXPOSURE)
    likelihood_controls: Mapping[str, Mapping[str, float]] = field(
        default_factory=lambda: _CONTROLS)
    #: Recipients / processors counted up to this number (exposure feature = n / cap).
    sharing_cap: int = 4
    #: Exposure of ``incidents_12m`` null (unknown): pessimistic, half of "had incidents".
    unknown_incidents_exposure: float = 0.5

    # --- ENISA (2013) --------------------------------------------------------------------
    enisa_vulnerable_increment: int = 1
    enisa_very_large_increment: int = 1
    #: ENISA EI values (published): negligible 0.25, limited 0.5, significant 0.75, maximum 1.
    enisa_ei: Mapping[str, float] = field(default_factory=lambda: {
        "negligible": 0.25, "limited": 0.5, "significant": 0.75, "maximum": 1.0})
    #: CB confidentiality loss for our scenario (ENISA: 0.25 known recipients, 0.5 unknown /
    #: unlimited recipients). Internet-exposed -> 0.5, internal -> 0.25 (our reading).
    enisa_cb_exposed: float = 0.5
    enisa_cb_internal: float = 0.25
    #: ENISA malicious-intent add-on (+0.5); our scenario assumes a malicious breach.
    enisa_malicious_intent: float = 0.5
    #: ENISA bands (published): SE < 2 low, < 3 medium, < 4 high, >= 4 very high.
    enisa_band_thresholds: tuple[float, float, float] = (2.0, 3.0, 4.0)
    #: Arts 33/34 mapping (a convention, methodology §3): from which band to notify / inform.
    notify_from_band: str = "medium"
    inform_from_band: str = "high"

    # --- additive score (0-100) ----------------------------------------------------------
    #: Factor weights; they must sum to 100 so that the score lies in [0, 100].
    score_weights: Mapping[str, float] = field(default_factory=lambda: {
        "access_risk": 20.0, "modification_risk": 7.5, "disappearance_risk": 7.5,
        "scale": 10.0, "dpia_criteria": 10.0, "findings": 45.0})
    #: Scale factor = log10(people) / log10(reference), capped at 1; unknown -> 1.
    scale_reference: int = 1_000_000
    #: DPIA-criteria factor saturates at this many criteria.
    dpia_criteria_saturation: int = 4
    #: Points of one finding by EDPB seriousness, multiplied by its tier's factor.
    finding_points: Mapping[str, float] = field(default_factory=lambda: {
        "low": 1.0, "medium": 2.0, "high": 4.0})
    tier_multiplier: Mapping[str, float] = field(default_factory=lambda: {
        "83(4)": 1.0, "83(5)": 1.5})
    #: The findings factor saturates at this many points.
    findings_saturation: float = 40.0
    #: Score -> level: < 25 low, < 50 medium, < 75 high, else critical.
    score_bands: tuple[float, float, float] = (25.0, 50.0, 75.0)

    def __post_init__(self) -> None:
        for name in ("consent_age_overrides", "severity_identifiability_reduction",
                     "likelihood_exposure", "likelihood_controls", "enisa_ei",
                     "score_weights", "finding_points", "tier_multiplier"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))
        for name in ("dpia_workplace_subjects", "dpia_highly_personal",
                     "dpia_ancillary_purposes"):
            object.__setattr__(self, name, tuple(str(x) for x in getattr(self, name)))
        if isinstance(self.phone_consent_from, str):
            object.__setattr__(self, "phone_consent_from",
                               date.fromisoformat(self.phone_consent_from))
        for name in ("enisa_band_thresholds", "score_bands"):
            object.__setattr__(self, name, tuple(float(x) for x in getattr(self, name)))
        total = sum(self.score_weights.values())
        if abs(total - 100.0) > 1e-9:
            raise ValueError(f"score_weights must sum to 100, got {total}")
        expected = {"access_risk", "modification_risk", "disappearance_risk", "scale",
                    "dpia_criteria", "findings"}
        if set(self.score_weights) != expected:
            raise ValueError(f"score_weights keys must be {sorted(expected)}")
        weights = [*self.score_weights.values(), *self.finding_points.values(),
                   *self.tier_multiplier.values()]
        for event in self.likelihood_controls.values():
            weights.extend(event.values())
        for event in self.likelihood_exposure.values():
            weights.extend(event.values())
        if any(w < 0 for w in weights):
            raise ValueError("weights must be >= 0 (a measure may never raise a risk)")
        if isinstance(self.unmapped_category_dpc, bool) or self.unmapped_category_dpc not in (1, 2, 3, 4):
            raise ValueError(
                f"unmapped_category_dpc must be an ENISA DPC level 1-4, got {self.unmapped_category_dpc!r}")
        for name in ("notify_from_band", "inform_from_band"):
            if getattr(self, name) not in ENISA_BANDS:
                raise ValueError(f"{name} must be one of {ENISA_BANDS}")
        if list(self.score_bands) != sorted(self.score_bands):
            raise ValueError("score_bands must be increasing")
        if list(self.enisa_band_thresholds) != sorted(self.enisa_band_thresholds):
            raise ValueError("enisa_band_thresholds must be increasing")

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> RiskModel:
        """Defaults overridden by ``values``; nested mappings are merged one level deep.

        Examples
        --------
        >>> m = RiskModel.from_dict({"likelihood_controls": {"access": {"mfa": 1.0}}})
        >>> m.likelihood_controls["access"]["mfa"], m.likelihood_controls["access"]["logging"]
        (1.0, 0.25)
        """
        return cls().replace(**values)

    @classmethod
    def from_yaml(cls, path: str | Path) -> RiskModel:
        """Read overrides from a YAML mapping (see :meth:`from_dict`)."""
        import yaml

        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(raw, Mapping):
            raise ValueError(f"{path}: expected a YAML mapping of RiskModel fields")
        return cls.from_dict(raw)

    def replace(self, **changes: Any) -> RiskModel:
        """A copy with some fields changed; nested mappings are merged, not replaced."""
        names = {f.name for f in dataclasses.fields(self)}
        unknown = set(changes) - names
        if unknown:
            raise ValueError(f"unknown RiskModel field(s): {sorted(unknown)}")
        merged: dict[str, Any] = {}
        for key, value in changes.items():
            current = getattr(self, key)
            if isinstance(current, Mapping) and isinstance(value, Mapping):
                base = _thaw(current)
                for k, v in value.items():
                    if isinstance(base.get(k), dict) and isinstance(v, Mapping):
                        base[k] = {**base[k], **v}
                    else:
                        base[k] = v
                merged[key] = base
            else:
                merged[key] = value
        return dataclasses.replace(self, **merged)

    def to_dict(self) -> dict[str, Any]:
        """Plain, YAML/JSON-friendly dict of every field.

        Examples
        --------
        >>> RiskModel().to_dict()["score_weights"]["findings"]
        45.0
        """
        return {f.name: _thaw(getattr(self, f.name)) for f in dataclasses.fields(self)}
