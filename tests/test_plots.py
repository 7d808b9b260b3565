"""The tutorial's figures come back as matplotlib figures and are saved as PNG files."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402

from resume_bert.plots import (
    plot_confusion_matrix,
    plot_label_distribution,
    plot_token_lengths,  # noqa: E402
    plot_training_curves,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_every_plot_returns_a_figure_and_writes_a_png(tmp_path):
    history = [
        {
            "epoch": e,
            "train_loss": 1 / e,
            "val_loss": 1.1 / e,
            "val_accuracy": 0.5 + e / 10,
            "val_macro_f1": 0.4 + e / 10,
        }
        for e in (1, 2, 3)
    ]
    matrix = pd.DataFrame([[0.9, 0.1], [0.2, 0.8]], index=["A", "B"], columns=["A", "B"])
    figures = {
        "labels.png": plot_label_distribution(["A", "B", "B"], path=tmp_path / "labels.png"),
        "lengths.png": plot_token_lengths([5, 9, 40, 12], max_length=16, path=tmp_path / "lengths.png"),
        "curves.png": plot_training_curves(history, best_epoch=3, path=tmp_path / "curves.png"),
        "confusion.png": plot_confusion_matrix(matrix, path=tmp_path / "confusion.png"),
    }
    for name, fig in figures.items():
        assert fig.axes, name
        assert (tmp_path / name).read_bytes()[:8] == PNG_MAGIC
    # The bar chart shows one bar per label, with the counts.
    assert [p.get_width() for p in figures["labels.png"].axes[0].patches] == [1, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(figures)  # no temporary files left behind


def test_learning_curves_do_not_blow_up_noise_in_the_third_decimal():
    history = [
        {"epoch": e, "train_loss": 0.1 / e, "val_loss": 0.05, "val_accuracy": acc, "val_macro_f1": acc - 0.001}
        for e, acc in ((1, 0.997), (2, 0.994), (3, 0.996))
    ]
    low, high = plot_training_curves(history, best_epoch=1).axes[1].get_ylim()
    assert high - low >= 0.1 and high >= 1.0
    # A run that starts low keeps its whole range on the axis.
    early = [{**row, "val_accuracy": 0.3, "val_macro_f1": 0.25} if row["epoch"] == 1 else row for row in history]
    assert plot_training_curves(early, best_epoch=3).axes[1].get_ylim()[0] <= 0.25
