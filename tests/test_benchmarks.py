"""The GPU benchmark script still runs end to end (its --smoke mode: tiny model, a few CPU steps)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO


def test_gpu_train_speed_smoke_runs_both_peers(tmp_path):
    env = {**os.environ, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    proc = subprocess.run([sys.executable, "benchmarks/gpu_train_speed.py", "--smoke", "--batch-sizes", "8",
                           "--output-dir", str(tmp_path)], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    result = json.loads((tmp_path / "gpu_train_speed_vs_trainer_b8.json").read_text())
    assert result["batch"] == 8 and set(result["runs"]) == {"resume_bert", "trainer_tuned"}
    assert all(run["samples_per_s"] > 0 for run in result["runs"].values())
    tuned = result["runs"]["trainer_tuned"]["settings"]
    assert tuned["optim"] == "adamw_torch_fused" and tuned["train_sampling_strategy"] == "group_by_length"
