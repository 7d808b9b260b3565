"""App layer: check users' data and parameters before the lesson code runs, so each mistake is one line naming the fix."""

import math
import os
from collections import abc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataError, ParameterError
from ..preparation import CSV_READ_OPTIONS, LabelMap

_SNIFF_BYTES = 8192


def load_dataset(
    data_path: str | os.PathLike, text_column: str = "text", label_column: str = "label", encoding: str = "utf-8"
) -> pd.DataFrame:
    """Read a labelled CSV, checking the things people get wrong first; every column is kept (`resume_id` too)."""
    path = Path(data_path).expanduser()
    if not path.exists():
        raise DataError(f"data file not found: {path}; check data_path")
    if path.is_dir():
        raise DataError(f"{path} is a folder, not a CSV file; set data_path to the CSV inside it")
    _check_bytes(path, encoding, text_column, label_column)
    with csv_read_errors(path, encoding):
        df = pd.read_csv(path, encoding=encoding, **CSV_READ_OPTIONS)
    missing = [c for c in (text_column, label_column) if c not in df.columns]
    if missing:
        raise _missing_column(path, df.columns, missing[0], text_column)
    if df.empty:
        raise DataError(f"{path} has a header but no rows; add labelled examples")
    return df


@contextmanager
def csv_read_errors(path: Path, encoding: str) -> Iterator[None]:
    """The errors of reading a CSV as one-line DataErrors naming the fix."""
    try:
        yield
    except UnicodeDecodeError as err:
        raise DataError(
            f"{path} is not valid {encoding} (byte {err.object[err.start]:#04x} at position {err.start}); "
            f"re-save it as UTF-8 or pass its encoding (encoding='latin-1', --encoding latin-1)"
        ) from None
    except LookupError:
        raise DataError(
            f"unknown encoding {encoding!r}; use a Python codec name such as 'utf-8' or 'latin-1'"
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataError(
            f"{path} could not be read as CSV ({str(err).strip()}); save it as comma-separated text with a header row"
        ) from None


def _check_bytes(path: Path, encoding: str, text_column: str, label_column: str) -> None:
    """Refuse an empty file, and the binary files people mistake for CSV, by their first bytes."""
    with open(path, "rb") as f:
        head = f.read(_SNIFF_BYTES)
    if not head.strip():
        raise DataError(
            f"{path} is empty; it needs a header row with {text_column!r} and {label_column!r} and one row per example"
        )
    wide = encoding.lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and not wide:
        raise DataError(
            f"{path} is UTF-16 text (Excel's 'Unicode Text'); pass encoding='utf-16' (--encoding utf-16) or re-save it as CSV UTF-8"
        )
    if head.startswith(b"PK\x03\x04"):
        raise DataError(
            f"{path} is a zip archive or an Excel workbook, not CSV text; save it as 'CSV UTF-8 (comma delimited)'"
        )
    if b"\x00" in head and not wide:
        raise DataError(
            f"{path} looks like a binary file, not CSV text; export your data as a comma-separated .csv file"
        )


def _missing_column(path: Path, columns, missing: str, text_column: str) -> DataError:
    """The error for a column not found: the columns there are, and a separator other than commas if it looks like one."""
    names = [str(c) if len(str(c)) <= 40 else str(c)[:37] + "..." for c in columns[:20]]
    found = ", ".join(map(repr, names)) + (f" and {len(columns) - 20} more" if len(columns) > 20 else "")
    separator = next((s for s in (";", "\t", "|") if len(columns) == 1 and s in str(columns[0])), None)
    if separator:
        return DataError(
            f"{path} seems to be separated by {separator!r}, not commas (columns found: {found}); "
            f"save it as comma-separated CSV"
        )
    option = "text_column (--text-column)" if missing == text_column else "label_column (--label-column)"
    return DataError(
        f"column {missing!r} not found in {path} (columns found: {found or 'none'}); set {option} to the right name"
    )


def check_cleaned(clean: pd.DataFrame) -> pd.DataFrame:
    """The cleaned rows, or an error when cleaning left none."""
    if clean.empty:
        raise DataError(
            "no usable rows left after cleaning (every text was empty or unlabelled); check text_column and label_column"
        )
    return clean


def check_fractions(fractions: Sequence[float]) -> tuple[float, float, float]:
    """Validate train/val/test fractions: three, non-negative, train > 0, summing to one."""
    fractions = tuple(float(f) for f in fractions)
    if len(fractions) != 3:
        raise ParameterError(f"fractions must be three numbers (train, val, test), got {len(fractions)}")
    if any(f < 0 for f in fractions) or fractions[0] == 0:
        raise ParameterError(f"fractions must be non-negative with a positive train share, got {fractions}")
    if abs(sum(fractions) - 1.0) > 1e-6:
        raise ParameterError(
            f"fractions must sum to 1, got {fractions} (sum {sum(fractions):g}); for example 0.7 0.15 0.15"
        )
    return fractions  # type: ignore[return-value]


def check_splittable(df: pd.DataFrame, fractions: Sequence[float], seed, label_column: str = "label") -> None:
    """Refuse data that `split_dataset` cannot stratify: one label only, or a label with fewer rows than splits."""
    from ..training import TrainingConfig  # imported here so that the checks of data and text load no torch

    fractions = np.array(check_fractions(fractions))
    TrainingConfig(seed=seed)  # the seed's range is TrainingConfig's
    names, counts = np.unique(df[label_column].to_numpy(), return_counts=True)
    if len(names) < 2:
        raise DataError(f"only one label ({names[0]!r}) in the data; a classifier needs at least two")
    n_splits = int((fractions > 0).sum())
    rare = [(str(n), int(c)) for n, c in zip(names, counts) if c < n_splits]
    if rare:
        name, count = rare[0]
        raise DataError(
            f"label {name!r} has {count} row(s); a stratified split into {n_splits} parts needs at least "
            f"{n_splits} per label: add examples of it or remove it"
        )


def check_known_labels(label_map: LabelMap, labels) -> None:
    """Refuse labels the model was not trained on, naming them and the ones it knows."""
    unknown = sorted(set(labels) - label_map.label2id.keys())
    if unknown:
        raise DataError(
            f"labels not known to this model: {', '.join(map(repr, unknown))} "
            f"(it knows {', '.join(map(repr, label_map.labels))}); retrain on data that has them or drop those rows"
        )


def sample_rows(df: pd.DataFrame, n: int | None, seed: int = 42) -> pd.DataFrame:
    """`n` rows drawn at random (in their original order), for a quick run; all rows when `n` is None."""
    if n is not None and (isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1):
        raise ParameterError(f"max_train_samples must be a whole number of at least 1, or None; got {n}")
    if n is None or n >= len(df):
        return df
    return df.sample(n=n, random_state=seed).sort_index().reset_index(drop=True)


def as_texts(texts: Any) -> list[str]:
    """Accept one string or an iterable of anything: None and NaN become "", others str()."""
    if texts is None:
        return []
    if isinstance(texts, (str, bytes)) or not isinstance(texts, abc.Iterable):
        texts = [texts]  # one text, or one number, date, ...
    return [_as_text(text) for text in texts]


def _as_text(text: Any) -> str:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = text if isinstance(text, str) else str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (undecodable bytes in command-line arguments) crash the tokenizer.
        text = text.encode("utf-8", errors="replace").decode("utf-8")
    return text
