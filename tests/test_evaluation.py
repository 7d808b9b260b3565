"""Metrics as the original post reports them, plus macro-F1, per-class scores and the baseline."""

import pytest
from conftest import make_toy_frame

from resume_bert.evaluation import compute_metrics, normalized_confusion, per_class_table, tfidf_baseline
from resume_bert.preparation import split_dataset


def test_compute_metrics_weighted_and_macro():
    y_true = ["A", "A", "A", "B"]
    y_pred = ["A", "A", "B", "B"]
    m = compute_metrics(y_true, y_pred, ["A", "B"])
    assert m["accuracy"] == 0.75
    assert m["per_class"]["A"] == {"precision": 1.0, "recall": 2 / 3, "f1": 0.8, "support": 3}
    assert m["per_class"]["B"]["f1"] == pytest.approx(2 / 3)
    assert m["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2)
    assert m["f1"] == pytest.approx(0.75 * 0.8 + 0.25 * 2 / 3)  # weighted by support
    assert m["recall"] == m["accuracy"]  # weighted recall always equals accuracy
    assert list(per_class_table(m).index) == ["A", "B"]


def test_confusion_rows_sum_to_one():
    matrix = normalized_confusion(["A", "A", "B"], ["A", "B", "B"], ["A", "B", "C"])
    assert matrix.loc["A"].tolist() == [0.5, 0.5, 0.0]
    assert matrix.loc["C"].sum() == 0  # no examples: a zero row, not a division error


def test_tfidf_baseline_learns_the_toy_task():
    splits = split_dataset(make_toy_frame(40), seed=0)
    labels = sorted(splits["train"]["label"].unique())
    metrics, predictions = tfidf_baseline(
        splits["train"]["text"], splits["train"]["label"], splits["test"]["text"], splits["test"]["label"], labels
    )
    assert metrics["macro_f1"] > 0.9 and len(predictions) == len(splits["test"])
