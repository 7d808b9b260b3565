"""The hand-written check sets are well formed and independent of the training data.

data/dev_chunks.csv is the development set (its error kinds were fed back into the generator);
data/holdout_chunks.csv is the hold-out set, written later and never used to change anything.
"""

import re

import pandas as pd
import pytest
from conftest import REPO
from conftest import SECTION_LABELS as LABELS


@pytest.mark.parametrize("file_name", ["dev_chunks.csv", "holdout_chunks.csv"])
def test_handwritten_csv_is_well_formed_and_disjoint_from_training_data(file_name):
    chunks = pd.read_csv(REPO / "data" / file_name, encoding="utf-8", keep_default_na=False)
    assert list(chunks.columns) == ["text", "label", "resume_id"]
    assert set(chunks["label"]) == LABELS
    assert chunks["label"].value_counts().min() >= 15
    assert (chunks["text"].str.strip() != "").all() and (chunks["resume_id"] != "").all()
    assert not chunks["text"].duplicated().any()

    emails = [e for text in chunks["text"] for e in re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)]
    assert emails, "expected some e-mail addresses in the contact chunks"
    assert all(re.fullmatch(r"[\w.+-]+@example\.(com|org|net)", e) for e in emails), emails

    training = pd.read_csv(REPO / "data" / "resume_chunks.csv", encoding="utf-8", keep_default_na=False)
    normalise = lambda s: " ".join(s.split()).lower()  # noqa: E731
    seen = set(training["text"].map(normalise))
    assert not [t for t in chunks["text"] if normalise(t) in seen]
