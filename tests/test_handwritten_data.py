"""The hand-written hold-out set (data/holdout_chunks.csv) is well formed and independent of the training data."""

import re

import pandas as pd

from conftest import REPO

LABELS = {"Contact Information", "Summary", "Work Experience", "Education",
          "Skills", "Projects", "Certifications", "Awards"}


def test_holdout_csv_is_well_formed_and_disjoint_from_training_data():
    holdout = pd.read_csv(REPO / "data" / "holdout_chunks.csv", encoding="utf-8", keep_default_na=False)
    assert list(holdout.columns) == ["text", "label", "resume_id"]
    assert set(holdout["label"]) == LABELS
    assert holdout["label"].value_counts().min() >= 15
    assert (holdout["text"].str.strip() != "").all() and (holdout["resume_id"] != "").all()
    assert not holdout["text"].duplicated().any()

    emails = [e for text in holdout["text"] for e in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)]
    assert emails, "expected some e-mail addresses in the contact chunks"
    assert all(re.fullmatch(r"[\w.+-]+@example\.(com|org|net)", e) for e in emails), emails

    training = pd.read_csv(REPO / "data" / "resume_chunks.csv", encoding="utf-8", keep_default_na=False)
    normalise = lambda s: " ".join(s.split()).lower()  # noqa: E731
    seen = set(training["text"].map(normalise))
    assert not [t for t in holdout["text"] if normalise(t) in seen]
