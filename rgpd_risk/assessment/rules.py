"""Findings rules: each rule is one data row plus vectorised polars expressions.

A :class:`Rule` holds, in one place, its stable ``code``, the ``articles`` it cites (for
GDPR rules the Art. 83 ``tier`` is derived from them by :func:`rgpd_risk.law.gravest_tier`,
Art. 83(3)), a base EDPB seriousness, the remediation ``action`` key, two expression
builders: ``condition`` (Boolean, the finding exists) and ``evidence`` (Utf8, the inventory
facts — field values of the register and counts, never personal values), its legal
``regime`` (one of :data:`rgpd_risk.law.REGIMES`, default ``GDPR``) and its ``kind``
(``breach`` or ``attention``, default ``breach``).

Its French and English texts (title, explanation) are in the text catalogue, keyed by the
rule code: ``rgpd_risk/data/texts/rules.yaml`` (read with :func:`rgpd_risk.i18n.text`,
``"rules.<CODE>.title"`` / ``"rules.<CODE>.explanation"``). A rule whose code has no entry
there fails at import time.

Seriousness (EDPB Guidelines 04/2022, Step 2: only Art. 83(2)(a), (b), (g) feed it) is
computed by the same formula for every rule, from the rule's base level (ours, in the table
below) and the dataset's aggravating factors:

* (g) categories of data: Art. 9 special categories, Art. 10 criminal data, the French NIR;
* (a) scope: large scale (``subject_count`` ≥ the model's threshold, or unknown);
* (a) nature: vulnerable people (children, patients, employees …);
* (b) intent: not visible in an inventory — negligence is assumed unless
  ``RiskModel.assume_intent`` is set (then +1 level).

Level = base − 1 with no aggravating factor, base with one, base + 1 with two or more,
(+1 with intent), clamped to low / medium / high. So "no legal basis at all" (base high) on
health data at scale is high; on a small contact list it is medium.

Tier choices worth stating
--------------------------
* **Art. 10** is listed in neither Art. 83(4) nor 83(5). Processing criminal data without the
  authority Art. 10 requires is processing without a lawful ground, so the rule also cites
  Art. 5(1)(a) (lawfulness) — tier 83(5). Our reading.
* **NIR** (French social-security number): Art. 87 GDPR lets Member States set the conditions
  for a national identification number; France did so in loi Informatique et Libertés art. 30
  and décret n° 2019-341 (the list of NIR uses). Art. 83(5)(d) fines "obligations pursuant to
  Member State law adopted under Chapter IX" — Art. 87 is in Chapter IX — hence 83(5). The
  French sanction itself is pronounced under loi 78-17 art. 20; the 83(5) tier is our mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from rgpd_risk.assessment.config import RiskModel
from rgpd_risk.i18n import has_text, text
from rgpd_risk.inventory.retention import DAYS_PER_MONTH
from rgpd_risk.law import REGIMES, gravest_tier
from rgpd_risk.schemas import FINDING_KINDS

__all__ = [
    "Rule",
    "RULES",
    "ORGANISATION_RULES",
    "CONSENT_AGES",
    "DEFAULT_CONSENT_AGE",
    "consent_age",
    "rules_table",
    "SERIOUSNESS_LEVELS",
]

SERIOUSNESS_LEVELS: tuple[str, ...] = ("low", "medium", "high")

#: GDPR Art. 8(1): 16 unless a Member State sets a lower age, not below 13.
DEFAULT_CONSENT_AGE = 16

#: National Art. 8(1) ages: country -> (age, source). Only France is checked against the
#: national text; the others follow the commonly cited comparative tables (secondary
#: sources, **unverified**) — override with ``RiskModel(consent_age_overrides=...)``.
CONSENT_AGES: dict[str, tuple[int, str]] = {
    "FR": (15, "loi n° 78-17 Informatique et Libertés, art. 45 (ordonnance n° 2018-1125)"),
    **{c: (13, "secondary source, unverified") for c in ("BE", "DK", "EE", "FI", "LV", "MT",
                                                         "PT", "SE")},
    **{c: (14, "secondary source, unverified") for c in ("AT", "BG", "CY", "ES", "IT", "LT")},
    **{c: (15, "secondary source, unverified") for c in ("CZ", "GR", "SI")},
    **{c: (16, "secondary source, unverified") for c in ("DE", "HR", "HU", "IE", "LU", "NL",
                                                         "PL", "RO", "SK")},
}


def consent_age(country: str, model: RiskModel | None = None) -> int:
    """Art. 8(1) age of digital consent in a country (model overrides first).

    Examples
    --------
    >>> consent_age("FR"), consent_age("ZZ")
    (15, 16)
    """
    if model is not None and country in model.consent_age_overrides:
        return int(model.consent_age_overrides[country])
    return CONSENT_AGES.get(country, (DEFAULT_CONSENT_AGE, "GDPR Art. 8(1)"))[0]


@dataclass(frozen=True)
class RuleContext:
    """Scalars a rule may need besides the frame: the model, the date, the Art. 8 age."""

    model: RiskModel
    today: date
    country: str
    consent_age: int


ExprFn = Callable[[RuleContext], pl.Expr]


def _check_rule_fields(code: str, regime: str, kind: str) -> None:
    """A rule's regime and kind are known values and its texts are in the catalogue."""
    if regime not in REGIMES:
        raise ValueError(f"{code}: unknown regime {regime!r}; expected one of {REGIMES}")
    if kind not in FINDING_KINDS:
        raise ValueError(f"{code}: unknown kind {kind!r}; expected one of {FINDING_KINDS}")
    for part in ("title", "explanation"):
        if not has_text(f"rules.{code}.{part}"):
            raise ValueError(f"{code}: no {part} in the text catalogue; add "
                             f"'{code}: {{title: {{fr, en}}, explanation: {{fr, en}}}}' to "
                             f"rgpd_risk/data/texts/rules.yaml")


@dataclass(frozen=True)
class Rule:
    """One findings rule (see the module docstring)."""

    code: str
    articles: tuple[str, ...]
    base: int | ExprFn  # 0 low, 1 medium, 2 high (before aggravating factors)
    action: str
    condition: ExprFn
    evidence: ExprFn
    tier: str = field(default="")
    regime: str = "GDPR"  # one of rgpd_risk.law.REGIMES
    kind: str = "breach"  # one of rgpd_risk.schemas.FINDING_KINDS

    def __post_init__(self) -> None:
        _check_rule_fields(self.code, self.regime, self.kind)
        if self.regime == "GDPR":
            if not self.tier:
                object.__setattr__(self, "tier", gravest_tier(self.articles))
            if self.tier not in ("83(4)", "83(5)"):
                raise ValueError(f"{self.code}: bad tier {self.tier!r}")
        elif not self.tier:
            raise ValueError(f"{self.code}: a {self.regime} rule states its tier explicitly")

    def title(self, lang: str) -> str:
        """One-line statement of the finding, from the text catalogue."""
        return text(f"rules.{self.code}.title", lang)

    def explanation(self, lang: str) -> str:
        """Plain-words explanation, from the text catalogue."""
        return text(f"rules.{self.code}.explanation", lang)

    @property
    def title_en(self) -> str:
        return self.title("en")

    @property
    def title_fr(self) -> str:
        return self.title("fr")

    @property
    def explanation_en(self) -> str:
        return self.explanation("en")

    @property
    def explanation_fr(self) -> str:
        return self.explanation("fr")

    def base_expr(self, ctx: RuleContext) -> pl.Expr:
        """Base seriousness as an Int32 expression."""
        if callable(self.base):
            return self.base(ctx).cast(pl.Int32)
        return pl.lit(self.base, dtype=pl.Int32)


# ----------------------------------------------------------------------------- helpers


def _s(e: pl.Expr) -> pl.Expr:
    """Text of a value, ``null`` for missing."""
    return e.cast(pl.Utf8).fill_null("null")


def _q(col: str, n: int = 80) -> pl.Expr:
    """A register free-text field, quoted and truncated (register text, not personal data)."""
    c = pl.col(col)
    return pl.when(c.is_null()).then(pl.lit("null")).otherwise(
        pl.format("'{}'", pl.when(c.str.len_chars() > n)
                  .then(c.str.slice(0, n) + pl.lit("…")).otherwise(c)))


def _b(col: str) -> pl.Expr:
    return pl.format("{}={}", pl.lit(col), pl.when(pl.col(col)).then(pl.lit("true"))
                     .otherwise(pl.lit("false")))


def _missing(measures: tuple[str, ...]) -> pl.Expr:
    from rgpd_risk.assessment.context import join_present, measure_col

    return join_present([pl.when(~pl.col(measure_col(m))).then(pl.lit(m)) for m in measures])


_RIGHTS = (("rights_access", "access"), ("rights_rectification", "rectification"),
           ("rights_erasure", "erasure"), ("rights_portability", "portability"))


def _missing_rights() -> pl.Expr:
    from rgpd_risk.assessment.context import join_present

    return join_present([pl.when(~pl.col(c)).then(pl.lit(n)) for c, n in _RIGHTS])


def _right_evidence(col: str) -> ExprFn:
    return lambda ctx: pl.format("{}; rights not supported on this dataset: {}",
                                 _b(col), _missing_rights())


_ART9_LETTER = r"(?i)^\s*(?:art(?:icle)?\.?\s*)?(?:9\s*\(\s*2\s*\)\s*)?\(?\s*[a-j]\s*\)?\s*$"

def _register_gap_items() -> list[tuple[str, pl.Expr]]:
    def blank(c: str) -> pl.Expr:
        return pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "")

    return [
        ("purpose (Art. 30(1)(b))", blank("purpose")),
        ("legal_basis", pl.col("legal_basis").is_null()),
        ("data_subjects (Art. 30(1)(c))", pl.col("data_subjects").list.len() == 0),
        ("data_categories (Art. 30(1)(c))", pl.col("data_categories").list.len() == 0),
        ("retention (Art. 30(1)(f))", blank("retention_text")
         & (pl.col("retention_status") == "missing")),
        ("security_measures (Art. 30(1)(g))", pl.col("security_measures").list.len() == 0),
    ]


def _register_gaps() -> pl.Expr:
    from rgpd_risk.assessment.context import join_present

    return join_present([pl.when(c).then(pl.lit(n)) for n, c in _register_gap_items()])


def _register_incomplete() -> pl.Expr:
    return pl.any_horizontal([c.fill_null(False) for _, c in _register_gap_items()])


def _kept_days_over(ctx: RuleContext) -> pl.Expr:
    age_days = (pl.lit(ctx.today) - pl.col("oldest_record_date")).dt.total_days()
    return age_days.cast(pl.Float64) - pl.col("retention_months") * DAYS_PER_MONTH


def _child_below_age(ctx: RuleContext) -> pl.Expr:
    age = pl.col("min_subject_age")
    return (age < ctx.consent_age).fill_null(False) | (
        age.is_null() & (pl.col("_child_subj") | pl.col("_child_cat")))


def _excess_access(ctx: RuleContext) -> pl.Expr:
    m = ctx.model
    ac, n = pl.col("access_count"), pl.col("subject_count")
    ratio = (ac >= m.access_ratio_min) & (ac.cast(pl.Float64) > n * m.access_ratio_threshold)
    return ((ac > m.access_absolute_threshold) | ratio.fill_null(False)).fill_null(False)


_LB_KEYS = "consent, contract, legal_obligation, vital_interests, public_task, " \
           "legitimate_interests"

# ----------------------------------------------------------------------------- the table

RULES: tuple[Rule, ...] = (
    Rule(
        "ART6_NO_LEGAL_BASIS", ("Art. 6(1)", "Art. 5(1)(a)"),
        lambda c: pl.when(pl.col("legal_basis").is_null()).then(2).otherwise(1),
        "set_legal_basis",
        lambda c: ~pl.col("_lb_valid"),
        lambda c: pl.when(pl.col("legal_basis").is_null())
        .then(pl.lit("legal_basis=null (no Art. 6(1) basis declared)"))
        .otherwise(pl.format("legal_basis={} is not one of Art. 6(1)(a)-(f): {}",
                             _q("legal_basis"), pl.lit(_LB_KEYS))),
    ),
    Rule(
        "ART7_CONSENT_NO_PROOF", ("Art. 7(1)",), 1,
        "keep_consent_proof",
        lambda c: (pl.col("legal_basis") == "consent").fill_null(False) & ~pl.col("consent_proof"),
        lambda c: pl.format("legal_basis=consent; {}", _b("consent_proof")),
    ),
    Rule(
        "ART7_CONSENT_NO_WITHDRAWAL", ("Art. 7(3)",), 1,
        "enable_consent_withdrawal",
        lambda c: (pl.col("legal_basis") == "consent").fill_null(False)
        & ~pl.col("consent_withdrawal"),
        lambda c: pl.format("legal_basis=consent; {}", _b("consent_withdrawal")),
    ),
    Rule(
        "ART8_CHILD_CONSENT", ("Art. 8(1)",), 1,
        "collect_parental_consent",
        lambda c: (pl.col("legal_basis") == "consent").fill_null(False) & _child_below_age(c)
        & ~pl.col("parental_consent"),
        lambda c: pl.format(
            "legal_basis=consent; {} (national age {}: {}); {}",
            pl.when(pl.col("min_subject_age").is_null())
            .then(pl.lit("min_subject_age unknown, children among data subjects/categories"))
            .otherwise(pl.format("min_subject_age={}", pl.col("min_subject_age"))),
            pl.lit(c.country), pl.lit(c.consent_age), _b("parental_consent")),
    ),
    Rule(
        "ART9_NO_CONDITION", ("Art. 9(1)", "Art. 9(2)"), 2,
        "document_art9_condition",
        lambda c: pl.col("_has_art9")
        & ~pl.col("art9_condition").str.contains(_ART9_LETTER).fill_null(False),
        lambda c: pl.format("data_categories ∋ {}; art9_condition={}",
                            pl.col("_art9_cats").list.join(", "), _q("art9_condition")),
    ),
    Rule(
        "ART10_NO_AUTHORITY", ("Art. 10", "Art. 5(1)(a)"), 2,
        "establish_art10_authority",
        lambda c: pl.col("_has_art10") & ~pl.col("art10_authority"),
        lambda c: pl.format("data_categories ∋ {}; {}", pl.col("_art10_cats").list.join(", "),
                            _b("art10_authority")),
    ),
    Rule(
        "NIR_OUTSIDE_LEGAL_FRAME", ("Art. 87", "loi 78-17 art. 30", "décret 2019-341"), 2,
        "restrict_nir_use",
        lambda c: pl.col("_has_nir") & ~pl.col("nir_legal_frame"),
        lambda c: pl.format("data_categories ∋ nir; {}", _b("nir_legal_frame")),
    ),
    Rule(
        "ART13_14_NO_INFORMATION", ("Art. 12(1)", "Art. 13", "Art. 14"), 1,
        "publish_privacy_notice",
        lambda c: ~pl.col("privacy_notice"),
        lambda c: _b("privacy_notice"),
    ),
    Rule(
        "ART15_NO_ACCESS", ("Art. 15",), 1,
        "enable_right_access",
        lambda c: ~pl.col("rights_access"), _right_evidence("rights_access"),
    ),
    Rule(
        "ART16_NO_RECTIFICATION", ("Art. 16",), 0,
        "enable_right_rectification",
        lambda c: ~pl.col("rights_rectification"), _right_evidence("rights_rectification"),
    ),
    Rule(
        "ART17_NO_ERASURE", ("Art. 17",), 1,
        "enable_right_erasure",
        lambda c: ~pl.col("rights_erasure"), _right_evidence("rights_erasure"),
    ),
    Rule(
        "ART20_NO_PORTABILITY", ("Art. 20(1)",), 0,
        "enable_data_export",
        lambda c: pl.col("legal_basis").is_in(["consent", "contract"]).fill_null(False)
        & ~pl.col("rights_portability"),
        lambda c: pl.format("legal_basis={} (Art. 20(1)(a) applies); {}; rights not supported "
                            "on this dataset: {}", pl.col("legal_basis"),
                            _b("rights_portability"), _missing_rights()),
    ),
    Rule(
        "ART5_1_E_NO_RETENTION", ("Art. 5(1)(e)",),
        lambda c: pl.when(pl.col("retention_status").is_in(["missing", "indefinite"]))
        .then(1).otherwise(0),
        "set_retention_period",
        lambda c: pl.col("retention_status").is_in(
            ["missing", "indefinite", "unparsed", "on_request"]).fill_null(True),
        lambda c: pl.format("retention_status={}; retention_text={}",
                            _s(pl.col("retention_status")), _q("retention_text")),
    ),
    Rule(
        "ART5_1_E_KEPT_TOO_LONG", ("Art. 5(1)(e)",), 1,
        "purge_expired_records",
        lambda c: ((pl.col("retention_status") == "parsed")
                   & (pl.col("retention_event").fill_null("collection") == "collection")
                   & (_kept_days_over(c) > 0)).fill_null(False),
        lambda c: pl.format(
            "oldest_record_date={}; retention_months={} from collection; limit exceeded by {} "
            "days on {}", pl.col("oldest_record_date"), pl.col("retention_months").round(1),
            _kept_days_over(c).floor().cast(pl.Int64), pl.lit(str(c.today))),
    ),
    Rule(
        "ART5_1_C_EXCESSIVE_ACCESS", ("Art. 5(1)(c)", "Art. 25(2)"), 0,
        "restrict_access_need_to_know",
        _excess_access,
        lambda c: pl.format(
            "access_count={}; subject_count={}; thresholds: > {} people, or > {} × subjects",
            pl.col("access_count"), _s(pl.col("subject_count")),
            pl.lit(c.model.access_absolute_threshold), pl.lit(c.model.access_ratio_threshold)),
    ),
    Rule(
        "ART28_NO_PROCESSOR_CONTRACT", ("Art. 28(3)",), 1,
        "sign_processor_contracts",
        lambda c: (pl.col("_n_processors") > 0) & ~pl.col("processor_contract"),
        lambda c: pl.format("processors: {}; {}", pl.col("_n_processors"),
                            _b("processor_contract")),
    ),
    Rule(
        "ART44_TRANSFER_NO_SAFEGUARD", ("Art. 44", "Art. 45(1)", "Art. 46(1)"), 1,
        "put_transfer_safeguards",
        lambda c: pl.col("_uncovered").list.len() > 0,
        lambda c: pl.format("countries without a Chapter V tool: {}; transfer_safeguard={}",
                            pl.col("_uncovered").list.join(", "),
                            _s(pl.col("transfer_safeguard"))),
    ),
    Rule(
        "ART32_SENSITIVE_UNPROTECTED", ("Art. 32(1)",), 1,
        "encrypt_and_restrict",
        lambda c: (pl.col("_max_dpc") >= 3)
        & (~pl.col("_m_encryption_at_rest") | ~pl.col("_m_access_control")),
        lambda c: pl.format("highest ENISA DPC of categories={}; missing: {}",
                            pl.col("_max_dpc"),
                            _missing(("encryption_at_rest", "access_control"))),
    ),
    Rule(
        "ART32_EXPOSED_UNPROTECTED", ("Art. 32(1)",), 1,
        "secure_internet_exposure",
        lambda c: pl.col("internet_exposed")
        & (~pl.col("_m_access_control") | ~pl.col("_m_encryption_in_transit")),
        lambda c: pl.format("internet_exposed=true; missing: {}",
                            _missing(("access_control", "encryption_in_transit"))),
    ),
    Rule(
        "ART35_DPIA_NOT_DONE", ("Art. 35(1)",), 1,
        "carry_out_dpia",
        lambda c: (pl.col("dpia_verdict") == "required") & ~pl.col("dpia_done"),
        lambda c: pl.format("dpia_done=false; WP248 criteria: {}; Art. 35(3): {}",
                            pl.col("dpia_criteria").list.join(", "),
                            pl.when(pl.col("dpia_triggers").list.len() > 0)
                            .then(pl.col("dpia_triggers").list.join(", "))
                            .otherwise(pl.lit("none"))),
    ),
    Rule(
        "ART30_RECORD_INCOMPLETE", ("Art. 30(1)",), 0,
        "complete_register",
        lambda c: _register_incomplete(),
        lambda c: pl.format("missing register fields: {}", _register_gaps()),
    ),
)

#: Organisation-level rules (evaluated once per assessment, dataset_id ``__organisation__``).
#: Their conditions are in :mod:`rgpd_risk.assessment.assess`; articles, base, action,
#: regime and kind live here, texts in the catalogue (``rules.yaml``) like every rule.
ORGANISATION_RULES: dict[str, dict[str, object]] = {
    "ART37_DPO_NOT_DESIGNATED": dict(
        articles=("Art. 37(1)",), base=1, action="designate_dpo",
        regime="GDPR", kind="breach"),
    "ART33_NO_BREACH_PROCEDURE": dict(
        articles=("Art. 33(1)", "Art. 33(5)"), base=1, action="set_breach_procedure",
        regime="GDPR", kind="breach"),
}
for _code, _spec in ORGANISATION_RULES.items():
    _check_rule_fields(_code, str(_spec["regime"]), str(_spec["kind"]))
    _spec.setdefault("tier", gravest_tier(_spec["articles"]))  # type: ignore[arg-type]
del _code, _spec


def rules_table() -> pl.DataFrame:
    """All rules as a frame: code, articles, tier, base seriousness, texts, action, scope,
    regime, kind.

    Examples
    --------
    >>> t = rules_table()
    >>> t.filter(pl.col("code") == "ART9_NO_CONDITION").select("tier", "articles").row(0)
    ('83(5)', ['Art. 9(1)', 'Art. 9(2)'])
    >>> t["code"].is_unique().all()
    True
    """
    def texts(code: str) -> dict[str, str]:
        return {f"{part}_{lang}": text(f"rules.{code}.{part}", lang)
                for part in ("title", "explanation") for lang in ("en", "fr")}

    rows = [
        dict(code=r.code, articles=list(r.articles), tier=r.tier,
             base_seriousness=SERIOUSNESS_LEVELS[r.base] if isinstance(r.base, int)
             else "variable", **texts(r.code), action=r.action, scope="dataset",
             regime=r.regime, kind=r.kind)
        for r in RULES
    ] + [
        dict(code=code, articles=list(s["articles"]), tier=s["tier"],
             base_seriousness=SERIOUSNESS_LEVELS[s["base"]], **texts(code),
             action=s["action"], scope="organisation", regime=s["regime"], kind=s["kind"])
        for code, s in ORGANISATION_RULES.items()
    ]
    return pl.DataFrame(rows, schema={
        "code": pl.Utf8, "articles": pl.List(pl.Utf8), "tier": pl.Utf8,
        "base_seriousness": pl.Utf8, "title_en": pl.Utf8, "title_fr": pl.Utf8,
        "explanation_en": pl.Utf8, "explanation_fr": pl.Utf8, "action": pl.Utf8,
        "scope": pl.Utf8, "regime": pl.Utf8, "kind": pl.Utf8})
