"""Two CPU processes under torchrun (gloo): each trains on its own half of every epoch, one model folder comes out."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, make_toy_frame

pytestmark = pytest.mark.subprocess

SCRIPT = Path(__file__).with_name("distributed_train.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def prepared_dir(tmp_path, tiny_model_dir) -> Path:
    """Notebook 01 and 02's outputs for a toy CSV, with 96 training rows (12 batches of 8: 6 per process)."""
    from resume_bert.app.workflow import analyse_tokenization, prepare_data

    csv = tmp_path / "toy.csv"
    make_toy_frame(n_per_label=40).to_csv(csv, index=False)
    out = tmp_path / "out"
    prepare_data(csv, out, seed=0, max_train_samples=96)
    analyse_tokenization(out, str(tiny_model_dir), max_length=32)
    return out


def torchrun(*args: str) -> subprocess.CompletedProcess:
    """`torchrun --nproc_per_node 2 ARGS` on this machine's CPU (gloo), one thread per process."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO), "TOKENIZERS_PARALLELISM": "false"}
    command = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_addr", "127.0.0.1"]
    command += ["--master_port", str(free_port()), *args]
    env["CUDA_VISIBLE_DEVICES"] = ""
    return subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=240)


def test_two_processes_split_the_data_and_save_one_model(prepared_dir, tiny_model_dir):
    proc = torchrun(str(SCRIPT), str(prepared_dir), str(tiny_model_dir))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    logs = [json.loads((prepared_dir / f"indices_rank{r}.json").read_text()) for r in (0, 1)]
    n_train = logs[0]["n_train"]
    assert n_train == 96
    assert all(log["num_processes"] == 2 for log in logs)
    half = n_train // 2
    for log in logs:
        assert len(log["read"]) == 2 * half, "each process reads half the rows in each of the 2 epochs"
        assert log["samples_seen"] == 2 * half
    for epoch in range(2):
        mine, theirs = (set(log["read"][epoch * half : (epoch + 1) * half]) for log in logs)
        assert len(mine) == len(theirs) == half, "no row twice within one process's epoch"
        assert not mine & theirs, f"epoch {epoch + 1}: the two processes shared rows"
        assert mine | theirs == set(range(n_train)), f"epoch {epoch + 1}: some rows were never trained on"
    # The batches are reshuffled each epoch, not replayed.
    assert logs[0]["read"][:half] != logs[0]["read"][half:]

    model_folders = [p.parent for p in prepared_dir.rglob("config.json")]
    assert model_folders == [prepared_dir / "model"], model_folders
    assert {"config.json", "model.safetensors"} <= {p.name for p in (prepared_dir / "model").iterdir()}
    assert not [p for p in prepared_dir.rglob("*") if ".tmp" in p.name], "a temporary folder was left behind"
    history = json.loads((prepared_dir / "history.json").read_text())
    assert history["num_processes"] == 2

    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(prepared_dir / "model")
    labels = sorted(pd.read_csv(prepared_dir / "data" / "train.csv")["label"].unique())
    assert sorted(model.config.id2label.values()) == labels
