"""Shared fixtures: a tiny BERT built locally and small labelled CSVs, so tests need no network."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parent.parent

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


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A 2-layer, 32-wide BERT with random weights and the bundled WordPiece tokenizer.

    The weights are drawn from a seed of their own: otherwise they would depend on which
    tests ran first and drew from torch's global generator.
    """
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    from resume_bert.modeling import bundled_model_path

    folder = tmp_path_factory.mktemp("tiny-bert")
    tokenizer = AutoTokenizer.from_pretrained(bundled_model_path(), local_files_only=True)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    with torch.random.fork_rng():
        torch.manual_seed(0)
        BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


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
