"""The board page: what a board reads first and acts on, from one :class:`~rgpd_risk.pipeline.Run`.

Pure functions of a run and a language (``"fr"`` or ``"en"``): polars in, frames and strings
out, every word from the text catalogue (``rgpd_risk/data/texts/board.yaml``, keys
``board.*``). The page reads, in order:

1. :func:`verdict` — one sentence;
2. :func:`decisions` — at most three decisions asked of the board: the plan's first bands
   grouped into board-level work streams (:data:`BOARD_DECISIONS`, our grouping), each with
   its owner, external cost, effort, deadline (the plan's date plus the longest horizon of its
   steps) and what it removes (gaps and expected cost);
3. :func:`top_risks` — the five largest risks, one risk level everywhere: the CNIL zone of
   the gravest feared event (:func:`rgpd_risk.report.figures.gravest_event`), then the
   expected cost; owner and deadline from the plan step that treats them;
4. :func:`money` — chance of a control and of a sanction, the likely cost of a sanction,
   the expected cost, the closest real CNIL decisions; the statutory ceiling only as the
   :func:`footnote`;
5. :func:`indicators` — key risk indicators with their trend since the previous run
   (:func:`first_run_note` said once otherwise);
6. :func:`roles` — what the organisation owes as controller and as processor, apart;
7. :func:`plan_summary` and :func:`limits`.

Vocabulary: a self-assessment finds *écarts* (gaps) against requirements; *manquement* is
the CNIL's qualification after an investigation, never ours.

Examples
--------
>>> deadline("30-90", dt.date(2026, 12, 1))
datetime.date(2027, 3, 1)
>>> count("processing", 1, "fr"), count("processing", 3, "en")
('1 traitement', '3 processing activities')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl

from rgpd_risk.exposure.sanctions import closest_decisions, load_cnil_sanctions
from rgpd_risk.formatting import (
    check_lang,
    format_date,
    format_eur,
    format_eur_short,
    format_number,
    format_percent,
    semicolon,
)
from rgpd_risk.i18n import text
from rgpd_risk.pipeline import Run
from rgpd_risk.remediation.catalogue import Catalogue, default_catalogue
from rgpd_risk.report.figures import ZONES, gravest_event
from rgpd_risk.report.views import missing_dpia, not_a_fine_note
from rgpd_risk.schemas import ORGANISATION_DATASET_ID

__all__ = ["BOARD_DECISIONS", "KRI_METRICS", "facts", "history_figures", "verdict",
           "decisions_frame", "decisions", "top_risks_frame", "top_risks", "money",
           "money_notes", "closest", "footnote", "indicators", "first_run_note", "roles",
           "roles_note", "plan_summary", "limits", "heading", "narrative", "count", "deadline",
           "title"]

BOARD_DECISIONS: Mapping[str, tuple[str, ...]] = {
    "stop": ("stop_unlawful", "breaches"),
    "consent_security": ("consent", "security_transfers"),
    "roles_dpia": ("roles_contracts", "dpia"),
}
"""Board-level decisions and the plan bands each groups (our grouping, in the legal-first
order of the catalogue): stop what is unlawful and organise breach handling (the 30-day
work), fund consent, security and transfers (the largest budget), sign the role contracts
and carry out the DPIAs. The later bands (retention, rights, governance, portability) are the
DPO's running programme, shown in :func:`plan_summary`, not asked of the board. A decision
whose bands have no step in the plan is left out."""

KRI_METRICS: tuple[str, ...] = ("datasets", "critical_zone", "missing_dpia", "breaches_open",
                                "unlawful", "p_control", "p_sanction", "expected_cost")
"""Key risk indicators of the board, in display order (``board.kri.<metric>`` labels)."""

_PERCENT = ("p_control", "p_sanction")
_MONEY = ("expected_cost",)
_STOP_BAND = "stop_unlawful"


# --------------------------------------------------------------------------- small helpers

def _t(key: str, lang: str, **fmt: object) -> str:
    s = text(f"board.{key}", lang)
    return s.format(**fmt) if fmt else s


def heading(section: str, lang: str) -> str:
    """Heading of a board section (``decisions``, ``top_risks``, ``money``, ``kri``, ``map``,
    ``roles``, ``plan``).

    Examples
    --------
    >>> heading("decisions", "fr")
    'Décisions demandées à la direction'
    """
    return _t(f"sections.{section}.heading", lang)


def narrative(section: str, lang: str) -> str:
    """One-sentence narrative under a section heading."""
    return _t(f"sections.{section}.narrative", lang)


def count(noun: str, n: int, lang: str) -> str:
    """``n`` and its noun, singular or plural (``board.count.<noun>.one|many``)."""
    return _t(f"count.{noun}.{'one' if n == 1 else 'many'}", lang,
              n=format_number(n, lang))


def deadline(horizon: str, today: dt.date) -> dt.date:
    """The date a horizon (``"0-30"``, ``"30-90"``, ``"90-180"`` days) ends, from ``today``."""
    return today + dt.timedelta(days=int(str(horizon).split("-")[-1]))


def _catalogue(run: Run) -> Catalogue:
    return (run.plan.catalogue if run.plan is not None and run.plan.catalogue is not None
            else default_catalogue())


def _action_bands(run: Run) -> pl.DataFrame:
    cat = _catalogue(run)
    keys = list(cat.keys)
    return pl.DataFrame({"action": keys, "band": [cat.band_of(k).key for k in keys]},
                        schema={"action": pl.Utf8, "band": pl.Utf8})


def _breaches(run: Run) -> pl.DataFrame:
    f = run.assessment.findings
    if "kind" in f.columns:
        f = f.filter(pl.col("kind").fill_null("breach") == "breach")
    return f


def _zones(run: Run) -> pl.DataFrame:
    """``dataset_id, event, severity, likelihood, zone, zone_rank`` per dataset."""
    return gravest_event(run.assessment.datasets).with_columns(
        pl.col("zone").replace_strict({z: i for i, z in enumerate(ZONES)}, default=-1,
                                      return_dtype=pl.Int64).alias("zone_rank"))


# --------------------------------------------------------------------------- figures

def facts(run: Run) -> dict[str, Any]:
    """Language-independent figures of the board page (plain Python).

    Returns
    -------
    dict
        ``datasets, critical_zone, missing_dpia, breaches_open`` (findings of kind
        ``breach``), ``unlawful`` (breaches whose action belongs to the ``stop_unlawful``
        band), and with an exposure ``p_control, p_sanction, expected_cost, p50, p90,
        sanction_p50, sanction_p90, statutory_ceiling, turnover_eur``.
    """
    breaches = _breaches(run)
    unlawful = breaches.join(_action_bands(run), on="action", how="left").filter(
        pl.col("band") == _STOP_BAND).height
    out: dict[str, Any] = {
        "datasets": run.assessment.datasets.height,
        "critical_zone": int((_zones(run)["zone"] == "critical").sum()),
        "missing_dpia": missing_dpia(run.inventory, run.assessment.datasets).height,
        "breaches_open": breaches.height,
        "unlawful": unlawful,
    }
    if run.exposure is not None:
        s = run.exposure.summary()
        out.update({k: None if s.get(k) is None else float(s[k])
                    for k in ("p_control", "p_sanction", "expected_cost", "p50", "p90",
                              "sanction_p50", "sanction_p90", "statutory_ceiling",
                              "turnover_eur")})
    return out


def history_figures(run: Run) -> dict[str, Any]:
    """The board's indicators to add to the run-history record (same keys as
    :data:`KRI_METRICS`), so that the next run shows their trend."""
    f = facts(run)
    return {k: f.get(k) for k in KRI_METRICS}


# --------------------------------------------------------------------------- verdict

def verdict(run: Run, lang: str) -> str:
    """The board page in one sentence: critical zone, what must stop, the chance of a
    sanction and its expected cost, and the decisions asked.

    Examples
    --------
    >>> import datetime as dt
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> from rgpd_risk.pipeline import run as run_
    >>> inv = frame_from_records([{"dataset_id": "hr", "name": "HR", "subject_count": 50,
    ...     "data_categories": ["identity"], "legal_basis": "contract"}])
    >>> r = run_(inv, today=dt.date(2026, 1, 1), seed=0, exposure=False)
    >>> verdict(r, "en")
    "Of 1 processing activity, 0 are in the CNIL's critical zone and 0 gaps to stop."
    """
    check_lang(lang)
    f = facts(run)
    base = {"critical": count("critical", f["critical_zone"], lang),
            "datasets": count("processing", f["datasets"], lang),
            "unlawful": count("unlawful", f["unlawful"], lang)}
    if run.exposure is None:
        return _t("verdict.no_exposure", lang, **base)
    base.update(p_sanction=format_percent(f["p_sanction"], lang),
                expected=format_eur_short(f["expected_cost"], lang))
    d = decisions_frame(run)
    if d.height == 0:
        return _t("verdict.no_plan", lang, **base)
    return _t("verdict.with_plan", lang, **base,
              n_decisions=count("decisions", d.height, lang),
              cost=format_eur_short(float(d["cost_eur"].sum()), lang),
              days=format_number(float(d["effort_days"].sum()), lang))


# --------------------------------------------------------------------------- decisions

_DECISIONS_SCHEMA = {"decision": pl.Utf8, "rank": pl.Int64, "steps": pl.List(pl.Int64),
                     "n_actions": pl.Int64, "owner": pl.Utf8, "owner_label_fr": pl.Utf8,
                     "owner_label_en": pl.Utf8, "cost_eur": pl.Float64,
                     "effort_days": pl.Float64, "horizon": pl.Utf8, "deadline": pl.Date,
                     "findings_resolved": pl.Int64, "exposure_removed": pl.Float64}


def decisions_frame(run: Run, *, n: int = 3) -> pl.DataFrame:
    """The decisions asked of the board, language-independent (at most ``n``).

    The plan's steps grouped by :data:`BOARD_DECISIONS`, in plan order. ``owner`` is the
    owner carrying the most effort in the decision (ties: the earliest step), ``horizon``
    the longest of its steps and ``deadline`` the plan's date plus that horizon.

    Returns
    -------
    polars.DataFrame
        ``decision, rank, steps, n_actions, owner, owner_label_fr, owner_label_en,
        cost_eur, effort_days, horizon, deadline, findings_resolved, exposure_removed``.
    """
    if run.plan is None or run.plan.steps.height == 0:
        return pl.DataFrame(schema=_DECISIONS_SCHEMA)
    group = {band: key for key, bands in BOARD_DECISIONS.items() for band in bands}
    order = {key: i for i, key in enumerate(BOARD_DECISIONS)}
    steps = (run.plan.steps
             .with_columns(pl.col("band").replace_strict(group, default=None,
                                                         return_dtype=pl.Utf8).alias("decision"))
             .filter(pl.col("decision").is_not_null())
             .with_columns(pl.col("decision").replace_strict(order, return_dtype=pl.Int64)
                           .alias("rank"),
                           pl.col("horizon").str.split("-").list.last().cast(pl.Int64)
                           .alias("_days")))
    if steps.height == 0:
        return pl.DataFrame(schema=_DECISIONS_SCHEMA)
    owners = (steps.group_by("decision", "owner", "owner_label_fr", "owner_label_en")
              .agg(pl.col("effort_days").sum().alias("_e"), pl.col("step").min().alias("_s"))
              .sort(["decision", "_e", "_s"], descending=[False, True, False])
              .group_by("decision", maintain_order=True).first()
              .drop("_e", "_s"))
    agg = (steps.sort("step").group_by("decision", "rank")
           .agg(pl.col("step").alias("steps"), pl.len().cast(pl.Int64).alias("n_actions"),
                pl.col("cost_eur").sum(), pl.col("effort_days").sum(),
                pl.col("_days").max(), pl.col("findings_resolved").sum().cast(pl.Int64),
                pl.col("exposure_removed").sum()))
    today = run.plan.today if getattr(run.plan, "today", None) else run.today
    out = (agg.join(owners, on="decision", how="left").sort("rank").head(n)
           .with_columns(pl.format("0-{}", pl.col("_days")).alias("horizon"),
                         (pl.lit(today) + pl.duration(days=pl.col("_days"))).cast(pl.Date)
                         .alias("deadline")))
    return out.select(list(_DECISIONS_SCHEMA)).cast(_DECISIONS_SCHEMA)  # type: ignore[arg-type]


def decisions(run: Run, lang: str, *, n: int = 3) -> pl.DataFrame:
    """The decisions asked of the board, formatted for ``lang`` (strings): number, decision
    (with its number of actions and plan steps), owner, external cost, effort, deadline,
    what it removes.

    See :func:`decisions_frame` for the figures.
    """
    check_lang(lang)
    d = decisions_frame(run, n=n)
    c = lambda k: _t(f"columns.{k}", lang)  # noqa: E731
    rows = []
    for i, r in enumerate(d.iter_rows(named=True), start=1):
        steps = r["steps"]
        span = f"{steps[0]}" if len(steps) == 1 else f"{steps[0]}–{steps[-1]}"
        title = _t(f"decision.{r['decision']}", lang)
        what = f"{title} ({_actions(r['n_actions'], lang)}, {_step_word(lang)} {span})"
        rows.append((str(i), what, r[f"owner_label_{lang}"], format_eur(r["cost_eur"], lang),
                     format_number(r["effort_days"], lang), format_date(r["deadline"], lang),
                     _t("decision.removes", lang,
                        findings=format_number(r["findings_resolved"], lang),
                        cost=format_eur(r["exposure_removed"], lang))))
    cols = [c(k) for k in ("number", "decision", "owner", "cost", "effort", "deadline",
                           "removes")]
    return pl.DataFrame(rows, schema=dict.fromkeys(cols, pl.Utf8), orient="row")


def _actions(n: int, lang: str) -> str:
    return _t(f"decision.actions.{'one' if n == 1 else 'many'}", lang, n=format_number(n, lang))


def _step_word(lang: str) -> str:
    return _t("columns.steps", lang).lower()


# --------------------------------------------------------------------------- top risks

_TOP_SCHEMA = {"dataset_id": pl.Utf8, "name": pl.Utf8, "zone": pl.Utf8, "event": pl.Utf8,
               "severity": pl.Int64, "likelihood": pl.Int64, "main_code": pl.Utf8,
               "main_title_fr": pl.Utf8, "main_title_en": pl.Utf8, "expected_cost": pl.Float64,
               "step": pl.Int64, "owner": pl.Utf8, "owner_label_fr": pl.Utf8,
               "owner_label_en": pl.Utf8, "horizon": pl.Utf8, "deadline": pl.Date,
               "status": pl.Utf8}


def top_risks_frame(run: Run, *, n: int = 5) -> pl.DataFrame:
    """The ``n`` largest risks, language-independent.

    Order: CNIL zone of the gravest feared event (critical first), then its severity and
    likelihood, then the dataset's attributed expected cost, then ``dataset_id``. The main
    gap is the dataset's gravest breach (seriousness, then code); the treating step is the
    first plan step whose action is that gap's action, else the first step touching the
    dataset; ``status`` is ``"open"`` (the run sees the register as it is).

    Returns
    -------
    polars.DataFrame
        ``dataset_id, name, zone, event, severity, likelihood, main_code, main_title_fr,
        main_title_en, expected_cost, step, owner, owner_label_fr, owner_label_en, horizon,
        deadline, status``.
    """
    d = run.assessment.datasets.select("dataset_id", "name").join(_zones(run), on="dataset_id")
    if run.exposure is not None:
        d = d.join(run.exposure.datasets.select(
            "dataset_id", pl.col("attributed_expected_cost").alias("expected_cost")),
            on="dataset_id", how="left")
    else:
        d = d.with_columns(pl.lit(None, dtype=pl.Float64).alias("expected_cost"))
    rank = {"high": 0, "medium": 1, "low": 2}
    main = (_breaches(run).filter(pl.col("dataset_id") != ORGANISATION_DATASET_ID)
            .with_columns(pl.col("seriousness").replace_strict(rank, default=3,
                                                               return_dtype=pl.Int64).alias("_r"))
            .sort(["dataset_id", "_r", "code"])
            .group_by("dataset_id", maintain_order=True).first()
            .select("dataset_id", pl.col("code").alias("main_code"),
                    pl.col("title_fr").alias("main_title_fr"),
                    pl.col("title_en").alias("main_title_en"),
                    pl.col("action").alias("_main_action")))
    top = (d.join(main, on="dataset_id", how="left")
           .sort(["zone_rank", "severity", "likelihood", "expected_cost", "dataset_id"],
                 descending=[True, True, True, True, False], nulls_last=True)
           .head(n))
    if run.plan is not None and run.plan.steps.height:
        treated = (run.plan.steps.select("step", "action", "owner", "owner_label_fr",
                                         "owner_label_en", "horizon", "datasets")
                   .explode("datasets").rename({"datasets": "dataset_id"})
                   .join(top.select("dataset_id", "_main_action"), on="dataset_id")
                   .with_columns((pl.col("action") != pl.col("_main_action")).fill_null(True)
                                 .alias("_other"))
                   .sort(["dataset_id", "_other", "step"])
                   .group_by("dataset_id", maintain_order=True).first()
                   .drop("action", "_main_action", "_other"))
        top = top.join(treated, on="dataset_id", how="left")
        today = run.plan.today if getattr(run.plan, "today", None) else run.today
        top = top.with_columns(
            (pl.lit(today) + pl.duration(days=pl.col("horizon").str.split("-").list.last()
                                         .cast(pl.Int64))).cast(pl.Date).alias("deadline"))
    else:
        top = top.with_columns(pl.lit(None, dtype=v).alias(k) for k, v in _TOP_SCHEMA.items()
                               if k in ("step", "owner", "owner_label_fr", "owner_label_en",
                                        "horizon", "deadline"))
    return (top.with_columns(pl.lit("open").alias("status"))
            .select(list(_TOP_SCHEMA)).cast(_TOP_SCHEMA))  # type: ignore[arg-type]


def top_risks(run: Run, lang: str, *, n: int = 5) -> pl.DataFrame:
    """The ``n`` largest risks formatted for ``lang`` (strings): processing, CNIL zone,
    gravest feared event, main gap, expected cost, owner, deadline, status.

    Register text (the processing names) is returned as is: the HTML table escapes it.
    """
    check_lang(lang)
    f = top_risks_frame(run, n=n)
    c = lambda k: _t(f"columns.{k}", lang)  # noqa: E731
    rows = [(r["name"] or r["dataset_id"], text(f"risk_map.zones.{r['zone']}", lang),
             text(f"report.events.{r['event']}", lang), r[f"main_title_{lang}"] or "—",
             "—" if r["expected_cost"] is None else format_eur(r["expected_cost"], lang),
             r[f"owner_label_{lang}"] or _t("none_planned", lang),
             "—" if r["deadline"] is None else format_date(r["deadline"], lang),
             _t(f"status.{r['status']}", lang))
            for r in f.iter_rows(named=True)]
    cols = [c(k) for k in ("processing", "zone", "event", "main_gap", "expected_cost", "owner",
                           "deadline", "status")]
    return pl.DataFrame(rows, schema=dict.fromkeys(cols, pl.Utf8), orient="row")


# --------------------------------------------------------------------------- money

def money(run: Run, lang: str) -> list[tuple[str, str]]:
    """The money in a CFO's words, as ``(label, value)`` key figures: chance of a CNIL
    control and of a sanction within the year, the likely cost of a sanction (median and
    one time in ten), the expected cost over the year. Empty without an exposure."""
    check_lang(lang)
    if run.exposure is None:
        return []
    f = facts(run)
    pct = lambda k: format_percent(f[k], lang)  # noqa: E731
    eur = lambda k: format_eur_short(f[k], lang)  # noqa: E731
    return [(_t("money.p_control", lang), pct("p_control")),
            (_t("money.p_sanction", lang), pct("p_sanction")),
            (_t("money.sanction_p50", lang), eur("sanction_p50")),
            (_t("money.sanction_p90", lang), eur("sanction_p90")),
            (_t("money.expected_cost", lang), format_eur(f["expected_cost"], lang))]


def closest(run: Run, *, k: int = 3) -> list[str]:
    """The ``k`` real CNIL decisions closest to the run's most likely sanction scenarios
    (:func:`rgpd_risk.exposure.sanctions.closest_decisions`), published deliberations only
    (``SAN-…``), each once, most likely scenario first."""
    if run.exposure is None or run.exposure.scenarios.height == 0:
        return []
    table = load_cnil_sanctions().filter(pl.col("deliberation").is_not_null())
    turnover = facts(run).get("turnover_eur")
    out: list[str] = []
    for r in run.exposure.scenarios.sort("rank").iter_rows(named=True):
        for label in closest_decisions(table, r["family"], r["procedure"], turnover, k=k):
            if label not in out:
                out.append(label)
        if len(out) >= k:
            break
    return out[:k]


def money_notes(run: Run, lang: str) -> list[str]:
    """Three sentences under the money figures: the year's P50 / P90, the closest real
    decisions, and what a fine is not (:func:`~rgpd_risk.report.views.not_a_fine_note`)."""
    check_lang(lang)
    if run.exposure is None:
        return [_t("money.no_exposure", lang)]
    f = facts(run)
    cases = closest(run)
    return [_t("money.year_quantiles", lang, p50=format_eur(f["p50"], lang),
               p90=format_eur(f["p90"], lang)),
            _t("money.closest", lang, decisions=semicolon(lang).join(cases))
            if cases else _t("money.no_closest", lang),
            not_a_fine_note(run.exposure, lang)]


def footnote(run: Run, lang: str) -> str:
    """The statutory ceiling (Art. 83(4) / 83(5) GDPR), as a footnote only."""
    check_lang(lang)
    f = facts(run)
    ceiling = f.get("statutory_ceiling")
    turnover = f.get("turnover_eur")
    if ceiling is None:
        turnover = None if run.organisation is None else run.organisation.turnover_eur
    return _t("footnote", lang,
              turnover="—" if turnover is None else format_eur_short(turnover, lang),
              ceiling="—" if ceiling is None else format_eur_short(ceiling, lang))


def limits(lang: str) -> str:
    """The limits of the exercise, in one line."""
    return _t("limits", lang)


# --------------------------------------------------------------------------- indicators

def _fmt(metric: str, x: float | None, lang: str, *, change: bool = False) -> str:
    if x is None:
        return "—"
    if metric in _PERCENT:
        s = format_percent(x, lang)
    elif metric in _MONEY:
        s = format_eur(x, lang)
    else:
        s = format_number(x, lang)
    return ("+" + s) if change and x > 0 else s


def indicators(run: Run, lang: str, previous: Mapping[str, Any] | None = None) -> pl.DataFrame:
    """Key risk indicators (:data:`KRI_METRICS`) formatted for ``lang``.

    With ``previous`` (the previous run's history record,
    :func:`rgpd_risk.report.history.previous_run`): indicator, previous, current, change
    ("—" where the previous run did not record the metric). Without: indicator and value
    only; say :func:`first_run_note` once beside it.
    """
    check_lang(lang)
    f = facts(run)
    c = lambda k: _t(f"columns.{k}", lang)  # noqa: E731
    metrics = [m for m in KRI_METRICS if m in f]
    if previous is None:
        rows = [(_t(f"kri.{m}", lang), _fmt(m, f[m], lang)) for m in metrics]
        return pl.DataFrame(rows, schema={c("indicator"): pl.Utf8, c("value"): pl.Utf8},
                            orient="row")
    rows = []
    for m in metrics:
        prev = previous.get(m)
        cur = f[m]
        change = None if prev is None or cur is None else cur - prev
        rows.append((_t(f"kri.{m}", lang), _fmt(m, prev, lang), _fmt(m, cur, lang),
                     _fmt(m, change, lang, change=True)))
    return pl.DataFrame(rows, schema={c(k): pl.Utf8 for k in
                                      ("indicator", "previous", "current", "change")},
                        orient="row")


def first_run_note(lang: str) -> str:
    """"First run": said once when there is no history to compare with."""
    return _t("first_run", lang)


# --------------------------------------------------------------------------- roles

_ROLES = ("controller", "joint_controller", "processor")


def roles(run: Run, lang: str) -> pl.DataFrame:
    """What the organisation owes as controller, as joint controller and as processor for
    its clients, apart: processing activities, gaps (breaches), of which serious, and their
    attributed expected cost; organisation-level gaps on their own row. Roles without any
    processing activity are left out."""
    check_lang(lang)
    d = run.assessment.datasets.select("dataset_id", pl.col("role").fill_null("controller"))
    b = _breaches(run).select("dataset_id", "seriousness")
    org = pl.DataFrame({"dataset_id": [ORGANISATION_DATASET_ID], "role": ["organisation"]})
    who = pl.concat([d, org])
    gaps = (b.join(who, on="dataset_id", how="left")
            .with_columns(pl.col("role").fill_null("organisation"))
            .group_by("role").agg(pl.len().cast(pl.Int64).alias("gaps"),
                                  (pl.col("seriousness") == "high").sum().cast(pl.Int64)
                                  .alias("grave")))
    n = d.group_by("role").agg(pl.len().cast(pl.Int64).alias("n"))
    cost = None
    if run.exposure is not None:
        cost = (run.exposure.datasets.select("dataset_id", "attributed_expected_cost")
                .join(who, on="dataset_id", how="inner")
                .group_by("role").agg(pl.col("attributed_expected_cost").sum().alias("cost")))
    rows = []
    for role in (*_ROLES, "organisation"):
        datasets = n.filter(pl.col("role") == role)["n"]
        g = gaps.filter(pl.col("role") == role)
        if role != "organisation" and datasets.len() == 0:
            continue
        if role == "organisation" and g.height == 0:
            continue
        money_ = None if cost is None else cost.filter(pl.col("role") == role)["cost"]
        rows.append((_t(f"role.{role}", lang),
                     "—" if role == "organisation" else format_number(int(datasets[0]), lang),
                     format_number(int(g["gaps"][0]) if g.height else 0, lang),
                     format_number(int(g["grave"][0]) if g.height else 0, lang),
                     "—" if money_ is None else format_eur(
                         float(money_[0]) if money_.len() else 0.0, lang)))
    c = lambda k: _t(f"columns.{k}", lang)  # noqa: E731
    cols = [c(k) for k in ("role", "datasets", "gaps", "grave_gaps", "expected_cost")]
    return pl.DataFrame(rows, schema=dict.fromkeys(cols, pl.Utf8), orient="row")


def roles_note(run: Run, lang: str) -> str:
    """What a processor owes its clients (Art. 28, 29, 33(2)); empty when the register
    holds no processor activity."""
    check_lang(lang)
    if not (run.assessment.datasets["role"] == "processor").any():
        return ""
    return _t("role.processor_note", lang)


# --------------------------------------------------------------------------- plan

def plan_summary(run: Run, lang: str) -> pl.DataFrame:
    """The whole plan by band, in legal order: block, steps, owners, horizon, external cost,
    effort, expected cost removed (strings). Empty without a plan."""
    check_lang(lang)
    c = lambda k: _t(f"columns.{k}", lang)  # noqa: E731
    cols = [c(k) for k in ("block", "steps", "owner", "horizon", "cost", "effort",
                           "exposure_removed")]
    if run.plan is None or run.plan.steps.height == 0:
        return pl.DataFrame(schema=dict.fromkeys(cols, pl.Utf8))
    g = (run.plan.steps.sort("step")
         .group_by("band_rank", f"band_label_{lang}", maintain_order=True)
         .agg(pl.col("step").min().alias("first"), pl.col("step").max().alias("last"),
              pl.col(f"owner_label_{lang}").unique(maintain_order=True).alias("owners"),
              pl.col("horizon").unique(maintain_order=True).sort().alias("horizons"),
              pl.col("cost_eur").sum(), pl.col("effort_days").sum(),
              pl.col("exposure_removed").sum())
         .sort("band_rank"))
    rows = [(r[f"band_label_{lang}"],
             str(r["first"]) if r["first"] == r["last"] else f"{r['first']}–{r['last']}",
             ", ".join(r["owners"]), ", ".join(r["horizons"]), format_eur(r["cost_eur"], lang),
             format_number(r["effort_days"], lang), format_eur(r["exposure_removed"], lang))
            for r in g.iter_rows(named=True)]
    return pl.DataFrame(rows, schema=dict.fromkeys(cols, pl.Utf8), orient="row")


def title(lang: str) -> str:
    """Title of the board page (the report title of the kind ``board``)."""
    return text("report.labels.board_title", lang)
