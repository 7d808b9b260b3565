"""Load test of `resume-bert serve` on this machine: concurrent clients for a fixed time.

    python benchmarks/serve_load.py --model-dir artifacts/model [--clients 50] [--seconds 30]

Starts the service in its own process on 127.0.0.1 (a free port), then for each scenario
runs CLIENTS clients that send requests back to back for SECONDS seconds:

- predict: POST /predict with 8 resume chunks from data/holdout_chunks.csv;
- sections: POST /sections with data/sample_resumes/us_registered_nurse.pdf.

Reports requests per second, p50/p99 latency and the failed requests (any answer but
200, or no answer within 120 s) to benchmarks/results/serve_load.json. Localhost only,
bounded in time; not part of `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from resume_bert.app.artifacts import write_json  # noqa: E402

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_service(model_dir: str, port: int) -> subprocess.Popen:
    import httpx

    process = subprocess.Popen([sys.executable, "-m", "resume_bert", "serve", "--model-dir", model_dir,
                                "--host", HOST, "--port", str(port)], cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the service exited with status {process.returncode}")
        try:
            if httpx.get(f"http://{HOST}:{port}/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("the service did not answer /health within 120 s")


async def run_scenario(url: str, clients: int, seconds: float, request) -> dict:
    import httpx

    latencies, failures = [], 0
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        async def one_client():
            nonlocal failures
            while time.monotonic() < stop:
                start = time.perf_counter()
                try:
                    response = await request(client)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - start)
                else:
                    failures += 1

        began = time.monotonic()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.monotonic() - began
    ms = np.array(latencies) * 1000
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies) + failures,
            "failed": failures, "requests_per_second": round(len(latencies) / elapsed, 2),
            "p50_ms": round(float(np.percentile(ms, 50)), 1) if len(ms) else None,
            "p99_ms": round(float(np.percentile(ms, 99)), 1) if len(ms) else None}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=str(ROOT / "artifacts" / "model"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "serve_load.json")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 1 <= args.seconds <= 300:
        raise SystemExit("keep the load bounded: 1-200 clients for 1-300 seconds")

    chunks = pd.read_csv(ROOT / "data" / "holdout_chunks.csv")["text"].tolist()[:8]
    pdf = (ROOT / "data" / "sample_resumes" / "us_registered_nurse.pdf").read_bytes()
    scenarios = {
        "predict": lambda c: c.post("/predict", json={"texts": chunks}),
        "sections": lambda c: c.post("/sections", files={"file": ("us_registered_nurse.pdf", pdf, "application/pdf")}),
    }
    # Other programs on the machine slow the service down: record how busy it was.
    load_before = [round(x, 2) for x in os.getloadavg()]
    port = free_port()
    service = start_service(args.model_dir, port)
    results = {}
    try:
        for name, request in scenarios.items():
            results[name] = asyncio.run(run_scenario(f"http://{HOST}:{port}", args.clients, args.seconds, request))
            r = results[name]
            print(f"{name:<9} {r['requests_per_second']:>7.2f} req/s  p50 {r['p50_ms']} ms  p99 {r['p99_ms']} ms  "
                  f"failed {r['failed']} of {r['requests']}")
    finally:
        service.terminate()
        service.wait(timeout=30)

    import torch

    from resume_bert.evaluation import environment_versions

    write_json({"host": HOST, "model_dir": Path(args.model_dir).name, "cpu_count": os.cpu_count(),
                "load_average_before_1_5_15_min": load_before,
                "torch_threads": torch.get_num_threads(), "texts_per_predict_request": len(chunks),
                "scenarios": results, "versions": environment_versions()}, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
