"""Shared fixtures: a tiny BERT built locally, small labelled CSVs, and the one trained run the tests share."""

from __future__ import annotations

import hashlib
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parent.parent

sys.path.insert(0, str(REPO / "benchmarks"))  # benchmark_setup: the tiny model and the columns group's layouts
from benchmark_setup import usable_cores  # noqa: E402  (the standard library only)

# Under pytest-xdist the workers share the cores: each worker's torch (and its subprocesses')
# gets its share, since threads that outnumber cores spend their time waiting on each other.
CORES = usable_cores()
if "PYTEST_XDIST_WORKER_COUNT" in os.environ:
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, CORES // int(os.environ["PYTEST_XDIST_WORKER_COUNT"]))))

# The eight sections of the sample data, and the keys metrics.json holds at least (README, DESIGN.md).
SECTION_LABELS = set(
    "Contact Information|Summary|Work Experience|Education|Skills|Projects|Certifications|Awards".split("|")
)
METRIC_KEYS = set(
    "accuracy precision recall f1 macro_f1 per_class baseline model_name_or_path n_train n_val n_test".split()
)
TOY_WORDS = {
    "Contact Information": ["phone", "email", "linkedin", "address", "street", "mobile", "city"],
    "Education": ["university", "bachelor", "degree", "college", "gpa", "school", "graduated"],
    "Skills": ["python", "excel", "communication", "sql", "teamwork", "tools", "languages"],
    "Work Experience": ["managed", "company", "responsible", "led", "employer", "role", "delivered"],
}


def make_toy_frame(n_per_label: int = 40, seed: int = 0, labels=None) -> pd.DataFrame:
    """An easily separable dataset: each label has its own words; every resume has one chunk per label."""
    rng = random.Random(seed)
    labels = labels or list(TOY_WORDS)
    rows = []
    for resume in range(n_per_label):
        for label in labels:
            words = [rng.choice(TOY_WORDS[label]) for _ in range(rng.randint(3, 9))]
            rows.append({"text": " ".join(words), "label": label, "resume_id": f"r{resume:03d}"})
    return pd.DataFrame(rows).drop_duplicates("text", ignore_index=True)


def digest(path: Path) -> tuple[str, int]:
    """A file's content hash and modification time: equal before and after means the file was not touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def train_args(data, out, model, *more) -> list[str]:
    """`resume-bert train` on the tiny model: one epoch, 32 tokens per chunk."""
    return [
        "train",
        *("--data-path", str(data), "--output-dir", str(out), "--model-name-or-path", str(model)),
        *("--num-train-epochs", "1", "--max-length", "32", *map(str, more)),
    ]


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A 2-layer, 32-wide BERT with random weights and the bundled WordPiece tokenizer.

    The weights are drawn from a seed of their own: otherwise they would depend on which
    tests ran first and drew from torch's global generator.
    """
    from benchmark_setup import save_tiny_bert

    return save_tiny_bert(tmp_path_factory.mktemp("tiny-bert"))


@pytest.fixture(scope="session")
def classifier_dir(tiny_model_dir, tmp_path_factory) -> Path:
    """The tiny BERT with an untrained head for the four toy labels, saved as `resume-bert train` saves it."""
    from resume_files import save_tiny_classifier

    return save_tiny_classifier(tiny_model_dir, tmp_path_factory.mktemp("classifier") / "model")


@pytest.fixture(scope="session")
def separated_classifier_dir(tiny_model_dir, tmp_path_factory) -> Path:
    """The same with its head scaled up, so that its labels are not near-ties that rounding could flip."""
    from transformers import AutoTokenizer

    from resume_bert.app.model_loading import load_model, save_model
    from resume_bert.preparation import LabelMap
    from resume_bert.training import set_seed

    set_seed(0)
    model, _ = load_model(str(tiny_model_dir), LabelMap(sorted(TOY_WORDS)))
    model.classifier.weight.data.mul_(200)
    folder = tmp_path_factory.mktemp("separated") / "model"
    save_model(model, AutoTokenizer.from_pretrained(tiny_model_dir), folder, max_length=24)
    return folder


@dataclass(frozen=True)
class TrainedRun:
    """What `trained` trained on and wrote; `inputs` holds each input file's digest from before the run."""

    out: Path
    data: Path
    rows: int
    inputs: dict


@pytest.fixture(scope="session")
def trained(tiny_model_dir, tmp_path_factory) -> TrainedRun:
    """The one trained run of the test session: `resume-bert train` in this process on a toy CSV whose columns are
    chunk and section, seed 5. Tests read its output folder; a test that changes files works on a copy."""
    from resume_bert.app import cli

    root = tmp_path_factory.mktemp("trained")
    frame = make_toy_frame(n_per_label=12).rename(columns={"text": "chunk", "label": "section"})
    frame.to_csv(root / "chunks.csv", index=False)
    inputs = [root / "chunks.csv", tiny_model_dir / "config.json", tiny_model_dir / "model.safetensors"]
    before = {path: digest(path) for path in inputs}
    more = ("--text-column", "chunk", "--label-column", "section", "--seed", 5)
    assert cli.main(train_args(root / "chunks.csv", root / "out", tiny_model_dir, *more)) == 0
    return TrainedRun(root / "out", root / "chunks.csv", len(frame), before)


@pytest.fixture
def toy_csv(tmp_path) -> Path:
    path = tmp_path / "toy.csv"
    make_toy_frame().to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def small_resume_csv(tmp_path_factory) -> Path:
    """Chunks of the first 30 resumes of the sample data (toy chunks when it is missing)."""
    path = tmp_path_factory.mktemp("small-data") / "resume_chunks.csv"
    source = REPO / "data" / "resume_chunks.csv"
    if source.exists():
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
        frame = frame[frame["resume_id"].isin(sorted(frame["resume_id"].unique())[:30])]
    else:
        frame = make_toy_frame(n_per_label=30)
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def tiny_lessons(tmp_path_factory, tiny_model_dir, small_resume_csv):
    """The seven lesson notebooks run once with papermill on the tiny model: (output folder, executed copies).

    Shared by the end-to-end checks and the solution notebooks, which read what the lessons wrote.
    """
    import nbformat

    from resume_bert.app.notebooks import run_notebooks

    root = tmp_path_factory.mktemp("tiny-lessons")
    parameters = {
        "model_name_or_path": str(tiny_model_dir),
        "num_train_epochs": 1,
        "max_length": 64,
        "data_path": str(small_resume_csv),
        "max_train_samples": 100,
    }
    executed = run_notebooks(root / "out", parameters, executed_dir=root / "executed", progress=False)
    return root / "out", [nbformat.read(path, as_version=4) for path in executed]


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the groups
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`make test`), start the full-size run first and keep the tiny lessons' users together.

    The full-size run takes most of the suite's time, so the other worker takes everything else
    meanwhile; the two tests that read the tiny lessons share one worker, so those run only once.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    for item in items:
        if "tiny_lessons" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("tiny_lessons"))
