"""Load test of `resume-bert serve` on this machine: concurrent clients for a fixed time, per backend.

    python benchmarks/serve_load.py --model-dir artifacts/model [--backends pytorch onnx-int8] [--clients 50] [--seconds 30]
    python benchmarks/serve_load.py --model-dir MODEL --smoke     # 4 clients, 1 s: checks the script runs

For each backend (the ONNX ones need `resume-bert export --model-dir MODEL` first, which
this script runs when MODEL/onnx is missing):

1. the backend's own speed: `load_classifier(...).predict_proba` on batches of 256 texts
   (the service's largest batch) made of the request's chunks, for --backend-seconds, in
   this process with the service not running: chunks/s, timed before the first scenario and
   again right after it; the faster of the two is the reference;
2. per scenario, the service started in its own process on 127.0.0.1 (a free port), then
   CLIENTS clients sending requests back to back for SECONDS seconds:
   - predict: POST /predict with 8 resume chunks from data/holdout_chunks.csv;
   - sections: POST /sections with data/sample_resumes/us_registered_nurse.pdf.

Reports requests/s, p50/p95/p99 latency, failed requests (any answer but 200, or none
within 120 s) and, for /predict, the service's chunks/s as a share of the backend's own,
to benchmarks/results/serve_load.json, with the CPU and the load average before and after.
The clients run on the same machine as the service, so they are kept lean (one keep-alive
connection each, the request's bytes made once; `--client httpx` uses a general-purpose
client instead, to see what that costs). Beside each measurement it reports the cores the
clients, the service and every other process used, and it warns when the backend alone ran
more than 10% faster at one end of the run than at the other: a figure from a busy or
drifting machine measures the other jobs too. Localhost only, bounded in time; not part
of `make test`.
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
from benchmark_setup import REPO, RESULTS, describe_machine, load_average, versions

from resume_bert.app.artifacts import write_json  # noqa: E402

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 120  # seconds; a request unanswered by then counts as failed


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def ensure_export(model_dir: str, backend: str) -> None:
    if backend != "pytorch" and not (Path(model_dir) / "onnx").is_dir():
        print(f"exporting {model_dir} to ONNX for the {backend} backend")
        subprocess.run([sys.executable, "-m", "resume_bert", "export", "--model-dir", model_dir], cwd=REPO, check=True)


def backend_chunks_per_second(classifier, chunks: list[str], seconds: float) -> dict:
    """The backend's own speed on the service's batches, with nothing else running in this script."""
    from resume_bert.app.service import ServiceLimits

    size = ServiceLimits.max_batch_texts  # the service's largest forward pass
    batch = (chunks * (size // len(chunks) + 1))[:size]
    classifier.predict_proba(batch)  # warm-up: first calls pay one-off costs
    done, start, cpu, machine = 0, time.perf_counter(), cpu_seconds(), machine_cpu_seconds()
    while time.perf_counter() - start < seconds:
        classifier.predict_proba(batch)
        done += len(batch)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {
        "chunks_per_second": round(done / elapsed, 1),
        "chunks": done,
        "seconds": round(elapsed, 1),
        "batch_texts": size,
        "cores": round(cpu / elapsed, 2),
        "cpu_ms_per_chunk": round(1000 * cpu / done, 2),
        "other_processes_cores": other_cores(machine, cpu, elapsed),
    }


def start_service(model_dir: str, backend: str, port: int) -> subprocess.Popen:
    import httpx

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "resume_bert",
            "serve",
            "--model-dir",
            model_dir,
            "--host",
            HOST,
            "--port",
            str(port),
            "--backend",
            backend,
        ],
        cwd=REPO,
    )
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


def cpu_seconds(pid: int | None = None) -> float | None:
    """CPU seconds used so far by this process, or by process `pid` and the processes it started (the
    service's file readers, including ended ones it has reaped); None where /proc is missing."""
    if pid is None:
        return time.process_time()
    children, ticks = {}, {}
    try:
        for entry in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:  # it ended meanwhile
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
            ticks[int(entry)] = sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
    except OSError:
        return None
    total, todo = 0, [pid]
    while todo:
        process = todo.pop()
        total += ticks.get(process, 0)
        todo += children.get(process, [])
    return total / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float | None:
    """CPU seconds every core of the machine has been busy so far (all but idle and I/O wait); None without /proc."""
    try:
        with open("/proc/stat") as f:
            ticks = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def other_cores(machine_before: float | None, ours: float | None, elapsed: float) -> float | None:
    """Cores that other processes kept busy meanwhile: what disturbed this measurement."""
    machine = machine_cpu_seconds()
    if machine is None or machine_before is None or ours is None:
        return None
    return round(max(0.0, machine - machine_before - ours) / elapsed, 2)


def encoded_request(port: int, path: str, **content) -> bytes:
    """A POST to `path` as the bytes that go on the wire (httpx builds the body and its headers once)."""
    import httpx

    request = httpx.Request("POST", f"http://{HOST}:{port}{path}", **content)
    body = request.read()
    head = [f"POST {path} HTTP/1.1", f"host: {HOST}:{port}"]
    head += [f"{name}: {value}" for name, value in request.headers.items() if name not in ("host", "accept-encoding")]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


class Connection:
    """One keep-alive HTTP/1.1 connection that sends ready-made requests and reads each answer whole.

    The clients run on the service's machine, so they are kept cheap: no request building,
    no header objects, no decoding of the body (`--client httpx` shows what a general-purpose
    client costs instead).
    """

    def __init__(self, port: int):
        self.port, self.reader, self.writer = port, None, None

    async def send(self, raw: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        self.writer.write(raw)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readuntil(b"\r\n")
        else:  # the body runs to the end of the connection
            await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection") == "close":
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


LEAN_ERRORS = (OSError, EOFError, ValueError, IndexError, asyncio.IncompleteReadError, asyncio.LimitOverrunError)


async def run_scenario(
    port: int,
    clients: int,
    seconds: float,
    path: str,
    content: dict,
    service_pid: int | None = None,
    client: str = "lean",
) -> dict:
    """CLIENTS clients POSTing `content` to `path` back to back for SECONDS: counts, latency, the CPU each side used.

    `client` "lean" sends the request's bytes, made once, over one `Connection` per client;
    "httpx" sends it through one httpx.AsyncClient, a general-purpose client, to show what
    a heavier client on the same machine costs the service.
    """
    import httpx

    latencies, failures, statuses = [], 0, {}
    if client == "httpx":
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        pool = httpx.AsyncClient(base_url=f"http://{HOST}:{port}", timeout=REQUEST_TIMEOUT, limits=limits)
        connections, errors = [None] * clients, (httpx.HTTPError,)

        async def send(_):
            return (await pool.post(path, **content)).status_code
    else:
        raw = encoded_request(port, path, **content)
        connections, errors = [Connection(port) for _ in range(clients)], LEAN_ERRORS

        async def send(connection):
            return await connection.send(raw)

    await send(connections[0])  # warm-up, not timed
    stop = time.monotonic() + seconds

    async def one_client(connection):
        nonlocal failures
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                status = await asyncio.wait_for(send(connection), REQUEST_TIMEOUT)
            except (*errors, asyncio.TimeoutError) as err:
                status = type(err).__name__
                if connection is not None:
                    connection.close()
            statuses[str(status)] = statuses.get(str(status), 0) + 1
            if status == 200:
                latencies.append(time.perf_counter() - start)
            else:
                failures += 1

    began, client_cpu, service_cpu = time.monotonic(), cpu_seconds(), cpu_seconds(service_pid)
    machine = machine_cpu_seconds()
    await asyncio.gather(*(one_client(c) for c in connections))
    elapsed = time.monotonic() - began  # includes the requests in flight at the end
    client_cpu = cpu_seconds() - client_cpu
    service_cpu = None if service_cpu is None else cpu_seconds(service_pid) - service_cpu
    others = other_cores(machine, None if service_cpu is None else client_cpu + service_cpu, elapsed)
    if client == "httpx":
        await pool.aclose()
    for connection in connections:
        if connection is not None:
            connection.close()

    ms = np.array(latencies) * 1000

    def percentile(q):
        return round(float(np.percentile(ms, q)), 1) if len(ms) else None

    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies) + failures,
        "failed": failures,
        "statuses": statuses,
        "requests_per_second": round(len(latencies) / elapsed, 2),
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        # Cores busy on average: the clients share the machine with the service.
        "client_cores": round(client_cpu / elapsed, 3),
        "service_cores": None if service_cpu is None else round(service_cpu / elapsed, 3),
        "other_processes_cores": others,
    }


def main(argv=None) -> None:
    import pandas as pd

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", default=str(REPO / "artifacts" / "model"))
    parser.add_argument(
        "--backends", nargs="+", default=["pytorch", "onnx-int8"], choices=["pytorch", "onnx", "onnx-int8"]
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30, help="per scenario")
    parser.add_argument("--backend-seconds", type=float, default=15, help="timing the backend alone")
    parser.add_argument("--scenarios", nargs="+", default=["predict", "sections"], choices=["predict", "sections"])
    parser.add_argument(
        "--client",
        default="lean",
        choices=["lean", "httpx"],
        help="lean: one keep-alive connection per client sending ready-made bytes; httpx: a general-purpose client",
    )
    parser.add_argument("--smoke", action="store_true", help="4 clients, 1 s per scenario, 0.5 s for the backend")
    parser.add_argument("--output", type=Path, default=RESULTS / "serve_load.json")
    args = parser.parse_args(argv)
    if args.smoke:
        args.clients, args.seconds, args.backend_seconds = 4, 1, 0.5
    if not 1 <= args.clients <= 200 or not 1 <= args.seconds <= 300 or not 0.5 <= args.backend_seconds <= 300:
        raise SystemExit("keep the load bounded: 1-200 clients for 1-300 seconds (backend: 0.5-300 s)")
    model_dir = str(Path(args.model_dir).resolve())
    if not (Path(model_dir) / "config.json").is_file():
        raise SystemExit(f"no saved model in {args.model_dir}; run `make tutorial` (or resume-bert train) first")

    chunks = pd.read_csv(REPO / "data" / "holdout_chunks.csv")["text"].tolist()[:8]
    pdf = (REPO / "data" / "sample_resumes" / "us_registered_nurse.pdf").read_bytes()
    scenarios = {
        "predict": ("/predict", {"json": {"texts": chunks}}),
        "sections": ("/sections", {"files": {"file": ("us_registered_nurse.pdf", pdf, "application/pdf")}}),
    }
    load_before, began = load_average(), time.monotonic()
    results = {}
    from resume_bert.app.classifiers import load_classifier

    for backend in args.backends:
        ensure_export(model_dir, backend)
        classifier = load_classifier(model_dir, backend=backend)
        before = backend_chunks_per_second(classifier, chunks, args.backend_seconds)
        runs, after = {}, None
        for name, (path, content) in scenarios.items():
            if name not in args.scenarios:
                continue
            port = free_port()
            service = start_service(model_dir, backend, port)
            try:
                runs[name] = asyncio.run(
                    run_scenario(port, args.clients, args.seconds, path, content, service.pid, args.client)
                )
            finally:
                service.terminate()
                service.wait(timeout=60)
            if after is None:  # right after the first scenario: /predict, the one compared with the backend
                after = backend_chunks_per_second(classifier, chunks, args.backend_seconds)
        del classifier
        # The reference is the faster of the two: the backend's best in this run.
        own = max(before, after, key=lambda r: r["chunks_per_second"])
        drift = abs(before["chunks_per_second"] - after["chunks_per_second"]) / own["chunks_per_second"]
        results[backend] = {
            "backend_alone": own,
            "backend_alone_before_and_after": [before, after],
            "backend_drift": round(drift, 3),
            "scenarios": runs,
        }
        for name, r in runs.items():
            print(
                f"{backend:<10} {name:<9} {r['requests_per_second']:>7.2f} req/s  p50 {r['p50_ms']} ms  "
                f"p95 {r['p95_ms']} ms  p99 {r['p99_ms']} ms  failed {r['failed']} of {r['requests']}  "
                f"cores: clients {r['client_cores']}, service {r['service_cores']}, other processes {r['other_processes_cores']}"
            )
        if "predict" in runs:
            served = runs["predict"]["requests_per_second"] * len(chunks)
            runs["predict"]["chunks_per_second"] = round(served, 1)
            if runs["predict"]["service_cores"] is not None:
                runs["predict"]["service_cpu_ms_per_chunk"] = round(1000 * runs["predict"]["service_cores"] / served, 2)
            results[backend]["predict_share_of_backend"] = round(served / own["chunks_per_second"], 3)
            print(
                f"{backend:<10} /predict {served:.1f} chunks/s = {results[backend]['predict_share_of_backend']:.1%} "
                f"of the backend alone (the faster of {before['chunks_per_second']} before and "
                f"{after['chunks_per_second']} chunks/s after; {own['cores']} cores, "
                f"other processes {own['other_processes_cores']})"
            )
        if drift > 0.1:
            print(
                f"{backend:<10} the backend alone ran {drift:.0%} faster at one end of the run than at the other: "
                f"the machine's speed changed (other jobs, or its host); rerun before trusting the share"
            )
    load_after = load_average()
    print(f"{describe_machine()}; load average {load_before} -> {load_after}")

    write_json(
        {
            "command": "python benchmarks/serve_load.py " + " ".join(sys.argv[1:] if argv is None else argv),
            "machine": describe_machine(),
            "cpu_count": os.cpu_count(),
            "load_average_before_1_5_15_min": load_before,
            "load_average_after_1_5_15_min": load_after,
            "minutes": round((time.monotonic() - began) / 60, 1),
            "host": HOST,
            "model_dir": Path(model_dir).name,
            "clients": args.clients,
            "client": args.client,
            "seconds_per_scenario": args.seconds,
            "scenarios": args.scenarios,
            "texts_per_predict_request": len(chunks),
            "smoke": args.smoke,
            "backends": results,
            "versions": versions(),
        },
        args.output,
    )
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
