"""Whole resumes into sections: the model-based splitter against the header-word one.

    python benchmarks/segmentation_quality.py --model-dir artifacts/model
    python benchmarks/segmentation_quality.py --model-dir artifacts/model --data-dir DEV --grid

Reads the files of data/whole_resumes/ (PDF, DOCX, TXT in five layouts) and truth.json
(the true section of every extracted line), cuts each resume with
`segmentation.segment_lines` (the model labels every line) and with
`segmentation.header_word_segments` (cut at header words, then label each piece), and
reports for each:

- line accuracy: the share of lines whose section label is right;
- boundary precision and recall: of the predicted section starts, how many are true
  ones, and of the true section starts, how many were found (exact line).

Both use the same model, so the difference is the splitting. Writes
benchmarks/results/segmentation_quality.json. `--grid` instead tries a few
SegmentationConfig values on --data-dir and prints them, for tuning on a set other
than the reported one (make one with make_whole_resumes.py --seed 7 --output-dir DEV).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from resume_bert.app.artifacts import write_json  # noqa: E402
from resume_bert.resumes.extraction import extract_lines  # noqa: E402
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
        from resume_bert.app.models import load_classifier
        return SectionClassifier.predict(self, texts, batch_size)


def load_set(data_dir: Path) -> list[dict]:
    """Each file's cleaned extracted lines with their truth; fails if the extractor no longer gives the same lines."""
    truth = json.loads((data_dir / "truth.json").read_text(encoding="utf-8"))
    resumes = []
    for entry in truth["files"]:
        lines = clean_lines(extract_lines(data_dir / entry["file"]))
        if [l.text for l in lines] != [t["text"] for t in entry["lines"]]:
            raise SystemExit(f"{entry['file']}: extracted lines differ from truth.json; rerun make_whole_resumes.py")
        resumes.append({**entry, "extracted": lines})
    return resumes


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
        gold = [t["label"] for t in r["lines"]]
        gold_starts = {i for i in range(1, len(gold)) if r["lines"][i]["section"] != r["lines"][i - 1]["section"]}
        assert len(labels) == len(gold), r["file"]
        correct += sum(a == b for a, b in zip(labels, gold))
        lines += len(gold)
        found += len(starts & gold_starts)
        predicted += len(starts)
        true += len(gold_starts)
    precision, recall = found / max(predicted, 1), found / max(true, 1)
    return {"line_accuracy": round(correct / lines, 4), "boundary_precision": round(precision, 4),
            "boundary_recall": round(recall, 4),
            "boundary_f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
            "lines": lines, "true_boundaries": true, "predicted_boundaries": predicted,
            "seconds_per_resume": round(seconds / len(resumes), 3)}


def evaluate(resumes, classifier, config: SegmentationConfig) -> dict:
    methods = {"header_words": lambda lines: header_word_segments(classifier, lines),
               "model": lambda lines: segment_lines(classifier, lines, config)}
    by_layout = defaultdict(list)
    for r in resumes:
        by_layout[r["layout"]].append(r)
    return {name: {"all": score(resumes, segment),
                   "by_layout": {layout: score(rs, segment) for layout, rs in sorted(by_layout.items())}}
            for name, segment in methods.items()}


def grid(resumes, classifier) -> None:
    cached = CachedClassifier(classifier)
    rows = []
    for switch, heading, gap, weight, headed in itertools.product([4.0, 6.0, 8.0, 10.0, 12.0], [0.5], [1.0, 2.0],
                                                                  [0.4, 0.6], [1.0, 1.5, 2.0]):
        config = SegmentationConfig(switch_cost=switch, heading_switch_cost=heading, gap_switch_cost=min(gap, switch),
                                    context_weight=weight, headed_factor=headed)
        s = score(resumes, lambda lines: segment_lines(cached, lines, config))
        rows.append((s["line_accuracy"] + s["boundary_f1"], s, config))
    for total, s, config in sorted(rows, key=lambda row: -row[0])[:10]:
        print(f"{total:.4f}  acc {s['line_accuracy']:.4f}  P {s['boundary_precision']:.4f}  R {s['boundary_recall']:.4f}  {config}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=str(ROOT / "artifacts" / "model"))
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "whole_resumes")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "segmentation_quality.json")
    parser.add_argument("--grid", action="store_true", help="try SegmentationConfig values on --data-dir instead")
    args = parser.parse_args(argv)

    import torch

    from resume_bert.evaluation import environment_versions
    from resume_bert.app.models import load_classifier
    torch.manual_seed(0)
    classifier = load_classifier(args.model_dir, device="cpu")
    resumes = load_set(args.data_dir)
    if args.grid:
        grid(resumes, classifier)
        return
    config = SegmentationConfig()
    results = evaluate(resumes, classifier, config)
    layouts = defaultdict(int)
    for r in resumes:
        layouts[r["layout"]] += 1
    write_json({"data_dir": str(args.data_dir.resolve().relative_to(ROOT)) if args.data_dir.resolve().is_relative_to(ROOT)
                else str(args.data_dir), "resumes": len(resumes), "layouts": dict(sorted(layouts.items())),
                "model_dir": Path(args.model_dir).name, "segmentation_config": asdict(config),
                "results": results, "versions": environment_versions()}, args.output)
    for name, r in results.items():
        a = r["all"]
        print(f"{name:<13} line accuracy {a['line_accuracy']:.4f}  boundary precision {a['boundary_precision']:.4f}"
              f"  recall {a['boundary_recall']:.4f}  ({a['seconds_per_resume']:.2f} s/resume)")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
