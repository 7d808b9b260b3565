"""Lesson layer: load a labelled CSV, clean it, map labels to ids and split it by resume (notebook 01)."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .app.artifacts import read_json, write_json
from .errors import DataError, ParameterError

SPLITS = ("train", "val", "test")
DEFAULT_FRACTIONS = (0.7, 0.15, 0.15)

_SNIFF_BYTES = 8192
# Every column as text and only empty cells missing, so values (ids, "NA", "null") round-trip unchanged.
CSV_READ_OPTIONS = dict(dtype=str, keep_default_na=False, na_values=[""])


def load_dataset(
    data_path: str | os.PathLike,
    text_column: str = "text",
    label_column: str = "label",
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """Read a labelled CSV, checking the things people get wrong first.

    Returns the file's columns unchanged, so `resume_id` (or any group column) survives.
    """
    path = Path(data_path).expanduser()
    if not path.exists():
        raise DataError(f"data file not found: {path}; check data_path")
    if path.is_dir():
        raise DataError(f"{path} is a folder, not a CSV file; set data_path to the CSV inside it")
    with open(path, "rb") as f:
        head = f.read(_SNIFF_BYTES)
    if not head.strip():
        raise DataError(f"{path} is empty; it needs a header row with {text_column!r} and {label_column!r} and one row per example")
    wide = encoding.lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and not wide:
        raise DataError(f"{path} is UTF-16 text (Excel's 'Unicode Text'); pass encoding='utf-16' (--encoding utf-16) or re-save it as CSV UTF-8")
    if head.startswith(b"PK\x03\x04"):
        raise DataError(f"{path} is a zip archive or an Excel workbook, not CSV text; save it as 'CSV UTF-8 (comma delimited)'")
    if b"\x00" in head and not wide:
        raise DataError(f"{path} looks like a binary file, not CSV text; export your data as a comma-separated .csv file")
    try:
        df = pd.read_csv(path, encoding=encoding, **CSV_READ_OPTIONS)
    except UnicodeDecodeError as err:
        raise DataError(
            f"{path} is not valid {encoding} (byte {err.object[err.start]:#04x} at position {err.start}); "
            f"re-save it as UTF-8 or pass its encoding (encoding='latin-1', --encoding latin-1)"
        ) from None
    except LookupError:
        raise DataError(f"unknown encoding {encoding!r}; use a Python codec name such as 'utf-8' or 'latin-1'") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataError(f"{path} could not be read as CSV ({str(err).strip()}); save it as comma-separated text with a header row") from None
    missing = [c for c in (text_column, label_column) if c not in df.columns]
    if missing:
        names = [str(c) if len(str(c)) <= 40 else str(c)[:37] + "..." for c in df.columns[:20]]
        found = ", ".join(map(repr, names)) + (f" and {len(df.columns) - 20} more" if len(df.columns) > 20 else "")
        separator = next((s for s in (";", "\t", "|") if len(df.columns) == 1 and s in str(df.columns[0])), None)
        if separator:
            raise DataError(f"{path} seems to be separated by {separator!r}, not commas (columns found: {found}); "
                            f"save it as comma-separated CSV")
        option = "text_column (--text-column)" if text_column in missing else "label_column (--label-column)"
        raise DataError(f"column {missing[0]!r} not found in {path} (columns found: {found or 'none'}); set {option} to the right name")
    if df.empty:
        raise DataError(f"{path} has a header but no rows; add labelled examples")
    return df


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
        rows = [(why, getattr(self, key)) for key, why in reasons.items()]
        return pd.DataFrame(rows, columns=["dropped because", "rows"])


def clean_dataset(df: pd.DataFrame, text_column: str = "text", label_column: str = "label") -> tuple[pd.DataFrame, CleaningReport]:
    """Return the cleaned rows (`text`, `label` plus any other columns) and a report of the drops."""
    out = df.rename(columns={text_column: "text", label_column: "label"}).copy()
    out["text"] = out["text"].map(lambda t: clean_text(t) if isinstance(t, str) else "")
    out["label"] = out["label"].map(lambda v: v.strip() if isinstance(v, str) else "")
    n_in = len(out)

    empty = out["text"] == ""
    out = out[~empty]
    unlabelled = out["label"] == ""
    out = out[~unlabelled]
    duplicated = out.duplicated(subset=["text", "label"], keep="first")
    out = out[~duplicated]
    # A text filed under two labels teaches the model nothing but noise: drop every copy.
    conflicting = out.duplicated(subset=["text"], keep=False)
    out = out[~conflicting].reset_index(drop=True)

    report = CleaningReport(
        rows_in=n_in,
        empty_text=int(empty.sum()),
        missing_label=int(unlabelled.sum()),
        duplicates=int(duplicated.sum()),
        conflicting_labels=int(conflicting.sum()),
        rows_out=len(out),
    )
    if out.empty:
        raise DataError("no usable rows left after cleaning (every text was empty or unlabelled); check text_column and label_column")
    return out, report


class LabelMap:
    """Label names ↔ integer ids, in sorted order so every run numbers them the same."""

    def __init__(self, labels: Sequence[str]):
        labels = list(labels)
        if len(set(labels)) != len(labels):
            raise DataError("label list has repeated names; each label must appear once")
        self.labels = labels
        self.label2id = {label: i for i, label in enumerate(labels)}
        self.id2label = dict(enumerate(labels))

    @classmethod
    def from_labels(cls, labels: Iterable[str]) -> "LabelMap":
        return cls(sorted(set(labels)))

    def __len__(self) -> int:
        return len(self.labels)

    def __repr__(self) -> str:
        return f"LabelMap({self.labels!r})"

    def encode(self, labels: Iterable[str]) -> list[int]:
        labels = list(labels)
        unknown = sorted(set(labels) - self.label2id.keys())
        if unknown:
            raise DataError(
                f"labels not known to this model: {', '.join(map(repr, unknown))} "
                f"(it knows {', '.join(map(repr, self.labels))}); retrain on data that has them or drop those rows"
            )
        return [self.label2id[label] for label in labels]

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.id2label[int(i)] for i in ids]

    def save(self, path: str | os.PathLike) -> Path:
        return write_json({"labels": self.labels}, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> "LabelMap":
        return cls(read_json(path)["labels"])


def check_fractions(fractions: Sequence[float]) -> tuple[float, float, float]:
    """Validate train/val/test fractions: three, non-negative, train > 0, summing to one."""
    fractions = tuple(float(f) for f in fractions)
    if len(fractions) != 3:
        raise ParameterError(f"fractions must be three numbers (train, val, test), got {len(fractions)}")
    if any(f < 0 for f in fractions) or fractions[0] == 0:
        raise ParameterError(f"fractions must be non-negative with a positive train share, got {fractions}")
    if abs(sum(fractions) - 1.0) > 1e-6:
        raise ParameterError(f"fractions must sum to 1, got {fractions} (sum {sum(fractions):g}); for example 0.7 0.15 0.15")
    return fractions  # type: ignore[return-value]


def split_dataset(
    df: pd.DataFrame,
    fractions: Sequence[float] = DEFAULT_FRACTIONS,
    seed: int = 42,
    label_column: str = "label",
    group_column: str | None = "resume_id",
) -> dict[str, pd.DataFrame]:
    """Split into train/val/test, stratified by label and grouped by `group_column` when present.

    Every row of a group (a resume) lands in one split. Groups are visited in a seeded
    random order (largest first) and each goes to the split that most lacks its labels,
    so label shares follow `fractions` closely. Without a group column each row is its
    own group, which makes the split exactly stratified. Same data and seed, same split.
    """
    fractions = np.array(check_fractions(fractions))
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**32:
        raise ParameterError(f"seed must be a whole number from 0 to 4294967295, got {seed}")
    labels = df[label_column].to_numpy()
    names, label_idx = np.unique(labels, return_inverse=True)
    if len(names) < 2:
        raise DataError(f"only one label ({names[0]!r}) in the data; a classifier needs at least two")
    n_splits = int((fractions > 0).sum())
    counts = np.bincount(label_idx, minlength=len(names))
    rare = [(str(n), int(c)) for n, c in zip(names, counts) if c < n_splits]
    if rare:
        name, count = rare[0]
        raise DataError(
            f"label {name!r} has {count} row(s); a stratified split into {n_splits} parts needs at least "
            f"{n_splits} per label: add examples of it or remove it"
        )

    if group_column and group_column in df.columns:
        groups = df[group_column].astype(str).to_numpy()
    else:
        groups = np.arange(len(df)).astype(str)
    group_names, group_idx = np.unique(groups, return_inverse=True)
    group_counts = np.zeros((len(group_names), len(names)))
    np.add.at(group_counts, (group_idx, label_idx), 1)

    rng = np.random.default_rng(seed)
    order = rng.permutation(len(group_names))
    order = order[np.argsort(-group_counts[order].sum(axis=1), kind="stable")]

    target = fractions[:, None] * counts[None, :]
    current = np.zeros_like(target)
    assignment = np.empty(len(group_names), dtype=int)
    for g in order:
        # Need of each split for this group's labels, relative to each label's size.
        need = ((target - current) / counts[None, :] * group_counts[g][None, :]).sum(axis=1)
        need[fractions == 0] = -np.inf
        split = int(np.argmax(need))
        assignment[g] = split
        current[split] += group_counts[g]

    row_split = assignment[group_idx]
    return {name: df[row_split == i].reset_index(drop=True) for i, name in enumerate(SPLITS)}


def label_counts(splits: dict[str, pd.DataFrame], label_column: str = "label") -> pd.DataFrame:
    """Rows per label in each split, with totals: the table notebook 01 shows."""
    table = pd.DataFrame({name: part[label_column].value_counts() for name, part in splits.items()})
    table = table.fillna(0).astype(int).sort_index()
    table.loc["total"] = table.sum()
    return table


def sample_rows(df: pd.DataFrame, n: int | None, seed: int = 42) -> pd.DataFrame:
    """`n` rows drawn at random (in their original order), for a quick run; all rows when `n` is None."""
    if n is not None and (isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1):
        raise ParameterError(f"max_train_samples must be a whole number of at least 1, or None; got {n}")
    if n is None or n >= len(df):
        return df
    return df.sample(n=n, random_state=seed).sort_index().reset_index(drop=True)
