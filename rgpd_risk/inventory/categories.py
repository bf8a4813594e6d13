"""Data-category cells as people write them: known labels kept whole, the rest mapped or kept.

A register cell such as ``"État civil, Informations d'ordre économique et financier (revenus,
impôts), Habitudes de consommation"`` lists three categories. Splitting it on every comma and
every "et" would cut the CNIL's own label "Informations d'ordre économique et financier" in two,
so the known labels (taxonomy labels and synonyms that themselves contain a separator) are
matched first, **longest first**, accents and case ignored, and never split. What remains is
split on ``|``, ``;``, ``,``, new lines, `` / ``, `` et `` and `` and ``.

Each piece is then mapped, in this order, through the user's mapping file (``--map``), then the
taxonomy's keys, labels and synonyms (``rgpd_risk/data/synonyms.csv``). A piece that maps to
nothing is *kept*: the row loads, the label goes to the ``unmapped_categories`` column and the
loader warns with a suggestion ("did you mean 'behaviour'?"). In strict mode the warning is an
error. Everything here is vectorised with polars except the suggestion, computed once per
*distinct* unknown label (at most :data:`MAX_SUGGESTIONS` of them).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from functools import cache
from pathlib import Path

import polars as pl

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.atomic import atomic_path
from rgpd_risk.formatting import neutralise
from rgpd_risk.inventory.importers import infer_keys
from rgpd_risk.inventory.issues import InventoryError, Issue
from rgpd_risk.inventory.readers import decode_text, read_bytes

SEPARATORS = r"[|;,\n]|\s/\s|\s+et\s+|\s+and\s+|\s+&\s+"
"""What separates two categories in one cell (outside a known label)."""

MAX_SUGGESTIONS = 1_000
"""Distinct unknown labels for which a "did you mean" suggestion is computed."""

_PROTECT, _SPLIT = "\u0002", "\u0001"
_ACCENTS = {
    "a": "aàâäáãå",
    "e": "eéèêë",
    "i": "iîïíì",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "c": "cç",
    "y": "yÿý",
    "n": "nñ",
    "oe": "",
}


def _phrase_regex(phrase: str) -> str:
    """A regex matching a normalised phrase in raw text: any accent, any case, any spacing."""
    out = []
    for ch in phrase:
        if ch in _ACCENTS and _ACCENTS[ch]:
            out.append(f"[{_ACCENTS[ch]}]")
        elif ch == " ":
            out.append(r"[\s_]+")
        elif ch == "'":
            out.append("['’`]")
        elif ch == "-":
            out.append(r"[-\s]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _strip_parentheses(text: str) -> str:
    return re.sub(r"\([^)]*\)", " ", text)


@cache
def protected_pattern() -> str:
    """One regex of every known category label that contains a separator, longest first."""
    phrases = set()
    for text in taxonomy.lookup_table("category")["text"].to_list():
        bare = " ".join(_strip_parentheses(text).split()).strip(" .…")
        if len(bare) >= 5 and re.search(SEPARATORS, bare):
            phrases.add(bare)
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return "(?i)" + "|".join(rf"\b{_phrase_regex(p)}\b" for p in ordered)


def split_cells(cells: pl.Expr) -> pl.Expr:
    """Text cells → lists of category labels as written (known labels kept whole).

    Parentheses explain, they do not list: "Identité (nom, prénom)" is one label. A trailing
    "etc." or "…" is dropped.

    Examples
    --------
    >>> frame = pl.DataFrame({"c": ["Informations d'ordre économique et financier, Santé et NIR"]})
    >>> frame.select(split_cells(pl.col("c"))).item().to_list()
    ["Informations d'ordre économique et financier", 'Santé', 'NIR']
    """
    text = cells.str.replace_all(r"\([^)]*\)", " ").str.replace_all(protected_pattern(), f"{_PROTECT}$0{_PROTECT}")
    # Pieces at odd positions of the split on the protection mark are known labels: their
    # inner separators are masked, the cell is glued back, split, and the masks restored.
    masked = (
        text.str.split(_PROTECT)
        .list.eval(
            pl.when(pl.int_range(pl.len()) % 2 == 1)
            .then(pl.element().str.replace_all(",", "\u0003").str.replace_all(r"\s", "\u0004"))
            .otherwise(pl.element())
        )
        .list.join("")
    )
    return (
        masked.str.replace_all(SEPARATORS, _SPLIT)
        .str.replace_all("\u0003", ",", literal=True)
        .str.replace_all("\u0004", " ", literal=True)
        .str.split(_SPLIT)
        .list.eval(
            pl.element()
            .str.replace_all(r"(?i)(?:^|\s)etc\.?\s*$", "")
            .str.strip_chars(" \t.…:-")
        )
        .list.filter(pl.element() != "")
    )


# --------------------------------------------------------------------------- user mapping


def read_mapping(path: str | Path) -> dict[str, str]:
    """Read a user mapping file: CSV ``label,category`` (``;`` accepted; FR headers too).

    Rows with an empty category are skipped (``rgpd-risk validate --write-map`` writes them
    so), a category that is not a taxonomy key is an error naming the row.

    Returns
    -------
    dict
        Normalised label → category key.
    """

    path = Path(path)
    text, _ = decode_text(path, read_bytes(path))
    first = text.splitlines()[0] if text else ""
    sep = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header = [taxonomy.normalise(h) for h in rows[0]] if rows else []
    label_col = next((i for i, h in enumerate(header) if h in ("label", "libelle", "categorie ecrite", "text")), None)
    key_col = next((i for i, h in enumerate(header) if h in ("category", "categorie", "key", "cle")), None)
    if label_col is None or key_col is None:
        raise InventoryError(
            [Issue.error(path, 1, None, ",".join(rows[0]) if rows else None, "not a category mapping file",
                         "a CSV with columns label,category")]
        )
    valid = taxonomy.keys("category")
    mapping: dict[str, str] = {}
    issues = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) <= max(label_col, key_col) or not row[label_col].strip():
            continue
        key = row[key_col].strip()
        if not key:
            continue
        if key not in valid:
            issues.append(
                Issue.error(path, n, "category", key, "not a category key", ", ".join(sorted(valid)))
            )
            continue
        mapping[taxonomy.normalise(row[label_col])] = key
    if issues:
        raise InventoryError(issues)
    return mapping


def unmapped_labels(frame: pl.DataFrame) -> list[tuple[str, int]]:
    """Distinct ``unmapped_categories`` labels of an inventory frame with their row counts,
    most frequent first (ties by label)."""
    if "unmapped_categories" not in frame.columns:
        return []
    counts = frame.select(pl.col("unmapped_categories").explode().drop_nulls().alias("label")).group_by("label").len()
    return [tuple(r) for r in counts.sort(["len", "label"], descending=[True, False]).iter_rows()]


def write_mapping(labels: list[tuple[str, int]], path: str | Path) -> Path:
    """Start a mapping file from unmapped labels: ``label,category,suggestion,rows`` (atomic).

    ``category`` is left empty for the user to fill (a guess is never made permanent);
    ``suggestion`` says what the loader would propose. Label cells are neutralised against
    spreadsheet formula injection.
    """

    path = Path(path)
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["label", "category", "suggestion", "rows"])
            for label, count in labels:
                out.writerow([neutralise(label), "", suggest(label) or "", count])
    return path


# --------------------------------------------------------------------------- suggestions


@cache
def _suggestion_texts() -> tuple[dict[str, str], list[str]]:
    table = taxonomy.lookup_table("category")
    by_text = dict(zip(table["text"].to_list(), table["key"].to_list(), strict=True))
    return by_text, sorted(by_text)


def suggest(label: str) -> str | None:
    """The category key a label most likely means, or ``None``.

    A known label or synonym written inside the text wins ("Habitudes d'achat en magasin" →
    behaviour); otherwise the closest known label by spelling (difflib ratio ≥ 0.75).

    Examples
    --------
    >>> suggest("behavior")
    'behaviour'
    >>> suggest("zzzz") is None
    True
    """

    inferred = infer_keys(label, "category")
    if inferred:
        return inferred[0]
    by_text, texts = _suggestion_texts()
    close = difflib.get_close_matches(taxonomy.normalise(label), texts, n=1, cutoff=0.75)
    return by_text[close[0]] if close else None
