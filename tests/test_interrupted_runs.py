"""Interrupted runs end well: a killed run leaves a loadable model, and `--resume` finishes with the same numbers.

Every run here is a real `python -m resume_bert train` process killed with SIGKILL (no
clean-up possible). tests/interrupt_train.py reaches exact moments by wrapping library
functions from outside; one test kills the plain command by watching its files.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, make_toy_frame

pytestmark = [pytest.mark.subprocess, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]

EPOCHS = 2
HELPER = Path(__file__).with_name("interrupt_train.py")


def _env() -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TQDM_DISABLE="1", PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def train_args(data: Path, out: Path, model: Path, seed: int = 42, *extra) -> list[str]:
    return [
        "--data-path",
        str(data),
        "--output-dir",
        str(out),
        "--model-name-or-path",
        str(model),
        "--num-train-epochs",
        str(EPOCHS),
        "--max-length",
        "32",
        "--per-device-train-batch-size",
        "8",
        "--learning-rate",
        "5e-3",
        "--seed",
        str(seed),
        *extra,
    ]


def train_killed(*args, at: str) -> subprocess.CompletedProcess:
    """A training process that SIGKILLs itself at the moment `at` (see tests/interrupt_train.py)."""
    result = subprocess.run(
        [sys.executable, str(HELPER), at, *args], capture_output=True, text=True, cwd=REPO, env=_env(), timeout=300
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    return result


def train(*args, capsys=None) -> str:
    """A run to completion, in this process: the killed ones must be processes, the others need not be."""
    from resume_bert.app import cli

    rc = cli.main(["train", *args])
    captured = capsys.readouterr() if capsys else None
    assert rc == 0, captured.err if captured else rc
    return captured.out if captured else ""


def load_and_predict(model_dir: Path) -> list[str]:
    from resume_bert.app.classifiers import load_classifier

    classifier = load_classifier(model_dir, device="cpu")
    return classifier.predict_labels(["python sql excel", "university bachelor degree", "phone email"])


def weights(model_dir: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(str(model_dir / "model.safetensors"))


def same_weights(a: Path, b: Path) -> bool:
    wa, wb = weights(a), weights(b)
    return wa.keys() == wb.keys() and all(wa[k].equal(wb[k]) for k in wa)


def scores(out: Path) -> dict:
    metrics = json.loads((out / "metrics.json").read_text())
    return {k: metrics[k] for k in ("accuracy", "precision", "recall", "f1", "macro_f1", "per_class")}


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("interrupt-data") / "toy.csv"
    make_toy_frame(n_per_label=10).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def finished(data, tiny_model_dir, tmp_path_factory) -> Path:
    """An uninterrupted run: the previous model for the kill tests and the reference for resume."""
    out = tmp_path_factory.mktemp("finished") / "out"
    train(*train_args(data, out, tiny_model_dir))
    return out


@pytest.mark.parametrize(
    "moment, survivor",
    [
        ("epoch:2:batch:2", "previous"),
        ("model-mid-write", "previous"),
        ("model-moved-away", "previous"),
        ("model-swapped", "new"),
    ],
)
def test_kill_during_training_or_saving_leaves_a_loadable_model(
    moment, survivor, finished, data, tiny_model_dir, tmp_path
):
    out = tmp_path / "out"
    shutil.copytree(finished, out)
    # Another seed, so that the new model can be told from the previous one.
    train_killed(*train_args(data, out, tiny_model_dir, seed=7), at=moment)
    assert len(load_and_predict(out / "model")) == 3
    assert same_weights(out / "model", finished / "model") == (survivor == "previous")
    assert not (out / ".model.previous").exists()  # loading finished the interrupted swap
    # The model card (README.md) is written after evaluation, which a run killed while saving never reached.
    files = {p.name for p in (out / "model").iterdir()}
    assert files - {"README.md"} == {p.name for p in (finished / "model").iterdir()} - {"README.md"}

    if moment == "model-moved-away":  # the next run over the debris succeeds (once is enough: runs are slow)
        train(*train_args(data, out, tiny_model_dir, seed=7))
        assert len(load_and_predict(out / "model")) == 3
        assert not same_weights(out / "model", finished / "model")


def test_kill_plain_command_when_a_model_save_starts(finished, data, tiny_model_dir, tmp_path):
    """No hooks: watch the output folder and kill the moment the temporary model folder appears."""
    out = tmp_path / "out"
    shutil.copytree(finished, out)
    command = [sys.executable, "-m", "resume_bert", "train", *train_args(data, out, tiny_model_dir, seed=7)]
    process = subprocess.Popen(command, cwd=REPO, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while process.poll() is None and time.monotonic() < deadline:
            if any(p.name.startswith(".model.") for p in out.iterdir()):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    # Whenever the kill landed (or if the save won the race), a whole model is there.
    assert len(load_and_predict(out / "model")) == 3


def test_resume_after_kill_gives_the_same_model_and_metrics(finished, data, tiny_model_dir, tmp_path, capsys):
    """Kill the plain command once epoch 1's checkpoint is written, then `--resume`."""
    out = tmp_path / "out"
    state = out / "checkpoints" / "last" / "state.json"
    command = [sys.executable, "-m", "resume_bert", "train", *train_args(data, out, tiny_model_dir)]
    process = subprocess.Popen(command, cwd=REPO, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if json.loads(state.read_text())["progress"]["epochs_done"] >= 1:
                    process.send_signal(signal.SIGKILL)
                    break
            except (FileNotFoundError, ValueError):
                pass
            time.sleep(0.005)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert json.loads(state.read_text())["progress"]["epochs_done"] < EPOCHS
    assert not (out / "metrics.json").exists()

    assert "Resuming after epoch 1" in train(*train_args(data, out, tiny_model_dir, 42, "--resume"), capsys=capsys)
    assert scores(out) == scores(finished)
    assert same_weights(out / "model", finished / "model")
    history = json.loads((out / "history.json").read_text())["history"]
    reference = json.loads((finished / "history.json").read_text())["history"]

    def strip(rows):
        return [{k: v for k, v in r.items() if k not in ("seconds", "train_samples_per_s")} for r in rows]

    assert strip(history) == strip(reference)


def test_kill_while_a_checkpoint_is_swapped_in_then_resume(finished, data, tiny_model_dir, tmp_path, capsys):
    out = tmp_path / "out"
    train_killed(*train_args(data, out, tiny_model_dir), at="checkpoint-moved-away:2")
    assert (out / "checkpoints" / ".last.previous").exists() and not (out / "checkpoints" / "last").exists()

    assert "Resuming after epoch 1" in train(*train_args(data, out, tiny_model_dir, 42, "--resume"), capsys=capsys)
    assert scores(out) == scores(finished)
    assert same_weights(out / "model", finished / "model")


def test_resume_with_other_settings_is_refused(finished, data, tiny_model_dir, tmp_path, capsys):
    from resume_bert.app import cli

    out = tmp_path / "out"
    shutil.copytree(finished, out)
    args = train_args(data, out, tiny_model_dir, 42, "--resume")
    args[args.index("--learning-rate") + 1] = "1e-3"
    rc = cli.main(["train", *args])
    err = capsys.readouterr().err
    assert rc == 2
    assert "made with other settings (learning_rate differ)" in err
    assert "rerun with the same settings, or without resume to start over" in err


def test_resume_without_a_checkpoint_starts_from_the_first_epoch(finished, data, tiny_model_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert "starting from the first epoch" in train(
        *train_args(data, out, tiny_model_dir, 42, "--resume"), capsys=capsys
    )
    assert scores(out) == scores(finished)
