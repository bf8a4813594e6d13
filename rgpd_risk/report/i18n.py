"""French and English labels of the reports, and Babel formatting of numbers.

Every word a report shows that does not come from the inputs or from the taxonomy tables
is an entry of the text catalogue (namespace ``report``, ``rgpd_risk/data/texts/report.yaml``);
this module reads it: :func:`t` (labels), :func:`section` (headings and narratives),
:func:`art30_label`. Numbers, euros, percentages and dates go through Babel
so that a French report reads ``52 000 000 €`` and ``4,1 %`` and an English one
``€52,000,000`` and ``4.1%``.

The six actions of the seed article (methodology §8), their labels and the mapping of the
findings' ``action`` keys to them live in the remediation catalogue
(:data:`rgpd_risk.remediation.SEED_ACTIONS`, :func:`rgpd_risk.remediation.seed_action_of`),
their single source; the reports read them from there.
"""

from __future__ import annotations

from rgpd_risk.formatting import (  # noqa: F401  (re-exported for the report modules)
    LANGS,
    check_lang,
    format_date,
    format_eur,
    format_eur_short,
    format_number,
    format_percent,
)
from rgpd_risk.i18n import text

# --------------------------------------------------------------------------- labels


def t(key: str, lang: str, **fmt: object) -> str:
    """The report label ``key`` in ``lang``, with ``str.format`` fields filled from ``fmt``.

    The labels are the entries ``report.labels.<key>`` of the text catalogue
    (``rgpd_risk/data/texts/report.yaml``).

    Examples
    --------
    >>> t("datasets", "fr"), t("datasets", "en")
    ('Traitements', 'Datasets')
    >>> t("table_limited", "en", shown=50, total=61)
    'Only the first 50 of 61 rows are shown.'
    """
    label = text(f"report.labels.{key}", lang)
    return label.format(**fmt) if fmt else label


# --------------------------------------------------------------------------- Art. 30(1)

#: Letters of the mandatory fields of the record, GDPR Art. 30(1)(a)–(g); their labels are
#: ``report.art30.<letter>`` in the text catalogue (see :func:`art30_label`).
ART30_LETTERS: tuple[str, ...] = ("a", "b", "c", "d", "e", "f", "g")


def art30_label(letter: str, lang: str) -> str:
    """Label of the field ``letter`` of Art. 30(1).

    Examples
    --------
    >>> art30_label("f", "fr")
    "(f) Délais d'effacement"
    """
    return text(f"report.art30.{letter}", lang)


# --------------------------------------------------------------------------- sections


def section(key: str, lang: str) -> tuple[str, str]:
    """``(heading, narrative)`` of a report section (``report.sections.<key>`` of the catalogue).

    Examples
    --------
    >>> section("legal_bases", "en")[0]
    'Legal bases'
    """
    return (text(f"report.sections.{key}.heading", lang),
            text(f"report.sections.{key}.narrative", lang))
