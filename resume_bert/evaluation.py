"""Predictions on a labelled split, the metrics the post reports, a per-class table and a TF-IDF baseline (notebook 04)."""

import platform
from collections.abc import Sequence

import numpy as np
import pandas as pd
import torch
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.pipeline import make_pipeline


def predict_logits(model, loader, device: torch.device | str) -> tuple[np.ndarray, np.ndarray]:
    """The model's logits and the true label ids for every batch of `loader`, in the loader's order."""
    model.eval()  # dropout off
    logits, labels = [], []
    with torch.inference_mode():  # no gradients: less memory, faster
        for batch in loader:
            batch = {name: tensor.to(device) for name, tensor in batch.items()}
            outputs = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"])
            logits.append(outputs.logits.float().cpu())
            labels.append(batch["labels"].cpu())
    return torch.cat(logits).numpy(), torch.cat(labels).numpy()


def compute_metrics(y_true: Sequence[str], y_pred: Sequence[str], label_names: Sequence[str]) -> dict:
    """Accuracy, weighted precision/recall/F1 (as in the original post), macro-F1 and per-class scores."""
    label_names = list(label_names)
    precision, recall, f1, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=label_names, average="weighted", zero_division=0
    )
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
