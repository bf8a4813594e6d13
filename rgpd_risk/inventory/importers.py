"""Importers for third-party register formats: Fides data maps, UseGalaxy YAML, CNIL register.

Each importer turns its format into a :class:`~rgpd_risk.inventory.readers.RawTable` with
canonical column names; the common :class:`~rgpd_risk.inventory.normalise.Normaliser`
then validates it like any other file. Whatever an importer infers from free text (a data
category named in a sentence, a security measure described in prose) is reported as a
warning with the text it came from, never done silently.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import polars as pl

import rgpd_risk.taxonomy as taxonomy
from rgpd_risk.inventory.issues import InventoryError, Issue
from rgpd_risk.inventory.readers import RawTable, table_from_rows

# --------------------------------------------------------------------------- free text


def infer_keys(text: str | None, vocabulary: str) -> list[str]:
    """Vocabulary keys whose label or synonym appears as whole words in a sentence.

    Used only for formats whose fields are prose (UseGalaxy, Fides practices, CNIL
    fiches); callers report what was inferred.

    Examples
    --------
    >>> infer_keys("Email address of UseGalaxy.eu users", "category")
    ['contact']
    >>> infer_keys("Postgresql DB with highly restricted and audited access", "security")
    ['logging']
    """
    if not text:
        return []
    cleaned = re.sub(r"[^\w\s.'’-]", " ", str(text))
    norm = f" {taxonomy.normalise(cleaned)} "
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    phrases = sorted(taxonomy.lookup_table(vocabulary).iter_rows(), key=lambda r: -len(r[0]))
    for phrase, key in phrases:  # longest first: "ip address" wins over "address"
        if len(phrase) < 3 or phrase in ("autres", "autre", "other", "public", "user"):
            continue
        for variant in (phrase, f"{phrase}s"):
            pos = norm.find(f" {variant} ")
            span = (pos, pos + len(variant) + 1)
            if pos >= 0 and not any(a < span[1] and span[0] < b for a, b in taken):
                taken.append(span)
                if key not in (k for _, k in found):
                    found.append((pos, key))
                break
    return [k for _, k in sorted(found)]


_EXTRA_CATEGORY_WORDS = {
    "email": "contact",
    "e-mail": "contact",
    "name": "identity",
    "ip": "connection",
    "institution": "professional",
    "job": "other",
    "dataset": "other",
}


def _categories_from_prose(text: str) -> list[str]:
    keys = infer_keys(text, "category")
    norm = taxonomy.normalise(text)
    for word, key in _EXTRA_CATEGORY_WORDS.items():
        if re.search(rf"\b{re.escape(word)}s?\b", norm) and key not in keys:
            keys.append(key)
    return keys


# --------------------------------------------------------------------------- Fides

FIDES_USED = {
    "fides_key",
    "system_name",
    "data_uses",
    "declaration_name",
    "description",
    "data_categories",
    "data_use_undeclared_data_categories",
    "data_subjects",
    "legal_basis_for_processing",
    "retention_period",
    "does_international_transfers",
    "third_parties",
    "data_shared_with_third_parties",
    "data_security_practices",
    "impact_assessment_location",
    "uses_profiling",
    "privacy_policy",
    "processes_special_category_data",
    "special_category_legal_basis",
    "legal_basis_for_transfers",
    "processes_personal_data",
}

FIDES_DAYS_PER_MONTH = 365.25 / 12
"""Fides records ``retention_period`` in days; converted to months at 30.4375 days a month."""


def is_fides(document: object) -> bool:
    """Whether a JSON document is a Fides data-map response (``{"items": [{"fides_key": …}]}``)."""
    return (
        isinstance(document, dict)
        and isinstance(document.get("items"), list)
        and any(isinstance(i, dict) and "fides_key" in i for i in document["items"])
    )


def fides_table(path: Path, document: dict) -> RawTable:
    """Fides data map → raw table: one row per system × data use.

    Data categories are the union of the declared ``data_categories`` and the
    ``data_use_undeclared_data_categories`` Fides detected for the use (a warning says
    so); fideslang keys go through ``rgpd_risk/data/fideslang_map.csv``, where non-personal
    ``system.*`` keys are dropped *with a note*.
    """
    mapping = {k: c for k, c in taxonomy.fideslang_mapping().select("fides_key", "category").iter_rows()}
    items = document["items"]
    raw = RawTable(path, "fides", [], [], [])
    raw.notes.append(f"read as a Fides data map: {len(items)} system × data-use rows")
    extra = sorted({k for item in items for k in item} - FIDES_USED)
    if extra:
        raw.notes.append(f"{len(extra)} Fides field(s) not used by the risk model were ignored: {', '.join(extra)}")
    ids: Counter[str] = Counter()
    for n, item in enumerate(items, start=1):
        declared = [k for k in (item.get("data_categories") or [])]
        undeclared = [k for k in (item.get("data_use_undeclared_data_categories") or []) if k not in declared]
        cats: list[str] = []
        for key in declared + undeclared:
            if key not in mapping:
                raw.issues.append(
                    Issue.error(
                        path,
                        n,
                        "data_categories",
                        key,
                        "unknown fideslang key",
                        "a key of the fideslang data-category taxonomy",
                    )
                )
            elif mapping[key] is None:
                raw.notes.append(f"item {n}: fideslang key {key} is system data, not personal data; not counted")
            elif mapping[key] not in cats:
                cats.append(mapping[key])
        if undeclared:
            raw.issues.append(
                Issue.warning(
                    path,
                    n,
                    "data_use_undeclared_data_categories",
                    ", ".join(undeclared),
                    "categories detected by Fides but not declared for this data use were added",
                )
            )
        base = ".".join(str(item[k]) for k in ("fides_key", "data_uses", "declaration_name") if item.get(k))
        ids[base] += 1
        ident = base if ids[base] == 1 else f"{base}#{ids[base]}"
        if ids[base] > 1:
            raw.issues.append(
                Issue.warning(path, n, "dataset_id", base, f"system × data use repeated; this row is named {ident}")
            )
        retention = item.get("retention_period")
        months = None
        if retention not in (None, ""):
            try:
                months = float(retention) / FIDES_DAYS_PER_MONTH
            except ValueError:
                raw.issues.append(
                    Issue.warning(path, n, "retention_period", retention, "not a number of days; kept as text")
                )
        practices = item.get("data_security_practices") or ""
        security = infer_keys(practices, "security")
        if practices:
            raw.issues.append(
                Issue.warning(
                    path,
                    n,
                    "data_security_practices",
                    practices,
                    f"security measures inferred from prose: {security or 'none'}",
                )
            )
        if item.get("does_international_transfers"):
            raw.issues.append(
                Issue.warning(
                    path,
                    n,
                    "does_international_transfers",
                    True,
                    "international transfers declared without countries",
                    "the destination countries",
                )
            )
        if item.get("processes_special_category_data") and not any(
            c in taxonomy.categories().filter(pl.col("art9"))["key"].to_list() for c in cats
        ):
            raw.issues.append(
                Issue.warning(
                    path,
                    n,
                    "processes_special_category_data",
                    True,
                    "special-category processing declared but no Art. 9 category listed",
                )
            )
        record = {
            "dataset_id": ident,
            "name": " — ".join(
                str(x)
                for x in (
                    item.get("system_name") or item.get("fides_key"),
                    item.get("declaration_name") or item.get("data_uses"),
                )
                if x
            ),
            "purpose": item.get("data_uses"),
            "legal_basis": item.get("legal_basis_for_processing"),
            "data_categories": cats,
            "data_subjects": list(item.get("data_subjects") or []),
            "retention_text": None if retention in (None, "") else f"{retention} days",
            "retention_months": months,
            "retention_event": None if months is None else "collection",
            "retention_status": "missing"
            if retention in (None, "")
            else ("parsed" if months is not None else "unparsed"),
            "recipients": list(item.get("third_parties") or [])
            if isinstance(item.get("third_parties"), list)
            else ([item["third_parties"]] if item.get("third_parties") else []),
            "security_measures": security,
            "dpia_done": bool(item.get("impact_assessment_location")),
            "profiling": bool(item.get("uses_profiling")),
            "privacy_notice": bool(item.get("privacy_policy")),
            "art9_condition": item.get("special_category_legal_basis") or None,
            "system": item.get("system_name"),
        }
        raw.records.append(record)
        raw.rows.append(n)
    raw.headers = list(raw.records[0]) if raw.records else []
    return raw


# --------------------------------------------------------------------------- UseGalaxy


def is_usegalaxy(document: object) -> bool:
    """Whether a YAML document is in the UseGalaxy ``{meta: {headers}, data: [...]}`` layout."""
    return isinstance(document, dict) and isinstance(document.get("data"), list) and "meta" in document


def usegalaxy_table(path: Path, document: dict) -> RawTable:
    """UseGalaxy register (``dpa_register.yml``) or data inventory (``pii.yml``) → raw table.

    Categories and security measures are written in prose there; what is inferred from
    which sentence is reported as a warning. Rows marked ``pd: false`` (not personal data)
    are kept with no category and a warning, so nothing disappears.
    """
    raw = RawTable(path, "usegalaxy", [], [], [])
    items = document["data"]
    raw.notes.append(f"read as a UseGalaxy YAML register: {len(items)} rows")
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raw.issues.append(Issue.error(path, n, None, item, "not a mapping", "key: value fields"))
            continue
        label = str(item.get("types") or item.get("data") or f"row {n}")
        cats = _categories_from_prose(label)
        if item.get("pd") is False:
            raw.issues.append(Issue.warning(path, n, "pd", False, "marked as not personal data; kept with no category"))
            cats = []
        elif item.get("spd"):
            raw.issues.append(
                Issue.warning(
                    path, n, "spd", True, "sensitive data declared without saying which; recorded as 'other' — check it"
                )
            )
            cats.append("other")
        if cats:
            raw.issues.append(
                Issue.warning(
                    path,
                    n,
                    "data" if "data" in item else "types",
                    label,
                    f"data categories inferred from the description: {', '.join(cats)}",
                )
            )
        security_text = str(item.get("security") or item.get("handling") or "")
        security = infer_keys(security_text, "security")
        if (
            re.search(r"restricted|access controlled|only .* administrators", security_text, re.I)
            and "access_control" not in security
        ):
            security.append("access_control")
        if security:
            raw.issues.append(
                Issue.warning(
                    path,
                    n,
                    "security",
                    security_text.strip()[:80],
                    f"security measures inferred from prose: {', '.join(security)}",
                )
            )
        access = item.get("access")
        exported = item.get("exported")
        if exported:
            raw.issues.append(
                Issue.warning(path, n, "exported", exported, "data sent outside the EU without naming the countries")
            )
        consent = item.get("consent")
        record = {
            "dataset_id": f"{path.stem}-{n}",
            "name": label,
            "purpose": item.get("purpose") or item.get("reason"),
            "data_categories": cats,
            "data_subjects": [s.strip() for s in str(item["categories"]).split(",")] if item.get("categories") else [],
            "retention_text": item.get("storage_period") or item.get("disposal"),
            "recipients": access
            if isinstance(access, list)
            else ([item["recipients"]] if item.get("recipients") else []),
            "access_count": len(access) if isinstance(access, list) else None,
            "security_measures": security,
            "legal_basis": "consent" if consent is True else None,
            "consent_proof": consent if isinstance(consent, bool) else None,
            "min_subject_age": 13 if item.get("over_13") is True else None,
            "system": item.get("source"),
        }
        raw.records.append(record)
        raw.rows.append(n)
    raw.headers = sorted(
        {k for r in raw.records for k in r}, key=lambda k: list(raw.records[0]).index(k) if k in raw.records[0] else 99
    )
    return raw


# --------------------------------------------------------------------------- CNIL register

CNIL_LIST_HEADER = (
    "nom du traitement",
    "n° / ref",
    "date de creation de la fiche",
    "derniere mise a jour de la fiche",
    "finalite du traitement",
    "donnees sensibles ? (oui/non)",
)
"""Header of the list sheet of the CNIL ``registre-traitement-simplifie.ods`` (methodology §7)."""

_FICHE_FIELDS = {
    "nom du traitement": "name",
    "nom / sigle": "name",
    "n° / ref": "dataset_id",
    "ref": "dataset_id",
    "finalite principale": "purpose",
    "finalite(s) du traitement": "purpose",
    "finalite du traitement": "purpose",
    "finalites": "purpose",
    "base legale": "legal_basis",
    "logiciels": "system",
    "logiciel": "system",
    "categories de personnes concernees": "data_subjects",
    "personnes concernees": "data_subjects",
    "destinataires": "recipients",
    "categories de destinataires": "recipients",
    "sous-traitants": "processors",
    "derniere mise a jour de la fiche": "last_reviewed",
    "date de mise a jour": "last_reviewed",
    "pays": "third_countries",
    "type de garanties": "transfer_safeguard",
    "garanties": "transfer_safeguard",
}
_CNIL_ROW_TO_CATEGORY = {
    "etat civil": "identity",
    "vie personnelle": "behaviour",
    "vie professionnelle": "professional",
    "informations d'ordre economique et financier": "financial",
    "donnees de connexion": "connection",
    "donnees de localisation": "location",
    "numero de securite sociale": "nir",
    "nir": "nir",
}
_CNIL_SECURITY = {
    "controle d'acces": "access_control",
    "tracabilite": "logging",
    "protection des logiciels": "software_protection",
    "sauvegarde": "backup",
    "chiffrement": "encryption_at_rest",
    "controle des sous-traitants": "processor_control",
}


def _norm_cell(value: object) -> str:
    return taxonomy.normalise(str(value)) if value not in (None, "") else ""


def is_cnil_register(sheets: dict[str, list[list[object]]]) -> bool:
    """Whether a workbook has the CNIL simplified register's list sheet."""
    for rows in sheets.values():
        for row in rows[:10]:
            cells = [_norm_cell(c) for c in row]
            if cells[: len(CNIL_LIST_HEADER)] and sum(h in cells for h in CNIL_LIST_HEADER) >= 4:
                return True
    return False


def _parse_fiche(rows: list[list[object]]) -> tuple[dict, list[str]]:
    """Read one fiche sheet laid out as label / value rows (and category rows)."""
    record: dict = {"data_categories": [], "security_measures": []}
    notes: list[str] = []
    retention: list[str] = []
    for row in rows:
        cells = [c for c in row]
        labels = [_norm_cell(c) for c in cells]
        if not any(labels):
            continue
        head = next((i for i, v in enumerate(labels) if v), None)
        label = labels[head]
        values = [c for c in cells[head + 1 :] if c not in (None, "")]
        value = values[0] if values else None
        key = next((f for lbl, f in _FICHE_FIELDS.items() if label.rstrip(" :") == lbl), None)
        if key and value is not None:
            record[key] = value
            continue
        category = next((c for lbl, c in _CNIL_ROW_TO_CATEGORY.items() if label.startswith(lbl)), None)
        if category is None:
            category = taxonomy.resolve(pl.Series([str(cells[head])]), "category")[0]
            if (
                category is not None
                and not taxonomy.categories()
                .filter((pl.col("key") == category) & (pl.col("art9") | pl.col("art10")))
                .height
            ):
                category = None
        if category is not None:
            answer = _norm_cell(value)
            if value is not None and answer not in ("non", "no", "0"):
                if category not in record["data_categories"]:
                    record["data_categories"].append(category)
                if len(values) > 1:
                    retention.append(f"{values[1]}")
            continue
        sec = next((s for lbl, s in _CNIL_SECURITY.items() if lbl in label), None)
        if sec and value is not None and _norm_cell(value) not in ("non", "no"):
            record["security_measures"].append(sec)
    if retention:
        distinct = list(dict.fromkeys(retention))
        record["retention_text"] = distinct[0]
        if len(distinct) > 1:
            notes.append(f"several retention periods per category ({'; '.join(distinct)}); the first is used")
    return record, notes


def cnil_table(path: Path, sheets: dict[str, list[list[object]]]) -> RawTable:
    """CNIL simplified register → raw table (the list sheet, completed by each fiche sheet)."""
    list_sheet, header_at = None, 0
    for name, rows in sheets.items():
        for i, row in enumerate(rows[:10]):
            if sum(h in [_norm_cell(c) for c in row] for h in CNIL_LIST_HEADER) >= 4:
                list_sheet, header_at = name, i
                break
        if list_sheet:
            break
    assert list_sheet is not None
    table = table_from_rows(path, sheets[list_sheet][header_at:], "cnil", list_sheet)
    table.rows = [r + header_at for r in table.rows]  # rows as the spreadsheet numbers them
    fiches = {name: rows for name, rows in sheets.items() if name != list_sheet}
    by_ref = {}
    for name, rows in fiches.items():
        record, notes = _parse_fiche(rows)
        table.notes.extend(f"fiche {name!r}: {n}" for n in notes)
        by_ref[taxonomy.normalise(str(record.get("dataset_id") or record.get("name") or name))] = record
    header_map = {h: taxonomy.normalise(h) for h in table.headers}
    records = []
    for row, rec in zip(table.rows, table.records, strict=True):
        flat = {header_map[k]: v for k, v in rec.items()}
        ref = flat.get("n° / ref")
        name = flat.get("nom du traitement")
        fiche = by_ref.get(taxonomy.normalise(str(ref))) or by_ref.get(taxonomy.normalise(str(name))) or {}
        if not fiche:
            table.issues.append(
                Issue.warning(
                    path,
                    row,
                    "Nom du traitement",
                    name,
                    "no fiche sheet found for this processing; only the list fields are known",
                )
            )
        sensitive = _norm_cell(flat.get("donnees sensibles ? (oui/non)"))
        out = {
            "dataset_id": ref,
            "name": name,
            "purpose": flat.get("finalite du traitement"),
            "last_reviewed": flat.get("derniere mise a jour de la fiche"),
            **{k: v for k, v in fiche.items() if k not in ("dataset_id", "name")},
        }
        cats = list(out.get("data_categories") or [])
        art9 = set(taxonomy.categories().filter(pl.col("art9") | pl.col("art10"))["key"].to_list())
        if sensitive == "oui" and not art9.intersection(cats):
            table.issues.append(
                Issue.warning(
                    path,
                    row,
                    "Données sensibles ? (Oui/non)",
                    "Oui",
                    "sensitive data declared but the fiche names none; recorded as 'other' — check it",
                )
            )
            cats.append("other")
        out["data_categories"] = cats
        records.append(out)
    table.records = records
    table.headers = sorted({k for r in records for k in r}, key=str)
    return table


def fail_unknown_document(path: Path, what: str) -> InventoryError:
    """The error for a JSON / YAML document of no known layout."""
    return InventoryError(
        [
            Issue.error(
                path,
                None,
                None,
                None,
                f"unrecognised {what} layout",
                "a list of datasets, {'datasets': [...]}, a Fides data map or a UseGalaxy register",
            )
        ]
    )
