"""What every benchmark shares: the sample data split as the tutorial splits it, the machine, the JSON."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as `python benchmarks/x.py` without installing the package
    sys.path.insert(0, str(REPO))

DATA_PATH = REPO / "data" / "resume_chunks.csv"
RESULTS = Path(__file__).resolve().parent / "results"


def load_splits(data_path=DATA_PATH, seed: int = 42):
    """(splits, label_map): load → clean → split by resume, exactly as notebook 01 does."""
    from resume_bert.preparation import LabelMap, clean_dataset, load_dataset, split_dataset

    clean, _ = clean_dataset(load_dataset(data_path))
    return split_dataset(clean, seed=seed), LabelMap.from_labels(clean["label"])


def describe_machine() -> str:
    """CPU model and cores, or the GPU, plus the torch version: enough to compare runs."""
    import torch

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    text = f"{cpu}, {cores} CPU cores, torch {torch.__version__} ({torch.get_num_threads()} threads)"
    if torch.cuda.is_available():
        text = f"{torch.cuda.get_device_name()} + {text}"
    return text


def write_result(result: dict, name: str) -> Path:
    """Write `results/<name>.json` atomically and return its path."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2) + "\n")
    os.replace(tmp, path)
    return path
