"""Assessment: findings by GDPR article, CNIL and ENISA risk, WP248 DPIA screening, score.

Entry point :func:`assess`; result :class:`Assessment`; settings :class:`RiskModel` (all
weights are our modelling choices, documented in ``docs/risk_model.md``).
"""

from rgpd_risk.assessment.assess import CONTRIBUTIONS_SCHEMA, DATASET_COLUMNS, assess, reassess
from rgpd_risk.assessment.config import ENISA_BANDS, FEARED_EVENTS, RISK_LEVELS, RiskModel
from rgpd_risk.assessment.dpia import ART35_3_TRIGGERS, WP248_CRITERIA
from rgpd_risk.assessment.result import Assessment
from rgpd_risk.assessment.rules import (
    CONSENT_AGES,
    DEFAULT_CONSENT_AGE,
    ORGANISATION_RULES,
    RULES,
    Rule,
    consent_age,
    rules_table,
)
from rgpd_risk.assessment.score import FACTORS

__all__ = [
    "reassess",
    "assess",
    "Assessment",
    "RiskModel",
    "Rule",
    "RULES",
    "ORGANISATION_RULES",
    "rules_table",
    "CONSENT_AGES",
    "DEFAULT_CONSENT_AGE",
    "consent_age",
    "WP248_CRITERIA",
    "ART35_3_TRIGGERS",
    "FACTORS",
    "FEARED_EVENTS",
    "RISK_LEVELS",
    "ENISA_BANDS",
    "DATASET_COLUMNS",
    "CONTRIBUTIONS_SCHEMA",
]
