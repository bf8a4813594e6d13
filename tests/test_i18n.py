"""The text catalogue: complete, no orphan, both languages, clear errors."""

from __future__ import annotations

import pytest

from rgpd_risk import i18n
from rgpd_risk.assessment.rules import ORGANISATION_RULES, RULES, Rule
from rgpd_risk.formatting import LANGS


def _rule_codes() -> set[str]:
    return {r.code for r in RULES} | set(ORGANISATION_RULES)


def test_every_rule_code_has_both_texts_in_both_languages() -> None:
    for code in _rule_codes():
        for part in ("title", "explanation"):
            t = i18n.texts(f"rules.{code}.{part}")
            assert set(t) == set(LANGS)
            assert all(v.strip() for v in t.values()), (code, part)
            assert t["fr"] != t["en"], (code, part)


def test_no_orphan_rule_entry() -> None:
    entries = {e.split(".", 1)[1] for e in i18n.entries("rules")}
    assert entries == _rule_codes()
    for code in entries:
        assert set(i18n.keys(f"rules.{code}")) == {f"rules.{code}.title",
                                                    f"rules.{code}.explanation"}


def test_titles_are_one_line() -> None:
    for code in _rule_codes():
        for lang in LANGS:
            assert "\n" not in i18n.text(f"rules.{code}.title", lang)


def test_missing_key_and_bad_language_are_clear() -> None:
    with pytest.raises(i18n.CatalogueError, match=r"rules\.yaml"):
        i18n.text("rules.NOPE.title", "fr")
    with pytest.raises(ValueError, match="unknown language"):
        i18n.text("rules.ART6_NO_LEGAL_BASIS.title", "de")


def test_rule_without_texts_fails_at_construction() -> None:
    with pytest.raises(ValueError, match="rules.yaml"):
        Rule("NOT_IN_CATALOGUE", ("Art. 5(1)(a)",), 1, "x", lambda c: None, lambda c: None)


def test_rule_regime_and_kind_are_checked() -> None:
    code = RULES[0].code
    with pytest.raises(ValueError, match="regime"):
        Rule(code, ("Art. 6(1)",), 1, "x", lambda c: None, lambda c: None, regime="CNIL")
    with pytest.raises(ValueError, match="kind"):
        Rule(code, ("Art. 6(1)",), 1, "x", lambda c: None, lambda c: None, kind="maybe")
    r = Rule(code, ("Art. 6(1)",), 1, "x", lambda c: None, lambda c: None)
    assert (r.regime, r.kind, r.tier) == ("GDPR", "breach", "83(5)")  # Art. 83(5)(a)


def test_malformed_file_is_named(tmp_path, monkeypatch) -> None:
    (tmp_path / "bad.yaml").write_text("X:\n  title:\n    en: only English\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "TEXTS_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(i18n.CatalogueError, match=r"bad\.yaml.*'bad\.X\.title' lacks .*fr"):
            i18n.catalogue()
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_no_inline_translation_in_the_library() -> None:
    """A French / English pair written inline (``"…" if fr else "…"``) belongs in the
    catalogue; only the typography of the formatter (``formatting.py``: where the currency
    sign and the narrow spaces go) and the colon rule of two views may choose by language."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "rgpd_risk"
    inline = re.compile(r"""["'][^"'\n]*[A-Za-zÀ-ÿ]{2}[^"'\n]*["']\)?\s+if\s+(?:fr|lang\s*==\s*["']fr["'])\s+else""")
    hits = [f"{p.relative_to(root)}:{n}" for p in root.rglob("*.py") if p.name != "formatting.py"
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if inline.search(line)]
    assert hits == []
