"""Loading, cleaning, label maps and the split by resume (resume_bert.preparation)."""

import pandas as pd
import pytest
from conftest import make_toy_frame

from resume_bert.app.input_checks import load_dataset
from resume_bert.preparation import CleaningReport, LabelMap, clean_dataset, clean_text, label_counts, split_dataset


def test_clean_text_normalises_whitespace_but_keeps_lines():
    raw = "  EDUCATION \r\n\tB.Sc.\u00a0 Physics  \n\n\n\n• GPA 3.8\x07 "
    assert clean_text(raw) == "EDUCATION\nB.Sc. Physics\n\n• GPA 3.8"


def test_clean_dataset_drops_and_counts():
    df = pd.DataFrame(
        {
            "body": ["a b", "a b", "  ", "c", "d", "d", None],
            "tag": ["X", "X", "X", None, "X", "Y", "Y"],
        }
    )
    clean, report = clean_dataset(df, "body", "tag")
    assert report == CleaningReport(
        rows_in=7, empty_text=2, missing_label=1, duplicates=1, conflicting_labels=2, rows_out=1
    )
    assert clean[["text", "label"]].values.tolist() == [["a b", "X"]]


def test_load_dataset_keeps_other_columns(tmp_path):
    path = tmp_path / "d.csv"
    make_toy_frame(3).to_csv(path, index=False)
    df = load_dataset(path)
    assert list(df.columns) == ["text", "label", "resume_id"]


def test_label_map_is_sorted_and_round_trips(tmp_path):
    labels = LabelMap.from_labels(["Skills", "Awards", "Skills", "Education"])
    assert labels.labels == ["Awards", "Education", "Skills"]
    assert labels.encode(["Skills", "Awards"]) == [2, 0]
    assert labels.decode([1]) == ["Education"]
    labels.save(tmp_path / "labels.json")
    assert LabelMap.load(tmp_path / "labels.json").labels == labels.labels


def test_split_keeps_each_resume_in_one_split_and_follows_fractions():
    df = make_toy_frame(60)
    splits = split_dataset(df, seed=1)
    ids = [set(part["resume_id"]) for part in splits.values()]
    assert not (ids[0] & ids[1] or ids[0] & ids[2] or ids[1] & ids[2])
    assert sum(len(p) for p in splits.values()) == len(df)
    shares = [len(splits[k]) / len(df) for k in ("train", "val", "test")]
    assert shares == pytest.approx([0.7, 0.15, 0.15], abs=0.03)
    counts = label_counts(splits)
    assert (counts.loc[counts.index != "total", "test"] > 0).all()


def test_split_is_deterministic_for_a_seed_and_changes_with_it():
    df = make_toy_frame(40)
    a, b, c = (split_dataset(df, seed=s) for s in (7, 7, 8))
    assert all(a[k].equals(b[k]) for k in a)
    assert not a["test"].equals(c["test"])


def test_split_without_groups_is_exactly_stratified():
    df = make_toy_frame(40).drop(columns="resume_id")
    totals = df["label"].value_counts()
    splits = split_dataset(df, seed=0)
    for part, share in zip(splits.values(), (0.7, 0.15, 0.15)):
        counts = part["label"].value_counts()
        # Each label's rows are shared out to within one row of its exact share.
        assert ((counts - totals * share).abs() <= 1).all(), counts
