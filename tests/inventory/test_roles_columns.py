"""Loader side of issue #12: the role and transfer-check columns, their French words, the
notes saying how many rows took the default role and DPF status."""

from __future__ import annotations

import polars as pl
import pytest

from rgpd_risk import load_inventory
from rgpd_risk.inventory.issues import InventoryError
from rgpd_risk.inventory.schema import ROLE_WORDS, ROLES


def _load(**cols):
    base = {"dataset_id": ["a", "b", "c"], "name": ["A", "B", "C"],
            "Catégories de données": ["Coordonnées", "Coordonnées", "Coordonnées"]}
    return load_inventory(pl.DataFrame({**base, **cols}))


def test_french_role_words_resolve():
    inv = _load(**{"Rôle de l'organisme": ["Sous-traitant", "Responsable conjoint", "responsable de traitement"]})
    assert inv.frame["role"].to_list() == ["processor", "joint_controller", "controller"]
    assert set(ROLE_WORDS.values()) == set(ROLES)
    assert not any(n.startswith("role:") for n in inv.notes)


def test_missing_role_defaults_to_controller_and_is_reported():
    inv = _load(**{"Rôle": ["Sous-traitant", None, ""]})
    assert inv.frame["role"].to_list() == ["processor", "controller", "controller"]
    assert "role: 2 of 3 row(s) without a role, taken as controller" in " ".join(inv.notes)
    assert ("role", 2) in inv.defaults_applied


def test_unknown_role_is_an_error_naming_row_and_column():
    with pytest.raises(InventoryError) as e:
        _load(role=["controller", "vendor", "processor"])
    msg = str(e.value)
    assert "role" in msg and "vendor" in msg and "sous-traitant" in msg


def test_us_rows_without_dpf_status_are_counted():
    inv = _load(**{"Pays hors UE": ["US", "Inde", "États-Unis"], "Certifié DPF": ["Oui", None, None]})
    assert inv.frame["dpf_certified"].to_list() == [True, False, False]
    assert ("dpf_certified: 1 row(s) with a US transfer and no DPF status, taken as not certified"
            in " ".join(inv.notes))
    none = _load(**{"Pays hors UE": ["US", "US", "Inde"]})
    assert "dpf_certified: 2 row(s)" in " ".join(none.notes)


def test_sub_processor_names_keep_their_commas():
    inv = _load(**{"Sous-traitants ultérieurs": ["ChatFlow Private, Ltd | AtlasCall SARL", None, ""]})
    assert inv.frame["sub_processors"].to_list() == [["ChatFlow Private, Ltd", "AtlasCall SARL"], [], []]
