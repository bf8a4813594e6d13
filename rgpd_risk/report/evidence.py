"""The findings' evidence in the report's language.

The rules write their evidence for audit, in register terms: ``legal_basis=consent;
consent_proof=false``, ``limit exceeded by 1371 days on 2026-12-03``. A French DPO report
must not show English or column names, so the reports and the Excel register show
:func:`evidence_expr` of it: register fields, codes and the rules' fixed phrases read from the
text catalogue (``rgpd_risk/data/texts/evidence.yaml``), dates and numbers in the language's
format. The raw evidence stays in the findings frame (and the JSON exports) unchanged.

Vectorised: one chain of regular-expression replacements on the column (no per-row Python).
A part the catalogue does not know is left as it is — the language test of the reports
(``tests/report/test_language.py``) fails on it, so a new rule's evidence gets its texts.
"""

from __future__ import annotations

import re
from functools import cache

import polars as pl

from rgpd_risk.assessment.dpia import CNIL_EXEMPT, CNIL_REQUIRED
from rgpd_risk.formatting import check_lang, colon
from rgpd_risk.i18n import keys, text

__all__ = ["evidence_expr", "translate_evidence"]

_NNBSP = "\u202f"

#: The rules' fixed phrases: (pattern, catalogue key, names of the captured groups). The
#: patterns are the rules' own wording (code); their readable texts are in the catalogue.
_PHRASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # DPIA screening trail (assessment/dpia.py) and adequacy scopes (data/adequacy.csv)
    (r"no CNIL list item and no WP248 criterion met", "no_criterion", ()),
    (r"\(DPIA required\)", "dpia_required", ()),
    (r"\(no DPIA required, justified\)", "dpia_exempt", ()),
    (r"\bWP248 criterion (\d+)", "wp248_criterion", ("n",)),
    (r"\bGDPR Art\. 35\(3\)\((\w)\)", "gdpr_35_3", ("x",)),
    (r"\bdata_subjects/age:", "subjects_age", ()),
    (r", with monitoring or evaluation", "with_monitoring", ()),
    (r"(=\w+) and ", "and_fields", ("a",)),
    (r"ancillary purpose \(our setting dpia_ancillary_purposes\): covered by the DPIA of the "
     r"processing it serves", "ancillary", ()),
    (r"partial: commercial organisations under PIPEDA", "scope_ca", ()),
    (r"partial: private sector under APPI", "scope_jp", ()),
    (r"partial: organisations certified under the EU-US Data Privacy Framework", "scope_us", ()),
    # roles, transfers, AI Act (rules_roles.py), before the shorter phrases they contain
    (r"role=processor for ", "processor_for", ()),
    (r"role=joint_controller with ", "joint_with", ()),
    (r"\(client not named\)", "client_not_named", ()),
    (r"\(partner not named\)", "partner_not_named", ()),
    (r"\(not given\)", "not_given", ()),
    (r"\bsub-processors:", "sub_processors", ()),
    (r" \(the entry's processors\)", "entry_processors", ()),
    (r"own_purposes=true: purpose (.*?) set by the organisation \(Art\. 28\(10\): controller "
     r"for that processing\)", "own_purposes", ("p",)),
    (r"\(the client's instruction\); exceeded by (\d+) days on (\S+)", "client_instruction",
     ("n", "d")),
    (r": each to be notified to the client without undue delay", "notify_client", ()),
    (r"DPIA screening: required \(", "dpia_screening_required", ()),
    (r"legal_basis=(\S+) is not an Art\. 22\(2\) exception \(contract, law, explicit consent\)",
     "not_art22_exception", ("b",)),
    (r"\bthird countries:", "third_countries", ()),
    (r"\(Decision 2023/1795 covers DPF-listed recipients only; appeal C-703/25 P pending\)",
     "dpf_scope", ()),
    (r"countries without full adequacy:", "without_full_adequacy", ()),
    (r"\(SCC clause 14\)", "scc_clause_14", ()),
    (r"\(workplace or education\); prohibited since (\S+) \(AI Act art\. 113\(a\)\)",
     "prohibited_since", ("d",)),
    (r"Annex III 1\(c\) emotion recognition \(people outside work and education\)",
     "annex_iii_1c", ()),
    (r"Annex III 4\(a\) recruitment and selection", "annex_iii_4a", ()),
    (r"Annex III 4\(b\) evaluation and monitoring of workers", "annex_iii_4b", ()),
    (r"obligations apply since", "apply_since", ()),
    (r"obligations apply from", "apply_from", ()),
    (r"\(AI Act art\. 113\)", "ai_act_113", ()),
    (r"(\d+) entr\(y/ies\) with role=processor", "processor_entries", ("n",)),
    (r" on (\d+) entries:", "on_entries", ("n",)),
    (r"\bno third country\b", "no_third_country", ()),
    (r"\(none declared\)", "none_declared", ()),
    (r"countries without a Chapter V tool:", "chapter_v", ()),
    (r"rights not supported on this dataset:", "rights_not_supported", ()),
    (r"\bmissing:", "missing", ()),
    (r"limit exceeded by (\d+) days on (\S+)", "exceeded", ("n", "d")),
    (r"\bfrom collection\b", "from_collection", ()),
    (r"thresholds: > (\d+) people, or > ([\d.]+) × subjects", "thresholds", ("a", "b")),
    (r"highest ENISA DPC of categories=(\d+)", "enisa_dpc", ("n",)),
    (r"\(Art\. 20\(1\)\(a\) applies\)", "art20_applies", ()),
    (r"\(prior consent required\)", "prior_consent", ()),
    (r"pseudonymisation not in place", "pseudonymisation_field", ()),
    (r"\(no review date\)", "no_review_date", ()),
    (r"(\d+) days before (\S+); limit (\d+) months", "days_before", ("n", "d", "m")),
    (r"reference: (\d+) months \(recordings\), (\d+) months \(evaluation documents\)",
     "recording_reference", ("a", "b")),
    (r"\bCNIL list\b", "cnil_list", ()),
    (r"\bWP248 criteria:", "wp248", ()),
    (r"\bArt\. 35\(3\):", "art35_3", ()),
    (r"\bprocessors:", "processors", ()),
    (r"\borganisation breach_register\s*=\s*", "org_breach_register", ()),
    (r"\borganisation\b", "organisation", ()),
    (r"national age (\w+): (\d+)", "national_age", ("c", "n")),
    (r"\bitem\b", "item", ()),
)


def _template(key: str, lang: str, groups: tuple[str, ...]) -> str:
    """The catalogue phrase with ``{name}`` turned into the regex group references."""
    out = text(f"evidence.phrases.{key}", lang).replace("$", "$$")
    for i, g in enumerate(groups, start=1):
        out = out.replace("{" + g + "}", "${" + str(i) + "}")
    return out


@cache
def _steps(lang: str) -> tuple[tuple[str, str], ...]:
    """Ordered (pattern, replacement) pairs of ``lang`` (cached: built once per language)."""
    sep = colon(lang)
    steps: list[tuple[str, str]] = [(p, _template(k, lang, g)) for p, k, g in _PHRASES]
    # the CNIL DPIA lists' items, labelled in both languages beside the law (assessment/dpia.py)
    steps += [(re.escape(c.label_en), c.label(lang).replace("$", "$$"))
              for c in sorted(CNIL_REQUIRED + CNIL_EXEMPT, key=lambda c: -len(c.label_en))]
    # field=value and field ∋ value: the field's label, then ":"
    fields = sorted((k.split(".")[-1] for k in keys("evidence.fields")), key=len,
                    reverse=True)
    for f in fields:
        label = text(f"evidence.fields.{f}", lang).replace("$", "$$")
        steps.append((rf"\b{re.escape(f)}\s*(?:=|∋)\s*", label + sep))
    # codes and list items (longest first, so that legitimate_interests wins over a part)
    values = sorted((k.split(".")[-1] for k in keys("evidence.values")), key=len,
                    reverse=True)
    for v in values:
        steps.append((rf"\b{re.escape(v)}\b", text(f"evidence.values.{v}", lang).replace("$", "$$")))
    if lang == "fr":
        steps += [
            (r"\b(\d{4})-(\d{2})-(\d{2})\b", "${3}/${2}/${1}"),  # dates, before the numbers
            (r"\b(\d+)\.0\b", "${1}"),
            # thousands (not in a reference such as "2018-327" or a date)
            (r"(^|[ =(])(\d{1,3})(\d{3})(\d{3})([^\d/-]|$)",
             f"${{1}}${{2}}{_NNBSP}${{3}}{_NNBSP}${{4}}${{5}}"),
            (r"(^|[ =(])(\d{1,3})(\d{3})([^\d/-]|$)", f"${{1}}${{2}}{_NNBSP}${{3}}${{4}}"),
            (r"(\d)\.(\d+) ×", "${1},${2} ×"),  # decimal ratio (not "art. 35.3")
            (r"\s?; ", f"{_NNBSP}; "),
            (r"([^\s\u202f]):(\s|$)", f"${{1}}{_NNBSP}:${{2}}"),  # French colon
        ]
    else:
        steps += [(r"\b(\d+)\.0\b", "${1}")]
    return tuple(steps)


def evidence_expr(column: str | pl.Expr, lang: str) -> pl.Expr:
    """The evidence column in ``lang`` (a polars expression).

    Examples
    --------
    >>> f = pl.DataFrame({"e": ["legal_basis=consent; consent_proof=false",
    ...                         "oldest_record_date=2022-09-01; retention_months=6.0 from collection; "
    ...                         "limit exceeded by 1371 days on 2026-12-03"]})
    >>> fr = [s.replace("\\u202f", " ") for s in f.select(evidence_expr("e", "fr"))["e"]]
    >>> fr[0]
    'base légale : consentement ; preuve du consentement : non'
    >>> fr[1].split(" ; ")[2]
    'durée dépassée de 1 371 jours au 03/12/2026'
    >>> f.select(evidence_expr("e", "en"))["e"][0]
    'legal basis: consent; proof of consent: no'
    """
    check_lang(lang)
    expr = pl.col(column) if isinstance(column, str) else column
    for pattern, replacement in _steps(lang):
        expr = expr.str.replace_all(pattern, replacement)
    return expr


def translate_evidence(values: list[str | None], lang: str) -> list[str | None]:
    """:func:`evidence_expr` on a list of strings (for one-off texts, e.g. the CLI).

    Examples
    --------
    >>> translate_evidence(["breach_procedure=false", None], "en")
    ['breach procedure: no', None]
    """
    return pl.DataFrame({"e": values}, schema={"e": pl.Utf8}).select(
        evidence_expr("e", lang))["e"].to_list()
