"""The GPU check still runs end to end in its smoke mode (tiny model, a few CPU steps), and the bundled encoder's fp16 trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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
