"""`resume-bert train` continuing from a fine-tuned classifier: head kept or grown, original rows mixed in, rows kept out."""

import json

import pandas as pd
import pytest
import torch
from conftest import make_toy_frame, train_args
from resume_files import LABELS

from resume_bert.app.adapt import keep_out_fractions, mix_in
from resume_bert.app.cli import main
from resume_bert.app.model_loading import carry_head, classifier_labels, load_model
from resume_bert.preparation import LabelMap


@pytest.fixture(scope="module")
def start(classifier_dir):
    return classifier_dir


def head(model):
    return model.classifier.weight.detach().clone(), model.classifier.bias.detach().clone()


def test_the_head_is_carried_over_by_label_name_and_grows_for_a_new_label(start):
    assert classifier_labels(start) == LABELS and classifier_labels("bundled") is None
    old_w, old_b = head(load_model(str(start), LabelMap(LABELS))[0])
    # A new label, and the known ones in another order.
    wanted = LabelMap(["Awards", *reversed(LABELS)])
    model, _ = load_model(str(start), wanted)
    assert carry_head(model, start, LABELS, wanted) == ["Awards"]
    w, b = head(model)
    for i, label in enumerate(wanted.labels[1:], start=1):
        assert torch.equal(w[i], old_w[LABELS.index(label)]) and torch.equal(b[i], old_b[LABELS.index(label)])
    assert w.shape[0] == 5


def test_mixing_draws_original_rows_with_the_models_labels_only(tmp_path):
    train = make_toy_frame(5, seed=1)
    original = tmp_path / "original.csv"
    pd.concat(
        [make_toy_frame(20, seed=2), pd.DataFrame([{"text": "gold medal", "label": "Awards", "resume_id": "x"}])]
    ).to_csv(original, index=False)
    mixed, n = mix_in(train, original, 2.0, LabelMap(LABELS), seed=0)
    assert n == 2 * len(train) and len(mixed) == 3 * len(train)
    added = mixed.iloc[len(train) :]
    assert added["resume_id"].str.startswith("mix:").all() and "Awards" not in set(added["label"])
    assert keep_out_fractions((0.7, 0.15, 0.15), 0.3) == pytest.approx((0.7 / 0.85 * 0.7, 0.15 / 0.85 * 0.7, 0.3))


def test_train_continues_from_a_fine_tuned_model_and_reports_before_and_after(start, tmp_path, capsys):
    corrected = tmp_path / "corrected.csv"
    frame = make_toy_frame(20, seed=3)
    frame = pd.concat(
        [
            frame,
            pd.DataFrame(
                [
                    {"text": f"won the gold medal award {i}", "label": "Awards", "resume_id": f"r{i:03d}"}
                    for i in range(20)
                ]
            ),
        ],
        ignore_index=True,
    )
    frame.to_csv(corrected, index=False)
    original = tmp_path / "original.csv"
    make_toy_frame(30, seed=4).to_csv(original, index=False)
    out = tmp_path / "out"
    options = ("--learning-rate", "1e-3", "--keep-out", "0.3", "--mix-data", original, "--mix-ratio", "0.5")
    assert main(train_args(corrected, out, start, *options, "--freeze-layers", "1")) == 0
    printed = capsys.readouterr().out
    assert "new label(s) 'Awards'" in printed and "kept_out" in printed
    labels = json.loads((out / "labels.json").read_text())["labels"]
    assert labels == LABELS + ["Awards"]
    train, test = (pd.read_csv(out / "data" / f"{name}.csv") for name in ("train", "test"))
    assert train["resume_id"].str.startswith("mix:").sum() > 0
    assert not set(train["resume_id"]) & set(test["resume_id"])
    assert len(test) == pytest.approx(0.3 * len(frame), abs=6)
    metrics = json.loads((out / "metrics.json").read_text())
    kept = metrics["adaptation"]["sets"]["kept_out"]
    assert "before" not in kept  # the starting model cannot score a label it lacks
    assert kept["after"]["n"] == len(test)
    config = json.loads((out / "model" / "config.json").read_text())
    history = json.loads((out / "history.json").read_text())
    assert config["calibration_temperature"] == pytest.approx(history["calibration"]["temperature"], rel=1e-3)
    assert history["freeze_layers"] == 1
    assert set(metrics["calibration"]["sets"]) >= {"test"}


def test_continuing_uses_the_measured_recipe_by_default(start, tmp_path):
    """Without options, continuing mixes two original rows per corrected one, freezes two layers, trains at 3e-5
    and stops after two epochs without a gain."""
    corrected = tmp_path / "corrected.csv"
    make_toy_frame(20, seed=3).to_csv(corrected, index=False)
    original = tmp_path / "original.csv"
    make_toy_frame(60, seed=4).to_csv(original, index=False)
    out = tmp_path / "out"
    assert main(train_args(corrected, out, start, "--mix-data", original)) == 0
    train = pd.read_csv(out / "data" / "train.csv")
    mixed = train["resume_id"].str.startswith("mix:").sum()
    assert mixed == 2 * (len(train) - mixed)
    history = json.loads((out / "history.json").read_text())
    assert history["freeze_layers"] == 2
    assert history["config"]["learning_rate"] == pytest.approx(3e-5)
    assert history["config"]["early_stopping_patience"] == 2


def test_adaptation_options_need_a_fine_tuned_model(toy_csv, tmp_path, capsys):
    assert main(["train", "--data-path", str(toy_csv), "--output-dir", str(tmp_path / "o"), "--keep-out", "0.3"]) == 2
    assert "continuing from a fine-tuned model" in capsys.readouterr().err
