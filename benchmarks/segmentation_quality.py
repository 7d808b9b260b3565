"""Whole resumes into sections: the model-based splitter against the header-word one.

    python benchmarks/segmentation_quality.py --model-dir artifacts/model
    python benchmarks/segmentation_quality.py --model-dir artifacts/model --plain-pdf --output OTHER.json
    python benchmarks/segmentation_quality.py --model-dir artifacts/model --data-dir DEV --grid

Reads the files of data/whole_resumes/ (PDF, DOCX, TXT in twelve layouts) and truth.json
(the true section of every line), cuts each resume with
`segmentation.segment_lines` (the model labels every line) and with
`segmentation.header_word_segments` (cut at header words, then label each piece), and
reports for each:

- line accuracy: the share of lines whose section label is right;
- boundary precision and recall: of the predicted section starts, how many are true
  ones, and of the true section starts, how many were found (exact line);
- reading order (columns group): the share of the true lines, as drawn, that come out of
  the reader in their order (the longest run in order of exactly matched lines).

Both use the same model, so the difference is the splitting. The columns group draws
each of its resumes in every layout, so each two-column layout is set against the
one-column PDF of the same content (`vs_one_column`). `--plain-pdf` reads PDFs in
pdfplumber's plain order (columns interleaved), to see what reading columns first buys. Writes
benchmarks/results/segmentation_quality.json. `--grid` instead tries a few
SegmentationConfig values on --data-dir and prints them, for tuning on a set other
than the reported one (make one with make_whole_resumes.py --seed 8 --output-dir DEV).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

import numpy as np
from benchmark_setup import COLUMN_LAYOUTS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from resume_bert.app.artifacts import write_json  # noqa: E402
from resume_bert.resumes.extraction import extract_lines  # noqa: E402
from resume_bert.resumes.pdf_reader import pdf_lines  # noqa: E402
from resume_bert.resumes.segmentation import SegmentationConfig, clean_lines, header_word_segments, segment_lines  # noqa: E402


class CachedClassifier:
    """Remembers each text's probabilities, so a grid over the path costs runs the model once."""

    def __init__(self, classifier):
        self.classifier, self.labels, self.cache = classifier, classifier.labels, {}

    def predict_proba(self, texts, batch_size=None):
        texts = list(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if new:
            self.cache.update(zip(new, self.classifier.predict_proba(new)))
        return np.array([self.cache[t] for t in texts]).reshape(len(texts), len(self.labels))

    def predict(self, texts, batch_size=None):
        from resume_bert.inference import SectionClassifier

        return SectionClassifier.predict(self, texts, batch_size)


def load_set(data_dir: Path, plain_pdf: bool = False) -> list[dict]:
    """Each file's cleaned extracted lines with the true label and section of each.

    Files of the first group must extract to the lines of their truth (the benchmark stops
    otherwise); lines of the columns group are matched to the lines as drawn.
    """
    truth = json.loads((data_dir / "truth.json").read_text(encoding="utf-8"))
    resumes = []
    for entry in truth["files"]:
        path = data_dir / entry["file"]
        raw = pdf_lines(path, layout=False) if plain_pdf and path.suffix == ".pdf" else extract_lines(path)
        lines = clean_lines(raw)
        if entry.get("group") == "columns":
            gold, order = match_lines([ln.text for ln in lines], entry["lines"])
        elif plain_pdf and path.suffix == ".pdf":
            gold, order = match_lines([ln.text for ln in lines], entry["lines"])
        else:
            if [ln.text for ln in lines] != [t["text"] for t in entry["lines"]]:
                raise SystemExit(
                    f"{entry['file']}: extracted lines differ from truth.json; rerun make_whole_resumes.py"
                )
            gold, order = entry["lines"], 1.0
        resumes.append({**entry, "extracted": lines, "gold": gold, "reading_order": order})
    return resumes


def match_lines(texts: list[str], true_lines: list[dict]) -> tuple[list[dict], float]:
    """The true line each extracted line is, and the share of true lines that come out in order.

    A line is the first unused true line of the same text; a line of no true text (two
    columns run together) takes the true line it shares most words with and counts for no order.
    """
    unused = defaultdict(list)
    for k, t in enumerate(true_lines):
        unused[t["text"]].append(k)
    words = [Counter(t["text"].lower().split()) for t in true_lines]
    gold, matched = [], []
    for text in texts:
        if unused[text]:
            k = unused[text].pop(0)
            matched.append(k)
        else:
            mine = Counter(text.lower().split())
            k = max(range(len(true_lines)), key=lambda j: sum((mine & words[j]).values()))
        gold.append(true_lines[k])
    return gold, round(longest_increasing(matched) / max(len(true_lines), 1), 4)


def longest_increasing(values: list[int]) -> int:
    tails: list[int] = []
    for v in values:
        i = bisect.bisect_left(tails, v)
        tails[i : i + 1] = [v]
    return len(tails)


def per_line(sections) -> tuple[list[str], set[int]]:
    """Each line's predicted label, and the indices of the lines that start a section (but the first)."""
    labels, starts = [], set()
    for s in sections:
        if labels:
            starts.add(len(labels))
        labels += [s.label] * len(s.text.split("\n"))
    return labels, starts


def score(resumes, segment) -> dict:
    correct = lines = found = predicted = true = 0
    seconds = 0.0
    for r in resumes:
        start = time.perf_counter()
        labels, starts = per_line(segment(r["extracted"]))
        seconds += time.perf_counter() - start
        gold = [t["label"] for t in r["gold"]]
        gold_starts = {i for i in range(1, len(gold)) if r["gold"][i]["section"] != r["gold"][i - 1]["section"]}
        assert len(labels) == len(gold), r["file"]
        correct += sum(a == b for a, b in zip(labels, gold))
        lines += len(gold)
        found += len(starts & gold_starts)
        predicted += len(starts)
        true += len(gold_starts)
    precision, recall = found / max(predicted, 1), found / max(true, 1)
    return {
        "line_accuracy": round(correct / lines, 4),
        "boundary_precision": round(precision, 4),
        "boundary_recall": round(recall, 4),
        "boundary_f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
        "reading_order": round(float(np.mean([r["reading_order"] for r in resumes])), 4),
        "lines": lines,
        "true_boundaries": true,
        "predicted_boundaries": predicted,
        "seconds_per_resume": round(seconds / len(resumes), 3),
    }


def evaluate(resumes, classifier, config: SegmentationConfig) -> dict:
    methods = {
        "header_words": lambda lines: header_word_segments(classifier, lines),
        "model": lambda lines: segment_lines(classifier, lines, config),
    }
    by_layout = defaultdict(list)
    for r in resumes:
        by_layout[r["layout"]].append(r)
    results = {}
    for name, segment in methods.items():
        layouts = {layout: score(rs, segment) for layout, rs in sorted(by_layout.items())}
        results[name] = {"all": score(resumes, segment), "by_layout": layouts}
        if REFERENCE in layouts:
            results[name]["vs_one_column"] = {
                layout: round(layouts[layout]["line_accuracy"] - layouts[REFERENCE]["line_accuracy"], 4)
                for layout in COLUMN_LAYOUTS
                if layout in layouts
            }
    return results


REFERENCE = "pdf-one-column"


def layout_table(results: dict) -> str:
    """The per-layout figures as a Markdown table, model route beside the header-word one."""
    model, headers = results["model"], results["header_words"]
    rows = [
        "| layout | lines | reading order | line accuracy (model) | vs one column | boundary P | boundary R "
        "| line accuracy (header words) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for layout, m in model["by_layout"].items():
        diff = model.get("vs_one_column", {}).get(layout)
        rows.append(
            f"| {layout} | {m['lines']} | {m['reading_order']:.3f} | {m['line_accuracy']:.3f} | "
            f"{'' if diff is None else f'{diff:+.3f}'} | {m['boundary_precision']:.3f} | "
            f"{m['boundary_recall']:.3f} | {headers['by_layout'][layout]['line_accuracy']:.3f} |"
        )
    return "\n".join(rows)


def grid(resumes, classifier) -> None:
    cached = CachedClassifier(classifier)
    rows = []
    for switch, heading, gap, weight, headed in itertools.product(
        [2.0, 4.0, 6.0, 8.0, 10.0, 12.0], [0.5], [1.0, 2.0], [0.4, 0.6], [1.0, 1.5, 2.0, 3.0, 4.0, 6.0]
    ):
        config = SegmentationConfig(
            switch_cost=switch,
            heading_switch_cost=heading,
            gap_switch_cost=min(gap, switch),
            context_weight=weight,
            headed_factor=headed,
        )
        s = score(resumes, lambda lines, config=config: segment_lines(cached, lines, config))
        rows.append((s["line_accuracy"] + s["boundary_f1"], s, config))
    for total, s, config in sorted(rows, key=lambda row: -row[0])[:10]:
        print(
            f"{total:.4f}  acc {s['line_accuracy']:.4f}  P {s['boundary_precision']:.4f}  R {s['boundary_recall']:.4f}  {config}"
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=str(ROOT / "artifacts" / "model"))
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "whole_resumes")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "segmentation_quality.json")
    parser.add_argument("--grid", action="store_true", help="try SegmentationConfig values on --data-dir instead")
    parser.add_argument(
        "--plain-pdf",
        action="store_true",
        help="read PDFs in pdfplumber's plain order (columns interleaved), for comparison",
    )
    args = parser.parse_args(argv)

    import torch

    from resume_bert.app.classifiers import load_classifier
    from resume_bert.evaluation import environment_versions

    torch.manual_seed(0)
    classifier = load_classifier(args.model_dir, device="cpu")
    resumes = load_set(args.data_dir, plain_pdf=args.plain_pdf)
    if args.grid:
        grid(resumes, classifier)
        return
    config = SegmentationConfig()
    results = evaluate(resumes, classifier, config)
    layouts = defaultdict(int)
    for r in resumes:
        layouts[r["layout"]] += 1
    write_json(
        {
            "data_dir": str(args.data_dir.resolve().relative_to(ROOT))
            if args.data_dir.resolve().is_relative_to(ROOT)
            else str(args.data_dir),
            "resumes": len(resumes),
            "layouts": dict(sorted(layouts.items())),
            "model_dir": Path(args.model_dir).name,
            "pdf_reading": "plain" if args.plain_pdf else "columns",
            "segmentation_config": asdict(config),
            "results": results,
            "versions": environment_versions(),
        },
        args.output,
    )
    for name, r in results.items():
        a = r["all"]
        print(
            f"{name:<13} line accuracy {a['line_accuracy']:.4f}  boundary precision {a['boundary_precision']:.4f}"
            f"  recall {a['boundary_recall']:.4f}  ({a['seconds_per_resume']:.2f} s/resume)"
        )
    print(layout_table(results))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
