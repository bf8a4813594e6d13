"""The report's figures: one risk level (CNIL zones), the map coloured by zone, French axes."""

from __future__ import annotations

import polars as pl
import pytest

from rgpd_risk.report import figures
from rgpd_risk.report.figures import ZONES, eur_ticks, gravest_event, heatmap, map_cells, zone_of

EVENTS = ("access", "modification", "disappearance")


def _datasets(rows):
    """rows: (id, name, people, {event: (severity, likelihood)})."""
    out = {"dataset_id": [], "name": [], "subject_count": []}
    for e in EVENTS:
        out[f"{e}_severity"], out[f"{e}_likelihood"] = [], []
    for i, name, n, ev in rows:
        out["dataset_id"].append(i)
        out["name"].append(name)
        out["subject_count"].append(n)
        for e in EVENTS:
            s, lk = ev.get(e, (1, 1))
            out[f"{e}_severity"].append(s)
            out[f"{e}_likelihood"].append(lk)
    return pl.DataFrame(out)


def test_zones_rise_with_severity_and_likelihood():
    for s in range(1, 5):
        for lk in range(1, 5):
            z = ZONES.index(zone_of(s, lk))
            if s < 4:
                assert ZONES.index(zone_of(s + 1, lk)) >= z
            if lk < 4:
                assert ZONES.index(zone_of(s, lk + 1)) >= z
    assert zone_of(4, 4) == "critical" and zone_of(1, 1) == "low"


def test_map_is_coloured_by_zone_not_by_count():
    # 13 datasets in a moderate cell, 2 in the critical corner: the corner is the darkest
    rows = [(f"m{i}", f"M{i}", 10, {"access": (2, 3)}) for i in range(13)]
    rows += [("offshore", "Plateau au Maroc", 300_000, {"access": (4, 4)}),
             ("mutual", "Appels santé", 90_000, {"access": (4, 4)})]
    fig = heatmap(_datasets(rows), "fr", "Carte")
    z = fig.data[0].z
    assert z[3][3] == ZONES.index("critical") and z[1][2] == ZONES.index("moderate")
    assert z[3][3] > z[1][2]
    assert fig.data[0].text[1][2] == "<b>13</b>" and fig.data[0].text[3][3] == "<b>2</b>"
    # both axes labelled, the critical zone named, largest population first, volume beside
    assert fig.layout.xaxis.title.text == "Vraisemblance (CNIL)"
    assert fig.layout.yaxis.title.text == "Gravité (CNIL)"
    note = fig.layout.annotations[0].text
    assert "Zone critique : 2 traitements" in note
    assert note.index("Plateau au Maroc (300 k)") < note.index("Appels santé (90 k)")
    assert "M1" not in note
    # the legend names the four zones in French
    assert {t.name for t in fig.data[1:]} == {"critique", "élevé", "modéré", "faible"}


def test_titles_wrap_and_the_names_fit_under_the_map():
    """Printed in half a page, a long title was cut ("… vraisemblance CNI") and the list of
    critical datasets beside the map too: titles wrap, the list is under the map, inside
    the figure's height."""
    rows = [(f"c{i}", f"Traitement critique n° {i} au nom assez long", 10, {"access": (4, 4)})
            for i in range(9)]
    title = "Carte des risques (gravité × vraisemblance CNIL)"
    fig = heatmap(_datasets(rows), "fr", title)
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) == 2 and " ".join(lines) == title
    assert all(len(x) <= figures.TITLE_WIDTH for x in lines)
    note = fig.layout.annotations[0]
    assert note.y == 0 and note.yanchor == "top" and note.yshift < 0  # under the map
    n_lines = note.text.count("<br>") + 1
    assert n_lines == 10  # the heading and the nine names
    assert fig.layout.margin.b >= -note.yshift + 14 * n_lines
    assert figures.bar(pl.DataFrame({"a": ["x"], "v": [1]}), "a", "v", "en",
                       "Short").layout.title.text == "Short"


def test_map_without_critical_zone_names_nobody_and_escapes_names():
    fig = heatmap(_datasets([("a", "<b>A</b>", 5, {"access": (2, 1)})]), "en", "Map")
    assert not fig.layout.annotations
    fig = heatmap(_datasets([("a", "<b>A</b>", 5, {"access": (3, 3)})]), "en", "Map")
    assert "&lt;b&gt;A&lt;/b&gt;" in fig.layout.annotations[0].text


def test_each_processing_is_placed_by_its_gravest_event():
    # video KYC: access (4, 1), disappearance (2, 3) — the product would place it at severity 2
    d = _datasets([("kyc", "KYC", 1000, {"access": (4, 1), "disappearance": (2, 3)})])
    assert gravest_event(d).row(0) == ("kyc", "access", 4, 1, "high")
    cells = map_cells(d)
    assert cells.select("severity", "likelihood", "n").row(0) == (4, 1, 1)


def test_volume_is_shown_apart_not_in_the_position():
    small = _datasets([("a", "A", 10, {"access": (2, 2)})])
    big = _datasets([("a", "A", 5_000_000, {"access": (2, 2)})])
    assert map_cells(small).select("severity", "likelihood").row(0) == \
        map_cells(big).select("severity", "likelihood").row(0)
    assert map_cells(big, lang="fr")["names"][0].to_list() == ["A (5 M)"]


@pytest.mark.parametrize("lang, expected", [("fr", ["0\xa0€", "200\xa0k€", "400\xa0k€", "600\xa0k€"]),
                                            ("en", ["€0", "€200k", "€400k", "€600k"])])
def test_euro_axes_in_the_report_format(lang, expected):
    assert eur_ticks(650_000, lang, n=4)[1] == expected


def test_exceedance_axis_has_euro_ticks():
    f = figures.exceedance(pl.DataFrame({"loss_eur": [1_000.0, 50_000.0, 600_000.0],
                                         "p_exceed": [0.5, 0.1, 0.01]}), "fr", "T")
    assert "600\xa0k€" not in f.layout.xaxis.ticktext  # 600 k is not a 1-2-5 tick
    assert "500\xa0k€" in f.layout.xaxis.ticktext and "1\xa0k€" in f.layout.xaxis.ticktext
    assert all("k" not in x or "k€" in x for x in f.layout.xaxis.ticktext)


def test_event_grid_is_coloured_by_zone():
    c = pl.DataFrame({"severity": [4, 1], "likelihood": [4, 1], "n": [2, 40]})
    m = {(e, r): c for e in figures.FEARED_EVENTS for r in (False, True)}
    f = figures.heatmap_grid(m, "fr", "T")
    assert all(tr.z[3][3] == ZONES.index("critical") and tr.z[0][0] == 0 for tr in f.data)
