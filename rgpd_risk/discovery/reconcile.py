"""Reconcile a scan with the register: what the data holds versus what is declared.

Findings (``FINDINGS_SCHEMA``, ``source = "discovery"``):

==================================  ======================  ======  ==========================
code                                articles                tier    action
==================================  ======================  ======  ==========================
DISCOVERY_UNDECLARED_CATEGORY       Art. 30(1)(c)           83(4)   update_register
DISCOVERY_UNDECLARED_SPECIAL        Art. 9(1), Art. 30(1)(c) 83(5)  review_special_category
DISCOVERY_UNDECLARED_NIR            Art. 87, Art. 30(1)(c)  83(5)   review_special_category
DISCOVERY_UNDECLARED_OFFENCE        Art. 10, Art. 30(1)(c)  83(5)   review_special_category
DISCOVERY_DECLARED_NOT_FOUND        Art. 30(1)(c)           83(4)   update_register
DISCOVERY_RETENTION_EXCEEDED        Art. 5(1)(e)            83(5)   purge_old_records
DISCOVERY_VOLUME_UNDERSTATED        Art. 30(1)(c), 5(1)(c)  83(5)   review_data_minimisation
==================================  ======================  ======  ==========================

Tiers follow Art. 83(4)(a) (obligations of Art. 30) and Art. 83(5)(a) (principles of
Art. 5 and conditions of Art. 9). The NIR is not an Art. 9 category; its use is framed by
Art. 87 GDPR and, in France, by decree n° 2019-341 (the CNIL treats it as highly
sensitive), hence the upper tier: a modelling choice of our own, like the thresholds
below. Art. 10 (criminal convictions and offences: processing "based on Article 6(1)"
only under official authority or when Union or Member State law authorises it) is named in
neither Art. 83(4) nor 83(5); processing such data without that authorisation lacks a
lawful basis (Art. 6(1), Art. 5(1)(a)), which Art. 83(5)(a) covers, hence the upper tier
(our reading, like the NIR's). Special categories and offence data are recognised by the
taxonomy's ``art9`` / ``art10`` flags; category labels come from the taxonomy. Evidence
holds counts and masked examples only.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

import polars as pl

from rgpd_risk.discovery.result import ScanResult
from rgpd_risk.discovery.vocabulary import OFFENCE_CATEGORIES, SPECIAL_CATEGORIES
from rgpd_risk.i18n import text
from rgpd_risk.schemas import FINDINGS_SCHEMA
from rgpd_risk.taxonomy import categories as taxonomy_categories

#: Modelling choice: a column counts as found when the classifier is at least this sure.
MIN_CONFIDENCE: Final[float] = 0.5
#: Modelling choice: flag the volume when the estimated people exceed the declared count
#: by this factor.
VOLUME_FACTOR: Final[float] = 2.0
#: Entities whose distinct count estimates the number of people in a table.
PERSON_KEYS: Final[tuple[str, ...]] = ("email", "phone", "national_id", "nir", "iban", "credit_card", "person_name")

def _label(category: str, lang: str) -> str:
    """Label of a taxonomy key in ``lang``, lower-cased for a sentence (the key if unknown)."""
    labels = dict(taxonomy_categories().select("key", f"label_{lang}").iter_rows())
    label = labels.get(category, category)
    return label[:1].lower() + label[1:]


def _months_before(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + (day.month - 1) - months, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(y, m, d)
        except ValueError:
            continue
    return date(y, m, 28)


def _finding(
    dataset_id: str,
    code: str,
    articles: list[str],
    tier: str,
    seriousness: str,
    reason: str,
    evidence: str,
    action: str,
    category: str | None = None,
    **fmt: object,
) -> dict[str, Any]:
    """One finding row; its titles and explanations are ``discovery.findings.<code>`` of the
    text catalogue, with ``{category}`` (the taxonomy label in each language) and ``fmt``."""
    labels = {lang: {} if category is None else {"category": _label(category, lang)}
              for lang in ("en", "fr")}

    def say(part: str, lang: str) -> str:
        return text(f"discovery.findings.{code}.{part}", lang).format(**labels[lang], **fmt)

    title_en, title_fr, expl_en, expl_fr = (say(part, lang) for part in ("title", "explanation")
                                            for lang in ("en", "fr"))
    return {
        "dataset_id": dataset_id,
        "code": code,
        "articles": articles,
        "tier": tier,
        "seriousness": seriousness,
        "seriousness_reason": reason,
        "evidence": evidence,
        "title_en": title_en,
        "title_fr": title_fr,
        "explanation_en": expl_en,
        "explanation_fr": expl_fr,
        "action": action,
        "source": "discovery",
        "regime": "GDPR",
        "kind": "breach",
    }


def _column_evidence(rows: pl.DataFrame) -> str:
    parts = []
    for r in rows.iter_rows(named=True):
        ex = ", ".join(r["examples"] or [])
        parts.append(
            f"{r['table']}.{r['column']} ({r['entity']}: {r['match_share']:.0%} of "
            f"{r['n_non_null']} non-null values match, ~{r['distinct_estimate']} "
            f"distinct; masked examples: {ex or 'none'})"
        )
    return "; ".join(parts)


def reconcile(
    scan_result: ScanResult,
    inventory_frame: pl.DataFrame,
    dataset_id: str,
    *,
    today: date | None = None,
    min_confidence: float = MIN_CONFIDENCE,
) -> pl.DataFrame:
    """Compare what a scan found with what the register declares for one dataset.

    Parameters
    ----------
    scan_result
        The scan of the dataset's tables.
    inventory_frame
        Register rows with ``dataset_id`` (str), ``data_categories`` (list of taxonomy
        keys), ``retention_months`` (int, null = none) and ``subject_count`` (int, null =
        unknown). A dataset absent from it is treated as declaring nothing.
    dataset_id
        The register row the scanned data belongs to.
    today
        Reference date for the retention check (default: today).
    min_confidence
        Columns classified with less confidence are ignored.

    Returns
    -------
    pl.DataFrame
        Findings in ``FINDINGS_SCHEMA``.

    Examples
    --------
    >>> from rgpd_risk.discovery.result import COLUMNS_SCHEMA
    >>> cols = pl.DataFrame([{"source": "f.csv", "table": "f.csv", "column": "diag",
    ...     "entity": "health", "category": "health", "confidence": 0.9, "match_share": 0.8,
    ...     "match_share_low": 0.7, "match_share_high": 0.9, "n_sampled": 100,
    ...     "n_non_null": 100, "evidence": ["header"], "examples": ["D***…"],
    ...     "date_min": None, "date_max": None, "distinct_estimate": 12}], schema=COLUMNS_SCHEMA)
    >>> inv = pl.DataFrame({"dataset_id": ["crm"], "data_categories": [["contact"]],
    ...     "retention_months": [None], "subject_count": [None]},
    ...     schema={"dataset_id": pl.Utf8, "data_categories": pl.List(pl.Utf8),
    ...             "retention_months": pl.Int64, "subject_count": pl.Int64})
    >>> reconcile(ScanResult(cols), inv, "crm")["code"].to_list()
    ['DISCOVERY_UNDECLARED_SPECIAL', 'DISCOVERY_DECLARED_NOT_FOUND']
    """
    today = today or date.today()
    inv = inventory_frame.filter(pl.col("dataset_id") == dataset_id)
    declared: set[str] = set()
    retention = subjects = None
    if inv.height:
        row = inv.row(0, named=True)
        declared = set(row.get("data_categories") or [])
        retention = row.get("retention_months")
        subjects = row.get("subject_count")
    cols = scan_result.columns
    found = cols.filter(pl.col("category").is_not_null() & (pl.col("confidence") >= min_confidence))
    findings: list[dict[str, Any]] = []

    for category in sorted(set(found["category"].to_list())):
        if category in declared:
            continue
        rows = found.filter(pl.col("category") == category)
        evidence = (
            f"{rows.height} column(s) hold '{category}' data not declared in the register: {_column_evidence(rows)}"
        )
        if category == "nir":
            findings.append(
                _finding(
                    dataset_id,
                    "DISCOVERY_UNDECLARED_NIR",
                    ["Art. 87", "Art. 30(1)(c)"],
                    "83(5)",
                    "high",
                    "Art. 83(2)(a),(g): national identification number processed "
                    "without being declared; highly sensitive identifier in France",
                    evidence,
                    "review_special_category",
                )
            )
        elif category in OFFENCE_CATEGORIES:
            findings.append(
                _finding(
                    dataset_id,
                    "DISCOVERY_UNDECLARED_OFFENCE",
                    ["Art. 10", "Art. 30(1)(c)"],
                    "83(5)",
                    "high",
                    "Art. 83(2)(g): data relating to criminal convictions and offences (Art. 10) "
                    "processed without being declared",
                    evidence,
                    "review_special_category",
                )
            )
        elif category in SPECIAL_CATEGORIES:
            findings.append(
                _finding(
                    dataset_id,
                    "DISCOVERY_UNDECLARED_SPECIAL",
                    ["Art. 9(1)", "Art. 30(1)(c)"],
                    "83(5)",
                    "high",
                    "Art. 83(2)(g): special category of data (Art. 9) processed without being declared",
                    evidence,
                    "review_special_category",
                    category,
                )
            )
        else:
            findings.append(
                _finding(
                    dataset_id,
                    "DISCOVERY_UNDECLARED_CATEGORY",
                    ["Art. 30(1)(c)"],
                    "83(4)",
                    "medium",
                    "Art. 83(2)(a): the register understates the categories of personal data processed",
                    evidence,
                    "update_register",
                    category,
                )
            )

    if cols.height:
        found_set = set(found["category"].to_list())
        for category in sorted(declared - found_set):
            findings.append(
                _finding(
                    dataset_id,
                    "DISCOVERY_DECLARED_NOT_FOUND",
                    ["Art. 30(1)(c)"],
                    "83(4)",
                    "low",
                    "Art. 83(2)(a): register inaccurate, no harm to people shown",
                    f"declared category '{category}' matched no column among {cols.height} scanned column(s)",
                    "update_register",
                    category,
                )
            )

    if retention is not None and found.height:
        cutoff = _months_before(today, int(retention))
        dated = cols.filter(
            (pl.col("entity") == "date") & pl.col("date_min").is_not_null() & (pl.col("date_min") < cutoff)
        )
        for r in dated.iter_rows(named=True):
            findings.append(
                _finding(
                    dataset_id,
                    "DISCOVERY_RETENTION_EXCEEDED",
                    ["Art. 5(1)(e)"],
                    "83(5)",
                    "medium",
                    "Art. 83(2)(a): personal data kept beyond the declared period",
                    f"{r['table']}.{r['column']}: oldest date {r['date_min']} is before the "
                    f"cut-off {cutoff} of the declared retention of {retention} months "
                    f"({r['n_non_null']} non-null values scanned)",
                    "purge_old_records",
                    cutoff=cutoff, retention=retention,
                )
            )

    if subjects is not None and found.height:
        keys = found.filter(pl.col("entity").is_in(PERSON_KEYS))
        if keys.height:
            best = keys.sort("distinct_estimate", descending=True).row(0, named=True)
            estimate = int(best["distinct_estimate"] or 0)
            if estimate > VOLUME_FACTOR * int(subjects):
                findings.append(
                    _finding(
                        dataset_id,
                        "DISCOVERY_VOLUME_UNDERSTATED",
                        ["Art. 30(1)(c)", "Art. 5(1)(c)"],
                        "83(5)",
                        "medium",
                        "Art. 83(2)(a): number of data subjects affected larger than declared",
                        f"{best['table']}.{best['column']} ({best['entity']}): about {estimate} "
                        f"distinct values versus {subjects} data subjects declared",
                        "review_data_minimisation",
                    )
                )
    return pl.DataFrame(findings, schema=FINDINGS_SCHEMA)
