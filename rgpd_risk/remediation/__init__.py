"""Remediation: the action catalogue, what-if comparisons and a prioritised plan.

Data flow: an inventory is assessed (findings with an ``action`` key) and its fine exposure
simulated; :func:`what_if` applies catalogue actions to a copy and compares; :func:`plan`
ranks the actions by exposure and risk removed per person-day. The catalogue
(:func:`load_catalogue`) is the single source of the action -> seed-action mapping
(:func:`seed_action_of`).
"""

from rgpd_risk.remediation.catalogue import (
    SEED_ACTIONS,
    Catalogue,
    RemediationAction,
    default_catalogue,
    load_catalogue,
    seed_action_label,
    seed_action_of,
    with_action_labels,
)
from rgpd_risk.remediation.effects import AppliedAction, apply_actions
from rgpd_risk.remediation.plan import Plan, plan
from rgpd_risk.remediation.whatif import Comparison, Snapshot, evaluate, what_if

__all__ = [
    "SEED_ACTIONS",
    "Catalogue",
    "RemediationAction",
    "default_catalogue",
    "load_catalogue",
    "seed_action_label",
    "seed_action_of",
    "with_action_labels",
    "AppliedAction",
    "apply_actions",
    "Comparison",
    "Snapshot",
    "evaluate",
    "what_if",
    "Plan",
    "plan",
]
