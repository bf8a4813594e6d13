"""Plotly figure builders: pure functions from summary frames to ``plotly.graph_objects.Figure``.

The figures never see row-level data of large inventories: they draw the aggregated frames
of :mod:`rgpd_risk.report.views`, so their size does not grow with the inventory.
Number separators follow the report language (``separators`` of the layout).
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl

from rgpd_risk.assessment.config import FEARED_EVENTS
from rgpd_risk.formatting import format_eur_short
from rgpd_risk.i18n import text
from rgpd_risk.remediation.plan import Plan
from rgpd_risk.report.i18n import check_lang, t

_SEPARATORS = {"fr": ",\u202f", "en": ".,"}
PALETTE = {"high": "#c0392b", "medium": "#e59e1e", "low": "#3a8f5c", "main": "#1f3a5f",
           "accent": "#5b8ec9", "grey": "#9aa5b1"}


# --------------------------------------------------------------------------- CNIL zones

ZONES: tuple[str, ...] = ("low", "moderate", "high", "critical")
"""The one risk level of the reports: the zone of a (severity, likelihood) cell of the CNIL
map, from the lowest to the highest."""

def zone_label(zone: str, lang: str) -> str:
    """Name of a zone in ``lang`` (text catalogue ``risk_map.zones``; masculine in French).

    Examples
    --------
    >>> zone_label("high", "fr"), zone_label("critical", "en")
    ('élevé', 'critical')
    """
    return text(f"risk_map.zones.{zone}", lang)

ZONE_COLORS = {"low": "#d9efe1", "moderate": "#fbe3b0", "high": "#f4a582", "critical": "#c0392b"}

ZONE_THRESHOLD = 3
"""Level from which severity or likelihood counts as *high* (3 importante, 4 maximale)."""

def level_labels(lang: str) -> list[str]:
    """The four levels of the CNIL scales (PIA method, 2018), e.g. "3 importante"."""
    return [text(f"risk_map.levels.{k}", lang) for k in ("1", "2", "3", "4")]


def zone_of(severity: int, likelihood: int) -> str:
    """Zone of a cell of the CNIL map.

    Our reading of the CNIL's risk-management guidance (the higher and the further right on
    the map, the more a risk must be avoided or reduced): both severity and likelihood high
    (≥ :data:`ZONE_THRESHOLD`) → *critical* (to avoid or reduce first); severity high,
    likelihood low → *high*; severity low, likelihood high → *moderate*; both low → *low*
    (may be accepted). A modelling choice, documented in ``docs/risk_model.md``.

    Examples
    --------
    >>> zone_of(4, 4), zone_of(4, 1), zone_of(2, 3), zone_of(1, 2)
    ('critical', 'high', 'moderate', 'low')
    """
    hs, hl = severity >= ZONE_THRESHOLD, likelihood >= ZONE_THRESHOLD
    return "critical" if hs and hl else "high" if hs else "moderate" if hl else "low"


def zone_expr(severity: str | pl.Expr = "severity", likelihood: str | pl.Expr = "likelihood") -> pl.Expr:
    """:func:`zone_of` as a polars expression (Utf8, null when a level is null).

    Examples
    --------
    >>> pl.DataFrame({"severity": [4, 2], "likelihood": [3, 1]}).select(zone_expr())["zone"].to_list()
    ['critical', 'low']
    """
    s = pl.col(severity) if isinstance(severity, str) else severity
    lk = pl.col(likelihood) if isinstance(likelihood, str) else likelihood
    hs, hl = s >= ZONE_THRESHOLD, lk >= ZONE_THRESHOLD
    return (pl.when(s.is_null() | lk.is_null()).then(None)
            .when(hs & hl).then(pl.lit("critical")).when(hs).then(pl.lit("high"))
            .when(hl).then(pl.lit("moderate")).otherwise(pl.lit("low")).alias("zone"))


def gravest_event(datasets: pl.DataFrame, *, residual: bool = False) -> pl.DataFrame:
    """Per dataset, its **gravest** feared event: the highest severity, then the highest
    likelihood, then the order access, modification, disappearance (CNIL PIA: a processing
    is placed by the gravest feared event; the product severity × likelihood would place a
    biometric KYC at severity 2 through "disappearance").

    Returns ``dataset_id, event, severity, likelihood, zone``.

    Examples
    --------
    >>> d = pl.DataFrame({"dataset_id": ["kyc"], "access_severity": [4], "access_likelihood": [1],
    ...                   "modification_severity": [2], "modification_likelihood": [2],
    ...                   "disappearance_severity": [2], "disappearance_likelihood": [3]})
    >>> gravest_event(d).row(0)
    ('kyc', 'access', 4, 1, 'high')
    """
    suffix = "_residual" if residual else ""
    parts = [
        datasets.select("dataset_id", pl.lit(ev).alias("event"), pl.lit(i).alias("_order"),
                        pl.col(f"{ev}_severity{suffix}").cast(pl.Int64).alias("severity"),
                        pl.col(f"{ev}_likelihood{suffix}").cast(pl.Int64).alias("likelihood"))
        for i, ev in enumerate(FEARED_EVENTS)
    ]
    return (pl.concat(parts)
            .sort(["dataset_id", "severity", "likelihood", "_order"],
                  descending=[False, True, True, False], nulls_last=True)
            .group_by("dataset_id", maintain_order=True).first()
            .select("dataset_id", "event", "severity", "likelihood")
            .with_columns(zone_expr()))


def map_cells(datasets: pl.DataFrame, *, residual: bool = False, event: str | None = None,
              name: str = "name", volume: str | None = "subject_count",
              lang: str = "fr") -> pl.DataFrame:
    """Datasets per cell of the CNIL map: ``severity, likelihood, zone, n, names``.

    ``event=None`` places each dataset by its gravest feared event (:func:`gravest_event`).
    ``names`` lists the datasets of the cell (``name`` column, else the id), largest
    population first, each followed by its population when ``volume`` is a column: volume is
    the scale of the processing, shown beside the position, never added to severity.
    Sixteen rows at most whatever the number of datasets (the names are for the figure's
    critical cells, which :func:`risk_map` cuts to a few).

    Examples
    --------
    >>> d = pl.DataFrame({"dataset_id": ["a", "b"], "name": ["A", "B"], "subject_count": [900_000, 20],
    ...     **{f"{e}_{k}": [4, 4] for e in FEARED_EVENTS for k in ("severity", "likelihood")}})
    >>> map_cells(d).row(0)
    (4, 4, 'critical', 2, ['A (900 k)', 'B (20)'])
    """
    if event is None:
        cells = gravest_event(datasets, residual=residual)
    else:
        if event not in FEARED_EVENTS:
            raise ValueError(f"unknown feared event {event!r}; expected one of {', '.join(FEARED_EVENTS)}")
        sfx = "_residual" if residual else ""
        cells = datasets.select("dataset_id",
                                pl.col(f"{event}_severity{sfx}").cast(pl.Int64).alias("severity"),
                                pl.col(f"{event}_likelihood{sfx}").cast(pl.Int64).alias("likelihood")
                                ).with_columns(zone_expr())
    label = pl.col(name) if name in datasets.columns else pl.col("dataset_id")
    label = (pl.when(label.str.len_chars() > 38).then(label.str.slice(0, 37).str.strip_chars() + "…")
             .otherwise(label))
    extra = [label.alias("_label")]
    if volume and volume in datasets.columns:
        extra.append(pl.col(volume).cast(pl.Int64).alias("_n"))
    else:
        extra.append(pl.lit(None, dtype=pl.Int64).alias("_n"))
    info = datasets.select("dataset_id", *extra).with_columns(
        pl.when(pl.col("_n").is_null()).then(pl.col("_label"))
        .otherwise(pl.format("{} ({})", pl.col("_label"), _short_count(pl.col("_n"), lang)))
        .alias("_shown"))
    return (cells.filter(pl.col("severity").is_not_null() & pl.col("likelihood").is_not_null())
            .join(info, on="dataset_id", how="left")
            .sort(["_n", "_label"], descending=[True, False], nulls_last=True)
            .group_by("severity", "likelihood", "zone")
            .agg(pl.len().cast(pl.Int64).alias("n"), pl.col("_shown").alias("names"))
            .sort("severity", "likelihood", descending=[True, True]))


def _short_count(n: pl.Expr, lang: str) -> pl.Expr:
    """People counts for names on the map: 900 000 → "900 k", 1 500 000 → "1,5 M" (fr)."""
    millions = (n.cast(pl.Float64) / 1e6).round(1).cast(pl.Utf8).str.replace(r"\.0$", "")
    if lang == "fr":
        millions = millions.str.replace(".", ",", literal=True)
    return (pl.when(n >= 1_000_000).then(millions + " M")
            .when(n >= 1_000).then((n.cast(pl.Float64) / 1e3).round(0).cast(pl.Int64).cast(pl.Utf8) + " k")
            .otherwise(n.cast(pl.Utf8)))


def eur_ticks(top: float, lang: str, *, log: bool = False, low: float = 1.0,
              n: int = 5) -> tuple[list[float], list[str]]:
    """Tick values and texts of a euro axis in the report's format ("600 k€", "1,5 M€" in
    French; "€600k" in English) — plotly's own SI ticks read "600k".

    Linear axes: about ``n`` round steps from 0 to ``top``; log axes: 1, 2, 5 × 10^k
    between ``low`` and ``top``.

    Examples
    --------
    >>> eur_ticks(1_300_000, "fr")[1]
    ['0\xa0€', '500\xa0k€', '1\xa0M€']
    >>> eur_ticks(60_000, "en", log=True, low=8_000)[1]
    ['€10k', '€20k', '€50k']
    """
    if top <= 0:
        return [0.0], [format_eur_short(0.0, lang)]
    if log:
        vals = []
        k = math.floor(math.log10(max(low, 1.0)))
        while 10 ** k <= top * 1.0001:
            vals += [m * 10 ** k for m in (1, 2, 5) if low <= m * 10 ** k <= top * 1.0001]
            k += 1
    else:
        raw = top / max(n, 1)
        mag = 10 ** math.floor(math.log10(raw))
        step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
        vals = [i * step for i in range(int(top // step) + 1)]
    return [float(v) for v in vals], [format_eur_short(v, lang) for v in vals]


#: Characters of a title line: a figure may sit in half a page (``Report.row``) and Plotly
#: does not wrap titles, it cuts them ("Carte des risques (gravité × vraisemblance CNI").
TITLE_WIDTH = 44


def _layout(fig: go.Figure, lang: str, title: str, *, height: int = 380) -> go.Figure:
    lines = textwrap.wrap(title, TITLE_WIDTH, break_long_words=False) or [""]
    fig.update_layout(
        title={"text": "<br>".join(lines), "x": 0, "xanchor": "left"},
        template="plotly_white",
        separators=_SEPARATORS[check_lang(lang)],
        height=height + 20 * (len(lines) - 1),
        margin={"l": 10, "r": 10, "t": 50 + 20 * (len(lines) - 1), "b": 10},
        font={"family": "Segoe UI, Helvetica, Arial, sans-serif", "size": 12},
    )
    return fig


def bar(frame: pl.DataFrame, label: str, value: str, lang: str, title: str, *,
        color: str | None = None, horizontal: bool = True, limit: int = 25,
        color_by: str | None = None, colors: dict | None = None) -> go.Figure:
    """A bar chart of ``value`` by ``label`` (largest first, at most ``limit`` bars).

    Examples
    --------
    >>> f = bar(pl.DataFrame({"k": ["a", "b"], "n": [3, 1]}), "k", "n", "en", "T")
    >>> list(f.data[0].x), f.layout.title.text
    ([3, 1], 'T')
    """
    df = frame.head(limit)
    labels = [str(x) for x in df[label].to_list()]
    values = df[value].to_list()
    marker: dict = {"color": color or PALETTE["main"]}
    if color_by is not None and colors is not None:
        marker = {"color": [colors.get(v, PALETTE["grey"]) for v in df[color_by].to_list()]}
    if horizontal:
        fig = go.Figure(go.Bar(x=values, y=labels, orientation="h", marker=marker,
                               hovertemplate="%{y}: %{x}<extra></extra>"))
        fig.update_yaxes(autorange="reversed", automargin=True)
        height = max(260, 40 + 24 * len(labels))
    else:
        fig = go.Figure(go.Bar(x=labels, y=values, marker=marker,
                               hovertemplate="%{x}: %{y}<extra></extra>"))
        height = 380
    return _layout(fig, lang, title, height=height)


def categories_sunburst(frame: pl.DataFrame, lang: str, title: str) -> go.Figure:
    """Sunburst of datasets by CNIL register row then data category (from ``categories_by_row``)."""
    row_col, cat_col, n_col = frame.columns[:3]
    rows = frame.group_by(row_col).agg(pl.col(n_col).sum()).sort(row_col)
    ids = [f"r:{r}" for r in rows[row_col].to_list()] + [
        f"c:{r}:{c}" for r, c in zip(frame[row_col].to_list(), frame[cat_col].to_list(), strict=True)]
    labels = [str(r) for r in rows[row_col].to_list()] + [str(c) for c in frame[cat_col].to_list()]
    parents = [""] * rows.height + [f"r:{r}" for r in frame[row_col].to_list()]
    values = rows[n_col].to_list() + frame[n_col].to_list()
    fig = go.Figure(go.Sunburst(ids=ids, labels=labels, parents=parents, values=values,
                                branchvalues="total", maxdepth=2,
                                hovertemplate="%{label}: %{value}<extra></extra>"))
    return _layout(fig, lang, title, height=480)


def histogram(values: Sequence[float], lang: str, title: str, x_title: str, *,
              nbins: int = 24) -> go.Figure:
    """Histogram of a numeric series (nulls dropped) — e.g. retention in months.

    Plotly bins in the browser, so the figure carries the values; callers pass aggregated or
    bounded series (one value per dataset is fine up to tens of thousands of datasets).
    """
    fig = go.Figure(go.Histogram(x=[v for v in values if v is not None], nbinsx=nbins,
                                 marker={"color": PALETTE["accent"]}))
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=t("datasets", lang))
    return _layout(fig, lang, title)


def binned_bar(frame: pl.DataFrame, column: str, lang: str, title: str, x_title: str,
               edges: Sequence[float]) -> go.Figure:
    """Counts of ``column`` in the bins ``[edges[i], edges[i+1])`` — fixed size whatever the rows.

    Examples
    --------
    >>> f = binned_bar(pl.DataFrame({"m": [1.0, 13.0, 40.0]}), "m", "en", "T", "months", [0, 12, 36, 1e9])
    >>> list(f.data[0].y)
    [1, 1, 1]
    """
    vals = frame[column].drop_nulls()
    labels, counts = [], []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        counts.append(int(((vals >= lo) & (vals < hi)).sum()))
        labels.append(f"≥ {lo:g}" if hi >= 1e8 else f"{lo:g}–{hi:g}")
    fig = go.Figure(go.Bar(x=labels, y=counts, marker={"color": PALETTE["accent"]},
                           hovertemplate="%{x}: %{y}<extra></extra>"))
    fig.update_xaxes(title=x_title, type="category")
    fig.update_yaxes(title=t("datasets", lang))
    return _layout(fig, lang, title)


def completeness_bars(frame: pl.DataFrame, lang: str, title: str) -> go.Figure:
    """Share filled per Art. 30(1) field (from ``art30_completeness``), 0–100 %."""
    field_col, _, share_col = frame.columns[:3]
    shares = frame[share_col].to_list()
    colors = [PALETTE["low"] if s >= 0.95 else PALETTE["medium"] if s >= 0.7 else PALETTE["high"]
              for s in shares]
    fig = go.Figure(go.Bar(x=shares, y=frame[field_col].to_list(), orientation="h",
                           marker={"color": colors},
                           hovertemplate="%{y}: %{x:.0%}<extra></extra>"))
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, lang, title, height=320)


def _as_cells(frame: pl.DataFrame, lang: str, *, residual: bool = False) -> pl.DataFrame:
    """Cells of the map from a datasets frame (``*_severity`` columns) or from counts."""
    if "access_severity" in frame.columns:
        return map_cells(frame, residual=residual, lang=lang)
    out = frame
    if "zone" not in out.columns:
        out = out.with_columns(zone_expr())
    if "names" not in out.columns:
        out = out.with_columns(pl.lit([], dtype=pl.List(pl.Utf8)).alias("names"))
    return out


def _zone_grid() -> list[list[int]]:
    return [[ZONES.index(zone_of(s, lk)) for lk in range(1, 5)] for s in range(1, 5)]


_ZONE_SCALE = [[i / 3, ZONE_COLORS[z]] for i, z in enumerate(ZONES)]


def _cell_texts(cells: pl.DataFrame) -> tuple[list[list[int]], list[list[str]]]:
    counts = [[0] * 4 for _ in range(4)]
    for sev, lk, n in cells.select("severity", "likelihood", "n").iter_rows():
        if sev is not None and lk is not None and 1 <= sev <= 4 and 1 <= lk <= 4:
            counts[int(sev) - 1][int(lk) - 1] += int(n)
    texts = [[f"<b>{v}</b>" if v else "" for v in row] for row in counts]
    return counts, texts


def _shorten(text: str, width: int = 46) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _html_escape(text: str) -> str:
    return html.escape(str(text), quote=False)


def _zone_legend(fig: go.Figure, lang: str) -> None:
    for z in reversed(ZONES):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=zone_label(z, lang),
                                 marker={"symbol": "square", "size": 12, "color": ZONE_COLORS[z],
                                         "line": {"color": "#888", "width": 0.5}},
                                 hoverinfo="skip", showlegend=True))


#: Pixels between the bottom of the map and the list of critical datasets (tick labels and
#: the likelihood axis title), and per line of that list.
_BELOW_AXIS, _LINE = 95, 14


def heatmap(counts: pl.DataFrame, lang: str, title: str, *, residual: bool = False,
            max_names: int = 12) -> go.Figure:
    """The CNIL map (severity × likelihood), **coloured by zone** (:func:`zone_of`), not by the
    number of datasets: each cell shows its number of datasets; the datasets of the critical
    zone are named below the map (worst cell first, then largest population, population
    beside the name; at most ``max_names``, then "+ n"). Both axes are labelled with the
    CNIL levels.

    ``counts`` is either the assessment's ``datasets`` frame (each dataset placed by its
    gravest feared event, :func:`gravest_event`; ``residual=True`` for the residual columns)
    or a frame of cells ``severity, likelihood, n`` (optionally ``zone``, ``names``), e.g.
    :func:`map_cells`.

    Examples
    --------
    >>> f = heatmap(pl.DataFrame({"severity": [4], "likelihood": [2], "n": [3]}), "en", "T")
    >>> f.data[0].text[3][1], f.data[0].z[3][1] == ZONES.index("high")
    ('<b>3</b>', True)
    >>> f.layout.xaxis.title.text, f.layout.yaxis.title.text
    ('Likelihood (CNIL)', 'Severity (CNIL)')
    """
    check_lang(lang)
    cells = _as_cells(counts, lang, residual=residual)
    n, texts = _cell_texts(cells)
    levels = level_labels(lang)
    zone_names = [[zone_label(ZONES[i], lang) for i in row] for row in _zone_grid()]
    fig = go.Figure(go.Heatmap(
        z=_zone_grid(), x=levels, y=levels, text=texts, texttemplate="%{text}",
        customdata=[[[n[s][lk], zone_names[s][lk]] for lk in range(4)] for s in range(4)],
        zmin=0, zmax=3, colorscale=_ZONE_SCALE, showscale=False, xgap=2, ygap=2,
        textfont={"size": 10},
        hovertemplate=f"{t('severity', lang)} %{{y}} · {t('likelihood', lang)} %{{x}}"
                      "<br>%{customdata[1]} : %{customdata[0]}<extra></extra>"))
    _zone_legend(fig, lang)
    fig.update_xaxes(title=t("likelihood", lang), type="category", showgrid=False)
    fig.update_yaxes(title=t("severity", lang), type="category", showgrid=False)
    # legend between the title and the map: below it, it ran into the likelihood axis title
    # once the map was printed in a half-page column
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.0, "xanchor": "left",
                              "yanchor": "bottom", "font": {"size": 10}},
                      plot_bgcolor="white")
    names = [x for ns in cells.filter(pl.col("zone") == "critical")["names"].to_list() for x in ns]
    lines = []
    if names and max_names:
        # below the map, not beside it: printed in half a page, a list beside it was cut
        shown = [f"• {_html_escape(_shorten(x, 56))}" for x in names[:max_names]]
        if len(names) > max_names:
            shown.append(text("risk_map.more", lang).format(n=len(names) - max_names))
        key = "risk_map.critical_many" if len(names) > 1 else "risk_map.critical_one"
        lines = [f"<b>{_html_escape(text(key, lang).format(n=len(names)))}</b>", *shown]
        fig.add_annotation(xref="paper", yref="paper", x=0, y=0, yshift=-_BELOW_AXIS,
                           xanchor="left", yanchor="top", align="left", showarrow=False,
                           text="<br>".join(lines), font={"size": 10})
    below = _BELOW_AXIS + _LINE * len(lines) if lines else 0
    fig = _layout(fig, lang, title, height=460 + below)
    fig.update_layout(margin={"t": fig.layout.margin.t + 30,  # room for the legend
                              "b": fig.layout.margin.b + below})
    return fig


def critical_names(frame: pl.DataFrame, lang: str = "fr", *, residual: bool = False) -> list[str]:
    """Names of the datasets in the critical zone (population beside each), worst cell first.

    Examples
    --------
    >>> d = pl.DataFrame({"dataset_id": ["a"], "name": ["A"], "subject_count": [5],
    ...     **{f"{e}_{k}": [3] for e in FEARED_EVENTS for k in ("severity", "likelihood")}})
    >>> critical_names(d)
    ['A (5)']
    """
    cells = _as_cells(frame, lang, residual=residual)
    return [x for names in cells.filter(pl.col("zone") == "critical")["names"].to_list()
            for x in names]


def exceedance(frame: pl.DataFrame, lang: str, title: str, *, markers: dict[str, float] | None = None) -> go.Figure:
    """Loss-exceedance curve (``loss_eur``, ``p_exceed``) on a log x axis, with optional markers."""
    df = frame.filter(pl.col("loss_eur") > 0)
    fig = go.Figure(go.Scatter(x=df["loss_eur"].to_list(), y=df["p_exceed"].to_list(),
                               mode="lines", line={"color": PALETTE["main"]},
                               hovertemplate="%{x:,.0f} €: %{y:.1%}<extra></extra>"))
    for name, x in (markers or {}).items():
        fig.add_vline(x=x, line_dash="dot", line_color=PALETTE["high"],
                      annotation_text=name, annotation_position="top")
    xs = df["loss_eur"].to_list()
    vals, texts = eur_ticks(max(xs, default=0.0), lang, log=True, low=min(xs, default=1.0))
    fig.update_xaxes(type="log", title=t("exposure_eur", lang), tickvals=vals, ticktext=texts)
    fig.update_yaxes(tickformat=".0%", title=t("p_any_fine", lang))
    return _layout(fig, lang, title)


def trend(history: pl.DataFrame, column: str, lang: str, title: str) -> go.Figure:
    """A metric across runs (``run_date`` on x)."""
    fig = go.Figure(go.Scatter(x=[str(d) for d in history["run_date"].to_list()],
                               y=history[column].to_list(), mode="lines+markers",
                               line={"color": PALETTE["main"]}))
    fig.update_xaxes(type="category")
    return _layout(fig, lang, title, height=300)


def ranked(frame: pl.DataFrame, lang: str, title: str, *, limit: int = 25,
           color_by: str | None = None, colors: dict | None = None) -> go.Figure:
    """Horizontal bars of a view frame: first column as labels, last column as values.

    Examples
    --------
    >>> f = ranked(pl.DataFrame({"who": ["x", "y"], "n": [5, 2]}), "fr", "T")
    >>> list(f.data[0].y)
    ['x', 'y']
    """
    return bar(frame, frame.columns[0], frame.columns[-1], lang, title, limit=limit,
               color_by=color_by, colors=colors)


def subjects_bar(frame: pl.DataFrame, lang: str, title: str) -> go.Figure:
    """Data subjects (from ``views.subjects_view``), vulnerable people in red."""
    return ranked(frame, lang, title, color_by=frame.columns[1],
                  colors={True: PALETTE["high"], False: PALETTE["main"]})


def transfers_bar(frame: pl.DataFrame, lang: str, title: str) -> go.Figure:
    """Destination countries (from ``views.transfers_view``), coloured by transfer status."""
    status = frame.columns[1]
    colors = {s: (PALETTE["low"] if s == t("eea", lang) else PALETTE["medium"]
                  if s.startswith(t("adequate", lang)) else PALETTE["high"])
              for s in frame[status].unique().to_list()}
    return ranked(frame, lang, title, color_by=status, colors=colors)


RETENTION_EDGES = (0, 6, 12, 24, 36, 60, 120, 1e9)
"""Bins (months) of the retention chart."""


def retention_bar(frame: pl.DataFrame, lang: str, title: str) -> go.Figure:
    """Parsed retention periods (``retention_months`` of the inventory frame) in fixed bins."""
    return binned_bar(frame, "retention_months", lang, title, t("retention_months", lang),
                      RETENTION_EDGES)


def heatmap_grid(maps: dict[tuple[str, bool], pl.DataFrame], lang: str, title: str) -> go.Figure:
    """CNIL risk maps per feared event (columns), initial (top row) and residual (bottom row),
    coloured by zone like :func:`heatmap`; cells show the number of datasets.

    ``maps`` is :func:`rgpd_risk.report.views.event_heatmaps` (pass the datasets of
    :meth:`rgpd_risk.remediation.Plan.residual_datasets` for the residual row after the plan).

    Examples
    --------
    >>> c = pl.DataFrame({"severity": [4], "likelihood": [2], "n": [3]})
    >>> m = {(e, r): c for e in FEARED_EVENTS for r in (False, True)}
    >>> f = heatmap_grid(m, "en", "T")
    >>> len(f.data), f.data[0].text[3][1]
    (6, '<b>3</b>')
    """
    from plotly.subplots import make_subplots

    check_lang(lang)
    events = list(FEARED_EVENTS)
    initial = text("risk_map.initial", lang)
    residual = text("risk_map.residual", lang)
    names = [text(f"report.events.{e}", lang) for e in events]
    titles = [f"{n} — {initial}" for n in names] + [f"{n} — {residual}" for n in names]
    fig = make_subplots(rows=2, cols=3, subplot_titles=titles, horizontal_spacing=0.07,
                        vertical_spacing=0.16)
    levels = ["1", "2", "3", "4"]
    for r, res in enumerate((False, True), start=1):
        for c, ev in enumerate(events, start=1):
            cells = _as_cells(maps[(ev, res)], lang)
            n, texts = _cell_texts(cells)
            fig.add_trace(go.Heatmap(
                z=_zone_grid(), x=levels, y=levels, text=texts, texttemplate="%{text}",
                customdata=n, zmin=0, zmax=3, showscale=False, colorscale=_ZONE_SCALE,
                xgap=2, ygap=2,
                hovertemplate=f"{t('severity', lang)} %{{y}} · {t('likelihood', lang)} %{{x}}: "
                              "%{customdata}<extra></extra>"), row=r, col=c)
            fig.update_xaxes(type="category", row=r, col=c,
                             title=t("likelihood", lang) if r == 2 else None)
            fig.update_yaxes(type="category", row=r, col=c,
                             title=t("severity", lang) if c == 1 else None)
    fig.update_annotations(font_size=11)
    return _layout(fig, lang, title, height=560)


def waterfall(frame: pl.DataFrame, lang: str, title: str) -> go.Figure:
    """Waterfall of additive contributions (first column labels, second values) and their total.

    Examples
    --------
    >>> f = waterfall(pl.DataFrame({"factor": ["a", "b"], "c": [2.0, 3.5]}), "en", "T")
    >>> list(f.data[0].measure), f.data[0].y[-1]
    (['relative', 'relative', 'total'], 5.5)
    """
    labels = [str(x) for x in frame[frame.columns[0]].to_list()]
    values = [float(v) for v in frame[frame.columns[1]].to_list()]
    total = t("score", lang)
    fig = go.Figure(go.Waterfall(
        x=[*labels, total], y=[*values, sum(values)], measure=["relative"] * len(values) + ["total"],
        text=[f"{v:.1f}" for v in [*values, sum(values)]], textposition="outside",
        connector={"line": {"color": PALETTE["grey"]}},
        increasing={"marker": {"color": PALETTE["high"]}},
        decreasing={"marker": {"color": PALETTE["low"]}},
        totals={"marker": {"color": PALETTE["main"]}}))
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(title=t("score", lang))
    return _layout(fig, lang, title, height=420)


def article_tiers(frame: pl.DataFrame, lang: str, title: str, *, limit: int = 20) -> go.Figure:
    """Stacked horizontal bars of findings per article, one colour per Art. 83 tier
    (from :func:`rgpd_risk.report.views.findings_by_article`)."""
    df = frame.head(limit)
    labels = [str(x) for x in df[df.columns[0]].to_list()]
    tier_cols = df.columns[1:-1]
    colors = [PALETTE["medium"], PALETTE["high"], PALETTE["main"]]
    fig = go.Figure([go.Bar(x=df[c].to_list(), y=labels, orientation="h", name=c,
                            marker={"color": colors[i % len(colors)]},
                            hovertemplate=f"%{{y}} · {c}: %{{x}}<extra></extra>")
                     for i, c in enumerate(tier_cols)])
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.08})
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, lang, title, height=max(280, 60 + 24 * len(labels)))


def _headroom(values: list[float]) -> float:
    """Top of an axis that starts at 0: 8 % above the largest value (1 when all are 0)."""
    top = max(values, default=0.0)
    return top * 1.08 if top > 0 else 1.0


def _eur_axis(values: list[float] | None, lang: str) -> dict[str, Any]:
    """Explicit euro ticks ("600 k€") for the plan figure's money axis (none for a % axis)."""
    if values is None:
        return {}
    vals, texts = eur_ticks(_headroom(values), lang)
    return {"tickmode": "array", "tickvals": vals, "ticktext": texts}


def plan_figure(plan: Plan, lang: str = "fr") -> go.Figure:
    """Plotly figure: expected exposure removed (and risk score removed) against cumulative
    effort, one marker per step labelled with its number and action.

    Examples
    --------
    >>> from datetime import date
    >>> from rgpd_risk.inventory.organisation import Organisation
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> from rgpd_risk.remediation.plan import plan
    >>> f = frame_from_records([{"dataset_id": "a", "name": "A", "data_categories": ["contact"],
    ...                          "legal_basis": "consent", "subject_count": 10}])
    >>> p = plan(f, organisation=Organisation(name="Acme", turnover_eur=1e6),
    ...          today=date(2025, 1, 1), n_draws=1_000)
    >>> fig = plan_figure(p, "en")
    >>> fig.data[0].x[0], len(fig.data[0].x) == p.steps.height + 1
    (0.0, True)
    """
    check_lang(lang)
    s = plan.steps
    x = [0.0, *s["cumulative_effort_days"].to_list()]
    base_exp = plan.baseline.portfolio["expected_exposure"]
    base_risk = plan.baseline.portfolio["risk_score_total"]
    labels = ["", *[f"{r['step']}. {r[f'label_{lang}']}" for r in s.iter_rows(named=True)]]

    def say(key: str) -> str:
        return text(f"report.plan_figure.{key}", lang)

    fig = go.Figure()
    if base_exp is not None:
        removed = [0.0, *[base_exp - v for v in s["remaining_expected_exposure"].to_list()]]
        fig.add_trace(go.Scatter(
            x=x, y=removed, mode="lines+markers", line={"shape": "hv", "color": "#1f3a5f"},
            name=say("exposure_trace"), text=labels, hovertemplate=say("exposure_hover")))
    risk = [0.0, *[(base_risk - v) / base_risk * 100 if base_risk else 0.0
                   for v in s["remaining_risk_total"].to_list()]]
    fig.add_trace(go.Scatter(
        x=x, y=risk, mode="lines+markers", yaxis="y2" if base_exp is not None else "y",
        line={"shape": "hv", "color": "#e59e1e", "dash": "dot"},
        name=say("risk_trace"), text=labels,
        hovertemplate="%{text}<br>%{y:.1f} %<extra></extra>"))
    fig.update_layout(
        title={"text": say("title"), "x": 0},
        template="plotly_white", separators=_SEPARATORS[lang],
        xaxis={"title": say("effort_axis")},
        # both axes start at 0 at the bottom, each with its own round ticks
        yaxis={"title": say("exposure_axis") if base_exp is not None else say("risk_trace"),
               "range": [0, _headroom(removed if base_exp is not None else risk)],
               **_eur_axis(removed if base_exp is not None else None, lang)},
        # tickmode "auto": an overlaying axis otherwise syncs its ticks to the left axis's grid
        yaxis2={"title": say("risk_trace"),
                "overlaying": "y", "side": "right", "showgrid": False,
                "tickmode": "auto", "range": [0, _headroom(risk)]},
        legend={"orientation": "h", "y": -0.2}, height=420,
        margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return fig
