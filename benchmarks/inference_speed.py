"""Inference speed: `SectionClassifier.predict` vs `transformers.pipeline("text-classification")`.

Both load the same saved model folder and label the same texts at the same batch size,
in this one process. The two are timed in alternation, several rounds, and the median
round of each is reported, so a burst of load from other programs hits both alike.

    python benchmarks/inference_speed.py            # every chunk of the sample data, 3 rounds
    python benchmarks/inference_speed.py --quick    # the test split only
    python benchmarks/inference_speed.py --model-dir artifacts/model   # a model you trained
"""

from __future__ import annotations

import argparse
import sys
import statistics
import tempfile
import time
from pathlib import Path

from benchmark_setup import DATA_PATH, describe_machine, load_splits, write_result


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="the test split only")
    p.add_argument("--data-path", default=str(DATA_PATH))
    p.add_argument("--model-dir", default=None,
                   help="saved classification model (default: the bundled encoder with a new head, saved to a temp folder)")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--rounds", type=int, default=None, help="default 3")
    p.add_argument("--threads", type=int, default=None,
                   help="torch CPU threads (default: torch's choice, one per core); 1 is steadier when other programs share the cores")
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args(argv)
    args.rounds = args.rounds or 3
    return args


def save_untrained_model(folder: Path, label_map, texts) -> Path:
    """The bundled encoder with a fresh head, saved as training would save it (speed does not need trained weights)."""
    from resume_bert.dataset import suggest_max_length, token_lengths
    from resume_bert.modeling import load_model, load_tokenizer, save_model
    from resume_bert.training import set_seed

    tokenizer, used = load_tokenizer("bundled")
    set_seed(42)
    model, _ = load_model(used, label_map)
    return save_model(model, tokenizer, folder / "model", max_length=suggest_max_length(token_lengths(tokenizer, texts)))


def main(argv=None) -> dict:
    import torch
    from transformers import pipeline

    from resume_bert.inference import SectionClassifier

    args = parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    start = time.perf_counter()
    splits, label_map = load_splits(args.data_path, args.seed)
    texts = splits["test"]["text"].tolist() if args.quick else [t for part in splits.values() for t in part["text"]]
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(args.model_dir) if args.model_dir else save_untrained_model(Path(tmp), label_map, splits["train"]["text"])
        device = "cuda" if torch.cuda.is_available() else "cpu"
        ours = SectionClassifier.from_pretrained(model_dir, device=device, batch_size=args.batch_size)
        pipe = pipeline("text-classification", model=str(model_dir), device=device)
        max_length = ours.max_length

        def run_ours():
            return [p.label for p in ours.predict(texts, batch_size=args.batch_size)]

        def run_pipeline():
            return [p["label"] for p in pipe(texts, batch_size=args.batch_size, truncation=True, max_length=max_length)]

        runners = {"resume_bert": run_ours, "pipeline": run_pipeline}
        # Warm-up: first calls pay one-off costs.
        ours.predict(texts[:args.batch_size]), pipe(texts[:args.batch_size], batch_size=args.batch_size, truncation=True)
        seconds = {name: [] for name in runners}
        labels = {}
        for _ in range(args.rounds):
            for name, run in runners.items():
                t0 = time.perf_counter()
                labels[name] = run()
                seconds[name].append(time.perf_counter() - t0)

    agree = sum(a == b for a, b in zip(labels["resume_bert"], labels["pipeline"])) / len(texts)
    runs = {
        name: {
            "samples_per_s": round(len(texts) / statistics.median(s), 2),
            "median_seconds": round(statistics.median(s), 3),
            "seconds_per_round": [round(x, 3) for x in s],
        }
        for name, s in seconds.items()
    }
    runs["resume_bert"]["setup"] = "SectionClassifier.predict: inference_mode, length-sorted batches, dynamic padding"
    runs["pipeline"]["setup"] = "pipeline('text-classification', batch_size, truncation=True): batches in input order"
    result = {
        "machine": describe_machine(),
        "model": str(args.model_dir or "bundled encoder (all-MiniLM-L6-v2) with a new 8-label head"),
        "mode": "quick" if args.quick else "full",
        "texts": len(texts),
        "batch_size": args.batch_size,
        "max_length": max_length,
        "device": device,
        "rounds": args.rounds,
        "command": "python benchmarks/inference_speed.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "runs": runs,
        "ratio_resume_bert_vs_pipeline": round(runs["resume_bert"]["samples_per_s"] / runs["pipeline"]["samples_per_s"], 2),
        "same_labels_share": round(agree, 4),
        "total_seconds": round(time.perf_counter() - start, 1),
    }
    path = write_result(result, "inference_speed")
    print(f"\n{result['machine']}\n{result['texts']} texts, batch size {args.batch_size}, max_length {max_length}, "
          f"median of {args.rounds} rounds")
    print(f"{'run':<12} {'samples/s':>10}")
    for name, run in runs.items():
        print(f"{name:<12} {run['samples_per_s']:>10.1f}")
    print(f"resume_bert / pipeline: {result['ratio_resume_bert_vs_pipeline']:.2f}x; same label for {agree:.1%} of texts")
    print(f"written to {path}")
    return result


if __name__ == "__main__":
    main()
