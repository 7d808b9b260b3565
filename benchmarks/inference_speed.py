"""Inference speed and agreement: PyTorch, ONNX Runtime (fp32, int8), `transformers.pipeline`, optimum.

Every run labels the same texts with the same trained model folder, on the same
number of threads, each at its own fastest batch size: a sweep over --batch-sizes on the
test split picks it. The runs in this process are then timed in alternation, several
rounds, and each run's median round is reported, so a burst of load from other programs
hits all of them alike. optimum needs transformers < 4.58, so it runs in a virtual
environment of its own (`make optimum-venv`), through benchmarks/optimum_peer.py, just
after the others. Reported per run: chunks per second, macro-F1 on the test split and on
each check set in data/, and the share of labels equal to PyTorch's; for the ONNX runs
also at every swept batch size, since int8 labels depend a little on which chunks share
a batch, and for `onnx-int8` the share of chunks it re-scored in fp32. `onnx_int8_no_rescore`
is the int8 graph without that re-scoring.

    python benchmarks/inference_speed.py            # test split + check sets, 3 rounds, 2 threads
    python benchmarks/inference_speed.py --quick    # the test split only, 2 rounds, batch size 16
    python benchmarks/inference_speed.py --model-dir artifacts/model --test-path artifacts/data/test.csv

Without --model-dir it trains one first, as `resume-bert train` does (bundled encoder,
3 epochs, a few minutes on 2 cores), into benchmarks/.cache/ and reuses it on later runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmark_setup import (
    DATA_PATH,
    REPO,
    data_digest,
    fastest_batch_size,
    load_average,
    run_record,
    set_threads,
    write_result,
)

CACHE = Path(__file__).resolve().parent / ".cache"
OPTIMUM_PYTHON = CACHE / "optimum-venv" / "bin" / "python"
ONNX_RUNS = ("onnx", "onnx_int8", "onnx_int8_no_rescore")
CHECK_SETS = ("holdout_chunks.csv", "real_holdout_chunks.csv", "dev_chunks.csv")
OPTIMUM_MISSING = (
    "optimum.onnxruntime is not installed: optimum-onnx (0.1.0, the latest release) requires "
    "transformers<4.58 and this project needs transformers 5, so pip cannot install both"
)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="the test split only, 2 rounds")
    p.add_argument("--model-dir", default=None, help="trained model folder (default: train one into benchmarks/.cache)")
    p.add_argument("--test-path", default=None, help="its test split (default: the one trained with it)")
    p.add_argument(
        "--batch-sizes",
        default=None,
        help="comma-separated batch sizes to sweep; each run is timed at its fastest (default 8,16,32,64; 16 with --quick)",
    )
    p.add_argument(
        "--optimum-python",
        default=str(OPTIMUM_PYTHON),
        help="python of the venv that has optimum-onnx (made by `make optimum-venv`)",
    )
    p.add_argument("--rounds", type=int, default=None, help="default 3, or 2 with --quick")
    p.add_argument("--threads", type=int, default=2, help="threads for torch and ONNX Runtime alike (default 2)")
    p.add_argument("--runs", default="pytorch,onnx,onnx_int8,onnx_int8_no_rescore,pipeline,optimum")
    p.add_argument(
        "--num-train-epochs", type=int, default=3, help="for the model trained when --model-dir is not given"
    )
    p.add_argument("--output-name", default="inference_speed", help="results/<name>.json")
    args = p.parse_args(argv)
    args.rounds = args.rounds or (2 if args.quick else 3)
    args.batch_sizes = [int(b) for b in (args.batch_sizes or ("16" if args.quick else "8,16,32,64")).split(",")]
    return args


def trained_model(epochs: int, threads: int) -> tuple[Path, Path]:
    """(model folder, test split): trained once by `resume-bert train` on the sample data, then reused for that version."""
    out = CACHE / f"trained_bundled_{epochs}ep_{data_digest()}"
    if not (out / "model" / "model.safetensors").exists():
        print(f"training a model for the benchmark into {out} (once) ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "resume_bert",
                "train",
                "--data-path",
                str(DATA_PATH),
                "--output-dir",
                str(out),
                "--model-name-or-path",
                "bundled",
                "--num-train-epochs",
                str(epochs),
            ],
            cwd=REPO,
            check=True,
            env={**os.environ, "OMP_NUM_THREADS": str(threads)},
        )
    return out / "model", out / "data" / "test.csv"


def evaluation_sets(test_path: Path, quick: bool) -> dict:
    """name -> (texts, gold labels): the test split, then every check set in data/ (unless quick)."""
    import pandas as pd

    paths = {"test": test_path}
    if not quick:
        paths.update(
            {
                name.removesuffix(".csv"): DATA_PATH.parent / name
                for name in CHECK_SETS
                if (DATA_PATH.parent / name).exists()
            }
        )
    sets = {}
    for name, path in paths.items():
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        sets[name] = (frame["text"].tolist(), frame["label"].tolist())
    return sets


def build_runners(args, model_dir: Path) -> tuple[dict, dict, int]:
    """name -> function(texts, batch_size) -> labels, a note on what each one is, and max_length."""
    from transformers import pipeline

    from resume_bert.app.classifiers import load_classifier
    from resume_bert.app.onnx_backend import INT8_RESCORE_MARGIN, export_onnx

    runners, notes, wanted = {}, {}, args.runs.split(",")
    pytorch = load_classifier(model_dir, device="cpu")
    max_length = pytorch.max_length
    runners["pytorch"] = pytorch.predict_labels
    notes["pytorch"] = "SectionClassifier (PyTorch): inference_mode, length-sorted batches, dynamic padding"
    if {"onnx", "onnx_int8"} & set(wanted):
        start = time.perf_counter()
        onnx_dir = export_onnx(model_dir, CACHE / "onnx")
        notes["export_seconds"] = round(time.perf_counter() - start, 1)
        runners["onnx"] = load_classifier(onnx_dir, backend="onnx").predict_labels
        runners["onnx_int8"] = counting_rescores(load_classifier(onnx_dir, backend="onnx-int8"))
        runners["onnx_int8_no_rescore"] = load_classifier(
            onnx_dir, backend="onnx-int8", rescore_margin=0
        ).predict_labels
        notes["onnx"] = (
            "SectionClassifier(backend='onnx'): ONNX Runtime, fp32, graph fused by the session, "
            "last layer for [CLS] only"
        )
        notes["onnx_int8"] = (
            f"SectionClassifier(backend='onnx-int8'): the same with int8 dynamically quantised "
            f"weights; chunks whose top two logits are under {INT8_RESCORE_MARGIN} apart re-scored "
            f"by the fp32 graph"
        )
        notes["onnx_int8_no_rescore"] = "the int8 graph alone (rescore_margin=0)"
    pipe = pipeline("text-classification", model=str(model_dir), device="cpu")
    runners["pipeline"] = lambda texts, batch_size: [
        p["label"] for p in pipe(texts, batch_size=batch_size, truncation=True, max_length=max_length)
    ]
    notes["pipeline"] = "transformers.pipeline('text-classification', batch_size, truncation=True): input order"
    return {k: v for k, v in runners.items() if k in wanted}, notes, max_length


def counting_rescores(classifier):
    """classifier.predict_labels, noting on itself the share of texts its last call re-scored in fp32."""

    def run(texts: list[str], batch_size: int) -> list[str]:
        before = classifier.model.rescored
        labels = classifier.predict_labels(texts, batch_size)
        run.rescored_share = round((classifier.model.rescored - before) / len(texts), 4)
        return labels

    return run


def run_optimum(args, model_dir: Path, texts: list[str], sweep_texts: int, max_length: int, threads: int) -> dict:
    """optimum's runs from benchmarks/optimum_peer.py in its own venv: name -> {labels, seconds, ...}, or a note."""
    import json
    import tempfile

    python = Path(args.optimum_python)
    if not python.exists():
        return {
            "optimum": {
                "skipped": f"{OPTIMUM_MISSING}; `make optimum-venv` builds a venv of its own for it "
                f"({python} not found)"
            }
        }
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "texts.json").write_text(json.dumps(texts))
        command = [
            str(python),
            str(Path(__file__).with_name("optimum_peer.py")),
            "--model-dir",
            str(model_dir),
            "--texts",
            str(Path(work) / "texts.json"),
            "--out",
            str(Path(work) / "out.json"),
            "--batch-sizes",
            ",".join(map(str, args.batch_sizes)),
            "--sweep-texts",
            str(sweep_texts),
            "--rounds",
            str(args.rounds),
            "--threads",
            str(threads),
            "--max-length",
            str(max_length),
            "--work-dir",
            work,
        ]
        done = subprocess.run(
            command, env={**os.environ, "OMP_NUM_THREADS": str(threads)}, capture_output=True, text=True
        )
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return {"optimum": {"skipped": f"optimum_peer.py failed: {tail}"}}
        peer = json.loads((Path(work) / "out.json").read_text())
    return {name: {**run, "versions": peer["versions"]} for name, run in peer["runs"].items()}


def main(argv=None) -> dict:
    args = parse_args(argv)
    threads = set_threads(args.threads)
    start, load_before = time.perf_counter(), load_average()
    if args.model_dir:
        model_dir = Path(args.model_dir)
        test_path = Path(args.test_path or model_dir.parent / "data" / "test.csv")
    else:
        model_dir, test_path = trained_model(args.num_train_epochs, threads)
    sets = evaluation_sets(test_path, args.quick)
    texts = [t for texts, _ in sets.values() for t in texts]
    runners, notes, max_length = build_runners(args, model_dir)
    sweep_texts = len(sets["test"][0])
    chosen, seconds, labels = time_runs(runners, texts, sweep_texts, args)
    peers = (
        run_optimum(args, model_dir, texts, sweep_texts, max_length, threads)
        if "optimum" in args.runs.split(",")
        else {}
    )
    for name, peer in peers.items():
        if "labels" in peer:
            labels[name], seconds[name] = peer.pop("labels"), peer.pop("seconds_per_round")
            chosen[name] = (peer.pop("batch_size"), peer.pop("sweep"))
            notes[name] = peer.pop("setup")
        else:
            notes[name] = peer["skipped"]
    runs = score_runs(args, sets, texts, runners, chosen, seconds, labels, notes, peers)
    ours = {k: runs[k]["samples_per_s"] for k in ONNX_RUNS if runs.get(k, {}).get("samples_per_s")}
    ratios = {
        f"{k}_vs_{peer}": round(v / runs[peer]["samples_per_s"], 2)
        for k, v in ours.items()
        for peer in ("pytorch", "pipeline", "optimum", "optimum_int8")
        if runs.get(peer, {}).get("samples_per_s")
    }
    result = {
        **run_record(threads, load_before),
        "model": str(model_dir.relative_to(REPO) if model_dir.is_relative_to(REPO) else model_dir),
        "mode": "quick" if args.quick else "full",
        "texts": len(texts),
        "sets": {name: len(t) for name, (t, _) in sets.items()},
        "batch_sizes_swept": args.batch_sizes,
        "max_length": max_length,
        "rounds": args.rounds,
        "export_seconds": notes.get("export_seconds"),
        "command": "python benchmarks/inference_speed.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "runs": runs,
        "ratios": ratios,
        "total_seconds": round(time.perf_counter() - start, 1),
    }
    print_result(result, write_result(result, args.output_name))
    return result


def time_runs(runners: dict, texts: list[str], sweep_texts: int, args) -> tuple[dict, dict, dict]:
    """Each run at its own fastest batch size (picked on the test split), then timed in alternation, several
    rounds: (name -> (batch size, sweep), name -> seconds per round, name -> labels of the last round)."""
    chosen = {}
    for name, run in runners.items():
        chosen[name] = fastest_batch_size(run, texts[:sweep_texts], args.batch_sizes)
        print(f"{name}: batch sizes {chosen[name][1]} -> {chosen[name][0]}", flush=True)
    seconds, labels = {name: [] for name in runners}, {}
    for _ in range(args.rounds):
        for name, run in runners.items():
            t0 = time.perf_counter()
            labels[name] = run(texts, chosen[name][0])
            seconds[name].append(time.perf_counter() - t0)
    return chosen, seconds, labels


def score_runs(args, sets, texts, runners, chosen, seconds, labels, notes, peers) -> dict:
    """Per run: chunks per second, macro-F1 and agreement with PyTorch's labels, per set and per batch size."""
    from sklearn.metrics import f1_score

    reference = labels["pytorch"]

    def scores(mine: list[str]) -> dict:
        """Macro-F1 and agreement with PyTorch's labels, overall and on each set."""
        by_set, agree_by_set, offset = {}, {}, 0
        for set_name, (set_texts, gold) in sets.items():
            part, ref = mine[offset : offset + len(set_texts)], reference[offset : offset + len(set_texts)]
            by_set[set_name] = round(float(f1_score(gold, part, average="macro", zero_division=0)), 4)
            agree_by_set[set_name] = round(sum(a == b for a, b in zip(part, ref)) / len(part), 4)
            offset += len(set_texts)
        return {
            "agreement": round(sum(a == b for a, b in zip(mine, reference)) / len(texts), 4),
            "macro_f1_by_set": by_set,
            "agreement_by_set": agree_by_set,
        }

    runs = {}
    for name, s in seconds.items():
        scored = scores(labels[name])
        runs[name] = {
            "samples_per_s": round(len(texts) / statistics.median(s), 2),
            "macro_f1": scored["macro_f1_by_set"]["test"],
            **scored,
            "batch_size": chosen[name][0],
            "samples_per_s_by_batch_size": chosen[name][1],
            "seconds_per_round": [round(x, 3) for x in s],
            "setup": notes[name],
            **({"versions": peers[name]["versions"]} if name in peers else {}),
        }
    if "onnx_int8" in runners:
        runs["onnx_int8"]["rescored_share"] = runners["onnx_int8"].rescored_share  # of the last timed round
    # Dynamic int8 quantises each batch's activations with one scale for the whole batch, so
    # a chunk's label can depend on the chunks it is batched with: score ours at every size
    # (the timed size from the labels above).
    for name in ONNX_RUNS:
        if name in runners:
            by_size = runs[name]["scores_by_batch_size"] = {}
            for b in args.batch_sizes:
                by_size[str(b)] = scores(labels[name] if b == chosen[name][0] else runners[name](texts, b))
                if name == "onnx_int8":
                    by_size[str(b)]["rescored_share"] = (
                        runs[name]["rescored_share"] if b == chosen[name][0] else runners[name].rescored_share
                    )
    for name in args.runs.split(","):
        if name not in runs and name in notes:
            runs[name] = {"samples_per_s": None, "macro_f1": None, "agreement": None, "skipped": notes[name]}
    return runs


def print_result(result: dict, path: Path) -> None:
    print(f"\n{result['machine']}; load average {result['load_average_before']} -> {result['load_average_after']}")
    print(
        f"{result['texts']} texts ({result['sets']}), max_length {result['max_length']}, median of "
        f"{result['rounds']} rounds, each run at its fastest of batch sizes {result['batch_sizes_swept']}"
    )
    print(f"{'run':<21} {'batch':>5} {'samples/s':>10} {'test macro-F1':>14} {'agreement':>10}")
    for name, run in result["runs"].items():
        if run["samples_per_s"] is None:
            print(f"{name:<21} skipped: {run['skipped']}")
        else:
            print(
                f"{name:<21} {run['batch_size']:>5} {run['samples_per_s']:>10.1f} {run['macro_f1']:>14.4f} "
                f"{run['agreement']:>10.4f}"
            )
    print("ratios: " + ", ".join(f"{k} {v:.2f}x" for k, v in result["ratios"].items()))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
