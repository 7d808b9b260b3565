"""The GPU check and the recipe study still run end to end in their smoke modes (tiny model, a few CPU steps); the study's pieces; the bundled encoder's fp16 trip."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pandas as pd
import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import results_table  # noqa: E402
from bundled_fp16 import pack, unpack  # noqa: E402


def test_fp16_copy_unpacks_to_fp32_weights_within_fp16_rounding(tiny_model_dir, tmp_path):
    import torch
    from safetensors.torch import load_file

    note = pack(tmp_path / "half", tiny_model_dir)
    assert 0 < note["relative_rounding_error"] < 1e-3
    assert {v.dtype for v in load_file(tmp_path / "half" / "model.safetensors").values()} <= {
        torch.float16,
        torch.int64,
    }
    unpack(tmp_path / "half", tmp_path / "full")
    before, after = load_file(tiny_model_dir / "model.safetensors"), load_file(tmp_path / "full" / "model.safetensors")
    assert before.keys() == after.keys()
    for name, weight in before.items():
        assert after[name].dtype == weight.dtype
        torch.testing.assert_close(after[name], weight, rtol=1e-3, atol=1e-4)
    assert (tmp_path / "full" / "tokenizer.json").is_file() and (tmp_path / "full" / "config.json").is_file()


def test_unpack_names_the_pack_command_when_the_copy_is_missing(tmp_path):
    with pytest.raises(SystemExit, match="bundled_fp16.py pack"):
        unpack(tmp_path / "nothing", tmp_path / "out")


@pytest.mark.subprocess
def test_gpu_check_smoke_writes_every_result(tiny_model_dir, tmp_path):
    pack(tmp_path / "half", tiny_model_dir)
    out = tmp_path / "out"
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "CUDA_VISIBLE_DEVICES": "",
        "PYTHON": sys.executable,
        "OUT": str(out),
        "BUNDLED_FP16": str(tmp_path / "half"),
    }
    proc = subprocess.run(
        ["bash", "benchmarks/gpu_check.sh", "--smoke"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-3000:]
    assert sorted(p.name for p in out.iterdir()) == [
        "gpu_check.json",
        "gpu_check.log",
        "gpu_train_speed_vs_trainer_b8.json",
        "train_f1_gpu_seed42.json",
    ]
    summary = json.loads((out / "gpu_check.json").read_text())
    assert list(summary["steps"]) == [
        "unpack_bundled",
        "gpu_train_speed",
        "train_f1_seed42",
        "resume_bert_train",
        "gpu_profile",
    ]
    assert all(step["exit_status"] == 0 for step in summary["steps"].values())
    [speed] = summary["speed"]
    assert speed["batch"] == 8 and speed["resume_bert"] > 0 and speed["trainer_tuned"] > 0
    assert speed["ratio"] == round(speed["resume_bert"] / speed["trainer_tuned"], 2)
    f1 = summary["macro_f1_vs_trainer"]
    assert f1["seeds"] == [42] and all(0 <= x <= 1 for x in f1["resume_bert"] + f1["trainer_tuned"])
    assert f1["model"].endswith("bundled")  # the unpacked copy, not a hub id
    train = summary["resume_bert_train"]
    assert (
        train["device"] == "cpu" and 0 <= train["best_val_macro_f1"] <= 1 and len(train["val_macro_f1_per_epoch"]) == 1
    )
    assert summary["profile"]["batch"] == 8 and summary["profile"]["scalar_reads_per_step"] >= 0
    assert [t["target"].split(":")[0] for t in summary["targets"]] == [
        "batch 8",
        "val macro-F1 within 0.01 of the tuned Trainer (mean of 1 seeds)",
    ]
    tuned = json.loads((out / "gpu_train_speed_vs_trainer_b8.json").read_text())["runs"]["trainer_tuned"]["settings"]
    assert tuned["optim"] == "adamw_torch_fused" and tuned["train_sampling_strategy"] == "group_by_length"
    log = (out / "gpu_check.log").read_text()
    assert log.startswith("=== machine") and "targets:" in log and log.rstrip().endswith("gpu_check.json")


@pytest.mark.parametrize("path, tag", list(results_table.BLOCKS))
def test_readme_blocks_are_what_results_table_writes(path, tag):
    """Every generated block equals its table made from benchmarks/results/*.json (`results_table.py --write`)."""
    import re

    make = results_table.BLOCKS[path, tag]
    found = re.search(
        rf"<!-- {tag}:begin -->\n(.*?)<!-- {tag}:end -->", (REPO / path).read_text(encoding="utf-8"), re.S
    )
    assert found, f"{path} lacks its {tag} block"
    assert found.group(1) == make() + "\n", (
        f"{path}'s {tag} block is stale: run python benchmarks/results_table.py --write"
    )


def _toy_study_data(tiny_model_dir, max_length=32):
    from conftest import make_toy_frame
    from recipe_training import StudyData

    from resume_bert.app.model_loading import load_tokenizer
    from resume_bert.dataset import ClassificationDataset
    from resume_bert.preparation import LabelMap, split_dataset

    frame = make_toy_frame(30)
    splits = split_dataset(frame)
    label_map = LabelMap.from_labels(frame["label"])
    tokenizer, _ = load_tokenizer(str(tiny_model_dir))

    def dataset(part):
        return ClassificationDataset(part["text"].tolist(), label_map.encode(part["label"]), tokenizer, max_length)

    data = StudyData(
        train=splits["train"],
        val_dataset=dataset(splits["val"]),
        dev_dataset=dataset(splits["test"]),
        label_map=label_map,
        tokenizer=tokenizer,
        max_length=max_length,
        kinds=None,
    )
    return data, dataset


@pytest.fixture
def one_thread():
    """torch on one thread for this test only: later tests compare in-process runs with subprocesses bit for bit."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def test_recipe_study_default_run_trains_as_train_classifier(tiny_model_dir, one_thread):
    """The study's loop with the default recipe gives `resume-bert train`'s epochs, number for number, and its kept epoch."""
    from recipe_analysis import epoch_kept_by_validation
    from recipe_training import Recipe, train_and_score

    from resume_bert.app.model_loading import load_model
    from resume_bert.app.training_run import train_classifier
    from resume_bert.training import TrainingConfig, set_seed

    data, dataset = _toy_study_data(tiny_model_dir)
    dev_calls = []

    def score_epoch(val_logits, val_labels, dev_logits):
        dev_calls.append(dev_logits.shape)
        return {"dev": {"accuracy": 0.0, "group_mean": 0.0}}

    recipe = Recipe(num_train_epochs=3, learning_rate=1e-3)
    mine = train_and_score(recipe, 7, data, str(tiny_model_dir), score_epoch)
    set_seed(7)
    model, _ = load_model(str(tiny_model_dir), data.label_map)
    theirs = train_classifier(
        model,
        dataset(data.train),
        data.val_dataset,
        TrainingConfig(num_train_epochs=3, learning_rate=1e-3, seed=7),
        pad_token_id=data.tokenizer.pad_token_id,
        show_progress=False,
    )
    assert dev_calls == [(len(data.dev_dataset), len(data.label_map))] * 3
    for a, b in zip(mine["epochs"], theirs.history, strict=True):
        assert a["train_loss"] == pytest.approx(b["train_loss"], abs=1e-5)
        assert a["val_loss"] == pytest.approx(b["val_loss"], abs=1e-5)
        assert a["val_macro_f1"] == pytest.approx(b["val_macro_f1"], abs=1e-5)
    assert epoch_kept_by_validation(mine["epochs"]) == theirs.best_epoch


def test_layer_decay_gives_each_layer_its_learning_rate_and_keeps_weight_decay_groups(tiny_model_dir):
    from recipe_training import layer_decayed

    from resume_bert.app.model_loading import load_model
    from resume_bert.preparation import LabelMap
    from resume_bert.training import build_optimizer

    model, _ = load_model(str(tiny_model_dir), LabelMap(["a", "b", "c"]))
    plain = build_optimizer(model, 1e-3, 0.01, "cpu")
    decayed = layer_decayed(plain, model, 0.5)
    lr, wd = {}, {}
    for group in decayed.param_groups:
        for p in group["params"]:
            lr[id(p)], wd[id(p)] = group["lr"], group["weight_decay"]
    named = dict(model.named_parameters())
    assert set(lr) == {id(p) for p in named.values()}
    # 2 layers: the head learns at 1e-3, layer 1 at half, layer 0 at a quarter, the embeddings at an eighth.
    assert lr[id(named["classifier.weight"])] == pytest.approx(1e-3)
    assert lr[id(named["bert.encoder.layer.1.attention.self.query.weight"])] == pytest.approx(5e-4)
    assert lr[id(named["bert.encoder.layer.0.output.dense.weight"])] == pytest.approx(2.5e-4)
    assert lr[id(named["bert.embeddings.word_embeddings.weight"])] == pytest.approx(1.25e-4)
    assert wd[id(named["bert.encoder.layer.0.output.LayerNorm.weight"])] == 0.0
    assert wd[id(named["bert.encoder.layer.0.output.dense.bias"])] == 0.0
    assert wd[id(named["bert.encoder.layer.0.output.dense.weight"])] == 0.01
    assert decayed.defaults["fused"] == plain.defaults["fused"]


def test_set_dropout_reaches_every_dropout_and_the_config(tiny_model_dir):
    import torch
    from recipe_training import set_dropout

    from resume_bert.app.model_loading import load_model
    from resume_bert.preparation import LabelMap

    model, _ = load_model(str(tiny_model_dir), LabelMap(["a", "b"]))
    set_dropout(model, 0.3)
    rates = [m.p for m in model.modules() if isinstance(m, torch.nn.Dropout)]
    assert len(rates) >= 2 * 3 + 2 and set(rates) == {0.3}  # per layer: attention, two outputs; embeddings, head
    assert model.config.hidden_dropout_prob == model.config.attention_probs_dropout_prob == 0.3
    set_dropout(model, None)
    assert {m.p for m in model.modules() if isinstance(m, torch.nn.Dropout)} == {0.3}


def test_head_warmup_starts_the_head_from_a_logistic_regression_on_the_frozen_features(tiny_model_dir):
    import numpy as np
    import torch
    from recipe_training import fit_head, pooled_features
    from sklearn.linear_model import LogisticRegression

    from resume_bert.app.model_loading import load_model

    data, dataset = _toy_study_data(tiny_model_dir)
    train = dataset(data.train)
    model, _ = load_model(str(tiny_model_dir), data.label_map)
    before = model.classifier.weight.detach().clone()
    features = pooled_features(model, train, data.tokenizer.pad_token_id, "cpu")
    fit_head(model, train, data.tokenizer.pad_token_id, "cpu", seed=0)
    probe = LogisticRegression(max_iter=2000, random_state=0).fit(features, train.labels)
    with torch.no_grad():
        logits = model.classifier(torch.from_numpy(features)).numpy()
    assert not torch.equal(before, model.classifier.weight)
    assert (logits.argmax(1) == probe.predict(features)).all()
    np.testing.assert_allclose(logits[:, probe.classes_], probe.decision_function(features), rtol=1e-4, atol=1e-4)
    # the encoder is left as it was: the probe reads the same features afterwards
    np.testing.assert_array_equal(pooled_features(model, train, data.tokenizer.pad_token_id, "cpu"), features)


def _dev_logits_per_epoch(tiny_model_dir, epochs: int, recipes: dict[str, dict]) -> tuple[dict, dict]:
    """Each recipe (name -> changes) trained on the toy data from one seed: (runs, the dev logits of every epoch)."""
    from recipe_training import Recipe, train_and_score

    data, _ = _toy_study_data(tiny_model_dir)
    dev = {}

    def score_epoch(name):
        def score(val_logits, val_labels, dev_logits):
            dev.setdefault(name, []).append(dev_logits)
            return {"dev": {"accuracy": 0.0, "group_mean": 0.0}}

        return score

    runs = {
        name: train_and_score(
            Recipe(num_train_epochs=epochs, learning_rate=1e-3, **changes),
            7,
            data,
            str(tiny_model_dir),
            score_epoch(name),
        )
        for name, changes in recipes.items()
    }
    return runs, dev


def test_weight_averaging_scores_the_mean_of_the_epochs_weights_and_trains_as_the_default(tiny_model_dir, one_thread):
    import torch
    from recipe_training import running_average

    layer = torch.nn.Linear(2, 1)
    average = None
    for n, value in enumerate((1.0, 2.0, 6.0)):
        torch.nn.init.constant_(layer.weight, value)
        average = running_average(average, {k: v.clone() for k, v in layer.state_dict().items()}, n)
    assert torch.allclose(average["weight"], torch.full((1, 2), 3.0))

    runs, dev = _dev_logits_per_epoch(tiny_model_dir, 3, {"default": {}, "average": {"average_epochs": True}})
    # training is the same; the first epoch is its own average, the later ones are scored with the mean weights
    assert [e["train_loss"] for e in runs["average"]["epochs"]] == [e["train_loss"] for e in runs["default"]["epochs"]]
    assert (dev["average"][0] == dev["default"][0]).all()
    assert not (dev["average"][2] == dev["default"][2]).all()


def test_mean_pooling_feeds_the_head_the_masked_mean_of_the_token_vectors(tiny_model_dir):
    import torch
    from recipe_training import use_mean_pooling

    from resume_bert.app.model_loading import load_model
    from resume_bert.preparation import LabelMap

    model, _ = load_model(str(tiny_model_dir), LabelMap(["a", "b", "c"]))
    model.eval()
    ids = torch.tensor([[2, 7, 9, 3], [2, 8, 3, 0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    with torch.no_grad():
        cls_logits = model(input_ids=ids, attention_mask=mask).logits
        use_mean_pooling(model)
        logits = model(input_ids=ids, attention_mask=mask).logits
        hidden = model.base_model(input_ids=ids, attention_mask=mask).last_hidden_state
        # the padded item's mean leaves its padding out: the same as the item alone
        alone = model.base_model(input_ids=ids[1:, :3], attention_mask=mask[1:, :3]).last_hidden_state.mean(dim=1)
    expected = torch.stack([hidden[0].mean(dim=0), hidden[1, :3].mean(dim=0)])
    torch.testing.assert_close(logits, model.classifier(expected))
    torch.testing.assert_close(expected[1:], alone, atol=1e-5, rtol=1e-4)
    assert not torch.allclose(logits, cls_logits)


def test_interpolation_moves_only_the_encoder_back_toward_its_pretrained_weights(tiny_model_dir, one_thread):
    import torch
    from recipe_training import interpolated

    pretrained = {"bert.w": torch.zeros(2), "bert.ids": torch.tensor([0, 1]), "classifier.w": torch.zeros(2)}
    tuned = {"bert.w": torch.full((2,), 4.0), "bert.ids": torch.tensor([5, 6]), "classifier.w": torch.ones(2)}
    mixed = interpolated(pretrained, tuned, 0.25, "bert.")
    assert mixed["bert.w"].tolist() == [1.0, 1.0]  # a quarter of the way from pretrained to tuned
    assert mixed["bert.ids"].tolist() == [5, 6] and mixed["classifier.w"].tolist() == [1.0, 1.0]
    assert tuned["bert.w"].tolist() == [4.0, 4.0]  # the inputs are left as they were

    runs, dev = _dev_logits_per_epoch(tiny_model_dir, 2, {"default": {}, "wise": {"interpolation": 0.5}})
    # training goes on from the fine-tuned weights; only what is scored differs
    assert [e["train_loss"] for e in runs["wise"]["epochs"]] == [e["train_loss"] for e in runs["default"]["epochs"]]
    assert not (dev["wise"][1] == dev["default"][1]).all()


def test_the_knobs_added_last_leave_earlier_cached_runs_their_names():
    from dataclasses import asdict

    from recipe_training import LATER_KNOBS, Recipe

    old = {k: v for k, v in asdict(Recipe()).items() if k not in LATER_KNOBS}
    assert Recipe().cache_fields() == old
    assert Recipe(head_warmup=True).cache_fields() == {**old, "head_warmup": True}
    later = (Recipe(head_warmup=True), Recipe(average_epochs=True), Recipe(pooling="mean"), Recipe(interpolation=0.5))
    assert len({Recipe().key(), *(r.key() for r in later)}) == 5


def test_subsample_resumes_keeps_whole_resumes_in_the_asked_mix():
    import pandas as pd
    from recipe_training import DataRecipeError, Recipe, subsample_resumes

    ids = [f"R{i:04d}" for i in range(40)]
    train = pd.DataFrame([{"text": f"{r} {k}", "label": "x", "resume_id": r} for r in ids for k in range(3)])
    kinds = {r: "pdf" if i < 20 else "text" for i, r in enumerate(ids)}
    half = subsample_resumes(train, Recipe(train_resumes=0.5), kinds, seed=1)
    assert half["resume_id"].nunique() == 20 and len(half) == 60
    mixed = subsample_resumes(train, Recipe(train_resumes=0.5, rendered_share=0.75), kinds, seed=1)
    kept = set(mixed["resume_id"])
    assert len(kept) == 20 and sum(kinds[r] != "text" for r in kept) == 15
    assert mixed.groupby("resume_id").size().eq(3).all()
    assert subsample_resumes(train, Recipe(), kinds, seed=1).equals(train)
    with pytest.raises(DataRecipeError, match="needs 30 rendered"):
        subsample_resumes(train, Recipe(train_resumes=1.0, rendered_share=0.75), kinds, seed=1)


def test_twice_the_resumes_adds_the_generators_next_ones_whole():
    import pandas as pd
    from recipe_training import DataRecipeError, Recipe, subsample_resumes

    def rows(ids):
        return pd.DataFrame([{"text": f"{r} {k}", "label": "x", "resume_id": r} for r in ids for k in range(3)])

    train, more = rows([f"R{i:04d}" for i in range(10)]), rows([f"R{i:04d}" for i in range(10, 25)])
    doubled = subsample_resumes(train, Recipe(train_resumes=2.0), None, seed=1, more=more)
    assert doubled.head(len(train)).equals(train)  # the training split whole, then the first 10 of `more`
    assert list(dict.fromkeys(doubled["resume_id"]))[10:] == [f"R{i:04d}" for i in range(10, 20)]
    assert len(doubled) == 60
    with pytest.raises(DataRecipeError, match="needs 20 more generated resumes"):
        subsample_resumes(train, Recipe(train_resumes=3.0), None, seed=1, more=more)
    with pytest.raises(DataRecipeError, match="there are 0"):
        subsample_resumes(train, Recipe(train_resumes=2.0), None, seed=1)


def test_the_generators_next_resumes_are_none_of_the_data_files(tmp_path):
    import pandas as pd
    from recipe_training import generator_data

    data = pd.read_csv(REPO / "data" / "resume_chunks.csv", dtype=str, keep_default_na=False)
    first = data[data["resume_id"].isin(list(dict.fromkeys(data["resume_id"]))[:3])]
    path = tmp_path / "three.csv"
    first.to_csv(path, index=False)
    kinds, kinds_why, more, why = generator_data(path, True, 2)  # one rerun of the generator for both
    assert why == "" and more["resume_id"].nunique() == 2
    assert not set(more["resume_id"]) & set(first["resume_id"]) and not set(more["text"]) <= set(first["text"])
    assert more["resume_id"].isin(data["resume_id"]).all()  # the data file's 4th and 5th resumes
    assert kinds_why == "" and set(kinds) == set(first["resume_id"]) and set(kinds.values()) <= {"text", "pdf", "docx"}
    assert generator_data(path, False, 0) == (None, "not needed", None, "not needed")
    first.assign(text=first["text"].str.upper()).to_csv(path, index=False)
    kinds, kinds_why, more, why = generator_data(path, True, 2)
    assert more is None and "the generator's first resumes are not three.csv" in why
    assert kinds is None and kinds_why == why


def test_a_combination_that_sets_one_knob_twice_is_left_out():
    from recipe_study import SCREEN, combinations

    def groups(score):
        return {"x": score, "y": score}

    table = {("default", 4): groups(0.80), ("resumes2", 4): groups(0.90), ("resumes0.5", 4): groups(0.70)}
    table |= {("rendered0.25", 4): groups(0.75), ("smooth0.1", 4): groups(0.86)}
    combos = combinations(table)  # ahead: resumes2 (+0.10), smooth0.1 (+0.06), rendered0.25 (+0.05 on resumes0.5)
    assert SCREEN["rendered0.25"][2]["train_resumes"] != SCREEN["resumes2"][2]["train_resumes"]
    assert set(combos) == {"resumes2+smooth0.1", "smooth0.1+rendered0.25"}
    assert combos["resumes2+smooth0.1"] == {"train_resumes": 2.0, "label_smoothing": 0.1}


def test_every_real_resume_source_has_a_group():
    import pandas as pd
    from recipe_analysis import SOURCE_GROUPS, source_group

    dev = pd.read_csv(REPO / "data" / "real_dev_chunks.csv", dtype=str, keep_default_na=False)
    groups = dev["source"].map(source_group)
    assert groups.nunique() >= 4 and groups.value_counts().min() >= 15
    assert set(groups[dev["resume_id"].isin(["R054", "R055", "R056", "R059"])]) == {"non-software"}
    # every source listed in SOURCES.md has a group, so a resume moved into the dev part needs no new rule
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", (REPO / "data/real_resumes/SOURCES.md").read_text(), re.M)
    assert len(listed) >= 59 and set(dev["source"]) <= set(listed)
    assert {source_group(s) for s in listed} <= set(SOURCE_GROUPS)
    with pytest.raises(ValueError, match="add its prefix to SOURCE_GROUPS"):
        source_group("somewhere-new")


def test_leave_one_source_out_chooses_without_the_group_and_scores_on_it():
    from recipe_analysis import leave_one_source_out

    table = {  # (recipe, epoch) -> group -> accuracy
        ("default", 1): {"x": 0.9, "y": 0.5, "z": 0.6},
        ("default", 2): {"x": 0.8, "y": 0.7, "z": 0.7},
        ("b", 1): {"x": 1.0, "y": 0.9, "z": 0.3},
    }
    result = leave_one_source_out(table, {"x": 0.9, "y": 0.5, "z": 0.6})
    rows = {row["group"]: row for row in result["rows"]}
    assert rows["x"]["chosen"] == ["default", 2] and rows["x"]["score"] == 0.8  # on y, z: 0.70 against 0.55, 0.60
    assert rows["y"]["chosen"] == ["default", 1] and rows["y"]["score"] == 0.5  # a tie on x, z: the earlier epoch
    assert rows["z"]["chosen"] == ["b", 1] and rows["z"]["score"] == 0.3  # on x, y: 0.95
    assert rows["z"]["default_dev_epoch"] == [2, 0.7] and rows["z"]["default_validation_epoch"] == 0.6
    assert rows["y"]["chosen_others_mean"] == 0.75
    assert result["summary"]["score"] == {"mean": round((0.8 + 0.5 + 0.3) / 3, 4), "worst": 0.3}
    assert result["summary"]["default_validation_epoch"] == {"mean": round(2 / 3, 4), "worst": 0.5}


def test_recommendation_keeps_the_default_recipe_unless_another_holds_better_beyond_noise():
    from recipe_analysis import recommend

    table = {
        ("default", 1): {"x": 0.80, "y": 0.70},
        ("default", 2): {"x": 0.90, "y": 0.72},
        ("b", 3): {"x": 0.85, "y": 0.78},
        ("c", 1): {"x": 0.99, "y": 0.60},  # the best mean, the worst group
    }
    within = recommend(table, n_seeds=3, sd_worst=0.05)  # margin 2 * 0.05 * sqrt(2/3) = 0.082 > 0.06
    assert within["best"]["recipe"] == "b" and within["default"]["epoch"] == 2
    assert within["within_noise"] is True and (within["recipe"], within["epoch"]) == ("default", 2)
    beyond = recommend(table, n_seeds=3, sd_worst=0.01)
    assert beyond["within_noise"] is False and (beyond["recipe"], beyond["epoch"]) == ("b", 3)
    one_seed = recommend(table, n_seeds=1, sd_worst=None)
    assert one_seed["within_noise"] is None and one_seed["recipe"] == "b"


def test_epoch_kept_by_validation_stops_early_as_train_classifier_does():
    from recipe_analysis import epoch_kept_by_validation

    def history(f1s):
        return [{"epoch": i + 1, "val_macro_f1": f} for i, f in enumerate(f1s)]

    # The default patience, TrainingConfig's (1): the first epoch without a gain ends the run.
    assert epoch_kept_by_validation(history([0.5, 0.6, 0.55, 0.7])) == 2  # stopped after epoch 3
    assert epoch_kept_by_validation(history([0.5, 0.6, 0.7])) == 3
    assert epoch_kept_by_validation(history([0.9, 0.9, 0.9])) == 1  # the first best
    assert epoch_kept_by_validation(history([0.5, 0.6, 0.55, 0.58, 0.7]), patience=2) == 2  # stopped after epoch 4
    assert epoch_kept_by_validation(history([0.5, 0.6, 0.55, 0.7]), patience=2) == 4  # no stop before the last


def test_epoch_kept_by_dev_follows_dev_accuracy_not_validation():
    from recipe_analysis import epoch_kept_by_dev

    epochs = [
        {"epoch": i + 1, "val_macro_f1": f, "dev": {"accuracy": a}}
        for i, (f, a) in enumerate([(0.90, 0.80), (0.95, 0.94), (0.99, 0.93), (0.99, 0.96)])
    ]
    assert epoch_kept_by_dev(epochs) == 2  # epoch 3 does not beat it on dev: the run stops there
    assert epoch_kept_by_dev(epochs, patience=2) == 4


def test_the_draws_table_keeps_each_runs_dev_epoch_and_waits_for_every_sample(tmp_path, monkeypatch):
    def study(accuracies_by_seed, sha):
        runs = [
            {
                "recipe": "default",
                "seed": seed,
                "epochs": [
                    {"epoch": i + 1, "dev": {"accuracy": a, "group_mean": a - 0.01, "worst_group": a - 0.05}}
                    for i, a in enumerate(accuracies)
                ],
            }
            for seed, accuracies in accuracies_by_seed.items()
        ]
        return {"runs": runs, "machine": "a test CPU", "data": {"sha256": sha}, "minutes": 14.5}

    from benchmark_setup import data_digest

    monkeypatch.setattr(results_table, "RESULTS", tmp_path)
    (tmp_path / "recipe_study_shortlist.json").write_text(
        json.dumps(study({42: [0.94, 0.93, 0.95, 0.95], 1: [0.96, 0.90, 0.93, 0.95]}, data_digest()))
    )
    (tmp_path / "recipe_study_draw14.json").write_text(json.dumps(study({42: [0.78, 0.95, 0.97, 0.97]}, "x")))
    assert results_table.draws_block().startswith("Not measured yet")  # the --seed 15 sample is missing
    (tmp_path / "recipe_study_draw15.json").write_text(json.dumps(study({42: [0.75, 0.84, 0.90, 0.91]}, "y")))
    block = results_table.draws_block()
    assert (
        "| committed (`data/resume_chunks.csv`) | 42 | 0.940, 0.930, 0.950, 0.950 | 1 | 0.940 | 0.930 | 0.890 |"
        in block
    )
    assert "| `--seed 14` | 42 | 0.780, 0.950, 0.970, 0.970 | 3 | 0.970 | 0.960 | 0.920 |" in block
    assert "| `--seed 15` | 42 | 0.750, 0.840, 0.900, 0.910 | 4 | 0.910 |" in block
    assert "committed (`data/resume_chunks.csv`) 0.950 (2 seeds)" in block  # mean of 0.94 and 0.96
    assert "on a test CPU, 14.5 min and 14.5 min." in block  # each other sample's time, as measured
    # the made-up studies record no dev digest, so they count as scored on another dev part
    assert "Some of them were scored on an earlier version of the real-resume development part." in block
    # Another committed CSV (a changed generator): the other samples are of the earlier one too.
    stale = json.loads((tmp_path / "recipe_study_shortlist.json").read_text())
    (tmp_path / "recipe_study_shortlist.json").write_text(json.dumps({**stale, "data": {"sha256": "z"}}))
    assert results_table.draws_block().startswith("Measured with an earlier version of the generator")


def test_a_generator_change_is_compared_run_by_run_with_the_same_sample_and_seed(tmp_path, monkeypatch):
    def study(accuracies_by_seed, sha, worst=0.05):
        runs = [
            {
                "recipe": "default",
                "seed": seed,
                "seconds": 285.0,
                "epochs": [
                    {"epoch": i + 1, "dev": {"accuracy": a, "group_mean": a, "worst_group": a - worst}}
                    for i, a in enumerate(accuracies)
                ],
            }
            for seed, accuracies in accuracies_by_seed.items()
        ]
        return {"runs": runs, "machine": "a test CPU", "data": {"sha256": sha}, "minutes": 0.0, "train_minutes": 16.0}

    from benchmark_setup import data_digest

    monkeypatch.setattr(results_table, "RESULTS", tmp_path)

    def write(name, result):
        (tmp_path / f"{name}.json").write_text(json.dumps(result))

    # the unchanged generator: the committed sample has a third seed, which has no twin and is left out
    write(
        "recipe_study_shortlist",
        study({42: [0.94, 0.93, 0.95, 0.95], 1: [0.90, 0.92, 0.93, 0.93], 2: [0.5] * 4}, data_digest()),
    )
    write("recipe_study_draw14", study({42: [0.90, 0.92, 0.91, 0.90], 1: [0.90, 0.90, 0.90, 0.90]}, "x"))
    write("recipe_study_draw15", study({42: [0.92, 0.91, 0.90, 0.90], 1: [0.92, 0.91, 0.90, 0.90]}, "y"))
    write("recipe_study_activities13", study({42: [0.80, 0.96, 0.95, 0.95], 1: [0.91, 0.90, 0.90, 0.90]}, "a", 0.02))
    write("recipe_study_activities14", study({42: [0.93, 0.92, 0.92, 0.92], 1: [0.92, 0.91, 0.91, 0.91]}, "b", 0.02))
    assert results_table.tryout_block("activities").startswith("Not measured yet")  # the third sample is missing
    assert results_table.tryout_sentences() == ""
    write("recipe_study_activities15", study({42: [0.90, 0.91, 0.92, 0.93], 1: [0.93, 0.92, 0.92, 0.92]}, "c", 0.02))
    block = results_table.tryout_block("activities")
    assert "| committed | 42 | 1 | 0.940 | 0.890 | 2 | 0.960 | 0.940 |" in block  # each side at its own kept epoch
    assert "| committed | 1 | 3 | 0.930 | 0.880 | 1 | 0.910 | 0.890 |" in block
    assert "| `--seed 15` | 42 | 1 | 0.920 | 0.870 | 4 | 0.930 | 0.910 |" in block
    assert "| committed | 2 |" not in block
    # kept epochs 1, 3, 2, 1, 1, 1 -> 2, 4, 3, 2, 2, 2 trained; with the change 2, 1, 1, 1, 4, 1 -> 3, 2, 2, 2, 4, 2
    assert "Mean over the 6 runs" in block and "2.5 epochs trained; with the change" in block
    assert "with the change 0.930 and 0.910, 2.5 epochs trained." in block
    # accuracy changes +0.02, -0.02, +0.01, +0.02, +0.01, +0.01: mean +0.0083, sd 0.0147
    assert "dev accuracy +0.008 (standard error 0.006)" in block
    assert "16 min" not in block and "9.5, 9.5 and 9.5 min of training" in block
    sentence = results_table.tryout_sentences()
    assert "trained on 3 samples of the generator from seeds 42 and 1: dev accuracy +0.008" in sentence
    assert sentence.endswith(
        "(standard error 0.006) against the same samples without them. The generator stays as it is."
    )
    stale = json.loads((tmp_path / "recipe_study_shortlist.json").read_text())
    write("recipe_study_shortlist", {**stale, "data": {"sha256": "z"}})
    assert results_table.tryout_block("activities").startswith("Measured with an earlier version of the generator")
    assert results_table.tryout_sentences() == ""


def test_a_recipe_tryout_pairs_its_own_runs_with_the_unchanged_generators_default(tmp_path, monkeypatch):
    from benchmark_setup import data_digest

    monkeypatch.setattr(results_table, "RESULTS", tmp_path)
    tryout = results_table.Tryout(None, "meanpool", "The head reading the mean")
    monkeypatch.setattr(results_table, "TRYOUTS", {"pool": tryout})

    def runs(recipe, accuracies_by_seed):
        return [
            {
                "recipe": recipe,
                "seed": seed,
                "seconds": 240.0 if recipe == "default" else 300.0,
                "epochs": [{"epoch": 1, "dev": {"accuracy": a, "group_mean": a, "worst_group": a - 0.1}}],
            }
            for seed, a in accuracies_by_seed.items()
        ]

    for n, sha in zip((13, 14, 15), (data_digest(), "x", "y")):
        name = results_table.sample_baseline(n).stem
        study = {"machine": "a test CPU", "data": {"sha256": sha}, "minutes": 0.0, "train_minutes": 8.0}
        (tmp_path / f"{name}.json").write_text(json.dumps({**study, "runs": runs("default", {42: 0.90, 1: 0.92})}))
        # the try-out's JSON holds the reused default runs (different numbers here, to tell them apart) and its own
        tried = runs("default", {42: 0.5, 1: 0.5}) + runs("meanpool", {42: 0.91, 1: 0.95})
        (tmp_path / f"recipe_study_pool{n}.json").write_text(json.dumps({**study, "runs": tried}))
    block = results_table.tryout_block("pool")
    assert "`python benchmarks/generator_tryout.py --recipe meanpool --name pool`" in block
    assert "| committed | 42 | 1 | 0.900 | 0.800 | 1 | 0.910 | 0.810 |" in block
    assert "| `--seed 15` | 1 | 1 | 0.920 | 0.820 | 1 | 0.950 | 0.850 |" in block
    assert "0.500" not in block
    assert "10.0, 10.0 and 10.0 min of training" in block  # the two meanpool runs of each sample, not the reused ones
    # changes +0.01, +0.03 three times over: mean +0.02, sd 0.01095, se 0.00447
    assert "dev accuracy +0.020 (standard error 0.004)" in block
    sentence = results_table.tryout_sentences()
    assert sentence == (
        " The head reading the mean, trained on 3 samples of the generator from seeds 42 and 1: dev accuracy "
        "+0.020 (standard error 0.004) against the default recipe on the same samples. The recipe stays as it is."
    )


def _heading_patch(tmp_path, old='        "Technical Skills",\n', new='        "Zebra Skills",\n'):
    """A git diff of the generator that renames one Skills heading."""
    import difflib

    path = "data/resume_generator/phrases.py"
    before = (REPO / path).read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in before
    after = [new if line == old else line for line in before]
    patch = tmp_path / "zebra.patch"
    patch.write_text("".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}")), encoding="utf-8")
    return patch


def test_the_first_sample_a_generator_change_is_judged_on_is_the_committed_data():
    from benchmark_setup import GENERATOR_SAMPLES

    sys.path.insert(0, str(REPO / "data"))
    try:
        import make_resume_chunks
    finally:
        sys.path.remove(str(REPO / "data"))
    assert GENERATOR_SAMPLES[0] == make_resume_chunks.DEFAULT_SEED
    assert len(set(GENERATOR_SAMPLES)) == len(GENERATOR_SAMPLES) >= 3


@pytest.mark.subprocess
def test_generator_tryout_draws_every_sample_from_the_patched_generator_and_leaves_the_tree(tmp_path):
    phrases = (REPO / "data/resume_generator/phrases.py").read_bytes()
    patch, out, data = _heading_patch(tmp_path), tmp_path / "results", tmp_path / "data"
    command = [sys.executable, "benchmarks/generator_tryout.py", str(patch), "--name", "zebra", "--smoke"]
    command += ["--threads", "1", "--output-dir", str(out), "--data-dir", str(data)]
    proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert (REPO / "data/resume_generator/phrases.py").read_bytes() == phrases  # the patch went to a copy
    texts = [pd.read_csv(data / f"zebra{n}.csv")["text"] for n in (13, 14, 15)]
    assert all(len(t) > 100 for t in texts) and len({t.iloc[0] for t in texts}) == 3  # three different samples
    joined = "\n".join(pd.concat(texts))
    assert "Zebra Skills" in joined and "\nTechnical Skills" not in joined
    for n in (13, 14, 15):
        r = json.loads((out / f"recipe_study_zebra{n}.json").read_text())
        assert {(run["recipe"], run["seed"]) for run in r["runs"]} == {("default", 42), ("default", 1)}
        assert r["data"]["path"] == str(data / f"zebra{n}.csv") and "--data-path" in r["command"]


@pytest.mark.subprocess
def test_generator_tryout_trains_a_recipe_beside_the_default_on_the_unchanged_samples(tmp_path):
    out, data = tmp_path / "results", tmp_path / "data"
    command = [sys.executable, "benchmarks/generator_tryout.py", "--recipe", "meanpool", "--name", "pool", "--smoke"]
    command += ["--threads", "1", "--output-dir", str(out), "--data-dir", str(data)]
    proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for n in (13, 14, 15):
        r = json.loads((out / f"recipe_study_pool{n}.json").read_text())
        trained = {(run["recipe"], run["seed"]) for run in r["runs"]}
        assert trained == {(recipe, seed) for recipe in ("default", "meanpool") for seed in (42, 1)}
        assert r["recipes"]["meanpool"]["changes"]["pooling"] == "mean"  # beside --smoke's 2 epochs


def test_generator_tryout_reuses_the_default_runs_only_on_the_very_sample_they_trained_on(tmp_path, monkeypatch):
    import benchmark_setup
    import generator_tryout

    monkeypatch.setattr(benchmark_setup, "RESULTS", tmp_path)
    sample = tmp_path / "sample13.csv"
    sample.write_text("text,label,resume_id\nJava,Skills,r1\n")
    assert generator_tryout.reusable_baseline(13, sample) is None  # no baseline measured yet
    baseline = tmp_path / "recipe_study_shortlist.json"
    baseline.write_text(json.dumps({"data": {"sha256": benchmark_setup.file_sha256(sample)}}))
    assert generator_tryout.reusable_baseline(13, sample) == baseline
    assert generator_tryout.reusable_baseline(14, sample) is None  # another sample's baseline file
    sample.write_text("text,label,resume_id\nJava,Skills,r2\n")  # a patched generator's draw
    assert generator_tryout.reusable_baseline(13, sample) is None


@pytest.mark.parametrize(
    ("options", "message"),
    [([], "nothing to try"), (["--recipe", "nosuch"], "not a recipe of recipe_study.py")],
)
def test_generator_tryout_says_in_one_line_what_it_lacks(options, message, capsys):
    import generator_tryout

    with pytest.raises(SystemExit):
        generator_tryout.main([*options, "--name", "x"])
    assert message in capsys.readouterr().err.strip().splitlines()[-1]


@pytest.mark.subprocess
def test_generator_tryout_names_a_patch_that_does_not_apply_in_one_line(tmp_path):
    patch = _heading_patch(tmp_path)
    text = patch.read_text(encoding="utf-8")
    assert ' "Key Skills",' in text  # a context line, which the generator no longer has once it is changed
    patch.write_text(text.replace(' "Key Skills",', ' "Kee Skills",'), encoding="utf-8")
    command = [sys.executable, "benchmarks/generator_tryout.py", str(patch), "--name", "bad"]
    command += ["--output-dir", str(tmp_path / "out"), "--data-dir", str(tmp_path / "data")]
    proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0 and not (tmp_path / "data" / "bad13.csv").exists()
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and "does not apply" in last and "Traceback" not in proc.stderr


def test_the_readme_sentence_on_twice_the_resumes_takes_each_runs_dev_epoch(tmp_path, monkeypatch):
    from benchmark_setup import data_digest, file_sha256

    def run(recipe, seed, accuracies):
        epochs = [{"epoch": i + 1, "dev": {"accuracy": a}} for i, a in enumerate(accuracies)]
        return {"recipe": recipe, "seed": seed, "epochs": epochs}

    runs = [
        run("default", 42, [0.94, 0.93, 0.95, 0.95]),  # keeps epoch 1 and stops: its later 0.95 never counts
        run("default", 1, [0.96, 0.90, 0.93, 0.95]),
        run("resumes2", 42, [0.94, 0.95, 0.97, 0.95]),
        run("resumes2", 1, [0.91, 0.93, 0.92, 0.94]),
    ]
    study = {"runs": runs, "seeds": [42, 1], "recommendation": {"recipe": "default"}, "data": {"sha256": data_digest()}}
    study["dev"] = {"sha256": file_sha256(REPO / "data" / "real_dev_chunks.csv")}
    monkeypatch.setattr(results_table, "RESULTS", tmp_path)
    assert results_table.resumes2_sentence() == ""
    (tmp_path / "recipe_study_resumes2_800.json").write_text(json.dumps(study))
    sentence = results_table.resumes2_sentence()
    assert (
        "score 0.950 at the epoch the default run keeps, the default recipe 0.950; the rule keeps `default`."
        in sentence
    )
    (tmp_path / "recipe_study_resumes2_800.json").write_text(json.dumps({**study, "data": {"sha256": "other"}}))
    assert results_table.resumes2_sentence() == ""  # measured on other data: said nowhere rather than wrongly
    (tmp_path / "recipe_study_resumes2_800.json").write_text(json.dumps({**study, "dev": {"sha256": "other"}}))
    assert results_table.resumes2_sentence() == ""  # nor when scored on another version of the dev part


def test_recipe_study_smoke_runs_every_stage(tmp_path):
    """The study end to end on a tiny model; its leave-one-source-out rows agree with its own per-epoch scores."""
    from recipe_analysis import candidates

    out = tmp_path / "recipe_study.json"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    proc = subprocess.run(
        [sys.executable, "benchmarks/recipe_study.py", "--smoke", "--threads", "1", "--output", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-3000:]
    r = json.loads(out.read_text())
    n_dev = len(pd.read_csv(REPO / "data" / "real_dev_chunks.csv"))
    assert r["try_out"] and r["dev"]["path"] == "real_dev_chunks.csv" and r["dev"]["n"] == n_dev
    groups = list(r["dev"]["groups"])
    assert len(groups) >= 4 and sum(g["n"] for g in r["dev"]["groups"].values()) == n_dev
    screened = {run["recipe"] for run in r["runs"] if run["stage"] == "screen"}
    assert screened == {"default", "freeze2", "llrd0.8", "smooth0.1", "dropout0.2", "resumes0.5", "meanpool", "wise0.5"}
    for run in r["runs"]:
        assert [e["epoch"] for e in run["epochs"]] == [1, 2]
        for e in run["epochs"]:
            dev = e["dev"]
            assert list(dev["per_group"]) == groups and len(dev["predicted"]) == n_dev
            correct = [p == g for p, g in zip(dev["predicted"], r["dev"]["gold"], strict=True)]
            assert dev["accuracy"] == pytest.approx(sum(correct) / n_dev, abs=1e-4)
            assert 0 <= dev["ece"] <= 1 and 0 <= e["val_macro_f1"] <= 1
    assert r["shortlist"][0] == "default" and len(r["shortlist"]) == 2
    assert {(run["recipe"], run["seed"]) for run in r["runs"] if run["stage"] == "seeds"} == {
        (name, 1) for name in r["shortlist"]
    }
    table = candidates(r["runs"], r["shortlist"], r["seeds"])
    for row in r["loso"]["seeds"]["rows"]:
        others = [g for g in groups if g != row["group"]]
        best = max(sum(v[g] for g in others) / len(others) for v in table.values())
        assert row["chosen_others_mean"] == pytest.approx(best, abs=1e-4)
        assert row["score"] == table[tuple(row["chosen"])][row["group"]]
    assert r["recommendation"]["within_noise"] in (True, False)
    assert "recipe" in r["recommendation"] and "Rule:" in proc.stdout


def test_recipe_study_refuses_a_hold_out(capsys):
    from recipe_study import parse_args

    for name in ("real_holdout_chunks.csv", "holdout_chunks.csv"):
        with pytest.raises(SystemExit) as exit_info:
            parse_args(["--dev-path", f"data/{name}"])
        assert exit_info.value.code == 2 and "is a hold-out" in capsys.readouterr().err


def test_the_recipe_line_says_whether_the_default_run_trains_with_the_chosen_recipe(monkeypatch):
    from recipe_training import Recipe

    from resume_bert import training

    r = results_table.load("recipe_study")
    changes = r["recipes"][r["recommendation"]["recipe"]]["changes"]
    assert changes, "the study recommends a change from its reference"
    reference = {name: getattr(Recipe(), name) for name in changes}
    config = training.TrainingConfig
    monkeypatch.setattr(training, "TrainingConfig", lambda: config(**changes))
    picked = f"`{r['recommendation']['recipe']}`"
    assert f"The default run above trains with {picked}." in results_table.recipe_line()
    monkeypatch.setattr(training, "TrainingConfig", lambda: config(**reference))
    checked = results_table.recipe_line()
    said = f"The default run above does not use {picked}."
    assert said in checked and "has not scored it" not in checked
    assert "Trained as the default run trains (`recipe_check.py`)" in checked
    # the reason comes first: the shortlist rerun on the committed dev part, where there is one
    rerun = results_table.shortlist_sentence()
    if rerun:
        assert checked.index(rerun) < checked.index(said)
    load = results_table.load
    monkeypatch.setattr(results_table, "load", lambda name: None if name == "recipe_check" else load(name))
    unchecked = results_table.recipe_line()
    assert (
        f"does not use {picked}, and the hold-out has not scored it." in unchecked and "recipe_check" not in unchecked
    )


def test_a_result_measured_on_earlier_data_and_check_sets_says_so_in_one_sentence():
    r = {"data_digest": "0" * 16, "real_data": {"dev": "0" * 16, "holdout": "0" * 16}}
    said = results_table.other_versions(r, "adaptation.py")
    assert said == (
        " Measured on earlier versions of data/resume_chunks.csv and of the real-resume check sets: "
        "`python benchmarks/adaptation.py` measures the committed ones."
    )
    from benchmark_setup import data_digest

    only_real = results_table.other_versions({**r, "data_digest": data_digest()}, "adaptation.py")
    assert only_real == results_table.other_real(r, "adaptation.py") and "resume_chunks" not in only_real


def test_the_recipe_check_trains_a_recommendation_with_the_flags_of_resume_bert_train():
    from benchmark_setup import DATA_PATH
    from recipe_check import train_flags, training_data

    from resume_bert.app.cli import build_parser

    flags = train_flags({"learning_rate": 3e-05, "freeze_layers": 2})
    assert flags == ["--learning-rate", "3e-05", "--freeze-layers", "2"]
    args = build_parser().parse_args(["train", "--data-path", "x.csv", "--output-dir", "out", *flags])
    assert (args.learning_rate, args.freeze_layers) == (3e-05, 2)
    with pytest.raises(SystemExit, match="label_smoothing, which `resume-bert train` has no flag for"):
        train_flags({"learning_rate": 3e-05, "label_smoothing": 0.1})
    # the count of generated resumes is not a flag: it is another training CSV
    assert train_flags({"train_resumes": 2.0, "learning_rate": 3e-05}) == ["--learning-rate", "3e-05"]
    assert training_data({"learning_rate": 3e-05}, REPO) == DATA_PATH


def test_the_recipe_check_trains_another_count_of_resumes_on_the_generators_csv_of_that_count(tmp_path):
    import pandas as pd
    from benchmark_setup import DATA_PATH
    from recipe_check import training_data

    path = training_data({"train_resumes": 0.05}, tmp_path)  # 40 of the sample data's 800 resumes
    made, sample = (pd.read_csv(p, dtype=str, keep_default_na=False) for p in (path, DATA_PATH))
    assert path.parent == tmp_path and made["resume_id"].nunique() == 40
    assert made.equals(sample.head(len(made)))  # the generator's first resumes are the sample data's


def test_the_recipe_check_takes_a_recipe_only_if_it_learns_the_generated_split_and_holds_on_real_resumes():
    from recipe_check import TEST_SPLIT_FLOOR, verdict

    def runs(test, real):
        default = {"test": {"accuracy": 0.99}, "real_holdout": {"accuracy": 0.875}}
        return {
            "default": {"sets": default},
            "new": {"sets": {"test": {"accuracy": test}, "real_holdout": {"accuracy": real}}},
        }

    assert verdict(runs(TEST_SPLIT_FLOOR, 0.875), "new").startswith("passes the check")
    assert verdict(runs(TEST_SPLIT_FLOOR - 0.001, 0.95), "new").startswith("not taken: its generated test split")
    assert verdict(runs(0.99, 0.87), "new") == "not taken: it scores below the default run on the real-resume hold-out"


def test_the_recipe_table_asks_for_a_new_check_when_the_recommendation_changed():
    r = results_table.load("recipe_study")
    check = results_table.load("recipe_check")
    recommended = r["recommendation"]["recipe"]
    table = results_table.recipe_check_table(check, recommended)
    assert any(line.startswith(f"| {recommended} |") for line in table) and table[-1].startswith(f"`{recommended}`: ")


def test_the_recipe_check_says_when_the_rerun_on_the_committed_dev_part_keeps_another_recipe(tmp_path, monkeypatch):
    from benchmark_setup import data_digest, file_sha256

    check = results_table.load("recipe_check")
    recommended = check["recommendation"]["recipe"]
    shortlist = {
        "recommendation": {"recipe": "default"},
        "data": {"sha256": data_digest()},
        "dev": {"sha256": file_sha256(REPO / "data" / "real_dev_chunks.csv")},
    }
    monkeypatch.setattr(results_table, "RESULTS", tmp_path)
    (tmp_path / "recipe_check.json").write_text(json.dumps(check))
    assert "does not take it" not in results_table.recipe_check_table(check, recommended)[-1]  # no rerun yet
    (tmp_path / "recipe_study_shortlist.json").write_text(json.dumps(shortlist))
    said = results_table.recipe_check_table(check, recommended)[-1]
    assert said.endswith(
        "The shortlist rerun on the committed development part keeps `default`, so the default run does not take it."
    )
    (tmp_path / "recipe_study_shortlist.json").write_text(json.dumps({**shortlist, "dev": {"sha256": "other"}}))
    assert (
        "does not take it" not in results_table.recipe_check_table(check, recommended)[-1]
    )  # a rerun on another dev part
    (tmp_path / "recipe_study_shortlist.json").write_text(
        json.dumps({**shortlist, "recommendation": {"recipe": recommended}})
    )
    assert "does not take it" not in results_table.recipe_check_table(check, recommended)[-1]
    stale = results_table.recipe_check_table(check, "smooth0.1")
    assert stale == [
        "",
        f"`recipe_check.py` last checked `{check['recommendation']['recipe']}`, not this recommendation: rerun it.",
    ]


def test_a_try_out_of_the_recipe_study_recommends_nothing():
    r = results_table.load("recipe_study")
    assert r["recommendation"]["within_noise"] is not None, "needs a study with seed reruns"
    picked = f"`{r['recommendation']['recipe']}`"
    try_out = results_table.recipe_block({**r, "try_out": True})
    assert "a try-out recommends nothing" in try_out and "**recommended" not in try_out
    study = results_table.recipe_block({**r, "try_out": False})
    assert f"**recommended {picked}" in study and "a try-out recommends nothing" not in study
    # A study that skipped its combinations stage says so; one that ran it does not.
    skipped = results_table.recipe_block({**r, "try_out": False, "combinations": False})
    assert "the combinations stage did not run" in skipped
    assert "combinations stage" not in results_table.recipe_block({**r, "try_out": False, "combinations": True})


def test_a_result_measured_on_other_real_resume_sets_says_so(tmp_path, monkeypatch):
    from benchmark_setup import RESULTS, file_sha256, real_digests

    now = real_digests()
    assert results_table.other_real({"real_data": now}, "segmentation_real.py") == ""
    # the recipe study reads the development part only, and records its whole SHA-256
    dev = file_sha256(REPO / "data" / "real_dev_chunks.csv")
    assert results_table.other_real({"dev": {"sha256": dev}}, "recipe_study.py") == ""
    for stale in ({}, {"real_data": {**now, "holdout": "0" * 16}}, {"dev": {"sha256": "0" * 64}}):
        assert "earlier version of the real-resume check sets" in results_table.other_real(stale, "recipe_study.py")
    # a result that says so is marked where the README quotes it
    monkeypatch.setattr(results_table, "RESULTS", tmp_path)
    committed = json.loads((RESULTS / "segmentation_real.json").read_text())
    (tmp_path / "segmentation_real.json").write_text(json.dumps({**committed, "real_data": now}))
    assert "earlier version" not in results_table.real_segmentation_line()
    (tmp_path / "segmentation_real.json").write_text(json.dumps({**committed, "real_data": {**now, "dev": "0" * 16}}))
    assert "earlier version of the real-resume check sets" in results_table.real_segmentation_line()
    assert "earlier version of the real-resume check sets" in results_table.real_segmentation_block()


def test_a_result_measured_on_another_version_of_the_sample_data_says_so(tmp_path):
    import hashlib

    from benchmark_setup import data_digest

    assert results_table.other_data({"data_digest": data_digest()}, "adaptation.py") == ""
    for stale in ({"data_digest": "0" * 16}, {}, {"data": {"sha256": "0" * 64}}):
        assert "earlier version of data/resume_chunks.csv" in results_table.other_data(stale, "adaptation.py")
    # the recipe study records the data's whole SHA-256 (here of the file as committed, with \n line endings)
    committed = (REPO / "data" / "resume_chunks.csv").read_bytes().replace(b"\r\n", b"\n")
    study = {"data": {"sha256": hashlib.sha256(committed).hexdigest()}}
    assert results_table.other_data(study, "recipe_study.py") == ""
    copy = tmp_path / "resume_chunks.csv"
    copy.write_bytes((REPO / "data" / "resume_chunks.csv").read_bytes().replace(b"\n", b"\r\n"))
    assert data_digest(copy) == data_digest()  # a checkout with Windows line endings is the same data
    copy.write_bytes(copy.read_bytes() + b"x,Skills,r9999\r\n")
    assert data_digest(copy) != data_digest()


def test_an_earlier_studys_runs_count_as_cached_only_if_measured_on_the_same_data(tmp_path):
    from dataclasses import asdict
    from types import SimpleNamespace

    from recipe_study import SPLIT_SEED, Study
    from recipe_training import Recipe

    study = Study.__new__(Study)  # what `reuse` reads of a study, without loading the data
    study.args = SimpleNamespace(cache_dir=tmp_path / "runs", model_name_or_path="bundled")
    study.data = SimpleNamespace(max_length=208, train=range(90), val_dataset=range(10))
    study.fingerprint = {"data": "d", "dev": "v", "model": "bundled", "max_length": 208, "split_seed": SPLIT_SEED}
    study.more_digest = None
    earlier = {
        "try_out": False,
        "cpu": "AMD EPYC",
        "model": "bundled",
        "max_length": 208,
        "data": {"sha256": "d", "split_seed": SPLIT_SEED, "n_train": 90, "n_val": 10},
        "dev": {"sha256": "v"},
        "recipes": {"default": {"recipe": asdict(Recipe())}},
        "runs": [{"recipe": "default", "seed": 1, "epochs": []}],
    }
    path = tmp_path / "earlier.json"
    path.write_text(json.dumps(earlier))
    assert study.reuse(path) == 1 and study.reuse(path) == 1  # the second time from the cache
    record = json.loads(study.cache_path("default", Recipe(), 1).read_text())
    assert record == {"cpu": "AMD EPYC", **earlier["runs"][0]}
    # a run on more generated resumes counts only if they are this study's
    doubled = {"resumes2": {"recipe": asdict(Recipe(train_resumes=2.0))}}
    earlier |= {"recipes": earlier["recipes"] | doubled, "runs": [*earlier["runs"], {"recipe": "resumes2", "seed": 1}]}
    path.write_text(json.dumps(earlier))
    assert study.reuse(path) == 1
    study.more_digest = "m"
    path.write_text(json.dumps({**earlier, "data": {**earlier["data"], "more_sha256": "m"}}))
    assert study.reuse(path) == 2 and study.cache_path("resumes2", Recipe(train_resumes=2.0), 1).exists()
    with pytest.raises(SystemExit, match="no such file"):
        study.reuse(tmp_path / "missing.json")
    # a try-out on every row counts (its epoch overrides are in its recipes); one on part of the rows does not
    path.write_text(json.dumps({**earlier, "try_out": True}))
    assert study.reuse(path) == 1
    for other in ({"sha256": "x"}, {"n_train": 40}, {"n_val": 5}):
        path.write_text(json.dumps({**earlier, "data": {**earlier["data"], **other}}))
        with pytest.raises(SystemExit, match="measured on other data, dev part or model"):
            study.reuse(path)
    path.write_text(json.dumps({**earlier, "max_length": 128}))
    with pytest.raises(SystemExit, match="measured on other data, dev part or model"):
        study.reuse(path)


def test_the_hold_out_by_source_scores_each_group_and_label_of_every_model():
    import pandas as pd
    from holdout_groups import HOLDOUT, group_table, markdown

    frame = pd.DataFrame(
        {
            "text": ["a", "b", "c", "d"],
            "label": ["Skills", "Skills", "Awards", "Education"],
            "source": ["deedy-x", "jsonresume-y", "openstax-z", "deedy-w"],
        }
    )
    table = group_table(frame, {"m1": ["Skills", "Awards", "Awards", "Skills"], "m2": ["Skills"] * 4})
    assert table.loc["all", "chunks"] == 4 and table.loc["all", "m1"] == 0.5 and table.loc["all", "m2"] == 0.5
    assert table.loc["group: deedy", ["chunks", "m1", "m2"]].tolist() == [2, 0.5, 0.5]
    assert table.loc["group: non-software", "m1"] == 1.0 and table.loc["label: Skills", "m2"] == 1.0
    assert "| group: json | 1 | 0.000 | 1.000 |" in markdown(table)
    # every resume of the committed hold-out belongs to a group
    holdout = pd.read_csv(HOLDOUT, dtype=str, keep_default_na=False)
    assert group_table(holdout, {})["chunks"]["all"] == len(holdout)


def test_the_adaptation_cache_is_kept_apart_for_each_version_of_the_sample_data(monkeypatch):
    import adaptation

    adaptation.cache.cache_clear()
    today = adaptation.cache()
    monkeypatch.setattr(adaptation, "data_digest", lambda: "0" * 16)
    adaptation.cache.cache_clear()
    try:
        assert adaptation.cache() != today and adaptation.cache().parent == today.parent == adaptation.CACHE
    finally:
        adaptation.cache.cache_clear()


def test_real_resumes_are_cut_whole_with_and_without_their_headings():
    from resume_files import KeywordClassifier
    from segmentation_real import LAYOUTS, evaluate, whole_resumes

    from resume_bert.resumes.segmentation import SegmentationConfig

    resumes = whole_resumes()
    by_form = {layout: [r for r in resumes if r["layout"] == layout] for layout in LAYOUTS}
    written, bare = by_form["text"], by_form["text-no-headings"]
    assert len(written) == len(bare) >= 40 and {r["part"] for r in written} == {"dev", "hold-out"}
    for a, b in zip(written, bare):
        assert a["file"] == b["file"] and [ln.text for ln in a["extracted"]] == [g["text"] for g in a["gold"]]
        assert len(b["gold"]) <= len(a["gold"])
        # neighbouring chunks of one label are one true section
        sections = [g["section"] for g in a["gold"]]
        labels = {}
        for g in a["gold"]:
            labels.setdefault(g["section"], set()).add(g["label"])
        assert sections == sorted(sections) and all(len(v) == 1 for v in labels.values())
        assert all(labels[s] != labels[s + 1] for s in range(max(sections)))
    assert sum(len(r["gold"]) for r in bare) < sum(len(r["gold"]) for r in written)
    results = evaluate(resumes[:8], KeywordClassifier(), SegmentationConfig())
    assert set(results) == {f"{part} {layout}" for part in ("dev", "hold-out") for layout in LAYOUTS}
    scored = [r for r in results.values() if r["resumes"]]
    assert scored and all(0 <= r[route]["line_accuracy"] <= 1 for r in scored for route in ("model", "header_words"))


def test_training_minutes_are_counted_by_cpu_also_for_runs_that_recorded_none():
    from recipe_study import minutes_by_cpu

    runs = [
        {"seconds": 60, "cpu": "Xeon"},
        {"seconds": 120},
        {"seconds": 30, "cpu": None},
        {"seconds": 90, "cpu": "Xeon"},
    ]
    assert minutes_by_cpu(runs) == {"Xeon": 2.5, "not recorded": 2.5}


def test_source_transfer_scores_each_chunk_of_a_group_once_and_tables_the_shares(tmp_path, monkeypatch):
    from benchmark_setup import data_digest, real_digests
    from source_transfer import folds

    halves = folds(["R3", "R1", "R2", "R1"])
    assert halves == [["R1", "R3"], ["R2"]]  # every resume in one half, each half the other's scoring set
    assert folds(["R9", "R9"]) == []  # one resume: no half to learn from and another to score
    groups = [
        {"group": "json", "chunks": 40, "resumes": 5, "base": 38, "other_sources": 36, "same_source": 39},
        {"group": "federal", "chunks": 10, "resumes": 1, "base": 8, "other_sources": 9},
    ]
    result = {
        "recipe": {"name": "mix2_freeze2"},
        "seed": 42,
        "machine": "a test CPU",
        "minutes": 1.0,
        "data_digest": data_digest(),
        "real_data": {"dev": real_digests()["dev"]},
        "groups": groups,
    }
    monkeypatch.setattr(results_table, "RESULTS", tmp_path)
    assert results_table.transfer_block().startswith("Not measured yet")
    (tmp_path / "source_transfer.json").write_text(json.dumps(result))
    block = results_table.transfer_block()
    assert "| json | 5 | 40 | 0.950 | 0.900 | 0.975 |" in block
    assert "| federal | 1 | 10 | 0.800 | 0.900 | — |" in block
    assert "| all | | 50 | 0.920 | 0.900 | |" in block  # federal has no half of its own to learn from
    groups[1]["same_source"] = 10
    (tmp_path / "source_transfer.json").write_text(json.dumps(result))
    assert "| all | | 50 | 0.920 | 0.900 | 0.980 |" in results_table.transfer_block()
    assert "earlier version" not in block
    (tmp_path / "source_transfer.json").write_text(json.dumps({**result, "real_data": {"dev": "other"}}))
    assert "earlier version of the real-resume check sets" in results_table.transfer_block()


def test_source_transfer_never_adapts_on_the_chunks_it_scores(tmp_path, monkeypatch):
    """main's plumbing with the training faked: what each run learns from and scores, and the counts it writes."""
    import source_transfer

    import resume_bert.app.classifiers

    class AllSkills:
        def predict_labels(self, texts):
            return ["Skills"] * len(texts)

    calls = []

    def fake_adapt(model_dir, corrected, rest, recipe, seed, mix_csv, sets, run_name, dev_path):
        assert not set(corrected.index) & set(rest.index)  # a scored chunk is never a corrected one
        assert dev_path == "none"  # the dev part holds the scored group: it must not choose the epoch
        calls.append((set(corrected["group"]), set(rest["group"]), len(rest)))
        return {"after": {"kind_rest": {"accuracy": 0.5}}}

    monkeypatch.setattr(resume_bert.app.classifiers, "load_classifier", lambda *a, **k: AllSkills())
    monkeypatch.setattr(source_transfer, "adapt_once", fake_adapt)
    out = tmp_path / "transfer.json"
    source_transfer.main(["--output", str(out), "--threads", "1"])
    result = json.loads(out.read_text())
    dev = pd.read_csv(REPO / "data" / "real_dev_chunks.csv")
    dev["group"] = dev["source"].map(source_transfer.source_group)
    assert sum(g["chunks"] for g in result["groups"]) == len(dev)
    for g in result["groups"]:
        part = dev[dev["group"] == g["group"]]
        assert g["base"] == (part["label"] == "Skills").sum()
        assert g["other_sources"] == round(0.5 * len(part))
        cross = [c for c in calls if c[1] == {g["group"]} and g["group"] not in c[0]]
        assert len(cross) == 1 and cross[0][2] == len(part)  # once on the other groups, scored on all of its chunks
        own = [c for c in calls if c[1] == {g["group"]} and g["group"] in c[0]]
        assert len(own) == (2 if g["resumes"] > 1 else 0)
        assert sum(c[2] for c in own) == (len(part) if own else 0)  # the two halves score each chunk once
