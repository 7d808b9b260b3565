"""Accuracy on a check set by source and by label, from the predictions `resume-bert predict` writes.

    resume-bert predict --model-dir MODEL --input data/real_dev_chunks.csv --output PRED.csv
    python data/real_resumes/score_by_source.py PRED.csv [PRED2.csv ...]

Prints Markdown tables: each predictions file a column, each source (the `source` column
of the real-resume sets; the whole set when there is none) and each label a row, with the
number of chunks and the share labelled rightly.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd


def table(frames: dict[str, pd.DataFrame], by: str) -> str:
    first = next(iter(frames.values()))
    keys = sorted(first[by].unique())
    head = f"| {by} | chunks | " + " | ".join(frames) + " |"
    rows = [head, "|---|---|" + "---|" * len(frames)]
    for key in keys + ["all"]:
        part = {name: f if key == "all" else f[f[by] == key] for name, f in frames.items()}
        n = len(next(iter(part.values())))
        scores = " | ".join(f"{(p['label'] == p['predicted_label']).mean():.3f}" for p in part.values())
        rows.append(f"| {key} | {n} | {scores} |")
    return "\n".join(rows)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", type=Path, nargs="+", help="CSV with label and predicted_label columns")
    args = parser.parse_args(argv)
    frames = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in args.predictions}
    for frame in frames.values():
        if "source" not in frame:
            frame["source"] = "all"
    print(table(frames, "source") + "\n\n" + table(frames, "label"))


if __name__ == "__main__":
    main()
