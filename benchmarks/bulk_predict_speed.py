"""Labelling at scale: `resume-bert predict --input big.csv --output out.csv` on N generated chunks.

The input is N rows drawn (with replacement, seeded) from data/resume_chunks.csv, each
with a row number, written to a temporary CSV. The labelling runs as the command a user
types, in its own process; reported: rows per second over the whole command (start-up
and model loading included), its peak resident memory, and whether the output kept
every row in input order. Several sizes (--rows 5000,20000) show whether memory stays
flat as the file grows.

    python benchmarks/bulk_predict_speed.py                        # 1,000,000 rows, ONNX int8 (about 45 minutes on 2 cores)
    python benchmarks/bulk_predict_speed.py --rows 20000,1000000   # what `make benchmarks` runs: memory flat as the file grows?
    python benchmarks/bulk_predict_speed.py --backend pytorch --rows 20000

Uses the model inference_speed.py trains into benchmarks/.cache (trained there first if missing).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmark_setup import DATA_PATH, REPO, describe_machine, load_average, versions, write_result


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", default="1000000", help="comma-separated input sizes (default 1,000,000)")
    p.add_argument("--backend", default="onnx-int8", choices=["pytorch", "onnx", "onnx-int8"])
    p.add_argument("--model-dir", default=None, help="trained model folder (default: inference_speed.py's)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--chunk-rows", type=int, default=10_000)
    p.add_argument("--batch-size", type=int, default=None, help="default: predict's (16 on CPU)")
    return p.parse_args(argv)


def write_input(path: Path, n: int, seed: int = 0) -> None:
    """n chunks sampled from the sample data, written in blocks so that this process stays small too."""
    import numpy as np
    import pandas as pd

    texts = pd.read_csv(DATA_PATH, usecols=["text"])["text"].to_numpy()
    rng = np.random.default_rng(seed)
    with open(path, "w", encoding="utf-8", newline="") as f:
        for start in range(0, n, 100_000):
            rows = np.arange(start, min(n, start + 100_000))
            pd.DataFrame({"row": rows, "text": texts[rng.integers(0, len(texts), len(rows))]}).to_csv(
                f, header=start == 0, index=False, lineterminator="\n"
            )


def output_in_order(path: Path, n: int) -> bool:
    import pandas as pd

    expected = 0
    for chunk in pd.read_csv(path, usecols=["row", "predicted_label"], chunksize=100_000):
        if not (chunk["row"].to_numpy() == range(expected, expected + len(chunk))).all():
            return False
        expected += len(chunk)
    return expected == n


def main(argv=None) -> dict:
    from inference_speed import trained_model

    from resume_bert.app.onnx_backend import INT8_FILE, ONNX_FILE, export_onnx
    from resume_bert.app.pytorch_backend import default_batch_size
    from resume_bert.modeling import select_device

    args = parse_args(argv)
    model_dir = Path(args.model_dir) if args.model_dir else trained_model(3, args.threads)[0]
    wanted = {"onnx": ONNX_FILE, "onnx-int8": INT8_FILE}.get(args.backend)
    if wanted and not (model_dir / "onnx" / wanted).exists():
        export_onnx(model_dir)
    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads)}
    sizes = []
    for n in [int(x) for x in args.rows.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            source, out = Path(tmp) / "big.csv", Path(tmp) / "labelled.csv"
            write_input(source, n)
            cmd = [
                sys.executable,
                "-m",
                "resume_bert",
                "predict",
                "--model-dir",
                str(model_dir),
                "--input",
                str(source),
                "--output",
                str(out),
                "--backend",
                args.backend,
                "--chunk-rows",
                str(args.chunk_rows),
            ]
            if args.batch_size:
                cmd += ["--batch-size", str(args.batch_size)]
            load_before = load_average()
            start = time.perf_counter()
            # A fresh process per size; wait4 gives that process's own peak resident memory.
            with open(Path(tmp) / "log.txt", "w+") as log:
                proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
                _, status, usage = os.wait4(proc.pid, 0)
                seconds = time.perf_counter() - start
                if os.waitstatus_to_exitcode(status) != 0:
                    log.seek(0)
                    raise SystemExit(log.read()[-2000:])
            peak = usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
            sizes.append(
                {
                    "rows": n,
                    "input_mib": round(source.stat().st_size / 2**20, 1),
                    "seconds": round(seconds, 1),
                    "rows_per_s": round(n / seconds, 1),
                    "peak_memory_mib": round(peak),
                    "rows_in_input_order": output_in_order(out, n),
                    "load_average_before": load_before,
                    "load_average_after": load_average(),
                }
            )
            print(
                f"{n} rows: {sizes[-1]['rows_per_s']} rows/s, peak memory {sizes[-1]['peak_memory_mib']} MiB "
                f", order kept: {sizes[-1]['rows_in_input_order']}",
                flush=True,
            )
    result = {
        "machine": describe_machine(),
        "threads": args.threads,
        "versions": versions(),
        "backend": args.backend,
        "chunk_rows": args.chunk_rows,
        # The ONNX backends run on CPU; PyTorch on the device predict picks.
        "batch_size": args.batch_size or default_batch_size("cpu" if args.backend != "pytorch" else select_device()),
        "model": str(model_dir.relative_to(REPO) if model_dir.is_relative_to(REPO) else model_dir),
        "note": (
            "rows/s over the whole command, start-up and model loading included; peak_memory_mib is the "
            "command's peak resident memory, so a flat value across sizes means memory did not grow with the file"
        ),
        "command": "python benchmarks/bulk_predict_speed.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "sizes": sizes,
    }
    path = write_result(result, "bulk_predict_speed")
    print(f"written to {path}")
    return result


if __name__ == "__main__":
    main()
