"""Fixtures for the discovery tests: small files with planted personal values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from rgpd_risk.discovery.detectors import profile_column, shape_stats

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "pii_samples"

#: Planted raw values: none of them may appear in any output of the scanner.
PLANTED = {
    "email": ["jean.dupont@exemple.fr", "marie.curie@laboratoire.org", "zoe.martin@mail.com",
              "paul.durand@societe.fr"],
    "nom": ["Dupont", "Curie", "Martin", "Durand"],
    "prenom": ["Jean", "Marie", "Zoé", "Paul"],
    "telephone": ["06 12 34 56 78", "+33 1 42 68 53 00", "07 98 76 54 32", "01 45 67 89 12"],
    "iban": ["FR7630006000011234567890189", "DE89370400440532013000",
             "GB29NWBK60161331926819", "FR1420041010050500013M02606"],
    "nir": ["1 84 12 76 451 089 46", "2 91 05 13 055 123 73", "185057800608491",
            "297022A12345659"],
    "carte": ["4970 1012 3456 7893", "5555 5555 5555 4444", "4111 1111 1111 1111",
              "3782 822463 10005"],
    "ip": ["192.168.10.25", "83.204.17.3", "2001:db8::ff00:42:8329", "10.0.0.7"],
    "diagnostic": ["Diabète de type 2", "Asthme sévère", "Hypertension artérielle",
                   "Dépression"],
}


def _fix_nirs(values: list[str]) -> list[str]:
    from stdnum.fr import nir

    out = []
    for v in values:
        compact = v.replace(" ", "")
        body = compact[:13]
        num = int(body.replace("2A", "19").replace("2B", "18"))
        out.append(body + f"{97 - num % 97:02d}")
    assert all(nir.is_valid(x) for x in out)
    return out


PLANTED["nir"] = _fix_nirs(PLANTED["nir"])


def planted_frame(repeat: int = 10) -> pl.DataFrame:
    """A frame with the planted values repeated (plus an id and an amount)."""
    data = {k: v * repeat for k, v in PLANTED.items()}
    n = len(next(iter(data.values())))
    data["id"] = [str(i) for i in range(n)]
    data["montant"] = [f"{(i * 37) % 500}.50" for i in range(n)]
    return pl.DataFrame(data)


@pytest.fixture
def planted() -> pl.DataFrame:
    return planted_frame()


@pytest.fixture
def planted_csv(tmp_path: Path, planted: pl.DataFrame) -> Path:
    path = tmp_path / "clients.csv"
    planted.write_csv(path, separator=";")
    return path


def raw_values() -> list[str]:
    """Every planted raw value (those of 6+ characters, so short names are covered by
    the longer ones they appear in)."""
    return [v for vals in PLANTED.values() for v in vals]


def column_features(values: list, header: str = "", **extra: float) -> dict[str, float]:
    """What :func:`rgpd_risk.discovery.classifier.decide` reads of a column: the detectors'
    profile and the shape statistics of ``values`` under ``header`` (and ``extra`` ones)."""
    series = pl.Series(header or "x", values)
    return {**profile_column(series, header), **shape_stats(series), **extra}


def leaning(classes: list[str], entity: str, top: float, rest: float = 0.05) -> np.ndarray:
    """Forest probabilities over ``classes`` that favour ``entity`` (``top`` against ``rest``
    for the others), normalised."""
    proba = np.full(len(classes), rest)
    proba[classes.index(entity)] = top
    return proba / proba.sum()
