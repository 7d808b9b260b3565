"""Same seed, same result: splits, metrics and weights on CPU; metrics.json says what produced it."""

from __future__ import annotations

import json

import pytest
import torch
from conftest import METRIC_KEYS, make_toy_frame

from resume_bert.app.workflow import analyse_tokenization, evaluate_model, prepare_data, train_model
from resume_bert.preparation import split_dataset
from resume_bert.training import TrainingConfig


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("repro") / "toy.csv"
    make_toy_frame(n_per_label=12).to_csv(path, index=False)
    return path


def run(data, out, model, seed=42):
    """Notebooks 01-04 in one go, as `resume-bert train` runs them."""
    prepare_data(data, out, seed=seed)
    analyse_tokenization(out, str(model), max_length=32)
    config = TrainingConfig(num_train_epochs=2, per_device_train_batch_size=8, learning_rate=5e-3, seed=seed)
    train_model(out, str(model), config, show_progress=False)
    return evaluate_model(out).metrics


def test_same_seed_gives_the_same_splits_byte_for_byte(data, tmp_path):
    for name in ("a", "b", "c"):
        prepare_data(data, tmp_path / name, seed=42 if name != "c" else 7)
    for split in ("train", "val", "test"):
        a, b, c = ((tmp_path / n / "data" / f"{split}.csv").read_bytes() for n in "abc")
        assert a == b
    assert (tmp_path / "a" / "data" / "train.csv").read_bytes() != (tmp_path / "c" / "data" / "train.csv").read_bytes()
    assert (tmp_path / "a" / "labels.json").read_bytes() == (tmp_path / "b" / "labels.json").read_bytes()


def test_split_does_not_depend_on_row_order_of_other_seeds_state(data):
    """The split uses its own generator: global random state does not leak in."""
    import random

    import numpy as np

    frame = make_toy_frame(n_per_label=12)
    first = split_dataset(frame, seed=3)
    random.seed(1), np.random.seed(1), torch.manual_seed(1)
    second = split_dataset(frame, seed=3)
    for name in first:
        assert first[name].equals(second[name])


@pytest.mark.skipif(torch.cuda.is_available(), reason="bit-identical results are promised on CPU only")
def test_second_run_with_the_same_seed_is_bit_identical_on_cpu(data, tiny_model_dir, tmp_path):
    from safetensors.torch import load_file

    first = run(data, tmp_path / "first", tiny_model_dir)
    second = run(data, tmp_path / "second", tiny_model_dir)
    assert first == second
    assert (tmp_path / "first" / "metrics.json").read_bytes() == (tmp_path / "second" / "metrics.json").read_bytes()
    wa = load_file(str(tmp_path / "first" / "model" / "model.safetensors"))
    wb = load_file(str(tmp_path / "second" / "model" / "model.safetensors"))
    assert wa.keys() == wb.keys() and all(torch.equal(wa[k], wb[k]) for k in wa)
    history = [json.loads((tmp_path / n / "history.json").read_text())["history"] for n in ("first", "second")]

    def drop_timing(rows):
        return [{k: v for k, v in r.items() if k not in ("seconds", "train_samples_per_s")} for r in rows]

    assert drop_timing(history[0]) == drop_timing(history[1])

    # metrics.json records what produced it.
    import transformers

    import resume_bert

    metrics = json.loads((tmp_path / "first" / "metrics.json").read_text())
    assert metrics["seed"] == 42
    assert metrics["model_name_or_path"] == str(tiny_model_dir)
    assert metrics["versions"]["torch"] == torch.__version__
    assert metrics["versions"]["transformers"] == transformers.__version__
    assert metrics["versions"]["resume_bert"] == resume_bert.__version__
    assert METRIC_KEYS <= set(metrics)


def test_train_and_evaluate_record_the_seed_the_model_and_the_versions(trained, tiny_model_dir, tmp_path):
    from resume_bert.app import cli

    out = trained.out
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["seed"] == 5 and metrics["model_name_or_path"] == str(tiny_model_dir)
    assert {"torch", "transformers", "resume_bert"} <= set(metrics["versions"])
    command = ["evaluate", "--model-dir", out / "model", "--data-path", out / "data" / "test.csv"]
    assert cli.main([*map(str, command), "--output", str(tmp_path / "eval.json")]) == 0
    evaluation = json.loads((tmp_path / "eval.json").read_text())
    assert {"torch", "transformers", "resume_bert"} <= set(evaluation["versions"])
    assert evaluation["model_dir"] == str(out / "model")
