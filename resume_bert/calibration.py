"""Probabilities that mean what they say: temperature scaling, expected calibration error, reliability diagrams (notebook 04).

A fine-tuned classifier is usually over-confident: it says 0.98 on chunks it gets wrong
one time in five. Temperature scaling divides every logit by one number T (> 1 softens),
chosen on the validation split to make the probabilities fit the labels best. The labels
the model picks do not change, only how sure it says it is.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

# The key in a saved model's config.json. Not `temperature`: transformers reads that as a text
# generation setting and refuses to save a model config that carries one.
TEMPERATURE_KEY = "calibration_temperature"


def fit_temperature(logits: np.ndarray, labels: Sequence[int], max_iter: int = 100) -> float:
    """The temperature T that minimises the negative log-likelihood of `labels` under softmax(logits / T).

    Fitted on log T, so T stays positive; LBFGS converges in a few steps on this one number.
    """
    z = torch.as_tensor(np.asarray(logits), dtype=torch.float64)
    y = torch.as_tensor(np.asarray(labels), dtype=torch.long)
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.LBFGS([log_t], lr=0.5, max_iter=max_iter, line_search_fn="strong_wolfe")

    def nll():
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(z / log_t.exp(), y)
        loss.backward()
        return loss

    optimizer.step(nll)
    # Bounded: a handful of validation chunks must not give an absurd T.
    return float(np.clip(log_t.exp().item(), 0.05, 20.0))


@dataclass(frozen=True)
class Reliability:
    """Chunks grouped by the model's confidence: per bin its mean confidence, accuracy and count."""

    edges: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray
    count: np.ndarray

    @property
    def ece(self) -> float:
        """Expected calibration error: the count-weighted mean gap between confidence and accuracy."""
        n = self.count.sum()
        filled = self.count > 0
        gaps = np.abs(self.confidence[filled] - self.accuracy[filled])
        return float((gaps * self.count[filled]).sum() / n) if n else float("nan")


def reliability(probs: np.ndarray, labels: Sequence[int], n_bins: int = 15) -> Reliability:
    """Bin chunks by their top probability into `n_bins` equal-width bins over (0, 1]."""
    probs, labels = np.asarray(probs), np.asarray(labels)
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, n_bins - 1)
    count = np.bincount(bins, minlength=n_bins)
    with np.errstate(invalid="ignore"):
        mean_conf = np.bincount(bins, weights=confidence, minlength=n_bins) / count
        mean_acc = np.bincount(bins, weights=correct, minlength=n_bins) / count
    return Reliability(edges, mean_conf, mean_acc, count)


def expected_calibration_error(probs: np.ndarray, labels: Sequence[int], n_bins: int = 15) -> float:
    """ECE over `n_bins` equal-width confidence bins (0 is perfect; 0.2 means 20 points too sure on average)."""
    return reliability(probs, labels, n_bins).ece


def plot_reliability_diagram(curves: dict[str, Reliability], title: str = "Reliability"):
    """Accuracy against confidence per bin, one line per curve (e.g. before and after temperature scaling).

    A calibrated model sits on the diagonal; below it, the model is more sure than right.
    Returns the matplotlib figure.
    """
    import matplotlib.pyplot as plt

    fig, (ax, hist) = plt.subplots(2, 1, figsize=(5.5, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    ax.plot([0, 1], [0, 1], color="#999", linestyle="--", linewidth=1, label="calibrated")
    width = None
    for i, (name, curve) in enumerate(curves.items()):
        filled = curve.count > 0
        ax.plot(curve.confidence[filled], curve.accuracy[filled], marker="o", label=f"{name} (ECE {curve.ece:.3f})")
        centres = (curve.edges[:-1] + curve.edges[1:]) / 2
        width = (curve.edges[1] - curve.edges[0]) / (len(curves) + 1)
        hist.bar(centres + (i - (len(curves) - 1) / 2) * width, curve.count, width=width, label=name)
    ax.set_ylabel("accuracy")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize=8)
    hist.set_xlabel("confidence (top probability)")
    hist.set_ylabel("chunks")
    hist.set_yscale("log")
    fig.tight_layout()
    return fig
