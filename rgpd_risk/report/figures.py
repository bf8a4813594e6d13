"""Plotly figure builders: pure functions from summary frames to ``plotly.graph_objects.Figure``.

The figures never see row-level data of large inventories: they draw the aggregated frames
of :mod:`rgpd_risk.report.views`, so their size does not grow with the inventory.
Number separators follow the report language (``separators`` of the layout).
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import polars as pl

from rgpd_risk.report.i18n import check_lang, t

_SEPARATORS = {"fr": ",\u202f", "en": ".,"}
PALETTE = {"high": "#c0392b", "medium": "#e59e1e", "low": "#3a8f5c", "main": "#1f3a5f",
           "accent": "#5b8ec9", "grey": "#9aa5b1"}


def _layout(fig: go.Figure, lang: str, title: str, *, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        template="plotly_white",
        separators=_SEPARATORS[check_lang(lang)],
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
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


def heatmap(counts: pl.DataFrame, lang: str, title: str) -> go.Figure:
    """CNIL severity × likelihood heat map from a frame with ``severity``, ``likelihood``, ``n``.

    Levels 1–4 on both axes; cells show the number of datasets.

    Examples
    --------
    >>> f = heatmap(pl.DataFrame({"severity": [4], "likelihood": [2], "n": [3]}), "en", "T")
    >>> f.data[0].z[3][1]
    3
    """
    z = [[0] * 4 for _ in range(4)]
    for s, lk, n in counts.select("severity", "likelihood", "n").iter_rows():
        if s is not None and lk is not None and 1 <= s <= 4 and 1 <= lk <= 4:
            z[int(s) - 1][int(lk) - 1] += int(n)
    levels = ["1", "2", "3", "4"]
    fig = go.Figure(go.Heatmap(
        z=z, x=levels, y=levels, text=[[str(v) for v in row] for row in z],
        texttemplate="%{text}", colorscale=[[0, "#f4f6f8"], [0.5, "#f0b84a"], [1, "#c0392b"]],
        showscale=False,
        hovertemplate=f"{t('severity', lang)} %{{y}} · {t('likelihood', lang)} %{{x}}: %{{z}}<extra></extra>"))
    fig.update_xaxes(title=t("likelihood", lang), type="category")
    fig.update_yaxes(title=t("severity", lang), type="category")
    return _layout(fig, lang, title, height=360)


def exceedance(frame: pl.DataFrame, lang: str, title: str, *, markers: dict[str, float] | None = None) -> go.Figure:
    """Loss-exceedance curve (``loss_eur``, ``p_exceed``) on a log x axis, with optional markers."""
    df = frame.filter(pl.col("loss_eur") > 0)
    fig = go.Figure(go.Scatter(x=df["loss_eur"].to_list(), y=df["p_exceed"].to_list(),
                               mode="lines", line={"color": PALETTE["main"]},
                               hovertemplate="%{x:,.0f} €: %{y:.1%}<extra></extra>"))
    for name, x in (markers or {}).items():
        fig.add_vline(x=x, line_dash="dot", line_color=PALETTE["high"],
                      annotation_text=name, annotation_position="top")
    fig.update_xaxes(type="log", title=t("exposure_eur", lang))
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


def _heat_z(counts: pl.DataFrame) -> list[list[int]]:
    z = [[0] * 4 for _ in range(4)]
    for s, lk, n in counts.select("severity", "likelihood", "n").iter_rows():
        if s is not None and lk is not None and 1 <= s <= 4 and 1 <= lk <= 4:
            z[int(s) - 1][int(lk) - 1] += int(n)
    return z


EVENT_LABELS = {
    "access": {"fr": "Accès illégitime", "en": "Illegitimate access"},
    "modification": {"fr": "Modification non désirée", "en": "Unwanted modification"},
    "disappearance": {"fr": "Disparition", "en": "Disappearance"},
}
"""The three feared events of the CNIL PIA method."""


def heatmap_grid(maps: dict[tuple[str, bool], pl.DataFrame], lang: str, title: str) -> go.Figure:
    """CNIL risk maps per feared event (columns), initial (top row) and residual (bottom row).

    ``maps`` is :func:`rgpd_risk.report.views.event_heatmaps`. One colour scale for the six
    maps, so a cell that empties after the measures reads as such.

    Examples
    --------
    >>> c = pl.DataFrame({"severity": [4], "likelihood": [2], "n": [3]})
    >>> m = {(e, r): c for e in EVENT_LABELS for r in (False, True)}
    >>> f = heatmap_grid(m, "en", "T")
    >>> len(f.data), f.data[0].z[3][1]
    (6, 3)
    """
    from plotly.subplots import make_subplots

    check_lang(lang)
    events = list(EVENT_LABELS)
    initial = "initial" if lang == "en" else "initial"
    residual = "residual" if lang == "en" else "résiduel"
    titles = [f"{EVENT_LABELS[e][lang]} — {initial}" for e in events] + \
             [f"{EVENT_LABELS[e][lang]} — {residual}" for e in events]
    fig = make_subplots(rows=2, cols=3, subplot_titles=titles, horizontal_spacing=0.06,
                        vertical_spacing=0.16)
    zmax = max([max(max(row) for row in _heat_z(c)) for c in maps.values()] + [1])
    levels = ["1", "2", "3", "4"]
    for r, res in enumerate((False, True), start=1):
        for c, ev in enumerate(events, start=1):
            z = _heat_z(maps[(ev, res)])
            fig.add_trace(go.Heatmap(
                z=z, x=levels, y=levels, text=[[str(v) for v in row] for row in z],
                texttemplate="%{text}", zmin=0, zmax=zmax, showscale=False,
                colorscale=[[0, "#f4f6f8"], [0.5, "#f0b84a"], [1, "#c0392b"]],
                hovertemplate=f"{t('severity', lang)} %{{y}} · {t('likelihood', lang)} %{{x}}: %{{z}}"
                              "<extra></extra>"), row=r, col=c)
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
