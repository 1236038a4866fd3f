#!/usr/bin/env python3
"""Regenerates core/src/explain/fixtures/explain_reference.json: the reference answers the
explain module's tests compare with (numbers only).

- a small fixed model (13 scaled features -> 8 tanh units -> 4-class softmax, float32 weights)
  whose probabilities the Rust tests recompute from the stored weights;
- `exact`: shap's exact explainer (`shap.explainers.Exact` with an `Independent` masker over
  the stored 100 background rows) on 4 rows, every class (row 0 equals background row 5);
- `kernel_full`: shap's `KernelExplainer` with every coalition (nsamples = 2^13 - 2,
  l1_reg=False) on one row;
- `kernel_plan`: the coalitions shap's `KernelExplainer` enumerates (mask, weight) before its
  random draws, for nsamples = 2*13 + 2048 (its "auto"), and the weight it leaves to them;
- `permutation`: scikit-learn's `permutation_importance(scoring="accuracy")` of the model
  wrapped as an estimator, with the row permutations scikit-learn applied (the script checks
  that importances computed from those permutations equal scikit-learn's).

    python3 -m venv venv && venv/bin/pip install numpy==2.4.6 scikit-learn==1.9.1 shap==0.51.0
    venv/bin/python scripts/explain_reference.py

The versions used are recorded in the fixture.
"""
import json
from pathlib import Path

import numpy as np
import shap
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.inspection import permutation_importance
from sklearn.utils import check_random_state

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "core" / "src" / "explain" / "fixtures" / "explain_reference.json"

N_FEATURES, N_HIDDEN, N_CLASSES, N_BACKGROUND = 13, 8, 4, 100
# Integer features as in the course's model order: is_explicit, key, mode.
INTEGER = {0: 2, 4: 12, 6: 2}
# A feature that is often exactly 0 (as instrumentalness is), so background rows often equal x.
OFTEN_ZERO = 9


def rows(rng, n):
    """n scaled rows (float32): integer features take few values, the rest in [0, 1]."""
    x = rng.uniform(0.0, 1.0, size=(n, N_FEATURES))
    for j, levels in INTEGER.items():
        x[:, j] = rng.integers(0, levels, size=n) / (levels - 1)
    x[rng.uniform(size=n) < 0.5, OFTEN_ZERO] = 0.0
    return x.astype(np.float32).astype(np.float64)


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


rng = np.random.default_rng(20240611)
W1 = f32(rng.normal(0.0, 1.5, size=(N_FEATURES, N_HIDDEN)))
B1 = f32(rng.normal(0.0, 0.5, size=N_HIDDEN))
W2 = f32(rng.normal(0.0, 1.5, size=(N_HIDDEN, N_CLASSES)))
B2 = f32(rng.normal(0.0, 0.5, size=N_CLASSES))


def proba(x):
    """The fixture model in float64: softmax(tanh(x W1 + b1) W2 + b2)."""
    z = np.tanh(np.asarray(x, dtype=np.float64) @ W1 + B1) @ W2 + B2
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class FixtureEstimator(ClassifierMixin, BaseEstimator):
    """The fixture model as a scikit-learn classifier (its predictions: argmax, first on ties)."""

    def fit(self, x, y):
        self.classes_ = np.arange(N_CLASSES)
        return self

    def predict(self, x):
        return proba(x).argmax(axis=1)


def listed(a):
    return np.asarray(a).tolist()


background = rows(rng, N_BACKGROUND)
explained = rows(rng, 4)
explained[0] = background[5]  # every background row of one coalition equals x
explained[1, [0, 4, 6, OFTEN_ZERO]] = background[3, [0, 4, 6, OFTEN_ZERO]]


def exact_case():
    masker = shap.maskers.Independent(background, max_samples=N_BACKGROUND)
    explanation = shap.explainers.Exact(proba, masker)(explained)
    return {
        "rows": listed(explained),
        # [row][feature][class]
        "values": listed(explanation.values),
        "base_values": listed(explanation.base_values),
    }


def kernel_full_case():
    x = explained[2:3]
    explainer = shap.KernelExplainer(proba, background)
    n_samples = 2**N_FEATURES - 2
    values = explainer.shap_values(x, nsamples=n_samples, l1_reg=False, silent=True)
    return {
        "row": listed(x[0]),
        "n_samples": n_samples,
        "values": listed(np.asarray(values)[0]),  # [feature][class]
        "base_values": listed(explainer.expected_value),
    }


def kernel_plan_case():
    """The enumerated part of KernelExplainer's coalitions, recorded as they are added (the
    random draws are added with weight exactly 1 before rescaling; the enumerated ones never)."""
    explainer = shap.KernelExplainer(proba, background)
    added = []
    original = explainer.addsample

    def recording(x, m, w):
        added.append((int(sum(1 << j for j in range(N_FEATURES) if m[j] == 1.0)), float(w)))
        original(x, m, w)

    explainer.addsample = recording
    n_samples = 2 * N_FEATURES + 2048
    np.random.seed(0)
    explainer.shap_values(explained[3:4], nsamples=n_samples, l1_reg=False, silent=True)
    n_fixed = next(i for i, (_, w) in enumerate(added) if w == 1.0)
    weights = explainer.kernelWeights
    return {
        "n_features": N_FEATURES,
        "n_samples": n_samples,
        "fixed": [[mask, w] for mask, w in added[:n_fixed]],
        "weight_left": float(weights[n_fixed:].sum()),
    }


def sklearn_permutations(seed, n_rows, n_repeats):
    """The row order each repeat gives a column in scikit-learn 1.9's permutation_importance:
    one seed drawn from `random_state`, reused for every column, whose generator shuffles an
    index array in place each repeat, and the column is re-indexed by it (so permutations
    compose)."""
    column_seed = check_random_state(seed).randint(np.iinfo(np.int32).max + 1)
    state = check_random_state(column_seed)
    shuffling = np.arange(n_rows)
    effective = np.arange(n_rows)
    out = []
    for _ in range(n_repeats):
        state.shuffle(shuffling)
        effective = effective[shuffling]
        out.append(effective.copy())
    return out


def permutation_case():
    n_rows, n_repeats, seed = 300, 5, 7
    x = rows(rng, n_rows)
    y = proba(x).argmax(axis=1)
    noisy = rng.uniform(size=n_rows) < 0.3
    y[noisy] = rng.integers(0, N_CLASSES, size=noisy.sum())
    model = FixtureEstimator().fit(x, y)
    result = permutation_importance(
        model, x, y, scoring="accuracy", n_repeats=n_repeats, random_state=seed
    )
    permutations = sklearn_permutations(seed, n_rows, n_repeats)
    baseline = float((model.predict(x) == y).mean())
    ours = np.zeros((N_FEATURES, n_repeats))
    for j in range(N_FEATURES):
        for r, perm in enumerate(permutations):
            xp = x.copy()
            xp[:, j] = x[perm, j]
            p = proba(xp)
            top2 = np.sort(p, axis=1)[:, -2:]
            # f32 rounding in the Rust model must not change an argmax.
            assert (top2[:, 1] - top2[:, 0] > 1e-5).all(), "an argmax too close to a tie"
            ours[j, r] = baseline - (p.argmax(axis=1) == y).mean()
    np.testing.assert_allclose(ours, result.importances, rtol=0, atol=1e-15)
    return {
        "x": listed(x),
        "y": listed(y),
        "n_repeats": n_repeats,
        "random_state": seed,
        "permutations": [listed(p) for p in permutations],
        "baseline": baseline,
        "importances": listed(result.importances),  # [feature][repeat]
        "mean": listed(result.importances_mean),
        "std": listed(result.importances_std),
    }


def main():
    fixture = {
        "generator": "scripts/explain_reference.py",
        "shap": shap.__version__,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "model": {
            "activation": "tanh",
            "layers": [
                {"weights": listed(W1), "bias": listed(B1)},
                {"weights": listed(W2), "bias": listed(B2)},
            ],
        },
        "integer_features": sorted(INTEGER),
        "background": listed(background),
        "exact": exact_case(),
        "kernel_full": kernel_full_case(),
        "kernel_plan": kernel_plan_case(),
        "permutation": permutation_case(),
    }
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
