"""Clean labelled chunks, map labels to ids and split them by resume (notebook 01)."""

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

SPLITS = ("train", "val", "test")
DEFAULT_FRACTIONS = (0.7, 0.15, 0.15)
# Every column as text and only empty cells missing, so values (ids, "NA", "null") round-trip unchanged.
CSV_READ_OPTIONS = dict(dtype=str, keep_default_na=False, na_values=[""])

_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Normalise one chunk: NFKC, no control characters, single spaces, at most one blank line.

    Line breaks are kept because they carry the layout of a resume (bullets, tables).
    """
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@dataclass(frozen=True)
class CleaningReport:
    """What `clean_dataset` dropped, and why."""

    rows_in: int
    empty_text: int
    missing_label: int
    duplicates: int
    conflicting_labels: int
    rows_out: int

    def as_dict(self) -> dict:
        return asdict(self)

    def to_frame(self) -> pd.DataFrame:
        reasons = {
            "empty_text": "text empty after cleaning",
            "missing_label": "label missing",
            "duplicates": "exact duplicate of an earlier row",
            "conflicting_labels": "same text under different labels",
        }
        return pd.DataFrame(
            [(why, getattr(self, key)) for key, why in reasons.items()], columns=["dropped because", "rows"]
        )


def clean_dataset(
    df: pd.DataFrame, text_column: str = "text", label_column: str = "label"
) -> tuple[pd.DataFrame, CleaningReport]:
    """Return the cleaned rows (`text`, `label` plus any other columns) and a report of the drops."""
    out = df.rename(columns={text_column: "text", label_column: "label"})
    out["text"] = out["text"].map(lambda t: clean_text(t) if isinstance(t, str) else "")
    out["label"] = out["label"].map(lambda v: v.strip() if isinstance(v, str) else "")
    empty = out["text"] == ""
    out = out[~empty]
    unlabelled = out["label"] == ""
    out = out[~unlabelled]
    duplicated = out.duplicated(subset=["text", "label"])
    out = out[~duplicated]
    # A text filed under two labels teaches the model nothing but noise: drop every copy.
    conflicting = out.duplicated(subset=["text"], keep=False)
    out = out[~conflicting].reset_index(drop=True)
    report = CleaningReport(
        len(df), int(empty.sum()), int(unlabelled.sum()), int(duplicated.sum()), int(conflicting.sum()), len(out)
    )
    return out, report


class LabelMap:
    """Label names ↔ integer ids, in sorted order so every run numbers them the same."""

    def __init__(self, labels: Sequence[str]):
        self.labels = list(labels)
        self.label2id = {label: i for i, label in enumerate(self.labels)}
        self.id2label = dict(enumerate(self.labels))

    @classmethod
    def from_labels(cls, labels: Iterable[str]) -> "LabelMap":
        return cls(sorted(set(labels)))

    def __len__(self) -> int:
        return len(self.labels)

    def __repr__(self) -> str:
        return f"LabelMap({self.labels!r})"

    def encode(self, labels: Iterable[str]) -> list[int]:
        return [self.label2id[label] for label in labels]

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.id2label[int(i)] for i in ids]

    def save(self, path: str | os.PathLike) -> None:
        Path(path).write_text(
            json.dumps({"labels": self.labels}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: str | os.PathLike) -> "LabelMap":
        return cls(json.loads(Path(path).read_text(encoding="utf-8"))["labels"])


def split_dataset(
    df: pd.DataFrame,
    fractions: Sequence[float] = DEFAULT_FRACTIONS,
    seed: int = 42,
    label_column: str = "label",
    group_column: str | None = "resume_id",
) -> dict[str, pd.DataFrame]:
    """Split into train/val/test, stratified by label and grouped by `group_column` when present.

    Every row of a group (a resume) lands in one split, so no resume is seen in training
    and scored in testing. Groups are visited in a seeded random order (largest first) and
    each goes to the split that most lacks its labels, so label shares follow `fractions`.
    Without a group column each row is its own group: an exactly stratified split.
    """
    fractions = np.asarray(fractions, dtype=float)
    names, label_idx = np.unique(df[label_column].to_numpy(), return_inverse=True)
    if group_column and group_column in df.columns:
        groups = df[group_column].astype(str).to_numpy()
    else:
        groups = np.arange(len(df)).astype(str)
    group_names, group_idx = np.unique(groups, return_inverse=True)
    group_counts = np.zeros((len(group_names), len(names)))
    np.add.at(group_counts, (group_idx, label_idx), 1)
    counts = group_counts.sum(axis=0)

    rng = np.random.default_rng(seed)
    order = rng.permutation(len(group_names))
    order = order[np.argsort(-group_counts[order].sum(axis=1), kind="stable")]
    target = fractions[:, None] * counts[None, :]
    current = np.zeros_like(target)
    assignment = np.empty(len(group_names), dtype=int)
    for g in order:
        # How much each split still needs this group's labels, relative to each label's size.
        need = ((target - current) / counts[None, :] * group_counts[g][None, :]).sum(axis=1)
        need[fractions == 0] = -np.inf
        assignment[g] = int(np.argmax(need))
        current[assignment[g]] += group_counts[g]
    row_split = assignment[group_idx]
    return {name: df[row_split == i].reset_index(drop=True) for i, name in enumerate(SPLITS)}


def label_counts(splits: dict[str, pd.DataFrame], label_column: str = "label") -> pd.DataFrame:
    """Rows per label in each split, with totals: the table notebook 01 shows."""
    table = pd.DataFrame({name: part[label_column].value_counts() for name, part in splits.items()})
    table = table.fillna(0).astype(int).sort_index()
    table.loc["total"] = table.sum()
    return table
