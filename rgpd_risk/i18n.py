"""The one text catalogue: every French and English string of the library, keyed once.

Texts live in YAML files under ``rgpd_risk/data/texts/``, one file per *namespace*: the
file ``rules.yaml`` holds the namespace ``rules`` (the findings rules, keyed by rule code),
and further files (report labels, CLI messages …) join as they move here. Inside a file,
entries nest; a *leaf* is a mapping with exactly one text per language of :data:`LANGS`::

    ART6_NO_LEGAL_BASIS:          # rules.yaml
      title:
        en: No valid legal basis (Art. 6)
        fr: Aucune base légale valide (art. 6)

The key of a leaf is the namespace and the path to it, joined by dots:
``"rules.ART6_NO_LEGAL_BASIS.title"``. The catalogue is read once, checked whole (every
leaf has every language, non-empty), and is immutable.

Examples
--------
>>> text("rules.ART6_NO_LEGAL_BASIS.title", "fr")
'Aucune base légale valide (art. 6)'
>>> texts("rules.ART6_NO_LEGAL_BASIS.title")["en"]
'No valid legal basis (Art. 6)'
>>> "rules.ART6_NO_LEGAL_BASIS" in entries("rules")
True
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from rgpd_risk.formatting import LANGS, check_lang

__all__ = ["LANGS", "CatalogueError", "text", "texts", "has_text", "keys", "entries",
           "catalogue", "namespaces"]

#: Folder of the catalogue files (``<namespace>.yaml``), inside the package data.
TEXTS_DIR: Path = Path(__file__).resolve().parent / "data" / "texts"


class CatalogueError(LookupError):
    """A key is missing from the text catalogue, or a catalogue file is malformed."""


def _is_leaf(node: Any) -> bool:
    return (isinstance(node, Mapping) and bool(node) and set(node) <= set(LANGS)
            and not any(isinstance(v, Mapping) for v in node.values()))


def _flatten(prefix: str, node: Any, out: dict[str, Mapping[str, str]], where: str) -> None:
    if _is_leaf(node):
        missing = [lang for lang in LANGS if not isinstance(node.get(lang), str)
                   or not node[lang].strip()]
        if missing:
            raise CatalogueError(f"{where}: {prefix!r} lacks a text in {', '.join(missing)}")
        out[prefix] = MappingProxyType({lang: node[lang] for lang in LANGS})
        return
    if not isinstance(node, Mapping) or not node:
        raise CatalogueError(f"{where}: {prefix!r} is neither texts {{{', '.join(LANGS)}}} "
                             f"nor a mapping of entries")
    for k, v in node.items():
        _flatten(f"{prefix}.{k}", v, out, where)


@lru_cache(maxsize=1)
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """Every text, by key: ``{"rules.ART6_NO_LEGAL_BASIS.title": {"fr": …, "en": …}, …}``.

    Read once from the package data (read-only mappings).

    Raises
    ------
    CatalogueError
        A file is not a mapping, or an entry lacks a language (the message names the file
        and the key).
    """
    out: dict[str, Mapping[str, str]] = {}
    for f in sorted(TEXTS_DIR.glob("*.yaml")):
        namespace = f.stem
        where = f"rgpd_risk/data/texts/{f.name}"
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            raise CatalogueError(f"{where}: not valid YAML ({e})") from None
        _flatten(namespace, data, out, where)
    return MappingProxyType(out)


def namespaces() -> tuple[str, ...]:
    """Namespaces of the catalogue (one per file), sorted."""
    return tuple(sorted({k.split(".", 1)[0] for k in catalogue()}))


def has_text(key: str) -> bool:
    """Whether ``key`` is a leaf of the catalogue."""
    return key in catalogue()


def texts(key: str) -> Mapping[str, str]:
    """Both languages of one key: ``{"fr": …, "en": …}``.

    Raises
    ------
    CatalogueError
        The key is not in the catalogue (the message says which file it belongs in).
    """
    try:
        return catalogue()[key]
    except KeyError:
        ns = key.split(".", 1)[0]
        raise CatalogueError(f"no text {key!r} in the catalogue; add it to "
                             f"rgpd_risk/data/texts/{ns}.yaml with fr and en") from None


def text(key: str, lang: str) -> str:
    """The text of ``key`` in ``lang`` (``"fr"`` or ``"en"``)."""
    return texts(key)[check_lang(lang)]


def keys(prefix: str) -> tuple[str, ...]:
    """Leaf keys under ``prefix`` (a namespace or an entry), in file order."""
    p = prefix + "."
    return tuple(k for k in catalogue() if k.startswith(p))


def entries(namespace: str) -> tuple[str, ...]:
    """First-level entries of a namespace, e.g. ``"rules.ART6_NO_LEGAL_BASIS"``, in file
    order (for rules: one entry per rule code)."""
    seen: dict[str, None] = {}
    for k in keys(namespace):
        seen[".".join(k.split(".")[:2])] = None
    return tuple(seen)
