"""Lesson layer: metrics as the original post reports them, a per-class table, a TF-IDF baseline and the check sets (notebook 04)."""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.pipeline import make_pipeline



def compute_metrics(y_true: Sequence[str], y_pred: Sequence[str], label_names: Sequence[str]) -> dict:
    """Accuracy, weighted precision/recall/F1 (as in the original post), macro-F1 and per-class scores."""
    label_names = list(label_names)
    precision, recall, f1, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=label_names, average="weighted", zero_division=0)
    p, r, f, support = precision_recall_fscore_support(y_true, y_pred, labels=label_names, zero_division=0)
    return {
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "precision": float(precision),
        "recall": float(recall),
        "f1": float(f1),
        "macro_f1": float(f1_score(y_true, y_pred, labels=label_names, average="macro", zero_division=0)),
        "per_class": {
            name: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(support[i])}
            for i, name in enumerate(label_names)
        },
    }


def per_class_table(metrics: dict) -> pd.DataFrame:
    """The `per_class` part of a metrics dict as a table, one row per label."""
    return pd.DataFrame(metrics["per_class"]).T.astype({"support": int})


def normalized_confusion(y_true: Sequence[str], y_pred: Sequence[str], label_names: Sequence[str]) -> pd.DataFrame:
    """Confusion matrix with each true-label row summing to 1."""
    matrix = confusion_matrix(y_true, y_pred, labels=list(label_names)).astype(float)
    matrix /= np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    return pd.DataFrame(matrix, index=label_names, columns=label_names)


def tfidf_baseline(train_texts, train_labels, test_texts, test_labels, label_names, seed: int = 42):
    """Fit TF-IDF (words and bigrams) + logistic regression on train; score it on test.

    Returns (metrics, predictions). A fine-tuned transformer should at least match this.
    """
    baseline = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=2000, C=10.0, random_state=seed),
    )
    baseline.fit(list(train_texts), list(train_labels))
    predictions = baseline.predict(list(test_texts)).tolist()
    return compute_metrics(list(test_labels), predictions, label_names), predictions


def environment_versions() -> dict:
    """Versions that decide whether two runs can give identical numbers."""
    import torch
    import transformers

    from . import __version__

    return {
        "resume_bert": __version__,
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "python": platform.python_version(),
    }


def metrics_report(model_metrics: dict, baseline_metrics: dict, *, model_name_or_path: str,
                   n_train: int, n_val: int, n_test: int, seed: int, **extra) -> dict:
    """The contents of `metrics.json` (keys listed in the README)."""
    return {
        **model_metrics,
        "baseline": {"name": "tfidf_logistic_regression", **baseline_metrics},
        "split": "test",
        "model_name_or_path": model_name_or_path,
        "n_train": n_train,
        "n_val": n_val,
        "n_test": n_test,
        "seed": seed,
        **extra,
        "versions": environment_versions(),
    }
