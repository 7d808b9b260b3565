"""The training loop learns, keeps its best epoch, and checkpoints (resume_bert.training, resume_bert.app.training_run)."""

import pandas as pd
import pytest
import torch
from conftest import REPO, make_toy_frame
from transformers import AutoTokenizer

from resume_bert.app.model_loading import load_model
from resume_bert.app.training_run import train_classifier
from resume_bert.app.workflow import build_datasets
from resume_bert.preparation import LabelMap, split_dataset
from resume_bert.training import TrainingConfig, build_optimizer, set_seed

# A learning rate the tiny model learns the toy task at in a few epochs.
FAST = dict(num_train_epochs=4, learning_rate=1e-2, per_device_train_batch_size=8, warmup_ratio=0.0)


def _datasets(tiny_model_dir, n_per_label=20):
    splits = split_dataset(make_toy_frame(n_per_label), seed=0)
    labels = LabelMap.from_labels(splits["train"]["label"])
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    return build_datasets(splits, labels, tok, 32), labels


@pytest.fixture(scope="module")
def learned(tiny_model_dir, tmp_path_factory):
    """(result, checkpoint folder) of four epochs on the toy data, kept weights and checkpoints included."""
    datasets, labels = _datasets(tiny_model_dir)
    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), labels)
    checkpoints = tmp_path_factory.mktemp("checkpoints")
    config = TrainingConfig(**FAST, early_stopping_patience=4)
    result = train_classifier(
        model, datasets["train"], datasets["val"], config, checkpoint_dir=checkpoints, show_progress=False
    )
    return result, checkpoints


def test_training_lifts_validation_accuracy_far_above_chance(learned):
    result, _ = learned
    best = result.history[result.best_epoch - 1]
    assert best["val_accuracy"] >= 0.8  # chance is 0.25 with four labels
    assert result.history[-1]["train_loss"] < result.history[0]["train_loss"]
    assert set(best) >= {"epoch", "train_loss", "val_loss", "val_accuracy", "val_macro_f1", "seconds"}


def test_model_ends_with_the_best_epochs_weights(learned):
    from resume_bert.app.checkpoints import BEST_WEIGHTS, load_weights

    result, checkpoints = learned
    best = load_weights(checkpoints / BEST_WEIGHTS)
    state = result.model.state_dict()
    assert all(torch.equal(best[k], state[k]) for k in best)
    assert (checkpoints / "last" / "state.json").exists()


@pytest.mark.parametrize("epochs, stopped_early", [(10, True), (3, False)])
def test_early_stopping_after_patience_epochs_without_improvement_and_only_with_epochs_left(
    tiny_model_dir, epochs, stopped_early
):
    datasets, labels = _datasets(tiny_model_dir, 10)
    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), labels)
    # A learning rate this small cannot change predictions: macro-F1 stays flat after epoch 1, so patience
    # runs out after epoch 3; with 3 epochs that is the last one, and nothing was cut short.
    config = TrainingConfig(num_train_epochs=epochs, learning_rate=1e-9, early_stopping_patience=2)
    result = train_classifier(model, datasets["train"], datasets["val"], config, show_progress=False)
    assert result.stopped_early is stopped_early and result.best_epoch == 1 and len(result.history) == 3


def test_no_weight_decay_on_biases_and_layer_norm(tiny_model_dir):
    _, labels = _datasets(tiny_model_dir, 3)
    model, _ = load_model(str(tiny_model_dir), labels)
    decay, no_decay = build_optimizer(model, 1e-4, 0.01).param_groups
    names = {id(p): n for n, p in model.named_parameters()}
    assert decay["weight_decay"] == 0.01 and no_decay["weight_decay"] == 0.0
    assert all(names[id(p)].endswith("bias") or "LayerNorm" in names[id(p)] for p in no_decay["params"])
    assert all(p.ndim == 2 for p in decay["params"])


def test_a_checkpoint_gives_the_gpus_their_rng_states_in_device_order():
    from resume_bert.app.checkpoints import cuda_rng_states

    rng = {"torch": torch.zeros(1), **{f"cuda.{i}": torch.full((1,), i) for i in range(12)}}
    assert [int(state) for state in cuda_rng_states(rng)] == list(range(12))  # cuda.2 before cuda.10
    assert cuda_rng_states({"torch": torch.zeros(1)}) == []


def test_a_development_set_chooses_the_epoch_by_its_accuracy(tiny_model_dir):
    """With `dev_dataset`, every epoch is scored on it too, and its accuracy, not validation macro-F1, picks the weights."""
    datasets, labels = _datasets(tiny_model_dir)
    # A development set whose labels are the reverse of the truth: the better the model, the worse it scores, so
    # the epoch it keeps is the one the validation split would never keep.
    dev_frame = split_dataset(make_toy_frame(8, seed=3), seed=0)["test"]
    flipped = dict(zip(labels.labels, reversed(labels.labels)))
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    dev = build_datasets({"dev": dev_frame.assign(label=dev_frame["label"].map(flipped))}, labels, tok, 32)["dev"]
    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), labels)
    config = TrainingConfig(**FAST, early_stopping_patience=4)
    result = train_classifier(model, datasets["train"], datasets["val"], config, dev_dataset=dev, show_progress=False)
    dev_scores = [row["dev_accuracy"] for row in result.history]
    assert result.selected_on == "dev_accuracy" and len(dev_scores) == 4
    assert result.best_epoch == dev_scores.index(max(dev_scores)) + 1 and result.best_score == max(dev_scores)
    val_scores = [row["val_macro_f1"] for row in result.history]
    assert result.best_epoch != val_scores.index(max(val_scores)) + 1


def test_the_development_set_falls_back_to_validation_only_when_asked_or_foreign(tmp_path, capsys):
    from resume_bert.app.workflow import development_set
    from resume_bert.errors import DataError

    real_dev = pd.read_csv(REPO / "data" / "real_dev_chunks.csv")
    resume_labels = LabelMap.from_labels(real_dev["label"])
    assert len(development_set("auto", resume_labels)) == len(real_dev)  # the repository's real-resume dev set
    assert "chosen, and the temperature fitted, on real_dev_chunks.csv" in capsys.readouterr().out
    assert development_set("none", resume_labels) is None and development_set(None, resume_labels) is None
    toy = LabelMap.from_labels(make_toy_frame(2)["label"])
    assert development_set("auto", toy) is None  # another task's labels: the validation split chooses
    assert "chosen on the validation split" in capsys.readouterr().out
    with pytest.raises(DataError, match="labels not known to this model"):  # asked for by name: refused
        development_set(REPO / "data" / "real_dev_chunks.csv", toy)
