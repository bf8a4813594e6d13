"""HTML building blocks of the reports: escaped tables, key figures, embedded plotly figures.

Everything that comes from the inputs (dataset names, purposes, recipients …) is escaped
with :func:`html.escape`, so a dataset named ``<script>alert(1)</script>`` is shown as text.

:class:`Report` is the display helper a notebook creates once. Its first figure embeds the
whole plotly.js bundle inline and later figures reuse it, so the exported HTML works offline
(no CDN) and carries the 4-5 MB bundle only once. Because figures are written as HTML
outputs, no plotly renderer has to be configured when papermill runs the notebook headless.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import polars as pl

from rgpd_risk.report.i18n import (
    check_lang,
    format_eur,
    format_number,
    format_percent,
    section,
    t,
)

DEFAULT_ROW_LIMIT = 50
"""Tables show at most this many rows on screen (keeps reports readable)."""
PRINT_ROW_LIMIT = 5_000
"""Rows of a table written to the HTML at most: the first ``limit`` are shown on screen, all
of them (up to this bound, which keeps the file's size bounded) are printed — a PDF never
stops at the screen limit."""

PRINT_LINE_CHARS = 84
"""Characters of a table's type on a line of the A4 text width (about 650 px at 13 px in a report's
output, with a margin): a table whose longest cells need more is printed with column widths
computed by :func:`_print_widths`."""
COMPACT_PRINT_LINE_CHARS = 104
"""The same for the compact board report (:data:`COMPACT_PRINT_STYLE`: tables in 6.5 pt instead of
about 8.8 pt, margins of 10 mm instead of 12): about 84 × 8.8 / 6.5 × 190 / 186 ≈ 116 characters,
less a margin, since its tables cannot be set smaller."""
MIN_PRINT_SCALE = 0.8
"""Smallest type of a wide printed table, as a share of the report's: a table whose longest words
do not fit the line side by side is set this much smaller at most, as a typesetter would."""
LONG_WORD = 20
"""Words longer than this many characters (rule references, identifiers, URLs) are long tokens,
wrapped anywhere in print; shorter words are kept whole when the line has room for them."""
_CELL_CHARS = 2.5  # padding and border of a cell, in characters

_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True,
                  "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"]}


@dataclass(frozen=True, repr=False)
class Html:
    """A fragment of HTML that Jupyter displays as such (``_repr_html_``).

    Examples
    --------
    >>> Html("<p>x</p>")._repr_html_()
    '<p>x</p>'
    """

    text: str
    narrow: Callable[[float], Html] | None = field(default=None, compare=False)
    """The fragment rendered again for a share of the printed line (a table's column widths),
    used when it is placed beside others (:meth:`Report.row`); ``None``: the same fragment."""

    def _repr_html_(self) -> str:
        return self.text

    def within(self, share: float) -> Html:
        """The fragment for ``share`` of the printed line (itself when it does not depend on it)."""
        return self if self.narrow is None else self.narrow(share)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:  # the plain-text twin of the output stays tiny in the notebook
        return f"<HTML fragment, {len(self.text):,} characters>"

    def __add__(self, other: Html) -> Html:
        return joined(self, other)


def joined(*parts: Html) -> Html:
    """Fragments one after the other, as one; each keeps its rendering for a share of the line.

    Examples
    --------
    >>> joined(Html("<p>a</p>"), Html("<p>b</p>")).text
    '<p>a</p><p>b</p>'
    """
    narrow = None
    if any(p.narrow is not None for p in parts):
        def narrow(share: float) -> Html:
            return joined(*(p.within(share) for p in parts))
    return Html("".join(p.text for p in parts), narrow)


def escape(value: object) -> str:
    """Text of ``value`` made safe for HTML (lists are joined with commas).

    Examples
    --------
    >>> escape("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> escape(["a", "b&c"])
    'a, b&amp;c'
    >>> escape(None)
    ''
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return html.escape(", ".join("" if v is None else str(v) for v in value))
    return html.escape(str(value))


def _cell(value: object, fmt: str | None, lang: str) -> tuple[str, bool]:
    """Escaped cell text and whether it is numeric (right-aligned)."""
    if fmt == "eur":
        return escape(format_eur(value, lang)), True
    if fmt == "percent":
        return escape(format_percent(value, lang)), True
    if isinstance(value, bool):
        return escape(t("yes" if value else "no", lang)), False
    if isinstance(value, int):
        return escape(format_number(value, lang)), True
    if isinstance(value, float):
        if math.isnan(value):
            return "—", True
        digits = 0 if value.is_integer() else 1
        return escape(format_number(value, lang, digits=digits)), True
    return escape(value), False


def _level(floors: Sequence[float], total: float, cap: Sequence[float]) -> list[float]:
    """``min(max(f, x·√c), c)`` per floor ``f`` and cap ``c``, for the ``x`` at which they add up
    to ``total`` (found by bisection, so the same inputs give the same widths)."""
    def fill(x: float) -> list[float]:
        return [min(max(f, x * math.sqrt(c)), c) for f, c in zip(floors, cap, strict=True)]
    lo, hi = 0.0, total
    for _ in range(60):
        lo, hi = ((lo + hi) / 2, hi) if sum(fill((lo + hi) / 2)) <= total else (lo, (lo + hi) / 2)
    return fill(lo)


def _print_widths(
    head: Sequence[str], rows: Sequence[Sequence[tuple[str, bool]]], line_chars: float = PRINT_LINE_CHARS
) -> tuple[list[tuple[float, bool]], float]:
    """Printed width (percent of the line) of each column and whether its words are kept whole,
    and the type scale of the table; ``([], 1.0)`` when the table fits its line (``line_chars``
    characters: the A4 text width, or a share of it beside a figure) as it is.

    Wrapped anywhere, a wide table shares the line in proportion to its columns' longest cells,
    so short columns ("no", "medium", a verdict) were broken a letter or two a line. Here each
    column first gets its longest word (header included; a number, or words joined by no-break
    spaces, is one word): when these words do not fit the line side by side, the table's type is
    made smaller, down to :data:`MIN_PRINT_SCALE`, and if they still do not fit, the columns with
    the shortest words get theirs first. Columns that got their word keep their words whole
    (``rgpd-word``); a word longer than :data:`LONG_WORD` characters wraps anywhere. Every column
    then gets a share of the rest growing with the square root of its longest cell, never more
    than that cell.

    Examples
    --------
    >>> _print_widths(["a"], [[("short", False)]])
    ([], 1.0)
    >>> wide, scale = _print_widths(["Dataset", "Done", "Trail"], [[("Backups", False), ("no", False),
    ...                                                           ("x y " * 90, False)]])
    >>> [(round(w), whole) for w, whole in wide], scale
    ([(11, True), (8, True), (81, True)], 1.0)
    """
    words, longest = [], []
    for i, name in enumerate(head):
        texts = [(html.unescape(row[i][0]), row[i][1]) for row in rows]
        words.append(max((len(w) for text, numeric in [(name, False), *texts]
                          for w in ([text] if numeric else text.split(" "))), default=0))
        longest.append(max([words[i], *(len(text) for text, _ in texts)]) + _CELL_CHARS)
    if sum(longest) <= line_chars:
        return [], 1.0
    kept = [w <= LONG_WORD for w in words]
    needed = sum((w if k else 1) + _CELL_CHARS for w, k in zip(words, kept, strict=True))
    scale = max(MIN_PRINT_SCALE, min(1.0, line_chars / needed))
    line = line_chars / scale
    floors, whole = [1 + _CELL_CHARS] * len(head), [False] * len(head)
    room = line - sum(floors)
    for i in sorted(range(len(head)), key=lambda i: (words[i], i)):
        if kept[i] and words[i] - 1 <= room:
            floors[i], whole[i], room = words[i] + _CELL_CHARS, True, room - (words[i] - 1)
    widths = _level(floors, line, cap=longest)
    return [(100 * w / sum(widths), k) for w, k in zip(widths, whole, strict=True)], round(scale, 3)


def table(frame: pl.DataFrame, lang: str, *, limit: int | None = DEFAULT_ROW_LIMIT,
          formats: Mapping[str, str] | None = None, caption: str | None = None,
          empty: str | None = None, line_chars: float = PRINT_LINE_CHARS) -> Html:
    """Render a frame as an escaped HTML table: the first ``limit`` rows on screen, every row
    (up to :data:`PRINT_ROW_LIMIT`) in print, so the PDF holds the whole table; a note says so.

    Parameters
    ----------
    frame : pl.DataFrame
        Columns are shown in order, headers as they are (already in ``lang``).
    lang : {"fr", "en"}
        Numbers are formatted for this language.
    limit : int or None, default 50
        Rows shown on screen; ``None`` shows every row. Print shows them all.
    formats : mapping, optional
        Column → ``"eur"`` or ``"percent"``; other numbers are formatted as plain numbers.
    caption : str, optional
        Caption above the table (escaped).
    empty : str, optional
        Text shown instead of an empty table (default: "Nothing to report.").
    line_chars : float, default PRINT_LINE_CHARS
        Characters of the printed line the table has (its column widths are computed for it);
        the fragment's ``narrow`` renders it for a share of that line (a table beside a figure).

    Examples
    --------
    >>> df = pl.DataFrame({"name": ["<b>x</b>"], "n": [1200]})
    >>> "&lt;b&gt;x&lt;/b&gt;" in table(df, "en").text, "1,200" in table(df, "en").text
    (True, True)
    >>> long = table(pl.DataFrame({"n": list(range(60))}), "en", limit=50).text
    >>> long.count("<tr"), long.count('class="rgpd-more"')
    (61, 10)
    """
    check_lang(lang)
    formats = dict(formats or {})
    if frame.height == 0:
        return Html(f'<p class="rgpd-empty">{escape(empty or t("nothing", lang))}</p>')
    written = frame.head(PRINT_ROW_LIMIT)
    rows = [[_cell(value, formats.get(col), lang) for col, value in zip(written.columns, row, strict=True)]
            for row in written.iter_rows()]
    widths, scale = _print_widths(written.columns, rows, line_chars)
    whole = [' class="rgpd-word"' if kept else "" for _, kept in widths] or [""] * len(written.columns)
    cols = "".join(f'<col style="--rgpd-width:{w:.1f}%">' for w, _ in widths)
    head = "".join(f"<th{k}>{escape(c)}</th>" for c, k in zip(written.columns, whole, strict=True))
    body = []
    for i, row in enumerate(rows):
        cells = "".join(f'<td class="num">{text}</td>' if numeric else f"<td{k}>{text}</td>"
                        for (text, numeric), k in zip(row, whole, strict=True))
        more = limit is not None and i >= limit
        body.append(('<tr class="rgpd-more">' if more else "<tr>") + cells + "</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    note = ""
    if limit is not None and frame.height > limit:
        note = (f'<p class="rgpd-note rgpd-screen-only">'
                f'{escape(t("table_screen_limited", lang, shown=limit, total=frame.height))}</p>')
    if frame.height > PRINT_ROW_LIMIT:
        note += (f'<p class="rgpd-note">'
                 f'{escape(t("table_limited", lang, shown=PRINT_ROW_LIMIT, total=frame.height))}</p>')
    css = "rgpd-table rgpd-fit" if widths else "rgpd-table"
    group = f"<colgroup>{cols}</colgroup>" if widths else ""
    size = f' style="--rgpd-scale:{scale:g}"' if scale < 1 else ""
    def narrow(part: float) -> Html:
        return table(frame, lang, limit=limit, formats=formats, caption=caption, empty=empty,
                     line_chars=line_chars * part)

    return Html(f'<table class="{css}"{size}>{cap}{group}<thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table>{note}', narrow)


def key_figures(items: Sequence[tuple[str, str]]) -> Html:
    """A row of key figures: ``(label, already formatted value)`` pairs, escaped.

    Examples
    --------
    >>> 'rgpd-kpi' in key_figures([("Datasets", "61")]).text
    True
    """
    cards = "".join(
        f'<div class="rgpd-kpi"><div class="rgpd-kpi-value">{escape(v)}</div>'
        f'<div class="rgpd-kpi-label">{escape(k)}</div></div>'
        for k, v in items
    )
    return Html(f'<div class="rgpd-kpis">{cards}</div>')


def paragraph(text: str, *, css_class: str = "rgpd-note") -> Html:
    """An escaped paragraph.

    Examples
    --------
    >>> paragraph("a < b").text
    '<p class="rgpd-note">a &lt; b</p>'
    """
    return Html(f'<p class="{escape(css_class)}">{escape(text)}</p>')


STYLE = """
<style>
.rgpd-kpis{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
.rgpd-kpi{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px;background:#f8fafc}
.rgpd-kpi-value{font-size:1.5em;font-weight:600;color:#1f3a5f}
.rgpd-kpi-label{font-size:.85em;color:#444}
.rgpd-table{border-collapse:collapse;margin:6px 0;font-size:.9em}
.rgpd-table th,.rgpd-table td{border:1px solid #d0d7de;padding:3px 8px;vertical-align:top;text-align:left !important}
.rgpd-table th{background:#eef2f6;text-align:left}
.rgpd-table td.num{text-align:right !important;white-space:nowrap}
.rgpd-table caption{text-align:left;font-weight:600;padding:4px 0}
.rgpd-note{color:#555;font-size:.85em}
.rgpd-empty{color:#555;font-style:italic}
.rgpd-high{background:#f8d7da}.rgpd-medium{background:#fff3cd}.rgpd-low{background:#d1e7dd}
.rgpd-lead{font-size:1.05em;line-height:1.45;border-left:4px solid #1f3a5f;padding:6px 12px;background:#f8fafc}
.rgpd-row{display:grid;gap:16px;align-items:start}
.rgpd-row>div{min-width:0}
@media screen and (max-width:860px){.rgpd-row{grid-template-columns:minmax(0,1fr) !important}}
@media screen{.rgpd-table tr.rgpd-more{display:none}}
@page{size:A4;margin:12mm}
@media print{
  .modebar,.modebar-container{display:none !important}
  .jp-OutputArea-child{break-inside:auto !important}
  .rgpd-figure,.rgpd-kpis,.rgpd-lead,.rgpd-table tr{break-inside:avoid}
  .rgpd-figure{zoom:0.74}
  .rgpd-table thead{display:table-header-group}
  .rgpd-table th,.rgpd-table td{overflow-wrap:anywhere}
  .rgpd-table .rgpd-word{overflow-wrap:normal}
  .rgpd-table.rgpd-fit{width:100%;font-size:calc(.9em * var(--rgpd-scale, 1))}
  .rgpd-fit col{width:var(--rgpd-width)}
  .rgpd-screen-only{display:none !important}
  h1,h2,h3{break-after:avoid}
  .jp-InputPrompt,.jp-OutputPrompt{display:none}
  body{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
</style>
"""

COMPACT_PRINT_STYLE = """
<style>
@page{size:A4;margin:9mm 10mm}
@media print{
  body.jp-Notebook{max-width:none !important;padding:0 !important}
  body .jp-RenderedHTMLCommon{font-size:8pt !important;line-height:1.25 !important;padding-right:0 !important}
  .jp-OutputArea-output{padding:0 !important}
  body .jp-RenderedHTMLCommon h1{font-size:14pt !important;margin:0 0 1px !important}
  body .jp-RenderedHTMLCommon h2{font-size:10.5pt !important;margin:5px 0 0 !important}
  body .jp-RenderedHTMLCommon h3{font-size:9pt !important;margin:3px 0 0 !important}
  body .jp-RenderedHTMLCommon p{margin:0 0 2px !important;font-size:7.5pt !important}
  body .jp-RenderedHTMLCommon .rgpd-lead{font-size:8.5pt !important;padding:3px 8px;line-height:1.3 !important}
  .rgpd-kpis{gap:4px;margin:2px 0 3px;flex-wrap:nowrap}
  .rgpd-kpi{padding:2px 5px;min-width:0;flex:1 1 0}
  .rgpd-kpi-value{font-size:10pt}
  .rgpd-kpi-label{font-size:6.5pt;line-height:1.15}
  body .jp-RenderedHTMLCommon table.rgpd-table{font-size:6.5pt !important;margin:1px 0 2px !important;
    width:100%;table-layout:auto !important}
  body .jp-RenderedHTMLCommon .rgpd-table th,body .jp-RenderedHTMLCommon .rgpd-table td{padding:1px 3px !important;
    line-height:1.2 !important}
  body .jp-RenderedHTMLCommon p.rgpd-note{font-size:6.5pt !important;margin:1px 0 !important}
  .rgpd-row{gap:8px}
  .rgpd-figure{zoom:0.6}
  .rgpd-row .rgpd-figure{zoom:0.55}
  .rgpd-print-hide{display:none !important}
}
</style>
"""
"""Print rules of the one-page board report (``Report(lang, compact=True)``): smaller type,
tables and figures so that the printed PDF fits in two A4 pages."""


@dataclass
class Report:
    """Display helper of one notebook: figures (plotly.js embedded once), tables, key figures.

    Parameters
    ----------
    lang : {"fr", "en"}
        Language of the report; numbers in tables are formatted for it.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> rep = Report("en")
    >>> first = rep.figure(go.Figure()).text
    >>> second = rep.figure(go.Figure()).text
    >>> len(first) > 1_000_000 > len(second)   # the bundle is embedded once
    True
    """

    lang: str
    row_limit: int | None = DEFAULT_ROW_LIMIT
    compact: bool = False
    _plotly_included: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        check_lang(self.lang)

    def title(self, text: str, subtitle: str | None = None) -> Html:
        """The report's title (``<h1>``) with the CSS and an optional subtitle line.

        With ``compact=True`` the print rules of :data:`COMPACT_PRINT_STYLE` are added.
        """
        sub = paragraph(subtitle).text if subtitle else ""
        css = STYLE + (COMPACT_PRINT_STYLE if self.compact else "")
        return Html(css + f"<h1>{escape(text)}</h1>{sub}")

    def section(self, key: str) -> Html:
        """Heading (``<h2>``) and one-sentence narrative of a section (``report.sections`` of the text catalogue)."""
        heading, narrative = section(key, self.lang)
        return Html(f"<h2>{escape(heading)}</h2><p>{escape(narrative)}</p>")

    def heading(self, text: str, level: int = 3) -> Html:
        """An escaped heading."""
        return Html(f"<h{level}>{escape(text)}</h{level}>")

    def style(self) -> Html:
        """The report's CSS (display it once, at the top)."""
        return Html(STYLE)

    def figure(self, fig) -> Html:
        """Embed a plotly figure; the first call also embeds plotly.js inline."""
        include = not self._plotly_included
        self._plotly_included = True
        body = fig.to_html(full_html=False, include_plotlyjs=include, config=_PLOTLY_CONFIG,
                           default_width="100%")
        return Html(f'<div class="rgpd-figure">{body}</div>')

    def table(self, frame: pl.DataFrame, *, limit: int | None | str = "default",
              formats: Mapping[str, str] | None = None, caption: str | None = None,
              empty: str | None = None) -> Html:
        """An escaped table (see :func:`table`), limited to ``row_limit`` rows by default."""
        lim = self.row_limit if limit == "default" else limit
        line = COMPACT_PRINT_LINE_CHARS if self.compact else PRINT_LINE_CHARS
        return table(frame, self.lang, limit=lim, formats=formats, caption=caption, empty=empty, line_chars=line)

    def key_figures(self, items: Sequence[tuple[str, str]]) -> Html:
        """A row of key figures (see :func:`key_figures`)."""
        return key_figures(items)

    def note(self, text: str) -> Html:
        """A short escaped note."""
        return paragraph(text)

    def lead(self, text: str) -> Html:
        """The report's message in plain words, highlighted (escaped)."""
        return paragraph(text, css_class="rgpd-lead")

    def row(self, *parts: Html) -> Html:
        """Fragments side by side in equal columns (one column on narrow screens), e.g. two
        figures.

        The columns are fixed by the row itself (a CSS grid of ``len(parts)`` tracks), not by
        the fragments: a plotly figure measures its container when its script runs, before
        the browser has read the fragments after it, so a flexible layout would give the first
        figure the whole width and then clip it.

        Examples
        --------
        >>> print(Report("en").row(Html("<p>a</p>"), Html("<p>b</p>")).text.replace("><", ">\\n<"))
        <div class="rgpd-row" style="grid-template-columns:repeat(2,minmax(0,1fr))">
        <div>
        <p>a</p>
        </div>
        <div>
        <p>b</p>
        </div>
        </div>
        """
        style = f"grid-template-columns:repeat({len(parts)},minmax(0,1fr))"
        parts = tuple(p.within(1 / len(parts)) for p in parts)  # a table's widths for its column
        return Html(f'<div class="rgpd-row" style="{style}">' + "".join(f"<div>{p.text}</div>" for p in parts)
                    + "</div>")

    def print_hide(self, *parts: Html) -> Html:
        """Fragments shown on screen but left out of the compact printed report."""
        return Html('<div class="rgpd-print-hide">' + "".join(p.text for p in parts) + "</div>")

    def show(self, *parts: Html) -> Html:
        """Several fragments displayed as one output."""
        return joined(*parts)
