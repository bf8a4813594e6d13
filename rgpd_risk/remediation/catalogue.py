"""The remediation catalogue: what each action costs, which findings it resolves, how it
changes the inventory, which of the seed article's six actions it serves, and where it falls
in the legal-first order of the plan (its *band*), with an owner and a horizon.

The catalogue is data (``rgpd_risk/data/remediation_actions.yaml``); efforts and costs are
*our* estimates and every field can be overridden from a YAML file of the same layout with
:func:`load_catalogue` — the bands, the owners' labels and every action field. The catalogue
is also the single source of the mapping from the findings' ``action`` keys to the six seed
actions (methodology §8): :func:`seed_action_of`.

Bands (``bands:`` in the YAML, ``Catalogue.bands``) order the plan: every action names one;
the plan takes the bands in ``rank`` order and, within a band, the best exposure and risk
removed per person-day (``docs/remediation.md``). A band gives the default ``owner`` and
``horizon`` of its actions; an action may set its own.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rgpd_risk.i18n import text

__all__ = [
    "SEED_ACTIONS",
    "RemediationAction",
    "Catalogue",
    "load_catalogue",
    "default_catalogue",
    "seed_action_of",
    "seed_action_label",
    "CATALOGUE_COLUMNS",
    "HORIZONS",
    "Band",
    "Owner",
    "Scale",
    "COMPLEXITY_FLAGS",
]

#: The plan's horizons (days from the plan's date), in order.
HORIZONS: tuple[str, ...] = ("0-30", "30-90", "90-180")

#: Inventory flags that each add one complexity point to a processing activity (effort of a
#: DPIA and similar analyses grows with them; our choice, ``effort_days_per_complexity``);
#: a transfer outside the EEA (non-empty ``third_countries``) adds one more.
COMPLEXITY_FLAGS: tuple[str, ...] = (
    "profiling", "automated_decision", "systematic_monitoring", "public_area_monitoring",
    "dataset_matching", "innovative_technology", "blocks_right_or_service")

#: The six actions of the seed article (methodology §8), in order: number -> (key, FR, EN);
#: the labels are ``plan.seed_actions.<key>`` of the text catalogue, the keys those of the board.
SEED_ACTIONS: Mapping[int, tuple[str, str, str]] = {
    n: (k, text(f"plan.seed_actions.{k}", "fr"), text(f"plan.seed_actions.{k}", "en"))
    for n, k in enumerate(("audit_flows", "appoint_pilot", "inform_consent", "enable_rights",
                           "manage_breaches", "document_review"), start=1)
}

_EFFECT_KINDS = ("set", "add_measures", "remove_categories", "retention_months",
                 "purge_expired", "restrict_access", "fill_blank", "organisation")

#: Columns of :meth:`Catalogue.to_frame`.
CATALOGUE_COLUMNS: dict[str, pl.DataType] = {
    "key": pl.Utf8(), "seed_action": pl.Int64(), "seed_action_key": pl.Utf8(),
    "label_fr": pl.Utf8(), "label_en": pl.Utf8(),
    "description_fr": pl.Utf8(), "description_en": pl.Utf8(),
    "effort_days": pl.Float64(), "effort_days_per_dataset": pl.Float64(),
    "cost_eur": pl.Float64(), "cost_eur_per_dataset": pl.Float64(),
    "resolves": pl.List(pl.Utf8()), "scope": pl.Utf8(),
    "requires": pl.List(pl.Utf8()), "aliases": pl.List(pl.Utf8()),
    "band": pl.Utf8(), "band_rank": pl.Int64(), "owner": pl.Utf8(), "horizon": pl.Utf8(),
    "effort_days_per_employee": pl.Float64(), "effort_days_per_vendor": pl.Float64(),
    "effort_days_per_country": pl.Float64(), "effort_days_per_complexity": pl.Float64(),
    "cost_eur_per_vendor": pl.Float64(), "cost_eur_per_country": pl.Float64(),
    "external_costs_fr": pl.Utf8(), "external_costs_en": pl.Utf8(),
}


class Band(BaseModel):
    """One step of the legal-first order (``bands:`` of the catalogue YAML)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    rank: int = Field(ge=1, description="Order of the band in the plan (1 first).")
    label_fr: str
    label_en: str
    rationale_fr: str
    rationale_en: str
    horizon: Literal["0-30", "30-90", "90-180"]
    owner: str

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_en

    def rationale(self, lang: str) -> str:
        return self.rationale_fr if lang == "fr" else self.rationale_en


class Owner(BaseModel):
    """A role that owns actions (``owners:`` of the catalogue YAML; rename it to a person)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label_fr: str
    label_en: str

    def label(self, lang: str) -> str:
        return self.label_fr if lang == "fr" else self.label_en


@dataclass(frozen=True)
class Scale:
    """What an action touches, from which its effort and cost grow.

    Attributes
    ----------
    datasets : int
        Processing activities changed (1 for an organisation action that changes the profile).
    employees : int
        Headcount of the organisation (training scales with it).
    vendors : int
        Distinct processors of the changed activities; an activity that lists none counts as
        one vendor (the contract still has to be found and signed).
    countries : int
        Distinct destination countries outside the EEA of the changed activities (one
        transfer impact assessment each).
    complexity : int
        Sum over the changed activities of their complexity points (:data:`COMPLEXITY_FLAGS`,
        + 1 for a transfer outside the EEA).
    """

    datasets: int = 0
    employees: int = 0
    vendors: int = 0
    countries: int = 0
    complexity: int = 0


class Prerequisite(BaseModel):
    """An action that must come first, unless an organisation field is already true."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    action: str
    unless: str | None = Field(None, description="Organisation field that makes it unneeded.")


class RemediationAction(BaseModel):
    """One catalogue entry (see the header of ``remediation_actions.yaml``).

    Examples
    --------
    >>> a = default_catalogue()["carry_out_dpia"]
    >>> a.seed_action, a.resolves, a.requires[0].action
    (6, ('ART35_DPIA_NOT_DONE',), 'designate_dpo')
    >>> a.effort(4), a.effort(Scale(datasets=4, complexity=6)), a.cost(4)
    (9.0, 21.0, 0.0)
    >>> a.band, default_catalogue().owner_of(a.key).label_en
    ('dpia', 'DPO')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    seed_action: int = Field(ge=1, le=6)
    label_fr: str
    label_en: str
    description_fr: str = ""
    description_en: str = ""
    effort_days: float = Field(ge=0)
    effort_days_per_dataset: float = Field(0.0, ge=0)
    cost_eur: float = Field(0.0, ge=0)
    cost_eur_per_dataset: float = Field(0.0, ge=0)
    resolves: tuple[str, ...] = ()
    scope: Literal["findings", "all_datasets", "organisation"] = "findings"
    requires: tuple[Prerequisite, ...] = ()
    effects: tuple[Mapping[str, Any], ...] = ()
    aliases: tuple[str, ...] = ()
    band: str = Field(description="Key of a band of the catalogue (the legal-first order).")
    owner: str | None = Field(None, description="Owner role key; default: the band's.")
    horizon: Literal["0-30", "30-90", "90-180"] | None = Field(
        None, description="Days from the plan's date; default: the band's.")
    effort_days_per_employee: float = Field(0.0, ge=0)
    effort_days_per_vendor: float = Field(0.0, ge=0)
    effort_days_per_country: float = Field(0.0, ge=0)
    effort_days_per_complexity: float = Field(0.0, ge=0)
    cost_eur_per_vendor: float = Field(0.0, ge=0)
    cost_eur_per_country: float = Field(0.0, ge=0)
    external_costs_fr: str = ""
    external_costs_en: str = ""

    @field_validator("effects")
    @classmethod
    def _check_effects(cls, effects: tuple[Mapping[str, Any], ...]) -> tuple[Mapping[str, Any], ...]:
        for e in effects:
            if len(e) != 1 or next(iter(e)) not in _EFFECT_KINDS:
                raise ValueError(f"each effect is a one-key mapping, one of {_EFFECT_KINDS}; "
                                 f"got {dict(e)!r}")
        return effects

    def label(self, lang: str) -> str:
        """Label in ``lang`` ("fr" or "en")."""
        return self.label_fr if lang == "fr" else self.label_en

    def external_costs(self, lang: str) -> str:
        """What the external cost pays for, in ``lang``."""
        return self.external_costs_fr if lang == "fr" else self.external_costs_en

    def effort(self, scale: int | Scale) -> float:
        """Person-days to apply the action to what ``scale`` says it touches (0: nothing).

        An int is the number of datasets (for an organisation action, 1 when the profile
        changes). Effort = fixed + per dataset + per employee + per vendor + per country +
        per complexity point.
        """
        sc = scale if isinstance(scale, Scale) else Scale(datasets=int(scale))
        if sc.datasets <= 0:
            return 0.0
        return float(self.effort_days + self.effort_days_per_dataset * sc.datasets
                     + self.effort_days_per_employee * sc.employees
                     + self.effort_days_per_vendor * sc.vendors
                     + self.effort_days_per_country * sc.countries
                     + self.effort_days_per_complexity * sc.complexity)

    def cost(self, scale: int | Scale) -> float:
        """External cost (EUR) to apply the action to what ``scale`` says it touches."""
        sc = scale if isinstance(scale, Scale) else Scale(datasets=int(scale))
        if sc.datasets <= 0:
            return 0.0
        return float(self.cost_eur + self.cost_eur_per_dataset * sc.datasets
                     + self.cost_eur_per_vendor * sc.vendors
                     + self.cost_eur_per_country * sc.countries)


@dataclass(frozen=True)
class Catalogue:
    """The remediation actions, by key (immutable).

    Examples
    --------
    >>> cat = default_catalogue()
    >>> "designate_dpo" in cat, cat.resolve_key("purge_old_records")
    (True, 'purge_expired_records')
    >>> cat.to_frame().filter(pl.col("key") == "designate_dpo")["seed_action"].item()
    2
    """

    actions: tuple[RemediationAction, ...]
    bands: Mapping[str, Band] = field(default_factory=dict)
    owners: Mapping[str, Owner] = field(default_factory=dict)

    def __post_init__(self) -> None:
        keys = [a.key for a in self.actions]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate action keys in the catalogue")
        known = set(keys)
        for a in self.actions:
            for p in a.requires:
                if p.action not in known:
                    raise ValueError(f"{a.key}: prerequisite {p.action!r} is not in the catalogue")
        if not self.bands:
            object.__setattr__(self, "bands", dict(default_catalogue().bands))
            object.__setattr__(self, "owners", dict(self.owners or default_catalogue().owners))
        ranks = [b.rank for b in self.bands.values()]
        if len(set(ranks)) != len(ranks):
            raise ValueError("two bands of the catalogue share a rank")
        for b in self.bands.values():
            if b.owner not in self.owners:
                raise ValueError(f"band {b.key!r}: owner {b.owner!r} is not one of the "
                                 f"owners ({', '.join(self.owners)})")
        for a in self.actions:
            if a.band not in self.bands:
                raise ValueError(f"action {a.key!r}: band {a.band!r} is not one of the bands "
                                 f"({', '.join(self.bands)})")
            if a.owner is not None and a.owner not in self.owners:
                raise ValueError(f"action {a.key!r}: owner {a.owner!r} is not one of the "
                                 f"owners ({', '.join(self.owners)})")

    def band_of(self, key: str) -> Band:
        """The band of action ``key`` (or alias)."""
        return self.bands[self[key].band]

    def owner_of(self, key: str) -> Owner:
        """The owner of action ``key``: its own, else its band's."""
        a = self[key]
        return self.owners[a.owner or self.bands[a.band].owner]

    def horizon_of(self, key: str) -> str:
        """The horizon of action ``key`` (``"0-30"``, ``"30-90"`` or ``"90-180"`` days)."""
        a = self[key]
        return a.horizon or self.bands[a.band].horizon

    def ordered_bands(self) -> list[Band]:
        """The bands in plan order."""
        return sorted(self.bands.values(), key=lambda b: b.rank)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(a.key for a in self.actions)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._alias_map().get(key) is not None

    def __getitem__(self, key: str) -> RemediationAction:
        canonical = self.resolve_key(key)
        return next(a for a in self.actions if a.key == canonical)

    def __iter__(self):
        return iter(self.actions)

    def __len__(self) -> int:
        return len(self.actions)

    def _alias_map(self) -> dict[str, str]:
        out = {a.key: a.key for a in self.actions}
        for a in self.actions:
            for alias in a.aliases:
                out.setdefault(alias, a.key)
        return out

    def resolve_key(self, key: str) -> str:
        """The catalogue key of ``key`` or one of its aliases; ``KeyError`` if unknown."""
        try:
            return self._alias_map()[key]
        except KeyError:
            raise KeyError(f"unknown remediation action {key!r}; known: "
                           f"{', '.join(self.keys)}") from None

    def labels(self, lang: str) -> dict[str, str]:
        """Action key (and alias) -> label in ``lang`` ("fr" or "en").

        Examples
        --------
        >>> default_catalogue().labels("fr")["purge_expired_records"]
        'Purger les données conservées au-delà de la durée prévue'
        """
        return {k: self[v].label(lang) for k, v in self._alias_map().items()}

    def seed_action_of(self) -> dict[str, int]:
        """Action key (and alias) -> seed action number (1-6)."""
        return {k: self[v].seed_action for k, v in self._alias_map().items()}

    def to_frame(self) -> pl.DataFrame:
        """One row per action, :data:`CATALOGUE_COLUMNS`."""
        rows = [
            {"key": a.key, "seed_action": a.seed_action,
             "seed_action_key": SEED_ACTIONS[a.seed_action][0],
             "label_fr": a.label_fr, "label_en": a.label_en,
             "description_fr": a.description_fr, "description_en": a.description_en,
             "effort_days": a.effort_days, "effort_days_per_dataset": a.effort_days_per_dataset,
             "cost_eur": a.cost_eur, "cost_eur_per_dataset": a.cost_eur_per_dataset,
             "resolves": list(a.resolves), "scope": a.scope,
             "requires": [p.action for p in a.requires], "aliases": list(a.aliases),
             "band": a.band, "band_rank": self.bands[a.band].rank,
             "owner": self.owner_of(a.key).key, "horizon": self.horizon_of(a.key),
             "effort_days_per_employee": a.effort_days_per_employee,
             "effort_days_per_vendor": a.effort_days_per_vendor,
             "effort_days_per_country": a.effort_days_per_country,
             "effort_days_per_complexity": a.effort_days_per_complexity,
             "cost_eur_per_vendor": a.cost_eur_per_vendor,
             "cost_eur_per_country": a.cost_eur_per_country,
             "external_costs_fr": a.external_costs_fr, "external_costs_en": a.external_costs_en}
            for a in self.actions
        ]
        return pl.DataFrame(rows, schema=CATALOGUE_COLUMNS)

    def to_dict(self) -> dict[str, Any]:
        """Plain Python: ``{"actions": {key: fields}}`` (the YAML layout)."""
        return {"bands": {k: b.model_dump(exclude={"key"}) for k, b in self.bands.items()},
                "owners": {k: o.model_dump(exclude={"key"}) for k, o in self.owners.items()},
                "actions": {a.key: a.model_dump(exclude={"key"}) for a in self.actions}}

    def _repr_html_(self) -> str:
        e = html.escape
        rows = "".join(
            f"<tr><td><code>{e(a.key)}</code></td><td>{a.seed_action}</td><td>{e(a.label_en)}</td>"
            f"<td>{e(a.label_fr)}</td><td>{a.effort_days:g} + {a.effort_days_per_dataset:g}/dataset"
            f"</td><td>{a.cost_eur:,.0f} + {a.cost_eur_per_dataset:,.0f}/dataset</td></tr>"
            for a in self.actions)
        return ("<table><thead><tr><th>action</th><th>seed</th><th>label (EN)</th>"
                "<th>label (FR)</th><th>effort (days)</th><th>cost (EUR)</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>")


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not a readable YAML file ({type(exc).__name__})") from None
    if raw is None:
        return {}
    if not isinstance(raw, Mapping) or not all(
            isinstance(raw.get(k, {}) or {}, Mapping) for k in ("actions", "bands", "owners")):
        raise ValueError(f"{path}: expected a YAML mapping with 'actions' (and optional "
                         "'bands', 'owners') mappings")
    return dict(raw)


def _models(cls: type[BaseModel], entries: Mapping[str, Mapping[str, Any]], what: str,
            where: str) -> list[Any]:
    out = []
    for key, fields in entries.items():
        try:
            out.append(cls(key=key, **dict(fields)))
        except (ValidationError, TypeError) as exc:
            raise ValueError(f"{where}: {what} {key!r}: {exc}") from None
    return out


def _build(raw: Mapping[str, Mapping[str, Mapping[str, Any]]], where: str) -> Catalogue:
    bands = {b.key: b for b in _models(Band, raw.get("bands") or {}, "band", where)}
    owners = {o.key: o for o in _models(Owner, raw.get("owners") or {}, "owner", where)}
    actions = _models(RemediationAction, raw.get("actions") or {}, "action", where)
    if not bands:
        raise ValueError(f"{where}: the catalogue has no 'bands'")
    try:
        return Catalogue(tuple(actions), bands, owners)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


@cache
def default_catalogue() -> Catalogue:
    """The shipped catalogue (cached)."""
    path = resources.files("rgpd_risk") / "data" / "remediation_actions.yaml"
    with resources.as_file(path) as p:
        raw = _read_yaml(p)
    return _build(raw, "remediation_actions.yaml")


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """The shipped catalogue, with the overrides of a YAML file merged in.

    The file has the layout of ``rgpd_risk/data/remediation_actions.yaml``: an ``actions``
    mapping of action key -> fields. Fields of a known action replace the shipped ones
    (``effects``, ``resolves`` … are replaced whole); an unknown key adds an action and
    must then give every required field.

    Parameters
    ----------
    path : str or Path, optional
        Override file; ``None`` returns the shipped catalogue.

    Returns
    -------
    Catalogue

    Raises
    ------
    ValueError
        Unreadable file or a field with a wrong value (the message names the action).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "mine.yaml"
    >>> _ = p.write_text("actions:\\n  carry_out_dpia: {effort_days_per_dataset: 5, cost_eur: 900}\\n")
    >>> cat = load_catalogue(p)
    >>> cat["carry_out_dpia"].effort_days_per_dataset, cat["carry_out_dpia"].cost_eur
    (5.0, 900.0)
    >>> cat["designate_dpo"] == default_catalogue()["designate_dpo"]
    True
    """
    base = default_catalogue()
    if path is None:
        return base
    raw = _read_yaml(Path(path))
    merged = base.to_dict()
    for section, what in (("bands", "band"), ("owners", "owner"), ("actions", "action")):
        for key, fields in (raw.get(section) or {}).items():
            if not isinstance(fields, Mapping):
                raise ValueError(f"{path}: {what} {key!r}: expected a mapping of fields")
            merged[section][str(key)] = {**merged[section].get(str(key), {}), **dict(fields)}
    return _build(merged, str(path))


def with_action_labels(findings: pl.DataFrame, catalogue: Catalogue | None = None) -> pl.DataFrame:
    """``findings`` with ``action_fr`` and ``action_en`` after ``action``: the labels of the
    remediation catalogue (by default :func:`default_catalogue`, the single source of action
    texts); a key it does not know keeps the key as its label.

    Examples
    --------
    >>> f = pl.DataFrame({"code": ["X"], "action": ["purge_expired_records"], "source": ["rule"]})
    >>> with_action_labels(f).row(0)[1:3]
    ('purge_expired_records', 'Purger les données conservées au-delà de la durée prévue')
    """
    cat = catalogue or default_catalogue()
    labelled = findings.with_columns(
        pl.col("action").replace(cat.labels(lang)).alias(f"action_{lang}") for lang in ("fr", "en"))
    cols = list(findings.columns)
    at = cols.index("action") + 1
    return labelled.select(cols[:at] + ["action_fr", "action_en"] + cols[at:])


def seed_action_of(catalogue: Catalogue | None = None, *, as_key: bool = True) -> dict[str, Any]:
    """Mapping of every action key (and alias) to the seed action it serves.

    This is the single source of that mapping; the board report's
    ``rgpd_risk.report.i18n.SEED_ACTION_OF`` can be replaced by ``seed_action_of()``.

    Parameters
    ----------
    catalogue : Catalogue, optional
        Defaults to the shipped catalogue.
    as_key : bool, default True
        Values are the report's seed-action keys (``"audit_flows"`` …) when True, the
        numbers 1-6 otherwise.

    Examples
    --------
    >>> seed_action_of()["designate_dpo"], seed_action_of(as_key=False)["carry_out_dpia"]
    ('appoint_pilot', 6)
    """
    numbers = (catalogue or default_catalogue()).seed_action_of()
    if not as_key:
        return numbers
    return {k: SEED_ACTIONS[n][0] for k, n in numbers.items()}


def seed_action_label(number: int, lang: str) -> str:
    """Label of seed action ``number`` (1-6) in ``lang``.

    Examples
    --------
    >>> seed_action_label(2, "fr")
    '2. Nommer un pilote / DPO'
    """
    _, fr, en = SEED_ACTIONS[int(number)]
    return fr if lang == "fr" else en
