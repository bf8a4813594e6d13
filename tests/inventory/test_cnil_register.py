"""The CNIL simplified register layout (methodology §7): list sheet + one fiche sheet per processing."""

from __future__ import annotations

import pytest

from rgpd_risk import load_inventory

LIST_HEADER = [
    "Nom du traitement",
    "N° / RÉF",
    "Date de création de la fiche",
    "Dernière mise à jour de la fiche",
    "Finalité du traitement",
    "Données sensibles ? (Oui/non)",
]


def _fiche(ref: str, name: str, *, health: bool) -> list[list[object]]:
    return [
        ["Fiche de registre"],
        ["Nom / sigle", name],
        ["N° / REF", ref],
        ["Finalité(s) du traitement", "Gestion des adhérents"],
        ["Catégories de personnes concernées", "Clients, Salariés"],
        ["Destinataires", "Service gestion"],
        ["Catégories de données personnelles", "Description", "Durée de conservation"],
        ["État civil, identité, données d'identification, images", "Nom, prénom", "5 ans après la fin du contrat"],
        ["Vie personnelle (habitudes de vie, situation familiale…)", None, None],
        ["Informations d'ordre économique et financier", "RIB", "5 ans après la fin du contrat"],
        ["Données de connexion (adresses IP, journaux…)", None, None],
        ["Données de localisation (déplacements, GPS, GSM…)", None, None],
        ["Numéro de sécurité sociale (NIR)", "Non", None],
        ["Données sensibles", "Oui/Non"],
        ["Données de santé", "Oui" if health else "Non"],
        ["Opinions politiques", "Non"],
        ["Mesures de sécurité"],
        ["Contrôle d'accès des utilisateurs", "Oui"],
        ["Mesures de traçabilité", "Oui"],
        ["Chiffrement des données", "Non"],
    ]


@pytest.fixture
def cnil_register(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Liste des traitements"
    ws.append(["Registre des activités de traitement"])
    ws.append(LIST_HEADER)
    ws.append(["Gestion des adhérents", "T-01", "2023-01-10", "2025-06-01", "Gestion des adhérents", "Oui"])
    ws.append(["Paie", "T-02", "2023-01-10", "2025-06-01", "Paie du personnel", "Non"])
    ws.append(["Vidéoprotection", "T-03", "2023-01-10", "2025-06-01", "Sécurité des locaux", "Non"])
    for ref, name, health in (("T-01", "Gestion des adhérents", True), ("T-02", "Paie", False)):
        sheet = wb.create_sheet(ref)
        for row in _fiche(ref, name, health=health):
            sheet.append(row)
    path = tmp_path / "registre-traitement-simplifie.xlsx"
    wb.save(path)
    return path


def test_cnil_register_is_recognised_and_completed_by_fiches(cnil_register):
    inv = load_inventory(cnil_register)
    assert inv.format == "cnil"
    rows = {r["dataset_id"]: r for r in inv.frame.iter_rows(named=True)}
    assert set(rows) == {"T-01", "T-02", "T-03"}
    assert rows["T-01"]["data_categories"] == ["identity", "financial", "health"]
    assert rows["T-02"]["data_categories"] == ["identity", "financial"]
    assert rows["T-01"]["data_subjects"] == ["customers", "employees"]
    assert rows["T-01"]["security_measures"] == ["access_control", "logging"]
    assert (rows["T-01"]["retention_months"], rows["T-01"]["retention_event"]) == (60.0, "end_of_contract")
    assert rows["T-01"]["last_reviewed"].isoformat() == "2025-06-01"


def test_list_row_without_fiche_is_a_warning(cnil_register):
    inv = load_inventory(cnil_register)
    assert any(i.row == 5 and "no fiche sheet" in i.message for i in inv.issues)
    assert inv.frame.filter(inv.frame["dataset_id"] == "T-03")["data_categories"].to_list() == [[]]
