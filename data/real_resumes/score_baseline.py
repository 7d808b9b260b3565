"""Score the TF-IDF + logistic regression baseline on the real-resume check sets.

The baseline (resume_bert.evaluation.tfidf_baseline, as in notebook 04) is trained on the
whole of data/resume_chunks.csv after clean_dataset and scored on data/real_dev_chunks.csv
and data/real_holdout_chunks.csv. Nothing is tuned here: it only measures.

    PYTHONPATH=. python data/real_resumes/score_baseline.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from resume_bert.evaluation import tfidf_baseline
from resume_bert.preparation import clean_dataset

DATA = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(DATA))
from resume_generator.labels import LABELS  # noqa: E402


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, encoding="utf-8", keep_default_na=False)


def main() -> None:
    train, _ = clean_dataset(read("resume_chunks.csv"))
    for name in ("real_dev_chunks.csv", "real_holdout_chunks.csv"):
        test, _ = clean_dataset(read(name))
        metrics, _ = tfidf_baseline(train["text"], train["label"], test["text"], test["label"], LABELS)
        print(
            f"\n{name}: {len(test)} chunks, accuracy {metrics['accuracy']:.3f}, "
            f"weighted F1 {metrics['f1']:.3f}, macro-F1 {metrics['macro_f1']:.3f}"
        )
        print("| label | recall | f1 | support |")
        print("|---|---|---|---|")
        for label in LABELS:
            row = metrics["per_class"][label]
            print(f"| {label} | {row['recall']:.2f} | {row['f1']:.2f} | {row['support']} |")


if __name__ == "__main__":
    main()
