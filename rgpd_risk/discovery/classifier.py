"""The column classifier: fuses header and value features into one entity per column.

The model is a random forest fitted with scikit-learn by ``tools/train_discovery.py`` on
generated columns, then converted to a :class:`CompactForest` (the tree structure and the
class distributions of the leaves only, without scikit-learn's per-node class arrays) and
shipped as ``rgpd_risk/data/discovery_model.pkl``, an xz-compressed pickle of a
:class:`ColumnModel` (about 0.5 MB). The compact forest gives exactly scikit-learn's
``predict_proba``, bit for bit, and needs only numpy at prediction time. A few
high-precision detectors (checksums, e-mail syntax) may overrule it afterwards, see
:func:`decide`.
"""

from __future__ import annotations

import lzma
import pickle
import warnings
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import IO, Any, ClassVar, Final

import numpy as np

from rgpd_risk.discovery.headers import PERSON_ONLY
from rgpd_risk.discovery.lexicon import DATA_DIR

MODEL_FILE: Final[str] = "discovery_model.pkl"


@dataclass(eq=False)
class CompactForest:
    """A fitted random forest classifier in a compact, numpy-only form.

    The nodes of all trees are concatenated, tree after tree, in scikit-learn's node order;
    child indices are local to their tree. Only the leaves carry class distributions, kept
    sparsely: for each leaf (in node order) its non-zero probabilities, as class indices
    and values. :meth:`predict_proba` reproduces scikit-learn's arithmetic exactly.

    Parameters
    ----------
    classes_ : numpy.ndarray
        The class labels, in the order of the probability columns.
    n_features_in_ : int
        The number of features the forest expects.
    tree_starts : numpy.ndarray
        ``int64``, shape ``(n_trees + 1,)``: the first node of each tree, then the node
        count.
    children_left, children_right : numpy.ndarray
        ``int32``, one per node: the children, indexed within the tree; ``-1`` at a leaf.
    feature : numpy.ndarray
        ``int16``, one per node: the feature tested (scikit-learn's ``-2`` at a leaf).
    threshold : numpy.ndarray
        ``float64``, one per node: a sample goes left when its feature, rounded to
        ``float32``, is ``<=`` the threshold.
    missing_go_to_left : numpy.ndarray
        ``bool``, one per node: where a missing (NaN) feature goes.
    leaf_counts : numpy.ndarray
        ``uint16``, one per leaf: how many non-zero probabilities the leaf has.
    leaf_classes : numpy.ndarray
        ``uint16``: class index of each non-zero probability, leaf after leaf.
    leaf_values : numpy.ndarray
        ``float64``: the non-zero probabilities (scikit-learn's ``tree_.value``).
    sklearn_version : str
        The scikit-learn version that fitted the forest (provenance only).

    Examples
    --------
    >>> from sklearn.ensemble import RandomForestClassifier
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [0.9, 0.2]])
    >>> rf = RandomForestClassifier(n_estimators=5, random_state=0).fit(X, ["a", "b", "a", "b"])
    >>> forest = CompactForest.from_sklearn(rf)
    >>> bool(np.array_equal(forest.predict_proba(X), rf.predict_proba(X)))
    True
    >>> [str(c) for c in forest.classes_], forest.n_estimators
    (['a', 'b'], 5)
    """

    #: Bumped when the stored fields change; :func:`load_model` refuses other versions.
    FORMAT_VERSION: ClassVar[int] = 1

    classes_: np.ndarray
    n_features_in_: int
    tree_starts: np.ndarray
    children_left: np.ndarray
    children_right: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    missing_go_to_left: np.ndarray
    leaf_counts: np.ndarray
    leaf_classes: np.ndarray
    leaf_values: np.ndarray
    sklearn_version: str = ""
    format_version: int = FORMAT_VERSION

    @classmethod
    def from_sklearn(cls, estimator: Any) -> CompactForest:
        """Convert a fitted scikit-learn ``RandomForestClassifier`` (single output).

        Parameters
        ----------
        estimator : sklearn.ensemble.RandomForestClassifier
            The fitted forest. Its trees' ``predict_proba`` must be the leaf's
            ``tree_.value`` row, as in scikit-learn >= 1.4 (which stores class fractions).

        Returns
        -------
        CompactForest
            The same forest: :meth:`predict_proba` equals the estimator's exactly.

        Raises
        ------
        ValueError
            If the estimator has several outputs, or more than 65535 classes.
        """
        import sklearn

        if getattr(estimator, "n_outputs_", 1) != 1:
            raise ValueError("CompactForest supports single-output forests only")
        n_classes = len(estimator.classes_)
        if n_classes > np.iinfo(np.uint16).max:
            raise ValueError(f"too many classes for CompactForest: {n_classes}")
        lefts, rights, feats, thresholds, missing, counts, classes, values = ([] for _ in range(8))
        starts = [0]
        for tree in estimator.estimators_:
            t = tree.tree_
            if t.n_outputs != 1 or t.value.shape[2] != n_classes:
                raise ValueError("every tree must have one output and the forest's classes")
            left = np.asarray(t.children_left)
            is_leaf = left == -1
            leaf_value = np.asarray(t.value)[is_leaf, 0, :]
            leaf, cls_ = np.nonzero(leaf_value)  # row-major: leaf after leaf, classes in order
            lefts.append(left.astype(np.int32))
            rights.append(np.asarray(t.children_right).astype(np.int32))
            feats.append(np.asarray(t.feature).astype(np.int16))
            thresholds.append(np.asarray(t.threshold, dtype=np.float64))
            missing.append(np.asarray(t.missing_go_to_left).astype(bool))
            counts.append(np.bincount(leaf, minlength=int(is_leaf.sum())).astype(np.uint16))
            classes.append(cls_.astype(np.uint16))
            values.append(leaf_value[leaf, cls_])
            starts.append(starts[-1] + t.node_count)
        return cls(
            classes_=np.asarray(estimator.classes_),
            n_features_in_=int(estimator.n_features_in_),
            tree_starts=np.asarray(starts, dtype=np.int64),
            children_left=np.concatenate(lefts),
            children_right=np.concatenate(rights),
            feature=np.concatenate(feats),
            threshold=np.concatenate(thresholds),
            missing_go_to_left=np.concatenate(missing),
            leaf_counts=np.concatenate(counts),
            leaf_classes=np.concatenate(classes),
            leaf_values=np.concatenate(values).astype(np.float64),
            sklearn_version=sklearn.__version__,
        )

    @property
    def n_estimators(self) -> int:
        """The number of trees."""
        return len(self.tree_starts) - 1

    @cached_property
    def _tables(self) -> tuple[np.ndarray, ...]:
        """Prediction tables built once: global child indices (``-1`` at leaves), the feature
        of each node (0 at leaves), the leaf row of each node and the dense leaf
        probabilities (leaves x classes)."""
        tree_of = np.repeat(np.arange(self.n_estimators), np.diff(self.tree_starts))
        offset = self.tree_starts[:-1][tree_of]
        is_leaf = self.children_left < 0
        left = np.where(is_leaf, -1, self.children_left.astype(np.int64) + offset)
        right = np.where(is_leaf, -1, self.children_right.astype(np.int64) + offset)
        feature = np.where(is_leaf, 0, self.feature).astype(np.intp)
        leaf_row = np.full(len(is_leaf), -1, dtype=np.int64)
        leaf_row[is_leaf] = np.arange(int(is_leaf.sum()))
        dense = np.zeros((int(is_leaf.sum()), len(self.classes_)), dtype=np.float64)
        dense[np.repeat(np.arange(len(self.leaf_counts)), self.leaf_counts), self.leaf_classes] = self.leaf_values
        return left, right, feature, leaf_row, dense

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_tables", None)  # derived, rebuilt at first prediction
        return state

    def apply(self, X: Any) -> np.ndarray:
        """Return the leaf reached in every tree, as scikit-learn's ``apply``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The samples; rounded to ``float32`` as scikit-learn does.

        Returns
        -------
        numpy.ndarray
            ``int64``, shape ``(n_samples, n_trees)``: node indices within each tree.
        """
        X = self._check(X)
        left, right, feature, _, _ = self._tables
        return (self._leaves(X, left, right, feature) - self.tree_starts[:-1, None]).T

    def predict_proba(self, X: Any) -> np.ndarray:
        """Return the class probabilities, equal bit for bit to scikit-learn's.

        As ``RandomForestClassifier.predict_proba`` (one job): the features are rounded to
        ``float32``; each tree's leaf distribution is added, tree after tree, to a zero
        ``float64`` matrix, which is then divided by the number of trees.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The samples (NaN allowed: a missing feature follows ``missing_go_to_left``).

        Returns
        -------
        numpy.ndarray
            Shape ``(n_samples, n_classes)``, columns in the order of ``classes_``.

        Raises
        ------
        ValueError
            If ``X`` is not two-dimensional with ``n_features_in_`` columns, or holds an
            infinite value (after rounding to ``float32``), as scikit-learn refuses it.
        """
        X = self._check(X)
        left, right, feature, leaf_row, dense = self._tables
        leaves = leaf_row[self._leaves(X, left, right, feature)]
        proba = np.zeros((X.shape[0], len(self.classes_)), dtype=np.float64)
        for tree_leaves in leaves:  # same order of summation as scikit-learn
            proba += dense[tree_leaves]
        proba /= self.n_estimators
        return proba

    def _check(self, X: Any) -> np.ndarray:
        X = np.asarray(X, dtype=np.float32)
        if X.ndim != 2 or X.shape[1] != self.n_features_in_:
            raise ValueError(f"X must have shape (n_samples, {self.n_features_in_}), got {X.shape}")
        if np.isinf(X).any():
            raise ValueError("Input X contains infinity or a value too large for dtype('float32').")
        return X

    def _leaves(self, X: np.ndarray, left: np.ndarray, right: np.ndarray, feature: np.ndarray) -> np.ndarray:
        """Global node index of the leaf reached, shape ``(n_trees, n_samples)``: every
        (tree, sample) pair descends one level per step, those at a leaf drop out."""
        n = X.shape[0]
        node = np.repeat(self.tree_starts[:-1], n)
        sample = np.tile(np.arange(n), self.n_estimators)
        active = np.flatnonzero(left[node] >= 0)
        while active.size:
            at = node[active]
            x = X[sample[active], feature[at]]
            # float32 against float64: numpy compares in float64, as scikit-learn's C code
            go_left = np.where(np.isnan(x), self.missing_go_to_left[at], x <= self.threshold[at])
            node[active] = nxt = np.where(go_left, left[at], right[at])
            active = active[left[nxt] >= 0]
        return node.reshape(self.n_estimators, n)


@dataclass
class ColumnModel:
    """A fitted forest and the feature order it expects.

    Parameters
    ----------
    estimator : CompactForest
        The classifier (anything with ``classes_`` and ``predict_proba(X)``).
    feature_names : tuple of str
        The feature of each column of ``X``.
    sklearn_version : str
        The scikit-learn version that fitted the forest (provenance).
    """

    estimator: Any
    feature_names: tuple[str, ...]
    sklearn_version: str = field(default_factory=lambda: __import__("sklearn").__version__)

    def predict_proba(self, rows: list[dict[str, float]]) -> tuple[list[str], np.ndarray]:
        """Return the class names and the probability matrix for feature dicts.

        Parameters
        ----------
        rows : list of dict
            One dict of features (:data:`detectors.FEATURE_NAMES`) per column.

        Returns
        -------
        tuple of (list of str, numpy.ndarray)
            The classes and the ``(len(rows), n_classes)`` probabilities.
        """
        X = np.asarray([[r[k] for k in self.feature_names] for r in rows], dtype=np.float64)
        X = X.reshape(len(rows), len(self.feature_names))
        return [str(c) for c in self.estimator.classes_], self.estimator.predict_proba(X)


class ModelUnavailableError(RuntimeError):
    """The shipped model cannot be loaded (missing file or old format)."""


def open_model(path: Path) -> IO[bytes]:
    """Open the model artefact for reading: an xz-compressed pickle (what ``train`` writes,
    to keep the shipped file small) or a plain one."""

    with open(path, "rb") as fh:
        magic = fh.read(6)
    return lzma.open(path, "rb") if magic == b"\xfd7zXZ\x00" else open(path, "rb")


def read_model(path: Path) -> ColumnModel:
    """Read a model artefact and check its format.

    Parameters
    ----------
    path : pathlib.Path
        An artefact written by ``tools/train_discovery.py``.

    Returns
    -------
    ColumnModel
        Its estimator is a :class:`CompactForest`.

    Raises
    ------
    ModelUnavailableError
        If the file is missing, unreadable, or in another format (such as the earlier
        pickled scikit-learn forest); rebuild it with ``python tools/train_discovery.py``
        or convert an earlier one with ``python tools/train_discovery.py --convert``.
    """
    rebuild = "run `python tools/train_discovery.py` to rebuild it"
    if not path.exists():
        raise ModelUnavailableError(f"{path} is missing: {rebuild}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # scikit-learn's version warnings, for old files
            with open_model(path) as fh:
                model = pickle.load(fh)  # noqa: S301 - our own artefact, shipped in the package
    except Exception as exc:  # truncated file, or an old one whose classes no longer import
        raise ModelUnavailableError(f"{path} cannot be read ({type(exc).__name__}: {exc}): {rebuild}") from exc
    estimator = getattr(model, "estimator", None)
    if not isinstance(model, ColumnModel) or not isinstance(estimator, CompactForest):
        kind = type(estimator if isinstance(model, ColumnModel) else model).__name__
        raise ModelUnavailableError(
            f"{path} is in an old format (a pickled {kind}, not a CompactForest): {rebuild}, "
            "or convert it with `python tools/train_discovery.py --convert`"
        )
    if estimator.format_version != CompactForest.FORMAT_VERSION:
        raise ModelUnavailableError(
            f"{path} holds CompactForest format {estimator.format_version}, this version reads "
            f"format {CompactForest.FORMAT_VERSION}: {rebuild}"
        )
    return model


@lru_cache(maxsize=1)
def load_model() -> ColumnModel:
    """Load the shipped classifier.

    Returns
    -------
    ColumnModel
        The shipped model, its estimator a :class:`CompactForest` (cached).

    Raises
    ------
    ModelUnavailableError
        If the artefact is missing or in an old format, see :func:`read_model`.

    Examples
    --------
    >>> model = load_model()
    >>> "email" in model.estimator.classes_
    True
    """
    return read_model(DATA_DIR / MODEL_FILE)


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


#: Modelling choice (issue 16, real tables): the special categories and offence data are
#: attributes of a person that a column shows either by its header or by its values. The
#: forest alone, on values that name none of them (0/1 flags, yes/no answers, counts, shares),
#: spreads its probability over these classes and reads survey flags, picture elements or
#: payment options as ethnicity or trade-union membership. Such a class is therefore kept only
#: when the header names it, or at least ``EVIDENCE_MIN_SHARE`` of the values are words of
#: its lexicon (the value features listed here) under a header that names no other class at full
#: strength (a bcrypt "password_hash" is no biometric template); otherwise its probability is 0.
EVIDENCE_REQUIRED: Final[dict[str, tuple[str, ...]]] = {
    "racial_ethnic_origin": ("ethnic_word",),
    "religion": ("religion_word",),
    "political_opinion": ("politics_word",),
    "trade_union": ("union_word",),
    "sexual_orientation": ("orientation_word",),
    "offence": ("offence_word",),
    "health": ("health_term", "blood", "feet_inches"),
    "genetic": ("genetic_code",),
    # a biometric template is a binary blob written out (base64 or hex); a picture's address, a
    # coat of arms or a museum's label is not one
    "biometric": ("base64",),
    # issue 16, real tables: the demographic classes that have a lexicon of their values; a
    # sector, a discipline, a rating or an airline code named by none of their words is not one
    "marital_status": ("marital_word",),
    "nationality": ("nationality_word",),
    "language": ("language_word",),
}
EVIDENCE_MIN_SHARE: Final[float] = 0.3


#: Modelling choice (issue 16, real tables): when a rule rules a class out, this share of its
#: probability goes to "not personal" and the rest is spread over the other classes in proportion.
#: A forest fitted on generated columns that believes in a class the header and values cannot hold
#: is out of its depth on the column, which is half a sign that the column is none of the personal
#: classes; spread wholly over the others (0), a ruled-out company or age turns into a name or a
#: code; given wholly to "not personal" (1), the true class of a column loses to it whenever the
#: forest hesitated. Measured on the 80 real development tables (macro-F1 over personal classes):
#: 0.664 at 0, 0.686 at 0.25, 0.698 at 0.5, 0.667 at 0.75, 0.663 at 1 (benchmarks/RESULTS.md).
RULED_OUT_TO_NOT_PERSONAL: Final[float] = 0.5


def _without(classes: list[str], proba: np.ndarray, entities: list[str]) -> np.ndarray:
    """``proba`` with the ``entities`` set to 0, :data:`RULED_OUT_TO_NOT_PERSONAL` of their
    probability given to "not personal", renormalised (unchanged when that would leave nothing).

    >>> _without(["a", "b", "not_personal"], np.array([0.6, 0.3, 0.1]), ["a"]).round(2).tolist()
    [0.0, 0.43, 0.57]
    """
    out = proba.copy() if entities else proba
    for entity in entities:
        out[classes.index(entity)] = 0.0
    if "not_personal" in classes and "not_personal" not in entities:
        out[classes.index("not_personal")] += RULED_OUT_TO_NOT_PERSONAL * (proba.sum() - out.sum())
    total = out.sum()
    return out / total if total > 0 else proba


def _require_evidence(classes: list[str], proba: np.ndarray, feats: dict[str, float]) -> np.ndarray:
    named = {k.removeprefix("header_") for k, v in feats.items() if k.startswith("header_") and v >= 1.0}
    return _without(classes, proba, [
        entity for entity, value_feats in EVIDENCE_REQUIRED.items()
        if entity in classes and feats.get(f"header_{entity}", 0.0) <= 0
        # values are evidence only under a header that names no other class ("password_hash")
        and (max(feats.get(v, 0.0) for v in value_feats) < EVIDENCE_MIN_SHARE or named - {"none", "not_personal"})])


#: Modelling choice (issue 16, real tables): coordinates and ages are numbers that many
#: other columns resemble (shares and rates in [0, 1], small decimals such as wages, counts,
#: scores, years of experience, 0/1 flags, row numbers). When the shape statistics of
#: :func:`rgpd_risk.discovery.detectors.shape_stats` are among the features, the forest may
#: report these two classes only on the evidence below; otherwise their probability is set to 0.
#:
#: geolocation: a header phrase (latitude, longitude, coordinates, ...) over values that hold
#: decimal numbers (``GEO_MIN_SHARE`` of them), or, without such a header, "lat, lon" pairs
#: in the cells, or coordinate-like values (:func:`coordinate_like`) in a table that has
#: another coordinate-like column, one of the two within [-90, 90] (``coord_pair``, set by
#: :func:`rgpd_risk.discovery.scanner.classify_frame`).
GEO_MIN_SHARE: Final[float] = 0.5
#: Digits after the decimal point that coordinates carry without a header (4: about 10 m).
COORD_MIN_DECIMALS: Final[float] = 4.0
#: age: values written as age bands, or else never a column of at most
#: ``AGE_MAX_FLAG_VALUES`` distinct values (flags, yes/no); beyond that, a header phrase, or
#: whole numbers of people's ages (:func:`age_like`).
AGE_MAX_FLAG_VALUES: Final[int] = 2
#: The oldest age a column of ages holds (Jeanne Calment, the oldest verified, died at 122).
AGE_MAX_YEARS: Final[float] = 122.0
#: Without a header: ages of a table about people are whole numbers in [0, 110] spread over
#: at least ``AGE_MIN_SPAN`` years around an adult median, not consecutive row numbers.
AGE_MIN_SPAN: Final[float] = 10.0
AGE_MEDIAN_RANGE: Final[tuple[float, float]] = (18.0, 80.0)
AGE_MAX_SEQUENTIAL: Final[float] = 0.8


def coordinate_like(st: dict[str, float]) -> bool:
    """Whether shape statistics look like one coordinate without a header: numbers with at
    least ``COORD_MIN_DECIMALS`` decimals within [-180, 180], mostly outside [-1, 1] (a whole
    column of shares or rates is not a place).

    >>> coordinate_like({"num_share": 1.0, "decimals_median": 6.0, "num_min": 45.1, "num_max": 47.0,
    ...                  "unit_share": 0.0})
    True
    >>> coordinate_like({"num_share": 1.0, "decimals_median": 6.0, "num_min": 0.1, "num_max": 0.9,
    ...                  "unit_share": 1.0})
    False
    """
    return (
        st.get("num_share", 0.0) >= 0.9
        and st.get("decimals_median", 0.0) >= COORD_MIN_DECIMALS
        and st.get("unit_share", 1.0) < 0.5
        and max(abs(st.get("num_min", 0.0)), abs(st.get("num_max", 0.0))) <= 180.0
    )


def latitude_like(st: dict[str, float]) -> bool:
    """:func:`coordinate_like` within [-90, 90]."""
    return coordinate_like(st) and max(abs(st.get("num_min", 0.0)), abs(st.get("num_max", 0.0))) <= 90.0


def age_like(feats: dict[str, float]) -> bool:
    """Whether a column without an age header holds people's ages (see :data:`AGE_MIN_SPAN`).

    >>> age_like({"n_distinct": 9.0, "int_valued": 1.0, "num_min": 19.0, "num_max": 57.0,
    ...           "num_median": 34.0, "sequential": 0.23})
    True
    >>> age_like({"n_distinct": 12.0, "int_valued": 1.0, "num_min": 1.0, "num_max": 12.0,
    ...           "num_median": 6.5, "sequential": 1.0})
    False
    """
    lo, hi = AGE_MEDIAN_RANGE
    return (
        feats.get("n_distinct", 0.0) > AGE_MAX_FLAG_VALUES
        and feats.get("int_valued", 0.0) >= 0.95
        and feats.get("num_min", -1.0) >= 0.0
        and feats.get("num_max", 999.0) <= 110.0
        and feats.get("num_max", 0.0) - feats.get("num_min", 0.0) >= AGE_MIN_SPAN
        and lo <= feats.get("num_median", 0.0) <= hi
        and feats.get("sequential", 0.0) < AGE_MAX_SEQUENTIAL
    )


def geolocation_evidence(feats: dict[str, float]) -> bool:
    """Whether a column may be reported as geolocation (see :data:`GEO_MIN_SHARE`)."""
    if feats.get("header_geolocation", 0.0) > 0:
        return max(feats.get("decimal_text", 0.0), feats.get("latlon_pair", 0.0)) >= GEO_MIN_SHARE
    if feats.get("latlon_pair", 0.0) >= 0.8:
        return True
    # without "lat, lon" pairs, a header naming a wage, a rate or a score makes its decimals no place
    return feats.get("header_not_personal", 0.0) <= 0 and coordinate_like(feats) and feats.get("coord_pair", 0.0) > 0


def named(feats: dict[str, float], entity: str) -> bool:
    """Whether the header names ``entity`` at full strength, or at all in a table named for people
    (``people_table``, set by :func:`rgpd_risk.discovery.scanner.classify_frame`). Modelling
    choice (issue 16): a phrase is weak because its word has other readings (English "alter",
    "title"); in "mitglieder.csv" or "employees", the reading about a person is the one meant.

    >>> named({"header_age": 0.5}, "age"), named({"header_age": 0.5, "people_table": 1.0}, "age")
    (False, True)
    """
    strength = feats.get(f"header_{entity}", 0.0)
    return strength >= 1.0 or (strength > 0 and feats.get("people_table", 0.0) > 0)


def _named_ages(feats: dict[str, float]) -> bool:
    """Whole numbers of years, not 0/1 flags, under a header that names an age (:func:`named`):
    ages however few distinct ones a short sample shows (pupils of one class are all 14 or 15)."""
    return (
        named(feats, "age")
        and feats.get("num_share", 0.0) >= 0.9
        and feats.get("int_valued", 0.0) >= 0.95
        and feats.get("num_min", -1.0) >= 0.0
        and 1.0 < feats.get("num_max", 0.0) <= AGE_MAX_YEARS
    )


def age_evidence(feats: dict[str, float]) -> bool:
    """Whether a column may be reported as an age (see :data:`AGE_MAX_FLAG_VALUES`): values
    written as age bands ("18-29", "65+", "30 ans") are ages however few distinct ones a
    sample shows."""
    if feats.get("age_band", 0.0) >= 0.5 or _named_ages(feats):
        return True
    if feats.get("n_distinct", 0.0) <= AGE_MAX_FLAG_VALUES:
        return False
    if feats.get("header_age", 0.0) > 0:
        return True
    # whole numbers that look like ages under a header naming a quantity or a date (a day of the
    # month, years of service) are not ages
    return max(feats.get("header_not_personal", 0.0), feats.get("header_date", 0.0)) <= 0 and age_like(feats)


#: Modelling choice (issue 16, real tables): identifiers and identity-document or device
#: numbers (the classes of codes). A header phrase that names something other than a person at
#: full strength (a price, a status, a category, and the codes and ids of things, places and
#: organisations of :func:`rgpd_risk.discovery.headers.thing_override`: "id_station",
#: "code_commune", "Restaurant ID") rules them out. So does a sample in which at most
#: ``IDENTIFIER_MAX_FLAG_VALUES`` distinct values repeat over at least ``IDENTIFIER_MIN_ROWS``
#: rows (``aktiv_code`` = 1, 1, 1 ...: a flag or a category), unless a strong phrase of the
#: class ("id", "user id", "customer number", "matricule", "passport number") heads the column.
IDENTIFIER_MAX_FLAG_VALUES: Final[int] = 2
IDENTIFIER_MIN_ROWS: Final[int] = 4
CODE_CLASSES: Final[tuple[str, ...]] = ("identifier", "id_document", "device_id")


def identifier_evidence(feats: dict[str, float], entity: str = "identifier") -> bool:
    """Whether a column may be reported as ``entity``, one of :data:`CODE_CLASSES` (see
    :data:`IDENTIFIER_MAX_FLAG_VALUES`).

    >>> identifier_evidence({"header_not_personal": 1.0, "n_distinct": 12.0, "distinct_ratio": 1.0})
    False
    >>> identifier_evidence({"header_identifier": 0.5, "n_distinct": 1.0, "distinct_ratio": 0.1})
    False
    >>> identifier_evidence({"header_identifier": 1.0, "n_distinct": 1.0, "distinct_ratio": 0.1})
    True
    """
    if feats.get("header_not_personal", 0.0) >= 1.0:
        return False
    return _distinct_or_named(feats, entity)


def _distinct_or_named(feats: dict[str, float], entity: str) -> bool:
    """Not a few values repeated (:func:`_few_repeated`), or a header naming ``entity`` at full strength."""
    return not _few_repeated(feats) or feats.get(f"header_{entity}", 0.0) >= 1.0


def _few_repeated(feats: dict[str, float], max_values: int = IDENTIFIER_MAX_FLAG_VALUES) -> bool:
    """At most ``max_values`` distinct values, each seen twice on average, over at least
    ``IDENTIFIER_MIN_ROWS`` rows of the sample: a flag or a category."""
    n_distinct = feats.get("n_distinct", 0.0)
    ratio = feats.get("distinct_ratio", 0.0)
    rows = n_distinct / ratio if ratio > 0 else 0.0
    return n_distinct <= max_values and rows >= max(IDENTIFIER_MIN_ROWS, 2 * n_distinct)


#: Modelling choice (issue 16, real tables): a company is a name, written in letters, and a
#: card number is a long number; a column of numbers, shares or yes/no answers under a header
#: that mentions a school or a college ("hschool", "share with high school degree") is neither,
#: nor are three-digit counts ("Votes", "calories") cards without a card header.
COMPANY_MAX_NUMERIC: Final[float] = 0.5


def company_evidence(feats: dict[str, float]) -> bool:
    """Whether a column may be reported as a company: mostly values that are not numbers, not
    yes/no words, and more than ``IDENTIFIER_MAX_FLAG_VALUES`` distinct ones over a longer sample."""
    if feats.get("num_share", 0.0) >= COMPANY_MAX_NUMERIC or feats.get("boolean_word", 0.0) >= 0.5:
        return False
    return not _few_repeated(feats)


#: Modelling choice (issue 16, real tables): free text is written anew in each row (a comment,
#: a note, a message); a column of at most ``FREE_TEXT_MAX_ANSWERS`` distinct values repeated
#: over the sample is a list of answers to pick from (a survey's options, a category's
#: description, "Excellent" / "Very Good"), unless a header naming free text at full strength
#: heads sentences (some values of four words or more): a comments column whose sample shows few
#: distinct remarks is still where people write about people.
FREE_TEXT_MAX_ANSWERS: Final[int] = 3


def free_text_evidence(feats: dict[str, float]) -> bool:
    """Whether a column may be reported as free text: not a few answers repeated (see
    :data:`FREE_TEXT_MAX_ANSWERS`).

    >>> free_text_evidence({"n_distinct": 9.0, "distinct_ratio": 1.0})
    True
    >>> free_text_evidence({"n_distinct": 2.0, "distinct_ratio": 0.17})
    False
    >>> free_text_evidence({"n_distinct": 2.0, "distinct_ratio": 0.17, "header_free_text": 1.0, "sentence": 0.5})
    True
    """
    if feats.get("header_free_text", 0.0) >= 1.0 and feats.get("sentence", 0.0) > 0:
        return True
    return not _few_repeated(feats, FREE_TEXT_MAX_ANSWERS)


def postcode_evidence(feats: dict[str, float]) -> bool:
    """Whether a column may be reported as postcodes: not under a header that names a
    non-personal quantity, even weakly (an income, a salary, a median: five-digit amounts)."""
    return feats.get("header_not_personal", 0.0) <= 0 or feats.get("header_postcode", 0.0) > 0


#: Names, places and contact data are never yes/no answers ("NO" is Norway's code, "YES" no
#: one's name; "city16" = yes / no is whether one lived in a city at 16): these classes are
#: ruled out when at least ``FLAG_MIN_SHARE`` of the values are yes/no words, whatever the header.
FLAG_EXCLUDED: Final[tuple[str, ...]] = (
    "person_name", "first_name", "last_name", "country", "city", "address", "email", "url", "phone",
)
FLAG_MIN_SHARE: Final[float] = 0.5


def not_flags(feats: dict[str, float]) -> bool:
    """Whether fewer than ``FLAG_MIN_SHARE`` of the values are yes/no words."""
    return feats.get("boolean_word", 0.0) < FLAG_MIN_SHARE


def headerless_flags(feats: dict[str, float]) -> bool:
    """Whether a column is yes/no answers under a header that names nothing: the answers do not
    say what they answer, so the column is reported as not personal (a header naming a class,
    "married", "diabetes", "selfemp" read by the forest, decides otherwise)."""
    return "n_distinct" in feats and feats.get("header_none", 0.0) > 0 and not not_flags(feats)


def card_evidence(feats: dict[str, float]) -> bool:
    """Whether a column may be reported as card numbers: a card header, or values of the card
    shape (13-19 digits)."""
    return feats.get("header_credit_card", 0.0) > 0 or feats.get("card_shape", 0.0) >= 0.5


#: Modelling choice (issue 16, real tables): a date, or a date of birth, is written as one: at
#: least ``DATE_MIN_SHARE`` of the values have a date's shape, parse as dates, are years, month and
#: year, or dates without separators, or the column is typed as a date. Minutes of flight
#: ("AIR_TIME" 108.0), a life expectancy at birth (70.16) or opening hours ("24/7") under a header
#: that mentions time or birth are not dates.
DATE_MIN_SHARE: Final[float] = 0.5
DATE_VALUE_FEATURES: Final[tuple[str, ...]] = (
    "date_shape", "date_parsed", "date_words", "month_year", "year", "compact_date", "is_temporal_dtype",
)


def date_evidence(feats: dict[str, float]) -> bool:
    """Whether a column may be reported as dates or dates of birth (see :data:`DATE_MIN_SHARE`).

    >>> date_evidence({"date_parsed": 0.9}), date_evidence({"date_parsed": 0.0, "year": 0.1})
    (True, False)
    """
    return max(feats.get(k, 0.0) for k in DATE_VALUE_FEATURES) >= DATE_MIN_SHARE


#: Modelling choice (issue 16, real tables): names of people differ from row to row; a column of
#: at most ``IDENTIFIER_MAX_FLAG_VALUES`` distinct words repeated over the sample ("house" /
#: "senate", "more" / "single") is a category, unless a header names the class at full strength
#: (a family's "last_name").
NAME_CLASSES: Final[tuple[str, ...]] = ("person_name", "first_name", "last_name")


def name_evidence(feats: dict[str, float], entity: str) -> bool:
    """Whether a column may be reported as names of people (see :data:`NAME_CLASSES`): not yes/no
    words (:func:`not_flags`), and not a few words repeated unless a full-strength header names them.

    >>> name_evidence({"n_distinct": 2.0, "distinct_ratio": 0.17}, "last_name")
    False
    >>> name_evidence({"n_distinct": 2.0, "distinct_ratio": 0.17, "header_last_name": 1.0}, "last_name")
    True
    """
    return not_flags(feats) and _distinct_or_named(feats, entity)


_PLAUSIBLE: Final[dict[str, Any]] = {
    "geolocation": geolocation_evidence,
    "age": age_evidence,
    "company": company_evidence,
    "credit_card": card_evidence,
    "postcode": postcode_evidence,
    "free_text": free_text_evidence,
    "date": date_evidence,
    "date_of_birth": date_evidence,
    **{c: not_flags for c in FLAG_EXCLUDED},
    **{c: (lambda feats, c=c: name_evidence(feats, c)) for c in NAME_CLASSES},  # names: flags and repeats
    **{c: (lambda feats, c=c: identifier_evidence(feats, c)) for c in CODE_CLASSES},
}


def _require_plausible(classes: list[str], proba: np.ndarray, feats: dict[str, float]) -> np.ndarray:
    if "n_distinct" not in feats:  # no shape statistics: the rules do not apply
        return proba
    return _without(classes, proba, [entity for entity, check in _PLAUSIBLE.items()
                                     if entity in classes and not check(feats)])


#: Modelling choice (issue 16): a column of consecutive whole numbers, all distinct, under no
#: header phrase (``""``, ``rownames``, ``Unnamed: 0``) or an identifier one, is a row number
#: or a record number: an identifier, as the labelling conventions read it, rather than
#: ``not_personal`` (or an age, which :data:`AGE_MAX_SEQUENTIAL` excludes).
ROW_NUMBER_MIN_VALUES: Final[int] = 5
ROW_NUMBER_MIN_SEQUENTIAL: Final[float] = 0.9
#: Row numbers are not written with leading zeros ("001001", "001002" are codes of a fixed width).
ROW_NUMBER_MAX_ZERO_PADDED: Final[float] = 0.5


def row_numbers(feats: dict[str, float]) -> bool:
    """Whether a column is a row / record number (see :data:`ROW_NUMBER_MIN_VALUES`).

    >>> row_numbers({"n_distinct": 12.0, "distinct_ratio": 1.0, "int_valued": 1.0, "sequential": 1.0,
    ...              "header_none": 1.0})
    True
    >>> row_numbers({"n_distinct": 12.0, "distinct_ratio": 1.0, "int_valued": 1.0, "sequential": 1.0,
    ...              "header_not_personal": 1.0})
    False
    """
    header_ok = feats.get("header_none", 0.0) > 0 or feats.get("header_identifier", 0.0) > 0
    return (
        header_ok
        and feats.get("n_distinct", 0.0) >= ROW_NUMBER_MIN_VALUES
        and feats.get("distinct_ratio", 0.0) >= 1.0
        and feats.get("int_valued", 0.0) >= 1.0
        and feats.get("sequential", 0.0) >= ROW_NUMBER_MIN_SEQUENTIAL
        and feats.get("zero_padded", 0.0) < ROW_NUMBER_MAX_ZERO_PADDED
    )


#: Modelling choice (issue 16, real tables): a header that names, at full strength, a class only a
#: person has (:data:`rgpd_risk.discovery.headers.PERSON_ONLY`: "age", "yearsmarried",
#: "ethnicity") decides over the forest's "not personal" once the class has passed the evidence
#: and plausibility rules above: the forest, fitted on generated columns, reads unusual encodings
#: of these classes (ages divided by 100, age-group codes "F0", years of marriage as fractions) as
#: numbers of nothing in particular. So does a full-strength identifier header about a person (the
#: key of an employee, a customer, a professor: small whole numbers the forest reads as counts).
def named_person_class(classes: list[str], proba: np.ndarray, feats: dict[str, float]) -> str | None:
    """The class of :data:`rgpd_risk.discovery.headers.PERSON_ONLY` that the header names
    (:func:`named`), or ``identifier`` under the key of a person, if the rules left it a
    probability; otherwise ``None``.

    >>> named_person_class(["not_personal", "age"], np.array([0.9, 0.1]), {"header_age": 1.0})
    'age'
    >>> named_person_class(["not_personal", "age"], np.array([0.9, 0.1]), {"header_age": 0.5})
    >>> named_person_class(["not_personal", "identifier"], np.array([0.9, 0.1]),
    ...                    {"header_identifier": 1.0, "about_person": 1.0})
    'identifier'
    """
    for entity in sorted(PERSON_ONLY):
        if entity in classes and named(feats, entity) and proba[classes.index(entity)] > 0:
            return entity
    # the key of a person ("CodigoEmpleado", "prof_id", "customer number"): an identifier of people
    if (feats.get("about_person", 0.0) > 0 and feats.get("header_identifier", 0.0) >= 1.0
            and "identifier" in classes and proba[classes.index("identifier")] > 0):
        return "identifier"
    return None


#: Modelling choice (issue 16, real tables): in a table whose rows are things, places,
#: organisations or groups (:func:`rgpd_risk.discovery.headers.rows_are_things`: a charging
#: station, a restaurant, a municipality, an event, a state), these classes describe the thing,
#: not a person: its coordinates, address, town, code, website, operator or name; and the classes
#: only a person has (:data:`rgpd_risk.discovery.headers.PERSON_ONLY`: an age, a gender, a
#: health datum) are numbers or categories of the thing. There they are reported as not personal,
#: unless the column's header is about a person (``about_person``: "contact_nom"). Both flags are
#: set by :func:`rgpd_risk.discovery.scanner.classify_frame` (``thing_table``). E-mails, phones,
#: free text and checked numbers are left alone: an operator's contact may be a person's.
THING_TABLE_CLASSES: Final[tuple[str, ...]] = (
    "geolocation", "address", "city", "postcode", "country", "company", "url", "person_name", "first_name",
    "last_name", *CODE_CLASSES, *sorted(PERSON_ONLY),
)


def of_a_thing(entity: str, feats: dict[str, float]) -> bool:
    """Whether ``entity`` of a column is a property of the thing its table's rows are (see
    :data:`THING_TABLE_CLASSES`).

    >>> of_a_thing("geolocation", {"thing_table": 1.0, "about_person": 0.0})
    True
    >>> of_a_thing("geolocation", {"thing_table": 0.0}), of_a_thing("email", {"thing_table": 1.0})
    (False, False)
    """
    return entity in THING_TABLE_CLASSES and feats.get("thing_table", 0.0) > 0 and feats.get("about_person", 0.0) <= 0


#: Modelling choice (issue 16, real tables): the address of a role mailbox ("info@", "contact@",
#: "protocollo@", :data:`rgpd_risk.discovery.lexicon.ROLE_MAILBOX_WORDS`) reaches a function of an
#: organisation, not a person: not personal data (GDPR Art. 4(1)). A column where at least
#: ``ROLE_MAILBOX_MIN_SHARE`` of the values are such addresses is the contact point of
#: organisations (municipalities, station operators) and is reported as not personal; one where
#: a minority are (a customer list with a few "contact@" addresses) stays e-mail.
ROLE_MAILBOX_MIN_SHARE: Final[float] = 0.5


def role_mailboxes(feats: dict[str, float]) -> bool:
    """Whether a column's e-mail addresses are mostly role mailboxes (see :data:`ROLE_MAILBOX_MIN_SHARE`).

    >>> role_mailboxes({"role_mailbox": 1.0}), role_mailboxes({"role_mailbox": 0.1})
    (True, False)
    """
    return feats.get("role_mailbox", 0.0) >= ROLE_MAILBOX_MIN_SHARE


#: Modelling choice (issue 16, real tables): personal data relates to a person (GDPR Art. 4(1)). A
#: table none of whose columns is read as a class that only people have (:data:`PERSON_ANCHORS`:
#: a name, an age, a health datum, an e-mail or phone number that is not a role mailbox, an IP
#: address, a document number ...) and none of whose headers is about a person
#: (``about_person``: "customer_id", "employee") is a table of things (municipalities, cars,
#: flights, TV episodes, public purchases): its places, codes, websites and organisation names
#: are the things', and :func:`decide` reads it as a table of things (``thing_table``), as if a
#: header had said so. A column anchors the table to people only when its reading is supported:
#: its header names the class, or the confidence is at least ``ANCHOR_MIN_CONFIDENCE``; a
#: hesitant guess on values alone (a museum's label read as biometric at 0.48, a former owner's
#: field as a name at 0.42) does not. Tables of fewer than ``PEOPLELESS_MIN_COLUMNS`` columns say
#: too little about their rows for the rule. Known limit: a normalised database table of
#: addresses or codes without a person column, joined to its people elsewhere, is read as one of
#: things.
PERSON_ANCHORS: Final[frozenset[str]] = frozenset(PERSON_ONLY | {
    "person_name", "email", "phone", "ip_address", "device_id", "national_id", "nir", "id_document", "tax_id",
    "iban", "credit_card", "licence_plate", "language",
})
PEOPLELESS_MIN_COLUMNS: Final[int] = 2
#: The ``thing_table`` flag of a table read as one of things only because nothing says its rows
#: are people (:func:`reads_as_people`), against 1.0 when its headers or its name say it: its
#: places, codes and names are the things' (:func:`of_a_thing`), but a row number stays an
#: identifier (:func:`row_numbers`), as the rows may still be people's. Our choice (issue 16).
THINGS_BY_DEFAULT: Final[float] = 0.5
ANCHOR_MIN_CONFIDENCE: Final[float] = 0.5


def anchors_people(entity: str, confidence: float, feats: dict[str, float]) -> bool:
    """Whether a column decided as ``entity`` with ``confidence`` shows that its table's rows are
    people (see :data:`PERSON_ANCHORS`).

    >>> anchors_people("person_name", 0.42, {"header_none": 1.0})
    False
    >>> anchors_people("person_name", 0.42, {"header_person_name": 0.5}), anchors_people("age", 0.9, {})
    (True, True)
    """
    if entity not in PERSON_ANCHORS:
        return False
    return confidence >= ANCHOR_MIN_CONFIDENCE or feats.get(f"header_{entity}", 0.0) > 0


def reads_as_people(decisions: list[tuple[str, float, dict[str, float]]], about_person: list[float]) -> bool:
    """:func:`rows_are_people` of a table's decided columns (``decisions``: entity, confidence and
    features of each) and of their headers about a person (``about_person``). A header about a
    person says the rows are people only over values read as what it names or as a class of
    :data:`PERSON_ANCHORS`: not over an empty column ("Auteur" of a catalogue), numbers of a
    country ("life_exp_at_birth") or counts read as codes ("internet_users").

    >>> reads_as_people([("not_personal", 0.0, {}), ("identifier", 0.4, {"header_none": 1.0})], [1.0, 1.0])
    False
    >>> reads_as_people([("identifier", 0.9, {"header_identifier": 1.0}), ("url", 0.9, {})], [1.0, 0.0])
    True
    """
    read = [a if f.get(f"header_{e}", 0.0) > 0 or e in PERSON_ANCHORS else 0.0
            for a, (e, _, f) in zip(about_person, decisions, strict=True)]
    return rows_are_people([anchors_people(e, c, f) for e, c, f in decisions], read)


def rows_are_people(anchors: list[bool], about_person: list[float]) -> bool:
    """Whether the columns of a table (``anchors``: :func:`anchors_people` of each), or their
    headers, show that its rows relate to people; tables narrower than ``PEOPLELESS_MIN_COLUMNS``
    are given the benefit of the doubt.

    >>> rows_are_people([False, False, False], [0.0, 0.0, 0.0])
    False
    >>> rows_are_people([False, True], [0.0, 0.0]), rows_are_people([False], [0.0])
    (True, True)
    """
    if len(anchors) < PEOPLELESS_MIN_COLUMNS or any(about_person):
        return True
    return any(anchors)


def decide(classes: list[str], proba: np.ndarray, feats: dict[str, float]) -> tuple[str, float]:
    """Turn classifier probabilities and detector shares into one entity and a confidence.

    Examples
    --------
    >>> decide(["email", "url"], np.array([0.3, 0.7]), {"email": 0.95, "iban_valid": 0,
    ...        "rib_valid": 0, "nir_valid": 0, "card_valid": 0, "ipv4": 0, "ipv6": 0})
    ('email', 0.95)
    """
    proba = _header_prior(classes, np.asarray(proba, dtype=np.float64), feats)
    proba = _require_evidence(classes, proba, feats)
    proba = _require_plausible(classes, proba, feats)
    for entity, checks in CHECKSUM_REQUIRED.items():
        # an IBAN column whose values almost never pass the IBAN / RIB checksum is some
        # other code printed in groups of letters and digits
        if entity in classes and sum(feats.get(c, 0.0) for c in checks) < CHECKSUM_MIN_SHARE:
            proba = proba.copy()
            proba[classes.index(entity)] = 0.0
    best = int(np.argmax(proba))
    entity, confidence = classes[best], float(proba[best])
    named = named_person_class(classes, proba, feats) if entity == "not_personal" and "n_distinct" in feats else None
    if named is not None:
        entity, confidence = named, float(proba[classes.index(named)])
    if entity != "not_personal" and "not_personal" in classes and headerless_flags(feats):
        entity, confidence = "not_personal", float(proba[classes.index("not_personal")])
    if "not_personal" in classes and of_a_thing(entity, feats):
        # a thing's date of birth is a date of it (a creation, an entry into service)
        kept = "date" if entity == "date_of_birth" and "date" in classes else "not_personal"
        entity, confidence = kept, float(proba[classes.index(kept)])
    if (entity == "not_personal" and "identifier" in classes and "n_distinct" in feats and row_numbers(feats)
            and feats.get("thing_table", 0.0) < 1.0):  # in a table said to be of things, a thing's number
        entity = "identifier"
    for names, threshold, forced in OVERRIDES:
        share = sum(feats.get(n, 0.0) for n in names)
        if share >= threshold and entity != forced:
            entity, confidence = forced, max(confidence, min(1.0, share))
            break
    if entity == "email" and "not_personal" in classes and role_mailboxes(feats):
        entity, confidence = "not_personal", feats["role_mailbox"]
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
