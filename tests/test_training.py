"""The training loop learns, keeps its best epoch, and checkpoints (resume_bert.training, resume_bert.app.training_run)."""

import pytest
import torch
from conftest import make_toy_frame
from transformers import AutoTokenizer

from resume_bert.app.model_loading import load_model
from resume_bert.app.training_run import train_classifier
from resume_bert.app.workflow import build_datasets
from resume_bert.errors import ParameterError
from resume_bert.preparation import LabelMap, split_dataset
from resume_bert.training import TrainingConfig, build_optimizer, set_seed

FAST = dict(
    num_train_epochs=12, learning_rate=3e-3, per_device_train_batch_size=8, warmup_ratio=0.0, early_stopping_patience=12
)


def _datasets(tiny_model_dir, n_per_label=50):
    splits = split_dataset(make_toy_frame(n_per_label), seed=0)
    labels = LabelMap.from_labels(splits["train"]["label"])
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    return build_datasets(splits, labels, tok, 32), labels


def test_training_lifts_validation_accuracy_far_above_chance(tiny_model_dir):
    datasets, labels = _datasets(tiny_model_dir)
    set_seed(0)
    model, used = load_model(str(tiny_model_dir), labels)
    result = train_classifier(model, datasets["train"], datasets["val"], TrainingConfig(**FAST), show_progress=False)
    best = result.history[result.best_epoch - 1]
    assert best["val_accuracy"] >= 0.8  # chance is 0.25 with four labels
    assert result.history[-1]["train_loss"] < result.history[0]["train_loss"]
    assert set(best) >= {"epoch", "train_loss", "val_loss", "val_accuracy", "val_macro_f1", "seconds"}


def test_model_ends_with_the_best_epochs_weights(tiny_model_dir, tmp_path):
    datasets, labels = _datasets(tiny_model_dir, 20)
    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), labels)
    config = TrainingConfig(**{**FAST, "num_train_epochs": 4, "early_stopping_patience": 4})
    result = train_classifier(
        model, datasets["train"], datasets["val"], config, checkpoint_dir=tmp_path, show_progress=False
    )
    from resume_bert.app.checkpoints import BEST_WEIGHTS, load_weights

    best = load_weights(tmp_path / BEST_WEIGHTS)
    state = result.model.state_dict()
    assert all(torch.equal(best[k], state[k]) for k in best)
    assert (tmp_path / "last" / "state.json").exists()


def test_early_stopping_stops_after_patience_epochs_without_improvement(tiny_model_dir):
    datasets, labels = _datasets(tiny_model_dir, 10)
    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), labels)
    # A learning rate this small cannot change predictions: macro-F1 stays flat after epoch 1.
    config = TrainingConfig(num_train_epochs=10, learning_rate=1e-9, early_stopping_patience=2)
    result = train_classifier(model, datasets["train"], datasets["val"], config, show_progress=False)
    assert result.stopped_early and result.best_epoch == 1 and len(result.history) == 3


def test_a_run_that_ends_at_its_last_epoch_did_not_stop_early(tiny_model_dir):
    datasets, labels = _datasets(tiny_model_dir, 10)
    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), labels)
    # Flat after epoch 1, so patience runs out exactly at the last of 3 epochs: nothing was cut short.
    config = TrainingConfig(num_train_epochs=3, learning_rate=1e-9, early_stopping_patience=2)
    result = train_classifier(model, datasets["train"], datasets["val"], config, show_progress=False)
    assert len(result.history) == 3 and not result.stopped_early


def test_no_weight_decay_on_biases_and_layer_norm(tiny_model_dir):
    _, labels = _datasets(tiny_model_dir, 3)
    model, _ = load_model(str(tiny_model_dir), labels)
    decay, no_decay = build_optimizer(model, 1e-4, 0.01).param_groups
    names = {id(p): n for n, p in model.named_parameters()}
    assert decay["weight_decay"] == 0.01 and no_decay["weight_decay"] == 0.0
    assert all(names[id(p)].endswith("bias") or "LayerNorm" in names[id(p)] for p in no_decay["params"])
    assert all(p.ndim == 2 for p in decay["params"])


@pytest.mark.parametrize(
    "field, value",
    [("num_train_epochs", 0), ("per_device_train_batch_size", -2), ("learning_rate", 0.0), ("warmup_ratio", 1.5)],
)
def test_config_rejects_out_of_range_values(field, value):
    with pytest.raises(ParameterError, match=field):
        TrainingConfig(**{field: value})


def test_a_checkpoint_gives_the_gpus_their_rng_states_in_device_order():
    from resume_bert.app.checkpoints import cuda_rng_states

    rng = {"torch": torch.zeros(1), **{f"cuda.{i}": torch.full((1,), i) for i in range(12)}}
    assert [int(state) for state in cuda_rng_states(rng)] == list(range(12))  # cuda.2 before cuda.10
    assert cuda_rng_states({"torch": torch.zeros(1)}) == []
