"""Who owes what: role gating, processor / joint-controller duties, Art. 22, AI Act, transfers.

The rules of this module join :data:`rgpd_risk.assessment.rules.RULES` (same :class:`Rule`
data, same vectorised engine). Every legal fact below is sourced in
``docs/legal_sources_roles.md``; modelling choices are named as ours.

Role gating
-----------
The inventory column ``role`` says what the organisation is for each processing:
``controller`` (default, and any value the loader could not read), ``processor`` (run for a
client named in ``controller_name``, Art. 28) or ``joint_controller`` (Art. 26). Each rule's
``roles`` says to whom the duty applies: controller duties (Arts 6–22, 25, 30(1), 35 …) are
checked only on controller and joint-controller rows; the processor's own duties (Arts 28(2),
(3), (4), 29, 30(2), 32, 33(2), 28(3)(f)) on processor rows; security (Art. 32) and transfers
(Chapter V, which binds "the controller or processor", Art. 44) on every row. A processor
that uses the client's data for purposes of its own (``own_purposes``) "shall be considered
to be a controller in respect of that processing" (Art. 28(10)): controller duties are then
checked on that row as well.

Context columns added by :func:`role_context` (private, ``_``-prefixed): ``_r_controller``,
``_r_processor``, ``_r_joint_controller`` (the gates), ``_processor_only`` (processor rows not
re-qualified by Art. 28(10)), ``_subprocs`` / ``_n_subprocs`` (sub-processors: the
``sub_processors`` column, or the row's ``processors`` when it is empty), ``_us_declared``
(US among the non-EEA countries and an adequacy decision for the US in force),
``_employees`` and the vendor-consistency columns ``_vendor_mixed`` (list of vendors declared
two ways) and ``_vendor_text`` (how, for the evidence).
"""

from __future__ import annotations

from datetime import date

import polars as pl

from rgpd_risk.assessment.context import adequate_countries
from rgpd_risk.assessment.rules import (
    ALL_ROLES,
    CONTROLLER_ROLES,
    Rule,
    RuleContext,
    _kept_days_over,
)

__all__ = [
    "ROLE_RULES",
    "ROLE_ORGANISATION_RULES",
    "AI_ACT_PROHIBITIONS_FROM",
    "AI_ACT_HIGH_RISK_FROM",
    "WORKPLACE_EDUCATION_SUBJECTS",
    "role_context",
    "role_enisa_columns",
]

#: AI Act (Regulation (EU) 2024/1689) art. 113(a): "Chapters I and II shall apply from
#: 2 February 2025" — Chapter II is art. 5, the prohibited practices.
AI_ACT_PROHIBITIONS_FROM = date(2025, 2, 2)
#: AI Act art. 113, second paragraph: the Regulation applies from 2 August 2026 (Annex III
#: high-risk obligations). A deferral to 2 Dec 2027 ("Digital Omnibus") is reported by 2026
#: commentaries but not verified in an official text: the high-risk finding is a point of
#: attention either way and says which date it used.
AI_ACT_HIGH_RISK_FROM = date(2026, 8, 2)

#: Data subjects in "the areas of workplace and education institutions" (AI Act art.
#: 5(1)(f)). Candidates: the Commission's guidelines on prohibited practices (Feb 2025):
#: "Using emotion recognition AI systems during the recruitment process is prohibited."
#: Contractors: people working on the premises (our reading). Students: education.
WORKPLACE_EDUCATION_SUBJECTS: tuple[str, ...] = ("employees", "candidates", "contractors",
                                                 "students")

#: Legal bases that can carry an Art. 22(2) exception: (a) contract, (b) Union or Member-State
#: law (legal_obligation, our mapping), (c) explicit consent (``consent``; explicitness is not
#: visible in a register and is said in the text).
ART22_2_BASES: tuple[str, ...] = ("contract", "legal_obligation", "consent")

# Texts (FR/EN titles and explanations) live in the text catalogue, rgpd_risk/data/texts/rules.yaml.


# ----------------------------------------------------------------------------- helpers


def _b(col: str) -> pl.Expr:
    return pl.format("{}={}", pl.lit(col), pl.when(pl.col(col)).then(pl.lit("true"))
                     .otherwise(pl.lit("false")))


def _client() -> pl.Expr:
    return pl.format("role=processor for {}", pl.col("controller_name").fill_null("(client not named)"))


def _has_subject(keys: tuple[str, ...]) -> pl.Expr:
    return pl.col("data_subjects").list.eval(pl.element().is_in(keys)).list.any().fill_null(False)


def _annex_iii_point() -> pl.Expr:
    """Annex III point of a row's AI system (null when none is recognised; our reading of
    the register's facts): emotion recognition of people outside work/education (customers …)
    → 1(c) (for workers and pupils it is prohibited, art. 5(1)(f)); candidates with
    scoring or an automated decision → 4(a); employees with scoring or systematic monitoring
    → 4(b); creditworthiness needs a credit purpose, which a register does not carry as a
    field, so 5(b) is not inferred (and fraud detection is excluded by 5(b) itself)."""
    scoring = pl.col("profiling") | pl.col("automated_decision")
    return (
        pl.when(pl.col("emotion_recognition") & pl.col("_emotion_others"))
        .then(pl.lit("Annex III 1(c) emotion recognition (people outside work and education)"))
        .when(_has_subject(("candidates",)) & scoring)
        .then(pl.lit("Annex III 4(a) recruitment and selection"))
        .when(_has_subject(("employees", "contractors"))
              & (pl.col("profiling") | pl.col("systematic_monitoring")))
        .then(pl.lit("Annex III 4(b) evaluation and monitoring of workers"))
    )


def role_context(ctx: pl.DataFrame, today: date, vendor: pl.DataFrame | None = None) -> pl.DataFrame:
    """Add the role, transfer and vendor-consistency context columns (module docstring).

    The vendor check is one explode / group-by / join over the processors lists: a vendor
    (name compared without case, spaces or punctuation) declared on two rows with a
    different ``transfer_safeguard`` or a different set of ``third_countries`` is "declared
    two ways", and every row naming it gets the finding. It reads the whole register:
    ``vendor`` (``_row, _n_vendor_mixed, _vendor_text``, from :func:`vendor_consistency` of
    the whole frame) gives its result when ``ctx`` holds only some of the rows.

    Examples
    --------
    >>> from rgpd_risk.inventory.schema import frame_from_records
    >>> f = frame_from_records([
    ...     {"dataset_id": "a", "name": "A", "data_categories": ["contact"], "processors": ["V Inc."],
    ...      "third_countries": ["US"], "transfer_safeguard": "none"},
    ...     {"dataset_id": "b", "name": "B", "data_categories": ["contact"], "processors": ["v inc"],
    ...      "third_countries": ["US"], "transfer_safeguard": "adequacy", "role": "processor"}])
    >>> c = role_context(f.with_row_index("_row"), date(2025, 1, 1))
    >>> c.select("_r_controller", "_r_processor", "_n_vendor_mixed").rows()
    [(True, False, 1), (False, True, 1)]
    """
    role = pl.col("role").fill_null("controller")
    processor = role == "processor"
    own = pl.col("own_purposes").fill_null(False)
    subprocs = (pl.when(pl.col("sub_processors").list.len() > 0).then(pl.col("sub_processors"))
                .otherwise(pl.col("processors")))
    countries = pl.col("third_countries").list.eval(pl.element().str.strip_chars().str.to_uppercase())
    _, any_adequate = adequate_countries(today)
    us_adequacy_in_force = "US" in any_adequate
    ctx = ctx.with_columns(
        (~role.is_in(["processor", "joint_controller"]) | (processor & own)).alias("_r_controller"),
        processor.alias("_r_processor"),
        (role == "joint_controller").alias("_r_joint_controller"),
        (processor & ~own).alias("_processor_only"),
        subprocs.alias("_subprocs"),
        subprocs.list.len().alias("_n_subprocs"),
        (countries.list.contains("US").fill_null(False) & pl.lit(us_adequacy_in_force))
        .alias("_us_declared"),
        _has_subject(("employees",)).alias("_employees"),
        _has_subject(WORKPLACE_EDUCATION_SUBJECTS).alias("_emotion_work_edu"),
        pl.col("data_subjects").list.eval(~pl.element().is_in(WORKPLACE_EDUCATION_SUBJECTS))
        .list.any().fill_null(False).alias("_emotion_others"),
    )
    if vendor is not None:
        return ctx.join(vendor.select(VENDOR_COLUMNS), on="_row", how="left",
                        maintain_order="left")
    return vendor_consistency(ctx)


#: The columns :func:`vendor_consistency` adds (besides the ``_row`` it joins on).
VENDOR_COLUMNS: tuple[str, ...] = ("_row", "_n_vendor_mixed", "_vendor_text")


def vendor_consistency(ctx: pl.DataFrame) -> pl.DataFrame:
    """``ctx`` (``_row, dataset_id, processors, transfer_safeguard, third_countries``) with
    ``_n_vendor_mixed`` and ``_vendor_text``: the vendors each row names that the register
    declares two ways (:func:`role_context`)."""
    decl = (
        ctx.select(
            "_row", "dataset_id",
            pl.col("processors").alias("_v"),
            pl.col("transfer_safeguard").fill_null("(none declared)").alias("_sg"),
            pl.col("third_countries").list.sort().list.join("+").alias("_cc"),
        )
        .explode("_v")
        .filter(pl.col("_v").is_not_null() & (pl.col("_v").str.strip_chars() != ""))
        .with_columns(pl.col("_v").str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]", "")
                      .alias("_key"))
        .unique(["_row", "_key"], maintain_order=True)
    )
    mixed = (
        decl.group_by("_key")
        .agg((pl.col("_sg").n_unique() > 1) | (pl.col("_cc").n_unique() > 1))
        .filter(pl.col("_sg"))
        .select("_key")
    )
    hits = decl.join(mixed, on="_key", how="semi")
    if hits.is_empty():
        return ctx.with_columns(pl.lit(0, dtype=pl.UInt32).alias("_n_vendor_mixed"),
                                pl.lit(None, dtype=pl.Utf8).alias("_vendor_text"))
    # How each mixed vendor is declared (first five entries by id), then per row the vendors
    # it names; every text is sorted, so the result does not depend on the row order.
    how = (
        hits.with_columns(pl.format("{} ({}, {})", "dataset_id",
                                    pl.when(pl.col("_cc") == "").then(pl.lit("no third country"))
                                    .otherwise(pl.col("_cc")), "_sg").alias("_d"))
        .sort("_key", "dataset_id")
        .group_by("_key", maintain_order=True)
        .agg(pl.col("_v").min().alias("_name"), pl.col("_d").head(5).str.join("; ").alias("_ds"),
             pl.len().alias("_n"))
        .with_columns(pl.format("{} on {} entries: {}", "_name", "_n", "_ds").alias("_t"))
    )
    per_row = (
        hits.join(how.select("_key", "_t"), on="_key", how="left")
        .sort("_row", "_t")
        .group_by("_row", maintain_order=True)
        .agg(pl.len().cast(pl.UInt32).alias("_n_vendor_mixed"),
             pl.col("_t").str.join(" | ").alias("_vendor_text"))
    )
    return (ctx.join(per_row, on="_row", how="left", maintain_order="left")
            .with_columns(pl.col("_n_vendor_mixed").fill_null(0)))


def role_enisa_columns() -> list[pl.Expr]:
    """The Art. 33/34 duties of the ENISA exercise follow the role: on processor rows the
    organisation notifies its client (Art. 33(2)), who decides on notifying the authority and
    informing the people (Arts 33(1), 34 are the controller's). Reads ``notify_authority`` and
    ``inform_subjects`` as computed by :func:`~rgpd_risk.assessment.enisa.enisa_columns`."""
    po = pl.col("_processor_only")
    return [
        (pl.col("notify_authority") & po).alias("notify_client"),
        (pl.col("notify_authority") & ~po).alias("notify_authority"),
        (pl.col("inform_subjects") & ~po).alias("inform_subjects"),
    ]


# ----------------------------------------------------------------------------- conditions


def _tia_needed() -> pl.Expr:
    """SCC transfers to a country without a full adequacy decision, except US transfers to
    DPF-certified recipients (covered by Art. 45; with the HR scope for employee data)."""
    not_full = pl.col("_not_full_adequate")
    only_us = (not_full.list.len() == 1) & not_full.list.contains("US")
    us_covered = pl.col("dpf_certified") & (~pl.col("_employees") | pl.col("dpf_hr_scope"))
    return ((pl.col("transfer_safeguard") == "scc").fill_null(False)
            & (not_full.list.len() > 0) & ~(only_us & us_covered))


def _us_not_dpf() -> pl.Expr:
    return ((pl.col("transfer_safeguard") == "adequacy").fill_null(False) & pl.col("_us_declared")
            & (~pl.col("dpf_certified") | (pl.col("_employees") & ~pl.col("dpf_hr_scope"))))


def _incidents() -> pl.Expr:
    return (pl.col("incidents_12m") > 0).fill_null(False)


def _ai_act_date(ctx: RuleContext, first: date) -> pl.Expr:
    return pl.lit(ctx.today >= first)


def _subject_list() -> pl.Expr:
    return pl.col("data_subjects").list.join(", ")


# ----------------------------------------------------------------------------- the rules


def _rule(code: str, articles: tuple[str, ...], base, action: str, condition, evidence, *,
          roles: tuple[str, ...] = CONTROLLER_ROLES, kind: str = "breach",
          regime: str = "GDPR", tier: str = "") -> Rule:
    return Rule(code, articles, base, action, condition, evidence, tier=tier, regime=regime,
                kind=kind, roles=roles)


_GDPR_ROLE_RULES: tuple[Rule, ...] = (
    _rule(
        "ART28_3_NO_CLIENT_CONTRACT", ("Art. 28(3)",), 1, "sign_client_contracts",
        lambda c: ~pl.col("client_contract"),
        lambda c: pl.format("{}; {}", _client(), _b("client_contract")),
        roles=("processor",),
    ),
    _rule(
        "ART28_2_SUBPROCESSOR_NOT_AUTHORISED", ("Art. 28(2)", "Art. 28(4)"), 1,
        "obtain_subprocessor_authorisation",
        lambda c: (pl.col("_n_subprocs") > 0) & ~pl.col("sub_processors_authorised"),
        lambda c: pl.format("{}; sub-processors: {}{}; {}", _client(),
                            pl.col("_subprocs").list.join(", "),
                            pl.when(pl.col("sub_processors").list.len() == 0)
                            .then(pl.lit(" (the entry's processors)")).otherwise(pl.lit("")),
                            _b("sub_processors_authorised")),
        roles=("processor",),
    ),
    _rule(
        "ART29_OUTSIDE_INSTRUCTIONS", ("Art. 29", "Art. 28(10)"), 2, "stop_reuse_of_client_data",
        lambda c: pl.col("own_purposes"),
        lambda c: pl.format("{}; own_purposes=true: purpose {} set by the organisation "
                            "(Art. 28(10): controller for that processing)", _client(),
                            pl.col("purpose").fill_null("(not given)").str.slice(0, 80)),
        roles=("processor",),
    ),
    _rule(
        "ART29_KEPT_BEYOND_INSTRUCTIONS", ("Art. 29", "Art. 28(3)(a)"), 1, "purge_expired_records",
        lambda c: ((pl.col("retention_status") == "parsed")
                   & (pl.col("retention_event").fill_null("collection") == "collection")
                   & (_kept_days_over(c) > 0)).fill_null(False),
        lambda c: pl.format(
            "{}; oldest_record_date={}; retention_months={} from collection (the client's "
            "instruction); exceeded by {} days on {}", _client(), pl.col("oldest_record_date"),
            pl.col("retention_months").round(1), _kept_days_over(c).floor().cast(pl.Int64),
            pl.lit(str(c.today))),
        roles=("processor",),
    ),
    _rule(
        "ART33_2_NOTIFY_CLIENT", ("Art. 33(2)",), 1, "review_incidents",
        lambda c: _incidents(),
        lambda c: pl.format("{}; incidents_12m={}: each to be notified to the client without "
                            "undue delay", _client(), pl.col("incidents_12m")),
        roles=("processor",), kind="attention",
    ),
    _rule(
        "ART28_3F_ASSIST_CLIENT_DPIA", ("Art. 28(3)(f)",), 0, "assist_client_dpia",
        lambda c: (pl.col("dpia_verdict") == "required") & ~pl.col("dpia_done")
        & pl.col("_processor_only"),  # Art. 28(10) rows owe the DPIA themselves (Art. 35)
        lambda c: pl.format("{}; DPIA screening: required ({}); dpia_done=false", _client(),
                            pl.col("dpia_criteria").list.join(", ")),
        roles=("processor",), kind="attention",
    ),
    _rule(
        "ART26_NO_ARRANGEMENT", ("Art. 26(1)", "Art. 26(2)"), 1, "sign_joint_arrangement",
        lambda c: ~pl.col("joint_arrangement"),
        lambda c: pl.format("role=joint_controller with {}; {}",
                            pl.col("controller_name").fill_null("(partner not named)"),
                            _b("joint_arrangement")),
        roles=("joint_controller",),
    ),
    _rule(
        "ART22_NO_EXCEPTION", ("Art. 22(1)", "Art. 22(2)"), 2, "suspend_automated_decisions",
        lambda c: pl.col("automated_decision")
        & ~pl.col("legal_basis").is_in(ART22_2_BASES).fill_null(False),
        lambda c: pl.format("automated_decision=true; {}; legal_basis={} is not an Art. 22(2) "
                            "exception (contract, law, explicit consent)",
                            _b("blocks_right_or_service"),
                            pl.col("legal_basis").fill_null("null")),
    ),
    _rule(
        "ART22_NO_HUMAN_INTERVENTION", ("Art. 22(3)",), 2, "add_human_review",
        lambda c: pl.col("automated_decision") & ~pl.col("human_review"),
        lambda c: pl.format("automated_decision=true; {}; {}", _b("blocks_right_or_service"),
                            _b("human_review")),
    ),
    _rule(
        "ART22_NOT_INFORMED", ("Art. 13(2)(f)", "Art. 14(2)(g)"), 1, "publish_privacy_notice",
        lambda c: pl.col("automated_decision") & ~pl.col("privacy_notice"),
        lambda c: pl.format("automated_decision=true; {}", _b("privacy_notice")),
    ),
    _rule(
        "ART33_5_INCIDENT_FOLLOWUP", ("Art. 33(5)",), 1, "review_incidents",
        lambda c: _incidents() & (pl.col("_n_processors") > 0) & (pl.col("_non_eea").list.len() > 0),
        lambda c: pl.format("incidents_12m={}; processors: {}; third countries: {}",
                            pl.col("incidents_12m"), pl.col("processors").list.join(", "),
                            pl.col("_non_eea").list.join(", ")),
        kind="attention",
    ),
    _rule(
        "ART45_US_NOT_DPF", ("Art. 44", "Art. 45(1)"), 1, "check_dpf_or_sign_scc",
        lambda c: _us_not_dpf(),
        lambda c: pl.when(~pl.col("dpf_certified"))
        .then(pl.format("third_countries ∋ US; transfer_safeguard=adequacy; dpf_certified=false "
                        "(Decision 2023/1795 covers DPF-listed recipients only; appeal C-703/25 P "
                        "pending); processors: {}", pl.col("processors").list.join(", ")))
        .otherwise(pl.format("third_countries ∋ US; transfer_safeguard=adequacy; "
                             "dpf_certified=true; data_subjects ∋ employees; dpf_hr_scope=false; "
                             "processors: {}", pl.col("processors").list.join(", "))),
        roles=ALL_ROLES,
    ),
    _rule(
        "ART46_SCC_NO_TIA", ("Art. 46(1)", "Art. 46(2)(c)"), 1, "carry_out_tia",
        lambda c: _tia_needed() & ~pl.col("tia_done"),
        lambda c: pl.format("transfer_safeguard=scc; countries without full adequacy: {}; "
                            "tia_done=false (SCC clause 14)",
                            pl.col("_not_full_adequate").list.join(", ")),
        roles=ALL_ROLES,
    ),
    _rule(
        "ART30_VENDOR_DECLARED_TWO_WAYS", ("Art. 30(1)(e)",), 0, "reconcile_vendor_records",
        lambda c: pl.col("_n_vendor_mixed") > 0,
        lambda c: pl.col("_vendor_text"),
        roles=ALL_ROLES, kind="attention",
    ),
)

#: AI Act rules. ``tier`` of a non-GDPR finding is null (french's decision, CHANGES.md 07:59):
#: the Art. 83 tiers do not apply; the AI Act's own caps (art. 99(3): EUR 35 m or 7 %) are the
#: enforcement model's.
_AI_RULES: tuple[Rule, ...] = (
    _rule(
        "AIA_EMOTION_RECOGNITION_WORK_EDUCATION", ("AI Act art. 5(1)(f)",), 2,
        "stop_emotion_recognition",
        lambda c: pl.col("emotion_recognition") & pl.col("_emotion_work_edu")
        & _ai_act_date(c, AI_ACT_PROHIBITIONS_FROM),
        lambda c: pl.format("emotion_recognition=true; data_subjects ∋ {} (workplace or "
                            "education); prohibited since {} (AI Act art. 113(a))",
                            _subject_list(), pl.lit(str(AI_ACT_PROHIBITIONS_FROM))),
        roles=ALL_ROLES, regime="AI Act",
    ),
    _rule(
        "AIA_HIGH_RISK_USE", ("AI Act art. 6(2)", "AI Act art. 26"), 0,
        "meet_ai_act_high_risk_duties",
        lambda c: (pl.col("ai_system") | pl.col("emotion_recognition"))
        & _annex_iii_point().is_not_null(),
        lambda c: pl.format("ai_system={}; {}; obligations {} {} (AI Act art. 113)",
                            pl.when(pl.col("ai_system") | pl.col("emotion_recognition"))
                            .then(pl.lit("true")).otherwise(pl.lit("false")),
                            _annex_iii_point(),
                            pl.lit("apply since" if c.today >= AI_ACT_HIGH_RISK_FROM
                                   else "apply from"),
                            pl.lit(str(AI_ACT_HIGH_RISK_FROM))),
        roles=ALL_ROLES, kind="attention", regime="AI Act",
    ),
)

#: The rules of this module, in table order (after :data:`rules.RULES`' own).
ROLE_RULES: tuple[Rule, ...] = _AI_RULES + _GDPR_ROLE_RULES

#: Organisation-level rules of this module (evaluated in ``assess._organisation_findings``).
ROLE_ORGANISATION_RULES: dict[str, dict[str, object]] = {
    "ART30_2_NO_PROCESSOR_RECORD": dict(
        articles=("Art. 30(2)",), base=1, action="keep_processor_record",
        regime="GDPR", kind="breach", roles=("processor",),
    ),
}
