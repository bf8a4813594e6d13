"""The compact forest: the shipped classifier without scikit-learn's per-node class arrays,
equal bit for bit to scikit-learn's predict_proba."""

import pickle
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.ensemble import RandomForestClassifier

from rgpd_risk.discovery.classifier import (
    MODEL_FILE,
    ColumnModel,
    CompactForest,
    ModelUnavailableError,
    load_model,
    read_model,
)
from rgpd_risk.discovery.lexicon import DATA_DIR

TOOLS = Path(__file__).resolve().parents[2] / "tools"


def _edge_rows(rf: RandomForestClassifier, n: int, rng: np.random.Generator) -> np.ndarray:
    """Rows whose features sit on the trees' thresholds, their float32 neighbours or NaN."""
    X = rng.normal(size=(n, rf.n_features_in_))
    feature = np.concatenate([e.tree_.feature for e in rf.estimators_])
    threshold = np.concatenate([e.tree_.threshold for e in rf.estimators_])
    for f in np.unique(feature[feature >= 0]):
        th32 = threshold[feature == f].astype(np.float32)
        values = np.concatenate([threshold[feature == f], th32, np.nextafter(th32, np.float32(np.inf)),
                                 np.nextafter(th32, np.float32(-np.inf)), [np.nan]])
        values = values[~np.isinf(values)]  # a split of missing values has an infinite threshold
        X[:, f] = np.where(rng.random(n) < 0.8, rng.choice(values, n), X[:, f])
    return X


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_samples=st.integers(2, 80),
    n_features=st.integers(1, 6),
    n_classes=st.integers(1, 7),
    n_estimators=st.integers(1, 12),
    min_samples_leaf=st.integers(1, 4),
    max_depth=st.one_of(st.none(), st.integers(1, 8)),
    class_weight=st.sampled_from([None, "balanced", "balanced_subsample"]),
    bootstrap=st.booleans(),
    nan_share=st.sampled_from([0.0, 0.0, 0.1, 0.4]),
    seed=st.integers(0, 2**31 - 1),
)
def test_random_forests_predict_exactly_as_sklearn(
    n_samples, n_features, n_classes, n_estimators, min_samples_leaf, max_depth, class_weight, bootstrap,
    nan_share, seed,
) -> None:
    rng = np.random.default_rng(seed)
    # few distinct values (ties), some rounded to float32 edges, some missing
    X = rng.choice([0.0, 0.1, 0.25, 1 / 3, 0.5, 1.0, 2.0, 1e6, -7.5], size=(n_samples, n_features))
    X += rng.normal(scale=1e-7, size=X.shape) * (rng.random(X.shape) < 0.3)
    X[rng.random(X.shape) < nan_share] = np.nan
    y = np.asarray([f"c{i}" for i in rng.integers(0, n_classes, n_samples)])
    rf = RandomForestClassifier(
        n_estimators=n_estimators, min_samples_leaf=min_samples_leaf, max_depth=max_depth,
        class_weight=class_weight, bootstrap=bootstrap, max_features="sqrt", random_state=seed % 1000, n_jobs=1,
    ).fit(X, y)
    forest = CompactForest.from_sklearn(rf)
    probe = np.vstack([X, rng.normal(size=(50, n_features)), _edge_rows(rf, 200, rng)])
    assert np.array_equal(forest.predict_proba(probe), rf.predict_proba(probe))
    assert np.array_equal(forest.apply(probe), rf.apply(probe))
    assert list(forest.classes_) == list(rf.classes_)
    again = pickle.loads(pickle.dumps(forest))
    assert np.array_equal(again.predict_proba(probe), rf.predict_proba(probe))


def test_a_forest_of_the_shipped_shape_predicts_exactly_as_sklearn() -> None:
    """Many classes, class weights and leaves of at least 3 samples, as the shipped model."""
    rng = np.random.default_rng(0)
    X = rng.random((1500, 30)) * (rng.random((1500, 30)) < 0.4)
    X[rng.random(X.shape) < 0.02] = np.nan
    y = rng.integers(0, 40, 1500) + (X[:, 0] > 0.5) * 3
    rf = RandomForestClassifier(n_estimators=20, min_samples_leaf=3, class_weight="balanced", random_state=0,
                                n_jobs=1).fit(X, y)
    forest = CompactForest.from_sklearn(rf)
    probe = np.vstack([X, _edge_rows(rf, 5000, rng)])
    assert np.array_equal(forest.predict_proba(probe), rf.predict_proba(probe))


def test_training_converts_and_checks_the_forest() -> None:
    """``train.fit`` (what ``train()`` and the shipped artefact use) gives the compact form of
    the very forest scikit-learn fits."""
    pytest.importorskip("faker")
    sys.path.insert(0, str(TOOLS))
    import train_discovery as train

    X, y = train.training_set(n_per_entity=3, seed=5)
    model = train.fit(X, y, seed=0)
    assert isinstance(model.estimator, CompactForest)
    rf = train.fit_forest(X, y, seed=0)
    probe = np.vstack([X, train.probe_rows(rf, 2000)])
    assert np.array_equal(model.estimator.predict_proba(probe), rf.predict_proba(probe))


def test_shipped_model_is_compact_and_small() -> None:
    model = load_model()
    assert isinstance(model.estimator, CompactForest)
    assert model.estimator.n_estimators == 150
    assert (DATA_DIR / MODEL_FILE).stat().st_size < 20e6


def test_pickle_leaves_out_the_prediction_tables() -> None:
    forest = load_model().estimator
    forest.predict_proba(np.zeros((1, forest.n_features_in_)))
    assert "_tables" in forest.__dict__ and "_tables" not in forest.__getstate__()


@pytest.mark.filterwarnings("ignore:overflow encountered in cast")
def test_bad_inputs_are_refused() -> None:
    forest = load_model().estimator
    with pytest.raises(ValueError, match="shape"):
        forest.predict_proba(np.zeros((2, forest.n_features_in_ + 1)))
    X = np.zeros((1, forest.n_features_in_))
    X[0, 3] = 1e300  # infinite in float32, as scikit-learn refuses it
    with pytest.raises(ValueError, match="infinity"):
        forest.predict_proba(X)
    classes, proba = load_model().predict_proba([])
    assert proba.shape == (0, len(classes))


def test_missing_or_old_artefacts_have_a_clear_error(tmp_path) -> None:
    with pytest.raises(ModelUnavailableError, match="missing"):
        read_model(tmp_path / "absent.pkl")
    garbage = tmp_path / "garbage.pkl"
    garbage.write_bytes(b"not a pickle")
    with pytest.raises(ModelUnavailableError, match="cannot be read"):
        read_model(garbage)
    old = tmp_path / "old.pkl"
    rf = RandomForestClassifier(n_estimators=2, random_state=0).fit([[0.0], [1.0]], ["a", "b"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old.write_bytes(pickle.dumps(ColumnModel(estimator=rf, feature_names=("x",))))
    with pytest.raises(ModelUnavailableError, match="old format.*--convert"):
        read_model(old)
