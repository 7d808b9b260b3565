"""What every benchmark shares: the sample data split as the tutorial splits it, the machine, the JSON.

Imports only the standard library at the top, so that optimum_peer.py can use it in its own venv.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python benchmarks/x.py` without installing the package
    sys.path.insert(0, str(REPO))

DATA_PATH = REPO / "data" / "resume_chunks.csv"
REAL_SETS = {"dev": REPO / "data" / "real_dev_chunks.csv", "holdout": REPO / "data" / "real_holdout_chunks.csv"}
RESULTS = Path(__file__).resolve().parent / "results"
# make_resume_chunks.py --seed of the samples a generator change is judged on: the committed one (its default), then two more
GENERATOR_SAMPLES = (13, 14, 15)


def sample_baseline(sample: int) -> Path:
    """The results of the default run on a sample of the unchanged generator (the draws in benchmarks/README.md)."""
    name = "recipe_study_shortlist" if sample == GENERATOR_SAMPLES[0] else f"recipe_study_draw{sample}"
    return RESULTS / f"{name}.json"


def load_splits(data_path=DATA_PATH, seed: int = 42):
    """(splits, label_map): load → clean → split by resume, exactly as notebook 01 does."""
    from resume_bert.app.input_checks import load_dataset
    from resume_bert.preparation import LabelMap, clean_dataset, split_dataset

    clean, _ = clean_dataset(load_dataset(data_path))
    return split_dataset(clean, seed=seed), LabelMap.from_labels(clean["label"])


class GeneratorMismatch(ValueError):
    """The generator's first resumes are not the data file's."""


def generator_rows(data_path=DATA_PATH, n_more: int = 0) -> tuple[list[dict], list[dict]]:
    """The generator rerun (its default seed): (rows of the data file's resumes, rows of the `n_more` after them).

    Its rows say what the CSV does not (each resume's convention, which were drawn as files). Its
    first resumes are the same whatever the count, and they must be the data file's, or what their
    rows say would belong to other resumes: GeneratorMismatch otherwise.
    """
    import pandas as pd

    committed = pd.read_csv(data_path, dtype=str, keep_default_na=False)
    sys.path.insert(0, str(REPO / "data"))
    try:
        import make_resume_chunks as generator

        # unchecked: the rows are compared with the data file, whose mix the generator checked when it wrote it
        rows = generator.generate(n_resumes=committed["resume_id"].nunique() + max(n_more, 0), checked=False)
    finally:
        sys.path.remove(str(REPO / "data"))
    ids = set(committed["resume_id"])
    own, after = [r for r in rows if r["resume_id"] in ids], [r for r in rows if r["resume_id"] not in ids]
    if [r["text"] for r in own] != committed["text"].tolist():
        raise GeneratorMismatch(
            f"the generator's first resumes are not {Path(data_path).name} (another seed, version or data path)"
        )
    return own, after


def file_sha256(path) -> str:
    """The SHA-256 of a data file with `\n` line endings, so that a checkout with Windows line endings is the same data."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def data_digest(path=DATA_PATH) -> str:
    """The first 16 hex digits of the SHA-256 of the sample data: which version a result was measured on."""
    return file_sha256(path)[:16]


def real_digests() -> dict[str, str]:
    """The digests of the real-resume check sets (development part, hold-out part), as `data_digest` takes them."""
    return {part: data_digest(path) for part, path in REAL_SETS.items()}


def cpu_name() -> str:
    """The CPU's model name (from /proc/cpuinfo where there is one)."""
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


def usable_cores() -> int:
    """The CPU cores this process may run on (its affinity where the OS has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def describe_machine() -> str:
    """CPU model and cores, or the GPU, plus the torch version: enough to compare runs."""
    import torch

    cpu = cpu_name()
    text = f"{cpu}, {usable_cores()} CPU cores, torch {torch.__version__} ({torch.get_num_threads()} threads)"
    if torch.cuda.is_available():
        text = f"{torch.cuda.get_device_name()} + {text}"
    return text


def versions() -> dict:
    """Versions of the libraries the peers run on (None where one is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for name in ("torch", "transformers", "accelerate", "onnxruntime", "onnx", "optimum", "optimum-onnx", "numpy"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def cpu_has_amx() -> bool:
    """Whether this CPU multiplies bf16 matrices in hardware (Intel AMX): there bf16 autocast is the fast setting."""
    import torch

    check = getattr(torch.cpu, "_is_amx_tile_supported", None)  # private, so looked up with care
    return bool(check and check())


def fast_precision() -> str:
    """The mixed precision that trains fastest here: the package's "auto" (bf16 or fp16 on a GPU), and bf16 on AMX CPUs."""
    import torch

    from resume_bert.app.training_run import mixed_precision_for

    return "bf16" if not torch.cuda.is_available() and cpu_has_amx() else mixed_precision_for("auto")


def fresh_accelerate_state() -> None:
    """Forget accelerate's process-wide settings, so the next run may pick another mixed precision."""
    from accelerate.state import AcceleratorState

    AcceleratorState._reset_state(reset_partial_state=True)


def load_average() -> list[float]:
    """1, 5 and 15-minute load averages: above the core count, other programs were competing for the CPU."""
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else []


def run_record(threads: int, load_before: list[float]) -> dict:
    """What every result records about the run: the machine, its threads, the load before and after, the versions."""
    return {
        "machine": describe_machine(),
        "threads": threads,
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "versions": versions(),
    }


# The layouts of the whole-resume set's columns group (data/whole_resumes): one resume drawn each way.
COLUMN_LAYOUTS = (
    "pdf-one-column",
    "pdf-sidebar-left",
    "pdf-sidebar-right",
    "pdf-two-columns",
    "pdf-banner",
    "docx-two-column-table",
    "docx-text-boxes",
)


def set_threads(threads: int | None) -> int:
    """Use `threads` torch threads (default: one per core this process may use); return the number."""
    import torch

    threads = threads or usable_cores()
    torch.set_num_threads(threads)
    return threads


def write_result(result: dict, name: str, folder: Path = RESULTS) -> Path:
    """Write `<folder>/<name>.json` (default results/) atomically and return its path."""
    from resume_bert.app.artifacts import write_json

    return write_json(result, Path(folder) / f"{name}.json")


def fastest_batch_size(run, texts: list[str], batch_sizes: list[int]) -> tuple[int, dict]:
    """(batch size, {batch size: texts/s}) for `run(texts, batch_size)`: one timed pass over `texts` per size."""
    import time

    sweep = {}
    for batch_size in batch_sizes:
        run(texts[:batch_size], batch_size)  # warm-up: first calls at a new shape pay one-off costs
        start = time.perf_counter()
        run(texts, batch_size)
        sweep[batch_size] = round(len(texts) / (time.perf_counter() - start), 2)
    return max(sweep, key=sweep.get), sweep


def save_tiny_bert(folder: Path) -> Path:
    """A 2-layer, 32-wide BERT with random weights from a seed of its own and the bundled tokenizer (smoke runs, tests)."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    from resume_bert.modeling import bundled_model_path

    tokenizer = AutoTokenizer.from_pretrained(bundled_model_path(), local_files_only=True)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    with torch.random.fork_rng():
        torch.manual_seed(0)
        BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return Path(folder)
