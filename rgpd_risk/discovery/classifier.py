"""The column classifier: fuses header and value features into one entity per column.

The model is a scikit-learn random forest trained by ``tools/train_discovery.py`` on
generated columns and shipped as ``rgpd_risk/data/discovery_model.pkl``. A few
high-precision detectors (checksums, e-mail syntax) may overrule it afterwards, see
:func:`decide`.
"""

from __future__ import annotations

import lzma
import pickle
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Final

import numpy as np

from rgpd_risk.discovery.lexicon import DATA_DIR

MODEL_FILE: Final[str] = "discovery_model.pkl"


@dataclass
class ColumnModel:
    """A fitted estimator and the feature order it expects."""

    estimator: Any
    feature_names: tuple[str, ...]
    sklearn_version: str = field(default_factory=lambda: __import__("sklearn").__version__)

    def predict_proba(self, rows: list[dict[str, float]]) -> tuple[list[str], np.ndarray]:
        """Return the class names and the probability matrix for feature dicts."""
        X = np.asarray([[r[k] for k in self.feature_names] for r in rows], dtype=np.float64)
        return [str(c) for c in self.estimator.classes_], self.estimator.predict_proba(X)


class ModelUnavailableError(RuntimeError):
    """The shipped model cannot be loaded (missing file or incompatible scikit-learn)."""


def open_model(path: Path) -> IO[bytes]:
    """Open the model artefact for reading: an xz-compressed pickle (what ``train`` writes,
    to keep the shipped file small) or a plain one."""

    with open(path, "rb") as fh:
        magic = fh.read(6)
    return lzma.open(path, "rb") if magic == b"\xfd7zXZ\x00" else open(path, "rb")


@lru_cache(maxsize=1)
def load_model() -> ColumnModel:
    """Load the shipped classifier.

    Raises
    ------
    ModelUnavailableError
        If the artefact is missing; rebuild it with ``python tools/train_discovery.py``.

    Examples
    --------
    >>> model = load_model()
    >>> "email" in model.estimator.classes_
    True
    """
    path = DATA_DIR / MODEL_FILE
    if not path.exists():
        raise ModelUnavailableError(f"{path} is missing: run `python tools/train_discovery.py` to rebuild it")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # InconsistentVersionWarning is checked just below
        with open_model(path) as fh:
            model = pickle.load(fh)  # noqa: S301 - our own artefact, shipped in the package
    import sklearn

    if model.sklearn_version.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        warnings.warn(
            f"discovery model trained with scikit-learn {model.sklearn_version}, "
            f"running {sklearn.__version__}; retrain with "
            "`python tools/train_discovery.py` if predictions look wrong",
            stacklevel=2,
        )
    return model


#: High-precision detectors that overrule the classifier: (features summed, threshold,
#: entity). Checksums and strict syntaxes almost never match by chance at these shares.
OVERRIDES: Final[tuple[tuple[tuple[str, ...], float, str], ...]] = (
    (("email",), 0.9, "email"),
    (("iban_valid", "rib_valid"), 0.8, "iban"),
    (("nir_valid",), 0.8, "nir"),
    (("card_valid",), 0.8, "credit_card"),
    (("ipv4", "ipv6"), 0.9, "ip_address"),
)


#: Entities the classifier may only report when enough values pass their checksum.
CHECKSUM_REQUIRED: Final[dict[str, tuple[str, ...]]] = {"iban": ("iban_valid", "rib_valid")}
CHECKSUM_MIN_SHARE: Final[float] = 0.3


#: Modelling choice: the class a header names has its probability multiplied by
#: ``1 + HEADER_WEIGHT * strength`` (strength 1 or 0.5) before renormalising; checked on
#: held-out synthetic columns, see ``tests/discovery/test_classifier.py``.
HEADER_WEIGHT: Final[float] = 2.0


def _header_prior(classes: list[str], proba: np.ndarray, feats: dict[str, float]) -> np.ndarray:
    hints = [
        (k[len("header_") :], v) for k, v in feats.items() if k.startswith("header_") and k != "header_none" and v > 0
    ]
    if not hints:
        return proba
    entity, strength = max(hints, key=lambda kv: kv[1])
    entity = {"siren_siret": "identifier"}.get(entity, entity)
    if entity not in classes:
        return proba
    out = proba.copy()
    out[classes.index(entity)] *= 1.0 + HEADER_WEIGHT * strength
    return out / out.sum()


def decide(classes: list[str], proba: np.ndarray, feats: dict[str, float]) -> tuple[str, float]:
    """Turn classifier probabilities and detector shares into one entity and a confidence.

    Examples
    --------
    >>> decide(["email", "url"], np.array([0.3, 0.7]), {"email": 0.95, "iban_valid": 0,
    ...        "rib_valid": 0, "nir_valid": 0, "card_valid": 0, "ipv4": 0, "ipv6": 0})
    ('email', 0.95)
    """
    proba = _header_prior(classes, np.asarray(proba, dtype=np.float64), feats)
    for entity, checks in CHECKSUM_REQUIRED.items():
        # an IBAN column whose values almost never pass the IBAN / RIB checksum is some
        # other code printed in groups of letters and digits
        if entity in classes and sum(feats.get(c, 0.0) for c in checks) < CHECKSUM_MIN_SHARE:
            proba = proba.copy()
            proba[classes.index(entity)] = 0.0
    best = int(np.argmax(proba))
    entity, confidence = classes[best], float(proba[best])
    for names, threshold, forced in OVERRIDES:
        share = sum(feats.get(n, 0.0) for n in names)
        if share >= threshold and entity != forced:
            entity, confidence = forced, max(confidence, min(1.0, share))
            break
    if entity == "national_id" and feats.get("nir_valid", 0.0) >= 0.5:
        entity = "nir"
    # French company numbers: the SIREN / SIRET checksum under a header that names them, or
    # 14-digit SIRETs alone (a random 14-digit number passes the checksum once in ten)
    siren_share = max(feats.get("siren_valid", 0.0), feats.get("siret_valid", 0.0))
    if entity not in {"credit_card", "iban", "email", "nir"} and (
        feats.get("header_siren_siret", 0.0) > 0 and siren_share >= 0.8 or feats.get("siret_valid", 0.0) >= 0.9
    ):
        entity = "siren_siret"
    return entity, round(confidence, 4)
