"""The real-resume hold-out by where its resumes come from: accuracy per source group and per label, model by model.

    python benchmarks/holdout_groups.py artifacts/model [OTHER_MODEL_DIR ...]

The groups are the recipe study's (`recipe_analysis.SOURCE_GROUPS`, read from the `source`
column), so a group here is the same kind of resume as in the study's leave-one-source-out
tables. Prints a Markdown table with the chunks of each row and one column per model. Like
`recipe_check.py`, this reads the hold-out: it measures a choice once made, it does not make one.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from benchmark_setup import REPO
from recipe_analysis import accuracy_by, source_group

HOLDOUT = REPO / "data" / "real_holdout_chunks.csv"


def group_table(frame: pd.DataFrame, predictions: dict[str, list[str]]) -> pd.DataFrame:
    """Rows: all chunks, each source group, each label; columns: chunks, then each model's share labelled rightly."""
    gold = frame["label"].to_numpy()
    keyings = {"": np.full(len(frame), "all"), "group: ": frame["source"].map(source_group).to_numpy(), "label: ": gold}

    def rows(per_key) -> dict:
        return {prefix + key: value for prefix, keys in keyings.items() for key, value in sorted(per_key(keys).items())}

    table = pd.DataFrame({"chunks": rows(lambda keys: Counter(keys.tolist()))})
    for model, labels in predictions.items():
        right = np.asarray(labels) == gold
        table[model] = rows(lambda keys, right=right: accuracy_by(right, keys))
    return table


def markdown(table: pd.DataFrame) -> str:
    header = ["", *table.columns]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * len(table.columns)]
    for name in table.index:
        cells = [f"{table.at[name, 'chunks']:d}", *(f"{table.at[name, model]:.3f}" for model in table.columns[1:])]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("model_dirs", nargs="+", type=Path, help="saved models (`resume-bert train`'s model folder)")
    p.add_argument("--data-path", type=Path, default=HOLDOUT, help="a CSV with text, label and source columns")
    args = p.parse_args(argv)

    from resume_bert.inference import SectionClassifier

    frame = pd.read_csv(args.data_path, dtype=str, keep_default_na=False)
    texts = frame["text"].tolist()
    predictions = {str(d): SectionClassifier.from_pretrained(d).predict_labels(texts) for d in args.model_dirs}
    print(markdown(group_table(frame, predictions)))


if __name__ == "__main__":
    main()
