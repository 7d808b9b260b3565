"""Temperature scaling and the expected calibration error (resume_bert.calibration)."""

import numpy as np
import pytest

from resume_bert.calibration import expected_calibration_error, fit_temperature, plot_reliability_diagram, reliability
from resume_bert.inference import softmax


def sampled(temperature: float, n: int = 4000, k: int = 5, seed: int = 0):
    """Logits and labels drawn so that softmax(logits / temperature) is exactly the labels' distribution."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 3, size=(n, k))
    probs = softmax(logits / temperature)
    labels = np.array([rng.choice(k, p=p) for p in probs])
    return logits, labels


@pytest.mark.parametrize("true_t", [0.5, 2.5])
def test_fit_temperature_finds_the_temperature_the_labels_were_drawn_with(true_t):
    logits, labels = sampled(true_t)
    assert fit_temperature(logits, labels) == pytest.approx(true_t, rel=0.1)


def test_scaling_with_the_fitted_temperature_lowers_the_ece_and_keeps_the_labels():
    logits, labels = sampled(2.5, seed=1)
    t = fit_temperature(logits, labels)
    before, after = (
        expected_calibration_error(softmax(logits), labels),
        expected_calibration_error(softmax(logits / t), labels),
    )
    assert before > 0.1 and after < 0.03
    assert (softmax(logits).argmax(1) == softmax(logits / t).argmax(1)).all()


def test_ece_by_hand_and_the_reliability_bins():
    probs = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.4, 0.6]])
    labels = np.array([0, 1, 0, 1])
    # Bins: 0.9 twice (accuracy 0.5, gap 0.4) and 0.6 twice (accuracy 1.0, gap 0.4).
    assert expected_calibration_error(probs, labels, n_bins=10) == pytest.approx(0.4)
    curve = reliability(probs, labels, n_bins=10)
    assert curve.count.sum() == 4 and curve.count[8] == 2 and curve.count[5] == 2
    fig = plot_reliability_diagram({"before": curve, "after": reliability(softmax(np.log(probs) / 2.0), labels, 10)})
    assert len(fig.axes) == 2 and "ECE 0.400" in fig.axes[0].get_legend().get_texts()[1].get_text()
