"""Calibrated confidence: a temperature for a classifier's logits, fitted on predictions for
texts the classifier did not learn from (out-of-fold), so that "86% sure" is right about 86% of
the time on data like its training data.

    temperature = fit_temperature(logits, y, weights)     # out-of-fold logits, true indices
    probabilities = softmax(logits / temperature)
"""
import numpy as np

GRID = np.exp(np.linspace(np.log(0.25), np.log(4.0), 61))


def _log_softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def fit_temperature(logits, y, weights=None):
    """The temperature (from GRID) with the lowest weighted negative log-likelihood."""
    logits, y = np.asarray(logits, dtype=np.float64), np.asarray(y)
    weights = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    rows = np.arange(len(y))
    losses = [-(weights * _log_softmax(logits / t)[rows, y]).sum() / weights.sum() for t in GRID]
    return float(GRID[int(np.argmin(losses))])


def out_of_fold_logits(fit, features, y, folds=5, seed=0, sample_weights=None):
    """Logits for every row from a model fitted without its fold. `fit(features, y, weights)`
    returns a fitted scikit-learn classifier with decision_function over all classes."""
    from sklearn.model_selection import StratifiedKFold

    counts = np.bincount(y)
    folds = int(min(folds, counts[counts > 0].min()))
    if folds < 2:
        return None
    logits = np.zeros((len(y), int(y.max()) + 1))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_rows, test_rows in splitter.split(features, y):
        weights = None if sample_weights is None else sample_weights[train_rows]
        model = fit(features[train_rows], y[train_rows], weights)
        scores = model.decision_function(features[test_rows])
        if scores.ndim == 1:  # binary: one score column
            scores = np.stack([np.zeros_like(scores), scores], axis=1)
        logits[np.ix_(test_rows, model.classes_)] = scores
        missing = [c for c in range(logits.shape[1]) if c not in model.classes_]
        logits[np.ix_(test_rows, missing)] = -30.0
    return logits


def balanced_weights(y):
    """Per-row weights giving every class the same total (a balanced check)."""
    counts = np.bincount(y).astype(np.float64)
    return (len(y) / (len(counts[counts > 0]) * counts))[y]
