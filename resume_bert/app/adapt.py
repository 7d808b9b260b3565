"""App layer: continue training a fine-tuned classifier on corrected rows without forgetting (`resume-bert train --model-name-or-path MODEL_DIR`).

Rows of the original training data are mixed into the corrected ones so the model keeps what it knew,
and the lower layers can be frozen so few corrections move only the upper ones.
"""

import logging
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..errors import DataError
from ..preparation import DEFAULT_FRACTIONS, LabelMap, clean_dataset, split_dataset
from .artifacts import OutputLayout, read_json, write_json
from .classifiers import load_classifier
from .input_checks import load_dataset
from .options import ContinueArguments
from .workflow import PreparedData, check_outputs_spare_input, evaluate_frame, load_splits, save_splits

logger = logging.getLogger("resume_bert")


def mix_in(
    train: pd.DataFrame, mix_path, ratio: float, label_map: LabelMap, seed: int = 42, group_column: str = "resume_id"
) -> tuple[pd.DataFrame, int]:
    """`train` plus `ratio` × len(train) rows drawn from `mix_path` (the original training data); also how many were added.

    Only rows of the model's labels whose text is not in `train` are drawn; their resume ids get a `mix:` prefix.
    """
    if not ratio or mix_path is None:
        return train, 0
    mix, _ = clean_dataset(load_dataset(mix_path))
    mix = mix[mix["label"].isin(label_map.labels) & ~mix["text"].isin(set(train["text"]))]
    if mix.empty:
        raise DataError(f"{Path(mix_path).name} has no rows with this model's labels to mix in; pass --mix-data none")
    n = min(len(mix), round(ratio * len(train)))
    drawn = mix.sample(n=n, random_state=seed)
    ids = drawn[group_column] if group_column in drawn.columns else pd.Series(drawn.index, index=drawn.index)
    drawn = drawn.assign(**{group_column: "mix:" + ids.astype(str)})
    return pd.concat([train, drawn[["text", "label", group_column]]], ignore_index=True), n


def prepare_corrections(
    data_path,
    output_dir,
    start_labels: Sequence[str],
    options: ContinueArguments,
    *,
    fractions: Sequence[float] = DEFAULT_FRACTIONS,
    seed: int = 42,
    text_column: str = "text",
    label_column: str = "label",
    group_column: str = "resume_id",
    encoding: str = "utf-8",
):
    """Notebook 01's steps for corrected rows: load, clean, the starting model's labels (+ new ones), split by resume, mix.

    `options.keep_out` sets the test share (scored before and after). Returns (PreparedData, new labels, rows mixed in).
    """
    options = options.resolved(continuing=True)
    check_outputs_spare_input(data_path, output_dir)
    raw = load_dataset(data_path, text_column, label_column, encoding=encoding)
    clean, report = clean_dataset(raw, text_column, label_column)
    if group_column not in clean.columns:
        logger.warning(
            f"{Path(data_path).name} has no {group_column} column: rows of one resume may land on both "
            f"sides of the kept-out split, which flatters the after scores"
        )
        clean = clean.assign(**{group_column: [f"row{i}" for i in range(len(clean))]})
    new = sorted(set(clean["label"]) - set(start_labels))  # after the starting model's labels, in its order
    label_map = LabelMap(list(start_labels) + new)
    if options.keep_out:
        fractions = keep_out_fractions(fractions, options.keep_out)
    splits = split_dataset(clean, fractions, seed=seed, group_column=group_column)
    splits["train"], n_mixed = mix_in(
        splits["train"], options.mix_path(), options.mix_ratio, label_map, seed, group_column
    )
    save_splits(output_dir, splits, label_map, group_column)
    return PreparedData(raw, clean, report, label_map, splits), new, n_mixed


def keep_out_fractions(fractions: Sequence[float], keep_out: float) -> tuple[float, float, float]:
    """Train/val/test fractions whose test share is `keep_out`, train and val sharing the rest as before."""
    train, val = float(fractions[0]), float(fractions[1])
    return train / (train + val) * (1 - keep_out), val / (train + val) * (1 - keep_out), keep_out


def scores_of(classifier, frame: pd.DataFrame) -> dict:
    """Accuracy and macro-F1 of `classifier` on a labelled frame."""
    metrics, _ = evaluate_frame(classifier, frame)
    return {
        "n": len(frame),
        "accuracy": metrics["accuracy"],
        "macro_f1": metrics["macro_f1"],
        "per_class_f1": {k: v["f1"] for k, v in metrics["per_class"].items() if v["support"]},
    }


def before_and_after(start_dir, output_dir, check_sets: dict | None = None) -> dict:
    """The starting and the adapted model on the kept-out rows (the test split) and each check set whose labels it has."""
    out = OutputLayout(output_dir)
    splits, _ = load_splits(output_dir)
    sets = {"kept_out": splits["test"]}
    for name, path in (check_sets or {}).items():
        if Path(path).is_file():
            sets[name], _ = clean_dataset(load_dataset(path))
    result = {}
    for when, folder in (("before", start_dir), ("after", out.model)):
        classifier = load_classifier(folder)
        for name, frame in sets.items():
            if len(frame) and set(frame["label"]) <= set(classifier.labels):
                result.setdefault(name, {})[when] = scores_of(classifier, frame)
    metrics = read_json(out.metrics) if out.metrics.exists() else {}
    metrics["adaptation"] = {"start_model": str(start_dir), "sets": result}
    write_json(metrics, out.metrics)
    return result
