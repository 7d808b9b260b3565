"""Time optimum's ONNX Runtime route (fp32 and dynamic int8, each behind `transformers.pipeline`) on one model.

optimum-onnx 0.1.0, the latest release, requires transformers<4.58, while resume_bert
uses transformers 5, so optimum cannot be imported beside the package. This script is
the optimum peer of `inference_speed.py`: it runs as a separate process inside its own
virtual environment (`make optimum-venv` builds `benchmarks/.cache/optimum-venv`) and
imports only the standard library, `benchmark_setup` (standard library only at import),
transformers, optimum, onnxruntime, numpy and torch.

    benchmarks/.cache/optimum-venv/bin/python benchmarks/optimum_peer.py \\
        --model-dir DIR --texts TEXTS.json --out OUT.json \\
        [--batch-sizes 8,16,32,64] [--rounds 3] [--threads 2] [--max-length 192] [--work-dir DIR]

DIR is a saved transformers model (config.json, weights, tokenizer); TEXTS.json is a JSON
list of strings. Two runs, with the strongest settings optimum's documentation offers a
CPU user:

- `optimum`: `ORTModelForSequenceClassification.from_pretrained(DIR, export=True)` (fp32),
  saved under the work dir, behind `pipeline("text-classification", device="cpu")`;
- `optimum_int8`: that export quantised dynamically by `ORTQuantizer` with
  `AutoQuantizationConfig.avx512_vnni(is_static=False, per_channel=True)`, loaded the same way.

Each run: the batch-size sweep `inference_speed.py` uses for its own runs (a warm-up call,
then one timed pass, per batch size) picks its fastest, then `--rounds` timed rounds at that
batch size. OUT.json
(written atomically) holds `versions`, `threads`, `texts` (count) and `runs`; each run has
`sweep` {batch size: texts/s}, `batch_size`, `seconds_per_round`, `samples_per_s` (texts
over the median round), `labels` (input order, last round), `setup` and `export_seconds`.
Exit status 2 with one line on stderr when DIR has no config.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmark_setup import fastest_batch_size, versions

from resume_bert.app.artifacts import write_json  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--model-dir", required=True, type=Path, help="saved transformers model (config.json, weights, tokenizer)"
    )
    p.add_argument("--texts", required=True, type=Path, help="JSON list of strings to label")
    p.add_argument("--out", required=True, type=Path, help="where to write the results (JSON)")
    p.add_argument("--batch-sizes", default="8,16,32,64", help="batch sizes to sweep, comma-separated")
    p.add_argument(
        "--sweep-texts",
        type=int,
        default=None,
        help="sweep the batch sizes on the first N texts only (default: all of them)",
    )
    p.add_argument("--rounds", type=int, default=3, help="timed rounds at the chosen batch size")
    p.add_argument("--threads", type=int, default=2, help="torch threads and ONNX Runtime intra-op threads")
    p.add_argument("--max-length", type=int, default=192, help="tokens per text; longer texts are truncated")
    p.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="where the exported and quantised models go (default: a temporary folder, removed after)",
    )
    args = p.parse_args(argv)
    args.batch_sizes = [int(b) for b in args.batch_sizes.split(",") if b.strip()]
    if not args.batch_sizes or min(args.batch_sizes) < 1 or args.rounds < 1 or args.threads < 1:
        p.error("--batch-sizes, --rounds and --threads must be positive")
    return args


def time_run(pipe, texts, batch_sizes, rounds, max_length, sweep_texts=None) -> dict:
    """Sweep the batch sizes on the first `sweep_texts` texts, then time `rounds` passes at the fastest one."""

    def label(batch, batch_size):
        return [p["label"] for p in pipe(batch, batch_size=batch_size, truncation=True, max_length=max_length)]

    best, sweep = fastest_batch_size(label, texts[:sweep_texts] if sweep_texts else texts, batch_sizes)
    print(f"  texts/s by batch size: {sweep}", flush=True)
    seconds_per_round = []
    for _ in range(rounds):
        start = time.perf_counter()
        labels = label(texts, best)
        seconds_per_round.append(time.perf_counter() - start)
    samples_per_s = len(texts) / statistics.median(seconds_per_round)
    print(f"  batch {best} chosen: {samples_per_s:.1f} texts/s over {rounds} round(s)", flush=True)
    return {
        "sweep": sweep,
        "batch_size": best,
        "seconds_per_round": [round(s, 4) for s in seconds_per_round],
        "samples_per_s": round(samples_per_s, 2),
        "labels": labels,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    if not (args.model_dir / "config.json").is_file():
        print(
            f"optimum_peer: {args.model_dir} has no config.json; --model-dir must be a saved transformers model",
            file=sys.stderr,
        )
        return 2
    texts = json.loads(args.texts.read_text())
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        print(f"optimum_peer: {args.texts} must hold a non-empty JSON list of strings", file=sys.stderr)
        return 2

    import onnxruntime
    import torch
    from optimum.onnxruntime import ORTModelForSequenceClassification, ORTQuantizer
    from optimum.onnxruntime.configuration import AutoQuantizationConfig
    from transformers import AutoTokenizer, pipeline

    torch.set_num_threads(args.threads)
    session_options = onnxruntime.SessionOptions()
    session_options.intra_op_num_threads = args.threads
    session_options.inter_op_num_threads = 1

    with tempfile.TemporaryDirectory(prefix="optimum_peer_") as tmp:
        work = args.work_dir or Path(tmp)
        fp32_dir, int8_dir = work / "optimum_fp32", work / "optimum_int8"
        tokenizer = AutoTokenizer.from_pretrained(args.model_dir)
        runs = {}

        print("optimum (fp32): exporting", flush=True)
        start = time.perf_counter()
        model = ORTModelForSequenceClassification.from_pretrained(
            args.model_dir, export=True, provider="CPUExecutionProvider", session_options=session_options
        )
        model.save_pretrained(fp32_dir)
        tokenizer.save_pretrained(fp32_dir)
        export_seconds = time.perf_counter() - start
        pipe = pipeline("text-classification", model=model, tokenizer=tokenizer, device="cpu")
        runs["optimum"] = time_run(pipe, texts, args.batch_sizes, args.rounds, args.max_length, args.sweep_texts)
        runs["optimum"]["setup"] = (
            "optimum ORTModelForSequenceClassification.from_pretrained(export=True), fp32, "
            "behind transformers.pipeline('text-classification', device='cpu')"
        )
        runs["optimum"]["export_seconds"] = round(export_seconds, 2)
        del pipe, model

        print("optimum_int8: quantising", flush=True)
        start = time.perf_counter()
        quantizer = ORTQuantizer.from_pretrained(fp32_dir)
        per_channel_note = "per_channel=True"
        try:
            config = AutoQuantizationConfig.avx512_vnni(is_static=False, per_channel=True)
            quantizer.quantize(quantization_config=config, save_dir=int8_dir)
        except Exception as error:  # noqa: BLE001 - record why and fall back, as the note says
            per_channel_note = f"per_channel=False (per_channel=True failed: {type(error).__name__}: {error})"
            config = AutoQuantizationConfig.avx512_vnni(is_static=False, per_channel=False)
            quantizer.quantize(quantization_config=config, save_dir=int8_dir)
        quantize_seconds = time.perf_counter() - start
        model = ORTModelForSequenceClassification.from_pretrained(
            int8_dir, file_name="model_quantized.onnx", provider="CPUExecutionProvider", session_options=session_options
        )
        pipe = pipeline("text-classification", model=model, tokenizer=tokenizer, device="cpu")
        runs["optimum_int8"] = time_run(pipe, texts, args.batch_sizes, args.rounds, args.max_length, args.sweep_texts)
        runs["optimum_int8"]["setup"] = (
            "the optimum export quantised dynamically by ORTQuantizer with "
            f"AutoQuantizationConfig.avx512_vnni(is_static=False, {per_channel_note}), "
            "loaded by ORTModelForSequenceClassification behind transformers.pipeline('text-classification')"
        )
        runs["optimum_int8"]["export_seconds"] = round(export_seconds + quantize_seconds, 2)
        runs["optimum_int8"]["quantize_seconds"] = round(quantize_seconds, 2)

    agree = sum(a == b for a, b in zip(runs["optimum"]["labels"], runs["optimum_int8"]["labels"])) / len(texts)
    print(f"fp32 and int8 labels agree on {agree:.1%} of {len(texts)} texts", flush=True)
    write_json(
        {
            "versions": versions(),
            "threads": args.threads,
            "texts": len(texts),
            "max_length": args.max_length,
            "runs": runs,
        },
        args.out,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
