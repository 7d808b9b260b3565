"""The tutorial's figures, returned for inline display and saved as PNG (notebooks 01–04)."""

import os
from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd


def _finish(fig, path: str | os.PathLike | None):
    fig.tight_layout()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=110, bbox_inches="tight")
    return fig


def plot_label_distribution(labels: Sequence[str], path=None, title: str = "Chunks per label"):
    """Horizontal bar chart of label counts (notebook 01)."""
    counts = pd.Series(list(labels)).value_counts().sort_values()
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(counts) + 1.2))
    ax.barh(counts.index, counts.values, color="#4C72B0")
    for y, value in enumerate(counts.values):
        ax.text(value, y, f" {value}", va="center", fontsize=9)
    ax.set_xlabel("chunks")
    ax.set_title(title)
    ax.margins(x=0.12)
    return _finish(fig, path)


def plot_token_lengths(lengths: Sequence[int], max_length: int, path=None):
    """Histogram of tokens per chunk with the chosen `max_length` marked (notebook 02)."""
    lengths = np.asarray(lengths)
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.hist(lengths, bins=min(60, max(10, len(np.unique(lengths)))), color="#55A868")
    ax.axvline(
        max_length,
        color="#C44E52",
        linestyle="--",
        label=f"max_length = {max_length} ({(lengths > max_length).mean():.1%} truncated)",
    )
    ax.set_xlabel("tokens per chunk ([CLS] and [SEP] included)")
    ax.set_ylabel("chunks")
    ax.legend()
    return _finish(fig, path)


def plot_training_curves(history: Sequence[dict], best_epoch: int | None = None, path=None):
    """Train and validation loss, and validation (and development-set) scores, per epoch (notebook 03)."""
    frame = pd.DataFrame(history)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.5))
    left.plot(frame["epoch"], frame["train_loss"], marker="o", label="train loss")
    left.plot(frame["epoch"], frame["val_loss"], marker="o", label="validation loss")
    left.set_xlabel("epoch")
    left.set_title("Loss")
    left.legend()
    right.plot(frame["epoch"], frame["val_macro_f1"], marker="o", color="#8172B2", label="validation macro-F1")
    right.plot(frame["epoch"], frame["val_accuracy"], marker="s", color="#CCB974", label="validation accuracy")
    columns = ["val_macro_f1", "val_accuracy"]
    if "dev_accuracy" in frame:  # real resumes: the score that chose the epoch
        right.plot(frame["epoch"], frame["dev_accuracy"], marker="^", color="#C44E52", label="real-resume dev accuracy")
        columns.append("dev_accuracy")
    if best_epoch:
        right.axvline(best_epoch, color="grey", linestyle=":", label=f"best epoch ({best_epoch})")
    # At least 0.1 tall, so that a 0.3% wobble near 1.0 does not fill the plot like a collapse.
    scores = frame[columns].to_numpy()
    low = min(float(scores.min()) - 0.02, 0.9)
    right.set_ylim(max(0.0, low), 1.0 + 0.01)
    right.set_xlabel("epoch")
    right.set_title("Scores after each epoch")
    right.legend(loc="lower right")
    for ax in (left, right):
        ax.set_xticks(frame["epoch"])
    return _finish(fig, path)


def plot_confusion_matrix(matrix: pd.DataFrame, path=None, title: str = "Confusion matrix (rows sum to 1)"):
    """Heat map of a normalised confusion matrix from `evaluation.normalized_confusion` (notebook 04)."""
    from sklearn.metrics import ConfusionMatrixDisplay

    n = len(matrix)
    fig, ax = plt.subplots(figsize=(0.8 * n + 2.5, 0.7 * n + 2))
    display = ConfusionMatrixDisplay(matrix.to_numpy(), display_labels=list(matrix.columns))
    display.plot(
        ax=ax, cmap="Blues", values_format=".2f", xticks_rotation=40, colorbar=True, im_kw={"vmin": 0, "vmax": 1}
    )
    for text in display.text_.ravel():  # blank the zeros, so the confusions stand out
        if float(text.get_text()) < 0.005:
            text.set_text("")
        text.set_fontsize(8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    return _finish(fig, path)
